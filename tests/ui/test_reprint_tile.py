"""凭补打码补打 on the home screen, tapped as a resident would: the code on the keypad, the paper, the lock."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from kiosk.clock import CST, ManualClock
from kiosk.config import SCREEN_PROFILES
from kiosk.devices.bundle import build_devices
from kiosk.services.session_flow import Screen
from kiosk.services.spec import CATEGORY_TITLES
from kiosk.store.database import Store
from kiosk.store.tables.reprint_codes import ReprintCode
from kiosk.ui.app import build_window
from kiosk.ui.scenario import scenario_config
from kiosk.ui.touch import Finger, window_rect

START = datetime(2026, 3, 17, 10, 0, tzinfo=CST)  # the kiosk harness's day


def _voucher_left_unprinted(kiosk, personas) -> str:  # noqa: ANN001
    """A grade change submitted with the receipt printer out of paper; back home with its 补打码."""
    kiosk.devices.receipt_printer.paper_out = True
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.submit()
    kiosk.qtbot.waitUntil(lambda: bool(kiosk.window.result.code.text()), timeout=30000)
    assert "首页“凭补打码补打”" in kiosk.window.result.printing.text()
    code = kiosk.window.result.code.text().removeprefix("补打码：")
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    return code


def _enter(kiosk, code: str) -> str:  # noqa: ANN001
    """Types the code, taps 确定, waits for the printing; what the screen answers."""
    kiosk.type_digits(code)
    kiosk.tap("confirm")
    kiosk.settle()
    return kiosk.window.reprint.answer.text()


def _open_tile(kiosk) -> None:  # noqa: ANN001
    kiosk.tap("reprint_tile")
    kiosk.wait_screen(Screen.REPRINT)
    kiosk.settle()


def test_a_resident_reprints_the_voucher_with_the_code_from_the_home_tile(kiosk, personas) -> None:  # noqa: ANN001
    code = _voucher_left_unprinted(kiosk, personas)
    _open_tile(kiosk)
    # Still no paper: said plainly, the code stays valid, nothing printed or lost.
    assert _enter(kiosk, code) == ("打印机暂时无法打印（凭条打印机缺纸），《业务办结凭证》未能打印。"
                                   "您的补打码仍然有效，请稍后再试，或到中心柜面补打")
    assert kiosk.devices.receipt_printer.jobs == []
    kiosk.devices.receipt_printer.paper_out = False
    assert _enter(kiosk, code) == "已打印《业务办结凭证》（小票），请在出纸口取走"
    assert len(kiosk.devices.receipt_printer.jobs) == 1
    assert kiosk.window.reprint.entry.text() == ""  # the code does not stay for the next person
    with kiosk.store.transaction() as tx:
        assert tx.get(ReprintCode, code).used_at is not None
    assert _enter(kiosk, code) == "这个补打码已经用过：凭证已于 3 月 17 日 10:00 补打。如没有拿到，请到中心柜面咨询"
    assert len(kiosk.devices.receipt_printer.jobs) == 1
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)


def test_five_wrong_codes_lock_the_entry_until_15_minutes_later(kiosk) -> None:  # noqa: ANN001
    _open_tile(kiosk)
    for left in (4, 3, 2, 1):
        assert _enter(kiosk, "000000") == f"补打码不正确，请核对后重新输入（还可以再试 {left} 次）"
    locked = "补打码输错次数过多，本机暂停补打，请于 10:15 后再试，或到中心柜面补打"
    assert _enter(kiosk, "000000") == locked
    assert not kiosk.button("confirm").isEnabled() and not kiosk.button("key_1").isEnabled()
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)
    _open_tile(kiosk)  # coming back does not lift the lock
    assert kiosk.window.reprint.answer.text() == locked and not kiosk.button("confirm").isEnabled()
    kiosk.tap("home")
    kiosk.clock.advance(minutes=15)
    _open_tile(kiosk)
    assert kiosk.window.reprint.answer.text() == "" and kiosk.button("confirm").isEnabled()
    assert _enter(kiosk, "000000") == "补打码不正确，请核对后重新输入（还可以再试 4 次）"


def test_fewer_than_six_digits_ask_for_six_and_keep_what_was_typed(kiosk) -> None:  # noqa: ANN001
    _open_tile(kiosk)
    assert _enter(kiosk, "123") == "请输入 6 位数字补打码"
    assert kiosk.window.reprint.entry.text() == "123"
    assert _enter(kiosk, "456") == "补打码不正确，请核对后重新输入（还可以再试 4 次）"


def test_the_idle_timeout_returns_home_and_wipes_the_typed_code(kiosk) -> None:  # noqa: ANN001
    _open_tile(kiosk)
    kiosk.type_digits("4812")
    kiosk.clock.advance(seconds=kiosk.config.session.idle_timeout_seconds + 1)
    kiosk.window.check_idle()
    kiosk.wait_screen(Screen.HOME)
    _open_tile(kiosk)
    assert kiosk.window.reprint.entry.text() == ""


@pytest.mark.parametrize("profile", list(SCREEN_PROFILES))
def test_the_tile_is_whole_on_screen_whatever_category_is_open(qtbot, tmp_path: Path, seeded_db_file: Path,  # noqa: ANN001
                                                               profile: str) -> None:
    shutil.copy(seeded_db_file, tmp_path / "scenario.sqlite")
    config = scenario_config(tmp_path, None, profile)
    store = Store(config.database.url)
    window = build_window(config, store, build_devices(config), ManualClock(START), windowed=True, dev_panel=False)
    window.poll_timer.stop()
    window.idle_timer.stop()
    qtbot.addWidget(window)
    window.show()
    try:
        finger = Finger(window, QRect(0, 0, *config.screen.size))
        for category in CATEGORY_TITLES:
            finger.tap_named(window.home, f"category_{category}")
            tile = window.home.reprint_tile
            finger.check(tile)  # not covered, not cut off, big enough for a finger
            assert QRect(0, 0, *config.screen.size).contains(window_rect(tile))  # no scrolling to find it
        finger.tap(window.home.reprint_tile)
        assert window.state.screen == Screen.REPRINT
    finally:
        window.bridge.shutdown()
        store.close()
