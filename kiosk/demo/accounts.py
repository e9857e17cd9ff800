"""Demo outcomes of the account services (password reset, 园区掌上医保 APP) for the core personas."""

from __future__ import annotations

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation

_RESET = Expectation("completed", "身份证 + 人脸登录后可重置查询密码（密码登录不能办理本业务）")
_APP_OK = Expectation("completed", "园区医疗保险正常参保，短信验证后设置支付密码")


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        "flex_normal": {"password_reset": _RESET, "mobile_medical_app": _APP_OK},
        "flex_suspended": {"password_reset": _RESET,
                           "mobile_medical_app": Expectation("refused", "医疗保险暂停缴费，不能开通脱卡支付")},
        "enterprise_employee": {"password_reset": _RESET, "mobile_medical_app": _APP_OK},
        "institution_staff": {"password_reset": _RESET, "mobile_medical_app": _APP_OK},
        "retiree_resettled": {"password_reset": _RESET, "mobile_medical_app": _APP_OK},
        "remote_registered": {"password_reset": _RESET, "mobile_medical_app": _APP_OK},
        "no_sip_record": {"password_reset": _RESET,
                          "mobile_medical_app": Expectation("refused", "没有园区医疗保险记录")},
    }
