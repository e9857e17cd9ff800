"""`kiosk screenshots`: the whole kiosk as a resident or staff member sees it, per screen profile.

For each profile: every screen of every built service (a session that succeeds, one that is refused),
both log-ins and their failures, the idle countdown, each printer fault's result and the reprint code,
the 凭补打码补打 tile's screen (a wrong code, a reprint, the lock), the staff PIN, the maintenance screen and the demo dev panel. Each state is grabbed after the layout
has settled, with `layout.json` (every visible control's and label's rectangle and text, and its
problem) and an `index.html` contact sheet. The command fails when any control is unreachable or any
text is clipped (kiosk/ui/layout_check.py).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.config import SCREEN_PROFILES
from kiosk.devices.bundle import build_devices
from kiosk.devices.face.simulated import PHOTO, TWO_PEOPLE
from kiosk.services import catalogue
from kiosk.services.session_flow import GoHome, Screen
from kiosk.store.database import Store
from kiosk.demo.personas import BY_KEY, PERSONAS, Persona
from kiosk.ui import scenario as scenarios
from kiosk.ui.app import build_window, qt_app
from kiosk.ui.demo_cards import citizen_card_of, id_card_of
from kiosk.ui import language_check
from kiosk.ui.language_check import resident_data
from kiosk.ui.layout_check import Item, inspect, problems
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.touch import Finger, Unreachable, wait_until
from kiosk.ui.widgets.touch_scroll import settle_layout

SCREENSHOT_NOW = "2026-03-17T10:00:00+08:00"
FAULTS = {"receipt_paper_out": ["receipt_paper_out"], "report_paper_out": ["report_paper_out"],
          "both_printers_out": ["receipt_paper_out", "report_paper_out"], "sms_down": ["sms_down"]}
DEMO_STAFF_PIN = "246810"  # config/demo.toml's


@dataclass
class Shot:
    name: str
    file: str
    items: list[Item]


@dataclass
class Catalogue:
    """The states grabbed at one profile; `grab` takes the picture and the layout of a window."""

    out: Path
    profile: str
    shots: list[Shot] = field(default_factory=list)
    language: str = "zh"  # "en": every resident screen is also checked for Chinese left untranslated
    data: frozenset[str] = frozenset()  # the resident data allowed to stay Chinese (language_check)
    mode: str = "standard"  # 长辈版: "elder"
    theme: str = "standard"  # or "high_contrast"

    def grab(self, top: QWidget, name: str) -> None:
        if isinstance(top, KioskWindow) and top.state.screen == Screen.FACE:
            top.grab_frame()  # the live picture of whoever stands there now
            wait_until(lambda: top.camera_bridge.busy == 0)
        settle(top)
        safe = re.sub(r"[^A-Za-z0-9_]+", "_", name)
        path = self.out / f"{len(self.shots) + 1:03d}_{safe}.png"
        top.grab().save(str(path))
        items = inspect(top, QRect(0, 0, top.width(), top.height()))
        if self.language != "zh" and isinstance(top, KioskWindow):  # staff screens stay Chinese
            items = language_check.check(items, self.data | resident_data(top.store), self.language)
        self.shots.append(Shot(name, path.name, items))

    def problems(self) -> list[tuple[str, Item]]:
        return [(s.name, i) for s in self.shots for i in problems(s.items)]

    def write(self) -> None:
        layout = {"profile": self.profile, "screens": [
            {"name": s.name, "file": s.file, "items": [i.as_dict() for i in s.items]} for s in self.shots]}
        (self.out / "layout.json").write_text(json.dumps(layout, ensure_ascii=False, indent=1), encoding="utf-8")
        (self.out / "index.html").write_text(contact_sheet(self), encoding="utf-8")


def settle(top: QWidget) -> None:
    """Lets queued shows, layouts and style polish run until nothing changes size any more."""
    QApplication.processEvents()
    settle_layout(top)
    QApplication.processEvents()


def contact_sheet(cat: Catalogue) -> str:
    cells = []
    for s in cat.shots:
        bad = problems(s.items)
        notes = "".join(f"<li>{html.escape(i.problem or '')}</li>" for i in bad)
        cells.append(f'<figure class="{"bad" if bad else "ok"}"><a href="{s.file}"><img src="{s.file}" '
                     f'loading="lazy"></a><figcaption>{html.escape(s.name)}<ul>{notes}</ul></figcaption></figure>')
    count = len(cat.problems())
    return f"""<!doctype html><meta charset="utf-8"><title>自助终端截图 {cat.profile}</title>
