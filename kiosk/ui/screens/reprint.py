"""凭补打码补打: the resident types the 6-digit 补打码 and the kiosk prints what did not print (no log-in)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from kiosk.ui.screens.base import BaseScreen, label
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import DigitEntry, NumericKeypad

if TYPE_CHECKING:  # annotations only: the home screen paints before the store (issue 15)
    from kiosk.services.resident_reprint import ReprintAnswer

TITLE = "凭补打码补打"
HOW = ("凭证或报表没能打印时，办理结果页和短信里会给您一个 6 位补打码。"
       "请用数字键输入补打码，再点击“确定”，不用登录。")


class ReprintScreen(BaseScreen):
    """The code on the keypad, 确定, then what was printed and where to take it, or why not."""

    codeEntered = Signal(str)

    def __init__(self) -> None:
        super().__init__(TITLE, back=False)
        self.entry = DigitEntry(max_length=6, placeholder="请输入 6 位补打码")
        self.entry.setObjectName("reprint_entry")
        self.keypad = NumericKeypad()
        self.keypad.setObjectName("reprint_keypad")
        # What happened: printed and where to take it (green), or why not and what next (red).
        self.answer = label("", name="reprint_answer")
        self.keypad_beside([label(HOW, role="subtitle", name="reprint_how"), self.entry, self.answer], self.entry,
                           self.keypad)
        self.confirm = TouchButton("确定")
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self._submit)
        self.bar.insertWidget(0, self.confirm)

    def _submit(self) -> None:
        self.codeEntered.emit(self.entry.text())

    def set_busy(self) -> None:
        self.confirm.setEnabled(False)
        self.keypad.setEnabled(False)
        self._say("正在打印，请稍候…", "hint")

    def set_locked(self, message: str | None) -> None:
        """While the code entry is locked the keys are greyed out and the message says until when."""
        self.confirm.setEnabled(message is None)
        self.keypad.setEnabled(message is None)
        if message:
            self._say(message, "error")

    def show_answer(self, answer: ReprintAnswer) -> None:
        if answer.status != "incomplete":
            self.entry.clear()  # the code does not stay on screen for the next person
        self.set_locked(answer.message if answer.status == "locked" else None)
        self._say(answer.message, "success" if answer.ok else "error")

    def show_fault(self, message: str) -> None:
        self.set_locked(None)
        self._say(message, "error")

    def _say(self, text: str, role: str) -> None:
        self.answer.setText(text)
        restyle(self.answer, role=role)

    def clear(self) -> None:
        super().clear()
        self.entry.clear()
        self.set_locked(None)
        self._say("", "")
