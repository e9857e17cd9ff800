"""A frozen snapshot of what the rules may know about the logged-in person.

Loaded once when a service opens (off the GUI thread; the session keeps it for the service's
checks and prints) and again inside the submitting transaction, so the wizard runs without the
database and the submission sees fresh data. Only the domains the service needs are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import KioskConfig
from kiosk.services.idnumber import mask
from kiosk.services.registry import FACTS
from kiosk.store import models as m

CATEGORY_LABELS = {
    "enterprise": "企业职工",
    "flexible": "灵活就业人员",
    "institution": "机关事业单位人员",
    "resident_medical": "居民医保参保人员",
}
INSURANCE_LABELS = {
    "pension": "养老保险",
    "medical": "医疗保险",
    "unemployment": "失业保险",
    "injury": "工伤保险",
    "maternity": "生育保险",
    "housing_fund": "住房公积金",
}
STATUS_LABELS = {"normal": "正常参保", "suspended": "暂停缴费", "stopped": "终止参保",
                 "transferred_out": "已转出"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonRecord(_Frozen):
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    mobile: str | None
    address: str | None
    category: str
    retired: bool
    insured_status: str
    sip_hukou: bool
    face_ref: str | None

    @property
    def masked_id(self) -> str:
        return mask(self.id_number)

    @property
    def masked_mobile(self) -> str:
        return f"{self.mobile[:3]}****{self.mobile[-4:]}" if self.mobile else "未登记"


class InsuranceRecord(_Frozen):
    kind: str
    status: str
    since: date


class FlexRecord(_Frozen):
    package_code: str
    grade_code: str
    status: str
    effective_from: str


class RemoteMedicalRecord(_Frozen):
    id: int
    reason: str
    place: str
    address: str
    contact_mobile: str
    start_date: date
    end_date: date
    status: str
    serial: str | None


class Profile(_Frozen):
    person: PersonRecord
    insurances: tuple[InsuranceRecord, ...] = ()
    flex: FlexRecord | None = None
    remote_medical: tuple[RemoteMedicalRecord, ...] = ()
    # One frozen model per domain that registered a FACTS loader (kiosk/services/rules/<domain>.py).
    facts: dict[str, Any] = {}

    def insurance(self, kind: str) -> InsuranceRecord | None:
        return next((i for i in self.insurances if i.kind == kind), None)

    def fact(self, name: str) -> Any:
        try:
            return self.facts[name]
        except KeyError:
            raise LookupError(f"facts {name!r} not loaded: add it to the service spec's needs") from None


@dataclass(frozen=True)
class ServiceContext:
    """What every rule receives: the person, the time, the config."""

    profile: Profile
    now: datetime
    config: KioskConfig

    @property
    def person(self) -> PersonRecord:
        return self.profile.person

    @property
    def today(self) -> date:
        return self.now.date()

    def fact(self, name: str) -> Any:
        return self.profile.fact(name)


def load_profile(tx: Session, person_id: int, needs: Iterable[str] | None = None) -> Profile:
    """The person and the facts of the domains in `needs` (a service's `needs`; None: every domain)."""
    person = tx.get(m.Person, person_id)
    if person is None:
        raise LookupError(f"person {person_id} not found")
    record = PersonRecord.model_validate(person, from_attributes=True)
    insurances = tx.scalars(select(m.Insurance).where(m.Insurance.person_id == person_id)).all()
    flex = tx.get(m.FlexEnrolment, person_id)
    registrations = tx.scalars(
        select(m.RemoteMedicalRegistration).where(m.RemoteMedicalRegistration.person_id == person_id)
        .order_by(m.RemoteMedicalRegistration.id)
    ).all()
    return Profile(
        person=record,
        insurances=tuple(InsuranceRecord.model_validate(i, from_attributes=True) for i in insurances),
        flex=FlexRecord.model_validate(flex, from_attributes=True) if flex else None,
        remote_medical=tuple(RemoteMedicalRecord.model_validate(r, from_attributes=True)
                             for r in registrations),
        facts={name: loader(tx, person_id) for name, loader in FACTS.items() if needs is None or name in needs},
    )
