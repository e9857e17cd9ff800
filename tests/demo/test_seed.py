"""The demo personas: what the seed writes, that seeding twice changes nothing, and re-seeding for a new day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kiosk.services.idnumber import is_valid, mask
from kiosk.services.passwords import verify_password
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.builder import REFERENCE_DAY
from kiosk.demo.personas import BY_KEY, PERSONAS, build, make_id_number
from kiosk.demo.seed import persona_listing, seed_demo, seeded_for
from kiosk.store.tables.demo import DemoSeed
from kiosk.store.tables.housing_fund import LoanRepayment


def _count(store: Store, model: type) -> int:
    with store.transaction() as tx:
        return tx.scalar(select(func.count()).select_from(model))


def test_seeding_again_adds_nothing(store: Store) -> None:
    before = {model: _count(store, model) for model in (m.Person, m.Insurance, m.Contribution, m.CitizenCard,
                                                          m.Credential, m.FlexEnrolment, m.RemoteMedicalRegistration)}
    assert seed_demo(store, REFERENCE_DAY) == 0
    assert {model: _count(store, model) for model in before} == before
    assert before[m.Person] == len(PERSONAS)


def test_seed_into_an_empty_database(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path}/nested/dir/k.sqlite")
    try:
        assert seed_demo(store, REFERENCE_DAY) == len(PERSONAS)
        assert seeded_for(store) == REFERENCE_DAY
        assert _count(store, m.Person) == len(PERSONAS)
    finally:
        store.close()


def test_every_persona_has_a_valid_unique_id_number() -> None:
    numbers = [p.id_number for p in PERSONAS]
    assert all(is_valid(n, date(2026, 3, 10)) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert len({p.card_number for p in PERSONAS}) == len(PERSONAS)
    assert make_id_number("320571", date(1978, 5, 12), 131) == "32057119780512131X"


def test_passwords_are_stored_only_as_hashes(store: Store) -> None:
    with store.transaction() as tx:
        rows = {p.demo_key: c for p, c in tx.execute(
            select(m.Person, m.Credential).join(m.Credential, m.Credential.person_id == m.Person.id))}
    for persona in PERSONAS:
        cred = rows[persona.key]
        assert persona.password not in cred.password_hash
        assert cred.password_hash.startswith("scrypt$")
        assert cred.failed_attempts == 0 and cred.locked_until is None
    assert verify_password("258036", rows["flex_normal"].password_hash)


def test_flex_persona_contributions(store: Store) -> None:
    with store.transaction() as tx:
        pid = tx.scalar(select(m.Person.id).where(m.Person.demo_key == "flex_normal"))
        rows = tx.scalars(select(m.Contribution).where(m.Contribution.person_id == pid)).all()
        enrolment = tx.get_one(m.FlexEnrolment, pid)
    assert len(rows) == 24 * 2  # 2024-01 .. 2025-12, pension and medical
    pension = {(r.base, r.personal, r.employer) for r in rows if r.kind == "pension"}
    assert pension == {(Decimal("4880.00"), Decimal("390.40"), Decimal("780.80"))}
    assert (enrolment.package_code, enrolment.grade_code, enrolment.status, enrolment.effective_from) == (
        "pension_medical", "1", "normal", "2024-01")


@pytest.mark.parametrize("key", [p.key for p in PERSONAS])
def test_person_rows_match_the_persona(store: Store, key: str) -> None:
    persona = BY_KEY[key]
    with store.transaction() as tx:
        person = tx.scalar(select(m.Person).where(m.Person.demo_key == key))
        kinds = {(i.kind, i.status) for i in person.insurances}
        card = tx.get_one(m.CitizenCard, persona.card_number)
    assert (person.id_number, person.name, person.category, person.retired, person.insured_status) == (
        persona.id_number, persona.name, persona.category, persona.retired, persona.insured_status)
    assert person.birth_date == persona.birth
    assert kinds == {(k, s) for k, s, _ in persona.insurances}
    assert card.person_id == person.id and card.status == "normal"


def test_persona_listing_shows_only_masked_id_numbers() -> None:
    listing = persona_listing(REFERENCE_DAY)
    assert [p["key"] for p in listing] == [p.key for p in PERSONAS]
    text = repr(listing)
    for persona in PERSONAS:
        assert persona.id_number not in text
        assert mask(persona.id_number) in text
    flex = listing[0]
    assert flex["category_label"] == "灵活就业人员"
    assert flex["services"]["flex_contribution_change"]["outcome"] == "completed"
    assert listing[4]["category_label"] == "企业职工（退休）"


def test_every_persona_id_number_matches_its_sex() -> None:
    # GB 11643: the 17th digit is odd for men and even for women.
    for persona in PERSONAS:
        assert int(persona.id_number[16]) % 2 == (1 if persona.sex == "1" else 0), persona.key


def _applied_on(store: Store) -> date:
    from kiosk.store.tables.unemployment import UnemploymentRefundApplication

    with store.transaction() as tx:
        return tx.scalar(select(UnemploymentRefundApplication.applied_on))


def test_seeding_for_a_new_day_rebuilds_every_persona(store: Store) -> None:
    before = {model: _count(store, model) for model in (m.Person, m.CitizenCard, m.Credential)}
    assert _applied_on(store) == date(2026, 3, 10)  # 7 days before the reference day
    assert seed_demo(store, date(2027, 1, 15)) == len(PERSONAS)
    assert seeded_for(store) == date(2027, 1, 15)
    assert {model: _count(store, model) for model in before} == before  # replaced, not added twice
    assert _applied_on(store) == date(2027, 1, 8)
    assert seed_demo(store, date(2027, 1, 15)) == 0  # the same day again: nothing to do


def test_re_seeding_keeps_what_is_not_a_demo_persona(store: Store) -> None:
    with store.transaction() as tx:
        tx.add(m.Person(id_number="320571199001011234", name="真实居民", sex="1", birth_date=date(1990, 1, 1),
                        category="enterprise"))
    seed_demo(store, date(2031, 10, 8))
    with store.transaction() as tx:
        assert tx.scalar(select(m.Person.name).where(m.Person.demo_key.is_(None))) == "真实居民"


def test_loans_are_repaid_up_to_the_last_instalment_due(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path}/k.sqlite")
    try:
        seed_demo(store, date(2028, 2, 29))
        with store.transaction() as tx:
            latest = tx.scalar(select(func.max(LoanRepayment.due_on)))
        assert date(2028, 1, 29) < latest < date(2028, 2, 29)
    finally:
        store.close()


def test_seeded_serials_are_never_ones_the_kiosk_issues() -> None:
    for day in (REFERENCE_DAY, date(2027, 1, 1), date(2031, 10, 8)):
        text = repr([p.data for p in build(day)])
        assert "'YW" not in text and "'YS" in text  # the kiosk's own serials all start with YW


@pytest.mark.parametrize("day", [date(2026, 12, 31), date(2027, 1, 1), date(2028, 2, 29), date(2031, 10, 8)])
def test_listing_quotes_the_dates_of_its_day(day: date) -> None:
    listing = {p["key"]: p["services"] for p in persona_listing(day)}
    refund = listing["ue_refund_applied"]["unemployment_refund"]
    assert refund["reason"].startswith(f"{day - timedelta(days=7)} 已申请退支")
    assert f"{day.year} 年第 1 次" in listing["gov_biannual"]["gov_biannual_withdrawal"]["reason"]


def test_personas_seeded_before_the_day_was_kept_are_rebuilt(store: Store) -> None:
    with store.transaction() as tx:  # a database seeded by an older kiosk: fixed dates, no seeding day
        tx.execute(DemoSeed.__table__.delete())
    assert seeded_for(store) is None
    assert seed_demo(store, REFERENCE_DAY) == len(PERSONAS)
    assert _count(store, m.Person) == len(PERSONAS)
