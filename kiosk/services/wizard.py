"""A UI-agnostic wizard: walks a ServiceSpec step by step, validating as it goes.

The Qt `WizardHost` renders `wizard.step`; tests and the scenario runner drive the same object.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.services.profile import ServiceContext
from kiosk.services.registry import DETAILS, OPTIONS, PREFILL, PREVIEW, STEP_CHECKS, VIEWS
from kiosk.services.spec import SECRET_KINDS, Condition, FieldSpec, Option, ServiceSpec, StepSpec
from kiosk.services.validation import validate_fields
from kiosk.services.views import ViewContent


@dataclass(frozen=True)
class ReviewLine:
    label: str
    value: str
    emphasis: bool = False
    step: str = ""  # the key of the step the answer was given on (修改 goes there); "" for computed lines


class Wizard:
    """The state of one resident's way through one service."""

    def __init__(self, spec: ServiceSpec, ctx: ServiceContext) -> None:
        self.spec = spec
        self.ctx = ctx
        self.answers: dict[str, Any] = {}
        self._index = 0
        # 长辈版: a form step with several questions shows one per screen; `_question` is which.
        self.one_question = False
        self._question = 0
        for step in spec.steps:
            for f in step.fields:
                if f.prefill:
                    value = PREFILL.resolve(f.prefill)(ctx)
                    if value is not None:
                        self.answers[f.key] = value

    # -- navigation ------------------------------------------------------------------------
    def _shown(self, condition: Condition | None) -> bool:
        return condition is None or str(self.answers.get(condition.field)) in condition.values

    @property
    def steps(self) -> list[StepSpec]:
        """The steps this resident will see, given the answers so far."""
        return [s for s in self.spec.steps if self._shown(s.when)]

    @property
    def step(self) -> StepSpec:
        return self.steps[self._index]

    @property
    def position(self) -> tuple[int, int]:
        """(1-based current step, total steps)."""
        return self._index + 1, len(self.steps)

    @property
    def at_review(self) -> bool:
        return self.step.kind == "review"

    @property
    def at_first(self) -> bool:
        return self._index == 0 and self.question_position[0] == 1

    @property
    def at_last(self) -> bool:
        return self._index == len(self.steps) - 1

    def view(self, step: StepSpec | None = None) -> ViewContent:
        step = step or self.step
        return VIEWS.resolve(step.view or "")(self.ctx)

    def go_to(self, step_key: str) -> None:
        """From the review's 修改: back to a step the resident saw; its answers stay filled in."""
        keys = [s.key for s in self.steps]
        if step_key not in keys or keys.index(step_key) > self._index:
            raise ValueError(f"no earlier step {step_key!r} to go back to")
        self._index = keys.index(step_key)

    def back(self) -> None:
        """One screen back: the previous question of this step (长辈版), else the previous step (at its
        last question)."""
        if self._split() and self._question > 0:
            self._question -= 1
            return
        if self._index > 0:
            self._index -= 1
            self._question = max(0, len(self.fields()) - 1) if self._split() else 0

    def next(self, values: dict[str, Any] | None = None) -> dict[str, str]:
        """Validates the current step with `values`; moves on when there are no errors.

        Returns the errors by field key ("" for the step as a whole). At the review step the
        wizard does not move: the caller submits. A step with `verify` is not left here: the
        caller checks it against the store (submission.verify_step) and then calls `advance`.
        """
        errors = self.check(values)
        if not errors and not (self.step.verify and self.last_question):
            self.advance()
        return errors

    def check(self, values: dict[str, Any] | None = None) -> dict[str, str]:
        """Validates the current step and keeps its answers; does not move.

        One question of a split step (长辈版) is checked on its own; the step's own checks run with
        its last question, and an error on an earlier question goes back to that question.
        """
        if not self._split():
            return self.check_step(self.step, values or {})
        if not self.last_question:
            return self._check_question(values or {})
        errors = self.check_step(self.step, values or {})
        keys = [f.key for f in self.fields()]
        earlier = next((keys.index(k) for k in errors if k in keys), None)
        if earlier is not None:
            self._question = earlier
        return errors

    def _check_question(self, values: dict[str, Any]) -> dict[str, str]:
        spec = self.questions()[0]
        clean, errors = validate_fields([(spec, self.options(spec))], {spec.key: values.get(spec.key)}, self.ctx)
        chosen = clean.get(spec.key)
        disabled = self.disabled_options(spec)
        refused = [v for v in (chosen if isinstance(chosen, list) else [chosen]) if v in disabled]
        if not errors and refused:
            errors = {spec.key: disabled[refused[0]]}
        if not errors:
            self.answers.update(clean)
            self._drop_hidden_answers()
        return errors

    def _split(self) -> bool:
        return self.one_question and self.step.kind == "form" and len(self.fields()) > 1

    def questions(self) -> list[FieldSpec]:
        """The fields on this screen: the step's, or (长辈版) the one question being asked."""
        shown = self.fields()
        if not self._split():
            return shown
        return [shown[min(self._question, len(shown) - 1)]]

    @property
    def question_position(self) -> tuple[int, int]:
        """(1-based question, questions) on this step: (1, 1) unless a step is split (长辈版)."""
        if not self._split():
            return 1, 1
        return min(self._question, len(self.fields()) - 1) + 1, len(self.fields())

    @property
    def last_question(self) -> bool:
        number, total = self.question_position
        return number == total

    def advance(self) -> None:
        if not self.last_question:
            self._question += 1
            return
        self._question = 0
        if not self.at_review and not self.at_last:
            # Answers may hide or show later steps, so recompute where "next" is.
            keys = [s.key for s in self.steps]
            self._index = keys.index(self.step.key) + 1

    def check_field(self, key: str, value: Any) -> str | None:
        """One field on its own (before its button acts on it, e.g. a mobile number)."""
        spec = next(f for f in self.fields() if f.key == key)
        _, errors = validate_fields([(spec, self.options(spec))], {key: value}, self.ctx)
        return errors.get(key)

    # -- fields and validation -------------------------------------------------------------
    def fields(self, step: StepSpec | None = None) -> list[FieldSpec]:
        step = step or self.step
        return [f for f in step.fields if self._shown(f.when)]

    def options(self, field: FieldSpec) -> tuple[Option, ...]:
        if field.options_from:
            return tuple(OPTIONS.resolve(field.options_from)(self.ctx, self.answers))
        return field.options

    def disabled_options(self, field: FieldSpec) -> dict[str, str]:
        """Options shown but not allowed for this person, with the reason (value → reason)."""
        if field.options_from and f"{field.options_from}:disabled" in OPTIONS:
            return dict(OPTIONS.resolve(f"{field.options_from}:disabled")(self.ctx, self.answers))
        return {}

    def check_step(self, step: StepSpec, values: dict[str, Any]) -> dict[str, str]:
        if step.kind == "declaration":
            if not values.get("agreed", self.answers.get(step.key) is True):
                return {"": f"请阅读声明后点击“{step.agree_label}”"}
            self.answers[step.key] = True
            return {}
        if step.kind != "form":
            return {}
        fields = self.fields(step)
        merged = {f.key: values.get(f.key, self.answers.get(f.key)) for f in fields}
        clean, errors = validate_fields([(f, self.options(f)) for f in fields], merged, self.ctx)
        if errors:
            return errors
        for f in fields:
            if f.kind == "multichoice":
                clean[f.key] = [o.value for o in self.options(f) if o.value in clean[f.key]]
        trial = {**self.answers, **clean}
        for name in step.checks:
            errors.update(STEP_CHECKS.resolve(name)(self.ctx, trial))
        if errors:
            return errors
        # A choice among disabled options is refused the same way as on screen.
        for f in fields:
            disabled = self.disabled_options(f)
            chosen = clean.get(f.key)
            for value in chosen if isinstance(chosen, list) else [chosen]:
                if value in disabled:
                    return {f.key: disabled[value]}
        self.answers.update(clean)
        self._drop_hidden_answers()
        return {}

    def _drop_hidden_answers(self) -> None:
        """Forgets answers to questions the resident can no longer see (e.g. after changing the
        change type from package to grade), so a clerk never reads a stale choice."""
        shown = {id(s) for s in self.steps}
        for step in self.spec.steps:
            for f in step.fields:
                if f.key in self.answers and (id(step) not in shown or not self._shown(f.when)):
                    del self.answers[f.key]

    def validate_all(self) -> dict[str, str]:
        """Re-checks every visible step (the submitting service layer calls this)."""
        for step in self.steps:
            if step.kind in ("form", "declaration"):
                values = {"agreed": True} if step.kind == "declaration" and self.answers.get(step.key) else {}
                errors = self.check_step(step, values)
                if errors:
                    return errors
        return {}

    # -- what the screens show -------------------------------------------------------------
    def details(self, step: StepSpec | None = None) -> list[ReviewLine]:
        step = step or self.step
        if not step.details:
            return []
        return [ReviewLine(*line) for line in DETAILS.resolve(step.details)(self.ctx)]

    def display_value(self, field: FieldSpec, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if field.kind in ("choice", "multichoice"):
            labels = {o.value: o.label for o in self.options(field)}
            values = value if isinstance(value, list) else [value]
            return "、".join(labels.get(v, str(v)) for v in values)
        if field.kind in SECRET_KINDS:
            return "●●●●●●"
        if isinstance(value, date):
            return f"{value.year} 年 {value.month} 月 {value.day} 日"
        if field.kind == "mobile":
            return f"{value[:3]}****{value[-4:]}"
        return str(value)

    def review(self) -> list[ReviewLine]:
        """The summary on the review step: every answer, then the service's own preview."""
        lines = [ReviewLine(f.label, self.display_value(f, self.answers.get(f.key)), step=step.key)
                 for step in self.steps if step.kind == "form" for f in self.fields(step)
                 if f.kind != "sms_code"]
        if self.spec.preview:
            lines += [ReviewLine(*line) for line in PREVIEW.resolve(self.spec.preview)(self.ctx, self.answers)]
        return lines
