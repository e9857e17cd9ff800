"""Demo personas of remote medical cancellation and the resident-medical one-off withdrawal.

Dates are relative to the seeding day (kiosk/demo/builder.py); no outcome here depends on the day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from kiosk.demo.builder import Days
from kiosk.demo.core import registration_text
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.formatting import add_months
from kiosk.store import models as m
from kiosk.store.tables.medical import ResidentMedicalAccount

_CANCEL = "remote_medical_cancel"
_WITHDRAW = "resident_medical_withdrawal"
_NO_REGISTRATION = Expectation("refused", "没有有效的异地就医登记，无需撤销")
_NOT_RESIDENT = Expectation("refused", "不是居民医保参保人员")
_ARRIVAL = "预计到账日期为办理日后第 5 个工作日（节假日顺延）"


def personas(d: Days) -> tuple[Persona, ...]:
    lapsed = d.ago(76)  # a registration that ended (at the reference day: on 2025-12-31)
    cancelled = d.day(-12, 1)
    withdrawn = d.day(-9, 3)
    return (
        Persona(
            key="resident_retiree", name="孙美华", sex="2", birth=date(1970, 3, 9), sequence=902,
            category="resident_medical", retired=True, card_number="M00000301", password="394715",
            mobile="13912345901",
            insurances=(("medical", "normal", date(2016, 1, 1)),),
            data={"medical": {"balance": "3268.45", "retirement_approved_on": d.day(-5, 15)}},
            expected={
                _CANCEL: _NO_REGISTRATION,
                _WITHDRAW: Expectation("completed", "已办理企业职工退休审批，退休一次性提取 3,268.45 元", _ARRIVAL),
            },
        ),
        Persona(
            key="resident_transferred", name="钱文博", sex="1", birth=date(1990, 7, 21), sequence=901,
            category="resident_medical", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000302", password="603829", mobile="13912345902",
            insurances=(("medical", "transferred_out", date(2017, 1, 1)),),
            data={"medical": {"balance": "1520.30", "transferred_out_on": d.day(-6, 1),
                              "bound_card_bank": "中国银行", "bound_card_number": "6217856000012345678"}},
            expected={
                _CANCEL: _NO_REGISTRATION,
                _WITHDRAW: Expectation("completed", "已办理转出，转出一次性提取 1,520.30 元（可选已登记的其他银行卡）",
                                       _ARRIVAL),
            },
        ),
        Persona(
            key="resident_insured", name="冯晓燕", sex="2", birth=date(1988, 12, 5), sequence=904,
            category="resident_medical", card_number="M00000303", password="817264", mobile="13912345903",
            insurances=(("medical", "normal", date(2019, 1, 1)),),
            data={"medical": {"balance": "986.70"}},
            expected={
                _CANCEL: _NO_REGISTRATION,
                _WITHDRAW: Expectation("refused", "居民医保正常参保，没有企业职工退休审批或转出记录"),
            },
        ),
        Persona(
            key="resident_withdrawn", name="韩德明", sex="1", birth=date(1962, 2, 27), sequence=903,
            category="resident_medical", retired=True, card_number="M00000304", password="550731",
            mobile="13912345904",
            insurances=(("medical", "normal", date(2012, 1, 1)),),
            data={"medical": {"balance": "0.00", "retirement_approved_on": d.day(-10, 20),
                              "withdrawn_at": d.at(withdrawn, 10, 30)}},
            expected={
                _CANCEL: _NO_REGISTRATION,
                _WITHDRAW: Expectation("refused", f"余额已于 {withdrawn} 一次性提取，不能重复提取"),
            },
        ),
        Persona(
            key="remote_lapsed", name="何淑珍", sex="2", birth=date(1959, 8, 16), sequence=906,
            category="enterprise", retired=True, card_number="M00000305", password="946203", mobile="13912345905",
            insurances=(("pension", "normal", date(1991, 3, 1)), ("medical", "normal", date(1998, 1, 1))),
            contribution_months=("2012-01", "2014-08"), base="5000.00",
            # One registration has ended, one was cancelled: neither is in force.
            remote_medical=(
                ("retiree_resettled", "kunshan", date(lapsed.year - 2, 1, 1), lapsed, "active"),
                ("long_term_residence", "kunshan", cancelled, add_months(cancelled, 24) - timedelta(days=1), "cancelled"),
            ),
            expected={
                _CANCEL: Expectation("refused", f"登记已到期（{lapsed}）或已撤销，没有有效的登记可撤销"),
                _WITHDRAW: _NOT_RESIDENT,
                "remote_medical_register": Expectation("completed", "到期和已撤销的登记不妨碍重新登记"),
            },
        ),
    )


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        "flex_normal": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
        "flex_suspended": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
        "enterprise_employee": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
        "institution_staff": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
        "retiree_resettled": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
        "remote_registered": {
            _CANCEL: Expectation("completed", f"有效的异地就医登记（昆山市，{registration_text(d)}），撤销后短信通知"),
            _WITHDRAW: _NOT_RESIDENT,
        },
        "no_sip_record": {_CANCEL: _NO_REGISTRATION, _WITHDRAW: _NOT_RESIDENT},
    }


def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes the resident-medical personal account of a persona that has one."""
    data = persona.data.get("medical")
    if not data:
        return
    tx.add(ResidentMedicalAccount(
        person_id=person.id, balance=Decimal(data["balance"]),
        retirement_approved_on=data.get("retirement_approved_on"),
        transferred_out_on=data.get("transferred_out_on"),
        bound_card_bank=data.get("bound_card_bank"), bound_card_number=data.get("bound_card_number"),
        withdrawn_at=data.get("withdrawn_at"),
    ))
