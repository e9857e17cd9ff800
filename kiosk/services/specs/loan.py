"""贷款 services (rows 9–13)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

SPECS: tuple[ServiceSpec, ...] = (
    planned("hf_loan_query", 9, "住房公积金贷款信息查询", "loan", "园区住房公积金贷款主借款人", ()),
    planned("hf_remote_loan_certificate", 10, "异地贷款资格证明开具", "loan",
        "甲乙类或机关住房公积金缴存职工", ("report",)),
    planned("commercial_amortization_stop", 11, "商贷主动摊还计划终止", "loan", "已办理商贷主动摊还计划的职工", ("receipt",)),
    planned("commercial_biannual_stop", 12, "商贷还贷一年两次提取计划终止", "loan",
        "已办理商贷还贷一年两次提取计划的职工", ("receipt",)),
    planned("hf_interest_subsidy", 13, "中低收入家庭住房公积金贷款贴息", "loan",
        "购买政府补贴类住房并使用园区公积金贷款的中低收入家庭", ("report",)),
)
