"""A read-only table shown a page at a time, with large page and year buttons (no scrolling on a kiosk).

The page is as long as the space the screen gives the table (≥ 12 rows at 1920×1080), so a loan's
360 instalments are 25 pages, not 60; 上一年 / 下一年 jump to the first row of the neighbouring year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QTableWidget, \
    QTableWidgetItem, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.i18n import tr
from kiosk.ui.widgets.text import TrLabel

ROW_PX = 40  # a row of 26-px figures (theme.TABLE_PX) with a little air above and below
_YEAR = re.compile(r"^(\d{4})(?:[-年]|$)")


def row_year(row: Sequence[str]) -> str | None:
    """The year a row belongs to: the first cell that starts with one ("2026-04-10", "2026-04", "2026")."""
    return next((m.group(1) for cell in row if (m := _YEAR.match(str(cell)))), None)


class PagedTable(QWidget):
    """`set_rows(columns, rows)`; `page_prev` / `page_next` buttons; `page_label` shows 第 n / N 页."""

    def __init__(self, page_size: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size  # until the table is laid out; then as many rows as fit
        self._rows: list[Sequence[str]] = []
        self._years: list[str | None] = []
        self._page = 0
        self._first = 0  # the row the page starts at
        self._anchor = 0  # the row the page must hold when the table is laid out again
        self.table = QTableWidget()
        self.table.setObjectName("paged_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.ensurePolished()  # its font (32 px in 长辈版) sets the row height
        self.row_px = max(ROW_PX, self.table.fontMetrics().height() + 3)
        self.table.verticalHeader().setMinimumSectionSize(self.row_px)
        self.table.verticalHeader().setDefaultSectionSize(self.row_px)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.table.setMinimumHeight(self.row_px * 4)
        self.table.viewport().installEventFilter(self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prev = TouchButton("上一页", role="secondary")
        self.prev.setObjectName("page_prev")
        self.next = TouchButton("下一页", role="secondary")
        self.next.setObjectName("page_next")
        self.prev_year = TouchButton("上一年", role="secondary")
        self.prev_year.setObjectName("year_prev")
        self.next_year = TouchButton("下一年", role="secondary")
        self.next_year.setObjectName("year_next")
        self.label = TrLabel("")
        self.label.setObjectName("page_label")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.prev.clicked.connect(lambda: self._show_from(self._first - self.page_size))
        self.next.clicked.connect(lambda: self._show_from(self._first + self.page_size))
        self.prev_year.clicked.connect(lambda: self._jump_year(-1))
        self.next_year.clicked.connect(lambda: self._jump_year(+1))
        for button in (self.prev_year, self.prev, self.next, self.next_year):
            # Narrower side padding: four buttons and the page number share the table's width
            # (长辈版 in English at 1280x1024: a side column leaves the table 730 px).
            button.padding = theme.SMALL_SPACING
            button.setStyleSheet(f"padding: 8px {theme.SMALL_SPACING}px;")
        pager = QHBoxLayout()
        pager.addWidget(self.prev_year)
        pager.addWidget(self.prev)
        pager.addWidget(self.label, 1)
        pager.addWidget(self.next)
        pager.addWidget(self.next_year)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(pager)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self._rows) // self.page_size))

    @property
    def page(self) -> int:
        return self._page

    def set_rows(self, columns: Sequence[str], rows: Sequence[Sequence[str]], start_row: int = 0) -> None:
        """Shows the page holding `start_row` first."""
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([tr(c) for c in columns])
        self._rows = list(rows)
        self._years = [row_year(r) for r in self._rows]
        many_years = len({y for y in self._years if y}) > 1
        self.prev_year.setVisible(many_years)
        self.next_year.setVisible(many_years)
        self._show_from(start_row // self.page_size * self.page_size, anchor=start_row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()  # the rows' own room, whenever the screen's layout gives the table more or less
        return False

    def _fit(self) -> None:
        """As many rows a page as the table's height holds; the page keeps the row it was opened at."""
        size = max(1, self.table.viewport().height() // self.row_px)
        if size != self.page_size:
            self.page_size = size
            self._show_from(self._anchor // size * size, anchor=self._anchor)

    def _jump_year(self, delta: int) -> None:
        """To the first row of the year before or after the one the page starts in."""
        year = self._years[self._first] if self._first < len(self._years) else None
        if year is None:
            return
        if delta < 0:
            earlier = [y for y in self._years[:self._first] if y and y < year]
            if earlier:
                self._show_from(self._years.index(earlier[-1]))
        else:
            later = next((i for i, y in enumerate(self._years) if y and y > year), None)
            if later is not None:
                self._show_from(later)

    def show_page(self, page: int) -> None:
        self._show_from(page * self.page_size)

    def _show_from(self, first: int, anchor: int | None = None) -> None:
        """Shows `page_size` rows from row `first` (a year jump starts a page at the year's first row);
        `anchor` is the row to keep on the page if the page size changes (default: `first`)."""
        first = min(max(first, 0), max(0, len(self._rows) - 1))
        self._first = first
        self._anchor = first if anchor is None else anchor
        self._page = -(-first // self.page_size)  # a page started mid-way counts as the next one
        chunk = self._rows[first:first + self.page_size]
        self.table.setRowCount(len(chunk))
        for r, row in enumerate(chunk):
            for c, value in enumerate(row):
                item = QTableWidgetItem(tr(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self._page = min(self._page, self.pages - 1)
        self.label.setText(f"第 {self._page + 1} / {self.pages} 页" if self._rows else "暂无记录")
        self.prev.setEnabled(first > 0)
        self.next.setEnabled(first + self.page_size < len(self._rows))
        year = self._years[first] if first < len(self._years) else None
        self.prev_year.setEnabled(bool(year) and any(y and y < year for y in self._years[:first]))
        self.next_year.setEnabled(bool(year) and any(y and y > year for y in self._years[first:]))

    def visible_rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
