"""Staff entry from the touch screen: five taps on the clock, then the staff PIN on a shuffled
keypad, then the maintenance screen as a dialog over the kiosk (it shares the kiosk's devices, so
nothing has to be stopped)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import label
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import KEYPAD_MAX, DigitEntry, NumericKeypad

if TYPE_CHECKING:  # annotations only: the home screen paints before the store (issue 15)
    from kiosk.services.staff import StaffGate

TAPS = 5
WITHIN = timedelta(seconds=5)


class TapCounter:
    """Counts taps that come close together (on the injected clock, so tests need no waiting)."""

    def __init__(self, taps: int = TAPS, within: timedelta = WITHIN) -> None:
        self.taps, self.within = taps, within
        self._times: list[datetime] = []

    def tap(self, now: datetime) -> bool:
        """True on the tap that completes the series (and the count starts again)."""
        self._times = [t for t in self._times if now - t <= self.within] + [now]
        if len(self._times) >= self.taps:
            self._times = []
            return True
        return False


def over_kiosk(dialog: QDialog, kiosk: QWidget | None) -> None:
    """The dialog covers the kiosk area exactly: never bigger than the screen, nothing behind it to tap."""
    if kiosk is None:
        return
    dialog.setWindowFlags(dialog.windowFlags() | Qt.WindowType.FramelessWindowHint)
    dialog.setFixedSize(kiosk.size())
    dialog.move(kiosk.mapToGlobal(kiosk.rect().topLeft()))


class StaffPinDialog(QDialog):
    """The staff PIN; `accept()` only after the gate says yes."""

    def __init__(self, gate: StaffGate, run_background: Callable[[Callable[[], Any], Callable[[Any], None]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_background = run_background  # scrypt takes ~50 ms: never on the GUI thread
        self.setObjectName("staff_pin")
        self.setWindowTitle("工作人员维护")
        self.setModal(True)
        self.gate = gate
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 24)
        column = QWidget()
        column.setMaximumWidth(KEYPAD_MAX + 96)
        outer.addWidget(column)
        layout = QVBoxLayout(column)
        layout.addWidget(label("请输入维护密码（工作人员）", role="subtitle"))
        self.entry = DigitEntry(max_length=8, masked=True)
        self.entry.setObjectName("staff_pin_entry")
        self.keypad = NumericKeypad(shuffle=True)
        self.keypad.setObjectName("staff_pin_keypad")
        self.keypad.setMaximumSize(KEYPAD_MAX, KEYPAD_MAX)
        self.entry.connect_keypad(self.keypad)
        layout.addWidget(self.entry)
        layout.addWidget(self.keypad, 1)
        self.message = label("", role="error", name="staff_pin_message")
        self.message.setMinimumHeight(self.message.fontMetrics().height() + 4)  # room kept: nothing moves
        layout.addWidget(self.message)
        bar = QHBoxLayout()
        cancel = TouchButton("取消", role="secondary")
        cancel.setObjectName("staff_pin_cancel")
        cancel.clicked.connect(self.reject)
        self.confirm = TouchButton("确定")
        self.confirm.setObjectName("staff_pin_confirm")
        self.confirm.clicked.connect(self._confirm)
        bar.addWidget(cancel)
        bar.addStretch(1)
        bar.addWidget(self.confirm)
        layout.addLayout(bar)
        over_kiosk(self, parent)

    def _confirm(self) -> None:
        pin = self.entry.text()
        self.entry.clear()  # the digits never stay on screen
        self.confirm.setEnabled(False)
        self.run_background(lambda: self.gate.check(pin), self._checked)

    def _checked(self, refused: str | None) -> None:
        self.confirm.setEnabled(True)
        if refused:
            self.message.setText(refused)
            self.keypad.reshuffle()
            return
        self.accept()


def maintenance_dialog(parent: QWidget, build_panel: Callable[[], QWidget]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("maintenance_dialog")
    dialog.setWindowTitle("终端维护（工作人员）")
    dialog.setModal(True)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(build_panel())
    over_kiosk(dialog, parent)
    return dialog
