"""All demo personas for a day, gathered from the domain modules of kiosk/demo/.

Each domain module defines `personas(days)` and/or `expected(days)` (see kiosk/demo/__init__.py).
`PERSONAS` and `BY_KEY` are the personas of the reference day: names, cards, ID numbers and
passwords never depend on the day, so the UI's persona pickers use them as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from datetime import date
from types import ModuleType

from kiosk.config import SubsidySection
from kiosk.demo.builder import REFERENCE_DAY, Days
from kiosk.demo.persona import Expectation, Persona, make_id_number

__all__ = ["BY_KEY", "DOMAIN_MODULES", "PERSONAS", "Expectation", "Persona", "build", "by_key", "make_id_number"]

# Core personas first, then by domain: the pickers list them in this order.
_DOMAINS = ("core", "accounts", "hf_services", "housing_fund", "institution", "loan_query", "loans", "medical",
            "social_insurance", "unemployment")
DOMAIN_MODULES: tuple[ModuleType, ...] = tuple(importlib.import_module(f"kiosk.demo.{name}") for name in _DOMAINS)


@functools.lru_cache(maxsize=16)
def build(today: date = REFERENCE_DAY, subsidy: SubsidySection = SubsidySection()) -> tuple[Persona, ...]:
    """Every persona with its data and listed outcomes as of `today`."""
    days = Days(today, subsidy)
    personas = [p for module in DOMAIN_MODULES if hasattr(module, "personas") for p in module.personas(days)]
    keys = [p.key for p in personas]
    if len(set(keys)) != len(keys):
        raise ValueError(f"demo persona key used twice: {sorted(k for k in keys if keys.count(k) > 1)}")
    extra: dict[str, dict[str, Expectation]] = {}
    for module in DOMAIN_MODULES:
        for key, expectations in (module.expected(days) if hasattr(module, "expected") else {}).items():
            if key not in keys:
                raise ValueError(f"{module.__name__}.expected names unknown persona {key!r}")
            extra.setdefault(key, {}).update(expectations)
    return tuple(dataclasses.replace(p, expected={**p.expected, **extra.get(p.key, {})}) for p in personas)


def by_key(today: date = REFERENCE_DAY, subsidy: SubsidySection = SubsidySection()) -> dict[str, Persona]:
    return {p.key: p for p in build(today, subsidy)}


PERSONAS: tuple[Persona, ...] = build()
BY_KEY: dict[str, Persona] = by_key()
