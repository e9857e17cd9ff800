"""`kiosk soak`: several kiosk processes on one database, faults at random, kill -9 and restart.

Each worker process is one terminal: it logs demo personas in, walks their services through the
service layer (the same calls the window makes), submits, prints and texts, with faults injected
at random (paper out, SMS gateway down, camera gone, the card pulled mid-wizard or right after
submitting, a wrong-password attack). The parent kills workers with SIGKILL at random and starts
them again; a restarted worker first resumes its journal, as the kiosk does at start-up. A second
kind of fault holds the database locked for a moment.

At the end every terminal resumes once more and the database is checked: businesses the resident
was told about but that are missing (lost), documents neither printed nor given a reprint code,
SMS never sent, and limits exceeded. Each of these must be 0.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from kiosk.clock import CST, ManualClock
from kiosk.config import KioskConfig, load_config
from kiosk.demo.personas import by_key
from kiosk.demo.seed import seed_demo, seeded_for
from kiosk.devices.bundle import Devices, build_devices
from kiosk.devices.face.protocol import FaceMatch
from kiosk.services import catalogue, login, print_fallback, print_run, sms_dispatch, submission
from kiosk.services.autofill import careful_values
from kiosk.services.journal_resume import resume_journal
from kiosk.services.outcome import Accepted
from kiosk.services.profile import ServiceContext
from kiosk.services.spec import ServiceSpec
from kiosk.services.wizard import Wizard
from kiosk.store import models as m
from kiosk.store.database import Store, StoreUnavailable
from kiosk.store.tables.reprint_codes import ReprintCode

log = logging.getLogger(__name__)

# Kiosk time runs this many times faster than the wall clock, the same for every process (a
# shared wall clock, as kiosks synchronised by NTP have): a few minutes of soak cross midnight.
SPEEDUP = 600


class SoakClock:
    """Kiosk time from the shared wall clock: `start` at the wall-clock `epoch`, SPEEDUP times faster."""

    def __init__(self, start: datetime, epoch: float) -> None:
        self.start, self.epoch = start, epoch

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(time.time() - self.epoch) * SPEEDUP)
# Limits the guide states, checked over all terminals at the end: (service, period, at most).
LIMITS: tuple[tuple[str, str, int], ...] = (
    ("unemployment_transfer_letter", "day", 5),
    ("hf_remote_loan_certificate", "month", 1),
    ("gov_biannual_withdrawal", "year", 2),
    ("retirement_hf_withdrawal", "ever", 1),
)
FAULTS = ("receipt_paper_out", "report_paper_out", "sms_down", "camera_gone", "card_pulled_mid_wizard",
          "card_pulled_after_submit", "wrong_password_attack")


@dataclass(frozen=True)
class SoakPlan:
    """What to run: how many sessions over how many kiosk processes on which database."""

    sessions: int
    processes: int = 4
    database: str | None = None  # a SQLAlchemy URL; None: a new SQLite file in `workdir`
    seed: int = 1
    fault_rate: float = 0.3  # the share of sessions with at least one fault
    kills: int = 10  # SIGKILLs spread over the run
    locks: int = 5  # moments the database is held locked by another connection
    start: datetime = field(default_factory=lambda: datetime.now(CST).replace(microsecond=0))


@dataclass
class SoakReport:
    sessions: int = 0
    faults: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    businesses: int = 0
    lost: int = 0
    unprinted_without_code: int = 0
    unprinted_with_code: int = 0
    sms_unsent: int = 0
    limit_violations: int = 0
    password_violations: int = 0
    system_faults: int = 0
    kills: int = 0
    locks: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.unprinted_without_code or self.sms_unsent or self.limit_violations
                    or self.password_violations or self.system_faults)

    def table(self) -> str:
        rows = [("sessions", self.sessions), ("kiosk processes killed (kill -9, restarted)", self.kills),
                ("database held locked by another writer", self.locks),
                ("faults injected into sessions", sum(self.faults.values()))]
        rows += [(f"  {name}", n) for name, n in sorted(self.faults.items())]
        rows += [("businesses committed", self.businesses), ("lost (must be 0)", self.lost),
                 ("unprinted without a code (must be 0)", self.unprinted_without_code),
                 ("unprinted, reprint code given", self.unprinted_with_code),
                 ("SMS never sent (must be 0)", self.sms_unsent),
                 ("limit violations (must be 0)", self.limit_violations + self.password_violations),
                 ("  of which wrong passwords past the lockout", self.password_violations),
                 ("system faults (must be 0)", self.system_faults), ("seconds", f"{self.seconds:.0f}")]
        rows += [(f"outcome: {name}", n) for name, n in sorted(self.outcomes.items())]
        width = max(len(r[0]) for r in rows)
        head = [f"| {'what':<{width}} | {'count':>8} |", f"|{'-' * (width + 2)}|{'-' * 9}:|"]
        return "\n".join(head + [f"| {name:<{width}} | {value:>8} |" for name, value in rows])


# -- one worker: one terminal ---------------------------------------------------------------------
def worker_config(workdir: Path, database: str, terminal: int) -> KioskConfig:
    config = load_config(demo=True)
    folder = workdir / f"terminal-{terminal}"
    return config.model_copy(update={
        "kiosk": config.kiosk.model_copy(update={"terminal_id": f"SIP-SOAK-{terminal:03d}"}),
        "database": config.database.model_copy(update={"url": database}),
        "paths": config.paths.model_copy(update={"spool_dir": folder / "spool", "log_file": folder / "kiosk.log"}),
    })


class Terminal:
    """One kiosk without a screen: the service calls the window makes, in the same order."""

    def __init__(self, config: KioskConfig, store: Store, devices: Devices, clock: SoakClock,
                 rng: random.Random, personas: dict[str, Any]) -> None:
        self.config, self.store, self.devices, self.clock, self.rng = config, store, devices, clock, rng
        self.personas = personas
        pairs = [(key, service, p.expected[service].outcome) for key, p in personas.items()
                 for service in p.expected if catalogue.get(service).built]
        self.pairs = [(key, service) for key, service, _ in pairs]
        self.succeeding = [(key, service) for key, service, outcome in pairs if outcome != "refused"]
        self.hot = [pair for pair in self.pairs if pair[1] == "unemployment_transfer_letter"]
        # Password attacks aim at two people, so kiosks race on their lockout counter.
        self.targets = sorted(personas)[:2]

    def resume(self) -> None:
        d = self.devices
        resume_journal(self.store, d.receipt_printer, d.report_printer, d.sms, self.clock, self.config)

    def session(self, faults: set[str]) -> dict[str, Any]:
        """One resident's session; returns what the resident was told (the ledger line)."""
        d = self.devices
        d.receipt_printer.paper_out = "receipt_paper_out" in faults
        d.report_printer.paper_out = "report_paper_out" in faults
        d.sms.down = "sms_down" in faults
        d.face.break_camera("camera_gone" in faults)
        # A third of the sessions go to the services with a daily limit, so kiosks race on them.
        draw = self.rng.random()
        key, service_id = self.rng.choice(self.hot if draw < 0.3 else self.succeeding if draw < 0.8 else self.pairs)
        persona, spec = self.personas[key], catalogue.get(service_id)
        line: dict[str, Any] = {"persona": key, "service": service_id, "faults": sorted(faults)}
        if "wrong_password_attack" in faults:
            return line | self._wrong_password(self.personas[self.rng.choice(self.targets)])
        person = self._log_in(persona, spec)
        if isinstance(person, str):
            return line | {"outcome": person}
        opened = submission.open_service(self.store, spec, person.person_id, self.clock, self.config)
        if not isinstance(opened, ServiceContext):
            return line | {"outcome": "refused"}
        return line | self._walk(spec, Wizard(spec, opened), person.person_id, faults)

    def _log_in(self, persona: Any, spec: ServiceSpec) -> login.LoginOk | str:
        face_ok = ("id_card_face" in spec.login_methods
                   and isinstance(self._face(persona), FaceMatch))
        if face_ok:
            found = login.find_by_id_number(self.store, persona.id_number, self.clock)
            return found if isinstance(found, login.LoginOk) else "login_failed"
        if "citizen_card_password" not in spec.login_methods:
            return "login_failed"
        found = login.find_by_card(self.store, persona.card_number)
        if not isinstance(found, login.LoginOk):
            return "login_failed"
        checked = login.check_password(self.store, found.person_id, persona.password, self.clock, self.config)
        return found if isinstance(checked, login.LoginOk) else "password_locked"

    def _face(self, persona: Any) -> object:
        self.devices.face.present(persona.key)
        return self.devices.face.verify(persona.key)

    def _wrong_password(self, persona: Any) -> dict[str, Any]:
        """Three wrong passwords in a row, as someone trying numbers would."""
        found = login.find_by_card(self.store, persona.card_number)
        if not isinstance(found, login.LoginOk):
            return {"outcome": "login_failed"}
        checked = 0
        for _ in range(3):
            result = login.check_password(self.store, found.person_id, "000000", self.clock, self.config)
            if isinstance(result, login.LoginFailed) and result.remaining is not None:
                checked += 1  # the kiosk compared the password (it was not already locked)
        return {"outcome": "wrong_password", "person_id": found.person_id, "checked": checked,
                "day": self.clock.now().date().isoformat()}

    def _walk(self, spec: ServiceSpec, wizard: Wizard, person_id: int, faults: set[str]) -> dict[str, Any]:
        pull_at = self.rng.randrange(len(spec.steps)) if "card_pulled_mid_wizard" in faults else None
        for steps in range(60):
            if steps == pull_at:
                return {"outcome": "abandoned"}
            if wizard.at_review:
                return self._submit(spec, wizard, person_id, faults)
            if spec.query and wizard.at_last:
                return {"outcome": "query"}
            values = careful_values(wizard, {})
            if any(f.kind == "sms_code" for f in wizard.fields()):
                code = self._texted_code(spec, wizard, person_id, values)
                values = careful_values(wizard, {"_texted_code": code})
            errors = wizard.next(values)
            if not errors and wizard.step.verify:
                errors = submission.verify_step(self.store, spec, wizard.step.key, person_id, dict(wizard.answers),
                                                self.clock, self.config)
                if not errors:
                    wizard.advance()
            if errors:
                return {"outcome": "refused"}
        return {"outcome": "stuck"}

    def _texted_code(self, spec: ServiceSpec, wizard: Wizard, person_id: int, values: dict[str, Any]) -> str:
        """Presses 获取短信验证码 and reads the code off the (simulated) phone."""
        action = next((f for f in wizard.fields() if f.action), None)
        if action is None:
            return ""
        answers = {**wizard.answers, **values}
        mobile = answers.get(action.key, "")
        submission.run_action(self.store, spec, action.key, person_id, answers, self.clock, self.config)
        sms_dispatch.send_queued(self.store, self.devices.sms, self.clock)
        texts = [t for to, t in getattr(self.devices.sms, "sent", []) if to == mobile]
        digits = "".join(c for c in texts[-1] if c.isdigit())[-6:] if texts else ""
        return digits

    def _submit(self, spec: ServiceSpec, wizard: Wizard, person_id: int, faults: set[str]) -> dict[str, Any]:
        outcome = submission.submit(self.store, spec, person_id, dict(wizard.answers), self.clock, self.config)
        if not isinstance(outcome, Accepted):
            return {"outcome": "refused"}
        told = {"outcome": "accepted", "serial": outcome.serial}
        if "card_pulled_after_submit" in faults:
            return told  # nobody waits for the paper: the journal resume must print it or code it
        d = self.devices
        printed = print_run.print_jobs(self.store, outcome.serial, d.receipt_printer, d.report_printer, self.clock,
                                       self.config)
        if any(not r.printed for r in printed):
            told["code"] = print_fallback.issue_code(self.store, outcome.serial, self.clock,
                                                     self.config.kiosk.terminal_id)
        sms_dispatch.send_queued(self.store, d.sms, self.clock, serial=outcome.serial)
        return told


