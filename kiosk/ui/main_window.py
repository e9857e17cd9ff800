"""The kiosk window: applies the session flow, shows one screen per state, guards the session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk import i18n
from kiosk.config import KioskConfig
from kiosk.devices.bundle import Devices
from kiosk.devices.citizen_card import protocol as cc
from kiosk.devices.face.protocol import CameraFault, FaceMatch
from kiosk.devices.id_card import protocol as idc
from kiosk.services import session_flow as flow
from kiosk.services.idle import MAX_EXTENSIONS, Expired, IdleTracker, Warning
from kiosk.services import card_return
from kiosk.services.presentation import STANDARD, Presentation
from kiosk.services.session_flow import Screen
from kiosk.ui import theme
from kiosk.ui.bridge import Bridge
from kiosk.ui.keyboard_room import covered_height, keyboard_on_screen
from kiosk.ui.garbage import collect_if_due, freeze_once
from kiosk.ui.paint_gate import PaintGate
from kiosk.ui.looks import switch_look
from kiosk.ui.screens.base import BaseScreen, label
from kiosk.ui.screens.simple import (CardInsertScreen, FaceScreen, HomeScreen, IdInputScreen, LoginChoiceScreen,
                                     PasswordScreen, ResultScreen)
from kiosk.ui.staff_entry import TapCounter
from kiosk.ui.widgets.banner import DemoBanner
from kiosk.ui.widgets.countdown import IdleCountdownOverlay
from kiosk.ui.widgets.touch_scroll import settle_layout
from kiosk.services.service_list import SERVICES

if TYPE_CHECKING:  # imported by _import_services after the home screen's first paint (issue 15: cold start)
    from kiosk.services import (catalogue, journal_resume, login, print_fallback, print_run, resident_reprint,
                                sms_dispatch, submission)
    from kiosk.services.outcome import Accepted, Failed, Refused
    from kiosk.services.profile import ServiceContext
    from kiosk.services.refusal import centre_contact
    from kiosk.services.staff import StaffGate
    from kiosk.services.wizard import Wizard
    from kiosk.services.working_days import due_label
    from kiosk.store.database import Store, StoreUnavailable, describe
    from kiosk.ui.screens.card_return import CardReturnScreen
    from kiosk.ui.screens.reprint import ReprintScreen
    from kiosk.ui.screens.wizard_host import WizardHost
    from kiosk.ui.staff_entry import StaffPinDialog, maintenance_dialog

log = logging.getLogger(__name__)

STAFF_IDLE = timedelta(minutes=5)
ACTIVITY_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
                   QEvent.Type.InputMethod}


class KioskWindow(QMainWindow):
    """Owns the flow state; every change goes through `dispatch` (logged, one place)."""

    screenChanged = Signal(str)
    presentationChanged = Signal(object)  # a Presentation: 长辈版, theme, voice, language, input
    printFinished = Signal()

    def __init__(self, config: KioskConfig, store: Store | None, devices: Devices, clock: Clock, *,
                 windowed: bool = False) -> None:
        """Without a store (kiosk.ui.app) only the home screen works until `start_services(store)`."""
        super().__init__()
        self.config, self.store, self.devices, self.clock = config, store, devices, clock
        self.kiosk_mode = not windowed
        self.state = flow.HOME
        self.presentation = STANDARD
        i18n.set_language(self.presentation.language)  # a new window starts in Chinese
        self.bridge = Bridge(self)
        self.poll_bridge = Bridge(self)
        self.camera_bridge = Bridge(self)  # the live picture: its own, so a frame never waits for the store
        self.idle = IdleTracker(config.session.idle_timeout_seconds, config.session.idle_warning_seconds,
                                clock.now())
        self.unavailable: dict[str, str] = {}  # log-in method → why its device is out
        self._last_id: object = idc.NoCard()
        self._last_cc: object = cc.NoCard()
        self._submitting = False  # a card pulled meanwhile waits for the result (see _card_gone)
        self._head_start: login.PasswordHeadStart | None = None  # the typed password's scrypt, begun early
        self._allow_close = False
        self.clock_taps = TapCounter()
        self.staff_dialogs: list[QWidget] = []  # the PIN pad and the maintenance screen, while open
        self._last_input = clock.now()
        self._keep_card = False  # a refusal's 去办理 goes on to the next service with the card in the reader
        self._card_asked_at: datetime | None = None  # when 请取回您的… came up, for [session] card_left_s
        self._card_reminded_at: datetime | None = None
        self.dev_panel: QWidget | None = None  # demo mode's panel, a window of its own (kiosk.ui.app)
        self._build()
        self.setWindowTitle("苏州工业园区社保和公积金 24 小时自助服务终端")
        self.idle_timer = QTimer(self, interval=1000, timeout=self.check_idle)
        self.poll_timer = QTimer(self, interval=300, timeout=self.poll_devices)  # GA 467 readers: ≥ 300 ms
        # What a crash left unprinted or unsent: at start-up, then every minute.
        self.resume_timer = QTimer(self, interval=60_000, timeout=self.resume_journal)
        # The face screen's live picture: a frame every 250 ms while the screen is up (and no check runs).
        self.camera_timer = QTimer(self, interval=250, timeout=self.grab_frame)
        self.idle_timer.start()
        self.poll_timer.start()
        self.resume_timer.start()
        self._show(Screen.HOME)
        self.ready = False  # the services and the store are in (start_services)
        self._waiting: Callable[[], None] | None = None  # a tap made before that, done once they are
        if store is not None:
            self.start_services(store)

    # -- room for the virtual keyboard (kiosk.ui.keyboard_room) --------------------------------------
    def _watch_keyboard(self) -> None:
        """While the pinyin keyboard is up, the content (screen and bottom bar) ends above it."""
        method = QGuiApplication.inputMethod()
        method.visibleChanged.connect(self._make_keyboard_room)
        method.keyboardRectangleChanged.connect(self._make_keyboard_room)
        self._gave_way: list[QWidget] = []  # hidden by _make_keyboard_room while the keyboard is up
        # A new screen or step starts with all its lines; another field typed in is scrolled to as well.
        self.screenChanged.connect(self._make_keyboard_room)
        self.wizard.stepShown.connect(self._make_keyboard_room)
        QApplication.instance().focusChanged.connect(self._make_keyboard_room)

    def _make_keyboard_room(self, *_: object) -> None:
        """A bottom margin on the window's content as high as the keyboard covers of it (0 once it
        hides), then the field being typed in scrolled into view with its count. Where the two do not
        fit above the keyboard (长辈版 on a landscape screen), the header line, then the screen's title,
        give their room while the keyboard is up."""
        central = self.centralWidget()
        room = covered_height(keyboard_on_screen(QGuiApplication.inputMethod()),
                              QRect(central.mapToGlobal(QPoint(0, 0)), central.size()))
        layout = central.layout()
        if layout.contentsMargins().bottom() != room:
            log.info("keyboard room: %d px", room)
            layout.setContentsMargins(0, 0, 0, room)
        while self._gave_way:  # back, whatever happens next
            self._gave_way.pop().show()
        focus = QApplication.focusWidget()
        on_wizard = self.stack.currentWidget() is self.wizard
        if not room or focus is None or not on_wizard or not self.wizard.isAncestorOf(focus):
            return
        settle_layout(central)  # the screen's new height, before the field is scrolled to
        for group in self._give_way():
            if self.wizard.show_typing(focus):
                return
            for widget in group:
                if not widget.isHidden():
                    widget.hide()
                    self._gave_way.append(widget)
            settle_layout(central)
        self.wizard.show_typing(focus)

    def _give_way(self) -> list[list[QWidget]]:
        """What is hidden, in this order, to make room for a field above the keyboard: the header
        line's widgets (brand, device banner, 重听, clock), then the wizard's title."""
        outer = self.centralWidget().layout()
        header = next(outer.itemAt(i).layout() for i in range(outer.count()) if outer.itemAt(i).layout() is not None
                      and outer.itemAt(i).layout().indexOf(self.clock_label) >= 0)
        line = [header.itemAt(i).widget() for i in range(header.count()) if header.itemAt(i).widget() is not None]
        return [line, [self.wizard.title]]

    def _repeat_button(self) -> QWidget:
        """🔊 重听 in the header, beside the clock, over every screen: the header is already as high as
        a fingertip target (the clock), so no screen gives up a pixel to it."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QIcon

        from kiosk.ui.screens.base import SPEAKER_ICON
        from kiosk.ui.widgets.buttons import HeaderButton

        self.repeat_button = HeaderButton("重听", role="secondary")
        self.repeat_button.setObjectName("repeat")
        self.repeat_button.setIcon(QIcon(str(SPEAKER_ICON)))
        self.repeat_button.setIconSize(QSize(32, 32))
        self.repeat_button.setAccessibleName("重听本页")
        self.repeat_button.setFixedHeight(theme.MIN_TARGET)
        self.repeat_button.padding = 4  # as the style sheet's QPushButton#repeat: 重听 stays on one line
        return self.repeat_button

    def _start_voice_and_keypad(self) -> None:
        """Voice guidance (kiosk.ui.voice) and keypad-only operation (kiosk.ui.keypad_nav)."""
        from kiosk.ui.keypad_nav import KeypadNavigator
        from kiosk.ui.voice import VoiceGuide

        self.voice = VoiceGuide(self)
        self.keypad_nav = KeypadNavigator(self, self.voice)

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if self.config.kiosk.demo:
            outer.addWidget(DemoBanner())
        header = QHBoxLayout()
        header.setContentsMargins(48, 4, 48, 0)
        header.setSpacing(theme.SPACING)
        header.addWidget(label("苏州工业园区社保和公积金 24 小时自助服务", role="brand", wrap=False))
        # Between the brand and the clock, wrapping in what room is left (a portrait screen's 200 px).
        self.device_banner = label("", role="error", name="device_banner")
        self.device_banner.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.device_banner, 1)
        header.addWidget(self._repeat_button())
        self.clock_label = label("", role="hint", name="clock", wrap=False)
        # Staff tap it five times: a target a fingertip hits (60 px), text centred in it.
        self.clock_label.setMinimumSize(self.clock_label.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 8,
                                        theme.MIN_TARGET)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.clock_label)
        outer.addLayout(header)
        self.stack = QStackedWidget()
        self.paint_gate = PaintGate(self.stack)  # work a screen change starts waits for the new screen's paint
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home = HomeScreen(SERVICES)
        self.screens = {Screen.HOME: self.home}
        self.stack.addWidget(self.home)
        # Connected now: a tap made while the rest loads waits for it (_wait_for_services).
        self.home.serviceChosen.connect(self._choose_service)
        self.home.reprintChosen.connect(lambda: self.dispatch(flow.ReprintChosen()))
        # 中文 / English, 长辈版 and high contrast work on the home screen from its first paint.
        self.home.languageToggled.connect(self._toggle_language)
        self.presentationChanged.connect(self._apply_language)
        self._wire_presentation(self.home.presentation_bar)
        self.presentationChanged.connect(self._apply_presentation)

    def _build_screens(self) -> None:
        """Every screen but the home screen: built after its first paint by kiosk.ui.app (issue 15)."""
        self.login_choice = LoginChoiceScreen()
        self.id_input = IdInputScreen()
        self.face = FaceScreen()
        self.card_insert = CardInsertScreen()
        self.password = PasswordScreen()
        self.wizard = WizardHost()
        self.result = ResultScreen()
        self.screens: dict[Screen, BaseScreen] = {
            Screen.HOME: self.home, Screen.LOGIN_CHOICE: self.login_choice, Screen.ID_INPUT: self.id_input,
            Screen.FACE: self.face, Screen.CARD_INSERT: self.card_insert, Screen.PASSWORD: self.password,
            Screen.WIZARD: self.wizard, Screen.RESULT: self.result,
        }
        self.reprint = ReprintScreen()
        self.screens[Screen.REPRINT] = self.reprint
        self.card_return = CardReturnScreen()
        self.screens[Screen.CARD_RETURN] = self.card_return
        for key, screen in self.screens.items():
            screen.setObjectName(f"screen_{key.value}")
            if self.stack.indexOf(screen) < 0:  # the home screen is in already
                self.stack.addWidget(screen)
            screen.homeRequested.connect(lambda: self.dispatch(flow.GoHome()))
            if screen is not self.wizard:
                screen.backRequested.connect(lambda: self.dispatch(flow.Back()))
        self.login_choice.methodChosen.connect(lambda m: self.dispatch(flow.MethodChosen(m)))
        self.id_input.numberEntered.connect(self._id_number_typed)
        self.face.startRequested.connect(self._check_face)
        self.password.passwordEntered.connect(self._check_password)
        self.password.entry.textChanged.connect(self._password_typed)
        self.wizard.submitRequested.connect(self._submit)
        self.wizard.actionRequested.connect(self._field_action)
        self.wizard.verifyRequested.connect(self._verify_step)
        self.wizard.printViewRequested.connect(self._print_view)
        self.wizard.finishRequested.connect(lambda: self.dispatch(flow.GoHome()))
        self.wizard.reviewShown.connect(self._check_printers)
        self.result.finished.connect(lambda: self.dispatch(flow.GoHome()))
        self.result.insteadChosen.connect(self._choose_instead)
        self.reprint.codeEntered.connect(self._reprint_code)
        self.overlay = IdleCountdownOverlay(self.centralWidget())
        self.overlay.continueRequested.connect(self._keep_session)
        self.overlay.moreTimeRequested.connect(self._more_time)
        self._wire_presentation(self.login_choice.presentation_bar)
        self._watch_keyboard()

    servicesReady = Signal()

    def prepare_services(self) -> None:
        """The business rules and the other screens (once): after the home screen's first paint."""
        if Screen.RESULT not in self.screens:
            _import_services()
            self._build_screens()
            self._start_voice_and_keypad()  # it listens to every screen

    def start_services(self, store: Store) -> None:
        """The business on `store`: until then a tap on the home screen waits (请稍候)."""
        self.prepare_services()
        self.store = store
        self.staff_gate = StaffGate(self.config.maintenance.staff_pin_hash, self.clock, store,
                                    self.config.kiosk.terminal_id)
        self.ready = True
        # Every event of the application passes this filter (activity, the clock's taps): not before
        # the first paint, whose hundreds of events it would slow.
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(0, self.resume_journal)
        self._load_signing_key()
        freeze_once()  # after the imports and screens: a full collection no longer walks them
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.home.show_message("")
            waiting()
        self.servicesReady.emit()

    def _wait_for_services(self, tap: Callable[[], None]) -> bool:
        """True (and the tap kept for later, 请稍候 on screen) while the services are still loading."""
        if self.ready:
            return False
        self._waiting = tap
        self.home.show_message("请稍候，系统正在准备", role="hint")
        return True

    def set_presentation(self, presentation: Presentation) -> None:
        """The session's presentation; screens, timers and the voice follow `presentationChanged`."""
        if presentation != self.presentation:
            self.presentation = presentation
            self.presentationChanged.emit(presentation)

    def _toggle_language(self) -> None:
        """Home's 中文 / English switch: for this session, back to Chinese at logout."""
        language = "zh" if self.presentation.language == "en" else "en"
        self.set_presentation(replace(self.presentation, language=language))

    def _apply_language(self, presentation: Presentation) -> None:
        """Every text on the kiosk again in the session's language (kiosk.i18n)."""
        if presentation.language == i18n.language():
            return
        i18n.set_language(presentation.language)
        for widget in self.findChildren(QWidget):
            if hasattr(widget, "retranslate"):
                widget.retranslate()
        log.info("language: %s", presentation.language)

    # -- 长辈版 and high contrast --------------------------------------------------------------
    def _wire_presentation(self, bar: QWidget) -> None:
        bar.modeToggled.connect(lambda: self.set_presentation(
            self.presentation.with_mode("standard" if self.presentation.elder else "elder")))
        bar.themeToggled.connect(lambda: self.set_presentation(replace(
            self.presentation, theme="standard" if self.presentation.theme == "high_contrast" else "high_contrast")))

    def _apply_presentation(self, presentation: Presentation) -> None:
        """Fonts, colours and target sizes switch live; home and the wizard lay themselves out anew."""
        switch_look(presentation, self, *[w for w in (self.dev_panel,) if w is not None])
        widest = "23:59" if presentation.elder else "2026-12-31 23:59"
        self.clock_label.setMinimumWidth(self.clock_label.fontMetrics().horizontalAdvance(widest) + 8)
        self._show_clock(self.clock.now())
        self.home.presentation_bar.show_presentation(presentation)
        self.home.set_elder(presentation.elder)
        if Screen.LOGIN_CHOICE not in self.screens:  # the other screens are not built yet (prepare_services)
            return
        self.login_choice.presentation_bar.show_presentation(presentation)
        wizard = self.wizard.wizard
        if wizard is not None and wizard.one_question != presentation.elder:
            wizard.one_question = presentation.elder
            self.wizard.render()

    def _show_clock(self, now: datetime) -> None:
        # 长辈版's larger clock shows the time only: with the date it would leave the brand no room on a
        # 1080-px-wide portrait screen.
        self.clock_label.setText(f"{now:%H:%M}" if self.presentation.elder else f"{now:%Y-%m-%d %H:%M}")

    # -- the flow ----------------------------------------------------------------------------
    def dispatch(self, event: flow.Event) -> None:
        if self._wait_for_services(lambda: self.dispatch(event)):
            return
        old = self.state
        new = flow.next_state(old, event, face_attempts=self.config.session.face_attempts)
        # Event names and screens only: no personal data in the log.
        log.info("flow: %s + %s -> %s", old.screen.value, type(event).__name__, new.screen.value)
        self.state = new
        self.idle.activity(self.clock.now())
        if new == old:
            return
        left_session = (old.has_person or old.screen != Screen.HOME) and new.screen in (Screen.HOME, Screen.RESULT)
        # The result asking for the card back (CardLeft) stays on the result: the screens were wiped on the way in.
        left_session = left_session and not old.screen == new.screen == Screen.RESULT
        if left_session:
            self._logout(old, type(event).__name__)
        self._enter(old, new)
        self._cards_back(old, new, event)
        if new.screen == Screen.RESULT:
            self._timed_apart(self.clock.now())  # the result's countdown from the first moment

    def _logout(self, old: flow.FlowState, why: str) -> None:
        """Wipes every screen that may have shown the person; the session's data is dropped."""
        for screen in self.screens.values():
            if screen is not self.result:
                screen.clear()
        if self.state.screen == Screen.HOME:
            self.result.clear()
            if old.screen == Screen.CARD_RETURN or self._card_to_return(old) is None:
                # The next resident starts from the standard screens; a resident still owed a card
                # keeps their language and text size on the card-return screen (reset when it ends).
                self.set_presentation(STANDARD)
            self.paint_gate.then(collect_if_due)  # the session's garbage, while nobody is waiting
        self.overlay.hide()
        self._head_start = None
        person = old.person or old.candidate
        if person is not None:
            self._background_after_paint(lambda: submission.record_event(
                self.store, self.clock, self.config, "logout", person_id=person.person_id,
                service_id=old.service_id, detail=why), lambda _: None)

    def _enter(self, old: flow.FlowState, new: flow.FlowState) -> None:
        screen = self.screens[new.screen]
        screen.show_message(new.message)
        match new.screen:
            case Screen.LOGIN_CHOICE:
                spec = catalogue.get(new.service_id)
                self.login_choice.set_choices(spec.title, new.methods, self.unavailable, dict(new.closed))
            case Screen.ID_INPUT if old.screen != Screen.ID_INPUT:
                self.id_input.entry.clear()  # a typed number that was refused stays, to correct one digit
            case Screen.FACE if new.candidate:
                self.face.set_candidate(new.candidate.name)
            case Screen.PASSWORD if new.candidate and old.screen != Screen.PASSWORD:
                self.password.set_candidate(new.candidate.name)
                self._check_lock(new.candidate.person_id)
            case Screen.WIZARD if old.screen != Screen.WIZARD:
                self._open_service()
            case Screen.RESULT:
                self._show_outcome(new.outcome)
            case Screen.REPRINT:
                self._check_reprint_lock()
        self._show(new.screen)

    def _show(self, screen: Screen) -> None:
        self.stack.setCurrentWidget(self.screens[screen])
        if screen == Screen.FACE:
            self.grab_frame()
            self.camera_timer.start()
        else:
            self.camera_timer.stop()
        self.screenChanged.emit(screen.value)

    def grab_frame(self) -> None:
        """One camera frame off the GUI thread onto the face screen (skipped while one is on its way)."""
        if self.camera_bridge.busy or not self.face.start.isEnabled():
            return

        def show(preview: object) -> None:
            if self.state.screen == Screen.FACE:
                self.face.show_preview(preview)
        self.camera_bridge.run(self.devices.face.preview, show, lambda exc: log.error("camera frame failed: %s", exc))

    def _background(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                    on_error: Callable[[Exception], None] | None = None) -> None:
        self.bridge.run(fn, on_done, on_error or self._fault)

    def _background_after_paint(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                                on_error: Callable[[Exception], None] | None = None) -> None:
        """`_background`, started once the screen now in view has painted (issue 15: a worker holding
        the interpreter would keep the resident looking at the old screen)."""
        self.bridge.run(fn, on_done, on_error or self._fault, after=self.paint_gate.then)

    def _fault(self, exc: Exception) -> None:
        """Any unexpected failure: nothing half-done; the resident is told and can start over."""
        reason = str(exc) if isinstance(exc, StoreUnavailable) else "系统故障，本次业务未办理，请稍后再试或到中心柜面办理"
        log.error("fault on screen %s: %s", self.state.screen.value, describe(exc))
        if self.state.screen == Screen.WIZARD:
            self.dispatch(flow.ServiceFinished(Failed(reason=reason)))
        else:
            self.screens[self.state.screen].show_message(reason)

    # -- log-in ------------------------------------------------------------------------------
    def _choose_instead(self, service_id: str) -> None:
        """A refusal's 去办理：… button: the session ends, the suggested service's log-in opens."""
        self._keep_card = True  # the resident carries on: the card is not asked back yet
        try:
            self.dispatch(flow.GoHome())
        finally:
            self._keep_card = False
        self._choose_service(service_id)

    def _choose_service(self, service_id: str) -> None:
        if self._wait_for_services(lambda: self._choose_service(service_id)):
            return
        spec = catalogue.get(service_id)
        self.dispatch(flow.ServiceChosen(service_id, spec.login_methods))

    def _identified(self, result: login.LoginResult, inserted: bool) -> None:
        if isinstance(result, login.LoginOk):
            self.dispatch(flow.Identified(result, inserted))
        else:
            if inserted:
                self.id_input.entry.clear()  # a card's number is not left on screen for the next person
            self.dispatch(flow.IdentifyFailed(result.reason))

    def _id_number_typed(self, number: str) -> None:
        if self.state.screen != Screen.ID_INPUT:
            return
        self._background(lambda: login.find_by_id_number(self.store, number, self.clock),
                         lambda r: self._identified(r, inserted=False))

    def _check_face(self) -> None:
        candidate = self.state.candidate
        if self.state.screen != Screen.FACE or candidate is None:
            return
        self.face.set_busy(True)
        self._background(lambda: self.devices.face.verify(candidate.face_ref), self._face_result)

    def _face_result(self, result: object) -> None:
        self.face.set_busy(False)
        if self.state.screen != Screen.FACE:
            return
        if isinstance(result, CameraFault):
            log.error("camera fault: %s", result.message)
            self.dispatch(flow.FaceUnavailable(result.message))
            return
        ok = isinstance(result, FaceMatch)
        person = self.state.candidate
        self._background_after_paint(lambda: submission.record_event(
            self.store, self.clock, self.config, "login_ok" if ok else "face_failed",
            person_id=person.person_id if person else None, detail=type(result).__name__), lambda _: None)
        self.dispatch(flow.FaceChecked(ok, "" if ok else result.message))

    def _check_lock(self, person_id: int) -> None:
        def done(locked: login.LoginFailed | None) -> None:
            if locked is not None and self.state.screen == Screen.PASSWORD:
                self.dispatch(flow.PasswordChecked(False, locked.reason, locked=True, note=login.lock_note(locked)))
        self._background(lambda: login.password_lock(self.store, person_id, self.clock), done)

    def _password_typed(self, typed: str) -> None:
        """Six digits typed: their scrypt starts on a worker while the finger moves to 确定 (issue 15);
        `_check_password` counts the try as ever. A digit taken back drops it; the entry emptied by
        确定 itself keeps it for the check."""
        candidate = self.state.candidate
        if typed and len(typed) != 6:
            self._head_start = None
        if len(typed) != 6 or self.state.screen != Screen.PASSWORD or candidate is None:
            return
        head = self._head_start = login.PasswordHeadStart(candidate.person_id, typed)
        self._background(lambda: head.run(self.store), lambda _: None,
                         lambda exc: log.error("password head start failed (the check does it all): %s",
                                               describe(exc)))

    def _check_password(self, password: str) -> None:
        head_start, self._head_start = self._head_start, None
        candidate = self.state.candidate
        if self.state.screen != Screen.PASSWORD or candidate is None:
            return
        if len(password) != 6:
            self.password.show_message("请输入 6 位数字密码")
            return
        # The check takes a moment on the worker (scrypt): say so at once, on the screen in view.
        self.password.show_message("正在核对密码，请稍候…", role="hint")

        def done(result: login.LoginResult) -> None:
            if self.state.screen == Screen.PASSWORD:  # the hint goes; what the flow said before stays
                self.password.show_message(self.state.message or "")
            if isinstance(result, login.LoginOk):
                self.dispatch(flow.PasswordChecked(True))
            else:
                locked = result.locked_until is not None
                self.dispatch(flow.PasswordChecked(False, result.reason, locked=locked, note=login.lock_note(result)))
        self._background(lambda: login.check_password(self.store, candidate.person_id, password, self.clock,
                                                      self.config, head_start), done)

    # -- 凭补打码补打 (no log-in) -------------------------------------------------------------------
    def _check_reprint_lock(self) -> None:
        """Greys the keys out at once when this terminal's code entry is locked."""
        def done(locked: resident_reprint.ReprintAnswer | None) -> None:
            if locked is not None and self.state.screen == Screen.REPRINT:
                self.reprint.set_locked(locked.message)
        self._background(lambda: resident_reprint.entry_lock(self.store, self.clock, self.config.kiosk.terminal_id),
                         done)

    def _reprint_code(self, code: str) -> None:
        if self.state.screen != Screen.REPRINT:
            return
        self.reprint.set_busy()
        d = self.devices

        def done(answer: resident_reprint.ReprintAnswer) -> None:
            if self.state.screen == Screen.REPRINT:
                self.reprint.show_answer(answer)
            self.printFinished.emit()

        def failed(exc: Exception) -> None:
            reason = str(exc) if isinstance(exc, StoreUnavailable) else "系统故障，未能补打。您的补打码仍然有效，请稍后再试"
            log.error("reprint by code failed: %s", describe(exc))
            self.reprint.show_fault(reason)
        self._background(lambda: resident_reprint.reprint(self.store, code, d.receipt_printer, d.report_printer,
                                                          self.clock, self.config), done, failed)

    # -- devices -----------------------------------------------------------------------------
    def poll_devices(self) -> None:
        """Reads both card readers off the GUI thread and reacts to what changed."""
        if self.poll_bridge.busy or not self.ready:  # a card inserted meanwhile is seen at the next poll
            return
        self.poll_bridge.run(lambda: (self.devices.id_card.poll(), self.devices.citizen_card.poll()),
                             self._card_statuses, lambda exc: log.error("card poll failed: %s", exc))

    def _card_statuses(self, statuses: tuple[object, object]) -> None:
        id_status, cc_status = statuses
        self._reader_state("id_card_face", id_status, idc.NoReader)
        self._reader_state("citizen_card_password", cc_status, cc.NoReader)
        was_id, was_cc = self._last_id, self._last_cc
        self._last_id, self._last_cc = id_status, cc_status
        method = self.state.method
        if idc.swapped(was_id, id_status):
            # Another card was put down in place of the first between two polls: the first card's
            # session ends as if it had been taken off (the new card may then start its own).
            log.info("id card swapped on the reader")
            if method == flow.ID_CARD_FACE:
                self._card_gone()
            self._id_card_read(id_status.card)
        elif isinstance(id_status, idc.CardPresent) and not isinstance(was_id, idc.CardPresent):
            self._id_card_read(id_status.card)
        elif isinstance(id_status, idc.CardError) and self.state.screen == Screen.ID_INPUT:
            self.id_input.show_message(id_status.message)
        elif isinstance(was_id, idc.CardPresent) and not isinstance(id_status, idc.CardPresent):
            if method == flow.ID_CARD_FACE:
                self._card_gone()
        if isinstance(cc_status, cc.CardPresent) and not isinstance(was_cc, cc.CardPresent):
            self._citizen_card_read(cc_status.card)
        elif isinstance(cc_status, cc.CardError) and self.state.screen == Screen.CARD_INSERT:
            self.card_insert.show_message(cc_status.message)
        elif isinstance(was_cc, cc.CardPresent) and not isinstance(cc_status, cc.CardPresent):
            if method == flow.CARD_PASSWORD:
                self._card_gone()
        self._card_taken_check()

    def _card_gone(self) -> None:
        """The log-in card left the reader: the session ends, unless a submission is under way.

        A card pulled right after 确认提交 must not hide the result: the business may already be
        committed, so its result (serial, paper, reprint code) is shown first and ends the session.
        """
        if self._submitting:
            log.info("log-in card removed while submitting: the result is shown first")
            return
        self.dispatch(flow.CardRemoved())

    def _reader_state(self, method: str, status: object, no_reader: type) -> None:
        if isinstance(status, no_reader):
            if method not in self.unavailable:
                log.error("device fault: %s reader not connected", method)
            self.unavailable[method] = status.message
        else:
            self.unavailable.pop(method, None)
        self.device_banner.setText("；".join(sorted({m.split("，")[0] for m in self.unavailable.values()})))
        if self.state.screen == Screen.LOGIN_CHOICE:
            self.login_choice.set_choices(catalogue.get(self.state.service_id).title, self.state.methods,
                                          self.unavailable, dict(self.state.closed))

    def _id_card_read(self, card: idc.IdCardData) -> None:
        if self.state.screen != Screen.ID_INPUT:
            return
        if card.expired(self.clock.now().date()):
            self.dispatch(flow.IdentifyFailed("您的身份证已过有效期，请使用有效证件或市民卡登录"))
            return
        self.id_input.entry.set_text(card.id_number)
        self._background(lambda: login.find_by_id_number(self.store, card.id_number, self.clock),
                         lambda r: self._identified(r, inserted=True))

    def _citizen_card_read(self, card: cc.CitizenCardData) -> None:
        if self.state.screen != Screen.CARD_INSERT:
            return
        self._background(lambda: login.find_by_card(self.store, card.card_number),
                         lambda r: self._identified(r, inserted=True))

    # -- cards back ---------------------------------------------------------------------------
    def _cards_back(self, old: flow.FlowState, new: flow.FlowState, event: flow.Event) -> None:
        """A business that ends with a card in a reader asks for it back: a panel beside the result
        (the serial and 补打码 stay), or its own screen after logout, 返回首页 or the idle timeout."""
        ended = ((new.screen == Screen.RESULT and old.screen != Screen.RESULT)
                 or (new.screen == Screen.HOME and (old.screen != Screen.CARD_RETURN
                                                    or isinstance(event, flow.CardTaken))))
        if ended:
            card = self._card_to_return(old)
            if card is not None:
                log.info("business ended with the %s still in its reader", card)
                self.dispatch(flow.CardLeft(card))
                return
        if new.screen == Screen.RESULT and new.card_left != old.card_left:
            self.result.card_banner.set_card(new.card_left)
            if new.card_left:
                self._remind_card(new.card_left)
        if new.screen == Screen.CARD_RETURN and old.screen != Screen.CARD_RETURN:
            self.card_return.set_card(new.card_left)
            self._card_asked_at = self.clock.now()
            self._remind_card(new.card_left)

    def _card_to_return(self, old: flow.FlowState) -> str | None:
        """The card still in a reader that the business ending from `old` must ask back, if any."""
        if self._keep_card:
            return None
        first = card_return.ID_CARD if old.method == flow.ID_CARD_FACE else card_return.CITIZEN_CARD
        return card_return.card_left(self._last_id, self._last_cc, first)

    def _remind_card(self, card: str) -> None:
        """A beep and the sentence spoken (whether or not voice guidance is on: a card left behind
        is the commonest kiosk failure)."""
        self._card_reminded_at = self.clock.now()
        QApplication.beep()
        self.voice.tell(card_return.WORDS[card].prompt)

    def _card_taken_check(self) -> None:
        """After each poll: the card asked back has left its reader."""
        card = self.state.card_left
        held = {card_return.ID_CARD: card_return.id_card_held(self._last_id),
                card_return.CITIZEN_CARD: card_return.citizen_card_held(self._last_cc)}
        if card is not None and not held[card]:
            log.info("%s taken back", card)
            self.dispatch(flow.CardTaken())

    def _card_still_left(self, now: datetime) -> None:
        """The card-return screen's clock: a reminder every REMIND_EVERY s; after [session] card_left_s
        staff are told (audit entry and log, no personal data) and the kiosk goes home."""
        card, asked = self.state.card_left, self._card_asked_at or now
        if (now - asked).total_seconds() >= self.config.session.card_left_s:
            log.warning("%s left in its reader for %d s: back to the home screen", card,
                        self.config.session.card_left_s)
            self._background(lambda: submission.record_event(self.store, self.clock, self.config, "card_left",
                                                             detail=card or ""), lambda _: None)
            self.dispatch(flow.IdleTimeout())
        elif (now - (self._card_reminded_at or asked)).total_seconds() >= card_return.REMIND_EVERY and card:
            self._remind_card(card)

    # -- the service -------------------------------------------------------------------------
    def _open_service(self) -> None:
        spec = catalogue.get(self.state.service_id)
        person = self.state.person
        self.wizard.show_waiting("正在查询您的信息，请稍候…")

        def done(result: Refused | ServiceContext) -> None:
            if self.state.screen != Screen.WIZARD:
                return
            if isinstance(result, Refused):
                self.dispatch(flow.ServiceFinished(result))
            else:
                wizard = Wizard(spec, result)
                wizard.one_question = self.presentation.elder  # 长辈版: one question per screen
                self.wizard.start(wizard)
        self._background_after_paint(lambda: submission.open_service(self.store, spec, person.person_id,
                                                                     self.clock, self.config), done)

    def _field_action(self, key: str) -> None:
        """A field's button, e.g. 获取短信验证码: checked locally, then done by the service layer."""
        wizard, person = self.wizard.wizard, self.state.person
        if wizard is None or person is None:
            return
        value = self.wizard.fields[key].value()
        error = wizard.check_field(key, value)
        self.wizard.fields[key].set_error(error or "")
        if error:
            return
        answers = {**wizard.answers, key: value}

        def work() -> str:
            message = submission.run_action(self.store, wizard.spec, key, person.person_id, answers, self.clock,
                                            self.config, wizard.ctx.profile)
            sms_dispatch.send_queued(self.store, self.devices.sms, self.clock)
            return message
        self._background(work, lambda message: self.wizard.show_info(key, message))

    def _verify_step(self, step_key: str) -> None:
        wizard, person = self.wizard.wizard, self.state.person
        if wizard is None or person is None:
            return
        answers = dict(wizard.answers)
        self._background(lambda: submission.verify_step(self.store, wizard.spec, step_key, person.person_id, answers,
                                                        self.clock, self.config, wizard.ctx.profile),
                         self.wizard.verified)

    def _print_view(self, step_key: str) -> None:
        """A query's 打印 button: journal the view under its own serial, then print it."""
        wizard, person = self.wizard.wizard, self.state.person
        if wizard is None or person is None:
            return
        self.wizard.show_message("正在打印，请稍候…", role="hint")

        def work() -> tuple[str, list[print_run.PrintResult]]:
            serial = submission.print_view(self.store, wizard.spec, step_key, person.person_id, self.clock,
                                           self.config, wizard.ctx.profile)
            return serial, print_run.print_jobs(self.store, serial, self.devices.receipt_printer,
                                                self.devices.report_printer, self.clock, self.config)

        def done(result: tuple[str, list[print_run.PrintResult]]) -> None:
            serial, printed = result
            self.wizard.show_message(_print_summary(printed, serial),
                                     role="success" if all(p.printed for p in printed) else "error")
            self.printFinished.emit()
        self._background(work, done)

    def _check_printers(self) -> None:
        """Tells the resident before submitting when a printer this service needs is not ready."""
        wizard = self.wizard.wizard
        if wizard is None or not wizard.spec.outputs:
            return

        def done(warning: str | None) -> None:
            if warning and self.wizard.wizard is wizard and wizard.at_review:
                person = wizard.ctx.person
                self.wizard.set_print_warning(warning, person.masked_mobile if person.mobile else None)
        self._background(lambda: print_fallback.printer_warning(wizard.spec, self.devices.receipt_printer,
                                                                self.devices.report_printer), done,
                         lambda exc: log.error("printer check before submitting failed: %s", exc))

    def _submit(self) -> None:
        wizard = self.wizard.wizard
        person = self.state.person
        if wizard is None or person is None or self.state.screen != Screen.WIZARD:
            return
        self.wizard.set_submitting(True)
        self._submitting = True
        answers = dict(wizard.answers)
        mobile = wizard.ctx.person.mobile if self.wizard.wants_code_by_sms() else None
        language = self.presentation.language

        def done(outcome: Any) -> None:
            self._submitting = False
            self.wizard.set_submitting(False)
            if self.state.screen == Screen.WIZARD:
                self.dispatch(flow.ServiceFinished(outcome))
            if isinstance(outcome, Accepted):
                self._after_commit(outcome, mobile)

        def failed(exc: Exception) -> None:
            self._submitting = False
            self._fault(exc)
        self._background(lambda: submission.submit(self.store, wizard.spec, person.person_id, answers,
                                                   self.clock, self.config, language), done, failed)

    def _after_commit(self, outcome: Accepted, code_to: str | None = None) -> None:
        """Prints from the journal, then sends the SMS; the business is already safe in the store.

        A document that does not print gets a reprint code (by SMS too when the resident asked on
        the review step). The SMS goes after the print status is shown: a slow gateway must not keep
        the resident waiting for the word about their paper.
        """
        if outcome.printed:
            self.result.set_print_status("正在打印，请稍候…")
        serial = outcome.serial
        language = self.presentation.language

        def work() -> tuple[list[print_run.PrintResult], str | None]:
            printed = print_run.print_jobs(self.store, serial, self.devices.receipt_printer,
                                           self.devices.report_printer, self.clock, self.config)
            code = None
            if any(not r.printed for r in printed):
                code = print_fallback.issue_code(self.store, serial, self.clock, self.config.kiosk.terminal_id)
                if code_to:
                    print_fallback.text_code(self.store, serial, code_to, code, self.clock,
                                             self.config.kiosk.terminal_id, language)
            return printed, code

        def sms_failed(exc: Exception) -> None:
            log.error("SMS for %s not sent (it stays queued): %s", serial, describe(exc))
            self.printFinished.emit()

        def send_sms() -> None:
            self._background(lambda: sms_dispatch.send_queued(self.store, self.devices.sms, self.clock, serial=serial),
                             lambda _sent: self.printFinished.emit(), sms_failed)

        def done(result: tuple[list[print_run.PrintResult], str | None]) -> None:
            printed, code = result
            if printed:
                self.result.set_print_status(_print_summary(printed, serial, code, texted=bool(code_to)), code)
            send_sms()

        def failed(exc: Exception) -> None:
            self.result.set_print_status(f"打印未完成。业务已办结，请记下业务流水号 {serial}，可到中心柜面补打。")
            send_sms()
        self._background_after_paint(work, done, failed)

    def _show_outcome(self, outcome: Any) -> None:
        if isinstance(outcome, Accepted):
            effective = f"生效时间：{_date_label(outcome.effective)}" if outcome.effective else ""
            if outcome.due:
                # pending: when the centre will have decided; completed: when the money arrives
                what = "预计办结日期" if outcome.status == "pending_review" else "预计到账日期"
                effective = f"{what}：{due_label(outcome.due, outcome.due_estimated)}"
            self.result.show_outcome(outcome.status, outcome.headline, outcome.serial, effective, outcome.lines,
                                     outcome.sms_count)
        elif isinstance(outcome, Refused):
            instead = catalogue.get(outcome.instead) if outcome.instead else None
            self.result.show_refusal(outcome.heading, outcome.reason, outcome.next_step,
                                     centre_contact(self.config), (instead.id, instead.tile_label) if instead else None)
        elif isinstance(outcome, Failed):
            self.result.show_outcome(outcome.status, outcome.reason)

    # -- idle and guarding -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY_EVENTS:
            self._last_input = self.clock.now()
            # Touch or a key anywhere shows the resident is there, also under the countdown (the
            # overlay goes at the next tick: hiding it now would swallow the tap on its own button).
            self.idle.activity(self._last_input)
        if (watched is self.clock_label and event.type() == QEvent.Type.MouseButtonRelease
                and self.clock_taps.tap(self.clock.now())):
            self.staff_entry()
        return False

    def staff_entry(self) -> None:
        """Five taps on the clock: the staff PIN, then the maintenance screen (home screen only, so no
        resident's session is ever open behind it)."""
        if not self.ready or self.state.screen != Screen.HOME or not self.staff_gate.enabled:
            return
        self.staff_pin = StaffPinDialog(self.staff_gate, self._background, self)
        self.staff_pin.accepted.connect(self._open_maintenance_dialog)
        self.staff_dialogs = [self.staff_pin]
        self.staff_pin.open()  # window-modal, without a nested event loop

    def _open_maintenance_dialog(self) -> None:
        from kiosk.ui.maintenance import MaintenancePanel

        self.maintenance = maintenance_dialog(self, lambda: MaintenancePanel(
            self.config, self.store, self.devices, self.clock, bridge=self.bridge))
        self.staff_dialogs = [self.maintenance]
        self.maintenance.open()

    def check_idle(self) -> None:
        """Called every second (and by tests after moving the clock)."""
        now = self.clock.now()
        self._show_clock(now)
        open_dialogs = [d for d in self.staff_dialogs if d.isVisible()]
        if open_dialogs and now - self._last_input >= STAFF_IDLE:
            # A maintenance screen left open would keep residents out all night.
            log.warning("staff screen closed after %s without input", STAFF_IDLE)
            for dialog in open_dialogs:
                dialog.close()
        if self.state.screen == Screen.HOME:
            self.idle.activity(now)
            return
        if self._timed_apart(now):
            return
        match self.idle.state(now, self.presentation.timeout_factor):
            case Expired():
                log.info("idle timeout on %s", self.state.screen.value)
                self.dispatch(flow.IdleTimeout())
            case Warning(remaining):
                self.overlay.set_remaining(remaining)
                self.overlay.offer_more_time(self.presentation.extensions < MAX_EXTENSIONS)
                self.overlay.show()
                self.overlay.raise_()
            case _:
                self.overlay.hide()

    def _keep_session(self) -> None:
        self.idle.activity(self.clock.now())
        self.overlay.hide()

    def _more_time(self) -> None:
        """我需要更多时间: every timeout of this session doubles once more, from now."""
        p = self.presentation
        if p.extensions < MAX_EXTENSIONS:
            self.set_presentation(replace(p, extensions=p.extensions + 1))
            log.info("more time asked for: timeouts now x%d", self.presentation.timeout_factor)
        self._keep_session()

    def _timed_apart(self, now: datetime) -> bool:
        """The result and the card-return screens keep their own time; True when one of them is up."""
        if self.state.screen == Screen.RESULT:
            # The result waits [session] result_idle_s for 完成, counting down on the screen itself.
            left = self.idle.seconds_left(now, self.config.session.result_idle_s * self.presentation.timeout_factor)
            self.overlay.hide()
            if left > 0:
                self.result.set_countdown(left)
            else:
                log.info("result screen timed out")
                self.dispatch(flow.IdleTimeout())
            return True
        if self.state.screen == Screen.CARD_RETURN:
            self._card_still_left(now)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.kiosk_mode and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            return  # a resident cannot leave the kiosk
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.kiosk_mode and not self._allow_close:
            log.warning("close request ignored in kiosk mode")
            event.ignore()
            return
        self.idle_timer.stop()
        self.poll_timer.stop()
        self.resume_timer.stop()
        self.camera_timer.stop()
        QApplication.instance().removeEventFilter(self)
        if hasattr(self, "keypad_nav"):
            # Its filter sees every event of the application: a closed window's must not stay behind
            # until Qt deletes the window (scenario runs and tests close many windows in one process).
            QApplication.instance().removeEventFilter(self.keypad_nav)
        self.bridge.shutdown()
        self.poll_bridge.shutdown()
        self.camera_bridge.shutdown()
        switch_look(STANDARD)  # the application's look back to standard for whatever window comes next
        event.accept()

    def _load_signing_key(self) -> None:
        """The A4 signing key, read (or created) on a worker now, not inside the first resident's
        submit (issue 15). A key that cannot be read is reported again by that submit."""
        from kiosk.services import signing  # after the first paint, like the other services

        self._background(lambda: signing.signer_for(self.config), lambda _: None,
                         lambda exc: log.error("document signing key not loaded at start-up: %s", exc))

    def resume_journal(self) -> None:
        if not self.ready:  # start_services runs it
            return
        d = self.devices
        self.bridge.run(lambda: journal_resume.resume_journal(self.store, d.receipt_printer, d.report_printer, d.sms,
                                                              self.clock, self.config),
                        lambda _resumed: None, lambda exc: log.error("journal resume failed: %s", describe(exc)))

    def open_maintenance(self) -> None:
        """The maintenance screen over the kiosk, on this kiosk's devices and database (demo panel)."""
        if self._wait_for_services(self.open_maintenance):
            return
        self._open_maintenance_dialog()

    def shut_down(self) -> None:
        """Staff or the service manager (SIGTERM) closing the kiosk."""
        self._allow_close = True
        self.close()


