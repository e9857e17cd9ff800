"""Answers validated by pydantic models built from field specs, with messages in Chinese.

The UI and the submitting service layer both call `validate_fields`, so a rule means the same
on the screen and in the store.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError, ValidationInfo, create_model, field_validator
from pydantic_core import PydanticCustomError

from kiosk.services.free_text import is_ascii_digits, normalise_digits, normalise_text, refused_character
from kiosk.services.profile import ServiceContext
from kiosk.services.registry import FIELD_RULES
from kiosk.services.spec import FieldSpec, Option

MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"  # [0-9], not \d: \d also matches Arabic-Indic digits
DIGIT_KINDS = ("digits", "mobile", "password", "sms_code")


def _python_type(spec: FieldSpec, options: tuple[Option, ...]) -> Any:
    if spec.kind in ("choice", "multichoice"):
        values = tuple(o.value for o in options) or ("",)
        literal = Literal[values]  # type: ignore[valid-type]
        return list[literal] if spec.kind == "multichoice" else literal
    if spec.kind == "date":
        return date
    return str


def _rule_validator(spec: FieldSpec):
    rules = [FIELD_RULES.resolve(name) for name in spec.rules]

    def check(cls, value: Any, info: ValidationInfo) -> Any:  # noqa: ANN001 (pydantic hook)
        if value is None:
            return value
        if spec.kind == "text":
            value = normalise_text(value)
            bad = refused_character(value)
            if bad is not None:
                raise PydanticCustomError("kiosk", "{label}第 {n} 个字是{what}，不能打印在凭证上，请删除后重新输入",
                                          {"label": spec.label, "n": bad[0], "what": bad[1]})
        elif spec.kind in DIGIT_KINDS:
            value = normalise_digits(value)
        if spec.kind == "mobile" and not re.fullmatch(MOBILE_PATTERN, value):
            raise PydanticCustomError("kiosk", "手机号码应为 11 位数字，以 1 开头")
        if spec.kind in ("password", "sms_code") and not re.fullmatch(r"[0-9]{6}", value):
            raise PydanticCustomError("kiosk", "{label}应为 6 位数字", {"label": spec.label})
        if spec.kind == "digits" and not is_ascii_digits(value):
            raise PydanticCustomError("kiosk", "{label}只能是数字", {"label": spec.label})
        if spec.max_length and len(value) > spec.max_length:
            # Never cut: the resident sees how much is too much and chooses what to drop.
            raise PydanticCustomError("kiosk", "{label}最多 {n} 个字，现在是 {typed} 个字，请删减",
                                      {"label": spec.label, "n": spec.max_length, "typed": len(value)})
        if spec.kind == "multichoice" and spec.required and not value:
            raise PydanticCustomError("kiosk", "请至少选择一项{label}", {"label": spec.label})
        if spec.kind == "text" and spec.required and not value:
            raise PydanticCustomError("kiosk", "请填写{label}", {"label": spec.label})
        ctx: ServiceContext = (info.context or {})["ctx"]
        for rule in rules:
            message = rule(value, ctx)
            if message:
                raise PydanticCustomError("kiosk", message)
        return value

    return field_validator(spec.key, mode="after")(check)


def _message(spec: FieldSpec, error: dict) -> str:
    kind = error["type"]
    if kind == "kiosk":
        return error["msg"]
    if kind == "missing" or (kind in ("literal_error",) and error.get("input") in (None, "")):
        verb = "选择" if spec.kind in ("choice", "multichoice", "date") else "填写"
        return f"请{verb}{spec.label}"
    if kind == "literal_error":
        return f"请从列出的选项中选择{spec.label}"
    if kind.startswith("date"):
        return f"{spec.label}不是有效日期"
    return f"{spec.label}填写有误"


@lru_cache(maxsize=256)
def _step_model(fields: tuple[tuple[FieldSpec, tuple[Option, ...]], ...]) -> type[BaseModel]:
    """The answers' model of one step with its options now: made once (pydantic's create_model
    costs milliseconds a tap), kept for the next time (specs and options are frozen)."""
    definitions: dict[str, Any] = {}
    validators: dict[str, Any] = {}
    for spec, options in fields:
        typ = _python_type(spec, options)
        definitions[spec.key] = (typ, ...) if spec.required else (typ | None, None)
        validators[f"check_{spec.key}"] = _rule_validator(spec)
    return create_model("StepAnswers", __validators__=validators, **definitions)


def validate_fields(fields: list[tuple[FieldSpec, tuple[Option, ...]]], values: dict[str, Any],
                    ctx: ServiceContext) -> tuple[dict[str, Any], dict[str, str]]:
    """Validates `values` for `fields` (each with its options now). Returns (clean, errors)."""
    if not fields:
        return {}, {}
    model = _step_model(tuple(fields))
    data = {k: v for k, v in values.items() if k in model.model_fields and v not in (None, "")}
    try:
        clean = model.model_validate(data, context={"ctx": ctx})
    except ValidationError as exc:
        by_key = {spec.key: spec for spec, _ in fields}
        errors: dict[str, str] = {}
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            if key in by_key and key not in errors:
                errors[key] = _message(by_key[key], err)
        return {}, errors
    return clean.model_dump(), {}