def run_worker(args: dict[str, Any]) -> int:
    """A worker process: `sessions` sessions from `first`, one ledger line each (append-only)."""
    workdir = Path(args["workdir"])
    config = worker_config(workdir, args["database"], args["terminal"])
    store = Store(config.database.url)
    devices = build_devices(config)
    first, count = args["first"], args["sessions"]
    start = datetime.fromisoformat(args["start"])
    clock = SoakClock(start, args["epoch"])
    rng = random.Random(f"{args['seed']}-{args['terminal']}-{first}")
    terminal = Terminal(config, store, devices, clock, rng, by_key(seeded_for(store), config.subsidy))
    terminal.resume()  # a kiosk (re)starting picks up what a crash left
    resumed = clock.now()
    with open(args["ledger"], "a", encoding="utf-8") as ledger:
        for index in range(first, first + count):
            faults = ({f for f in FAULTS if rng.random() < 0.25} or {rng.choice(FAULTS)}
                      if rng.random() < args["fault_rate"] else set())
            try:
                line = terminal.session(faults)
            except StoreUnavailable:
                line = {"faults": sorted(faults), "outcome": "store_unavailable"}
            except Exception as exc:  # noqa: BLE001 (counted: a system fault is a finding, not a crash)
                log.exception("session %s failed", index)
                line = {"faults": sorted(faults), "outcome": "system_fault", "error": type(exc).__name__}
            line["index"] = index
            ledger.write(json.dumps(line, ensure_ascii=False) + "\n")
            ledger.flush()
            if clock.now() - resumed >= timedelta(minutes=1):
                resumed = clock.now()
                terminal.resume()  # the window does this every minute
    store.close()
    return 0


