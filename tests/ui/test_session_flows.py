"""The three services through the real UI, with both log-ins, as a resident would use them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen
from kiosk.store import models as m


def test_home_shows_built_services_by_category(kiosk) -> None:  # noqa: ANN001
    home = kiosk.window.home
    kiosk.finger.tap_named(home, "category_social_insurance")
    kiosk.qtbot.waitUntil(lambda: home.findChild(type(kiosk.button("category_medical")),
                                                 "service_flex_contribution_change") is not None)
    titles = [b.text() for b in home.findChildren(type(kiosk.button("category_medical"))) if
              b.objectName().startswith("service_") and not b.isHidden()]
    assert "灵活就业人员缴费档次变更" in titles  # the tile names the guide tells residents to tap
    assert "参保证明或参保明细打印" in titles
    for key in ("social_insurance", "medical", "unemployment", "housing_fund", "loan", "institution"):
        assert kiosk.button(f"category_{key}").height() >= 80


def test_flex_grade_change_with_citizen_card(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.flex_grade_change_to_review(persona, "3")
    assert [s.key for s in kiosk.window.wizard.wizard.steps] == ["notice", "current", "change", "grade_step", "review"]
    review = " ".join(kiosk.visible_texts())
    assert "2,380.00 元" in review and "2026 年 3 月" in review  # 17 March: before the 18th
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    assert kiosk.window.result.serial.text().startswith("业务流水号：YW20260317")
    receipt = "\n".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))
    assert "业务办结凭证" in receipt and "二档" not in receipt and "三档" in receipt
    assert persona.id_number not in receipt and persona.id_number[-4:] in receipt
    with kiosk.store.transaction() as tx:
        enrolment = tx.get(m.FlexEnrolment, 1)
        assert (enrolment.grade_code, enrolment.effective_from) == ("3", "2026-03")


def test_institution_staff_certificate_with_id_card_and_face(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.login_id_card(personas["institution_staff"])
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.pick("document", "certificate")
    kiosk.next()
    kinds = kiosk.window.wizard.fields["insurances"].input
    assert kinds.disabled_reason("pension").startswith("机关事业单位人员只能打印医疗、工伤、生育和住房公积金")
    assert kinds.disabled_reason("medical") is None
    kiosk.pick("insurances", ["medical", "housing_fund"])
    kiosk.next()
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    pdfs = list((kiosk.config.paths.spool_dir).glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")


def test_remote_medical_register_with_typed_id_number(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["retiree_resettled"]
    kiosk.choose("remote_medical_register", "medical")
    kiosk.tap("login_id_card_face")
    kiosk.wait_screen(Screen.ID_INPUT)
    for ch in persona.id_number:
        kiosk.tap(f"key_{ch}")
    kiosk.tap("confirm")
    kiosk.settle()
    kiosk.wait_screen(Screen.FACE)
    kiosk.devices.face.present(persona.key)
    kiosk.tap("face_start")
    kiosk.settle()
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.pick("reason", "retiree_resettled")
    kiosk.next()
    kiosk.pick("place", "taicang")
    kiosk.next()
    address = kiosk.window.wizard.fields["address"].input
    kiosk.type_chinese(address, "太仓市")
    kiosk.next()
    assert "门牌号" in kiosk.window.wizard.fields["address"].error.text()  # too short: stays on the step
    kiosk.type_chinese(address, "南洋广场 8 号 1201 室")
    kiosk.next()
    assert kiosk.window.wizard.fields["contact_mobile"].value() == persona.mobile  # prefilled
    kiosk.next()
    kiosk.pick_date("start_date", date(2026, 3, 16))
    kiosk.next()
    assert "不能早于今天" in kiosk.window.wizard.fields["start_date"].error.text()
    kiosk.pick_date("start_date", date(2026, 4, 1))
    kiosk.next()
    kiosk.pick_date("end_date", date(2026, 3, 31))
    kiosk.next()
    assert "晚于开始日期" in kiosk.window.wizard.fields["end_date"].error.text()
    kiosk.pick_date("end_date", date(2027, 3, 31))
    kiosk.next()
    assert kiosk.step_key() == "review"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    assert kiosk.window.result.status.text() == "办理成功"
    mobile, text = kiosk.devices.sms.sent[-1]
    assert mobile == persona.mobile and "太仓市" in text and "2026-04-01 至 2027-03-31" in text
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(m.RemoteMedicalRegistration).where(m.RemoteMedicalRegistration.address.like("%南洋%"))).one()
        assert row.address == "太仓市南洋广场 8 号 1201 室"


def test_refused_at_opening_shows_the_reason(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["enterprise_employee"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "灵活就业" in kiosk.window.result.headline.text()


def test_back_and_home_on_every_wizard_step(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.login_card(personas["enterprise_employee"])
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "insured"
    assert kiosk.button("home").isVisible()
    kiosk.tap("back")
    assert kiosk.step_key() == "notice"
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)


def test_wrong_check_digit_is_explained(kiosk, personas) -> None:  # noqa: ANN001
    number = personas["flex_normal"].id_number
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    for ch in wrong:
        kiosk.tap(f"key_{ch}")
    kiosk.tap("confirm")
    kiosk.settle()
    assert kiosk.screen == Screen.ID_INPUT
    assert "请核对最后一位" in kiosk.message()


def test_escape_and_close_do_not_leave_kiosk_mode(qtbot, kiosk) -> None:  # noqa: ANN001
    kiosk.window.kiosk_mode = True
    kiosk.window.close()
    assert kiosk.window.isVisible()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert kiosk.window.isVisible()
    kiosk.window.kiosk_mode = False
