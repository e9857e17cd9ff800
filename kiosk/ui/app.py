"""Starting the kiosk: QApplication, theme, store, devices, the window, full screen."""

from __future__ import annotations

import logging
import os
import signal

from PySide6.QtCore import QEvent, QLocale, QObject, QtMsgType, Qt, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock, SystemClock
from kiosk.config import KioskConfig
from kiosk.devices.bundle import Devices, build_devices
from kiosk.logging_setup import setup_logging
from kiosk.store.database import Store
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)


_QT_NOISE = ("propagateSizeHints",)  # the offscreen platform's note on every window; harmless


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    """Qt's own messages go to the kiosk log, so a device or font problem is on record."""
    if any(noise in message for noise in _QT_NOISE):
        return
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


def qt_app() -> QApplication:
    """The QApplication, created once, with the Chinese pinyin virtual keyboard on a real screen."""
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        # Qt Virtual Keyboard pops up for text fields; zh_CN makes pinyin its first layout.
        os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qInstallMessageHandler(_qt_message)
    app = QApplication([])
    apply_theme(app)
    return app


class ExitAfterFirstPaint(QObject):
    """With `KIOSK_EXIT_AFTER_FIRST_PAINT=1` in the environment (scripts/bench.py's cold start), the kiosk
    prints `painted` once the watched screen has been painted after start, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)  # after the whole paint pass, not at its first widget
        return False

    def _done(self) -> None:
        print("painted", flush=True)
        QApplication.quit()


def build_window(config: KioskConfig, store: Store, devices: Devices, clock: Clock, *,
                 windowed: bool, dev_panel: bool = True) -> KioskWindow:
    """The kiosk window at the screen profile's size, fixed: no content can grow or shrink it.
    In demo mode the dev panel is a window of its own (`window.dev_panel`), shown beside it by `run`."""
    window = KioskWindow(config, store, devices, clock, windowed=windowed)
    window.setFixedSize(*config.screen.size)
    window.dev_panel = None
    if config.kiosk.demo and dev_panel:
        from kiosk.ui.dev_panel import DevPanel  # demo only, with the personas: a real kiosk never loads them

        window.dev_panel = DevPanel(devices, window.open_maintenance, window)
    return window


def _start(config: KioskConfig) -> tuple[QApplication, Store]:
    """What the kiosk and the console maintenance screen both need first: the log, Qt, the schema."""
    setup_logging(config.paths.log_file)
    app = qt_app()
    store = Store(config.database.url)
    store.create_schema()
    return app, store


def run(config: KioskConfig, *, windowed: bool, devices: Devices | None = None) -> int:
    """The kiosk; `devices` already built by the caller are used as they are (built once)."""
    app, store = _start(config)
    clock = SystemClock()
    if config.kiosk.demo:  # personas built for today: re-seeded when the demo starts on a new day
        from kiosk.demo.seed import seed_demo, seeded_for

        seeded_before = seeded_for(store)
        added = seed_demo(store, clock.now().date(), config.subsidy)
        log.info("demo personas for %s: %s added (seeded before for %s)", clock.now().date(), added, seeded_before)
    window = build_window(config, store, devices or build_devices(config), clock, windowed=windowed)
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_PAINT") == "1":
        window.home.installEventFilter(ExitAfterFirstPaint(window))  # parented: lives as long
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
    if window.dev_panel is not None:  # a closed drawer: its tab in the demo strip's corner
        window.dev_panel.move(window.geometry().topLeft())
        window.dev_panel.show()
        window.dev_panel.raise_()
    # The service manager stops the kiosk with SIGTERM; Python only sees it while Qt yields.
    signal.signal(signal.SIGTERM, lambda *_: window.shut_down())
    signal.signal(signal.SIGINT, lambda *_: window.shut_down())
    wake = QTimer(interval=250, timeout=lambda: None)
    wake.start()
    log.info("kiosk started: terminal %s, demo=%s", config.kiosk.terminal_id, config.kiosk.demo)
    code = app.exec()
    store.close()
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
