"""The English catalogue: complete, up to date with the code, compiled, and used the way it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from babel.util import pathmatch

from kiosk import i18n
from kiosk.i18n_extract import extract_toml, messages

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "kiosk/locale/en/LC_MESSAGES/kiosk.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FIX = "run scripts/i18n.sh, fill in the msgstr in kiosk/locale/en/LC_MESSAGES/kiosk.po, run it again"


def _mapped_files(method: str = "kiosk") -> list[Path]:
    """The files babel.cfg sends through the extractor `method` (kiosk: Python, kiosk_toml: configs)."""
    patterns = re.findall(rf"^\[{method}: (.+)\]$", (ROOT / "babel.cfg").read_text(encoding="utf-8"), re.M)
    files = [*(ROOT / "kiosk").rglob("*.py"), *(ROOT / "config").glob("*.toml")]
    return sorted(p for p in files if any(pathmatch(pattern, p.relative_to(ROOT).as_posix()) for pattern in patterns))


def _catalogue():  # noqa: ANN202
    with PO.open("rb") as f:
        return read_po(f)


def _code_texts() -> dict[str, str]:
    """Every resident-facing Chinese text of the code → where it is (file:line)."""
    found: dict[str, str] = {}
    for path in _mapped_files():
        for line, text in messages(path.read_text(encoding="utf-8")):
            found.setdefault(text, f"{path.relative_to(ROOT)}:{line}")
    for path in _mapped_files("kiosk_toml"):
        with path.open("rb") as f:
            for _, _, text, _ in extract_toml(f, None, None, {}):
                found.setdefault(text, str(path.relative_to(ROOT)))
    return found


def test_every_text_of_the_code_is_in_the_catalogue() -> None:
    ids = {m.id for m in _catalogue() if m.id}
    missing = {text: where for text, where in _code_texts().items() if text not in ids}
    assert not missing, f"{len(missing)} Chinese texts not in the English catalogue ({FIX}):\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda x: x[1]))


def test_every_text_has_an_english_translation() -> None:
    where = _code_texts()
    empty = [(where.get(m.id, "?"), m.id) for m in _catalogue() if m.id and (not m.string or m.fuzzy)]
    assert not empty, f"{len(empty)} texts without English (empty or fuzzy msgstr; {FIX}):\n" + "\n".join(
        f"  {w}: {text!r}" for w, text in sorted(empty))


def test_translations_keep_their_placeholders() -> None:
    wrong = [(m.id, m.string) for m in _catalogue() if m.id and m.string and not m.id.startswith("^")
             and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert not wrong, "msgstr must hold the msgid's {placeholders}, each once:\n" + "\n".join(map(repr, wrong))


def test_the_compiled_catalogue_is_the_po() -> None:
    with MO.open("rb") as f:
        compiled = {m.id: m.string for m in read_mo(f) if m.id}
    source = {m.id: m.string for m in _catalogue() if m.id and m.string and not m.fuzzy}
    assert compiled == source, f"kiosk.mo is older than kiosk.po: {FIX}"


@pytest.mark.parametrize(("chinese", "english"), [
    ("返回首页", "Home"),  # a msgid
    ("业务流水号：202612040001", "Reference number: 202612040001"),  # an f-string template
    ("您已较长时间未操作，30 秒后将自动退出", "Logging out in 30 seconds"),
    ("姓名：张三", "Name: 张三"),  # label：value, the resident's name kept
    ("1. 办理须知", "1. Before you start"),  # the step indicator's number
    ("办理须知\n办理结果", "Before you start\nResult"),  # line by line
    ("张三", "张三"),  # data from the record is in no catalogue
])
def test_translate(chinese: str, english: str) -> None:
    assert i18n.translate(chinese, "en") == english
    assert i18n.translate(chinese, "zh") == chinese


def test_a_template_value_is_translated_too() -> None:
    assert i18n.translate("办理业务：园区掌上医保 APP 申请", "en") == "Service: SIP Mobile Medical Insurance app"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        i18n.set_language("fr")
