"""`kiosk scenario FILE.json`: drives the real UI headless through one scripted session.

Offscreen Qt, simulated devices, a fixed clock and (unless the file names one) a fresh temporary
database seeded with the demo personas. The driver taps the same buttons a resident would.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from PySide6.QtCore import QEvent, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.clock import ManualClock
from kiosk.config import KioskConfig, ScreenSection, load_config
from kiosk.devices.bundle import Devices, build_devices
from kiosk.devices.speech.protocol import Utterance
from kiosk.printing.document import Document
from kiosk.printing.escpos_text import receipt_text
from kiosk.services import catalogue
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.session_flow import Screen
from sqlalchemy import func, select

from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.personas import BY_KEY, Persona
from kiosk.demo.seed import seed_demo
from kiosk.ui.app import build_window, qt_app
from kiosk.ui.demo_cards import citizen_card_of, id_card_of
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.fields import ChoiceField, DateField, DigitsField, TextField
from kiosk.ui.touch import Finger, KeypadFinger, Unreachable, label_of, wait_until

DEFAULT_TEXT = "苏州市姑苏区人民路 100 号 1 幢 101 室"
DEFAULT_PASSWORD = "739146"  # passes the weak-password rules for every demo persona
PASSWORD_KEY = "密码键"  # the label a secret's key taps carry in the results, never the digit


class ScenarioError(ValueError):
    """A malformed scenario file (exit code 2)."""


# Device faults a QA scenario can stage on the simulated devices before each run.
Fault = Literal["receipt_paper_out", "report_paper_out", "sms_down", "camera_broken", "id_reader_unplugged",
                "citizen_card_reader_unplugged"]


def apply_faults(devices: Devices, faults: list[str]) -> None:
    if "receipt_paper_out" in faults:
        devices.receipt_printer.paper_out = True
    if "report_paper_out" in faults:
        devices.report_printer.paper_out = True
    if "sms_down" in faults:
        devices.sms.down = True
    if "camera_broken" in faults:
        devices.face.break_camera()
    if "id_reader_unplugged" in faults:
        devices.id_card.unplug()
    if "citizen_card_reader_unplugged" in faults:
        devices.citizen_card.unplug()


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    now: datetime
    persona: str
    login: Literal["id_card_face", "citizen_card_password"]
    password: str | None = None
    service: str
    answers: dict[str, Any] = Field(default_factory=dict)
    repeat: int = Field(1, ge=1, le=100)
    database: str | None = None
    faults: list[Fault] = Field(default_factory=list)
    # After a run that gave a 补打码: paper back in, then the home screen's 凭补打码补打 with that code.
    reprint: bool = False
    # Seconds after 请取回您的… until the resident takes the card; null: left behind ([session] card_left_s).
    card_taken_after: int | None = Field(5, ge=0, le=3600)
    language: Literal["zh", "en"] = "zh"  # "en": the resident taps English on home first
    # 长辈版 / high contrast: the driver taps the home screen's switches first, as a resident would.
    mode: Literal["standard", "elder"] = "standard"
    theme: Literal["standard", "high_contrast"] = "standard"
    # "keypad": every control reached with 8 and chosen with 5 on the numeric keypad (kiosk.ui.keypad_nav)
    input: Literal["touch", "keypad"] = "touch"


MAX_SCENARIO_BYTES = 1_000_000  # a scenario is a few hundred bytes; anything this big is a mistake
YEARS = range(2000, 2100)  # the kiosk's calendars and serials are for this century


def load_scenario(path: Path) -> Scenario:
    """Reads and checks a scenario file; every mistake is a `ScenarioError` naming what is wrong."""
    import json

    from pydantic import ValidationError
    try:
        if path.stat().st_size > MAX_SCENARIO_BYTES:
            raise ScenarioError(f"scenario file {path} is larger than {MAX_SCENARIO_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"scenario file not found: {path}") from None
    except OSError as exc:
        raise ScenarioError(f"cannot read scenario file {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"scenario file is not valid JSON: {path}: {exc}") from None
    except RecursionError:
        raise ScenarioError(f"scenario file {path} is nested too deeply") from None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"scenario file {path} is malformed:\n{exc}") from None
    except RecursionError:
        raise ScenarioError(f"scenario file {path} is nested too deeply") from None
    if scenario.persona not in BY_KEY:
        raise ScenarioError(f"unknown persona {scenario.persona!r}; known: {sorted(BY_KEY)}")
    if scenario.service not in catalogue.BY_ID:
        raise ScenarioError(f"unknown service {scenario.service!r}")
    if scenario.now.year not in YEARS:
        raise ScenarioError(f"now {scenario.now.isoformat()}: the year must be {YEARS.start}–{YEARS.stop - 1}")
    if scenario.now.tzinfo is None:
        raise ScenarioError(f"now {scenario.now.isoformat()}: give the time zone, e.g. +08:00")
    if scenario.database is not None:
        _check_database_url(scenario.database)
    _check_answers(catalogue.get(scenario.service), scenario.answers)
    return scenario


def _check_database_url(url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url).get_dialect()
    except ArgumentError as exc:  # NoSuchModuleError is one: an unknown database or driver
        raise ScenarioError(f"database {url!r} is not a usable database URL: {exc}") from None
    except ImportError as exc:
        raise ScenarioError(f"database {url!r}: its driver is not installed ({exc.name})") from None


def _check_answers(spec: Any, answers: dict[str, Any]) -> None:
    """Each answer key is a field (or a declaration step, or "print") of the service; values fit it."""
    fields = {f.key: f for step in spec.steps for f in step.fields}
    declarations = {step.key for step in spec.steps if step.kind == "declaration"}
    views = {step.key for step in spec.steps if step.kind == "view"}
    for key, value in answers.items():
        where = f"answers.{key}"
        if key == "print":
            if not (isinstance(value, list) and set(value) <= views):
                raise ScenarioError(f"{where}: 应为本业务查询页的列表，可选 {sorted(views)}")
        elif key in declarations:
            if not isinstance(value, bool):
                raise ScenarioError(f"{where}: 声明页的回答应为 true 或 false")
        elif key not in fields:
            known = sorted({*fields, *declarations, *(("print",) if views else ())})
            raise ScenarioError(f"{where}: 业务“{spec.title}”没有这一项；可填的有 {known}")
        else:
            message = _answer_problem(fields[key], value)
            if message:
                raise ScenarioError(f"{where}: {message}")


def _answer_problem(field: Any, value: Any) -> str | None:
    """Why `value` cannot be entered in the field's widget (in Chinese), or None."""
    label = field.label
    if field.kind == "date":
        try:
            date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return f"{label} {value!r} 不是有效日期（应为 YYYY-MM-DD，且日期存在）"
        return None if isinstance(value, str) else f"{label}应为 YYYY-MM-DD 格式的日期"
    if field.kind in ("choice", "multichoice"):
        values = value if field.kind == "multichoice" else [value]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            return f"{label}应为{'选项列表' if field.kind == 'multichoice' else '一个选项'}"
        static = {o.value for o in field.options}
        unknown = [v for v in values if static and v not in static]
        return f"{label}没有选项 {unknown}，可选 {sorted(static)}" if unknown else None
    if not isinstance(value, str):
        return f"{label}应为文字（加引号）"
    if field.kind in ("digits", "mobile", "password", "sms_code"):
        width = {"mobile": 11, "password": 6, "sms_code": 6}.get(field.kind, field.max_length or 20)
        if not (value.isascii() and value.isdigit()):
            return f"{label}只能是数字 0–9"
        if len(value) > width:
            return f"{label}最多 {width} 位，这里有 {len(value)} 位"
    return None


