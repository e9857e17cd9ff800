"""Where the resident is in a service's wizard: "第 2 步 / 共 5 步" and the neighbouring step titles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.text import TrLabel


class StepIndicator(QWidget):
    """A counter line ("第 3 步 / 共 9 步") and the current step's title between its neighbours.

    Only the previous, current and next steps are named, each in a word-wrapped third of the width,
    so a nine-step service fits a 1080-px portrait screen without cutting a title. The previous step
    is marked done (✓), so the resident sees how far they have come as well as how far is left.
    """

    NEIGHBOURS = 1  # steps named on each side of the current one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._current = 0
        self._counter = TrLabel(self)
        self._counter.setObjectName("step_counter")
        self._counter.setProperty("role", "subtitle")
        self._row = QHBoxLayout()
        self._row.setSpacing(theme.SMALL_SPACING)
        # One line: the counter, then the neighbouring titles (the screen's height goes to the content).
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self._counter)
        layout.addLayout(self._row, 1)
        self._labels: list[QLabel] = []

    def set_steps(self, titles: list[str], current: int) -> None:
        """Show the steps.

        Args:
            titles: The step titles in order, e.g. ["阅读须知", "核对信息", ...].
            current: Index of the current step in ``titles`` (0 is the first step; it is shown
                as "第 1 步").

        Raises:
            ValueError: If ``titles`` is empty or ``current`` is outside it.
        """
        if not titles:
            raise ValueError("a wizard has at least one step")
        if not 0 <= current < len(titles):
            raise ValueError(f"current step {current} outside 0..{len(titles) - 1}")
        self._titles = list(titles)
        self._current = current
        first = max(0, current - self.NEIGHBOURS)
        last = min(len(titles) - 1, current + self.NEIGHBOURS)
        # The labels are made once and updated: a step costs a few texts, not new widgets.
        while len(self._labels) < 2 * self.NEIGHBOURS + 1:
            label = TrLabel("", self)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._row.addWidget(label, 1)
            self._labels.append(label)
        for slot, label in enumerate(self._labels):
            index = first + slot
            if index > last:
                label.hide()
                label.setObjectName("")  # not a step any more (tests and screenshots find steps by name)
                continue
            state = "done" if index < current else "current" if index == current else "todo"
            mark = "✓ " if state == "done" else ""
            more_before = "… " if index == first and index > 0 else ""
            more_after = " …" if index == last and index < len(titles) - 1 else ""
            label.setText(f"{more_before}{mark}{index + 1}. {titles[index]}{more_after}")
            label.setObjectName(f"step_{index}")
            if label.property("step") != state:
                theme.restyle(label, step=state)
            label.show()
        counter = f"第 {current + 1} 步 / 共 {len(titles)} 步"
        self._counter.setText(counter)
        self.setAccessibleName(f"{counter}：{titles[current]}")

    def titles(self) -> list[str]:
        """The step titles last set."""
        return list(self._titles)

    def current(self) -> int:
        """Index of the current step."""
        return self._current

    def counter_text(self) -> str:
        """The counter line as shown, e.g. "第 2 步 / 共 5 步"."""
        return self._counter.text()