# -- the parent: starts, kills and restarts workers, locks the database, counts -------------------
def _spawn(plan: SoakPlan, workdir: Path, database: str, terminal: int, first: int, count: int,
           epoch: float) -> subprocess.Popen:
    args = {"workdir": str(workdir), "database": database, "terminal": terminal, "first": first,
            "sessions": count, "seed": plan.seed, "start": plan.start.isoformat(),
            "fault_rate": plan.fault_rate, "ledger": str(workdir / f"ledger-{terminal}.jsonl"), "epoch": epoch}
    with open(workdir / f"worker-{terminal}.err", "ab") as errors:  # the child keeps its own copy
        return subprocess.Popen([sys.executable, "-m", "kiosk.soak", json.dumps(args)], cwd=os.getcwd(),
                                stdout=subprocess.DEVNULL, stderr=errors)


def _ledger(workdir: Path, terminal: int) -> list[dict[str, Any]]:
    path = workdir / f"ledger-{terminal}.jsonl"
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError:
            pass  # a line torn by the kill: that session's answer never reached the resident
    return lines


def _done(workdir: Path, terminal: int) -> int:
    """How many sessions this terminal has finished (one past the highest index in its ledger)."""
    indexes = [line["index"] for line in _ledger(workdir, terminal)]
    return max(indexes) + 1 if indexes else 0


