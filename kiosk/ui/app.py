"""Starting the kiosk: QApplication, theme, store, devices, the window, full screen."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QtMsgType, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import Clock, SystemClock
from kiosk.config import KioskConfig
from kiosk.devices.bundle import Devices, build_devices
from kiosk.logging_setup import setup_logging
from kiosk.ui.garbage import pin_to_gui_thread
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import apply_theme

if TYPE_CHECKING:  # SQLAlchemy loads after the home screen's first paint (issue 15: cold start)
    from kiosk.store.database import Store

log = logging.getLogger(__name__)


KEYBOARD_STYLES = Path(__file__).with_name("keyboard")  # QtQuick/VirtualKeyboard/Styles/kiosk/style.qml
_QT_NOISE = ("propagateSizeHints",)  # the offscreen platform's note on every window; harmless


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    """Qt's own messages go to the kiosk log, so a device or font problem is on record."""
    if any(noise in message for noise in _QT_NOISE):
        return
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


def _keyboard_loaded() -> bool:
    """Whether Qt Virtual Keyboard's QML window exists (made on the first text field's focus)."""
    return any(w.inherits("QQuickWindow") for w in QGuiApplication.topLevelWindows())


class QtMessageRoute(QObject):
    """Keeps Qt's messages out of the kiosk log (`_qt_message`) from the first text field's showing
    until the virtual keyboard's QML has loaded. Qt loads it on its own thread while the GUI thread
    waits, and plugins log from there (Qt Multimedia: "Couldn't load pipewire"); PySide's handler
    takes the GIL first, held by whatever Python code gave the field the focus (setFocus, QTest, a
    click): the kiosk hung. Meanwhile Qt's own handler prints them on stderr (the service's journal).
    A widget takes the focus only once shown, so watching Show events covers every path."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        if not _keyboard_loaded():
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)):
            self.app.removeEventFilter(self)
            qInstallMessageHandler(None)  # Qt's own, which needs no GIL
            self.app.focusObjectChanged.connect(self._loaded)
        return False

    def _loaded(self, *_: object) -> None:
        if _keyboard_loaded():
            self.app.focusObjectChanged.disconnect(self._loaded)
            qInstallMessageHandler(_qt_message)


def use_keyboard_style() -> None:
    """The keyboard in the kiosk's style (kiosk/ui/keyboard): opaque labels at 7:1 or more, outlined
    keys; Qt's default style fades the space key's label to 3.08:1. QT_VIRTUALKEYBOARD_STYLE set
    beforehand wins (`default` shows Qt's own)."""
    os.environ.setdefault("QT_VIRTUALKEYBOARD_STYLE", "kiosk")
    paths = [p for p in os.environ.get("QML_IMPORT_PATH", "").split(os.pathsep) if p]
    if str(KEYBOARD_STYLES) not in paths:
        os.environ["QML_IMPORT_PATH"] = os.pathsep.join([str(KEYBOARD_STYLES), *paths])


def qt_app() -> QApplication:
    """The QApplication, created once, with the Chinese pinyin virtual keyboard on a real screen."""
    app = QApplication.instance()
    if app is not None:
        pin_to_gui_thread(app)  # e.g. pytest-qt's
        return app  # type: ignore[return-value]
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        # Qt Virtual Keyboard pops up for text fields; zh_CN makes pinyin its first layout.
        os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        use_keyboard_style()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qInstallMessageHandler(_qt_message)
    app = QApplication([])
    if os.environ.get("QT_IM_MODULE") == "qtvirtualkeyboard":
        QtMessageRoute(app)
    apply_theme(app)
    pin_to_gui_thread(app)
    return app


class AfterFirstPaint(QObject):
    """Calls `then` once the watched screen has been painted (after the whole paint pass, not at its
    first widget). Of two on one screen, the one installed last is called first."""

    def __init__(self, watched: QObject, then: Callable[[], None]) -> None:
        super().__init__(watched)  # parented: lives as long
        self._then: Callable[[], None] | None = then
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.fire)
        return False

    def fire(self) -> None:
        """Calls `then` now unless it has been called already."""
        then, self._then = self._then, None
        if then is not None:
            then()


def exit_after_first_paint(window: KioskWindow) -> None:
    """With `KIOSK_EXIT_AFTER_FIRST_PAINT=1` in the environment (scripts/bench.py's cold start), the kiosk
    prints `painted` once the home screen has been painted after start, then quits once its services are in."""

    def painted() -> None:
        print("painted", flush=True)
        if window.ready:
            QApplication.quit()
        else:
            window.servicesReady.connect(QApplication.quit)
    AfterFirstPaint(window.home, painted)


def build_window(config: KioskConfig, store: Store | None, devices: Devices, clock: Clock, *,
                 windowed: bool, dev_panel: bool = True) -> KioskWindow:
    """The kiosk window at the screen profile's size, fixed: no content can grow or shrink it.
    In demo mode the dev panel is a window of its own (`window.dev_panel`), shown beside it by `run`."""
    window = KioskWindow(config, store, devices, clock, windowed=windowed)
    window.setFixedSize(*config.screen.size)
    window.dev_panel = None
    if config.kiosk.demo and dev_panel:
        _add_dev_panel(window, devices)
    return window


