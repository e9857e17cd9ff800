"""English as a second language: gettext catalogues whose msgids are the Chinese texts themselves.

The Chinese source strings stay the authority (the code reads as the guide does); the English
catalogue `kiosk/locale/en/LC_MESSAGES/kiosk.po` (compiled to `.mo` by `scripts/i18n.sh`) maps
them. Texts are translated where they reach the resident (a label, a button, a receipt, an SMS),
so the services keep building Chinese and official A4 documents stay Chinese.

A text the code composed is looked up as follows: the whole text; else a template msgid (an
f-string or `.format` text extracted with its `{placeholders}`, e.g. "您已于 {found.submitted_at}
提交{title}") whose literal parts match, the filled-in values translated in turn (a service
title) or kept (a date, a name); else line by line and part by part between Chinese punctuation.
Data from the resident's record (names, addresses, employers) is in no catalogue and stays as it is.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kiosk"
LANGUAGES = ("zh", "en")
CJK = re.compile(r"[\u3400-\u9fff]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Chinese punctuation a composed text is split at, and what it becomes in English.
_SEPARATORS = {"：": ": ", "；": "; ", "，": ", ", "。": ". ", "、": ", ", "（": " (", "）": ")", "《": "“",
               "》": "”", "？": "? ", "！": "! ", "“": "“", "”": "”"}
_FRAMED = re.compile(r"([^\u3400-\u9fffA-Za-z]*)(.*?)([^\u3400-\u9fffA-Za-z]*)", re.DOTALL)
_SPLIT = re.compile("(" + "|".join(map(re.escape, _SEPARATORS)) + ")")

_language = "zh"


def set_language(language: str) -> None:
    """The language of what the kiosk shows from now on (the UI follows the session's Presentation)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    global _language
    _language = language


def language() -> str:
    return _language


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (Chinese: none, the msgids are the Chinese texts).

    Raises:
        FileNotFoundError: If the English .mo was not compiled (run scripts/i18n.sh).
    """
    if language == "zh":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


@cache
def _templates(language: str) -> list[tuple[re.Pattern[str], list[str], str]]:
    """(pattern, placeholder names, msgstr) of the catalogue's msgids that hold {placeholders}."""
    out = []
    for msgid, msgstr in _messages(language).items():
        names = _PLACEHOLDER.findall(msgid)
        if not names or not msgstr:
            continue
        parts = _PLACEHOLDER.split(msgid)
        if not any(CJK.search(p) for p in parts):
            continue
        pattern = "".join(re.escape(p) + ("(.+?)" if i < len(names) else "") for i, p in enumerate(parts))
        out.append((re.compile(pattern, re.DOTALL), names, msgstr))
    # The most literal text first: "共 {n} 条记录" before "{a}{b}".
    out.sort(key=lambda t: -sum(len(p) for p in _PLACEHOLDER.split(t[0].pattern)))
    return out


def _messages(language: str) -> dict[str, str]:
    cat = catalogue(language)
    return {k: v for k, v in getattr(cat, "_catalog", {}).items() if isinstance(k, str) and k}


def translate(text: str, language: str | None = None) -> str:
    """`text` in `language` (default: the current one); Chinese, and text with no Chinese, unchanged."""
    language = language or _language
    if language == "zh" or not text or not CJK.search(text):
        return text
    return _translate(text, language)


@cache
def _translate(text: str, language: str) -> str:
    messages = _messages(language)
    if found := messages.get(text):
        return found
    stripped = text.strip()
    if stripped != text:
        return text.replace(stripped, _translate(stripped, language)) if stripped else text
    for pattern, names, msgstr in _templates(language):
        match = pattern.fullmatch(text)
        if match:
            values = {name: translate(value, language) for name, value in zip(names, match.groups(), strict=True)}
            return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), msgstr)
    if "\n" in text:
        return "\n".join(translate(line, language) for line in text.split("\n"))
    pieces = _SPLIT.split(text)
    if len(pieces) > 1:
        return "".join(_SEPARATORS.get(p, p) if i % 2 else translate(p, language)
                       for i, p in enumerate(pieces)).replace("  ", " ").strip()
    # "1. 办理须知", "▶ 2. 核对信息 …": numbers and marks around a catalogue text.
    framed = _FRAMED.fullmatch(text)
    if framed and framed.group(2) != text:
        return framed.group(1) + translate(framed.group(2), language) + framed.group(3)
    return text


def tr(text: str) -> str:
    """Short for `translate(text)` in the current language."""
    return translate(text)


def untranslated(text: str) -> list[str]:
    """The Chinese runs left in `text` (for the tests)."""
    return re.findall(r"[\u3400-\u9fff]+", text)


def translate_document(doc: Any, language: str) -> Any:
    """A receipt (kiosk.printing.document.Document) in `language`; the resident's data stays as it is.

    Only for receipts: official A4 documents stay in Chinese.
    """
    if language == "zh":
        return doc

    def t(text: str) -> str:
        return translate(text, language)

    sections = tuple(s.model_copy(update={
        "heading": t(s.heading),
        "lines": tuple(line.model_copy(update={"label": t(line.label), "value": t(line.value)}) for line in s.lines),
        "table": s.table and s.table.model_copy(update={
            "columns": tuple(map(t, s.table.columns)),
            "rows": tuple(tuple(map(t, row)) for row in s.table.rows)}),
    }) for s in doc.sections)
    return doc.model_copy(update={"title": t(doc.title), "issuer": t(doc.issuer), "sections": sections,
                                  "footer": tuple(map(t, doc.footer)), "language": language})
