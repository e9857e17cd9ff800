"""医疗保险 services (rows 4, 5, 6, 27)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401

_REMOTE_REGISTER = ServiceSpec(
    id="remote_medical_register", number=4, title="异地就医登记备案（个人申请）", category="medical",
    needs=(),
    tile_label="异地就医登记",
    audience="异地安置退休人员、异地长期居住人员：长期居住在苏州大市范围内",
    eligibility="remote_medical_register", submit="remote_medical_register", submit_label="保存",
    outputs=("sms",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于异地安置退休人员和长期居住在苏州大市范围内（园区以外）的人员。\n"
            "登记后，在就医地开通异地就医联网结算的医疗机构发生的医疗费用，可使用社会保障·市民卡实时划卡结算。\n"
            "办理结果将以短信通知您。")),
        StepSpec(key="basic", kind="details", title="核对个人信息", details="person_basic"),
        StepSpec(key="reason_step", kind="form", title="选择登记类型", fields=(
            FieldSpec(key="reason", kind="choice", label="登记类型", options_from="remote_medical_reasons"),
        )),
        StepSpec(key="place_step", kind="form", title="选择就医地", fields=(
            FieldSpec(key="place", kind="choice", label="就医地", options_from="suzhou_places",
                      help="苏州大市范围内（园区以外）"),
        )),
        StepSpec(key="address_step", kind="form", title="填写居住地址", fields=(
            FieldSpec(key="address", kind="text", label="居住地址", max_length=60, rules=("full_address",),
                      help="请写到门牌号，例如：姑苏区人民路 100 号 3 幢 201 室"),
        )),
        StepSpec(key="contact_step", kind="form", title="填写联系电话", fields=(
            FieldSpec(key="contact_mobile", kind="mobile", label="联系手机", prefill="person_mobile",
                      help="办理结果将发送到这个手机号码"),
        )),
        StepSpec(key="start_step", kind="form", title="选择异地就医开始日期", fields=(
            FieldSpec(key="start_date", kind="date", label="开始日期", prefill="today",
                      rules=("remote_start_window",), help="最早为今天"),
        )),
        StepSpec(key="end_step", kind="form", title="选择异地就医结束日期", checks=("remote_dates",), fields=(
            FieldSpec(key="end_date", kind="date", label="结束日期", help="应晚于开始日期"),
        )),
        StepSpec(key="review", kind="review", title="确认登记信息"),
    ),
)

# The guide: 输入“手机号码”、点击“获取短信验证码”、设置“支付密码”，点击“保存”.
_MOBILE_MEDICAL = ServiceSpec(
    id="mobile_medical_app", number=27, title="园区掌上医保 APP 申请（脱卡支付）", category="medical",
    needs=(),
    tile_label="园区掌上医保 APP 申请",
    audience="园区社保（公积金）、机关事业单位参保人员", eligibility="sip_medical_insured",
    submit="mobile_medical_app", submit_label="保存", outputs=("sms",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "园区掌上医保 APP 可在指定医院就医时实现脱卡支付。\n"
            "请输入本人手机号码并获取短信验证码，然后设置 6 位数字支付密码。\n"
            "若遗忘社保查询密码，可在本机办理“社保查询密码重置”。")),
        StepSpec(key="basic", kind="details", title="核对个人信息", details="person_basic"),
        StepSpec(key="mobile_step", kind="form", title="验证手机号码", verify="mobile_medical_code", fields=(
            FieldSpec(key="mobile", kind="mobile", label="手机号码", prefill="person_mobile",
                      action="send_mobile_medical_code", action_label="获取短信验证码",
                      help="核对号码后点击“获取短信验证码”"),
            FieldSpec(key="sms_code", kind="sms_code", label="短信验证码", help="5 分钟内有效，最多可输入 3 次"),
        )),
        StepSpec(key="password_step", kind="form", title="设置支付密码", fields=(
            FieldSpec(key="payment_password", kind="password", label="支付密码", rules=("strong_password",),
                      help="6 位数字，用于脱卡支付，请用手遮挡"),
        )),
        StepSpec(key="again_step", kind="form", title="再次输入支付密码", checks=("payment_passwords_match",), fields=(
            FieldSpec(key="payment_password_again", kind="password", label="再次输入支付密码"),
        )),
        StepSpec(key="review", kind="review", title="确认保存"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (
    _REMOTE_REGISTER,
    # The guide: 确认信息后，点击“撤销”按钮；中心向参保人员发送短信通知，告知办理结果.
    ServiceSpec(
        id="remote_medical_cancel", number=5, title="异地就医登记撤销", category="medical",
        needs=(),
        tile_label="异地就医撤销",
        confirm="撤销后该异地就医登记立即失效，在就医地不能再使用社会保障·市民卡实时划卡结算",
        confirm_label="确认撤销",
        audience="已办理过异地就医登记备案的人员", eligibility="remote_medical_cancel",
        preview="remote_medical_cancel", submit="remote_medical_cancel", submit_label="确认撤销",
        outputs=("sms",), built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "适用于已办理过异地就医登记备案的人员。\n"
                "请核对您的异地就医登记信息，确认后点击“确认撤销”，登记即时失效。\n"
                "办理结果将以短信通知登记时留的联系手机。撤销后如需异地就医，可重新办理异地就医登记备案。")),
            StepSpec(key="registration", kind="details", title="核对登记信息", details="remote_medical_registration"),
            StepSpec(key="review", kind="review", title="确认撤销"),
        ),
    ),
    # The guide: 选择提取类型和发放方式，输入手机号码，点击“保存”按钮；即时办结，5 个工作日到账.
    ServiceSpec(
        id="resident_medical_withdrawal", number=6, title="居民医保一次性提取", category="medical",
        needs=("resident_medical",),
        tile_label="居民医保一次性提取",
        confirm="居民医保个人账户余额将一次性全部提取，提取后不能撤回，也不能再次提取",
        confirm_label="确认提取",
        audience="已办理企业职工退休审批或已办理转出的居民医保参保人员",
        eligibility="resident_medical_withdrawal", preview="resident_medical_withdrawal",
        submit="resident_medical_withdrawal", submit_label="确认提取", outputs=("receipt",), built=True,
        steps=(
            StepSpec(key="notice", kind="notice", title="办理须知", text=(
                "适用于已办理企业职工退休审批或已办理转出的居民医保参保人员，个人账户余额一次性全部提取。\n"
                "所需材料：本人身份证原件或社会保障市民卡原件。\n"
                "即时办结，由中心进行社会化发放，5 个工作日内到账；办结后打印业务办结凭证。")),
            StepSpec(key="account", kind="details", title="核对账户信息", details="resident_medical_account"),
            StepSpec(key="type_step", kind="form", title="选择提取类型", fields=(
                FieldSpec(key="withdrawal_type", kind="choice", label="提取类型",
                          options_from="resident_withdrawal_types"),
            )),
            StepSpec(key="payout_step", kind="form", title="选择发放方式", fields=(
                FieldSpec(key="payout_method", kind="choice", label="发放方式",
                          options_from="resident_payout_methods"),
            )),
            StepSpec(key="mobile_step", kind="form", title="填写手机号码", fields=(
                FieldSpec(key="mobile", kind="mobile", label="手机号码", prefill="person_mobile",
                          help="用于中心就本次提取与您联系"),
            )),
            StepSpec(key="review", kind="review", title="确认提取信息"),
        ),
    ),
    _MOBILE_MEDICAL,
)
