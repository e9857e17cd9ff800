"""社会保险 services (SERVICES.md rows 1, 2, 3, 16, 18, 21, 28)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.spec import ID_CARD_ONLY

_FLEX_CHANGE = ServiceSpec(
    id="flex_contribution_change", number=1, title="灵活就业人员办理缴费套餐或档次变更",
    needs=(),
    tile_label="灵活就业人员缴费档次变更",
    category="social_insurance", audience="园区灵活就业正常参保缴费人员",
    eligibility="flexible_normal", preview="flex_change", submit="flex_contribution_change",
    submit_label="保存", outputs=("receipt",), built=True,
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
    needs=(),
    tile_label="参保证明或参保明细打印",
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
    needs=(),
    tile_label="社保查询密码重置",
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
    # The guide: 点击终止按钮，打印业务办结凭证；即时办结.
    ServiceSpec(
        id="flex_suspend", number=2, title="灵活就业人员中断参保", category="social_insurance",
        needs=(),
        tile_label="灵活就业人员中断参保",
        confirm="中断后即停止扣缴灵活就业社会保险费，参保状态变为中断",  # the month is shown under it
        confirm_label="确认终止",
        audience="园区灵活就业正常参保缴费人员", eligibility="flex_suspend", preview="flex_suspend",
        submit="flex_suspend", submit_label="确认终止", outputs=("receipt",), built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "适用于园区灵活就业正常参保缴费人员。点击“确认终止”后即时中断参保，停止扣缴灵活就业社会保险费，"
                "并打印业务办结凭证。\n"
                "每月首次扣款日（一般为 18 日）前办理的，当月起不再扣缴；首次扣款日当日及以后办理的，"
                "当月已开始扣款，次月起不再扣缴。")),
            StepSpec(key="current", kind="details", title="核对当前缴费", details="flex_current"),
            StepSpec(key="review", kind="review", title="确认中断参保"),
        ),
    ),
    # The guide: 核实“纸质权益记录单订阅信息”中的基本信息；点击“确认退订纸质”（或“恢复订阅纸质”）.
    ServiceSpec(
        id="paper_statement_optout", number=16, title="个人纸质权益单退订（及恢复订阅）", category="social_insurance",
        needs=("si_accounts",),
        tile_label="纸质版权益单退订",
        audience="社会保险（公积金）参保人员和机关事业单位参保人员", eligibility="paper_statement",
        preview="paper_statement", submit="paper_statement_optout", submit_label="确认办理", outputs=("receipt",),
        built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "个人权益记录单默认以纸质形式发放。权益单对账期为 7 月 1 日至次年 6 月 30 日，"
                "如 202606 期权益单对账期为 2025 年 7 月 1 日至 2026 年 6 月 30 日。\n"
                "退订纸质和恢复订阅纸质的办理时间为每年 1 月 1 日至 6 月 30 日，均仅限当期权益记录单。\n"
                "已退订当期纸质权益单后需恢复投递的，参保状态应为正常，并在当年 6 月 30 日前办理。")),
            StepSpec(key="subscription", kind="details", title="核实纸质权益记录单订阅信息",
                     details="paper_statement_subscription"),
            StepSpec(key="action_step", kind="form", title="选择办理事项", fields=(
                FieldSpec(key="paper_action", kind="choice", label="办理事项", options_from="paper_statement_actions"),
            )),
            StepSpec(key="review", kind="review", title="确认办理"),
        ),
    ),
    # The guide: 填写“手机号码”；选择需要补打印的表单类型；点击“确认”，打印表单.
    ServiceSpec(
        id="si_transfer_voucher_reprint", number=18, title="社保关系转出凭证补打印", category="social_insurance",
        needs=("si_accounts",),
        tile_label="社保关系转出凭证补打印",
        audience="已申请社会保险关系转出开具参保缴费凭证的参保人员", eligibility="si_transfer_voucher_reprint",
        submit="si_transfer_voucher_reprint", submit_label="打印", outputs=("report",), built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "适用于已申请社会保险关系转出开具参保缴费凭证的参保人员。\n"
                "可补打印的表单：基本养老保险参保缴费凭证、基本医疗保障参保（合）凭证。\n"
                "如中心已将险种办理转出，相应凭证无法补打印。\n"
                "凭证将由本机 A4 打印机打印，请在出纸口取走。")),
            StepSpec(key="applications", kind="details", title="核对转出申请", details="si_transfer_applications"),
            StepSpec(key="mobile_step", kind="form", title="填写手机号码", fields=(
                FieldSpec(key="mobile", kind="mobile", label="手机号码", prefill="person_mobile",
                          help="用于中心就转移接续与您联系"),
            )),
            StepSpec(key="form_step", kind="form", title="选择补打印的表单", fields=(
                FieldSpec(key="form_type", kind="choice", label="表单类型", options_from="si_transfer_forms"),
            )),
            StepSpec(key="review", kind="review", title="确认打印"),
        ),
    ),
    # The guide: 填写或核实“户籍信息”；填写“手机号码”；阅读并勾选声明，点击“提交申请”；
    # 中心会在 3 个工作日内审核.
    ServiceSpec(
        id="temp_account_upgrade", number=21, title="临时缴费账户维护", category="social_insurance",
        needs=("si_accounts",),
        tile_label="临时缴费账户维护",
        audience="已将户籍迁入园区的临时缴费账户参保人员", eligibility="temp_account_upgrade",
        preview="temp_account_upgrade", submit="temp_account_upgrade", submit_label="提交申请",
        completion="pending", working_days=3, built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "适用于已将户籍迁入园区的临时缴费账户参保人员，请在户籍迁入园区后的次月申请。\n"
                "中心会在 3 个工作日内审核。如审核通过，账户类型将变更为一般账户；"
                "如审核未通过，中心会通过短信或电话联系您，请保持手机畅通。")),
            StepSpec(key="account", kind="details", title="核对账户信息", details="temp_account"),
            StepSpec(key="hukou_step", kind="form", title="填写或核实户籍信息", fields=(
                FieldSpec(key="hukou_address", kind="text", label="户籍地址", prefill="temp_hukou_address",
                          max_length=60, rules=("hukou_address",),
                          help="请按户口簿核实园区户籍地址，写到门牌号；未显示的请填写"),
            )),
            StepSpec(key="mobile_step", kind="form", title="填写手机号码", fields=(
                FieldSpec(key="mobile", kind="mobile", label="手机号码", prefill="person_mobile",
                          help="审核未通过时，中心会通过短信或电话联系您"),
            )),
            StepSpec(key="declaration", kind="declaration", title="阅读声明", agree_label="我已阅读并同意以上声明",
                     text=(
                "本人申请将临时缴费账户变更为一般账户，并声明：\n"
                "1. 本人户籍已迁入苏州工业园区，所填写的户籍信息真实、准确；\n"
                "2. 所留手机号码为本人使用，审核期间保持畅通；\n"
                "3. 如因信息不实影响审核或造成其他后果，由本人承担。")),
            StepSpec(key="review", kind="review", title="确认提交申请"),
        ),
    ),
    _PASSWORD_RESET,
)
