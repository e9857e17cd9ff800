"""What each kiosk process does in tests/services/test_concurrency.py (spawned: importable by name)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.clock import CST, ManualClock
from kiosk.config import load_config
from kiosk.services import catalogue, login, print_fallback, resident_reprint, submission
from kiosk.services.outcome import Accepted
from kiosk.services.passwords import hash_password
from kiosk.services.staff import StaffGate
from kiosk.store import journal
from kiosk.store.database import Store, describe

NOW = datetime(2026, 3, 17, 9, 0, tzinfo=CST)
STAFF_PIN_HASH = hash_password("246810", n=2**10)


def wrong_passwords(store: Store, person_id: int, tries: int) -> list[int | None]:
    config = load_config(demo=True)
    return [login.check_password(store, person_id, "000000", ManualClock(NOW), config).remaining
            for _ in range(tries)]


def serials(store: Store, terminal: str, count: int) -> list[str]:
    out = []
    for _ in range(count):
        with store.transaction() as tx:
            serial = journal.next_serial(tx, NOW, terminal)
            journal.audit(tx, NOW, terminal, "test", serial=serial)
        out.append(serial)
    return out


def submit(store: Store, service_id: str, person_id: int, answers: dict[str, Any]) -> str:
    outcome = submission.submit(store, catalogue.get(service_id), person_id, answers, ManualClock(NOW),
                                load_config(demo=True))
    return f"accepted {outcome.serial}" if isinstance(outcome, Accepted) else f"refused {outcome.reason}"


def wrong_sms_codes(store: Store, person_id: int, mobile: str, tries: int) -> list[str]:
    answers = {"mobile": mobile, "sms_code": "000000"}
    return [submission.verify_step(store, catalogue.get("mobile_medical_app"), "mobile_step", person_id, answers,
                                   ManualClock(NOW), load_config(demo=True)).get("sms_code", "")
            for _ in range(tries)]


def staff_pins(store: Store, tries: int) -> list[str | None]:
    gate = StaffGate(STAFF_PIN_HASH, ManualClock(NOW), store, "SIP-T001")
    return [gate.check("000000") for _ in range(tries)]


def reprint_code(store: Store, serial: str) -> str:
    return print_fallback.issue_code(store, serial, ManualClock(NOW), "SIP-T001")


def wrong_reprint_codes(store: Store, terminal: str, tries: int) -> list[int | None]:
    """Wrong 补打码 at the home tile of `terminal`: the tries left after each (None: refused as locked)."""
    from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
    from kiosk.devices.report_printer.spool import SpoolFolderPrinter

    config = load_config(demo=True)
    config = config.model_copy(update={"kiosk": config.kiosk.model_copy(update={"terminal_id": terminal})})
    printers = SimulatedReceiptPrinter(), SpoolFolderPrinter(config.paths.spool_dir)
    answers = [resident_reprint.reprint(store, "000000", *printers, ManualClock(NOW), config) for _ in range(tries)]
    assert all(a.status in ("wrong", "locked") for a in answers), answers
    return [a.remaining for a in answers]


def run(task: str, url: str, barrier: Any, args: tuple) -> tuple[str, Any]:
    """One kiosk process: waits for the others, then hammers the shared database."""
    store = Store(url)
    try:
        barrier.wait(timeout=120)
        return "ok", globals()[task](store, *args)
    except Exception as exc:  # noqa: BLE001 (reported to the test, which asserts there is none)
        return "error", f"{type(exc).__name__}: {describe(exc)}"
    finally:
        store.close()
