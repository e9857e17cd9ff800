"""On-screen numeric keypad and the large digit display it types into."""

from __future__ import annotations

import random

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.text import TrLabel

DIGITS = "0123456789"
# The phone layout: 1-2-3 on top, 0 at the bottom. Cells are (row, column, row span, column span).
_PHONE_ORDER = "1234567890"
_DIGIT_CELLS = [(r, c, 1, 1) for r in range(3) for c in range(3)]
_ZERO_CELL_WIDE = (3, 0, 1, 3)  # without an X key the bottom cell spans the row
_ZERO_CELL_BESIDE_X = (3, 1, 1, 2)
_X_CELL = (3, 0, 1, 1)
# Backspace and clear sit in a column of their own, in the same place whatever the other keys do.
_BACK_CELL = (0, 3, 2, 1)
_CLEAR_CELL = (2, 3, 2, 1)
KEYPAD_MAX = 600  # px each way: a bigger keypad only makes the fingers travel further


class KeyButton(TouchButton):
    """A keypad key: `theme.KEY_SIZE` wide and the look's target high (长辈版: 120 px) where the screen
    has room, down to `theme.KEY_MIN_HEIGHT` each way where it has not (1280×1024 in 长辈版), and never
    narrower than its longest word (the English "Delete" in 长辈版's 40-px letters)."""

    def _least(self) -> int:
        return self._base_height  # KEY_MIN_HEIGHT, asked by NumericKeypad; not the look's 120

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return super().sizeHint().expandedTo(QSize(theme.KEY_SIZE, theme.current().target))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        longest = max((self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0)
        return QSize(max(theme.KEY_MIN_HEIGHT, longest + self._chrome_w()), self._least())


class NumericKeypad(QWidget):
    """Large digit keys, backspace, clear and optionally X.

    With ``shuffle=True`` the digits are dealt to random positions every time the keypad is
    shown, so someone watching the resident enter a password cannot learn it from the finger
    positions.

    Args:
        parent: The parent widget.
        with_x: Add an "X" key (the check character that can end an ID number).
        shuffle: Deal the digits in a random order on each show.
        rng: Random source for the shuffle; tests inject a seeded one.

    Signals:
        keyPressed(str): "0"…"9", "X", "back" or "clear".
    """

    keyPressed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_x: bool = False,
        shuffle: bool = False,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        self._with_x = with_x
        self._shuffle = shuffle
        # The system source by default: a seeded Mersenne Twister would make the deal predictable.
        self._rng = rng if rng is not None else random.SystemRandom()
        self._grid = QGridLayout(self)
        self._grid.setSpacing(theme.SMALL_SPACING)
        self._grid.setContentsMargins(0, 0, 0, 0)

        self._digit_keys = {d: self._make_key(d, f"key_{d}", d, "key") for d in DIGITS}
        back = self._make_key("删除", "key_back", "back", "secondary")
        clear = self._make_key("清空", "key_clear", "clear", "secondary")
        self._grid.addWidget(back, *_BACK_CELL)
        self._grid.addWidget(clear, *_CLEAR_CELL)
        if with_x:
            self._grid.addWidget(self._make_key("X", "key_X", "X", "key"), *_X_CELL)
        self._deal(_PHONE_ORDER)
        if shuffle:
            self.reshuffle()

    def _make_key(self, text: str, name: str, key: str, role: str) -> TouchButton:
        button = KeyButton(text, role, self)
        button.setObjectName(name)
        button.setMinimumHeight(theme.KEY_MIN_HEIGHT)  # its width: KeyButton.minimumSizeHint
        button.padding = theme.KEY_PADDING  # 删除 / 清空 stay on one line in a narrow key
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setAccessibleName({"back": "删除一位", "clear": "全部清空"}.get(key, text))
        button.clicked.connect(lambda _checked=False, k=key: self.keyPressed.emit(k))
        return button

    def _deal(self, order: str) -> None:
        zero_cell = _ZERO_CELL_BESIDE_X if self._with_x else _ZERO_CELL_WIDE
        cells = [*_DIGIT_CELLS, zero_cell]
        for digit, cell in zip(order, cells, strict=True):
            button = self._digit_keys[digit]
            # Moving a widget inside a grid needs remove + add, or the grid holds it twice.
            self._grid.removeWidget(button)
            self._grid.addWidget(button, *cell)

    def reshuffle(self) -> None:
        """Deal the digits to new positions (or back to the phone layout without shuffle)."""
        if not self._shuffle:
            self._deal(_PHONE_ORDER)
            return
        order = list(DIGITS)
        self._rng.shuffle(order)
        self._deal("".join(order))

    @property
    def shuffled(self) -> bool:
        """A password pad: its keys' order is a secret (the voice never names them)."""
        return self._shuffle

    def digit_positions(self) -> dict[str, tuple[int, int]]:
        """Where each digit key sits now, as (row, column) in the key grid."""
        positions = {}
        for digit, button in self._digit_keys.items():
            row, column, _rows, _columns = self._grid.getItemPosition(self._grid.indexOf(button))
            positions[digit] = (row, column)
        return positions

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Re-deal a shuffled keypad each time it appears (not when the window is restored)."""
        if self._shuffle and not event.spontaneous():
            self.reshuffle()
        super().showEvent(event)


class DigitEntry(QWidget):
    """A large display of the digits typed on a `NumericKeypad`.

    The digits live only in this object: with ``masked=True`` the display shows ● for each digit
    typed and ○ for each still to type, and no child widget's text, tooltip or accessible name
    contains a digit.

    Args:
        parent: The parent widget.
        max_length: Most characters accepted; further key presses are ignored.
        masked: Hide the digits (passwords).
        group: Group sizes shown with spaces between, e.g. ``(6, 8, 4)`` for an ID number.
        placeholder: Shown while empty, e.g. "请输入身份证号码".

    Signals:
        textChanged(str): The new text (the real digits, for the screen's logic).
    """

    textChanged = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_length: int = 18,
        masked: bool = False,
        group: tuple[int, ...] | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        if max_length < 1:
            raise ValueError("max_length must be at least 1")
        self._max_length = max_length
        self._masked = masked
        self._group = group
        self._placeholder = placeholder
        self._text = ""
        self._display = TrLabel(self)
        self._display.setObjectName("digit_display")
        self._display.setProperty("role", "entry")
        self._display.setMinimumHeight(theme.BUTTON_MIN_HEIGHT + 16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._display)
        self._render()

    def text(self) -> str:
        """The characters typed so far."""
        return self._text

    def max_length(self) -> int:
        """Most characters accepted."""
        return self._max_length

    def clear(self) -> None:
        """Remove everything typed."""
        self._set_text("")

    def set_text(self, text: str) -> None:
        """Replace the text (e.g. an ID number read from the card), cut to `max_length`.

        Raises:
            ValueError: If the text holds anything but digits and "X".
        """
        if any(ch not in DIGITS + "X" for ch in text):
            raise ValueError("only digits and X can be entered")
        self._set_text(text[: self._max_length])

    def press(self, key: str) -> None:
        """Apply one key from the keypad: a digit, "X", "back" or "clear"."""
        if key == "back":
            self._set_text(self._text[:-1])
        elif key == "clear":
            self._set_text("")
        elif (key in DIGITS or key == "X") and len(self._text) < self._max_length:
            self._set_text(self._text + key)

    def connect_keypad(self, keypad: NumericKeypad) -> None:
        """Type into this entry from ``keypad``."""
        keypad.keyPressed.connect(self.press)

    def _set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._render()
        self.textChanged.emit(text)

    def _render(self) -> None:
        if self._masked:
            shown = " ".join("●" * len(self._text) + "○" * (self._max_length - len(self._text)))
            # A screen reader must not read a password aloud either; the name holds no digit at
            # all, so no test or tool scraping widget strings can find one.
            self._display.setAccessibleName("密码输入（内容已隐藏）")
        elif not self._text:
            shown = self._placeholder
            self._display.setAccessibleName(self._placeholder)
        else:
            shown = self._grouped(self._text)
            self._display.setAccessibleName(self._text)
        self._display.setText(shown)
        empty = not self._text and not self._masked
        if self._display.property("empty") != empty:
            theme.restyle(self._display, empty=empty)

    def _grouped(self, text: str) -> str:
        if not self._group:
            return text
        parts, start = [], 0
        for size in self._group:
            if start >= len(text):
                break
            parts.append(text[start : start + size])
            start += size
        if start < len(text):
            parts.append(text[start:])
        return " ".join(parts)
