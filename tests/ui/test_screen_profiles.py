"""Every screen fits every screen profile: the window keeps the profile's size, no control is out of a
finger's reach and no text is cut (kiosk/ui/layout_check.py), through the services that were hardest
to fit (the 9-step 异地就医登记备案, the institutions of 失业保险关系接收函开具, the password keypad of
社保查询密码重置, the SMS step of 园区掌上医保, the loan plan), both log-ins and their failures, the
printer faults, the staff PIN and the maintenance screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QScroller, QVBoxLayout, QWidget

from kiosk.config import SCREEN_PROFILES, ScreenSection, load_config
from kiosk.devices.face.simulated import TWO_PEOPLE
from kiosk.services.session_flow import Screen
from kiosk.ui.demo_cards import id_card_of
from kiosk.ui.layout_check import inspect, problems
from kiosk.ui.screenshots import render_all
from kiosk.ui.touch import Finger
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.touch_scroll import MORE_BELOW, TouchScrollArea

# (profile, services, printer faults too): three of the hard ones a profile, each hard one at two
# profiles, the faults at the default (about 15–30 s a profile on this machine; the whole catalogue at
# all three profiles is `kiosk screenshots --profile all`, about 7 minutes).
WALKS = [("1920x1080", ["remote_medical_register", "unemployment_transfer_letter", "hf_loan_query"], True),
         ("1080x1920", ["remote_medical_register", "password_reset", "mobile_medical_app"], False),
         ("1280x1024", ["password_reset", "mobile_medical_app", "hf_loan_query"], False)]


@pytest.mark.parametrize(("profile", "services", "faults"), WALKS)
def test_every_screen_fits_the_profile(qapp, tmp_path: Path, profile: str, services: list[str],  # noqa: ANN001
                                       faults: bool) -> None:
    [cat] = render_all(tmp_path, [profile], services, faults=faults)
    assert [f"{name}: {item.problem}" for name, item in cat.problems()] == []
    names = [s.name for s in cat.shots]
    states = ["home", "login/id_wrong_check_digit", "login/face_try_3", "login/face_photo_held_up",
              "login/face_two_people", "login/password_wrong", "login/password_locked", "idle_countdown",
              "card_return_id_card", "card_return_citizen_card",
              "staff_pin", "maintenance", "demo_dev_panel_closed", "demo_dev_panel",
              f"{services[0]}/completed/result"]
    states += ["fault_both_printers_out/result"] if faults else []
    states += ["reprint/entry", "reprint/wrong_code", "reprint/printed", "reprint/locked"]  # 凭补打码补打
    assert [state for state in states if state not in names] == []
    reprinted = next(s for s in cat.shots if s.name == "reprint/printed")
    assert any(i.text.endswith("请在出纸口取走") for i in reprinted.items)
    kiosk_shots = [s for s in cat.shots if not s.name.startswith("demo_dev_panel")]
    sizes = {(QImage(str(cat.out / s.file)).width(), QImage(str(cat.out / s.file)).height()) for s in kiosk_shots}
    assert sizes == {SCREEN_PROFILES[profile]}  # the window never grew or shrank
    layout = json.loads((cat.out / "layout.json").read_text(encoding="utf-8"))
    assert layout["profile"] == profile and len(layout["screens"]) == len(cat.shots)
    assert all(item["rect"] and "text" in item for s in layout["screens"] for item in s["items"])
    sheet = (cat.out / "index.html").read_text(encoding="utf-8")
    assert all(s.file in sheet for s in cat.shots)


# 长辈版: the two-question SMS step, the loan plan's pages, home's categories and four-tile pages.
ELDER_WALKS = [("1920x1080", ["hf_loan_query"], "standard"), ("1080x1920", ["mobile_medical_app"], "high_contrast"),
               ("1280x1024", ["mobile_medical_app", "hf_loan_query"], "standard")]


@pytest.mark.parametrize(("profile", "services", "theme"), ELDER_WALKS)
def test_every_screen_fits_the_profile_in_elder_mode(qapp, tmp_path: Path, profile: str, services: list[str],  # noqa: ANN001
                                                     theme: str) -> None:
    [cat] = render_all(tmp_path, [profile], services, faults=False, mode="elder", theme=theme)
    assert [f"{name}: {item.problem}" for name, item in cat.problems()] == []
    home = json.loads((cat.out / "layout.json").read_text(encoding="utf-8"))["screens"][0]
    texts = {item["text"] for item in home["items"]}
    assert {"标准版", "请选择业务类别"} <= texts  # taken in 长辈版, its switch on screen


def test_the_check_finds_cut_text_and_controls_off_screen(qtbot) -> None:  # noqa: ANN001
    top = QWidget()
    qtbot.addWidget(top)
    top.setFixedSize(400, 300)
    column = QVBoxLayout(top)
    cut = QLabel("一行放不下的很长很长很长很长很长很长的说明文字")
    cut.setFixedWidth(200)
    column.addWidget(cut)
    wrapped = QLabel("这一段可以换行，" * 3)
    wrapped.setWordWrap(True)
    column.addWidget(wrapped)
    top.show()
    off = TouchButton("看不到的按钮", parent=top)
    off.setGeometry(300, 250, 200, 80)  # half outside the window
    off.show()
    found = {item.text[:6]: item.problem for item in problems(inspect(top, QRect(0, 0, 400, 300)))}
    assert found.keys() == {"一行放不下的", "看不到的按钮"}
    assert found["看不到的按钮"].startswith("unreachable: 看不到的按钮 (")
    assert found["一行放不下的"].startswith("clipped: ")


def test_the_screen_profile_is_read_from_the_config(tmp_path: Path) -> None:
    assert load_config(demo=True).screen.size == (1920, 1080)
    path = tmp_path / "kiosk.toml"
    path.write_text('[screen]\nprofile = "1080x1920"\n', encoding="utf-8")
    assert load_config(path).screen.size == (1080, 1920)
    path.write_text('[screen]\nprofile = "800x600"\n', encoding="utf-8")
    with pytest.raises(Exception, match="profile"):
        load_config(path)
    assert ScreenSection(profile="1280x1024").size == (1280, 1024)


def test_the_loan_plan_fills_the_landscape_screen_and_jumps_by_year(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_loan_query", "loan")
    kiosk.login_card(personas["loan_borrower"])
    kiosk.wizard_ready()
    while kiosk.window.wizard.paged is None:
        kiosk.next()
    paged = kiosk.window.wizard.paged
    kiosk.settle()
    assert paged.page_size >= 12
    first_year = paged.visible_rows()[0][1][:4]
    kiosk.tap_widget(paged.next_year)
    assert paged.visible_rows()[0][1][:4] == str(int(first_year) + 1)
    kiosk.tap_widget(paged.prev_year)
    assert paged.visible_rows()[0][1].startswith(first_year)
    assert all(kiosk.finger.why_unreachable(b) is None for b in (paged.prev, paged.next))


def test_a_long_list_says_there_is_more_below_until_the_end(qtbot) -> None:  # noqa: ANN001
    area = TouchScrollArea()
    qtbot.addWidget(area)
    content = QWidget()
    column = QVBoxLayout(content)
    for i in range(30):
        column.addWidget(QLabel(f"第 {i + 1} 项"))
    area.setWidget(content)
    area.resize(500, 400)
    area.show()
    qtbot.waitUntil(area.more_below)
    assert area.more.text() == MORE_BELOW and area.area.verticalScrollBar().width() >= 60
    finger = Finger(area, QRect(0, 0, 500, 400))
    for _ in range(10):  # a finger drags the list up to its end
        finger.drag(area, QPoint(200, 330), QPoint(200, 10))
        qtbot.waitUntil(lambda: QScroller.scroller(area.area.viewport()).state() == QScroller.State.Inactive)
        if not area.more_below():
            break
    assert not area.more_below()
    assert area.more.text() == "" and area.more.isVisible()  # the line stays, empty: nothing moves


def test_an_error_line_keeps_its_room_and_goes_when_the_answer_changes(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("remote_medical_register", "medical")
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    while not any(f.spec.kind == "choice" for f in kiosk.window.wizard.fields.values()):
        kiosk.next()
    next_button = kiosk.window.wizard.next_button
    before = next_button.mapTo(kiosk.window, next_button.rect().topLeft())
    kiosk.next()  # nothing chosen yet: the errors show
    field = next(f for f in kiosk.window.wizard.fields.values() if f.error.text())
    assert next_button.mapTo(kiosk.window, next_button.rect().topLeft()) == before
    option = next(v for v in field.input.values() if field.input.disabled_reason(v) is None)
    kiosk.pick(field.spec.key, option)
    assert field.error.text() == "" and field.error.isVisible()
    assert kiosk.window.size().width() == 1920 and kiosk.screen == Screen.WIZARD


def test_the_face_screen_shows_the_camera_and_a_hint(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.devices.id_card.insert(id_card_of(personas["flex_normal"]))
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)
    kiosk.devices.face.present(TWO_PEOPLE)  # the picture follows every 250 ms
    kiosk.qtbot.waitUntil(lambda: kiosk.window.face.hint.text() == "请一个人站在镜头前", timeout=10000)
    kiosk.devices.face.present("flex_normal")
    kiosk.qtbot.waitUntil(lambda: kiosk.window.face.hint.text().startswith("位置合适"), timeout=10000)
    assert kiosk.window.face.preview.grab().toImage().pixelColor(960, 300).name() != "#ffffff"
