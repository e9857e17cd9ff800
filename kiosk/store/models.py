"""The tables. One row type per thing the centre keeps; business rules live in kiosk/services."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.store.types import CSTDateTime, Money


class Base(DeclarativeBase):
    pass


class Person(Base):
    """An insured person as the centre knows them."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(1))  # GB/T 2261.1: 1 male, 2 female
    birth_date: Mapped[date] = mapped_column(Date)
    mobile: Mapped[str | None] = mapped_column(String(11))
    address: Mapped[str | None] = mapped_column(String(120))
    # enterprise | flexible | institution | resident_medical (SERVICES.md categories)
    category: Mapped[str] = mapped_column(String(20))
    retired: Mapped[bool] = mapped_column(default=False)
    # normal | suspended | stopped | transferred_out
    insured_status: Mapped[str] = mapped_column(String(20), default="normal")
    sip_hukou: Mapped[bool] = mapped_column(default=False)
    # key of the enrolled face the (simulated) verifier compares against
    face_ref: Mapped[str | None] = mapped_column(String(64))
    demo_key: Mapped[str | None] = mapped_column(String(40), unique=True)

    insurances: Mapped[list[Insurance]] = relationship(back_populates="person")


class Insurance(Base):
    """One insurance line of a person (pension, medical, …) and its status."""

    __tablename__ = "insurances"
    __table_args__ = (UniqueConstraint("person_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    # pension | medical | unemployment | injury | maternity | housing_fund
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="normal")
    since: Mapped[date] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="insurances")


class Contribution(Base):
    """A month's contribution for one insurance: the rows of a 参保明细."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    kind: Mapped[str] = mapped_column(String(20))
    base: Mapped[Decimal] = mapped_column(Money)
    personal: Mapped[Decimal] = mapped_column(Money)
    employer: Mapped[Decimal] = mapped_column(Money)
    employer_name: Mapped[str] = mapped_column(String(80))


class FlexEnrolment(Base):
    """A flexible-employment person's package and grade."""

    __tablename__ = "flex_enrolments"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    package_code: Mapped[str] = mapped_column(String(40))
    grade_code: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="normal")  # normal | suspended
    effective_from: Mapped[str] = mapped_column(String(7))  # YYYY-MM of the current package/grade


class FlexChange(Base):
    """History of package/grade changes (what was asked, when it takes effect)."""

    __tablename__ = "flex_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32))
    from_package: Mapped[str] = mapped_column(String(40))
    from_grade: Mapped[str] = mapped_column(String(10))
    to_package: Mapped[str] = mapped_column(String(40))
    to_grade: Mapped[str] = mapped_column(String(10))
    effective_month: Mapped[str] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)


class RemoteMedicalRegistration(Base):
    """异地就医登记备案."""

    __tablename__ = "remote_medical_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(30))  # retiree_resettled | long_term_residence
    place: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(120))
    contact_mobile: Mapped[str] = mapped_column(String(11))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | cancelled
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)


class CitizenCard(Base):
    """社会保障·市民卡: the card number read from EF05 identifies the holder."""

    __tablename__ = "citizen_cards"

    card_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="normal")  # normal | lost


class Credential(Base):
    """The centre's query password (scrypt hash) and its lockout counter."""

    __tablename__ = "credentials"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(CSTDateTime)
    updated_at: Mapped[datetime] = mapped_column(CSTDateTime)


class Submission(Base):
    """A completed or pending business, one row per serial number."""

    __tablename__ = "submissions"

    serial: Mapped[str] = mapped_column(String(32), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(40), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # completed | pending_review
    answers: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    effective: Mapped[str | None] = mapped_column(String(10))
    due_date: Mapped[date | None] = mapped_column(Date)
    terminal_id: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(CSTDateTime, index=True)


class AuditEntry(Base):
    """Who did what at this terminal. Never holds a password or a full ID number.

    Rows of one terminal form a hash chain (`seq`, `prev_hash`, `hash`; kiosk/store/audit_chain.py):
    an edited or deleted row breaks it.
    """

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(CSTDateTime, index=True)
    terminal_id: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    action: Mapped[str] = mapped_column(String(40))
    service_id: Mapped[str | None] = mapped_column(String(40))
    serial: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")


class AuditHead(Base):
    """The last link of a terminal's audit chain: deleting the newest rows shows against it."""

    __tablename__ = "audit_heads"

    terminal_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class PrintJob(Base):
    """The print journal: written with the business, printed after commit, reprintable."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), index=True)
    terminal_id: Mapped[str] = mapped_column(String(20), index=True)  # whose start-up retries it
    kind: Mapped[str] = mapped_column(String(10))  # receipt | report
    title: Mapped[str] = mapped_column(String(80))
    document: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | printed | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(CSTDateTime)


class SmsMessage(Base):
    """The SMS outbox: queued with the business, sent by the gateway adapter."""

    __tablename__ = "sms_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str | None] = mapped_column(String(32), index=True)
    terminal_id: Mapped[str] = mapped_column(String(20), index=True)  # whose start-up retries it
    mobile: Mapped[str] = mapped_column(String(11))
    # A verification code is kept masked (验证码 ******): only the gateway ever sees the digits.
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="queued")  # queued | sending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(CSTDateTime)  # when a process took it to send
    sent_at: Mapped[datetime | None] = mapped_column(CSTDateTime)


class SerialCounter(Base):
    """Business serial sequence per day and terminal number, incremented atomically.

    Keyed by the three terminal digits the serial carries, so two terminal ids that share them
    (or two processes sharing one id) still draw from one sequence.
    """

    __tablename__ = "serial_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    terminal: Mapped[str] = mapped_column(String(3), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class StaffPinLock(Base):
    """Wrong staff PINs at one terminal and the lock they caused: it outlives a restart."""

    __tablename__ = "staff_pin_locks"

    terminal_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(CSTDateTime)
