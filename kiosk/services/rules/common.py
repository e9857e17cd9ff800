"""Providers and field rules that several services share."""

from __future__ import annotations

from datetime import date

from kiosk.printing.document import DocLine, DocSection, Document
from kiosk.services.profile import CATEGORY_LABELS, INSURANCE_LABELS, STATUS_LABELS, ServiceContext
from kiosk.services.registry import DETAILS, FIELD_RULES, PREFILL
from kiosk.services.working_days import DueDate, calendar_from_config


@DETAILS.register("person_basic")
def person_basic(ctx: ServiceContext) -> list[tuple[str, str]]:
    """The check-your-details lines every service starts with (ID masked)."""
    p = ctx.person
    return [
        ("姓名", p.name),
        ("证件号码", p.masked_id),
        ("人员类别", CATEGORY_LABELS.get(p.category, p.category) + ("（退休）" if p.retired else "")),
        ("参保状态", STATUS_LABELS.get(p.insured_status, p.insured_status)),
        ("预留手机", p.masked_mobile),
    ]


@DETAILS.register("person_insurances")
def person_insurances(ctx: ServiceContext) -> list[tuple[str, str]]:
    lines = person_basic(ctx)[:3]
    for ins in ctx.profile.insurances:
        lines.append((INSURANCE_LABELS.get(ins.kind, ins.kind),
                      f"{STATUS_LABELS.get(ins.status, ins.status)}，{ins.since:%Y-%m} 起"))
    return lines


@PREFILL.register("person_mobile")
def person_mobile(ctx: ServiceContext) -> str | None:
    return ctx.person.mobile


@PREFILL.register("today")
def today(ctx: ServiceContext) -> date:
    return ctx.today


@FIELD_RULES.register("not_before_today")
def not_before_today(value: date, ctx: ServiceContext) -> str | None:
    return "日期不能早于今天" if value < ctx.today else None


def due_date(ctx: ServiceContext, working_days: int) -> DueDate:
    """The Nth Chinese working day after today (SERVICES.md: the submission day never counts),
    marked as an estimate when counted over a year with no published holiday schedule."""
    return calendar_from_config(ctx.config).due(ctx.today, working_days)


def recorded_due(ctx: ServiceContext, submitted: date, due: date) -> DueDate:
    """A stored due date as the resident reads it today: still an estimate while its years are."""
    return DueDate(due, calendar_from_config(ctx.config).is_estimate(submitted, due))


def month_label(month: str) -> str:
    """'2026-04' → '2026 年 4 月'."""
    year, mon = month.split("-")
    return f"{year} 年 {int(mon)} 月"


def voucher(ctx: ServiceContext, serial: str, service_title: str, lines: list[tuple[str, str]],
            *, footer: tuple[str, ...] = ()) -> Document:
    """The 业务办结凭证 receipt every instant business prints."""
    return Document(
        kind="receipt", title="业务办结凭证", serial=serial, issued_at=ctx.now,
        holder_name=ctx.person.name, holder_id_masked=ctx.person.masked_id,
        sections=(DocSection(lines=(DocLine(label="业务名称", value=service_title, bold=True),
                                    *(DocLine(label=k, value=v) for k, v in lines))),),
        footer=footer + (f"自助终端：{ctx.config.kiosk.terminal_id}", "请妥善保管本凭证。"),
    )
