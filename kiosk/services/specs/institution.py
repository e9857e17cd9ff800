"""机关事业单位 services (rows 15, 22–26)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

SPECS: tuple[ServiceSpec, ...] = (
    planned("gov_biannual_withdrawal", 15, "机关住房还贷一年两次提取支出", "institution",
        "机关公积金缴存职工，园区公积金贷款主借款人", ("report",)),
    planned("gov_sms_alerts", 22, "机关参保人员短信动账提醒", "institution", "缴纳园区医保的机关事业单位人员", ("sms",)),
    planned("gov_medical_transfer_out", 23, "机关医疗保险转出", "institution", "缴纳园区医保的机关事业单位人员",
        ("report",)),
    planned("gov_hf_transfer_in", 24, "机关住房公积金转入（大市外）", "institution",
        "缴纳园区公积金的机关事业单位人员", (), "pending", 11),
    planned("gov_hf_transfer_out", 25, "机关住房公积金转出（至大市内）", "institution",
        "缴纳园区公积金的机关事业单位人员", (), "pending", 5),
    planned("gov_sealed_hf_withdrawal", 26, "机关住房公积金封存提取（出市区工作提取）", "institution",
        "缴纳园区公积金的机关事业单位人员", (), "pending", 5),
)
