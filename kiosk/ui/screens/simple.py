"""The short screens of the flow: home, log-in choice, card prompts, face, password, result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.devices.face.preview import Preview
from kiosk.devices.face.protocol import CameraFault

from kiosk import i18n
from kiosk.i18n import tr
from kiosk.services.spec import CATEGORY_TITLES, ServiceSpec
from kiosk.ui import theme
from kiosk.ui.looks import keep_line
from kiosk.ui.screens.base import SPEAKER_ICON, BaseScreen, label
from kiosk.ui.screens.card_return import CardBanner
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import KEYPAD_MAX, DigitEntry, NumericKeypad
from kiosk.ui.widgets.presentation_bar import PresentationBar
from kiosk.ui.widgets.touch_scroll import TouchScrollArea

METHOD_TITLES = {"id_card_face": "身份证 + 人脸识别", "citizen_card_password": "社会保障·市民卡 + 密码"}


class HomeScreen(BaseScreen):
    """Services by category: categories on the left, the chosen category's services on the right."""

    serviceChosen = Signal(str)
    reprintChosen = Signal()  # the 凭补打码补打 tile
    languageToggled = Signal()  # the 中文 / English switch
    voiceRequested = Signal(bool)  # the 语音播报 button: voice guidance on (True) or off
    pageShown = Signal()  # 长辈版: the categories or a category's page replaced the tiles (read aloud)

    def __init__(self, services: Sequence[ServiceSpec]) -> None:
        super().__init__("请选择要办理的业务", back=False, home=False)
        self._services = list(services)
        self._tiles: dict[str, list[QWidget]] = {}  # category → its tiles (_category_tiles)
        self.presentation_bar = PresentationBar()
        self.heading.addWidget(self.presentation_bar)
        self.keep_row(self.heading)  # a short title and the switch share one line on every screen
        self._elder = False
        self._category = ""
        self._page = 0
        row = QHBoxLayout()
        row.setSpacing(32)
        self._category_host = QWidget()
        self._categories = QVBoxLayout(self._category_host)
        self._categories.setContentsMargins(0, 0, 0, 0)
        self._categories.setSpacing(8)  # six categories and the 长辈版 switches fit a 1280×1024 screen
        self._category_buttons: dict[str, TouchButton] = {}
        for key, title in CATEGORY_TITLES.items():
            button = TouchButton(title, role="secondary")
            button.setObjectName(f"category_{key}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_category(k))
            self._categories.addWidget(button)
            self._category_buttons[key] = button
        self._categories.addStretch(1)
        row.addWidget(self._category_host, 1)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(14)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self._grid_host, 3)
        self.body.addLayout(row, 1)
        self.hint = label("24 小时自助服务 · 操作中如需帮助，请按服务台呼叫按钮或拨打 12333", role="hint")
        self.body.addWidget(self.hint)
        # 凭补打码补打: a document that did not print, printed by its 补打码 without logging in. In
        # the bottom bar: whole on every screen profile, whatever the chosen category shows.
        self.reprint_tile = TouchButton("凭补打码补打", role="secondary")
        self.reprint_tile.setObjectName("reprint_tile")
        self.reprint_tile.clicked.connect(self.reprintChosen)
        self.bar.addWidget(self.reprint_tile)
        self._add_language_switch()
        self._build_pager()
        first = next((s.category for s in self._services if s.built), "social_insurance")
        self.show_category(first)
        self._add_voice_button()

    def _add_voice_button(self) -> None:
        """语音播报 in the bar (home has no Back or Home): the whole session is then read aloud."""
        self.voice_button = TouchButton("", role="secondary")
        self.voice_button.setObjectName("voice_toggle")
        self.voice_button.setIcon(QIcon(str(SPEAKER_ICON)))
        self.voice_button.setIconSize(QSize(40, 40))
        self.voice_button.clicked.connect(lambda: self.voiceRequested.emit(not self._voice_on))
        self.bar.insertWidget(0, self.voice_button)
        self.show_voice(False)

    def show_voice(self, on: bool) -> None:
        """The button says what a tap will do."""
        self._voice_on = on  # not read back from the text: that is in the session's language
        self.voice_button.setText("关闭语音播报" if on else "开启语音播报")

    def show_category(self, key: str) -> None:
        if self._elder:
            self._show_elder_page(key, 0)
            return
        self._category = key
        for k, button in self._category_buttons.items():
            button.setChecked(k == key)
            role = "primary" if k == key else "secondary"
            if button.property("role") != role:  # re-polishing under the style sheet is the slow part of a tap
                button.setProperty("role", role)
                button.style().unpolish(button)
                button.style().polish(button)
        # Swapped while the grid is hidden: one layout pass when it shows again, not one per tile.
        visible = self._grid_host.isVisible()
        self._grid_host.hide()
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().hide()  # kept for the next time its category is chosen
        tiles = self._category_tiles(key)
        for i, tile in enumerate(tiles):
            self._grid.addWidget(tile, i // 2, i % 2)
            tile.show()
        self._grid_host.setVisible(visible or not self.isVisible())

    def _category_tiles(self, key: str) -> list[QWidget]:
        """A category's tiles, made the first time it is shown and reused after (no widget per tap)."""
        tiles = self._tiles
        if key in tiles:
            return tiles[key]
        made: list[QWidget] = []
        for spec in (s for s in self._services if s.category == key and s.built):
            button = TouchButton(spec.tile_label, role="primary")  # the name the guide says to tap
            button.setObjectName(f"service_{spec.id}")
            button.setMinimumHeight(120)
            button.clicked.connect(lambda _=False, sid=spec.id: self.serviceChosen.emit(sid))
            made.append(button)
        if not made:
            made.append(label("本类业务暂未开通自助办理，请到中心柜面办理", role="hint"))
        tiles[key] = made
        return made

    def _add_language_switch(self) -> None:
        """中文 / English in the bottom bar: each label in its own language, never translated."""
        self.language_button = LanguageSwitch()
        self.language_button.setObjectName("language")
        self.language_button.clicked.connect(self.languageToggled)
        self.bar.addWidget(self.language_button)


    # -- 长辈版: a category, then its services four to a page ------------------------------------------
    ELDER_PAGE = 4  # tiles per page: two rows of two, big enough for 36-px titles on every screen

    def _build_pager(self) -> None:
        self.to_categories = TouchButton("返回业务类别", role="secondary")
        self.to_categories.setObjectName("home_categories")
        self.to_categories.clicked.connect(self.show_categories)
        self.prev_page = TouchButton("上一页", role="secondary")
        self.prev_page.setObjectName("home_prev_page")
        self.prev_page.clicked.connect(lambda: self._show_elder_page(self._category, self._page - 1))
        self.page_label = label("", name="home_page_label", wrap=False)
        self.next_page = TouchButton("下一页", role="secondary")
        self.next_page.setObjectName("home_next_page")
        self.next_page.clicked.connect(lambda: self._show_elder_page(self._category, self._page + 1))
        self.bar.insertWidget(0, self.to_categories)
        # The pages under the tiles, not in the bar: the bar already holds the voice, 返回业务类别,
        # 凭补打码补打 and 中文/English, which in English leave no room for three more at 1280 px.
        pager = QHBoxLayout()
        pager.setSpacing(24)
        pager.addWidget(self.prev_page)
        pager.addStretch(1)
        pager.addWidget(self.page_label)
        pager.addStretch(1)
        pager.addWidget(self.next_page)
        self.body.insertLayout(self.body.indexOf(self.hint), pager)
        self._show_pager(False, False)

    def _show_pager(self, back: bool, pages: bool) -> None:
        self.to_categories.setVisible(back)
        # A category's page in 长辈版 gives the help line's room to its tiles (three-line English
        # titles at 1280×1024); the categories page above it shows the line.
        self.hint.setVisible(not back)
        for w in (self.prev_page, self.page_label, self.next_page):
            w.setVisible(pages)

    def set_elder(self, elder: bool) -> None:
        """长辈版: first the six categories as big buttons, then a category's services four to a page."""
        if elder == self._elder:
            return
        self._elder = elder
        if elder:
            self.show_categories()
        else:
            self._clear_grid()
            self._place_categories(in_grid=False)
            self._category_host.show()
            self._show_pager(False, False)
            self.title.setText("请选择要办理的业务")
            self.show_category(self._category or next(iter(self._category_buttons)))

    def _place_categories(self, in_grid: bool) -> None:
        """The category buttons in the tile grid (长辈版's first page) or in their column."""
        for i, button in enumerate(self._category_buttons.values()):
            self._categories.removeWidget(button)
            self._grid.removeWidget(button)
            if in_grid:  # three to a row: two rows leave room for a reader warning over the header
                self._grid.addWidget(button, i // 3, i % 3)
            else:
                self._categories.insertWidget(i, button)
            button.show()

    def show_categories(self) -> None:
        self._clear_grid()
        self.title.setText("请选择业务类别")
        self._category_host.hide()
        self._place_categories(in_grid=True)
        for button in self._category_buttons.values():
            button.setChecked(False)
            restyle(button, role="secondary")
        self._show_pager(False, False)
        self.pageShown.emit()

    def _show_elder_page(self, key: str, page: int) -> None:
        self._clear_grid()
        for button in self._category_buttons.values():
            button.hide()
        self._category, self._page = key, page
        self.title.setText(CATEGORY_TITLES[key])
        tiles = self._category_tiles(key)  # the same tiles as the standard screen, four to a page
        pages = max(1, -(-len(tiles) // self.ELDER_PAGE))
        for i, tile in enumerate(tiles[page * self.ELDER_PAGE:(page + 1) * self.ELDER_PAGE]):
            self._grid.addWidget(tile, i // 2, i % 2)
            tile.show()
        self._show_pager(True, pages > 1)
        self.page_label.setText(f"第 {page + 1} / {pages} 页")
        self.prev_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < pages - 1)
        self.pageShown.emit()

    def _clear_grid(self) -> None:
        """Empties the tile grid; its widgets (category buttons, the tiles made once in
        _category_tiles) are hidden for the next time, never deleted."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()


class LanguageSwitch(TouchButton):
    """Shows the language to switch to: "English" on Chinese screens, "中文" on English ones."""

    def __init__(self) -> None:
        super().__init__("English", role="secondary")
        self.retranslate()

    def retranslate(self) -> None:
        QPushButton.setText(self, "中文" if i18n.language() == "en" else "English")


class MethodButton(TouchButton):
    """A log-in method: 140 px high in the standard look, well above its 80-px buttons; in 长辈版 the
    look's 120-px target, so that a lock message and a two-line service title above it still fit
    1280×1024 in 长辈版's letters."""

    def _least(self) -> int:
        return theme.current().target if theme.current().elder else self._base_height


class LoginChoiceScreen(BaseScreen):
    methodChosen = Signal(str)

    def __init__(self) -> None:
        super().__init__("请选择登录方式")
        self.presentation_bar = PresentationBar()
        self.heading.addWidget(self.presentation_bar)
        self.keep_row(self.heading)  # a short title and the switch share one line on every screen
        self.service_title = label("", role="subtitle", name="service_title")
        self.body.addWidget(self.service_title)
        self.buttons: dict[str, TouchButton] = {}
        self.notes: dict[str, object] = {}
        for method, title in METHOD_TITLES.items():
            button = MethodButton(title)
            button.setObjectName(f"login_{method}")
            button.setMinimumHeight(140)
            button.clicked.connect(lambda _=False, m=method: self.methodChosen.emit(m))
            note = label("", role="hint", name=f"login_note_{method}")
            self.body.addWidget(button)
            self.body.addWidget(note)
            self.buttons[method], self.notes[method] = button, note
        self.body.addStretch(1)

    def set_choices(self, service_title: str, offered: Sequence[str], unavailable: dict[str, str],
                    closed: Mapping[str, str] | None = None) -> None:
        """`offered`: methods this service and session allow; `unavailable`: method → why (device out);
        `closed`: method → why this session took it away (face tries used up, password locked)."""
        self.service_title.setText(f"办理业务：{service_title}")
        closed = closed or {}
        for method, button in self.buttons.items():
            why = unavailable.get(method) or ("" if method in offered else
                                              closed.get(method, "本业务不能使用此方式登录"))
            button.setEnabled(not why)
            self.notes[method].setText(why)
            self.notes[method].setVisible(bool(why))  # an empty note takes no room (1280×1024 in 长辈版)


class IdInputScreen(BaseScreen):
    """Place the ID card on the reader, or type the 18-digit number."""

    numberEntered = Signal(str)

    def __init__(self) -> None:
        super().__init__("请放置身份证，或输入身份证号码")
        row = self.side_by_side()
        left = QVBoxLayout()
        left.addWidget(label("请将第二代居民身份证平放在读卡器上，办理期间请不要取走；"
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
        keep_line(self.hint, 8)  # room kept: nothing moves
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
            import numpy as np  # here, with the first camera frame: not before the kiosk's first screen

            frame = np.ascontiguousarray(preview.frame[:, ::-1])  # a mirror: left is the resident's left
            h, w = frame.shape[:2]
            self._image = QImage(frame.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            self._faces = tuple((t, w - l, b, w - r) for t, r, b, l in preview.faces)
            self._ready = preview.ready
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.current().surface))
        if self._image is None:
            painter.setPen(QColor(theme.current().text_muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("正在打开摄像头…"))
            return
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        w, h = self._image.width() * scale, self._image.height() * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        painter.drawImage(target, self._image)
        guide = QRectF(target.center().x() - w * 0.17, target.center().y() - h * 0.34, w * 0.34, h * 0.62)
        painter.setPen(QPen(QColor(theme.ON_PRIMARY), 4, Qt.PenStyle.DashLine))
        painter.drawEllipse(guide)  # where the face should be
        colour = QColor(theme.current().success if self._ready else "#E8A317")
        painter.setPen(QPen(colour, 5))
        for top, right, bottom, left in self._faces:
            painter.drawRoundedRect(QRectF(target.x() + left * scale, target.y() + top * scale,
                                           (right - left) * scale, (bottom - top) * scale), 12, 12)


class CardInsertScreen(BaseScreen):
    def __init__(self) -> None:
        super().__init__("请插入社会保障·市民卡")
        prompt = label("请将社会保障·市民卡芯片朝上插入读卡器，办理期间请不要拔卡。", role="subtitle")
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
        self._add_waiting_parts()

    def _add_waiting_parts(self) -> None:
        """Cards back and results that wait: 请取回您的… beside the result (below it in portrait), the
        countdown under it."""
        self.card_banner = CardBanner()
        row = self.side_by_side(spacing=theme.SPACING)
        self.body.removeWidget(self.scroll)
        row.addWidget(self.scroll, 1)
        row.addWidget(self.card_banner, 0, Qt.AlignmentFlag.AlignTop)
        self.body.insertLayout(0, row, 1)
        self.countdown = label("", role="hint", name="result_countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.body.addWidget(self.countdown)

    def set_countdown(self, seconds: int) -> None:
        """The seconds until the result screen goes home by itself ([session] result_idle_s)."""
        self.countdown.setText(f"本页 {seconds} 秒后自动返回首页" if seconds > 0 else "")

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
        self.card_banner.set_card(None)
        self.countdown.clear()


