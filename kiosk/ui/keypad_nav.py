"""Keypad-only operation: a numeric keypad moves the focus from control to control and presses it.

2/8 previous/next control, 5 or Enter select, 4 back, 6 next step, 0 repeat the screen, * the keys'
help, # home. Each focused control is read aloud (kiosk.services.voice_script). The first key of a
session turns the voice and keypad mode on and reads the screen: a blind resident cannot find the
语音 button, and a key pressed before hearing where one is would choose blindly.

Digits typed into a text field (a hardware keyboard at a staff desk) and keys in staff dialogs are
left alone: only the kiosk window's own controls are driven.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLineEdit, QWidget
from shiboken6 import isValid

from kiosk.services import voice_script
from kiosk.ui.touch import window_rect
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.paged_table import PagedTable
from kiosk.ui.widgets.touch_scroll import TouchScrollArea

log = logging.getLogger(__name__)

KEYS = {Qt.Key.Key_2: "previous", Qt.Key.Key_8: "next", Qt.Key.Key_4: "back", Qt.Key.Key_6: "forward",
        Qt.Key.Key_5: "select", Qt.Key.Key_Enter: "select", Qt.Key.Key_Return: "select", Qt.Key.Key_0: "repeat",
        Qt.Key.Key_Asterisk: "help", Qt.Key.Key_NumberSign: "home"}
# The control a screen's "next step" is, in order of preference (object names).
FORWARD = ("next", "confirm", "face_start", "submit", "finish", "continue")


class KeypadNavigator(QObject):
    """An application event filter for the kiosk window's key presses (see the module docstring)."""

    def __init__(self, window: QWidget, voice: QObject) -> None:
        super().__init__(window)
        self.window, self.voice = window, voice
        self.current: QWidget | None = None
        window.screenChanged.connect(self._forget)
        window.wizard.stepShown.connect(self._forget)
        window.home.pageShown.connect(self._forget)
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(lambda: QApplication.instance().removeEventFilter(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        action = KEYS.get(event.key()) if isinstance(event, QKeyEvent) else None
        if action is None or watched.window() is not self.window or isinstance(watched, QLineEdit):
            return False
        presentation = self.window.presentation
        if presentation.input != "keypad" or not presentation.voice:
            log.info("keypad used: voice guidance and keypad mode on")
            self.window.set_presentation(replace(presentation, input="keypad", voice=True))
            return True
        log.info("keypad: %s", action)
        getattr(self, action)()
        return True

    # -- the controls ---------------------------------------------------------------------------
    def controls(self) -> list[QWidget]:
        """The current screen's shown controls in reading order: 重听, the content column by column
        (home: the categories, then their services), each top to bottom, then a keypad or table
        beside it, then the bar left to right (the idle warning's alone)."""
        overlay = self.window.overlay
        root = overlay if overlay.isVisible() else self.window.screens[self.window.state.screen]
        bar = getattr(root, "bar", None)
        found = [w for w in root.findChildren(QAbstractButton) if w.isVisible()]
        if root is not overlay:
            found.insert(0, self.window.repeat_button)  # in the header, over every screen

        def place(w: QWidget) -> tuple[int, int, int, int]:
            section = 1
            if w is self.window.repeat_button:
                section = 0
            elif bar is not None and bar.indexOf(w) >= 0:
                section = 3
            elif _inside(w, (NumericKeypad, PagedTable)):
                section = 2
            rect = window_rect(w)
            return section, _column(w, root) if section else 0, rect.y(), rect.x()
        return sorted(found, key=place)

    def _forget(self, *_: object) -> None:
        """A new screen or step: the next 8 starts from its top (the bar's buttons stay, but the
        resident has not met them yet on this step), and no ring is left on a control."""
        self.current = None
        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is self.window:
            focused.clearFocus()

    def _focus(self, widget: QWidget) -> None:
        self.current = widget
        area = _inside(widget, (TouchScrollArea,))
        if area is not None:
            area.ensure_visible(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        self.voice.say(self._describe(widget))

    def _describe(self, widget: QWidget) -> object:
        keypad = _inside(widget, (NumericKeypad,))
        language = self.window.presentation.language
        if widget.objectName() == "language":
            # Home's English / 中文 names the other language in that language, and is said in it: a
            # resident who does not understand the current one still recognises it.
            language = "en" if language == "zh" else "zh"
        if keypad is not None and keypad.shuffled:
            return voice_script.control("", "pin_key", language=language)
        words = widget.accessibleName() if keypad is not None else ""
        text = words or widget.text().split("\n")[0].removeprefix("✓ ").strip() or widget.accessibleName()
        kind = "checkbox" if isinstance(widget, QCheckBox) else "choice" if widget.isCheckable() else "button"
        checked = widget.isChecked() if kind != "button" else None
        return voice_script.control(text, kind, checked=checked, enabled=widget.isEnabled(), reason=widget.toolTip(),
                                    language=language)

    def _valid_current(self) -> QWidget | None:
        widget = self.current
        if widget is None or not isValid(widget) or not widget.isVisible() or widget not in self.controls():
            return None
        return widget

    def _step(self, by: int) -> None:
        shown = self.controls()
        if not shown:
            return
        current = self._valid_current()
        if current is None:
            self._focus(shown[0] if by > 0 else shown[-1])
        else:
            self._focus(shown[(shown.index(current) + by) % len(shown)])

    # -- the keys -------------------------------------------------------------------------------
    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def select(self) -> None:
        widget = self._valid_current()
        if widget is None:
            self.voice.say(voice_script.hint("select", self.window.presentation.language))
            return
        if not widget.isEnabled():
            self.voice.say(self._describe(widget))
            return
        screen = self.window.state.screen
        widget.click()
        if isValid(widget) and widget.isVisible() and self.window.state.screen == screen and widget.isCheckable():
            self.voice.say(self._describe(widget))  # 已选中 / 未选中, as the resident just changed it

    def forward(self) -> None:
        for widget in self.controls():
            if widget.objectName() in FORWARD and widget.isEnabled():
                if widget.objectName() == "submit":  # submitting takes a deliberate 5 on it
                    self.current = widget
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                    self.voice.say(voice_script.submit_hint(widget.text(), self.window.presentation.language))
                else:
                    widget.click()
                return
        self.voice.say(voice_script.hint("next", self.window.presentation.language))

    def back(self) -> None:
        self._press_named(("back",), "back")

    def home(self) -> None:
        self._press_named(("home", "finish"), "home")

    def repeat(self) -> None:
        self.voice.repeat()

    def help(self) -> None:
        self.voice.say(voice_script.keypad_help(self.window.presentation.language), always=True)

    def _press_named(self, names: tuple[str, ...], hint: str) -> None:
        for widget in self.controls():
            if widget.objectName() in names and widget.isEnabled():
                widget.click()
                return
        self.voice.say(voice_script.hint(hint, self.window.presentation.language))


def _column(widget: QWidget, root: QWidget) -> int:
    """The left edge of the screen's own child that holds `widget`: a column of the screen's layout."""
    while widget.parentWidget() is not None and widget.parentWidget() is not root:
        widget = widget.parentWidget()
    return window_rect(widget).x()


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> QWidget | None:
    """The nearest ancestor of one of `kinds`, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return parent
        parent = parent.parentWidget()
    return None