<style>body{{font-family:sans-serif;background:#eee}} figure{{display:inline-block;width:320px;margin:8px;
vertical-align:top}} img{{width:100%;border:1px solid #888}} .bad img{{border:4px solid #b3261e}}
figcaption{{font-size:13px}} li{{color:#b3261e}}</style>
<h1>自助终端截图 · {cat.profile} · {len(cat.shots)} 个画面 · {count} 个问题</h1>
{''.join(cells)}
"""


def render_all(out: Path, profiles: list[str] | None = None, services: list[str] | None = None,
               faults: bool = True, language: str = "zh", mode: str = "standard",
               theme: str = "standard") -> list[Catalogue]:
    """One folder per profile (`out/<profile>/`) with its PNGs, layout.json and index.html.
    `services` limits the service flows (default: every built one); `faults=False` leaves out the
    printer-fault results (the tests walk them at one profile only); `mode="elder"` and
    `theme="high_contrast"` take every picture in 长辈版 / high contrast (switched on by a tap)."""
    qt_app()
    done = []
    for profile in profiles or list(SCREEN_PROFILES):
        folder = out / profile
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        cat = Catalogue(folder, profile, language=language, mode=mode, theme=theme)
        _service_flows(cat, services)
        if faults:
            _fault_results(cat)
        _logins_and_staff(cat)
        cat.write()
        done.append(cat)
    return done


# -- the services, through the scenario runner ------------------------------------------------------
def _persona_for(service_id: str, outcome: str) -> str | None:
    return next((p.key for p in PERSONAS if p.expected.get(service_id) and
                 p.expected[service_id].outcome == outcome), None)


def _run(cat: Catalogue, scenario: scenarios.Scenario, prefix: str, keep: Callable[[str], bool]) -> None:
    """Runs the scenario at the catalogue's profile; a run the finger could not finish is a problem."""
    def hook(window: KioskWindow, name: str) -> None:
        if keep(name):
            cat.grab(window, f"{prefix}{name}")

    for result in scenarios.run_scenario(scenario, on_screen=hook, profile=cat.profile):
        if result["status"] in ("unreachable", "error"):
            cat.shots.append(Shot(f"{prefix}{result['status']}", cat.shots[-1].file if cat.shots else "", [
                Item("control", "scenario", result["reason"], (0, 0, 0, 0), result["reason"])]))


def _service_flows(cat: Catalogue, services: list[str] | None) -> None:
    for spec in catalogue.built():
        if services and spec.id not in services:
            continue
        for outcome, login in (("completed", "id_card_face"), ("refused", "citizen_card_password")):
            persona = _persona_for(spec.id, outcome) or (
                _persona_for(spec.id, "pending_review") if outcome == "completed" else None)
            if persona is None:
                continue
            _run(cat, scenarios.Scenario(now=SCREENSHOT_NOW, persona=persona, login=login, service=spec.id,
                                         language=cat.language, mode=cat.mode, theme=cat.theme),
                 f"{spec.id}/{outcome}/", lambda name, o=outcome: o == "completed" or name == "result")


def _fault_results(cat: Catalogue) -> None:
    """The result screen after each printer fault: the warning, the reprint code, SMS down."""
    spec = next(s for s in catalogue.built() if _persona_for(s.id, "completed") and not s.query)
    for name, faults in FAULTS.items():
        scenario = scenarios.Scenario(now=SCREENSHOT_NOW, persona=_persona_for(spec.id, "completed"),
                                      login="id_card_face", service=spec.id, faults=faults,
                                      language=cat.language, mode=cat.mode, theme=cat.theme)
        _run(cat, scenario, f"fault_{name}/", lambda screen: screen in ("result", f"wizard_{spec.steps[-1].key}"))


# -- log-ins, idle, staff, dev panel: a window driven by the finger ---------------------------------
@contextmanager
def _kiosk(profile: str, dev_panel: bool = False,
           language: str = "zh") -> Iterator[tuple[KioskWindow, object, ManualClock]]:
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmpname:
        tmp = Path(tmpname)
        config = scenarios.scenario_config(tmp, None, profile)
        clock = ManualClock(datetime.fromisoformat(SCREENSHOT_NOW))
        shutil.copyfile(scenarios._seeded_template(clock.now().date()), tmp / "scenario.sqlite")
        store = Store(config.database.url)
        devices = build_devices(config)
        window = build_window(config, store, devices, clock, windowed=True, dev_panel=dev_panel)
        window.poll_timer.stop()
        window.idle_timer.stop()
        window.show()
        if language != "zh":  # every session of the parts below starts in `language` (a logout resets it)
            window.screenChanged.connect(lambda screen: _keep_language(window, language) if screen == "home" else None)
        try:
            yield window, devices, clock
        finally:
            window.shut_down()
            window.deleteLater()
            QApplication.processEvents()
            store.close()


def _keep_language(window: KioskWindow, language: str) -> None:
    if window.presentation.language != language:
        window.set_presentation(replace(window.presentation, language=language))


def _speak(finger: Finger, window: KioskWindow, language: str) -> None:
    """Home's 中文 / English switch when the window is not in `language` (a logout resets it)."""
    if window.presentation.language != language:
        finger.tap_named(window.home, "language")


def _poll(window: KioskWindow) -> None:
    window.poll_devices()
    wait_until(lambda: window.poll_bridge.busy == 0)
    wait_until(lambda: window.bridge.busy == 0)


def _settled(window: KioskWindow) -> None:
    wait_until(lambda: window.bridge.busy == 0)
    QApplication.processEvents()


def _present(cat: Catalogue, finger: Finger, window: KioskWindow) -> None:
    """长辈版 / high contrast by the home screen's buttons (going home ends them, as at a logout)."""
    if (cat.mode == "elder") != window.presentation.elder:
        finger.tap_named(window.home, "mode_switch")
    if (cat.theme == "high_contrast") != (window.presentation.theme == "high_contrast"):
        finger.tap_named(window.home, "theme_switch")


def _start(cat: Catalogue, finger: Finger, window: KioskWindow, service_id: str, method: str) -> None:
    _present(cat, finger, window)
    spec = catalogue.get(service_id)
    scenarios.tap_service_tile(finger, window.home, service_id, spec.category)
    finger.tap_named(window.login_choice, f"login_{method}")


def _logins_and_staff(cat: Catalogue) -> None:
    persona: Persona = next(p for p in PERSONAS if p.password)
    service = next(s.id for s in catalogue.built() if {"id_card_face", "citizen_card_password"} <= set(s.login_methods))
    with _kiosk(cat.profile, language=cat.language) as (window, devices, clock):
        finger = Finger(window, QRect(0, 0, window.width(), window.height()))
        window.check_idle()  # the clock's text
        _poll(window)
        _speak(finger, window, cat.language)
        _present(cat, finger, window)
        cat.grab(window, "home")
        for part in (_id_and_face, _face_refusals, _password, _idle_and_banner, _reprint, _cards_back, _staff):
            try:
                part(cat, finger, window, devices, clock, persona, service)
            except Unreachable as exc:  # recorded as the problem it is; the next part starts from home
                top = QApplication.activeModalWidget() or window
                cat.grab(top, f"{part.__name__.strip('_')}_stopped")
                cat.shots[-1].items.append(Item("control", exc.label, exc.label, (0, 0, 0, 0), str(exc)))
            for dialog in window.staff_dialogs:
                dialog.close()
            window.dispatch(GoHome())
            devices.id_card.remove()
            devices.citizen_card.remove()
            _poll(window)
    with _kiosk(cat.profile, dev_panel=True) as (window, devices, clock):
        window.dev_panel.show()
        cat.grab(window.dev_panel, "demo_dev_panel_closed")
        window.dev_panel.expand()
        cat.grab(window.dev_panel, "demo_dev_panel")


def _id_and_face(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock, persona: Persona,  # noqa: ANN001
                 service: str) -> None:
    """A typed ID number with a wrong check digit, then three failed face checks."""
    _start(cat, finger, window, service, "id_card_face")
    cat.grab(window, "login/id_input")
    number = persona.id_number[:17] + ("0" if persona.id_number[17] != "0" else "1")
    finger.type_keys(window.id_input.keypad, number)
    finger.tap(window.id_input.confirm)
    _settled(window)
    cat.grab(window, "login/id_wrong_check_digit")
    devices.id_card.insert(id_card_of(persona))
    _poll(window)
    cat.grab(window, "login/face_nobody")
    devices.face.present(persona.key)
    cat.grab(window, "login/face_ready")
    for attempt in (1, 2, 3):
        if window.state.screen != Screen.FACE:
            break
        devices.face.present("someone_else")
        finger.tap(window.face.start)
        _settled(window)
        cat.grab(window, f"login/face_try_{attempt}")


def _face_refusals(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock, persona: Persona,  # noqa: ANN001
                   service: str) -> None:
    """A photo held up to the camera, and two people in front of it."""
    for subject, name in ((PHOTO, "photo_held_up"), (TWO_PEOPLE, "two_people")):
        window.dispatch(GoHome())
        devices.id_card.remove()
        _poll(window)
        _start(cat, finger, window, service, "id_card_face")
        devices.id_card.insert(id_card_of(persona))
        _poll(window)
        devices.face.present(subject)
        cat.grab(window, f"login/face_{name}_hint")
        finger.tap(window.face.start)
        _settled(window)
        cat.grab(window, f"login/face_{name}")


def _password(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock, persona: Persona,  # noqa: ANN001
              service: str) -> None:
    """Citizen card + password: a wrong password, then wrong until the lockout."""
    _start(cat, finger, window, service, "citizen_card_password")
    cat.grab(window, "login/card_insert")
    devices.citizen_card.insert(citizen_card_of(persona))
    _poll(window)
    cat.grab(window, "login/password")
    wrong = "000000" if persona.password != "000000" else "111111"
    for attempt in range(window.config.session.password_attempts):
        if window.state.screen != Screen.PASSWORD:
            break
        finger.type_keys(window.password.keypad, wrong, "（密码键）")
        finger.tap(window.password.confirm)
        _settled(window)
        if attempt == 0:
            cat.grab(window, "login/password_wrong")
    cat.grab(window, "login/password_locked")


def _idle_and_banner(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock: ManualClock,  # noqa: ANN001
                     persona: Persona, service: str) -> None:
    """The idle countdown over a session's screen; a reader unplugged: the home screen's banner."""
    _start(cat, finger, window, service, "id_card_face")
    session = window.config.session
    factor = window.presentation.timeout_factor  # 长辈版 doubles the timeout and the warning
    clock.advance(seconds=(session.idle_timeout_seconds - session.idle_warning_seconds) * factor + 1)
    window.check_idle()
    cat.grab(window, "idle_countdown")
    finger.tap_named(window.overlay, "continue")
    window.dispatch(GoHome())
    devices.id_card.unplug()
    _poll(window)
    _present(cat, finger, window)
    cat.grab(window, "home_id_reader_unplugged")


def _reprint(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock: ManualClock,  # noqa: ANN001
             persona: Persona, service: str) -> None:
    """凭补打码补打: a business left unprinted, then the tile's entry screen, a wrong code, the
    reprint, and five wrong codes: the lock."""
    spec = next(s for s in catalogue.built() if _persona_for(s.id, "completed") and not s.query)
    devices.receipt_printer.paper_out = devices.report_printer.paper_out = True
    scenario = scenarios.Scenario(now=SCREENSHOT_NOW, persona=_persona_for(spec.id, "completed"),
                                  login="id_card_face", service=spec.id)
    done = scenarios.Driver(window, devices, clock).run(BY_KEY[scenario.persona], scenario)
    devices.receipt_printer.paper_out = devices.report_printer.paper_out = False
    devices.id_card.remove()
    _poll(window)
    finger.tap_named(window.home, "reprint_tile")
    _settled(window)
    cat.grab(window, "reprint/entry")
    code = done["reprint_code"] or ""
    wrong = "000000" if code != "000000" else "000001"
    for digits, name in ((wrong, "wrong_code"), (code, "printed")):
        finger.type_keys(window.reprint.keypad, digits)
        finger.tap(window.reprint.confirm)
        _settled(window)
        cat.grab(window, f"reprint/{name}")
    for _ in range(5):
        finger.type_keys(window.reprint.keypad, wrong)
        finger.tap(window.reprint.confirm)
        _settled(window)
    cat.grab(window, "reprint/locked")


def _cards_back(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock: ManualClock,  # noqa: ANN001
                persona: Persona, service: str) -> None:
    """请取回您的身份证 / 请取回您的市民卡 after 返回首页 with the card still in its reader."""
    for method, card, insert in (("id_card_face", "id_card", lambda: devices.id_card.insert(id_card_of(persona))),
                                 ("citizen_card_password", "citizen_card",
                                  lambda: devices.citizen_card.insert(citizen_card_of(persona)))):
        _start(cat, finger, window, service, method)
        insert()
        _poll(window)
        finger.tap_named(window.screens[window.state.screen], "home")
        cat.grab(window, f"card_return_{card}")
        devices.id_card.remove()
        devices.citizen_card.remove()
        _poll(window)


def _staff(cat: Catalogue, finger: Finger, window: KioskWindow, devices, clock, persona: Persona,  # noqa: ANN001
           service: str) -> None:
    """Five taps on the clock, the staff PIN (wrong, then right), the maintenance screen."""
    for _ in range(5):
        finger.tap(window.clock_label)
    pin = window.staff_pin
    wait_until(pin.isVisible)
    cat.grab(pin, "staff_pin")
    finger.type_keys(pin.keypad, "000000", "（维护密码键）")
    finger.tap(pin.confirm)
    wait_until(lambda: window.bridge.busy == 0 and pin.confirm.isEnabled())
    cat.grab(pin, "staff_pin_wrong")
    finger.type_keys(pin.keypad, DEMO_STAFF_PIN, "（维护密码键）")
    finger.tap(pin.confirm)
    wait_until(lambda: getattr(window, "maintenance", None) is not None and window.maintenance.isVisible())
    _settled(window)
    cat.grab(window.maintenance, "maintenance")
