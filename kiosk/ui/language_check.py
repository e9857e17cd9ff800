"""Finds Chinese left on an English screen: the untranslated check of the screenshot catalogue.

Chinese on an English screen is fine only where it is the resident's data (a name, an address, an
employer, a centre's name typed in: anything the database or the resident's answers hold) or a
Chinese example the translation keeps on purpose (a centre's full name to type in Chinese). Any
other Chinese is a text missing from kiosk/locale/en/LC_MESSAGES/kiosk.po.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from sqlalchemy import select

from kiosk import i18n
from kiosk.store.database import Store
from kiosk.ui.layout_check import Item

_RUN = re.compile(r"[\u3400-\u9fff]+")
LANGUAGE_SWITCH = "中文"  # the switch back, labelled in its own language


def resident_data(store: Store, answers: Iterable[object] = ()) -> frozenset[str]:
    """Every Chinese text of the database (names, addresses, employers, banks…) and of `answers`."""
    from kiosk.store import models as m

    found: set[str] = set()
    _strings(list(answers), found)
    with store.transaction() as tx:
        for table in m.Base.metadata.sorted_tables:
            for row in tx.execute(select(table)):
                _strings(list(row), found)
    return frozenset(found)


def _strings(values: list[object], found: set[str]) -> None:
    """The Chinese strings in `values`, also inside JSON columns (a submission's typed answers)."""
    for v in values:
        if isinstance(v, str) and _RUN.search(v):
            found.add(v)
        elif isinstance(v, dict):
            _strings(list(v.values()), found)
        elif isinstance(v, (list, tuple)):
            _strings(list(v), found)


@cache
def _kept_in_translations(language: str) -> frozenset[str]:
    """Chinese the catalogue's translations keep on purpose (examples to type in Chinese)."""
    return frozenset(run for text in i18n._messages(language).values() for run in _RUN.findall(text))


def untranslated(text: str, data: frozenset[str], language: str = "en") -> list[str]:
    """The Chinese runs of `text` that are neither data nor kept on purpose."""
    kept = _kept_in_translations(language)
    return [run for run in _RUN.findall(text) if run != LANGUAGE_SWITCH and run not in kept
            and not any(run in d for d in data)]


def check(items: list[Item], data: frozenset[str], language: str = "en") -> list[Item]:
    """`items` with an "untranslated: …" problem on each text holding Chinese that is no data."""
    out = []
    for item in items:
        left = untranslated(item.text, data, language) if not item.problem else []
        out.append(replace(item, problem=f"untranslated: {'、'.join(left)} in {item.text!r}") if left else item)
    return out
