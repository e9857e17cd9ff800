"""Social-insurance account tables: paper statement subscriptions, SI transfer-out voucher
applications, and the temporary contribution account with its upgrade applications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime


class PaperStatementSubscription(Base):
    """个人权益记录单 delivery for one person and one statement period.

    No row means paper: the guide says 个人权益记录单默认以纸质形式发放, and an opt-out or a
    resumption applies only to its own period (操作均仅限当期权益记录单).
    """

    __tablename__ = "paper_statement_subscriptions"
    __table_args__ = (UniqueConstraint("person_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    period: Mapped[str] = mapped_column(String(6))  # YYYY06: 1 July of YYYY-1 to 30 June of YYYY
    paper: Mapped[bool] = mapped_column(default=True)  # False: 已退订纸质
    serial: Mapped[str | None] = mapped_column(String(32))  # the business that last changed it
    changed_at: Mapped[datetime] = mapped_column(CSTDateTime)


class SiTransferVoucher(Base):
    """社会保险关系转出: a person's application for a transfer-out voucher of one insurance."""

    __tablename__ = "si_transfer_vouchers"
    __table_args__ = (UniqueConstraint("person_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # pension (基本养老保险) | medical (基本医疗保障)
    applied_on: Mapped[date] = mapped_column(Date)
    destination: Mapped[str] = mapped_column(String(60))  # 转入地
    # Set once the centre has transferred the insurance out: its voucher can no longer be reprinted.
    transferred_out_on: Mapped[date | None] = mapped_column(Date)
    reprints: Mapped[int] = mapped_column(Integer, default=0)
    last_reprinted_at: Mapped[datetime | None] = mapped_column(CSTDateTime)

    @property
    def transferred_out(self) -> bool:
        return self.transferred_out_on is not None


class TempContributionAccount(Base):
    """临时缴费账户: a contribution account opened for someone without SIP hukou."""

    __tablename__ = "temp_contribution_accounts"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    account_type: Mapped[str] = mapped_column(String(12), default="temporary")  # temporary | general
    opened_on: Mapped[date] = mapped_column(Date)
    hukou_moved_on: Mapped[date | None] = mapped_column(Date)  # day the hukou moved into SIP
    hukou_address: Mapped[str | None] = mapped_column(String(120))  # as the centre has it


class TempAccountUpgrade(Base):
    """临时缴费账户维护: an application to make the temporary account a general one."""

    __tablename__ = "temp_account_upgrades"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    hukou_address: Mapped[str] = mapped_column(String(120))
    mobile: Mapped[str] = mapped_column(String(11))
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | approved | rejected
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    due_on: Mapped[date] = mapped_column(Date)
