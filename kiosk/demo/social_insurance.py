"""Demo personas of the social-insurance account services: flexible-employment suspension, paper
statement opt-out/resume, SI transfer-out voucher reprint, temporary-account upgrade.

`persona.data["social_insurance"]` (every key optional):
    {"paper_statements": [{"period": "202606", "paper": False, "changed_at": datetime}],
     "transfer_vouchers": [{<SiTransferVoucher columns>}],
     "temp_account": {<TempContributionAccount columns>},
     "upgrades": [{<TempAccountUpgrade columns>}]}

Dates are relative to the seeding day (kiosk/demo/builder.py). Outcomes that depend on the day
(the paper-statement window, the month of the hukou move) are listed for the seeding day, and
`dates` says how they change.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy.orm import Session

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.rules.si_accounts import paper_window_refusal
from kiosk.services.working_days import WorkingDayCalendar
from kiosk.store import models as m
from kiosk.store.tables.social_insurance import (PaperStatementSubscription, SiTransferVoucher,
                                                 TempAccountUpgrade, TempContributionAccount)

_SUSPEND = "flex_suspend"
_PAPER = "paper_statement_optout"
_REPRINT = "si_transfer_voucher_reprint"
_UPGRADE = "temp_account_upgrade"

_PAPER_DATES = ("仅每年 1 月 1 日至 6 月 30 日可办理，此期间各人结果不同；"
                "7 月 1 日至 12 月 31 日一律拒绝，并提示次年 1 月 1 日起办理")
_SUSPEND_DATES = "停止缴费月份取决于办理日：每月 18 日前办理当月起停止扣缴，18 日及以后次月起停止"

_NOT_FLEX = Expectation("refused", "不是灵活就业参保人员")
_NO_TRANSFER = Expectation("refused", "没有社会保险关系转出凭证的申请记录")
_NO_TEMP = Expectation("refused", "没有临时缴费账户")


SI5 = ("pension", "medical", "unemployment", "injury", "maternity")


def _hukou(**extra: object) -> dict:
    return {"social_insurance": {"temp_account": {"account_type": "temporary", "opened_on": date(2021, 3, 1),
                                                  **extra}}}


def _period(d: Days) -> str:
    """This year's statement (the one of the window 1 January – 30 June)."""
    return f"{d.year}06"


def _outside_window(d: Days, expected: dict[str, Expectation]) -> dict[str, Expectation]:
    """From 1 July to 31 December every paper-statement change is refused, whoever asks."""
    closed = paper_window_refusal(d.today)
    if closed is None or _PAPER not in expected:
        return expected
    return {**expected, _PAPER: Expectation("refused", f"{closed.reason}；{closed.next_step}", _PAPER_DATES)}


def _submitted(d: Days, day: date, serial: int, hour: int, minute: int) -> dict:
    """An upgrade application submitted on `day`, due three working days on."""
    return {"serial": d.serial(day, serial), "submitted_at": d.at(day, hour, minute),
            "due_on": WorkingDayCalendar().add_working_days(day, 3)}


def personas(d: Days) -> tuple[Persona, ...]:
    return tuple(dataclasses.replace(p, expected=_outside_window(d, p.expected)) for p in _personas(d))


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {key: _outside_window(d, e) for key, e in _expected(d).items()}


