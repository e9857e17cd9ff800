"""社会保险 services (SERVICES.md rows 1, 2, 3, 16, 18, 21, 28)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

_FLEX_CHANGE = ServiceSpec(
    id="flex_contribution_change", number=1, title="灵活就业人员办理缴费套餐或档次变更",
    category="social_insurance", audience="园区灵活就业正常参保缴费人员",
    eligibility="flexible_normal", preview="flex_change", submit="flex_contribution_change",
    submit_label="校验并保存", outputs=("receipt",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "灵活就业缴费套餐和档次变更在首次扣款日（一般为每月 18 日）前操作成功的，当月生效；"
            "首次扣款日（一般为每月 18 日）当日及以后操作成功的，次月生效。\n"
            "变更套餐：先选择新的套餐，再选择缴费档次。变更档次：直接选择新的缴费档次。")),
        StepSpec(key="current", kind="details", title="核对当前缴费", details="flex_current"),
        StepSpec(key="change", kind="form", title="选择变更类型", fields=(
            FieldSpec(key="change_type", kind="choice", label="变更类型", options=(
                Option(value="package", label="缴费套餐变更"), Option(value="grade", label="缴费档次变更"))),
        )),
        StepSpec(key="package_step", kind="form", title="选择新套餐",
                 when=Condition(field="change_type", values=("package",)), fields=(
            FieldSpec(key="package", kind="choice", label="新套餐", options_from="flex_packages"),
        )),
        StepSpec(key="grade_step", kind="form", title="选择缴费档次", fields=(
            FieldSpec(key="grade", kind="choice", label="缴费档次", options_from="flex_grades"),
        )),
        StepSpec(key="review", kind="review", title="核实缴费金额"),
    ),
)

_CERTIFICATE = ServiceSpec(
    id="insurance_certificate", number=3, title="参保人员参保证明和参保明细出具",
    category="social_insurance", audience="园区社会保险和公积金参保人员以及机关事业单位参保人员",
    eligibility="sip_insured", submit="insurance_certificate", submit_label="打印",
    outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "所需材料：参保人员本人携身份证原件或市民卡。\n"
            "机关事业单位人员只能打印医疗、工伤、生育和住房公积金的参保证明和参保明细。\n"
            "报表将由本机 A4 打印机打印，请在出纸口取走。")),
        StepSpec(key="insured", kind="details", title="核对参保信息", details="person_insurances"),
        StepSpec(key="doc", kind="form", title="选择报表", fields=(
            FieldSpec(key="document", kind="choice", label="报表类型", options=(
                Option(value="certificate", label="参保证明"), Option(value="details", label="参保明细"))),
        )),
        StepSpec(key="kinds", kind="form", title="选择险种", checks=("certificate_kinds_allowed",), fields=(
            FieldSpec(key="insurances", kind="multichoice", label="险种", options_from="certificate_insurances",
                      help="可选择多个险种"),
        )),
        StepSpec(key="period_step", kind="form", title="选择明细期间",
                 when=Condition(field="document", values=("details",)), fields=(
            FieldSpec(key="period", kind="choice", label="明细期间", options=(
                Option(value="12", label="最近 12 个月"), Option(value="24", label="最近 24 个月"),
                Option(value="36", label="最近 36 个月"), Option(value="all", label="全部缴费记录"))),
        )),
        StepSpec(key="review", kind="review", title="确认打印"),
    ),
)

# The guide (note to 园区掌上医保): 若遗忘社保查询密码可至自助终端或柜面办理密码重置. Log-in is by
# ID card + face only: the password being reset cannot prove who the resident is.
_PASSWORD_RESET = ServiceSpec(
    id="password_reset", number=28, title="社保查询密码重置", category="social_insurance",
    audience="忘记社保和公积金查询密码的参保人员", login_methods=ID_CARD_ONLY,
    submit="password_reset", submit_label="确认重置", outputs=("receipt", "sms"), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "本业务只能使用身份证 + 人脸识别登录。\n"
            "新密码为 6 位数字，不能是同一个数字、连续数字、您的出生日期或身份证号码的一部分。\n"
            "重置后立即生效，因输错密码造成的锁定同时解除。")),
        StepSpec(key="basic", kind="details", title="核对个人信息", details="person_basic"),
        StepSpec(key="new_step", kind="form", title="设置新密码", fields=(
            FieldSpec(key="new_password", kind="password", label="新密码", rules=("strong_password",),
                      help="请输入 6 位数字，请用手遮挡"),
        )),
        StepSpec(key="again_step", kind="form", title="再次输入新密码", checks=("query_passwords_match",), fields=(
            FieldSpec(key="new_password_again", kind="password", label="再次输入新密码"),
        )),
        StepSpec(key="review", kind="review", title="确认重置"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (
    _FLEX_CHANGE,
    _CERTIFICATE,
    planned("flex_suspend", 2, "灵活就业人员中断参保", "social_insurance", "园区灵活就业正常参保缴费人员", ("receipt",)),
    planned("paper_statement_optout", 16, "个人纸质权益单退订（及恢复订阅）", "social_insurance",
        "社保公积金参保人员及机关事业单位参保人员", ("receipt",)),
    planned("si_transfer_voucher_reprint", 18, "社保关系转出凭证补打印", "social_insurance",
        "已申请社保关系转出凭证的人员", ("report",)),
    planned("temp_account_upgrade", 21, "临时缴费账户维护", "social_insurance",
        "户籍迁入园区的临时缴费账户人员", (), "pending", 3),
    _PASSWORD_RESET,
)
