"""What protects a resident's session: idle timeout, logout clearing, retries, lockout, faults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from kiosk.devices.face.simulated import NOBODY
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.ui.demo_cards import citizen_card_of, id_card_of


def _personal_texts(kiosk, persona) -> list[str]:  # noqa: ANN001
    secrets = [persona.name, persona.id_number, persona.id_number[-4:], persona.mobile[-4:]]
    return [t for t in kiosk.visible_texts() if any(s in t for s in secrets)]


def test_idle_countdown_then_logout_clears_every_screen(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()  # the check-your-details step shows the name and masked ID
    assert _personal_texts(kiosk, persona)
    kiosk.clock.advance(39)
    kiosk.window.check_idle()
    assert not kiosk.window.overlay.isVisible()
    kiosk.clock.advance(2)  # 41 s idle: the warning lasts 20 s, 19 s are left
    kiosk.window.check_idle()
    assert kiosk.window.overlay.isVisible()
    assert "19 秒" in " ".join(kiosk.visible_texts())
    kiosk.tap_widget(kiosk.window.overlay.findChild(type(kiosk.button("home")), "continue"))
    assert not kiosk.window.overlay.isVisible()
    assert kiosk.screen == Screen.WIZARD  # 继续办理 keeps the session
    kiosk.clock.advance(60)
    kiosk.window.check_idle()
    assert kiosk.screen == Screen.CARD_RETURN  # logged out; the citizen card is still in its reader
    assert _personal_texts(kiosk, persona) == []
    kiosk.take_cards()
    assert kiosk.screen == Screen.HOME
    assert _personal_texts(kiosk, persona) == []
    assert kiosk.window.state.person is None and kiosk.window.wizard.wizard is None


def test_completed_service_logs_out(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["enterprise_employee"]
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.pick("document", "certificate")
    kiosk.next()
    kiosk.pick("insurances", ["pension"])
    kiosk.next()
    assert kiosk.step_key() == "review"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    assert kiosk.window.state.person is None
    assert _personal_texts(kiosk, persona) == []
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)


def test_swapping_the_id_card_without_an_empty_poll_logs_the_first_resident_out(kiosk, personas) -> None:  # noqa: ANN001
    persona, other = personas["flex_normal"], personas["enterprise_employee"]
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.devices.id_card.insert(id_card_of(other))  # the first card never seen leaving the reader
    kiosk.poll()
    assert kiosk.screen == Screen.CARD_RETURN  # logged out; the card now lying there is asked back
    assert kiosk.window.state.person is None and kiosk.window.wizard.wizard is None
    assert _personal_texts(kiosk, persona) == []


def test_pulling_the_citizen_card_logs_out(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.devices.citizen_card.remove()
    kiosk.poll()
    assert kiosk.screen == Screen.HOME
    assert _personal_texts(kiosk, persona) == []
    with kiosk.store.transaction() as tx:
        actions = list(tx.scalars(select(m.AuditEntry.action)))
    assert "login_ok" in actions and "logout" in actions


def test_face_fails_three_times_then_card_login_is_offered(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.devices.id_card.insert(id_card_of(personas["flex_normal"]))
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)
    kiosk.devices.face.present("somebody_else")
    kiosk.tap("face_start")
    kiosk.settle()
    assert "还可以再试 2 次" in kiosk.message()
    kiosk.devices.face.present(NOBODY)
    kiosk.tap("face_start")
    kiosk.settle()
    assert "未检测到人脸" in kiosk.message()
    kiosk.tap("face_start")
    kiosk.settle()
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert "市民卡" in kiosk.message()
    assert not kiosk.button("login_id_card_face").isEnabled()
    assert kiosk.button("login_citizen_card_password").isEnabled()


def test_camera_fault_offers_card_login_at_once(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.devices.id_card.insert(id_card_of(personas["flex_normal"]))
    kiosk.poll()
    kiosk.devices.face.break_camera()
    kiosk.tap("face_start")
    kiosk.settle()
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert "摄像头" in kiosk.message()


def test_an_unplugged_id_reader_puts_up_a_banner_and_the_card_login_still_works(kiosk, personas,  # noqa: ANN001
                                                                                caplog) -> None:  # noqa: ANN001
    kiosk.devices.id_card.unplug()
    kiosk.poll()
    assert kiosk.window.device_banner.text() == "身份证读卡器未连接"
    assert "id_card_face reader not connected" in caplog.text
    kiosk.choose("insurance_certificate", "social_insurance")
    assert not kiosk.button("login_id_card_face").isEnabled()
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    assert kiosk.screen == Screen.WIZARD
    kiosk.devices.id_card.remove()  # plugged back in: no card on it
    kiosk.poll()
    assert kiosk.window.device_banner.text() == ""


def _to_password_screen(kiosk, persona) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.tap("login_citizen_card_password")
    kiosk.devices.citizen_card.insert(citizen_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.PASSWORD)


def test_password_keypad_is_shuffled_and_never_shows_digits(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    _to_password_screen(kiosk, persona)
    keypad = kiosk.window.password.keypad
    layouts = set()
    for _ in range(5):
        keypad.reshuffle()
        layouts.add(tuple(sorted(keypad.digit_positions().items())))
    assert len(layouts) > 1
    for digit in persona.password[:4]:
        kiosk.tap(f"key_{digit}")
    assert not any(persona.password[:4] in t for t in kiosk.visible_texts())


def test_five_wrong_passwords_lock_until_tomorrow(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(persona, password="000000")
    assert "还可以再试 4 次" in kiosk.message()
    for _ in range(4):
        kiosk.enter_password("000000")
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert "锁定至 2026-03-18 00:00" in kiosk.message()
    assert not kiosk.button("login_citizen_card_password").isEnabled()
    with kiosk.store.transaction() as tx:
        texts = " ".join(f"{a.action} {a.detail}" for a in tx.scalars(select(m.AuditEntry)))
    assert "000000" not in texts and persona.password not in texts
    log = Path(kiosk.config.paths.log_file)
    assert not log.exists() or "000000" not in log.read_text(encoding="utf-8")


def test_empty_receipt_printer_is_told_before_submitting_and_gives_a_reprint_code(kiosk, personas) -> None:  # noqa: ANN001
    from kiosk.services import print_fallback
    from kiosk.services.print_run import print_jobs

    persona = personas["flex_normal"]
    kiosk.devices.receipt_printer.paper_out = True
    kiosk.flex_grade_change_to_review(persona, "2")
    kiosk.qtbot.waitUntil(lambda: kiosk.window.wizard.findChild(QLabel, "print_warning") is not None, timeout=30000)
    warning = kiosk.window.wizard.findChild(QLabel, "print_warning").text()
    assert warning.startswith("凭条打印机缺纸：本次业务可以正常办理，但办结后暂时无法打印凭证")
    offer = kiosk.window.wizard.sms_code
    assert offer.isChecked() and persona.mobile[-4:] in offer.text() and persona.mobile not in offer.text()
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: any("补打码" in sms for _, sms in kiosk.devices.sms.sent), timeout=30000)
    serial = kiosk.window.result.serial.text().split("：")[1]
    text = kiosk.window.result.printing.text()
    code = text.split("补打码 ")[1][:6]
    assert "缺纸" in text and "（已同时发送到您的手机）" in text and code.isdigit()
    assert kiosk.window.result.code.text() == f"补打码：{code}"  # shown large, apart from the sentence
    assert print_fallback.serial_for_code(kiosk.store, code) == serial
    assert any(mobile == persona.mobile and f"补打码 {code}" in sms for mobile, sms in kiosk.devices.sms.sent)
    with kiosk.store.transaction() as tx:
        assert tx.get(m.Submission, serial).status == "completed"  # the business is not lost
        assert [j.status for j in tx.scalars(select(m.PrintJob))] == ["failed"]
    kiosk.devices.receipt_printer.paper_out = False
    serial_again, results = print_fallback.reprint_by_code(kiosk.store, code, kiosk.devices.receipt_printer,
                                                           kiosk.devices.report_printer, kiosk.clock, kiosk.config)
    assert serial_again == serial and [r.printed for r in results] == [True]
    assert print_jobs(kiosk.store, serial, kiosk.devices.receipt_printer, kiosk.devices.report_printer,
                      kiosk.clock, kiosk.config) == []  # nothing left to print


def test_declining_the_sms_keeps_the_code_on_screen_only(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.devices.receipt_printer.paper_out = True
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.qtbot.waitUntil(lambda: kiosk.window.wizard.sms_code is not None, timeout=30000)
    kiosk.tap_widget(kiosk.window.wizard.sms_code)  # untick 短信发送补打码
    assert not kiosk.window.wizard.sms_code.isChecked(), "a tap on the centre of the 短信发送补打码 box did not untick it"
    sent_before = len(kiosk.devices.sms.sent)
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "补打码" in kiosk.window.result.printing.text(), timeout=30000)
    kiosk.settle()  # the SMS run after the print status is done too
    text = kiosk.window.result.printing.text()
    assert "补打码" in text and "已同时发送" not in text
    assert not any("补打码" in sms for _, sms in kiosk.devices.sms.sent[sent_before:])


def test_a_ready_printer_gives_no_warning(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.settle()
    assert kiosk.window.wizard.findChild(QLabel, "print_warning") is None and kiosk.window.wizard.sms_code is None


def test_closed_database_is_explained_and_writes_nothing(kiosk, personas, tmp_path) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    # The database file goes away under the kiosk: its folder is now a regular file.
    kiosk.window.store = Store(f"sqlite:///{tmp_path}/moved/kiosk.sqlite")
    (tmp_path / "moved" / "kiosk.sqlite").unlink(missing_ok=True)
    (tmp_path / "moved").rmdir()
    (tmp_path / "moved").write_text("not a folder")
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "系统故障，本次业务未办理"
    assert "稍后再试" in kiosk.window.result.headline.text()
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(m.Submission)).all() == []


def test_a_card_pulled_right_after_submitting_still_shows_the_result(kiosk, personas, monkeypatch) -> None:  # noqa: ANN001
    """The business commits while the card leaves the reader: the resident still sees the serial."""
    import threading

    from kiosk.services import submission

    persona = personas["flex_normal"]
    kiosk.flex_grade_change_to_review(persona, "2")
    held, real_submit = threading.Event(), submission.submit

    def slow_submit(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (the real call, held until the card is gone)
        held.wait(30)
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(submission, "submit", slow_submit)
    kiosk.tap("submit")
    kiosk.devices.citizen_card.remove()
    kiosk.window.poll_devices()
    kiosk.qtbot.waitUntil(lambda: kiosk.window.poll_bridge.busy == 0, timeout=30000)
    assert kiosk.screen == Screen.WIZARD  # the pulled card waits for the submission
    held.set()
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    assert kiosk.window.result.status.text() == "办理成功"
    assert kiosk.window.result.serial.text().startswith("业务流水号：YW")
    kiosk.window.poll_devices()
    kiosk.settle()
    assert kiosk.screen == Screen.RESULT  # it stays until 完成 or the idle timeout


def test_a_digit_corrected_after_six_were_typed_logs_in_with_the_corrected_password(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    _to_password_screen(kiosk, persona)
    kiosk.settle()
    wrong_last = "1" if persona.password[-1] != "1" else "2"
    for digit in persona.password[:-1] + wrong_last:  # six digits: their check starts at once
        kiosk.tap(f"key_{digit}")
    kiosk.settle()
    kiosk.tap("key_back")
    kiosk.enter_password(persona.password[-1])
    kiosk.wait_screen(Screen.WIZARD)
    with kiosk.store.transaction() as tx:
        assert tx.get_one(m.Credential, kiosk.person_id("flex_normal")).failed_attempts == 0
