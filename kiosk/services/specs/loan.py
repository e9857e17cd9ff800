"""贷款 services (rows 9–13)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

# The guide: 阅读注意事项; 点击“基本信息/还款计划/还款记录”查询具体信息; 组合贷款的商贷信息请至贷款银行客户端查询.
_LOAN_QUERY = ServiceSpec(
    id="hf_loan_query", number=9, title="住房公积金贷款信息查询", category="loan",
    audience="园区个人住房公积金贷款的主借款人（最近一笔贷款）", eligibility="sip_loan_main_borrower",
    query=True, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="注意事项", text=(
            "本业务供主借款人查询最近一笔园区个人住房公积金贷款的基本信息、还款计划和还款记录。\n"
            "如您办理的是组合贷款，商业贷款信息请至贷款银行客户端查询。\n"
            "每一项查询内容都可以点击“打印”取得纸质页面。")),
        StepSpec(key="basic", kind="view", title="基本信息", view="loan_basic"),
        StepSpec(key="plan", kind="view", title="还款计划", view="loan_plan"),
        StepSpec(key="records", kind="view", title="还款记录", view="loan_records"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (
    _LOAN_QUERY,
    planned("hf_remote_loan_certificate", 10, "异地贷款资格证明开具", "loan",
        "甲乙类或机关住房公积金缴存职工", ("report",)),
    planned("commercial_amortization_stop", 11, "商贷主动摊还计划终止", "loan", "已办理商贷主动摊还计划的职工", ("receipt",)),
    planned("commercial_biannual_stop", 12, "商贷还贷一年两次提取计划终止", "loan",
        "已办理商贷还贷一年两次提取计划的职工", ("receipt",)),
    planned("hf_interest_subsidy", 13, "中低收入家庭住房公积金贷款贴息", "loan",
        "购买政府补贴类住房并使用园区公积金贷款的中低收入家庭", ("report",)),
)