def tap_service_tile(finger: Finger, home: QWidget, service_id: str, category: str) -> None:
    """Taps the category, then (长辈版: four tiles to a page) 下一页 until the service shows, then it."""
    finger.tap_named(home, f"category_{category}")
    for _ in range(len(catalogue.SERVICES)):
        QApplication.processEvents()
        tile = home.findChild(QPushButton, f"service_{service_id}")
        if (tile is not None and tile.isVisible()) or home.findChild(QPushButton, "home_next_page").isHidden():
            break
        finger.tap_named(home, "home_next_page")
    finger.tap_named(home, f"service_{service_id}")


class Driver:
    """Taps through the kiosk like a careful resident: every choice, key and button is a touch
    through the finger (kiosk.ui.touch), so a control no finger can reach ends the run."""

    def __init__(self, window: KioskWindow, devices: Devices, clock: ManualClock,
                 on_screen: Callable[[str], None] | None = None) -> None:
        self.window, self.devices, self.clock = window, devices, clock
        self.on_screen = on_screen or (lambda name: None)
        self.finger = Finger(window, QRect(0, 0, *window.config.screen.size))
        self._warning: str | None = None  # the review step's printer warning, if one was shown

    def offered(self, name: str, parent: QWidget) -> QPushButton | None:
        """The button if the screen offers it now (present, shown and enabled)."""
        QApplication.processEvents()  # widgets added to a visible screen are shown by a queued call
        button = parent.findChild(QPushButton, name)
        return button if button is not None and button.isVisible() and button.isEnabled() else None

    def tap(self, name: str, parent: QWidget, label: str | None = None) -> None:
        self.finger.tap_named(parent, name, label)

    def settle(self) -> None:
        wait_until(lambda: self.window.bridge.busy == 0)

    def at(self, screen: Screen) -> bool:
        return self.window.state.screen == screen

    def run(self, persona: Persona, scenario: Scenario) -> dict[str, Any]:
        """One session; the result lists every tap (label and window rectangle) and what the voice said."""
        first_tap, first_said = len(self.finger.taps), len(self._said())
        try:
            result = self._run(persona, scenario)
            result["card_return"] = self._leave(scenario.card_taken_after)
        except Unreachable as exc:
            result = _result("unreachable", str(exc))
            result["card_return"] = None
        result["taps"] = [tap.as_dict() for tap in self.finger.taps[first_tap:]]
        result["spoken"] = [{"text": u.text, "language": u.language} for u in self._said()[first_said:]]
        return result

    def _said(self) -> list[Utterance]:
        """The simulated voice's utterances (none from a voice that keeps nothing)."""
        return list(getattr(self.devices.speech, "utterances", []))

    def _leave(self, card_taken_after: int | None) -> dict[str, Any] | None:
        """Back to the home screen as the resident would: 完成 on the result, else 返回首页; then the
        card back, if the kiosk asks for it. The card-return step, or None when no card was left."""
        screen = self.window.screens[self.window.state.screen]
        if self.at(Screen.RESULT):
            self.tap("finish", screen)
        elif not self.at(Screen.HOME) and not self.at(Screen.CARD_RETURN):  # a query's 完成 leaves by itself
            self.tap("home", screen)
        step = self._card_back(card_taken_after) if self.at(Screen.CARD_RETURN) else None
        wait_until(lambda: self.at(Screen.HOME), 5.0)
        return step

    def _card_back(self, taken_after: int | None) -> dict[str, Any]:
        """请取回您的…: the resident takes the card after `taken_after` s, or leaves it (None)."""
        w = self.window
        card, asked, limit = w.state.card_left, self.clock.now(), w.config.session.card_left_s
        taken = taken_after is not None and taken_after < limit
        self.clock.advance(seconds=taken_after if taken else limit)
        w.check_idle()
        if taken:
            (self.devices.id_card if card == "id_card" else self.devices.citizen_card).remove()
            w.poll_devices()
            wait_until(lambda: w.poll_bridge.busy == 0)
        return {"card": card, "taken": taken, "seconds": int((self.clock.now() - asked).total_seconds())}

    def _run(self, persona: Persona, scenario: Scenario) -> dict[str, Any]:
        w = self.window
        self._warning = None
        w.poll_devices()  # the readers' state (an unplugged one greys its log-in out) before choosing
        wait_until(lambda: w.poll_bridge.busy == 0)
        spec = catalogue.get(scenario.service)
        if not spec.built:
            return _result("error", f"业务“{spec.title}”尚未开通自助办理")
        self._choose_language(scenario.language)
        self._present(scenario)
        self.on_screen("home")
        tap_service_tile(self.finger, w.home, spec.id, spec.category)
        self.on_screen("login_choice")
        login_button = self.offered(f"login_{scenario.login}", w.login_choice)
        if login_button is None:
            return _result("login_failed", "本业务不能使用此方式登录" if scenario.login not in spec.login_methods
                           else w.login_choice.notes[scenario.login].text() or "该登录方式暂不可用")
        self.finger.tap(login_button)
        failed = self._login(persona, scenario)
        if failed is not None:
            return failed
        wait_until(lambda: w.wizard.wizard is not None or self.at(Screen.RESULT))
        with w.store.transaction() as tx:
            first_job = (tx.scalar(select(func.max(m.PrintJob.id))) or 0) + 1
        steps = 0
        while self.at(Screen.WIZARD) and w.wizard.wizard is not None and steps < 50:
            steps += 1
            wizard = w.wizard.wizard
            self.on_screen(f"wizard_{wizard.step.key}")
            if wizard.at_review:
                self.settle()  # the printer check of the review step
                warning = w.wizard.findChild(QLabel, "print_warning")
                self._warning = warning.text() if warning is not None else None
                self.tap("submit", w.wizard)
                if w.wizard.confirming:  # what cannot be undone is asked once more
                    self.on_screen("wizard_confirm")
                    self.tap("confirm_submit", w.wizard)
                wait_until(lambda: not self.at(Screen.WIZARD))
                break
            if wizard.step.kind == "view":
                # "answers": {"print": ["plan", …]} presses 打印 on those views of a query.
                if wizard.step.key in scenario.answers.get("print", []):
                    self.tap("print_view", w.wizard)
                    self.settle()
                if spec.query and wizard.at_last:
                    self.tap("next", w.wizard)  # 完成
                    self.settle()
                    return self._query_result(first_job)
            refusal = self._fill(scenario.answers, persona)
            if refusal:
                return _result("refused", refusal)
            before = (wizard.step.key, wizard.position, wizard.question_position)
            self.tap("next", w.wizard)
            self.settle()  # a step checked against the store moves on only when the check returns
            if (wizard.step.key, wizard.position, wizard.question_position) == before:
                reason = w.wizard.message.text() if w.wizard.message.text() != "请按提示修改后再继续" else ""
                errors = [f.error.text() for f in w.wizard.fields.values() if f.error.text()]
                return _result("refused", "；".join(errors) or reason or "输入的内容未通过校验")
        self.settle()
        wait_until(lambda: w.bridge.busy == 0)
        self.on_screen("result")
        return self._collect()

    def reprint(self, code: str) -> dict[str, Any]:
        """凭补打码补打 from the home screen: the tile, the code on the keypad, 确定; what was printed."""
        w = self.window
        first_tap = len(self.finger.taps)
        try:
            self.on_screen("home")
            self.tap("reprint_tile", w.home)
            wait_until(lambda: self.at(Screen.REPRINT), 5.0)
            self.settle()  # the lock check
            self.on_screen("reprint")
            self.finger.type_keys(w.reprint.keypad, code)
            self.tap("confirm", w.reprint)
            self.settle()
            self.on_screen("reprint_answer")
            printed = w.reprint.answer.property("role") == "success"  # green: printed, take it at 出纸口
            answer = {"status": "printed" if printed else "not_printed", "reason": w.reprint.answer.text()}
            self._leave(None)  # no card in a reader for a reprint by code
        except Unreachable as exc:
            answer = {"status": "unreachable", "reason": str(exc)}
        answer["taps"] = [tap.as_dict() for tap in self.finger.taps[first_tap:]]
        return answer

    def _choose_language(self, language: str) -> None:
        """Home's 中文 / English switch, tapped when the session is to run in the other language."""
        if self.window.presentation.language != language:
            self.tap("language", self.window.home)

    def _present(self, scenario: Scenario) -> None:
        """长辈版 and high contrast by the home screen's buttons, when the scenario asks for them."""
        home = self.window.home
        if (scenario.mode == "elder") != self.window.presentation.elder:
            self.tap("mode_switch", home)
        if (scenario.theme == "high_contrast") != (self.window.presentation.theme == "high_contrast"):
            self.tap("theme_switch", home)

    def _login(self, persona: Persona, scenario: Scenario) -> dict[str, Any] | None:
        w = self.window
        if scenario.login == "id_card_face":
            self.on_screen("id_input")
            self.devices.id_card.insert(id_card_of(persona))
            w.poll_devices()
            wait_until(lambda: not self.at(Screen.ID_INPUT) or bool(w.id_input.message.text()))
            self.settle()
            if not self.at(Screen.FACE):
                return _result("login_failed", w.id_input.message.text())
            self.on_screen("face")
            self.devices.face.present(persona.key)
            self.tap("face_start", w.face)
            wait_until(lambda: not self.at(Screen.FACE) or w.face.start.isEnabled())
            self.settle()
            if not (self.at(Screen.WIZARD) or self.at(Screen.RESULT)):
                screen = self.window.screens[self.window.state.screen]
                return _result("login_failed", screen.message.text() or "人脸识别未通过")
            return None
        self.on_screen("card_insert")
        self.devices.citizen_card.insert(citizen_card_of(persona))
        w.poll_devices()
        wait_until(lambda: not self.at(Screen.CARD_INSERT) or bool(w.card_insert.message.text()))
        self.settle()
        if not self.at(Screen.PASSWORD):
            return _result("login_failed", w.card_insert.message.text())
        self.on_screen("password")
        password = scenario.password if scenario.password is not None else persona.password
        self.finger.type_keys(w.password, password, PASSWORD_KEY)
        self.tap("confirm", w.password)
        self.settle()
        if not (self.at(Screen.WIZARD) or self.at(Screen.RESULT)):
            screen = self.window.screens[self.window.state.screen]
            return _result("login_failed", screen.message.text() or "密码登录未通过")
        return None

    def _fill(self, answers: dict[str, Any], persona: Persona) -> str | None:
        """Enters the step's answers by touch; returns the kiosk's reason when it will not take one."""
        host = self.window.wizard
        if host.agree is not None:
            wanted = bool(answers.get(host.wizard.step.key, True))
            if host.agree.isChecked() != wanted:
                self.finger.tap(host.agree)
            if host.agree.isChecked() != wanted:
                raise Unreachable(label_of(host.agree), "a tap on its centre does not tick it")
        for key, widget in host.fields.items():
            if key in answers:
                refusal = self._answer(host, widget, answers[key])
                if refusal:
                    return refusal
                continue
            if isinstance(widget, ChoiceField) and widget.value() in (None, []):
                enabled = [v for v in widget.input.values() if widget.input.disabled_reason(v) is None]
                if enabled:
                    self._choose(widget, [enabled[0]])
            elif isinstance(widget, DigitsField) and widget.spec.kind == "sms_code":
                self._type_digits(host, widget, self._texted_code(host), PASSWORD_KEY)
            elif isinstance(widget, DigitsField) and widget.spec.kind == "password":
                self._type_digits(host, widget, DEFAULT_PASSWORD, PASSWORD_KEY)
            elif isinstance(widget, DigitsField) and not widget.value():
                digits = persona.mobile if widget.spec.kind == "mobile" else "1" * (widget.spec.max_length or 6)
                self._type_digits(host, widget, digits)
            elif isinstance(widget, TextField) and not widget.value():
                self.finger.type_text(widget.input, DEFAULT_TEXT)
            elif isinstance(widget, DateField) and widget.spec.key not in host.wizard.answers:
                start = host.wizard.answers.get("start_date") or host.wizard.ctx.today
                self.finger.pick_date(widget.input, start + timedelta(days=365))
        self._send_code_before_leaving(host)
        return None

    def _send_code_before_leaving(self, host: Any) -> None:
        """长辈版 asks for the mobile and the texted code on two screens: get the code on the first."""
        if any(f.kind == "sms_code" for f in host.wizard.questions()):
            return
        for widget in host.fields.values():
            if widget.spec.action and any(f.kind == "sms_code" for f in host.wizard.fields()):
                self.tap(f"action_{widget.spec.key}", host)
                self.settle()

    def _answer(self, host: Any, widget: Any, value: Any) -> str | None:
        """Gives the scenario's answer for one field by touch; a refusal's reason, or None."""
        if isinstance(widget, ChoiceField):
            wanted = list(value) if isinstance(value, list) else [value]
            for item in wanted:
                if item not in widget.input.values():
                    return f"{widget.spec.label}没有选项 {item!r}"
                if widget.input.disabled_reason(item) is not None:  # greyed out, the reason on it
                    return widget.input.disabled_reason(item)
            self._choose(widget, wanted)
        elif isinstance(widget, DateField):
            try:
                day = date.fromisoformat(value) if isinstance(value, str) else value
            except ValueError as exc:
                return str(exc)
            self.finger.pick_date(widget.input, day)
        elif isinstance(widget, DigitsField):
            digits = str(value or "")
            if any(ch not in "0123456789X" for ch in digits):
                return "only digits and X can be entered"
            self._type_digits(host, widget, digits, PASSWORD_KEY if widget.spec.kind in DigitsField.SECRET else None)
        else:
            if widget.value():
                self.finger.erase_text(widget.input)
            self.finger.type_text(widget.input, str(value or ""))
        return None

    def _choose(self, widget: ChoiceField, wanted: list[Any]) -> None:
        """Taps the options so that exactly `wanted` are chosen."""
        for item in widget.input.values():
            button = widget.input.findChild(QPushButton, f"choice_{item}")
            if (item in wanted) != button.isChecked():
                self.finger.tap(button)

    def _type_digits(self, host: Any, widget: DigitsField, digits: str, label: str | None = None) -> None:
        """Taps the field (the shared keypad then types into it), 清空, then each key."""
        self.finger.tap(widget.input)
        keypad = host.findChild(QWidget, "shared_keypad") or widget.keypad
        self.finger.tap_named(keypad, "key_clear")
        self.finger.type_keys(keypad, digits, label)

    def _texted_code(self, host: Any) -> str:
        """Taps the step's 获取短信验证码 and reads the code off the (simulated) phone."""
        action = next((w for w in host.fields.values() if w.spec.action), None)
        if action is not None:
            self.tap(f"action_{action.spec.key}", host)
            self.settle()
            mobile = host.fields[action.spec.key].value()
        else:  # 长辈版: the number was asked (and the code sent) on the screen before
            asked = next((f for f in host.wizard.fields() if f.action), None)
            mobile = str(host.wizard.answers.get(asked.key, "")) if asked else ""
        texts = [text for to, text in getattr(self.devices.sms, "sent", []) if to == mobile]
        found = re.search(r"验证码 (\d{6})", texts[-1]) if texts else None
        return found.group(1) if found else ""

    def _query_result(self, first_job: int) -> dict[str, Any]:
        """A query submits nothing: it is complete when the resident has seen the views."""
        with self.window.store.transaction() as tx:
            jobs = tx.scalars(select(m.PrintJob).where(m.PrintJob.id >= first_job).order_by(m.PrintJob.id)).all()
            printed = [{"kind": j.kind, "title": j.title, "text": Document.model_validate(j.document).as_text(),
                        "printed": j.status == "printed"} for j in jobs]
        return _result("completed", "查询完毕", serial=jobs[-1].serial if jobs else None, printed=printed)

    def _collect(self) -> dict[str, Any]:
        outcome = self.window.state.outcome
        if outcome is None:
            return _result("error", "会话在办理结果前结束")
        if isinstance(outcome, Refused):
            return _result(outcome.status, outcome.reason, heading=outcome.heading, next_step=outcome.next_step,
                           instead=outcome.instead)
        if not isinstance(outcome, Accepted):
            return _result(outcome.status, outcome.reason)
        printed = []
        with self.window.store.transaction() as tx:
            jobs = journal.jobs_for_serial(tx, outcome.serial)
            docs = [(job.kind, job.title, Document.model_validate(job.document), job.status) for job in jobs]
        receipts = list(getattr(self.devices.receipt_printer, "jobs", []))
        for kind, title, doc, status in docs:
            if kind == "receipt" and status == "printed" and receipts:
                text = "\n".join(receipt_text(receipts[-1]))
            else:
                text = doc.as_text()
            printed.append({"kind": kind, "title": title, "text": text, "printed": status == "printed"})
        with self.window.store.transaction() as tx:
            sms = [s.text for s in tx.scalars(select(m.SmsMessage).where(m.SmsMessage.serial == outcome.serial)
                                              .order_by(m.SmsMessage.id))]
        code = self.window.result.code.source_text().removeprefix("补打码：") or None
        result = _result(outcome.status, outcome.headline, serial=outcome.serial, effective=outcome.effective,
                         due=outcome.due.isoformat() if outcome.due else None,
                         due_estimated=outcome.due_estimated, printed=printed, sms=sms,
                         print_warning=self._warning, reprint_code=code)
        return result


