"""A real kiosk window on simulated devices, a fixed clock and a fresh copy of the demo database.

Every choice, key and button is tapped through the finger (kiosk.ui.touch): a control a resident
could not reach fails the test with `unreachable: <label> (<why>)`.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import select

from kiosk.clock import CST, ManualClock
from kiosk.devices.bundle import build_devices
from kiosk.printing.document import Document
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.personas import BY_KEY, Persona
from kiosk.ui.app import build_window
from kiosk.ui.demo_cards import citizen_card_of, id_card_of
from kiosk.ui.garbage import pin_to_gui_thread
from kiosk.ui.scenario import scenario_config, tap_service_tile
from kiosk.ui.theme import apply_theme
from kiosk.ui.touch import Finger

START = datetime(2026, 3, 17, 10, 0, tzinfo=CST)


class Kiosk:
    """Drives the window as a resident would; waits on the event loop, never sleeps."""

    def __init__(self, qtbot, window, devices, clock, store, config) -> None:  # noqa: ANN001
        self.qtbot, self.window, self.devices = qtbot, window, devices
        self.clock, self.store, self.config = clock, store, config
        self.finger = Finger(window, QRect(0, 0, *config.screen.size))

    @property
    def screen(self) -> Screen:
        return self.window.state.screen

    def button(self, name: str) -> QPushButton:
        # A finger looks at what is drawn: let Qt show what a layout added a moment ago (a keypad
        # added to a shown step is shown by a queued call, not at once).
        QApplication.processEvents()
        screen = self.window.screens[self.screen]
        found = [b for b in screen.findChildren(QPushButton, name) if b.isVisibleTo(screen)]
        assert found, f"no visible button {name!r} on {self.screen}"
        return found[0]

    def tap(self, name: str) -> None:
        """Taps the current screen's button `name` with the finger."""
        self.finger.tap(self.button(name))

    def tap_widget(self, widget: QWidget) -> None:
        self.finger.tap(widget)

    def wait_screen(self, screen: Screen) -> None:
        if screen == Screen.HOME and self.screen == Screen.CARD_RETURN:
            self.take_cards()  # asked to take the card back, the resident does (tests/ui/test_cards_back.py)
        self.qtbot.waitUntil(lambda: self.screen == screen, timeout=30000)

    def take_cards(self) -> None:
        """The resident takes both cards out of the readers; the next poll sees them gone."""
        self.devices.id_card.remove()
        self.devices.citizen_card.remove()
        self.poll()

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: self.window.bridge.busy == 0 and self.window.poll_bridge.busy == 0,
                             timeout=30000)

    def message(self) -> str:
        return self.window.screens[self.screen].message.text()

    def choose(self, service_id: str, category: str) -> None:
        """Taps the category on the home screen, then the service."""
        tap_service_tile(self.finger, self.window.home, service_id, category)
        self.wait_screen(Screen.LOGIN_CHOICE)

    def pick(self, key: str, value: object) -> None:
        """Taps the option(s) of the wizard's choice field `key` (a list for a multichoice)."""
        field = self.window.wizard.fields[key]
        wanted = set(value) if isinstance(value, list) else {value}
        for option in field.input.values():
            button = field.input.findChild(QPushButton, f"choice_{option}")
            if (option in wanted) != button.isChecked():
                self.finger.tap(button)
        assert field.value() == value, f"{key}: tapped {value!r}, the field holds {field.value()!r}"

    def pick_date(self, key: str, day: date) -> None:
        """Taps the ＋/－ buttons of the wizard's date field `key` until it shows `day`."""
        self.finger.pick_date(self.window.wizard.fields[key].input, day)

    def enter_digits(self, key: str, digits: str) -> None:
        """Taps the wizard's number field `key`, clears it, and types `digits` on the keypad."""
        host = self.window.wizard
        self.finger.tap(host.fields[key].input)
        keypad = host.findChild(QWidget, "shared_keypad") or host.fields[key].keypad
        self.finger.tap_named(keypad, "key_clear")
        self.finger.type_keys(keypad, digits)

    def agree(self) -> None:
        """Taps the declaration's 我已阅读并同意 box (once, to tick it)."""
        box = self.window.wizard.agree
        if not box.isChecked():
            self.finger.tap(box)
        assert box.isChecked(), f"a tap on the centre of {box.text()!r} did not tick it"

    def poll(self) -> None:
        self.window.poll_devices()
        self.settle()

    def login_card(self, persona: Persona, password: str | None = None) -> None:
        self.tap("login_citizen_card_password")
        self.wait_screen(Screen.CARD_INSERT)
        self.devices.citizen_card.insert(citizen_card_of(persona))
        self.poll()
        self.wait_screen(Screen.PASSWORD)
        self.settle()
        self.enter_password(password or persona.password)

    def enter_password(self, password: str) -> None:
        for digit in password:
            self.tap(f"key_{digit}")
        self.tap("confirm")
        self.settle()

    def login_id_card(self, persona: Persona) -> None:
        self.tap("login_id_card_face")
        self.wait_screen(Screen.ID_INPUT)
        self.devices.id_card.insert(id_card_of(persona))
        self.poll()
        self.wait_screen(Screen.FACE)
        self.devices.face.present(persona.key)
        self.tap("face_start")
        self.settle()

    def wizard_ready(self) -> None:
        self.wait_screen(Screen.WIZARD)
        self.qtbot.waitUntil(lambda: self.window.wizard.wizard is not None, timeout=30000)

    def flex_grade_change_to_review(self, persona: Persona, grade: str) -> None:
        """Citizen-card log-in and a grade change up to the review step."""
        self.choose("flex_contribution_change", "social_insurance")
        self.login_card(persona)
        self.wizard_ready()
        self.next()
        self.next()
        self.pick("change_type", "grade")
        self.next()
        self.pick("grade", grade)
        self.next()
        assert self.step_key() == "review"

    def withdrawal_to_mobile_step(self, persona: Persona) -> None:
        """ID-card log-in and 居民医保一次性提取 (transfer-out, to the bound card) up to the mobile step."""
        self.choose("resident_medical_withdrawal", "medical")
        self.login_id_card(persona)
        self.wizard_ready()
        self.next()
        self.next()
        self.pick("withdrawal_type", "transfer_out")
        self.next()
        self.pick("payout_method", "bound_card")
        self.next()
        assert self.step_key() == "mobile_step"

    def step_key(self) -> str:
        return self.window.wizard.wizard.step.key

    def next(self) -> None:
        self.tap("next")

    def type_digits(self, digits: str) -> None:
        """Taps the on-screen keypad."""
        for d in digits:
            self.tap(f"key_{d}")

    def type_chinese(self, widget: QWidget, text: str) -> None:
        """Taps the entry, then sends what the pinyin keyboard sends when the resident picks the
        characters (keyClicks is ASCII only)."""
        self.finger.type_text(widget, text)

    def clear_text(self, widget: QWidget) -> None:
        """Taps the entry and deletes its text with the keyboard's backspace."""
        self.finger.erase_text(widget)

    def texts(self) -> str:
        return "\n".join(self.visible_texts())

    def person_id(self, key: str) -> int:
        with self.store.transaction() as tx:
            return tx.scalar(select(m.Person.id).where(m.Person.demo_key == key))

    def submit(self) -> None:
        """Taps the review's submit button (and the confirmation's, for what cannot be undone) and
        waits for the result screen and its printing."""
        self.tap("submit")
        if self.window.wizard.confirming:
            self.tap("confirm_submit")
        self.wait_screen(Screen.RESULT)
        self.settle()

    def printed_report(self) -> tuple[m.PrintJob, Document]:
        """Waits for the one A4 report, checks it was spooled as a PDF; its journal row and document."""
        self.qtbot.waitUntil(lambda: "已打印" in self.window.result.printing.text(), timeout=30000)
        pdfs = list(self.config.paths.spool_dir.glob("*.pdf"))
        assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
        assert self.devices.receipt_printer.jobs == []  # an A4 report, no receipt
        with self.store.transaction() as tx:
            [job] = tx.scalars(select(m.PrintJob)).all()
            return job, Document.model_validate(job.document)

    def report(self, title: str) -> str:
        """The text of the one printed A4 report, checked to carry `title`."""
        job, doc = self.printed_report()
        assert (job.kind, job.title, job.status) == ("report", title, "printed")
        return doc.as_text()

    def visible_texts(self) -> list[str]:
        """Every text any label, entry or button of the window holds (shown or not)."""
        texts = [w.text() for w in self.window.findChildren(QLabel)]
        texts += [w.text() for w in self.window.findChildren(QLineEdit)]
        texts += [w.text() for w in self.window.findChildren(QPushButton)]
        return texts