def _date_label(value: str) -> str:
    """'2026-04' → '2026 年 4 月'; '2026-04-10' → '2026 年 4 月 10 日'."""
    parts = [int(p) for p in value.split("-")]
    return " ".join(f"{n} {unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


def _print_summary(results: list[print_run.PrintResult], serial: str, code: str | None = None,
                   texted: bool = False) -> str:
    failed = [r for r in results if not r.printed]
    if not failed:
        return "、".join(f"《{r.title}》" for r in results) + "已打印，请在出纸口取走"
    reasons = "；".join(sorted({r.message for r in failed}))
    keep = f"补打码 {code}" if code else f"业务流水号 {serial}"
    sent = "（已同时发送到您的手机）" if code and texted else ""
    where = f"打印机恢复后可在本机首页“{print_fallback.TILE}”输入补打码补打，或到中心柜面补打" if code else "可到中心柜面补打"
    return f"业务已办结，但凭证未能打印（{reasons}）。请记下{keep}{sent}，{where}。"


def _import_services() -> None:
    """The business rules, SQLAlchemy, the store models and the other screens (most of the start-up's
    import time): bound to this module's names after the home screen's first paint, as if imported at
    the top (issue 15)."""
    global catalogue, journal_resume, login, print_fallback, print_run, resident_reprint  # noqa: PLW0603
    global sms_dispatch, submission, Accepted, Failed, Refused, centre_contact, StaffGate  # noqa: PLW0603
    global Wizard, due_label, StoreUnavailable, describe, CardReturnScreen, ReprintScreen  # noqa: PLW0603
    global WizardHost, StaffPinDialog, maintenance_dialog  # noqa: PLW0603
    from kiosk.services import (catalogue, journal_resume, login, print_fallback, print_run, resident_reprint,
                                sms_dispatch, submission)
    from kiosk.services.outcome import Accepted, Failed, Refused
    from kiosk.services.refusal import centre_contact
    from kiosk.services.staff import StaffGate
    from kiosk.services.wizard import Wizard
    from kiosk.services.working_days import due_label
    from kiosk.store.database import StoreUnavailable, describe
    from kiosk.ui.screens.card_return import CardReturnScreen
    from kiosk.ui.screens.reprint import ReprintScreen
    from kiosk.ui.screens.wizard_host import WizardHost
    from kiosk.ui.staff_entry import StaffPinDialog, maintenance_dialog
