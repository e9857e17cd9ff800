"""医疗保险 services (rows 4, 5, 6, 27)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401
from kiosk.services.specs.planned import ID_CARD_ONLY, planned  # noqa: F401

_REMOTE_REGISTER = ServiceSpec(
    id="remote_medical_register", number=4, title="异地就医登记备案（个人申请）", category="medical",
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

SPECS: tuple[ServiceSpec, ...] = (
    _REMOTE_REGISTER,
    planned("remote_medical_cancel", 5, "异地就医登记撤销", "medical", "已办理过异地就医登记备案的人员", ("sms",)),
    planned("resident_medical_withdrawal", 6, "居民医保一次性提取", "medical",
        "已办理企业职工退休审批或已办理转出的居民医保参保人员", ("receipt",)),
    planned("mobile_medical_app", 27, "园区掌上医保 APP 申请（脱卡支付）", "medical",
        "社保公积金参保人员及机关事业单位参保人员", ("sms",)),
)