@pytest.fixture
def kiosk(qtbot, tmp_path: Path, seeded_db_file: Path, request) -> Kiosk:  # noqa: ANN001
    """The kiosk at the config's screen, or at the profile a test passes with
    `@pytest.mark.parametrize("kiosk", ["1280x1024"], indirect=True)`."""
    db = tmp_path / "kiosk.sqlite"
    shutil.copy(seeded_db_file, db)
    config = scenario_config(tmp_path, f"sqlite:///{db}", getattr(request, "param", None))
    store = Store(config.database.url)
    devices = build_devices(config)
    clock = ManualClock(START)
    window = build_window(config, store, devices, clock, windowed=True, dev_panel=False)
    window.poll_timer.stop()  # tests poll the readers themselves
    window.idle_timer.stop()  # and move the clock themselves
    qtbot.addWidget(window)
    window.show()  # at the profile's size (build_window fixes it): never squeezed to hide a layout bug
    yield Kiosk(qtbot, window, devices, clock, store, config)
    window.bridge.shutdown()
    store.close()
    apply_theme(QApplication.instance())  # a test that ends in 长辈版 leaves the next one the standard look


@pytest.fixture
def personas() -> dict[str, Persona]:
    return BY_KEY


@pytest.fixture(autouse=True, scope="session")
def _theme(qapp) -> None:  # noqa: ANN001
    apply_theme(qapp)
    pin_to_gui_thread(qapp)  # as the kiosk runs: a worker's allocation never collects a widget


@pytest.fixture
def themed(qapp):  # noqa: ANN001
    """The kiosk's theme for one test, then the application's own look again."""
    saved = qapp.font(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp)
    yield qapp
    qapp.setStyleSheet(saved[2])
    qapp.setFont(saved[0])
    qapp.setPalette(saved[1])
