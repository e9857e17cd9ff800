"""`kiosk soak --ui`: many sessions through the real window, with the event loop running.

One kiosk window (offscreen, simulated devices, a ManualClock, the demo personas) serves N sessions
one after another: the personas' services in a shuffled mix, some sessions ended by the card pulled
from the reader or by the idle timeout. Each session is started from the running event loop
(a `QEventLoop`), so what Qt deletes later is deleted between sessions as on a real kiosk.
Every `every` sessions it prints the process's RSS and the live objects; a leak shows as numbers
that keep growing after the warm-up.
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.demo.builder import REFERENCE_DAY
from kiosk.demo.personas import BY_KEY, PERSONAS
from kiosk.services import catalogue

START = datetime.fromisoformat(f"{REFERENCE_DAY.isoformat()}T09:00:00+08:00")
PULL_SHARE = 0.1  # sessions ended by the log-in card taken off the reader in the middle of a service
IDLE_SHARE = 0.1  # sessions left alone until the idle timeout ends them


class _Ended(Exception):
    """A session cut short on purpose (card pulled, idle timeout): the driver stops there."""


@dataclass(frozen=True)
class Sample:
    """The process after `sessions` sessions."""

    sessions: int
    rss_kb: int
    gc_objects: int
    widgets: int  # QWidgets under the window
    qobjects: int  # QObjects under the window
    app_widgets: int  # every QWidget of the application (a widget that lost its parent still counts)
    seconds: float

    def line(self) -> str:
        return (f"{self.sessions:>7} sessions  RSS {self.rss_kb / 1024:8.1f} MB  gc objects {self.gc_objects:>8}  "
                f"widgets {self.widgets:>5}  QObjects {self.qobjects:>5}  all widgets {self.app_widgets:>5}  "
                f"{self.seconds:7.1f} s")


@dataclass
class UiSoakReport:
    samples: list[Sample] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def growth_per_1000(self, warm_up: int) -> float:
        """RSS growth in MB per 1,000 sessions between the first sample at or after `warm_up` and the last."""
        after = [s for s in self.samples if s.sessions >= warm_up]
        if len(after) < 2 or after[-1].sessions == after[0].sessions:
            return 0.0
        first, last = after[0], after[-1]
        return (last.rss_kb - first.rss_kb) / 1024 * 1000 / (last.sessions - first.sessions)

    def summary(self, warm_up: int) -> str:
        """The outcomes and the RSS growth (the samples are printed as they come)."""
        lines = []
        lines.append("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())))
        lines.append(f"RSS growth after {warm_up} sessions: {self.growth_per_1000(warm_up):+.2f} MB per 1,000 sessions")
        return "\n".join(lines)


def rss_kb() -> int:
    """This process's resident set (VmRSS of /proc/self/status), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _plans(seed: int) -> list[tuple[str, str, str]]:
    """(persona, service, log-in) for every service a demo persona has an outcome for, shuffled."""
    plans = []
    for persona in PERSONAS:
        for service_id in persona.expected:
            spec = catalogue.get(service_id)
            if spec.built:
                plans.extend((persona.key, service_id, login) for login in spec.login_methods)
    random.Random(seed).shuffle(plans)
    return plans


