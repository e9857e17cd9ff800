"""The demo personas: what the seed writes, and that seeding twice changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kiosk.services.idnumber import is_valid, mask
from kiosk.services.passwords import verify_password
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.demo_personas import BY_KEY, PERSONAS, make_id_number
from kiosk.store.seed import persona_listing, seed_demo


def _count(store: Store, model: type) -> int:
    with store.transaction() as tx:
        return tx.scalar(select(func.count()).select_from(model))


def test_seeding_again_adds_nothing(store: Store) -> None:
    before = {model: _count(store, model) for model in (m.Person, m.Insurance, m.Contribution, m.CitizenCard,
                                                          m.Credential, m.FlexEnrolment, m.RemoteMedicalRegistration)}
    assert seed_demo(store) == 0
    assert {model: _count(store, model) for model in before} == before
    assert before[m.Person] == len(PERSONAS)


def test_seed_into_an_empty_database(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path}/nested/dir/k.sqlite")
    try:
        assert seed_demo(store) == len(PERSONAS)
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
    listing = persona_listing()
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
