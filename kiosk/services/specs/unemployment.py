"""失业保险 services (rows 7, 8)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401

# The guide (失业金退支申请, 办理流程 3–5): 核对本人信息及退支明细后进行失业金退支申请并打印
# 《苏州工业园区失业金退支申请表》; 按照退支申请表上金额至中心指定银行指定账户进行打款; 携带银行缴款凭证
# 至中心柜面进行业务退支及财务入账. 即时办结.
_REFUND = ServiceSpec(
    id="unemployment_refund", number=7, title="失业金退支申请", category="unemployment",
    needs=("unemployment",),
    tile_label="失业金退支申请",
    confirm="确认后将打印退支申请表，七天内不能重复打印，请按表上金额及时到银行柜面退款",
    confirm_label="确认退支",
    audience="领取失业金月份同时存在单位缴纳社保或劳动合同记录的人员",
    eligibility="unemployment_refund", preview="unemployment_refund", submit="unemployment_refund",
    submit_label="确认退支", outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于以下需进行相应月份失业金退支的人员：\n"
            "1. 申请失业金待遇时，系统提示前次领取失业金期间就业且领取月份同时存在园区单位缴纳社保；\n"
            "2. 申请失业金转出时，比对发现已领取失业金的月份同时存在区外单位缴纳社保；\n"
            "3. 参保单位进行劳动合同报送时，合同开始月份存在领取失业金记录。\n"
            "退支项目包括当月已领取的失业金、临时物价补贴、失业金补差金额以及失业门诊补助。\n"
            "打印《苏州工业园区失业金退支申请表》后，请按表上金额至中心指定银行指定账户打款："
            "当前仍需通过银行柜面转账，暂不支持网银或手机转账；再携带银行退款凭证/回单至中心柜面办理退支及财务入账。\n"
            "申请表七天内不可重复打印；若七天内再次进行退支申请，请至中心柜面核算退支明细。")),
        StepSpec(key="basic", kind="details", title="核对本人信息", details="unemployment_refund_basic"),
        StepSpec(key="detail", kind="details", title="核对退支明细", details="unemployment_refund_detail"),
        StepSpec(key="review", kind="review", title="确认退支申请"),
    ),
)

# The guide (失业保险关系接收函开具, 办理流程 3): 核对本人基本信息、缴费情况，选择转出地机构信息后保存
# 打印《苏州工业园区失业保险关系接收函》. 即时办结.
_TRANSFER_LETTER = ServiceSpec(
    id="unemployment_transfer_letter", number=8, title="失业保险关系接收函开具", category="unemployment",
    needs=("unemployment",),
    tile_label="失业保险关系接收函开具",
    audience="最后参保地为园区且符合在园区领取失业金条件的人员",
    eligibility="unemployment_transfer_letter", preview="unemployment_transfer_letter",
    submit="unemployment_transfer_letter", submit_label="打印", outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于最后参保地为园区且符合在园区领取失业金条件，需将区外可转移的失业保险关系或待遇转移至园区后"
            "合并计算失业金的人员。\n"
            "开具后请携带接收函至转出地申请转出，再凭转出地开具的失业转移凭证至园区申请失业金转入。\n"
            "接收函每人当天最多可开具 5 次，超过 5 次则不允许再次操作。\n"
            "失业前最后一家用人单位缴费小于 4 个月、开具日期距离职日期超过 2 个月，或园区户籍人员在苏州大市范围外"
            "存在需转回户籍所在地领取的失业保险待遇的，请至中心柜面办理。")),
        StepSpec(key="basic", kind="details", title="核对基本信息和缴费情况", details="unemployment_letter_basic"),
        StepSpec(key="institution_step", kind="form", title="选择转出地机构", fields=(
            FieldSpec(key="institution", kind="choice", label="转出地机构", options_from="unemployment_institutions",
                      prefill="unemployment_institution", help="请选择您的失业保险关系或待遇所在地的经办机构"),
        )),
        StepSpec(key="review", kind="review", title="确认开具"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (_REFUND, _TRANSFER_LETTER)
