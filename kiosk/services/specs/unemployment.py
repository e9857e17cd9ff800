"""失业保险 services (rows 7, 8)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

SPECS: tuple[ServiceSpec, ...] = (
    planned("unemployment_refund", 7, "失业金退支申请", "unemployment",
        "领取失业金月份同时存在单位缴纳社保或劳动合同记录的人员", ("report",)),
    planned("unemployment_transfer_letter", 8, "失业保险关系接收函开具", "unemployment",
        "最后参保地为园区且符合在园区领取失业金条件的人员", ("report",)),
)
