"""Unemployment-insurance tables (SERVICES.md rows 7 and 8).

失业金退支申请: the benefit paid month by month (four items), the overlaps the centre found (the
guide's three 适用对象), the designated account refunds are paid into, and each application made.
失业保险关系接收函开具: the facts of the last job, what is transferable from outside SIP, the
transfer-out institutions a resident may pick, and each letter issued.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money

# --- 失业金退支申请 ---------------------------------------------------------------------------


class UnemploymentBenefitMonth(Base):
    """What SIP paid a person for one month of unemployment benefit, item by item (yuan).

    The guide (注意事项 3): 失业金退支的项目包括当月已领取的失业金、临时物价补贴、失业金补差金额以及
    失业门诊补助 — the four columns below.
    """

    __tablename__ = "unemployment_benefit_months"
    __table_args__ = (UniqueConstraint("person_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    benefit: Mapped[Decimal] = mapped_column(Money)  # 失业金
    price_subsidy: Mapped[Decimal] = mapped_column(Money)  # 临时物价补贴
    top_up: Mapped[Decimal] = mapped_column(Money)  # 失业金补差
    outpatient: Mapped[Decimal] = mapped_column(Money)  # 失业门诊补助


class UnemploymentRefundCase(Base):
    """Benefit months the centre found overlapping with employment: they must be refunded.

    `situation` is which of the guide's 适用对象 applies: `sip_employer` (found when applying for
    benefit: an SIP employer paid those months), `outside_employer` (found when transferring
    benefit out: an employer outside SIP paid them), `labour_contract` (an employer reported a
    labour contract starting in a benefit month). The months to refund are `first_month` to
    `last_month`, both included. The counter closes the case (`settled`) once the bank slip is in.
    """

    __tablename__ = "unemployment_refund_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    situation: Mapped[str] = mapped_column(String(20))
    employer: Mapped[str] = mapped_column(String(80))  # the employer whose contributions or contract overlap
    found_on: Mapped[date] = mapped_column(Date)
    first_month: Mapped[str] = mapped_column(String(7))
    last_month: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | settled


class UnemploymentRefundAccount(Base):
    """The centre's designated bank account refunds are paid into at a bank counter (one row)."""

    __tablename__ = "unemployment_refund_accounts"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    payee: Mapped[str] = mapped_column(String(80))  # 收款单位
    bank: Mapped[str] = mapped_column(String(80))  # 开户银行
    account_number: Mapped[str] = mapped_column(String(40))


class UnemploymentRefundApplication(Base):
    """One 失业金退支申请 made at a kiosk, i.e. one 《苏州工业园区失业金退支申请表》 printed.

    `applied_on` is the calendar day (CST) of `applied_at`: the 7-day rule counts from it.
    """

    __tablename__ = "unemployment_refund_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    situation: Mapped[str] = mapped_column(String(60))  # the cases' situations, comma-separated
    first_month: Mapped[str] = mapped_column(String(7))
    last_month: Mapped[str] = mapped_column(String(7))
    months: Mapped[int] = mapped_column(Integer)
    total: Mapped[Decimal] = mapped_column(Money)
    applied_on: Mapped[date] = mapped_column(Date, index=True)
    applied_at: Mapped[datetime] = mapped_column(CSTDateTime)


# --- 失业保险关系接收函开具 ----------------------------------------------------------------------


class UnemploymentEmployment(Base):
    """The last job before unemployment, as the centre assessed it for the receiving letter.

    Hukou is `persons.sip_hukou`.
    """

    __tablename__ = "unemployment_employments"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    last_insured_in_sip: Mapped[bool] = mapped_column(default=True)  # 最后参保地为园区
    benefit_entitled: Mapped[bool] = mapped_column(default=True)  # 符合在园区领取失业金条件
    last_employer: Mapped[str] = mapped_column(String(80))
    first_paid_month: Mapped[str] = mapped_column(String(7))  # the last employer's contributions
    last_paid_month: Mapped[str] = mapped_column(String(7))
    months_paid: Mapped[int] = mapped_column(Integer)
    left_job_on: Mapped[date] = mapped_column(Date)  # 离职日期


class UnemploymentTransferable(Base):
    """Unemployment insurance or benefit outside SIP that may be transferred in and merged.

    `kind`: `relation` (失业保险关系: contribution months) or `benefit` (失业保险待遇: benefit
    not yet drawn). `returns_to_hukou`: the transfer-out place's policy sends the benefit back to
    the hukou place (the guide's 注意事项 1).
    """

    __tablename__ = "unemployment_transferables"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    place: Mapped[str] = mapped_column(String(20))  # e.g. 上海市, 昆山市
    in_suzhou_city: Mapped[bool] = mapped_column(default=False)  # 苏州大市范围内
    months: Mapped[int] = mapped_column(Integer)  # contribution months, or benefit months left
    returns_to_hukou: Mapped[bool] = mapped_column(default=False)


class UnemploymentInstitution(Base):
    """An unemployment-insurance institution outside SIP a letter may be addressed to (转出地机构)."""

    __tablename__ = "unemployment_institutions"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    place: Mapped[str] = mapped_column(String(20))  # matches UnemploymentTransferable.place
    sort: Mapped[int] = mapped_column(Integer, default=0)


class UnemploymentTransferLetter(Base):
    """One 《苏州工业园区失业保险关系接收函》 issued.

    The guide (注意事项 3): 当天最多可开具 5 次. The handler counts the day's letters under the
    person's row lock; `seq_of_day` (1–5, unique a person a day) backs that up in the database.
    """

    __tablename__ = "unemployment_transfer_letters"
    __table_args__ = (UniqueConstraint("person_id", "issued_on", "seq_of_day"),
                      CheckConstraint("seq_of_day BETWEEN 1 AND 5", name="ck_unemployment_letter_per_day"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    issued_on: Mapped[date] = mapped_column(Date)  # calendar day (CST)
    seq_of_day: Mapped[int] = mapped_column(Integer)
    institution_code: Mapped[str] = mapped_column(String(20))
    institution_name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
