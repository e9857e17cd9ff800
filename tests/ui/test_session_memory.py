"""Nothing of a finished session stays in memory: not the wizard, the answers' context, the log-in
or the facts loaded for the service; and an idle terminal polling its card readers does not grow."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from kiosk.services.session_flow import Screen


def _collect() -> None:
    # What a running event loop does between taps: deferred deletes of replaced widgets.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()




def test_logout_frees_the_wizard_context_login_and_facts(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    wizard = kiosk.window.wizard.wizard
    refs = {"wizard": weakref.ref(wizard), "context": weakref.ref(wizard.ctx),
            "profile": weakref.ref(wizard.ctx.profile), "login": weakref.ref(kiosk.window.state.person)}
    facts_id = id(wizard.ctx.profile.facts)
    del wizard
    kiosk.next()
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)
    kiosk.settle()
    _collect()
    alive = sorted(name for name, ref in refs.items() if ref() is not None)
    assert alive == [], f"still in memory after logout: {alive}"
    assert all(id(o) != facts_id for o in gc.get_objects() if isinstance(o, dict))


def test_a_failed_background_call_frees_what_it_held(kiosk, personas) -> None:  # noqa: ANN001
    class Payload:
        pass

    refs = []

    def fail(payload: Payload) -> None:
        raise RuntimeError("device gone")

    for _ in range(50):
        payload = Payload()
        refs.append(weakref.ref(payload))
        kiosk.window.bridge.run(lambda p=payload: fail(p), lambda _r: None, lambda _e, p=payload: None)
        del payload
    kiosk.settle()
    _collect()
    assert sum(r() is not None for r in refs) == 0


def _rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


def test_a_day_of_idle_card_polling_does_not_grow_memory(kiosk) -> None:  # noqa: ANN001
    """24 h at the poll timer's 300 ms is 288,000 polls; 1/10 of them measured after a warm-up,
    scaled to the day, must stay under 1 MB. (RSS pages are 4 KiB: growth comes in steps.)"""
    app, bridge = QApplication.instance(), kiosk.window.poll_bridge

    def polls(n: int) -> None:
        for _ in range(n):
            kiosk.window.poll_devices()
            while bridge.busy:  # the reply comes back through the event loop
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    polls(2000)
    _collect()
    before = _rss_kib()
    polls(28800)
    _collect()
    grown_per_day_kib = (_rss_kib() - before) * 10
    assert grown_per_day_kib < 1024, f"{grown_per_day_kib} KiB a day"
