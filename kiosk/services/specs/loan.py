"""贷款 services (rows 9–13)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401

# The guide: 阅读注意事项; 点击“基本信息/还款计划/还款记录”查询具体信息; 组合贷款的商贷信息请至贷款银行客户端查询.
_LOAN_QUERY = ServiceSpec(
    id="hf_loan_query", number=9, title="住房公积金贷款信息查询", category="loan",
    needs=("housing_fund",),
    tile_label="园区住房公积金贷款信息查询",
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

# The guide (异地贷款资格证明开具): 系统自动审核参保人员是否符合开具条件; 输入异地贷款公积金管理中心相关信息，提交并打印证明.
_REMOTE_CERTIFICATE = ServiceSpec(
    id="hf_remote_loan_certificate", number=10, title="异地贷款资格证明开具", category="loan",
    needs=("housing_fund", "loans"),
    tile_label="异地贷款资格证明开具",
    audience="在苏州大市外购房、需在当地办理公积金贷款的甲乙类或机关住房公积金缴存职工",
    eligibility="remote_loan_certificate", preview="remote_loan_certificate", submit="remote_loan_certificate",
    submit_label="打印", outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="注意事项", text=(
            "本业务仅适用于在园区缴存住房公积金、在苏州大市外购买自住住房需办理异地贷款的职工，"
            "请先与当地公积金中心确认是否受理异地贷款再开具。\n"
            "同一参保人在一个自然月内只能开具一次，证明有效期 2 个月，建议在正式至异地申请贷款前再开具。\n"
            "开具前请先与缴费单位确认公积金是否已缴至最新月份，以确保证明反映账户最新缴存记录。\n"
            "请先确认贷款申请地住房公积金管理中心的全称，并准确选择或填写。")),
        StepSpec(key="contributions", kind="details", title="核对缴存信息", details="remote_loan_contributions"),
        StepSpec(key="centre_step", kind="form", title="选择贷款地公积金中心", fields=(
            FieldSpec(key="centre", kind="choice", label="贷款地住房公积金管理中心", options_from="remote_loan_centres",
                      help="列表中没有的，请选择“其他（手工输入）”后填写中心全称"),
        )),
        StepSpec(key="centre_name_step", kind="form", title="填写公积金中心全称",
                 when=Condition(field="centre", values=("other",)), fields=(
            FieldSpec(key="centre_name", kind="text", label="公积金管理中心全称", max_length=40,
                      rules=("remote_centre_full_name",), when=Condition(field="centre", values=("other",)),
                      help="请填写全称，例如：常州市住房公积金管理中心"),
        )),
        StepSpec(key="review", kind="review", title="确认开具"),
    ),
)


def _plan_stop(id: str, number: int, title: str, tile: str, plan: str, kind: str, barred: str,
               tips: str) -> ServiceSpec:
    """商贷主动摊还计划终止 and 商贷还贷一年两次提取计划终止: the guide gives both the same steps —
    阅读“友情提示”, 选择“终止原因”并确认."""
    return ServiceSpec(
        id=id, number=number, title=title, category="loan", tile_label=tile,
        confirm=f"终止后，{barred}", confirm_label="确认终止", needs=("housing_fund",),
        audience=f"因贷款结清或个人原因需终止住房商业贷款{plan}的参保员工",
        eligibility=id, preview=id, submit=id, submit_label="确认终止", outputs=("receipt",), built=True,
        steps=(
            StepSpec(key="tips", kind="notice", title="友情提示", text=tips),
            StepSpec(key="plan_step", kind="form", title="选择要终止的计划", fields=(
                FieldSpec(key="plan", kind="choice", label=f"{plan}（按房屋）", options_from=f"{kind}_plans",
                          prefill=f"only_{kind}_plan"),
            )),
            StepSpec(key="reason_step", kind="form", title="选择终止原因", fields=(
                FieldSpec(key="reason", kind="choice", label="终止原因", options=(
                    Option(value="settled", label="贷款已结清"), Option(value="personal", label="个人原因"))),
            )),
            StepSpec(key="review", kind="review", title="确认终止"),
        ),
    )


_AMORTIZATION_STOP = _plan_stop(
    "commercial_amortization_stop", 11, "商贷主动摊还计划终止", "商贷主动摊还计划终止", "主动摊还计划", "amortization",
    "不得再以该套房办理每月还贷申请", (
        "本业务适用于因贷款结清或个人原因需终止住房商业贷款主动摊还计划的职工。\n"
        "住房公积金贷款主动摊还计划不允许线上终止，请至中心柜面办理。\n"
        "办理摊还计划终止后，不得再以该套房办理每月还贷申请，请确认后再办理。"))
_BIANNUAL_STOP = _plan_stop(
    "commercial_biannual_stop", 12, "商贷还贷一年两次提取计划终止", "商贷还贷一年二次提取计划终止", "还贷一年两次提取计划",
    "biannual", "不得再以该套房重新申请还贷一年两次提取", (

        "本业务适用于因贷款结清或个人原因需终止住房商业贷款还贷一年两次提取计划的职工。\n"
        "苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止，请至中心柜面办理。\n"
        "办理还贷一年两次提取终止后，不得再以该套房重新申请还贷一年两次提取，请确认后再办理。"))

# The guide (中低收入家庭住房公积金贷款贴息): 系统自动审核是否符合申请条件; 参保人员确认递交申请，系统自动打印报表.
_INTEREST_SUBSIDY = ServiceSpec(
    id="hf_interest_subsidy", number=13, title="中低收入家庭住房公积金贷款贴息", category="loan",
    needs=("housing_fund", "loans"),
    tile_label="中低收入家庭公积金贷款贴息",
    audience="购买政府保障性住房并办理园区住房公积金贷款的中低收入家庭",
    eligibility="hf_interest_subsidy", preview="hf_interest_subsidy", submit="hf_interest_subsidy",
    submit_label="提交申请", outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="注意事项", text=(
            "贴息申请每年上半年受理，请以园区公积金中心网站发布的通知为准，在通知规定时间内提交申请，逾期视为自动放弃。\n"
            "贷款还贷贴息期限为自公积金贷款发放之日起的三年内，并于次年起按规定申请贴息：今年申请上一年度的贴息。\n"
            "请确保按期足额偿还住房公积金贷款，以免影响贴息。")),
        StepSpec(key="loan", kind="details", title="核对贷款和还款信息", details="interest_subsidy_loan"),
        StepSpec(key="review", kind="review", title="确认递交申请"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (
    _LOAN_QUERY,
    _REMOTE_CERTIFICATE,
    _AMORTIZATION_STOP,
    _BIANNUAL_STOP,
    _INTEREST_SUBSIDY,
)
