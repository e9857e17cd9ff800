"""Which domain facts a service's rules read, found in their source (a check for `ServiceSpec.needs`).

A rule reads a domain's facts as `ctx.fact("name")`, directly or through helpers of the rules
package. Following every function a rule names (called or passed on) gives the facts the service
may read; tests compare that with what each spec declares, so a service never opens without
data its rules read, nor loads a domain it never reads.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from kiosk.services.registry import (ACTIONS, DETAILS, ELIGIBILITY, FIELD_RULES, OPTIONS, PREFILL, PREVIEW,
                                     STEP_CHECKS, SUBMIT, VERIFY, VIEWS, Registry)
from kiosk.services.spec import ServiceSpec

_RULES_PACKAGE = "kiosk.services.rules"


def _names(spec: ServiceSpec) -> Iterator[tuple[Registry[Callable[..., Any]], str | None]]:
    """(registry, name) of every rule a spec may name; None where it names none."""
    yield from ((ELIGIBILITY, spec.eligibility), (PREVIEW, spec.preview), (SUBMIT, spec.submit))
    for step in spec.steps:
        yield from ((DETAILS, step.details), (VERIFY, step.verify), (VIEWS, step.view))
        yield from ((STEP_CHECKS, name) for name in step.checks)
        for f in step.fields:
            yield from ((OPTIONS, f.options_from), (PREFILL, f.prefill), (ACTIONS, f.action))
            yield from ((FIELD_RULES, rule) for rule in f.rules)


def rule_functions(spec: ServiceSpec) -> list[Callable[..., Any]]:
    """Every registered function a spec names."""
    return [registry.resolve(name) for registry, name in _names(spec) if name]


@cache
def _direct(fn: Callable[..., Any]) -> tuple[frozenset[str], tuple[Callable[..., Any], ...]]:
    """The fact names `fn` reads itself, and the rules-package functions it names."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    facts: set[str] = set()
    named: list[Callable[..., Any]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "fact"
                and node.args and isinstance(node.args[0], ast.Constant)):
            facts.add(node.args[0].value)
        elif isinstance(node, ast.Name | ast.Attribute):
            target = _resolve(fn, node)
            if target is not None and target is not fn:
                named.append(target)
    return frozenset(facts), tuple(named)


def _resolve(fn: Callable[..., Any], node: ast.Name | ast.Attribute) -> Callable[..., Any] | None:
    """A name in `fn`'s body that is a function (or a class's method) of the rules package."""
    if isinstance(node, ast.Name):
        value = fn.__globals__.get(node.id)
    elif isinstance(node.value, ast.Name):  # module.function or Class.method
        value = getattr(fn.__globals__.get(node.value.id), node.attr, None)
    else:
        return None
    if inspect.isfunction(value) and value.__module__.startswith(_RULES_PACKAGE):
        return value
    return None


def derived_needs(spec: ServiceSpec) -> frozenset[str]:
    """The facts a service's rules may read, following helpers through the rules package."""
    seen: set[Callable[..., Any]] = set()
    todo = list(rule_functions(spec))
    facts: set[str] = set()
    while todo:
        fn = todo.pop()
        if fn in seen:
            continue
        seen.add(fn)
        direct, named = _direct(fn)
        facts |= direct
        todo.extend(named)
    return frozenset(facts)