@contextmanager
def ui_kiosk(now: datetime = START, profile: str | None = None) -> Iterator[tuple]:
    """A shown kiosk window on a fresh copy of the demo database: (window, devices, clock, driver)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.devices.bundle import build_devices
    from kiosk.store.database import Store
    from kiosk.ui.app import build_window, qt_app
    from kiosk.ui.scenario import Driver, _seeded_template, scenario_config

    app = qt_app()
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-soak-ui-"))
    try:
        config = scenario_config(tmp, None, profile)
        shutil.copyfile(_seeded_template(now.date()), tmp / "scenario.sqlite")
        store = Store(config.database.url)
        devices = build_devices(config)
        clock = ManualClock(now)
        window = build_window(config, store, devices, clock, windowed=True, dev_panel=False)
        window.poll_timer.stop()  # the driver polls when it has put a card in or taken it off
        window.idle_timer.stop()  # idle is checked on the session clock, by the soak
        window.show()
        try:
            yield window, devices, clock, Driver(window, devices, clock)
        finally:
            window.shut_down()
            window.deleteLater()
            app.processEvents()
            store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_ui_soak(sessions: int, *, seed: int = 1, every: int = 100,
                report: Callable[[Sample], None] | None = None) -> UiSoakReport:
    """Drives `sessions` sessions through the window inside `QApplication.exec()`; samples every `every`."""
    from PySide6.QtCore import QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.services.session_flow import Screen
    from kiosk.ui.scenario import Scenario
    from kiosk.ui.touch import wait_until

    result = UiSoakReport()
    plans = _plans(seed)
    rng = random.Random(seed)
    started = time.monotonic()
    with ui_kiosk() as (window, devices, clock, driver):
        loop = QEventLoop()  # a loop of our own: quitting it leaves the application as it was
        idle_after = window.config.session.idle_timeout_seconds

        def sample(done: int) -> None:
            gc.collect()
            point = Sample(done, rss_kb(), len(gc.get_objects()), len(window.findChildren(QWidget)),
                           len(window.findChildren(QObject)), len(QApplication.allWidgets()),
                           time.monotonic() - started)
            result.samples.append(point)
            if report:
                report(point)

        def end_on(ending: str) -> Callable[[str], None]:
            seen = []

            def on_screen(name: str) -> None:
                seen.append(name)
                if ending == "normal" or sum(n.startswith("wizard_") for n in seen) < 2:
                    return
                if ending == "pull":
                    devices.id_card.remove()
                    devices.citizen_card.remove()
                    window.poll_devices()
                    wait_until(lambda: window.state.screen != Screen.WIZARD, 5.0)
                else:
                    clock.advance(seconds=idle_after + 1)
                    window.check_idle()
                raise _Ended(ending)
            return on_screen

        def one(index: int) -> None:
            persona, service_id, login = plans[index % len(plans)]
            draw = rng.random()
            ending = "pull" if draw < PULL_SHARE else "idle" if draw < PULL_SHARE + IDLE_SHARE else "normal"
            driver.on_screen = end_on(ending)
            scenario = Scenario(now=clock.now(), persona=persona, login=login, service=service_id)
            try:
                status = driver.run(BY_KEY[persona], scenario)["status"]
            except _Ended as ended:
                status = f"ended by {ended}"
            if not driver.at(Screen.HOME) and not driver.at(Screen.CARD_RETURN):
                driver.tap("home", window.screens[window.state.screen])
            devices.id_card.remove()  # the resident takes the card back (请取回您的…)
            devices.citizen_card.remove()
            window.poll_devices()
            driver.settle()
            wait_until(lambda: driver.at(Screen.HOME), 5.0)
            wait_until(lambda: window.poll_bridge.busy == 0 and window.bridge.busy == 0)
            result.outcomes[status] = result.outcomes.get(status, 0) + 1
            driver.finger.taps.clear()  # the driver's record of taps, kept for a scenario's results: not the kiosk's
            clock.advance(seconds=30)

        failed: list[BaseException] = []

        def step(done: int) -> None:
            """One session, then back to the event loop (deferred deletes run) before the next."""
            try:
                if done and done % every == 0:
                    sample(done)
                if done == sessions:
                    loop.quit()
                    return
                one(done)
            except BaseException as exc:  # noqa: BLE001 (re-raised after the loop: never hang in exec)
                failed.append(exc)
                loop.quit()
                return
            QTimer.singleShot(0, lambda: step(done + 1))

        sample(0)
        QTimer.singleShot(0, lambda: step(0))
        loop.exec()
        if failed:
            raise failed[0]
        if sessions % every:
            sample(sessions)
    return result

