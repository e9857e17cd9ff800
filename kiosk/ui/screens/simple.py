"""The short screens of the flow: home, log-in choice, card prompts, face, password, result."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.devices.face.preview import Preview
from kiosk.devices.face.protocol import CameraFault

from kiosk.services.spec import CATEGORY_TITLES, ServiceSpec
from kiosk.ui import theme
from kiosk.ui.screens.base import SPEAKER_ICON, BaseScreen, label
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import KEYPAD_MAX, DigitEntry, NumericKeypad
from kiosk.ui.widgets.touch_scroll import TouchScrollArea

METHOD_TITLES = {"id_card_face": "身份证 + 人脸识别", "citizen_card_password": "社会保障·市民卡 + 密码"}


class HomeScreen(BaseScreen):
    """Services by category: categories on the left, the chosen category's services on the right."""

    serviceChosen = Signal(str)
    voiceRequested = Signal(bool)  # the 语音播报 button: voice guidance on (True) or off

    def __init__(self, services: Sequence[ServiceSpec]) -> None:
        super().__init__("请选择要办理的业务", back=False, home=False)
        self._services = list(services)
        row = QHBoxLayout()
        row.setSpacing(32)
        self._categories = QVBoxLayout()
        self._categories.setSpacing(12)
        self._category_buttons: dict[str, TouchButton] = {}
        for key, title in CATEGORY_TITLES.items():
            button = TouchButton(title, role="secondary")
            button.setObjectName(f"category_{key}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_category(k))
            self._categories.addWidget(button)
            self._category_buttons[key] = button
        self._categories.addStretch(1)
        row.addLayout(self._categories, 1)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(20)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self._grid_host, 3)
        self.body.addLayout(row, 1)
        self.hint = label("24 小时自助服务 · 操作中如需帮助，请按服务台呼叫按钮或拨打 12333", role="hint")
        self.body.addWidget(self.hint)
        first = next((s.category for s in self._services if s.built), "social_insurance")
        self.show_category(first)
        self._add_voice_button()

    def _add_voice_button(self) -> None:
        """语音播报 in the bar (home has no Back or Home): the whole session is then read aloud."""
        self.voice_button = TouchButton("", role="secondary")
        self.voice_button.setObjectName("voice_toggle")
        self.voice_button.setIcon(QIcon(str(SPEAKER_ICON)))
        self.voice_button.setIconSize(QSize(40, 40))
        self.voice_button.clicked.connect(lambda: self.voiceRequested.emit(self.voice_button.text() == "开启语音播报"))
        self.bar.insertWidget(0, self.voice_button)
        self.show_voice(False)

    def show_voice(self, on: bool) -> None:
        """The button says what a tap will do."""
        self.voice_button.setText("关闭语音播报" if on else "开启语音播报")

    def show_category(self, key: str) -> None:
        for k, button in self._category_buttons.items():
            button.setChecked(k == key)
            button.setProperty("role", "primary" if k == key else "secondary")
            button.style().unpolish(button)
            button.style().polish(button)
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        shown = [s for s in self._services if s.category == key and s.built]
        for i, spec in enumerate(shown):
            button = TouchButton(spec.title, role="primary")
            button.setObjectName(f"service_{spec.id}")
            button.setMinimumHeight(120)
            button.clicked.connect(lambda _=False, sid=spec.id: self.serviceChosen.emit(sid))
            self._grid.addWidget(button, i // 2, i % 2)
        if not shown:
            self._grid.addWidget(label("本类业务暂未开通自助办理，请到中心柜面办理", role="hint"), 0, 0)


class LoginChoiceScreen(BaseScreen):
    methodChosen = Signal(str)

    def __init__(self) -> None:
        super().__init__("请选择登录方式")
        self.service_title = label("", role="subtitle", name="service_title")
        self.body.addWidget(self.service_title)
        self.buttons: dict[str, TouchButton] = {}
        self.notes: dict[str, object] = {}
        for method, title in METHOD_TITLES.items():
            button = TouchButton(title)
            button.setObjectName(f"login_{method}")
            button.setMinimumHeight(140)
            button.clicked.connect(lambda _=False, m=method: self.methodChosen.emit(m))
            note = label("", role="hint", name=f"login_note_{method}")
            self.body.addWidget(button)
            self.body.addWidget(note)
            self.buttons[method], self.notes[method] = button, note
        self.body.addStretch(1)

    def set_choices(self, service_title: str, offered: Sequence[str], unavailable: dict[str, str]) -> None:
        """`offered`: methods this service and session allow; `unavailable`: method → why (device out)."""
        self.service_title.setText(f"办理业务：{service_title}")
        for method, button in self.buttons.items():
            why = unavailable.get(method) or ("" if method in offered else "本业务不能使用此方式登录")
            button.setEnabled(not why)
            self.notes[method].setText(why)


class IdInputScreen(BaseScreen):
    """Place the ID card on the reader, or type the 18-digit number."""

    numberEntered = Signal(str)

    def __init__(self) -> None:
        super().__init__("请放置身份证，或输入身份证号码")
        row = self.side_by_side()
        left = QVBoxLayout()
        left.addWidget(label("请将第二代居民身份证平放在感应区，办理期间请不要取走；"
                             "也可以用数字键输入身份证号码。", role="subtitle"))
        self.entry = DigitEntry(max_length=18, group=(6, 8, 4), placeholder="请输入 18 位身份证号码")
        self.entry.setObjectName("id_entry")
        self.keypad = NumericKeypad(with_x=True)
        self.keypad.setObjectName("id_keypad")
        self.keypad.setMaximumSize(KEYPAD_MAX, KEYPAD_MAX)
        self.entry.connect_keypad(self.keypad)
        left.addWidget(self.entry)
        left.addStretch(1)
        row.addLayout(left, 1)
        row.addWidget(self.keypad, 1)
        self.body.addLayout(row, 1)
        self.confirm = TouchButton("确定")
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(lambda: self.numberEntered.emit(self.entry.text()))
        self.bar.insertWidget(1, self.confirm)

    def clear(self) -> None:
        super().clear()
        self.entry.clear()


class FaceScreen(BaseScreen):
    """The camera's live picture (mirrored, with the face outline) and the detector's hint."""

    startRequested = Signal()
    # The liveness check needs a blink or a small head turn across the frames: never "hold still".
    ADVICE = "请正对摄像头，摘下帽子、口罩和墨镜。识别时请自然眨眼，或把头稍微向左右转一下。"

    def __init__(self) -> None:
        super().__init__("人脸识别")
        self.greeting = label("", role="subtitle", name="face_greeting")
        self.body.addWidget(self.greeting)
        self.body.addWidget(label(self.ADVICE, role="hint", name="face_advice"))
        self.preview = CameraView()
        self.preview.setObjectName("camera_preview")
        self.body.addWidget(self.preview, 1)
        self.hint = label("", role="subtitle", name="face_hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setMinimumHeight(self.hint.fontMetrics().height() + 8)  # room kept: nothing moves
        self.body.addWidget(self.hint)
        self.start = TouchButton("开始人脸识别")
        self.start.setObjectName("face_start")
        self.start.clicked.connect(self.startRequested)
        self.body.addWidget(self.start)

    def set_candidate(self, name: str) -> None:
        # Only the surname: someone behind the resident learns nothing from the screen.
        self.greeting.setText(f"{name[:1]}{'*' * (len(name) - 1)}，您好。请正对摄像头，然后点击“开始人脸识别”。")

    def show_preview(self, preview: Preview | CameraFault | None) -> None:
        if isinstance(preview, Preview):
            self.preview.show_frame(preview)
            self.hint.setText(preview.hint)
            restyle(self.hint, role="success" if preview.ready else "subtitle")
        elif isinstance(preview, CameraFault):
            self.preview.show_frame(None)
            self.hint.setText(preview.message)
            restyle(self.hint, role="error")

    def set_busy(self, busy: bool) -> None:
        self.start.setEnabled(not busy)
        self.start.setText("正在识别，请自然眨眼…" if busy else "开始人脸识别")

    def clear(self) -> None:
        super().clear()
        self.greeting.clear()
        self.hint.clear()
        self.preview.show_frame(None)
        self.set_busy(False)


class CameraView(QWidget):
    """Paints the last frame mirrored and scaled to fit, the oval to stand in, and the faces found."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumHeight(240)
        self._image: QImage | None = None
        self._faces: tuple[tuple[int, int, int, int], ...] = ()
        self._ready = False

    def show_frame(self, preview: Preview | None) -> None:
        if preview is None:
            self._image, self._faces = None, ()
        else:
            frame = np.ascontiguousarray(preview.frame[:, ::-1])  # a mirror: left is the resident's left
            h, w = frame.shape[:2]
            self._image = QImage(frame.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            self._faces = tuple((t, w - l, b, w - r) for t, r, b, l in preview.faces)
            self._ready = preview.ready
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.SURFACE))
        if self._image is None:
            painter.setPen(QColor(theme.TEXT_MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "正在打开摄像头…")
            return
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        w, h = self._image.width() * scale, self._image.height() * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        painter.drawImage(target, self._image)
        guide = QRectF(target.center().x() - w * 0.17, target.center().y() - h * 0.34, w * 0.34, h * 0.62)
        painter.setPen(QPen(QColor(theme.ON_PRIMARY), 4, Qt.PenStyle.DashLine))
        painter.drawEllipse(guide)  # where the face should be
        colour = QColor(theme.SUCCESS if self._ready else "#E8A317")
        painter.setPen(QPen(colour, 5))
        for top, right, bottom, left in self._faces:
            painter.drawRoundedRect(QRectF(target.x() + left * scale, target.y() + top * scale,
                                           (right - left) * scale, (bottom - top) * scale), 12, 12)


class CardInsertScreen(BaseScreen):
    def __init__(self) -> None:
        super().__init__("请插入社会保障·市民卡")
        prompt = label("请将社会保障·市民卡芯片朝上插入读卡口，办理期间请不要拔卡。", role="subtitle")
        self.body.addWidget(prompt)
        self.body.addStretch(1)


class PasswordScreen(BaseScreen):
    """The centre's query password on a keypad whose digits move every time it is shown."""

    passwordEntered = Signal(str)

    def __init__(self, length: int = 6) -> None:
        super().__init__("请输入社保和公积金查询密码")
        row = self.side_by_side()
        left = QVBoxLayout()
        self.greeting = label("", role="subtitle", name="password_greeting")
        left.addWidget(self.greeting)
        left.addWidget(label("为保护您的密码，数字键的位置每次都会变化。请用手遮挡输入。", role="hint"))
        self.entry = DigitEntry(max_length=length, masked=True)
        self.entry.setObjectName("password_entry")
        self.keypad = NumericKeypad(shuffle=True)
        self.keypad.setObjectName("password_keypad")
        self.keypad.setMaximumSize(KEYPAD_MAX, KEYPAD_MAX)
        self.entry.connect_keypad(self.keypad)
        left.addWidget(self.entry)
        left.addStretch(1)
        row.addLayout(left, 1)
        row.addWidget(self.keypad, 1)
        self.body.addLayout(row, 1)
        self.confirm = TouchButton("确定")
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self._submit)
        self.bar.insertWidget(1, self.confirm)

    def _submit(self) -> None:
        password = self.entry.text()
        self.entry.clear()  # the digits never stay on screen or in the widget after a try
        self.passwordEntered.emit(password)

    def set_candidate(self, name: str) -> None:
        self.greeting.setText(f"{name[:1]}{'*' * (len(name) - 1)}，您好。")

    def clear(self) -> None:
        super().clear()
        self.entry.clear()
        self.greeting.clear()


class ResultScreen(BaseScreen):
    """The outcome: success with serial and paper, or a refusal in one layout for all 28 services."""

    finished = Signal()
    insteadChosen = Signal(str)  # a refusal's suggested service: open its log-in
    printStatusShown = Signal()  # the paper's fate (and a 补打码) came after the result: read again

    STATUS_TITLES = {"completed": "办理成功", "pending_review": "申请已提交，等待审核",
                     "refused": "暂时无法办理", "error": "系统故障，本次业务未办理"}

    def __init__(self) -> None:
        super().__init__("办理结果", back=False, home=False)
        self.status = label("", role="title", name="result_status")
        self.headline = label("", role="subtitle", name="result_headline")
        self.serial = label("", name="serial")
        self.effective = label("", name="effective")
        self.details = label("", name="result_details")
        self.printing = label("", name="print_status")
        self.code = label("", role="large", name="reprint_code")  # big: an elderly resident must copy it
        self.sms = label("", name="sms_status")
        # A refusal: what to do next, then where and whom to ask (kiosk/services/refusal.py).
        self.next_step = label("", role="emphasis", name="next_step")
        self.contact = label("", role="hint", name="centre_contact")
        # A long result (a refund's items, a printer warning and the code) scrolls; the buttons stay.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self._lines = (self.status, self.headline, self.next_step, self.serial, self.effective, self.details,
                       self.printing, self.code, self.sms, self.contact)
        for w in self._lines:
            column.addWidget(w)
        column.addStretch(1)
        self.scroll = TouchScrollArea()
        self.scroll.setWidget(content)
        self.body.addWidget(self.scroll, 1)
        self.instead = TouchButton("")
        self.instead.setObjectName("instead")
        self.instead.clicked.connect(lambda: self.insteadChosen.emit(self._instead_id))
        self.instead.hide()
        self._instead_id = ""
        self.bar.addWidget(self.instead)
        self.done = TouchButton("完成，返回首页")
        self.done.setObjectName("finish")
        self.done.clicked.connect(self.finished)
        self.bar.addWidget(self.done)

    def show_outcome(self, status: str, headline: str, serial: str = "", effective: str = "",
                     lines: Sequence[tuple[str, str]] = (), sms: int = 0) -> None:
        self.status.setText(self.STATUS_TITLES.get(status, status))
        self.status.setProperty("role", "error" if status in ("refused", "error") else "success")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.headline.setText(headline)
        self.serial.setText(f"业务流水号：{serial}" if serial else "")
        self.effective.setText(effective)
        self.details.setText("\n".join(f"{k}：{v}" for k, v in lines))
        self.printing.setText("")
        self.code.setText("")
        self.sms.setText("短信通知已发送至您的手机" if sms else "")
        self.next_step.setText("")
        self.contact.setText("")
        self.instead.hide()
        self._tidy()

    def _tidy(self) -> None:
        """Only lines with something to say take room: the contact under a refusal stays in view."""
        for w in self._lines:
            w.setVisible(bool(w.text()))

    def show_refusal(self, heading: str, reason: str, next_step: str, contact: Sequence[str],
                     instead: tuple[str, str] | None = None) -> None:
        """暂时无法办理 / 无法办理, the reason, 您可以…, the centre's contact; `instead` = (service id, tile)."""
        self.show_outcome("refused", reason)
        self.status.setText(heading)
        self.next_step.setText(next_step)
        self.contact.setText("\n".join(contact))
        if instead:
            self._instead_id = instead[0]
            self.instead.setText(f"去办理：{instead[1]}")
            self.instead.show()
        self._tidy()

    def set_print_status(self, text: str, code: str | None = None) -> None:
        self.printing.setText(text)
        self.code.setText(f"补打码：{code}" if code else "")
        self._tidy()
        self.printStatusShown.emit()

    def clear(self) -> None:
        super().clear()
        for w in (self.status, self.headline, self.serial, self.effective, self.details, self.printing, self.code,
                  self.sms, self.next_step, self.contact):
            w.clear()
        self.instead.hide()


