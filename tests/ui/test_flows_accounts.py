"""园区掌上医保 APP and the query-password reset through the real window."""

from __future__ import annotations

import re

from sqlalchemy import select

from kiosk.services.session_flow import Screen
from kiosk.store.tables.accounts import MobileMedicalAccount


def _code(kiosk, mobile: str) -> str:  # noqa: ANN001
    texts = [t for to, t in kiosk.devices.sms.sent if to == mobile]
    return re.search(r"验证码 (\d{6})", texts[-1]).group(1)


def test_mobile_medical_app_with_sms_code_and_payment_password(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["enterprise_employee"]
    kiosk.choose("mobile_medical_app", "medical")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    host = kiosk.window.wizard
    assert host.fields["mobile"].value() == persona.mobile  # prefilled from the record
    assert host.findChild(type(kiosk.window.password.keypad), "shared_keypad") is not None  # one keypad for both
    kiosk.next()
    kiosk.settle()
    assert host.fields["sms_code"].error.text() == "请填写短信验证码"  # nothing typed yet
    kiosk.tap("action_mobile")
    kiosk.settle()
    assert "验证码已发送至 139****5603" in host.fields["mobile"].info.text()
    code = _code(kiosk, persona.mobile)
    # The shared keypad types into the code field (the first empty one), not the mobile.
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    kiosk.type_digits(wrong)
    kiosk.next()
    kiosk.settle()
    assert kiosk.step_key() == "mobile_step"
    assert host.fields["sms_code"].error.text() == "验证码不正确，还可以再试 2 次"
    kiosk.enter_digits("sms_code", code)
    kiosk.next()
    kiosk.settle()
    assert kiosk.step_key() == "password_step"
    kiosk.type_digits("123456")
    kiosk.next()
    assert "连续" in kiosk.window.wizard.fields["payment_password"].error.text()
    kiosk.tap("key_clear")
    kiosk.type_digits("739146")
    assert not any("739146" in t for t in kiosk.visible_texts())  # masked
    kiosk.next()
    kiosk.type_digits("739146")
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert "●●●●●●" in " ".join(kiosk.visible_texts())
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    assert kiosk.window.result.status.text() == "办理成功"
    assert "已开通" in kiosk.devices.sms.sent[-1][1]
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(MobileMedicalAccount)).one().mobile == persona.mobile


def test_password_reset_offers_only_the_id_card_and_unlocks(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("password_reset", "social_insurance")
    assert not kiosk.button("login_citizen_card_password").isEnabled()
    assert "不能使用此方式登录" in kiosk.window.login_choice.notes["citizen_card_password"].text()
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.type_digits("739146")
    kiosk.next()
    kiosk.type_digits("739145")
    kiosk.next()
    assert "不一致" in kiosk.window.wizard.fields["new_password_again"].error.text()
    kiosk.tap("key_clear")
    kiosk.type_digits("739146")
    kiosk.next()
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    kiosk.tap("finish")
    # The new password now opens the citizen-card log-in.
    kiosk.devices.id_card.remove()
    kiosk.poll()
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.login_card(persona, password="739146")
    kiosk.wizard_ready()
