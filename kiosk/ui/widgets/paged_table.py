"""A read-only table shown a page at a time, with large page buttons (no scrolling on a kiosk)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, \
    QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import TouchButton


class PagedTable(QWidget):
    """`set_rows(columns, rows)`; `page_prev` / `page_next` buttons; `page_label` shows 第 n / N 页."""

    def __init__(self, page_size: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Sequence[str]] = []
        self._page = 0
        self.table = QTableWidget()
        self.table.setObjectName("paged_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prev = TouchButton("上一页", role="secondary")
        self.prev.setObjectName("page_prev")
        self.next = TouchButton("下一页", role="secondary")
        self.next.setObjectName("page_next")
        self.label = QLabel("")
        self.label.setObjectName("page_label")
        self.prev.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next.clicked.connect(lambda: self.show_page(self._page + 1))
        pager = QHBoxLayout()
        pager.addWidget(self.prev)
        pager.addStretch(1)
        pager.addWidget(self.label)
        pager.addStretch(1)
        pager.addWidget(self.next)
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
        self.table.setHorizontalHeaderLabels(list(columns))
        self._rows = list(rows)
        self.show_page(start_row // self.page_size)

    def show_page(self, page: int) -> None:
        self._page = min(max(page, 0), self.pages - 1)
        chunk = self._rows[self._page * self.page_size:(self._page + 1) * self.page_size]
        self.table.setRowCount(len(chunk))
        for r, row in enumerate(chunk):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(i) for i in range(len(chunk)))
        self.table.setFixedHeight(height + 4)
        self.label.setText(f"第 {self._page + 1} / {self.pages} 页" if self._rows else "暂无记录")
        self.prev.setEnabled(self._page > 0)
        self.next.setEnabled(self._page < self.pages - 1)

    def visible_rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
