"""Helpers for declaring services."""

from __future__ import annotations

from kiosk.services.spec import ServiceSpec

ID_CARD_ONLY = ("id_card_face",)


def planned(id: str, number: int, title: str, category: str, audience: str, outputs: tuple,
            completion: str = "instant", working_days: int | None = None,
            login_methods: tuple = ("id_card_face", "citizen_card_password")) -> ServiceSpec:
    """A service named in the catalogue but not yet built (not shown on the home screen)."""
    return ServiceSpec(id=id, number=number, title=title, category=category, audience=audience,
                       outputs=outputs, completion=completion, working_days=working_days,
                       login_methods=login_methods)