def _personas(d: Days) -> tuple[Persona, ...]:
    period, opt_out = _period(d), _opt_out(d)
    moved = d.this_month(15)
    pending, approved = d.day(-3, 29), d.day(-8, 3)
    next_month = d.day(1, 1)
    return (
        Persona(
            key="paper_opted_out", name="林晓燕", sex="2", birth=date(1987, 4, 22), sequence=214,
            category="enterprise", card_number="M00000201", password="361724", mobile="13912345201",
            insurances=tuple((k, "normal", date(2014, 3, 1)) for k in (*SI5, "housing_fund")),
            contribution_months=(d.month(-26), d.month(-3)), base="9000.00",
            data={"social_insurance": {"paper_statements": [
                {"period": f"{d.year - 1}06", "paper": False, "changed_at": d.at(date(d.year - 1, 2, 11), 9, 30)},
                {"period": period, "paper": False, "changed_at": d.at(date(d.year - 1, 12, 30), 14, 5)},
            ]}},
            expected={
                _PAPER: Expectation("completed", f"已退订 {period} 期纸质权益单，参保状态正常，可恢复订阅纸质", _PAPER_DATES),
                _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
            },
        ),
        Persona(
            key="paper_optout_suspended", name="徐建国", sex="1", birth=date(1980, 9, 15), sequence=225,
            category="enterprise", insured_status="suspended", card_number="M00000202", password="502918",
            mobile="13912345202",
            insurances=tuple((k, "suspended", date(2010, 5, 1)) for k in SI5),
            contribution_months=("2022-01", "2025-06"), base="7500.00",
            data={"social_insurance": {"paper_statements": [
                {"period": period, "paper": False, "changed_at": d.at(date(d.year - 1, 12, 30), 10, 0)},
            ]}},
            expected={
                _PAPER: Expectation("refused", f"已退订 {period} 期纸质权益单，参保状态为暂停缴费，不能恢复订阅纸质",
                                    _PAPER_DATES),
                _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
            },
        ),
        Persona(
            key="si_transfer_applied", name="黄佳慧", sex="2", birth=date(1991, 2, 8), sequence=236,
            category="enterprise", insured_status="stopped", card_number="M00000203", password="847135",
            mobile="13912345203",
            insurances=tuple((k, "stopped", date(2016, 7, 1)) for k in ("pension", "medical", "unemployment")),
            contribution_months=("2016-07", "2025-09"), base="10000.00",
            data={"social_insurance": {"transfer_vouchers": [
                {"kind": "pension", "applied_on": d.day(-4, 10), "destination": "上海市"},
                {"kind": "medical", "applied_on": d.day(-4, 10), "destination": "上海市"},
            ]}},
            expected={
                _REPRINT: Expectation("completed", "已申请养老、医疗保险转出凭证，均未转出，两种凭证都可补打印"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _UPGRADE: _NO_TEMP,
            },
        ),
        Persona(
            key="si_transfer_partial", name="马志远", sex="1", birth=date(1983, 12, 1), sequence=253,
            category="enterprise", insured_status="stopped", card_number="M00000204", password="629041",
            mobile="13912345204",
            insurances=(("pension", "transferred_out", date(2013, 4, 1)), ("medical", "stopped", date(2013, 4, 1))),
            contribution_months=("2021-01", "2025-08"), base="8500.00",
            data={"social_insurance": {"transfer_vouchers": [
                {"kind": "pension", "applied_on": d.day(-5, 15), "destination": "浙江省杭州市",
                 "transferred_out_on": d.day(-3, 20)},
                {"kind": "medical", "applied_on": d.day(-5, 15), "destination": "浙江省杭州市"},
            ]}},
            expected={
                _REPRINT: Expectation("completed", "养老保险已转出（其凭证灰显不可选），可补打印基本医疗保障参保（合）凭证"),
                _PAPER: Expectation("completed", "医疗保险仍有园区记录，当期默认纸质投递，可确认退订纸质", _PAPER_DATES),
                _SUSPEND: _NOT_FLEX, _UPGRADE: _NO_TEMP,
            },
        ),
        Persona(
            key="si_transfer_done", name="郑秀兰", sex="2", birth=date(1979, 6, 25), sequence=264,
            category="enterprise", insured_status="transferred_out", card_number="M00000205", password="183562",
            mobile="13912345205",
            insurances=(("pension", "transferred_out", date(2008, 1, 1)), ("medical", "transferred_out", date(2008, 1, 1))),
            contribution_months=("2020-01", "2025-05"), base="7000.00",
            data={"social_insurance": {"transfer_vouchers": [
                {"kind": "pension", "applied_on": d.day(-9, 18), "destination": "南京市",
                 "transferred_out_on": d.day(-7, 29)},
                {"kind": "medical", "applied_on": d.day(-9, 18), "destination": "南京市",
                 "transferred_out_on": d.day(-7, 29)},
            ]}},
            expected={
                _REPRINT: Expectation("refused", "养老、医疗保险均已由中心办理转出，凭证无法补打印"),
                _PAPER: Expectation("refused", "园区参保均已转出，没有园区参保记录", _PAPER_DATES),
                _SUSPEND: _NOT_FLEX, _UPGRADE: _NO_TEMP,
            },
        ),
        Persona(
            key="temp_account_holder", name="李明轩", sex="1", birth=date(1993, 7, 19), sequence=275,
            category="enterprise", card_number="M00000206", password="740395", mobile="13912345206",
            insurances=tuple((k, "normal", date(2021, 3, 1)) for k in SI5),
            contribution_months=(d.month(-26), d.month(-3)), base="7000.00",
            data=_hukou(hukou_moved_on=d.day(-4, 20), hukou_address="苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室"),
            expected={
                _UPGRADE: Expectation("pending_review", f"户籍于 {d.day(-4, 20)} 迁入园区，次月起可申请；中心 3 个工作日内审核"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER,
            },
        ),
        Persona(
            key="temp_account_just_moved", name="王雨桐", sex="2", birth=date(1996, 10, 3), sequence=286,
            category="enterprise", card_number="M00000207", password="915263", mobile="13912345207",
            insurances=tuple((k, "normal", date(2022, 9, 1)) for k in SI5),
            contribution_months=(d.month(-26), d.month(-3)), base="6500.00",
            data=_hukou(hukou_moved_on=moved, hukou_address="苏州工业园区斜塘街道星塘街 120 号 5 幢 1101 室"),
            expected={
                _UPGRADE: Expectation("refused", f"户籍于 {moved} 迁入园区，迁入当月不能申请（次月起）",
                                      f"{moved.year} 年 {moved.month} 月内拒绝（迁入当月）；{next_month} 起可提交申请，"
                                      "结果为待审核"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER,
            },
        ),
        Persona(
            key="temp_account_no_hukou", name="陈浩然", sex="1", birth=date(1990, 1, 27), sequence=297,
            category="enterprise", sip_hukou=False, card_number="M00000208", password="438170", mobile="13912345208",
            insurances=tuple((k, "normal", date(2019, 6, 1)) for k in SI5),
            contribution_months=(d.month(-26), d.month(-3)), base="8000.00",
            data=_hukou(),
            expected={
                _UPGRADE: Expectation("refused", "临时缴费账户，但户籍未迁入园区"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER,
            },
        ),
        Persona(
            key="temp_account_pending", name="赵静怡", sex="2", birth=date(1992, 5, 14), sequence=208,
            category="enterprise", card_number="M00000209", password="276849", mobile="13912345209",
            insurances=tuple((k, "normal", date(2020, 4, 1)) for k in SI5),
            contribution_months=(d.month(-26), d.month(-3)), base="7200.00",
            data={"social_insurance": {
                "temp_account": {"account_type": "temporary", "opened_on": date(2020, 4, 1),
                                 "hukou_moved_on": d.day(-5, 9),
                                 "hukou_address": "苏州工业园区胜浦街道吴淞江大道 9 号 2 幢 603 室"},
                "upgrades": [{**_submitted(d, pending, 7, 15, 20), "status": "pending",
                              "hukou_address": "苏州工业园区胜浦街道吴淞江大道 9 号 2 幢 603 室", "mobile": "13912345209"}],
            }},
            expected={
                _UPGRADE: Expectation("refused", f"已于 {pending} 提交申请，中心正在审核，不能重复提交"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER,
            },
        ),
        Persona(
            key="temp_account_upgraded", name="孙志刚", sex="1", birth=date(1986, 11, 30), sequence=219,
            category="enterprise", card_number="M00000210", password="591307", mobile="13912345210",
            insurances=tuple((k, "normal", date(2018, 2, 1)) for k in SI5),
            contribution_months=(d.month(-26), d.month(-3)), base="9500.00",
            data={"social_insurance": {
                "temp_account": {"account_type": "general", "opened_on": date(2018, 2, 1),
                                 "hukou_moved_on": d.day(-9, 10),
                                 "hukou_address": "苏州工业园区娄葑街道东环路 1500 号 7 幢 301 室"},
                "upgrades": [{**_submitted(d, approved, 4, 10, 40), "status": "approved",
                              "hukou_address": "苏州工业园区娄葑街道东环路 1500 号 7 幢 301 室", "mobile": "13912345210"}],
            }},
            expected={
                _UPGRADE: Expectation("refused", f"{approved.year} 年已审核通过，账户已是一般账户"),
                _PAPER: opt_out, _SUSPEND: _NOT_FLEX, _REPRINT: _NO_TRANSFER,
            },
        ),
    )

def _opt_out(d: Days) -> Expectation:
    return Expectation("completed", f"当期（{_period(d)} 期）默认纸质投递，可确认退订纸质", _PAPER_DATES)


def _expected(d: Days) -> dict[str, dict[str, Expectation]]:
    opt_out = _opt_out(d)
    return {
        "flex_normal": {
            _SUSPEND: Expectation("completed", "园区灵活就业正常参保缴费，可中断参保", _SUSPEND_DATES),
            _PAPER: opt_out, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
        },
        "flex_suspended": {
            _SUSPEND: Expectation("refused", "灵活就业参保已中断，不是正常缴费状态"),
            _PAPER: Expectation("completed", "暂停缴费也可退订纸质（恢复订阅才需参保状态正常）", _PAPER_DATES),
            _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
        },
        "enterprise_employee": {_SUSPEND: _NOT_FLEX, _PAPER: opt_out, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP},
        "institution_staff": {
            _SUSPEND: _NOT_FLEX,
            _PAPER: Expectation("completed", "机关事业单位参保人员，当期默认纸质投递，可确认退订纸质", _PAPER_DATES),
            _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
        },
        "retiree_resettled": {_SUSPEND: _NOT_FLEX, _PAPER: opt_out, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP},
        "remote_registered": {_SUSPEND: _NOT_FLEX, _PAPER: opt_out, _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP},
        "no_sip_record": {
            _SUSPEND: _NOT_FLEX,
            _PAPER: Expectation("refused", "没有园区参保记录", _PAPER_DATES),
            _REPRINT: _NO_TRANSFER, _UPGRADE: _NO_TEMP,
        },
    }


def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes a persona's paper-statement, transfer-voucher and temporary-account rows."""
    data = persona.data.get("social_insurance")
    if not data:
        return
    for statement in data.get("paper_statements", ()):
        tx.add(PaperStatementSubscription(person_id=person.id, **statement))
    for voucher in data.get("transfer_vouchers", ()):
        tx.add(SiTransferVoucher(person_id=person.id, **voucher))
    if "temp_account" in data:
        tx.add(TempContributionAccount(person_id=person.id, **data["temp_account"]))
    for upgrade in data.get("upgrades", ()):
        tx.add(TempAccountUpgrade(person_id=person.id, **upgrade))
