"""住房公积金 services (rows 14, 17, 19, 20)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

SPECS: tuple[ServiceSpec, ...] = (
    planned("retirement_hf_withdrawal", 14, "园区离退休一次性提取住房账户", "housing_fund",
        "已办理园区机关退休或社保公积金退休审批的人员", ("report",)),
    planned("hf_transfer_in", 17, "大市外住房公积金转入申请", "housing_fund",
        "园区公积金账户稳定缴存 6 个月以上的人员", (), "pending", 3),
    planned("hf_transfer_out_local", 19, "住房公积金转出至大市内", "housing_fund", "园区住房公积金账户人员",
        (), "pending", 5),
    planned("sealed_hf_withdrawal", 20, "封存住房公积金提取", "housing_fund",
        "公积金账户封存满半年且未在本市就业等人员", (), "pending", 5),
)
