"""The 28 services' specs in guide order, without their rules: all the home screen needs (ids, titles,
tile labels, categories). Importing kiosk.services.catalogue registers and checks the rules as well;
the kiosk paints its home screen from this list before that (issue 15: cold start)."""

from __future__ import annotations

from kiosk.services.spec import ServiceSpec
from kiosk.services.specs import housing_fund, institution, loan, medical, social_insurance, unemployment

SERVICES: tuple[ServiceSpec, ...] = tuple(sorted(
    (spec for module in (social_insurance, medical, unemployment, housing_fund, loan, institution)
     for spec in module.SPECS),
    key=lambda spec: spec.number,
))
