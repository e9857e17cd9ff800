"""What a demo persona is: a fictional resident and the outcome each service is built to reach.

Personas are built for a day (kiosk/demo/builder.py): their dates are relative to it, so each listed
outcome holds when the kiosk runs on that day; where a rule itself depends on the date, `dates` says how.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.services.idnumber import check_digit


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """A valid 18-digit number (fictional: region + birth date + sequence + GB 11643 check digit)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


@dataclass(frozen=True)
class Expectation:
    outcome: str  # completed | refused | pending_review
    reason: str
    dates: str = ""


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    sex: str
    birth: date
    sequence: int
    category: str
    card_number: str
    password: str
    mobile: str = "13800000000"
    address: str = "苏州工业园区星湖街 328 号"
    retired: bool = False
    insured_status: str = "normal"
    sip_hukou: bool = True
    insurances: tuple[tuple[str, str, date], ...] = ()  # (kind, status, since)
    contribution_months: tuple[str, str] | None = None  # first, last YYYY-MM
    employer: str = "苏州星湖精密制造有限公司"
    base: str = "8000.00"
    flex: tuple[str, str, str, str] | None = None  # package, grade, status, effective_from
    remote_medical: tuple[tuple[str, str, date, date, str], ...] = ()  # reason, place, start, end, status
    card_status: str = "normal"
    expected: dict[str, Expectation] = field(default_factory=dict)
    # Domain data for the domain seeders (kiosk/demo/<domain>.py), keyed by domain.
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def id_number(self) -> str:
        return make_id_number("320571", self.birth, self.sequence)
