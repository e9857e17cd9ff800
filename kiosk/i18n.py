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
_GROUPS = re.compile(r"((?:\{[^{}]*\})+)")
# Chinese punctuation a composed text is split at, and what it becomes in English.
_SEPARATORS = {"：": ": ", "；": "; ", "，": ", ", "。": ". ", "、": ", ", "（": " (", "）": ")", "《": "“",
               "》": "” ", "？": "? ", "！": "! ", "“": "“", "”": "”"}
_FRAMED = re.compile(r"([^\u3400-\u9fffA-Za-z]*)(.*?)([^\u3400-\u9fffA-Za-z]*)", re.DOTALL)
_PUNCTUATION = re.compile("|".join(map(re.escape, _SEPARATORS)))
_SPLIT = re.compile("(" + "|".join(map(re.escape, _SEPARATORS)) + "| +)")  # and spaces: "{plan} {grade}"

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
    """(pattern, placeholders, msgstr) of the catalogue's msgids that hold {placeholders}.

    Placeholders side by side ("{keep}{sent}") are one value: nothing in the text tells where one
    ends, so the translation must keep them side by side too.
    """
    out = []
    for msgid, msgstr in _messages(language).items():
        if not msgstr or not _PLACEHOLDER.search(msgid):
            continue
        tokens = _GROUPS.split(msgid)
        literals, groups = tokens[0::2], tokens[1::2]
        if not any(CJK.search(p) for p in literals) or not all(g in msgstr for g in groups):
            continue
        # A value at the very end may be empty ("…办理{then}"); one between texts is not.
        pattern = "".join(re.escape(p) + ("" if i == len(groups) else "(.*?)" if i == len(groups) - 1 and not
                                          literals[-1] else "(.+?)") for i, p in enumerate(literals))
        out.append((sum(map(len, literals)), re.compile(pattern, re.DOTALL), groups, msgstr))
    # The most literal text first: "共 {n} 条记录" before "请{verb}{label}".
    out.sort(key=lambda t: -t[0])
    return [t[1:] for t in out]


@cache
def _clauses(language: str) -> dict[str, str]:
    """Clause by clause, where a msgid's clauses (between "，") and its msgstr's (between ": ", ", ",
    "; ") are as many: the device banner shows "身份证读卡器未连接" of "身份证读卡器未连接，暂停…"."""
    out: dict[str, str] = {}
    for msgid, msgstr in _messages(language).items():
        zh, en = msgid.split("，"), re.split(r"[:,;] ", msgstr)
        if len(zh) > 1 and len(zh) == len(en) and not _PLACEHOLDER.search(msgid):
            for a, b in zip(zh, en, strict=True):
                out.setdefault(a, b[:1].upper() + b[1:])
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


def _fill(match: re.Match[str], groups: list[str], msgstr: str, language: str) -> str:
    values = {g: translate(v, language) for g, v in zip(groups, match.groups(), strict=True)}
    return re.sub("|".join(map(re.escape, sorted(values, key=len, reverse=True))), lambda m: values[m.group(0)],
                  msgstr)


def _direct(text: str, language: str, part: bool = False) -> tuple[str | None, str | None, str | None]:
    """The catalogue's translation of the whole text, or of a template whose values all translate:
    (one whose values hold no Chinese punctuation, one whose values do, one whose values stay
    Chinese such as a name). A `part` of a composed text takes only the first kind."""
    if found := _messages(language).get(text) or _clauses(language).get(text):
        return found, None, None
    loose = with_data = None
    for pattern, groups, msgstr in _templates(language):
        match = pattern.fullmatch(text)
        if not match:
            continue
        # "开始日期：2026 年 3 月 17 日" is no "{year} 年 {month} 月 {day} 日" with year = "开始日期：2026".
        spans = any(_PUNCTUATION.search(v) for v in match.groups())
        if spans and part:
            continue
        filled = _fill(match, groups, msgstr, language)
        if any(CJK.search(translate(v, language)) for v in match.groups()):
            with_data = with_data or filled
        elif spans:
            loose = loose or filled
        else:
            return filled, None, None
    return None, loose, with_data


@cache
def _translate(text: str, language: str) -> str:
    found, loose, with_data = _direct(text, language)
    if found is not None:
        return found
    stripped = text.strip()
    if stripped != text:
        return text.replace(stripped, _translate(stripped, language)) if stripped else text
    if "\n" in text:
        return "\n".join(translate(line, language) for line in text.split("\n"))
    framed = _FRAMED.fullmatch(text)  # "1. 办理须知", "▶ 2. 核对信息 …": numbers and marks around a text
    pieces = _SPLIT.split(text)
    if len(pieces) > 1:
        composed = _pieces(pieces, language)
    elif framed and framed.group(2) != text:
        composed = framed.group(1) + translate(framed.group(2), language) + framed.group(3)
    else:
        composed = text
    # The pieces when they leave no Chinese; else a template reaching over punctuation ("{what}，
    # 中心正在办理…"), or one holding data ("周**，您好。"), whichever leaves the least Chinese.
    candidates = [composed, *(t for t in (loose, with_data) if t)]
    best = min(candidates, key=lambda t: len(CJK.findall(t)))
    if best == text and CJK.fullmatch(text[-1]):
        return _known_end(text, language) or text
    return best


def _known_end(text: str, language: str) -> str | None:
    """"上海市失业保险关系": data followed by a catalogue text of at least three characters."""
    messages = _messages(language)
    for start in range(1, len(text) - 2):
        if (found := messages.get(text[start:])) and not _PLACEHOLDER.search(text[start:]):
            return f"{translate(text[:start], language)} {found}"
    return None


def _pieces(pieces: list[str], language: str) -> str:
    """A text composed of catalogue texts and Chinese punctuation: the longest known run first."""
    out, i, last = [], 0, len(pieces) - 1
    while i <= last:
        for j in range(last, i, -1):
            joined = "".join(pieces[i:j + 1])
            found = _direct(joined, language, part=True)[0] if CJK.search(joined) else None
            if found is not None:
                out.append(found)
                i = j + 1
                break
        else:
            out.append(_SEPARATORS.get(pieces[i], pieces[i]) if i % 2 else translate(pieces[i], language))
            i += 1
    return re.sub(r" {2,}", " ", "".join(out)).strip()


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