def _result(status: str, reason: str, **extra: Any) -> dict[str, Any]:
    base = {"status": status, "reason": reason, "serial": None, "effective": None, "due": None,
            "due_estimated": False, "printed": [], "sms": [], "print_warning": None, "reprint_code": None,
            "taps": []}
    base.update(extra)
    return base


def scenario_config(tmp: Path, database: str | None, profile: str | None = None) -> KioskConfig:
    """The demo config on `database` (or one in `tmp`), at the screen `profile` (default: the config's)."""
    config = load_config(demo=True)
    screen = config.screen if profile is None else ScreenSection(profile=profile)
    return config.model_copy(update={
        "screen": screen,
        "database": config.database.model_copy(update={"url": database or f"sqlite:///{tmp}/scenario.sqlite"}),
        "paths": config.paths.model_copy(update={"spool_dir": tmp / "spool", "log_file": tmp / "kiosk.log"}),
    })


_TEMPLATES: dict[date, Path] = {}


def _seeded_template(day: date) -> Path:
    """A demo database seeded for `day`, once per process and day; each run gets a fresh copy of it."""
    if day not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-seed-"))
        store = Store(f"sqlite:///{folder}/template.sqlite")
        seed_demo(store, day, load_config(demo=True).subsidy)
        store.close()  # checkpoints the WAL: the one file is the whole database
        _TEMPLATES[day] = folder / "template.sqlite"
    return _TEMPLATES[day]


