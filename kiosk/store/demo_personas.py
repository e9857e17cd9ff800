"""All demo personas, gathered from the domain modules of kiosk/store/demo/."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from types import ModuleType

from kiosk.store import demo
from kiosk.store.demo.persona import Expectation, Persona, make_id_number

__all__ = ["BY_KEY", "DOMAIN_MODULES", "PERSONAS", "Expectation", "Persona", "make_id_number"]

DOMAIN_MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{demo.__name__}.{m.name}") for m in pkgutil.iter_modules(demo.__path__)
    if m.name != "persona"
)


def _gather() -> tuple[Persona, ...]:
    personas = [p for module in DOMAIN_MODULES for p in getattr(module, "PERSONAS", ())]
    keys = [p.key for p in personas]
    if len(set(keys)) != len(keys):
        raise ValueError(f"demo persona key used twice: {sorted(k for k in keys if keys.count(k) > 1)}")
    extra: dict[str, dict[str, Expectation]] = {}
    for module in DOMAIN_MODULES:
        for key, expectations in getattr(module, "EXPECTED", {}).items():
            if key not in keys:
                raise ValueError(f"{module.__name__}.EXPECTED names unknown persona {key!r}")
            extra.setdefault(key, {}).update(expectations)
    core_first = sorted(personas, key=lambda p: (p.key not in _CORE_ORDER, _CORE_ORDER.get(p.key, 0)))
    return tuple(dataclasses.replace(p, expected={**p.expected, **extra.get(p.key, {})}) for p in core_first)


_CORE_ORDER = {p.key: i for i, p in enumerate(importlib.import_module(f"{demo.__name__}.core").PERSONAS)}
PERSONAS: tuple[Persona, ...] = _gather()
BY_KEY: dict[str, Persona] = {p.key: p for p in PERSONAS}
