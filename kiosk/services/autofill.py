"""The answers a careful resident gives, for tools that walk a service without a screen.

The service tests and the soak (kiosk/soak.py) walk services through the wizard engine; they
need a plausible answer for every field a step asks: prefilled values kept, the first option
that is not greyed out (every allowed one of a multiple choice), a valid address, a date a year
after the start. Nothing here decides a rule; the wizard engine still validates every value.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kiosk.services.wizard import Wizard

# What a resident types into free-text fields.
TEXT_ANSWERS = {"address": "姑苏区人民路 100 号 3 幢 201 室"}
DEFAULT_TEXT = "自助终端测试"
PASSWORD = "739146"  # passes the weak-password rules for every demo persona
MOBILE = "13700001111"


def careful_values(wizard: Wizard, overrides: dict[str, Any]) -> dict[str, Any]:
    """The answers for the current step: `overrides` first (the texted code as `_texted_code`),
    prefilled values kept, else the first allowed option (all allowed options of a multiple
    choice), a sensible text or date. A declaration is agreed to."""
    step = wizard.step
    values: dict[str, Any] = {}
    for f in wizard.fields(step):
        if f.key in overrides:
            values[f.key] = overrides[f.key]
            continue
        if f.key in wizard.answers:
            continue
        disabled = wizard.disabled_options(f)
        allowed = [o.value for o in wizard.options(f) if o.value not in disabled]
        if f.kind == "choice":
            values[f.key] = allowed[0]
        elif f.kind == "multichoice":
            values[f.key] = allowed
        elif f.kind == "date":
            start = overrides.get("start_date", wizard.answers.get("start_date", wizard.ctx.today))
            values[f.key] = start + timedelta(days=365)
        elif f.kind == "mobile":
            values[f.key] = MOBILE
        elif f.kind == "digits":
            values[f.key] = "123456"
        elif f.kind == "password":
            values[f.key] = PASSWORD
        elif f.kind == "sms_code":
            values[f.key] = overrides.get("_texted_code", "")
        else:
            values[f.key] = TEXT_ANSWERS.get(f.key, DEFAULT_TEXT)
    if step.kind == "declaration":
        values["agreed"] = True
    return values