def _add_dev_panel(window: KioskWindow, devices: Devices) -> None:
    from kiosk.ui.dev_panel import DevPanel  # demo only, with the personas: a real kiosk never loads them

    window.dev_panel = DevPanel(devices, window.open_maintenance, window)


def _show_dev_panel(window: KioskWindow) -> None:
    """A closed drawer: its tab in the demo strip's corner."""
    window.dev_panel.move(window.geometry().topLeft())
    window.dev_panel.show()
    window.dev_panel.raise_()


def _start(config: KioskConfig) -> tuple[QApplication, Store]:
    """What the kiosk and the console maintenance screen both need first: the log, Qt, the schema."""
    setup_logging(config.paths.log_file)
    app = qt_app()
    return app, _open_store(config)


def _open_store(config: KioskConfig, opened: Store | None = None) -> Store:
    """The schema ready in the configured database (`opened`: the caller's, else opened here)."""
    from kiosk.store.database import Store

    store = opened or Store(config.database.url)
    store.create_schema()
    return store


def _seed_demo(config: KioskConfig, store: Store, clock: Clock) -> None:
    """Demo personas built for today: re-seeded when the demo starts on a new day."""
    from kiosk.demo.seed import seed_demo, seeded_for

    seeded_before = seeded_for(store)
    added = seed_demo(store, clock.now().date(), config.subsidy)
    log.info("demo personas for %s: %s added (seeded before for %s)", clock.now().date(), added, seeded_before)


def run(config: KioskConfig, *, windowed: bool, devices: Devices | None = None,
        open_store: Callable[[], Store] | None = None) -> int:
    """The kiosk; `devices` already built by the caller are used as they are (built once). The home
    screen paints first; the store (`open_store`, else the configured one) and the services load after
    it (issue 15: cold start). An error opening the store ends the kiosk and is raised here."""
    setup_logging(config.paths.log_file)
    app = qt_app()
    clock = SystemClock()
    devices = devices or build_devices(config)
    # The dev panel's personas load the services: it comes after the first paint too.
    window = build_window(config, None, devices, clock, windowed=windowed, dev_panel=False)
    stores: list[Store] = []
    failed: list[Exception] = []

    def starts(step: Callable[[], None]) -> bool:
        """False when `step` failed: the kiosk ends (exit 2) and `run` raises the error."""
        try:
            step()
        except Exception as exc:  # noqa: BLE001 (raised again by run, after the event loop)
            failed.append(exc)
            app.exit(2)
            return False
        return True

    def prepare_services() -> None:  # the event loop runs in between: a tap meanwhile shows 请稍候
        if starts(window.prepare_services):
            QTimer.singleShot(0, start_services)

    def start_services() -> None:
        def open_and_seed() -> None:
            stores.append(_open_store(config, open_store() if open_store else None))
            if config.kiosk.demo:
                _seed_demo(config, stores[0], clock)
        if not starts(open_and_seed):
            return
        window.start_services(stores[0])
        if config.kiosk.demo:
            _add_dev_panel(window, devices)
            _show_dev_panel(window)
    first_paint = AfterFirstPaint(window.home, prepare_services)
    QTimer.singleShot(5000, first_paint.fire)  # a screen that never shows the window (off at boot) still starts
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_PAINT") == "1":
        exit_after_first_paint(window)  # installed last, so `painted` is printed before the store opens
    if windowed or not config.kiosk.fullscreen:
        window.show()
    else:
        screen = app.primaryScreen().geometry()
        if (screen.width(), screen.height()) != config.screen.size:
            log.warning("screen is %dx%d but [screen] profile is %s: the kiosk takes the screen's size",
                        screen.width(), screen.height(), config.screen.profile)
        window.setFixedSize(screen.size())
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    # The service manager stops the kiosk with SIGTERM; Python only sees it while Qt yields.
    signal.signal(signal.SIGTERM, lambda *_: window.shut_down())
    signal.signal(signal.SIGINT, lambda *_: window.shut_down())
    wake = QTimer(interval=250, timeout=lambda: None)
    wake.start()
    log.info("kiosk started: terminal %s, demo=%s", config.kiosk.terminal_id, config.kiosk.demo)
    code = app.exec()
    for store in stores:
        store.close()
    if failed:
        raise failed[0]
    return code


def run_maintenance(config: KioskConfig, devices: Devices) -> int:
    """The maintenance screen on its own, for staff at the terminal (`kiosk maintenance`)."""
    from kiosk.ui.maintenance import MaintenancePanel

    app, store = _start(config)
    panel = MaintenancePanel(config, store, devices, SystemClock())
    panel.setFixedSize(*config.screen.size)
    panel.show()
    code = app.exec()
    store.close()
    return code