def _hold_lock(store: Store, seconds: float) -> None:
    """Another writer holding the database, as a long backup or a stuck kiosk would."""
    if store.engine.dialect.name == "sqlite":
        # The kiosks keep the file busy: wait for a turn as a real second writer would.
        conn = sqlite3.connect(store.engine.url.database, isolation_level=None, timeout=60)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            time.sleep(seconds)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        return
    with store.transaction() as tx:
        tx.execute(text("LOCK TABLE serial_counters IN ACCESS EXCLUSIVE MODE"))
        time.sleep(seconds)


def run_soak(plan: SoakPlan, workdir: Path | None = None) -> SoakReport:
    """Runs the plan; returns the counts (the table is `report.table()`)."""
    began = time.monotonic()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    database = plan.database or f"sqlite:///{workdir}/soak.sqlite"
    store = Store(database)
    seed_demo(store, plan.start.date(), load_config(demo=True).subsidy)
    per = [plan.sessions // plan.processes + (i < plan.sessions % plan.processes) for i in range(plan.processes)]
    first = [sum(per[:i]) for i in range(plan.processes)]
    epoch = time.time()  # kiosk time starts at plan.start now, in every process
    workers = {t: _spawn(plan, workdir, database, t, first[t], per[t], epoch) for t in range(plan.processes)}
    rng = random.Random(plan.seed)
    report = SoakReport()
    kill_at = sorted(rng.uniform(0.05, 0.9) for _ in range(plan.kills))
    lock_at = sorted(rng.uniform(0.05, 0.9) for _ in range(plan.locks))
    try:
        while workers:
            finished = sum(_done(workdir, t) - first[t] for t in range(plan.processes))
            progress = finished / max(plan.sessions, 1)
            if kill_at and progress >= kill_at[0]:
                kill_at.pop(0)
                victim = rng.choice(sorted(workers))
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                report.kills += 1
                left = first[victim] + per[victim] - _done(workdir, victim)
                if left > 0:
                    workers[victim] = _spawn(plan, workdir, database, victim, _done(workdir, victim), left, epoch)
                else:
                    del workers[victim]
                continue
            if lock_at and progress >= lock_at[0]:
                lock_at.pop(0)
                _hold_lock(store, rng.uniform(0.5, 3.0))
                report.locks += 1
                continue
            for t, proc in list(workers.items()):
                if proc.poll() is not None:
                    del workers[t]
                    left = first[t] + per[t] - _done(workdir, t)
                    if proc.returncode != 0 and left > 0:  # died by itself: that is a finding
                        report.system_faults += 1
            time.sleep(0.2)
    finally:  # an error here must not leave kiosk processes running
        for proc in workers.values():
            proc.kill()
            proc.wait()
    _final_resume(SoakClock(plan.start, epoch).now() + timedelta(days=1), plan, workdir, database, store)
    _count(report, workdir, plan, store)
    report.seconds = time.monotonic() - began
    store.close()
    return report


def _final_resume(when: datetime, plan: SoakPlan, workdir: Path, database: str, store: Store) -> None:
    """Every terminal restarts once more with paper in and the gateway up, a day later."""
    later = ManualClock(when)
    for t in range(plan.processes):
        config = worker_config(workdir, database, t)
        devices = build_devices(config)
        resume_journal(store, devices.receipt_printer, devices.report_printer, devices.sms, later, config)


def _count(report: SoakReport, workdir: Path, plan: SoakPlan, store: Store) -> None:
    lines = [line for t in range(plan.processes) for line in _ledger(workdir, t)]
    report.sessions = len(lines)
    for line in lines:
        report.outcomes[line.get("outcome", "?")] += 1
        report.faults.update(line.get("faults", []))
        report.system_faults += line.get("outcome") == "system_fault"
    told = {line["serial"] for line in lines if line.get("serial")}
    with store.transaction() as tx:
        serials = set(tx.scalars(select(m.Submission.serial)))
        audited = set(tx.scalars(select(m.AuditEntry.serial).where(m.AuditEntry.action == "submitted")))
        report.businesses = len(serials & audited)  # the seed's businesses have no such entry
        report.lost = len(told - (serials & audited))
        unprinted = set(tx.scalars(select(m.PrintJob.serial).where(m.PrintJob.status != "printed")))
        coded = set(tx.scalars(select(ReprintCode.serial)))
        report.unprinted_without_code = len(unprinted - coded)
        report.unprinted_with_code = len(unprinted & coded)
        report.sms_unsent = tx.scalar(select(func.count()).select_from(m.SmsMessage)
                                      .where(m.SmsMessage.status == "queued"))
        rows = tx.execute(select(m.Submission.service_id, m.Submission.person_id, m.Submission.created_at)
                          .where(m.Submission.service_id.in_([s for s, _, _ in LIMITS]))).all()
    report.limit_violations = _over_limits(rows)
    report.password_violations = _over_password_limit(lines)


def _over_limits(rows: list[Any]) -> int:
    counts: Counter = Counter()
    period = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "ever": ""}
    for service, person, at in rows:
        for name, per, _ in LIMITS:
            if name == service:
                counts[(service, person, at.strftime(period[per]) if period[per] else "")] += 1
    limit = {name: most for name, _, most in LIMITS}
    return sum(n - limit[key[0]] for key, n in counts.items() if n > limit[key[0]])


def _over_password_limit(lines: list[dict[str, Any]]) -> int:
    """Wrong passwords the kiosks compared beyond the limit of a person's day (all terminals)."""
    checked: dict[tuple[int, str], int] = defaultdict(int)
    for line in lines:
        if line.get("outcome") == "wrong_password":
            checked[(line["person_id"], line["day"])] += line["checked"]
    limit = load_config(demo=True).session.password_attempts
    return sum(n - limit for n in checked.values() if n > limit)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(run_worker(json.loads(sys.argv[1])))
