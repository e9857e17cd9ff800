"""A list of big buttons to pick one option, or several."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton

DEFAULT_DISABLED_REASON = "您不符合办理条件"
# Colour alone does not tell a colour-blind resident which option is picked; a mark does.
_CHECK_MARK = "✓ "


class ChoiceList(QWidget):
    """Checkable buttons for ``options``, one chosen (default) or several (``multi=True``).

    Args:
        options: (value, label) pairs in display order; values must be unique.
        parent: The parent widget.
        multi: Allow several options to be chosen.
        columns: Buttons per row.

    Signals:
        changed(object): The new `value()`, each time it changes (by a tap or by code).
    """

    changed = Signal(object)

    def __init__(
        self,
        options: Sequence[tuple[Hashable, str]] = (),
        parent: QWidget | None = None,
        *,
        multi: bool = False,
        columns: int = 1,
    ) -> None:
        super().__init__(parent)
        if columns < 1:
            raise ValueError("columns must be at least 1")
        self._multi = multi
        self._columns = columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.SMALL_SPACING)
        self._group = QButtonGroup(self)
        self._group.setExclusive(not multi)
        self._group.buttonClicked.connect(lambda _button: self._emit_if_changed())
        self._buttons: dict[Hashable, TouchButton] = {}
        self._labels: dict[Hashable, str] = {}
        self._reasons: dict[Hashable, str] = {}
        self._last_value: object = self.value()
        self.set_options(options)

    def set_options(self, options: Sequence[tuple[Hashable, str]]) -> None:
        """Replace the options; all become enabled and nothing is chosen.

        Raises:
            ValueError: If two options share a value.
        """
        values = [value for value, _label in options]
        if len(set(values)) != len(values):
            raise ValueError("option values must be unique")
        for button in self._buttons.values():
            self._group.removeButton(button)
            self._grid.removeWidget(button)
            button.setParent(None)  # at once, so findChild() never sees a stale "choice_x"
        self._buttons, self._labels, self._reasons = {}, {}, {}
        for index, (value, label) in enumerate(options):
            button = TouchButton(label, "choice", self)
            button.setObjectName(f"choice_{value}")
            button.setCheckable(True)
            button.toggled.connect(lambda _checked, v=value: self._render(v))
            self._group.addButton(button)
            self._grid.addWidget(button, index // self._columns, index % self._columns)
            button.show()  # a child added to a visible widget is otherwise shown only later
            self._buttons[value] = button
            self._labels[value] = label
        self._emit_if_changed()

    def values(self) -> list[Hashable]:
        """All option values in display order."""
        return list(self._buttons)

    def value(self) -> Hashable | list[Hashable] | None:
        """The chosen value (None if none), or the list of chosen values with ``multi=True``."""
        chosen = [value for value, button in self._buttons.items() if button.isChecked()]
        if self._multi:
            return chosen
        return chosen[0] if chosen else None

    def set_value(self, value: Hashable | Iterable[Hashable] | None) -> None:
        """Choose ``value`` (None for nothing; an iterable of values with ``multi=True``).

        Raises:
            ValueError: For a value that is not an option or is disabled.
        """
        if self._multi:
            wanted = set(value) if value is not None else set()  # type: ignore[arg-type]
        else:
            wanted = set() if value is None else {value}
        for item in wanted:
            if item not in self._buttons:
                raise ValueError(f"{item!r} is not an option")
            if not self._buttons[item].isEnabled():
                raise ValueError(f"{item!r} is disabled: {self._reasons.get(item, '')}")
        self._check_only(wanted)
        self._emit_if_changed()

    def set_enabled_values(
        self, values: Iterable[Hashable], reason: str | Mapping[Hashable, str] = DEFAULT_DISABLED_REASON
    ) -> None:
        """Enable only ``values``; the other options stay visible, greyed, with the reason.

        The reason is written on the button itself as well as in its tooltip, since a touch
        screen has no hover to show a tooltip. A chosen option that becomes disabled is unchosen.

        Args:
            values: The options this person may choose.
            reason: Why the others are not available: one text for all, or one per value.
        """
        allowed = set(values)
        for value, button in self._buttons.items():
            enabled = value in allowed
            if enabled:
                self._reasons.pop(value, None)
            else:
                why = reason if isinstance(reason, str) else reason.get(value, DEFAULT_DISABLED_REASON)
                self._reasons[value] = why
            button.setEnabled(enabled)
            button.setToolTip("" if enabled else self._reasons[value])
            button.setAccessibleDescription("" if enabled else self._reasons[value])
            self._render(value)
        still_chosen = {v for v, b in self._buttons.items() if b.isChecked() and v in allowed}
        self._check_only(still_chosen)
        self._emit_if_changed()

    def disabled_reason(self, value: Hashable) -> str | None:
        """Why ``value`` cannot be chosen, or None if it can."""
        return self._reasons.get(value)

    def _check_only(self, wanted: set[Hashable]) -> None:
        # An exclusive group refuses to uncheck its last checked button; lift that briefly.
        self._group.setExclusive(False)
        for value, button in self._buttons.items():
            button.setChecked(value in wanted)
        self._group.setExclusive(not self._multi)

    def _render(self, value: Hashable) -> None:
        button = self._buttons.get(value)
        if button is None:
            return
        text = self._labels[value]
        if button.isChecked():
            text = _CHECK_MARK + text
        if value in self._reasons:
            text = f"{text}\n（{self._reasons[value]}）"
        button.setText(text)

    def _emit_if_changed(self) -> None:
        current = self.value()
        if current != self._last_value:
            self._last_value = current
            self.changed.emit(current)
