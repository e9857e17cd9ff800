"""The 28 services of SERVICES.md, declared as data (kiosk/services/specs/, one module per category).

Ids are stable; titles follow the guide. Importing this module registers every rule and checks
that every name a spec uses resolves.
"""

from __future__ import annotations

from kiosk.services import rules  # noqa: F401  (registers every rule name the specs use)
from kiosk.services.registry import (ACTIONS, DETAILS, ELIGIBILITY, FACTS, FIELD_RULES, OPTIONS, PREFILL, PREVIEW,
                                     STEP_CHECKS, SUBMIT, VERIFY, VIEWS)
from kiosk.services.service_list import SERVICES
from kiosk.services.spec import ServiceSpec

BY_ID: dict[str, ServiceSpec] = {s.id: s for s in SERVICES}


def get(service_id: str) -> ServiceSpec:
    try:
        return BY_ID[service_id]
    except KeyError:
        raise LookupError(f"未知业务编号 {service_id!r}") from None


def built() -> list[ServiceSpec]:
    return [s for s in SERVICES if s.built]


def check_catalogue() -> None:
    """Resolves every name every spec uses; raises LookupError on the first typo (run at start-up)."""
    if len(BY_ID) != len(SERVICES):
        raise LookupError("duplicate service id in the catalogue")
    for spec in SERVICES:
        if spec.eligibility:
            ELIGIBILITY.resolve(spec.eligibility)
        if spec.preview:
            PREVIEW.resolve(spec.preview)
        for name in spec.needs:
            FACTS.resolve(name)
        if spec.built and spec.query:
            if not spec.steps or spec.steps[-1].kind != "view" or spec.submit:
                raise LookupError(f"{spec.id}: a query ends with a view step and submits nothing")
        elif spec.built:
            SUBMIT.resolve(spec.submit or "")
            if not spec.steps or spec.steps[-1].kind != "review":
                raise LookupError(f"{spec.id}: a built service ends with a review step")
        keys: set[str] = set()
        for step in spec.steps:
            if step.details:
                DETAILS.resolve(step.details)
            for name in step.checks:
                STEP_CHECKS.resolve(name)
            if step.verify:
                VERIFY.resolve(step.verify)
            if step.kind == "view":
                VIEWS.resolve(step.view or "")
            for f in step.fields:
                if f.key in keys:
                    raise LookupError(f"{spec.id}: field {f.key!r} declared twice")
                keys.add(f.key)
                if f.options_from:
                    OPTIONS.resolve(f.options_from)
                if f.prefill:
                    PREFILL.resolve(f.prefill)
                for rule in f.rules:
                    FIELD_RULES.resolve(rule)
                if f.action:
                    ACTIONS.resolve(f.action)
                if f.kind in ("choice", "multichoice") and not (f.options or f.options_from):
                    raise LookupError(f"{spec.id}: choice field {f.key!r} has no options")
            for cond in [step.when, *(f.when for f in step.fields)]:
                if cond and cond.field not in keys:
                    raise LookupError(f"{spec.id}: condition on {cond.field!r} before it is asked")


check_catalogue()
