"""Today's journal on the maintenance screen: this terminal, since midnight, newest first."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import update

from kiosk.clock import CST
from kiosk.services.maintenance import today_journal
from kiosk.store import models as m

if TYPE_CHECKING:
    from .conftest import Kiosk


def test_only_todays_businesses_of_this_terminal_count(kiosk: Kiosk) -> None:
    terminal = kiosk.config.kiosk.terminal_id
    kiosk.clock.set(datetime(2026, 3, 16, 23, 59, tzinfo=CST))
    yesterday = kiosk.run("flex_contribution_change", "flex_normal")
    kiosk.clock.set(datetime(2026, 3, 17, 0, 1, tzinfo=CST))
    first = kiosk.run("insurance_certificate", "enterprise_employee")
    kiosk.clock.set(datetime(2026, 3, 17, 9, 30, tzinfo=CST))
    second = kiosk.run("temp_account_upgrade", "temp_account_holder")
    other = kiosk.run("insurance_certificate", "institution_staff")
    with kiosk.store.transaction() as tx:
        tx.execute(update(m.Submission).where(m.Submission.serial == other.serial).values(terminal_id="SIP-OTHER"))
    journal = today_journal(kiosk.store, kiosk.clock, terminal)
    assert [line.serial for line in journal.latest] == [second.serial, first.serial]
    assert yesterday.serial not in [line.serial for line in journal.latest]
    assert journal.counts == {"待审核": 1, "办结": 1}
    assert journal.unprinted == 1  # the certificate: printing runs in the UI, not in this test
    kiosk.clock.set(kiosk.clock.now() + timedelta(days=1))
    assert today_journal(kiosk.store, kiosk.clock, terminal).latest == ()


def test_cards_left_today_are_counted_for_staff(kiosk: Kiosk) -> None:
    from kiosk.services.submission import record_event

    terminal = kiosk.config.kiosk.terminal_id
    kiosk.clock.set(datetime(2026, 3, 16, 23, 0, tzinfo=CST))
    record_event(kiosk.store, kiosk.clock, kiosk.config, "card_left", detail="id_card")  # yesterday
    kiosk.clock.set(datetime(2026, 3, 17, 9, 0, tzinfo=CST))
    assert today_journal(kiosk.store, kiosk.clock, terminal).cards_left == 0
    record_event(kiosk.store, kiosk.clock, kiosk.config, "card_left", detail="citizen_card")
    record_event(kiosk.store, kiosk.clock, kiosk.config, "logout", detail="GoHome")
    assert today_journal(kiosk.store, kiosk.clock, terminal).cards_left == 1