def run_scenario(scenario: Scenario, on_screen: Callable[[KioskWindow, str], None] | None = None,
                 workdir: Path | None = None, profile: str | None = None) -> list[dict[str, Any]]:
    """Runs the scenario `repeat` times on one database and clock; one result per run.

    A run that meets a control no finger can reach ends with status "unreachable" and no more
    runs follow.
    """
    app = qt_app()
    with tempfile.TemporaryDirectory(prefix="kiosk-scenario-") as tmpname:
        tmp = workdir or Path(tmpname)
        config = scenario_config(tmp, scenario.database, profile)
        if not scenario.database:
            shutil.copyfile(_seeded_template(ManualClock(scenario.now).now().date()), tmp / "scenario.sqlite")
        store = Store(config.database.url)
        store.create_schema()
        devices = build_devices(config)
        clock = ManualClock(scenario.now)
        window = build_window(config, store, devices, clock, windowed=True, dev_panel=False)
        window.poll_timer.stop()  # the driver polls when it has put a card in
        window.show()  # at the profile's size: build_window fixes it
        hook = (lambda name: on_screen(window, name)) if on_screen else None
        driver = Driver(window, devices, clock, hook)
        if scenario.input == "keypad":
            driver.finger = KeypadFinger(window, QRect(0, 0, *config.screen.size))
        results = []
        try:
            for i in range(scenario.repeat):
                if i:
                    clock.advance(minutes=1)
                apply_faults(devices, scenario.faults)
                results.append(driver.run(BY_KEY[scenario.persona], scenario))
                if results[-1]["status"] == "unreachable":
                    break
                devices.id_card.remove()
                devices.citizen_card.remove()
                window.poll_devices()
                driver.settle()
                wait_until(lambda: window.poll_bridge.busy == 0)
                if scenario.reprint and results[-1]["reprint_code"]:
                    devices.receipt_printer.paper_out = devices.report_printer.paper_out = False  # refilled
                    results[-1]["reprint"] = driver.reprint(results[-1]["reprint_code"])
        finally:
            window.shut_down()
            window.deleteLater()
            app.processEvents()
            # processEvents leaves deferred deletes for the event loop, which a scenario never runs: the
            # window (and every filter and timer it owns) would live on for the rest of the process.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            store.close()
    return results
