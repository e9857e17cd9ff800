"""Issue 12 point 5: what cannot be undone is asked once more; the review goes back to any step (修改)."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.services import catalogue
from kiosk.services.session_flow import Screen
from kiosk.store import models as m


def _submissions(kiosk) -> int:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        return len(tx.scalars(select(m.Submission)).all())


def test_a_stop_is_asked_once_more_with_its_consequence(kiosk, personas) -> None:  # noqa: ANN001
    spec = catalogue.get("flex_suspend")
    kiosk.choose("flex_suspend", "social_insurance")
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "review"
    before = _submissions(kiosk)
    kiosk.tap("submit")
    host = kiosk.window.wizard
    assert host.confirming and kiosk.screen == Screen.WIZARD
    assert host.findChild(type(host.title), "confirm_text").text() == spec.confirm
    assert "停止缴费月份：自 2026 年 3 月 起不再扣缴" in kiosk.texts()  # the month stays in view
    confirm = kiosk.button("confirm_submit")
    assert confirm.text() == "确认终止" and confirm.property("role") == "danger"
    assert kiosk.button("back").text() == "返回修改"
    assert not host.submit_button.isVisible()
    kiosk.tap("back")  # 返回修改: the review again, nothing done
    assert kiosk.step_key() == "review" and not host.confirming
    assert kiosk.button("submit").text() == "确认终止" and kiosk.button("back").text() == "返回上一步"
    assert _submissions(kiosk) == before
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "办理成功"
    assert _submissions(kiosk) == before + 1
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    kiosk.settle()


def test_a_transfer_names_its_action_on_the_confirmation(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.withdrawal_to_mobile_step(personas["resident_transferred"])
    kiosk.next()  # the mobile number is filled in already
    assert kiosk.step_key() == "review"
    kiosk.tap("submit")
    assert kiosk.button("confirm_submit").text() == "确认提取"
    assert "提取金额：1,520.30 元" in kiosk.texts()


def test_a_business_that_can_be_changed_later_is_not_asked_twice(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "办理成功"
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    kiosk.settle()


def test_modify_on_the_review_goes_back_to_that_step_with_the_answer_kept(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    host = kiosk.window.wizard
    assert {"edit_change", "edit_grade_step"} <= {b.objectName() for b in kiosk.window.findChildren(
        type(host.submit_button)) if b.objectName().startswith("edit_") and b.isVisible()}
    grade = catalogue.get("flex_contribution_change").field("grade").label
    old_line = next(t for t in kiosk.visible_texts() if t.startswith(f"{grade}："))
    kiosk.tap("edit_grade_step")
    assert kiosk.step_key() == "grade_step"
    assert host.fields["grade"].value() == "2"  # the answer is still there
    kiosk.pick("grade", "3")
    kiosk.next()
    assert kiosk.step_key() == "review"
    new_line = next(t for t in kiosk.visible_texts() if t.startswith(f"{grade}："))
    assert new_line != old_line and old_line not in kiosk.visible_texts()
    kiosk.tap("edit_change")  # further back: the walk forward keeps every answer
    assert kiosk.step_key() == "change" and host.fields["change_type"].value() == "grade"
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "review" and new_line in kiosk.visible_texts()


def test_a_confirmation_left_open_is_gone_for_the_next_resident(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.withdrawal_to_mobile_step(personas["resident_transferred"])
    kiosk.next()
    kiosk.tap("submit")
    assert "提取金额：" in kiosk.texts()
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)
    host = kiosk.window.wizard
    assert not host.confirming and not host.confirm_button.isVisibleTo(host)
    assert host.findChild(type(host.title), "confirm_text") is None or not host.findChild(
        type(host.title), "confirm_text").text()
