"""The shape of a service declared as data (see catalogue.py for the 28 services)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# password: 6 digits on a shuffled keypad, never shown, logged or stored in clear.
# sms_code: the 6-digit code the kiosk texted to the resident (see FieldSpec.action).
FieldKind = Literal["text", "digits", "mobile", "choice", "multichoice", "date", "password", "sms_code"]
SECRET_KINDS = ("password", "sms_code")
# view: read-only information with a paged table and a print button (query services)
StepKind = Literal["notice", "details", "form", "declaration", "review", "view"]
LoginMethod = Literal["id_card_face", "citizen_card_password"]
ID_CARD_ONLY: tuple[LoginMethod, ...] = ("id_card_face",)  # services the citizen-card password cannot open
Output = Literal["receipt", "report", "sms"]
Category = Literal["social_insurance", "medical", "unemployment", "housing_fund", "loan", "institution"]

CATEGORY_TITLES: dict[str, str] = {
    "social_insurance": "社会保险",
    "medical": "医疗保险",
    "unemployment": "失业保险",
    "housing_fund": "住房公积金",
    "loan": "贷款",
    "institution": "机关事业单位",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    value: str
    label: str


class Condition(_Frozen):
    """Shows a step or field only when an earlier answer equals one of `values`."""

    field: str
    values: tuple[str, ...]


class FieldSpec(_Frozen):
    key: str
    kind: FieldKind
    label: str
    help: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    options_from: str | None = None  # OPTIONS registry: options depending on the person/answers
    prefill: str | None = None  # PREFILL registry
    rules: tuple[str, ...] = ()  # FIELD_RULES registry
    max_length: int | None = None
    when: Condition | None = None
    action: str | None = None  # ACTIONS registry: a button beside the field (e.g. 获取短信验证码)
    action_label: str = ""

    @model_validator(mode="after")
    def _free_text_has_a_limit(self) -> FieldSpec:
        # The screen shows the limit before typing, and a document's line has room for so much.
        if self.kind == "text" and not self.max_length:
            raise ValueError(f"text field {self.key!r} needs max_length")
        return self


class StepSpec(_Frozen):
    key: str
    kind: StepKind
    title: str
    text: str = ""  # notice or declaration text
    fields: tuple[FieldSpec, ...] = ()
    details: str | None = None  # DETAILS registry (check-your-details lines)
    checks: tuple[str, ...] = ()  # STEP_CHECKS registry (rules across fields)
    agree_label: str = "我已阅读并同意"
    when: Condition | None = None
    verify: str | None = None  # VERIFY registry: checked against the store before moving on
    view: str | None = None  # VIEWS registry: what a view step shows (and prints)


class ServiceSpec(_Frozen):
    id: str
    number: int  # row in SERVICES.md
    title: str
    # The home tile's short name: the button the guide tells residents to tap (点击“…”).
    tile_label: str = Field(min_length=2, max_length=16)
    category: Category
    audience: str  # who may use it, in the guide's words
    eligibility: str | None = None  # ELIGIBILITY registry
    # The domains' facts its rules read (FACTS registry): only these are loaded when it opens and
    # submits (tests/services/test_fact_needs.py checks them against the rules' source).
    needs: tuple[str, ...] = ()
    login_methods: tuple[LoginMethod, ...] = ("id_card_face", "citizen_card_password")
    steps: tuple[StepSpec, ...] = ()
    preview: str | None = None  # PREVIEW registry: what the review step shows (e.g. amount)
    submit: str | None = None  # SUBMIT registry
    submit_label: str = "提交申请"  # the final button, named by what it does (kiosk.services.glossary)
    # One sentence on what cannot be undone, asked once more before a stop, withdrawal, cancellation
    # or transfer is submitted (e.g. flex_suspend: 中断后即停止扣缴…); empty for the others.
    confirm: str = ""
    confirm_label: str = ""  # the confirmation's danger button, named by the action: 确认终止, 确认转出…
    outputs: tuple[Output, ...] = ()
    completion: Literal["instant", "pending"] = "instant"
    working_days: int | None = None
    built: bool = False
    query: bool = False  # a query ends with its last view step (完成), nothing is submitted

    @model_validator(mode="after")
    def _confirm_has_its_button(self) -> ServiceSpec:
        if bool(self.confirm) != bool(self.confirm_label) or not (self.confirm_label or "确认").startswith("确认"):
            raise ValueError(f"{self.id}: a confirm sentence goes with a confirm_label 确认…, and only with one")
        return self

    def field(self, key: str) -> FieldSpec:
        for step in self.steps:
            for f in step.fields:
                if f.key == key:
                    return f
        raise KeyError(key)
