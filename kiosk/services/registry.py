"""Name → function registries. Specs name their rules; names resolve at start-up and fail fast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Registry(Generic[F]):
    """A named table of functions of one kind (eligibility checks, option providers, …)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, F] = {}

    def register(self, name: str) -> Callable[[F], F]:
        def decorate(fn: F) -> F:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} registered twice")
            self._items[name] = fn
            return fn

        return decorate

    def resolve(self, name: str) -> F:
        try:
            return self._items[name]
        except KeyError:
            raise LookupError(f"unknown {self.kind} {name!r}; known: {sorted(self._items)}") from None

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def items(self) -> list[tuple[str, F]]:
        return list(self._items.items())


# Each takes a `ServiceContext` (and, where it says, the answers so far).
ELIGIBILITY: Registry[Callable[..., Any]] = Registry("eligibility check")
OPTIONS: Registry[Callable[..., Any]] = Registry("option provider")
PREFILL: Registry[Callable[..., Any]] = Registry("prefill")
FIELD_RULES: Registry[Callable[..., Any]] = Registry("field rule")
STEP_CHECKS: Registry[Callable[..., Any]] = Registry("step check")
DETAILS: Registry[Callable[..., Any]] = Registry("details provider")
PREVIEW: Registry[Callable[..., Any]] = Registry("preview")
SUBMIT: Registry[Callable[..., Any]] = Registry("submit handler")
# `(tx, ctx, answers) -> str`: a field's button (sends a code…); returns what to tell the resident.
ACTIONS: Registry[Callable[..., Any]] = Registry("field action")
# `(tx, ctx, answers) -> {field: error}`: a step's check against the store (an SMS code…).
VERIFY: Registry[Callable[..., Any]] = Registry("step verification")
# `(ctx) -> ViewContent`: what a view step shows and prints.
VIEWS: Registry[Callable[..., Any]] = Registry("view")
# Loaders `(tx, person_id) -> frozen model` of one domain's facts about a person (profile.facts).
FACTS: Registry[Callable[..., Any]] = Registry("facts loader")
