"""Demo mode's dev panel: staff insert simulated cards, stand a face in front, empty the paper.

A window of its own over the kiosk (never a dock in it), so the kiosk area stays exactly the
screen profile's size. It works as a drawer: closed, it is a small 控制台 tab in the corner of
the yellow demo strip; opened, it lies over the kiosk's left side until 收起 closes it again. (As a
free window it sat over the categories and tiles: a terminal has no window manager to move it.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.devices.bundle import Devices
from kiosk.devices.citizen_card.simulated import SimulatedCitizenCardReader
from kiosk.devices.headphones.simulated import SimulatedHeadphoneJack
from kiosk.devices.face.simulated import NOBODY, PHOTO, TWO_PEOPLE, SimulatedFaceVerifier
from kiosk.devices.id_card.simulated import SimulatedIdCardReader
from kiosk.demo.personas import PERSONAS, Persona
from kiosk.ui import theme
from kiosk.ui.demo_cards import citizen_card_of, id_card_of
from kiosk.ui.widgets.banner import TAB_WIDTH


class DevPanel(QWidget):
    """Only built in demo mode, and only drives simulated devices. A tool window: staff move it
    wherever it does not hide what they are showing, and close it (the kiosk keeps running)."""

    WIDTH = 640
    TAB_WIDTH = TAB_WIDTH  # closed: the demo strip's left end, which its text keeps clear of

    def __init__(self, devices: Devices, open_maintenance: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        self.setWindowTitle("演示控制台（工作人员）")
        self.setObjectName("dev_panel")
        self.devices = devices
        host = QVBoxLayout(self)
        host.setContentsMargins(4, 4, 4, 4)
        self.toggle = QPushButton()
        self.toggle.setObjectName("dev_toggle")
        self.toggle.setMinimumSize(self.TAB_WIDTH - 8, 60)
        # Half the usual top and bottom padding: a line of body text and the 4-px focus ring fit the 60-px tab.
        self.toggle.setStyleSheet(f"padding: 4px {theme.SMALL_SPACING}px;")
        self.toggle.clicked.connect(lambda: self.collapse() if self.body.isVisible() else self.expand())
        host.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.body = QWidget()
        host.addWidget(self.body)
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(QLabel("演示控制台（工作人员）"))
        grid = QGridLayout()
        inner.addLayout(grid)
        self.persona = QComboBox()
        self.persona.setObjectName("dev_persona")
        for p in PERSONAS:
            self.persona.addItem(f"{p.name}（{p.key}）", p.key)
        grid.addWidget(QLabel("演示人员"), 0, 0, 1, 2)
        grid.addWidget(self.persona, 1, 0, 1, 2)
        actions = [
            ("放置身份证", "dev_id_insert", self._id_insert), ("取走身份证", "dev_id_remove", self._id_remove),
            ("插入市民卡", "dev_cc_insert", self._cc_insert), ("拔出市民卡", "dev_cc_remove", self._cc_remove),
            ("本人在镜头前", "dev_face_self", lambda: self._face(self._current().key)),
            ("他人在镜头前", "dev_face_other", lambda: self._face("someone_else")),
            ("无人", "dev_face_nobody", lambda: self._face(NOBODY)),
            ("两人", "dev_face_two", lambda: self._face(TWO_PEOPLE)),
            ("举着照片", "dev_face_photo", lambda: self._face(PHOTO)),
            ("凭条缺纸/有纸", "dev_receipt_paper", self._toggle_receipt_paper),
            ("A4 缺纸/有纸", "dev_report_paper", self._toggle_report_paper),
            ("身份证读卡器断开/恢复", "dev_id_unplug", self._toggle_id_reader),
            ("插入/拔出耳机", "dev_headphones", self._toggle_headphones),
        ]
        if open_maintenance is not None:
            actions.append(("维护界面", "dev_maintenance", open_maintenance))
        for i, (text, name, slot) in enumerate(actions):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            grid.addWidget(button, 2 + i // 2, i % 2)
        self.status = QLabel("")
        self.status.setObjectName("dev_status")
        self.status.setWordWrap(True)
        grid.addWidget(self.status, 3 + len(actions) // 2, 0, 1, 2)
        grid.setRowStretch(4 + len(actions) // 2, 1)
        self.collapse()

    def collapse(self) -> None:
        """Back to the tab in the corner of the demo strip: the kiosk is all visible again."""
        self.body.hide()
        self.toggle.setText("控制台 ▾")
        self.setFixedSize(self.TAB_WIDTH, 68)

    def expand(self) -> None:
        """The whole panel, over the kiosk's left side, until 收起."""
        self.body.show()
        self.toggle.setText("收起 ▴")
        self.setMinimumSize(0, 0)
        self.setMaximumSize(16777215, 16777215)
        self.setFixedWidth(self.WIDTH)
        self.adjustSize()

    def _current(self) -> Persona:
        return next(p for p in PERSONAS if p.key == self.persona.currentData())

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _id_insert(self) -> None:
        if isinstance(self.devices.id_card, SimulatedIdCardReader):
            self.devices.id_card.insert(id_card_of(self._current()))
            self._say(f"已放置 {self._current().name} 的身份证")

    def _id_remove(self) -> None:
        if isinstance(self.devices.id_card, SimulatedIdCardReader):
            self.devices.id_card.remove()
            self._say("身份证已取走")

    def _toggle_id_reader(self) -> None:
        reader = self.devices.id_card
        if isinstance(reader, SimulatedIdCardReader):
            from kiosk.devices.id_card.protocol import NoReader
            if isinstance(reader.poll(), NoReader):
                reader.remove()
                self._say("身份证读卡器已恢复")
            else:
                reader.unplug()
                self._say("身份证读卡器已断开")

    def _toggle_headphones(self) -> None:
        """The simulated jack: the kiosk notices on its next poll and turns the voice on (or off)."""
        jack = self.devices.headphones
        if isinstance(jack, SimulatedHeadphoneJack):
            if jack.plugged:
                jack.unplug()
            else:
                jack.plug()
            self._say("耳机：" + ("已插入" if jack.plugged else "已拔出"))

    def _cc_insert(self) -> None:
        if isinstance(self.devices.citizen_card, SimulatedCitizenCardReader):
            self.devices.citizen_card.insert(citizen_card_of(self._current()))
            self._say(f"已插入 {self._current().name} 的市民卡（密码 {self._current().password}）")

    def _cc_remove(self) -> None:
        if isinstance(self.devices.citizen_card, SimulatedCitizenCardReader):
            self.devices.citizen_card.remove()
            self._say("市民卡已拔出")

    def _face(self, subject: str) -> None:
        if isinstance(self.devices.face, SimulatedFaceVerifier):
            self.devices.face.present(subject)
            self._say("镜头前：" + subject)

    def _toggle_receipt_paper(self) -> None:
        printer = self.devices.receipt_printer
        if hasattr(printer, "paper_out"):
            printer.paper_out = not printer.paper_out
            self._say("凭条打印机：" + ("缺纸" if printer.paper_out else "有纸"))

    def _toggle_report_paper(self) -> None:
        printer = self.devices.report_printer
        if hasattr(printer, "paper_out"):
            printer.paper_out = not printer.paper_out
            self._say("A4 打印机：" + ("缺纸" if printer.paper_out else "有纸"))
