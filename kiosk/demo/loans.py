"""Demo personas of the loan services: 异地贷款资格证明开具, 商贷主动摊还计划终止,
商贷还贷一年两次提取计划终止 and 中低收入家庭住房公积金贷款贴息.

Housing-fund data goes through `persona.data["housing_fund"]` (kiosk/demo/housing_fund.py);
this module seeds what the loan services themselves keep, from `persona.data["loans"]`:
    {"certificates": [{"issued_on": date, "centre_name": "…", "serial": "…"}],   # issued before
     "subsidy_claims": [{"loan_number": "…", "covered_year": 2025, "created_at": datetime,
                         "serial": "…"}]}                                        # claimed before
and, once, the list of housing-fund centres outside Suzhou city the certificate can be made out to
(a production database gets the centre's own list; with none, residents type the full name).

Dates are relative to the seeding day (kiosk/demo/builder.py). Two outcomes depend on the day by
design (see `dates`): a certificate issued earlier this month refuses a second one only in this month,
and the subsidy is accepted only in its window (`[subsidy]`, 1 January to 30 June by default): outside
it every subsidised loan is refused, and the listing says so for that day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import CST
from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.formatting import add_months
from kiosk.services.rules.loans import certificate_valid_until, subsidy_period
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import Loan, LoanRepayment
from kiosk.store.tables.loans import InterestSubsidyClaim, RemoteLoanCentre, RemoteLoanCertificate

CERT = "hf_remote_loan_certificate"
AMORT = "commercial_amortization_stop"
BIANN = "commercial_biannual_stop"
SUBSIDY = "hf_interest_subsidy"

# Centres outside Suzhou city that lend to SIP contributors (code, full name, city).
CENTRES: tuple[tuple[str, str, str], ...] = (
    ("shanghai", "上海市公积金管理中心", "上海市"),
    ("nanjing", "南京住房公积金管理中心", "南京市"),
    ("hangzhou", "杭州住房公积金管理中心", "杭州市"),
    ("wuxi", "无锡市住房公积金管理中心", "无锡市"),
    ("nantong", "南通市住房公积金管理中心", "南通市"),
    ("hefei", "合肥住房公积金管理中心", "合肥市"),
    ("ningbo", "宁波市住房公积金管理中心", "宁波市"),
    ("jiaxing", "嘉兴市住房公积金管理中心", "嘉兴市"),
)

_CERT_OK = Expectation("completed", "甲乙类或机关住房公积金正常缴存，本月未开具过，打印缴存使用证明（有效期 2 个月）")
_NO_ACCOUNT = Expectation("refused", "没有园区住房公积金账户")
_NO_AMORT = Expectation("refused", "没有正在执行的商业贷款主动摊还计划")
_NO_BIANN = Expectation("refused", "没有正在执行的商业贷款还贷一年两次提取计划")
_NO_LOAN = Expectation("refused", "没有作为主借款人的园区住房公积金贷款")
_NOT_SUBSIDISED = Expectation("refused", "园区公积金贷款所购不是政府保障性住房（非中低收入家庭），不能贴息")
_SUBSIDY_DATES = ("贴息每年受理期内（[subsidy] 配置，默认 1 月 1 日至 6 月 30 日）申请上一年度的贴息，"
                  "受理期外一律拒绝")
_NOTHING_HERE = {CERT: _NO_ACCOUNT, AMORT: _NO_AMORT, BIANN: _NO_BIANN, SUBSIDY: _NO_LOAN}
_ONLY_CERT = {CERT: _CERT_OK, AMORT: _NO_AMORT, BIANN: _NO_BIANN, SUBSIDY: _NO_LOAN}


def _account(d: Days, hf_class: str = "A", **extra: Any) -> dict[str, Any]:
    return {"hf_class": hf_class, "status": "normal", "opened_on": date(2012, 7, 1), "balance": "56380.00",
            "latest_paid_month": d.month(-1), **extra}


def _contributions(d: Days, amount: str = "2200.00", first: int = -38, last: int = -1) -> dict[str, str]:
    """Monthly deposits from `first` to `last` months from this month."""
    return {"from": d.month(first), "to": d.month(last), "amount": amount}


def _subsidy_end(disbursed_on: date) -> date:
    return add_months(disbursed_on, 36) - timedelta(days=1)


def _windowed(d: Days, subsidy: Expectation) -> Expectation:
    """Outside the subsidy window every subsidised loan is refused for that reason first."""
    if d.in_subsidy_window():
        return subsidy
    return Expectation("refused", f"今天不在贴息受理期内（每年 {d.subsidy.window_start} 至 {d.subsidy.window_end}）",
                       _SUBSIDY_DATES)


def _subsidised_loan(d: Days, house: str, disbursed_on: date, **extra: Any) -> dict[str, Any]:
    """An SIP housing-fund loan of a low-income family for government-subsidised housing, repaid up to
    the last instalment due."""
    address = f"苏州工业园区湖东安居苑 {int(house[-4:-2])} 幢 {house[-4:]} 室"  # H-HD-1202 → 12 幢 1202 室
    return {"lender": "sip_hf", "house_id": house, "house_address": address,
            "subsidised_housing": True, "low_income_family": True, "principal": "300000.00",
            "annual_rate": "0.0285", "term_months": 240, "disbursed_on": disbursed_on,
            "repaid_until": d.ago(1), **extra}


def _subsidy_persona(d: Days, key: str, name: str, sex: str, birth: date, sequence: int, card: str, password: str,
                     loan: dict[str, Any], subsidy: Expectation) -> Persona:
    return Persona(
        key=key, name=name, sex=sex, birth=birth, sequence=sequence, category="enterprise", card_number=card,
        password=password, mobile=f"139123466{card[-2:]}",
        insurances=(("housing_fund", "normal", date(2012, 7, 1)),),
        data={"housing_fund": {"account": _account(d), "contributions": _contributions(d), "loans": [loan]}},
        expected={CERT: _CERT_OK, AMORT: _NO_AMORT, BIANN: _NO_BIANN, SUBSIDY: _windowed(d, subsidy)},
    )


def personas(d: Days) -> tuple[Persona, ...]:
    last_year = d.year - 1
    old_loan, claimed_loan, family_loan = date(d.year - 5, 3, 10), date(d.year - 3, 9, 15), date(d.year - 2, 5, 20)
    new_loan, unpaid_loan = min(date(d.year, 1, 8), d.today), date(d.year - 2, 10, 25)
    issued, claimed = d.this_month(15), d.this_year(35)
    plans_stopped = d.day(-3, 5)
    return (
        Persona(
            key="hf_temporary", name="许梦洁", sex="2", birth=date(1993, 8, 22), sequence=134,
            category="enterprise", card_number="M00000601", password="371859", mobile="13912346601",
            insurances=(("housing_fund", "normal", date(2024, 9, 1)),),
            data={"housing_fund": {"account": _account(d, "temporary", opened_on=date(2024, 9, 1), balance="9120.00"),
                                   "contributions": _contributions(d, "760.00", -18)}},
            expected={CERT: Expectation("refused", "临时缴费账户，不是甲乙类或机关住房公积金"),
                      AMORT: _NO_AMORT, BIANN: _NO_BIANN, SUBSIDY: _NO_LOAN},
        ),
        Persona(
            key="sealed_old_loan", name="沈建国", sex="1", birth=date(1975, 12, 3), sequence=135,
            category="enterprise", card_number="M00000602", password="852617", mobile="13912346602",
            insurances=(("housing_fund", "suspended", date(2008, 4, 1)),),
            data={"housing_fund": {
                "account": _account(d, status="sealed", sealed_on=d.day(-9, 30), latest_paid_month=d.month(-10),
                                    opened_on=date(2008, 4, 1), balance="73215.60", employed_in_city=False),
                "contributions": _contributions(d, "2600.00", -50, -10),
                "loans": [_subsidised_loan(d, "H-HD-0310", old_loan)]}},
            expected={CERT: Expectation("refused", f"甲类账户已于 {d.day(-9, 30)} 封存，不是正常缴存"),
                      AMORT: _NO_AMORT, BIANN: _NO_BIANN,
                      SUBSIDY: _windowed(d, Expectation(
                          "refused", f"保障房公积金贷款 {old_loan} 发放，贴息期限至 {_subsidy_end(old_loan)} 已满"))},
        ),
        Persona(
            key="issued_and_claimed", name="陆佳怡", sex="2", birth=date(1990, 2, 11), sequence=136,
            category="enterprise", card_number="M00000603", password="429073", mobile="13912346603",
            insurances=(("housing_fund", "normal", date(2012, 7, 1)),),
            data={"housing_fund": {"account": _account(d), "contributions": _contributions(d),
                                   "loans": [_subsidised_loan(d, "H-HD-0707", claimed_loan, loan_number="DK-HD-0603")]},
                  "loans": {"certificates": [{"issued_on": issued, "centre_name": "南京住房公积金管理中心",
                                              "serial": d.serial(issued, 3)}],
                            "subsidy_claims": [{"loan_number": "DK-HD-0603", "covered_year": last_year,
                                                "created_at": d.at(claimed, 9, 30),
                                                "serial": d.serial(claimed, 7)}]}},
            expected={CERT: Expectation("refused", f"{issued} 已开具一份，同一自然月内只能开具一次",
                                        f"{d.year} 年 {d.today.month} 月内再开具被拒绝；其他月份（如 {d.day(1, 1)} 起）"
                                        "可以开具"),
                      AMORT: _NO_AMORT, BIANN: _NO_BIANN,
                      SUBSIDY: _windowed(d, Expectation("refused", f"{claimed} 已申请 {last_year} 年度贴息，每年只能申请一次"))},
        ),
        Persona(
            key="commercial_plans", name="顾海峰", sex="1", birth=date(1983, 6, 27), sequence=137,
            category="enterprise", card_number="M00000604", password="716284", mobile="13912346604",
            insurances=(("housing_fund", "normal", date(2009, 8, 1)),),
            data={"housing_fund": {
                "account": _account(d, opened_on=date(2009, 8, 1), balance="28940.00"),
                "contributions": _contributions(d, "3100.00"),
                "loans": [
                    {"loan_number": "SD-ICBC-0605A", "lender": "commercial", "house_id": "H-XD-1502",
                     "house_address": "苏州工业园区现代大道 88 号 5 幢 1502 室", "principal": "1200000.00",
                     "annual_rate": "0.0390", "term_months": 360, "disbursed_on": date(2021, 8, 18)},
                    {"loan_number": "SD-BOC-0605B", "lender": "commercial", "house_id": "H-DSH-0602",
                     "house_address": "苏州工业园区东沙湖路 18 号 3 幢 602 室", "principal": "800000.00",
                     "annual_rate": "0.0465", "term_months": 300, "disbursed_on": date(2019, 4, 10)},
                    {"lender": "sip_hf", "house_id": "H-ZY-0301", "house_address": "苏州工业园区钟园路 66 号 2 幢 301 室",
                     "principal": "400000.00", "annual_rate": "0.0325", "term_months": 240,
                     "disbursed_on": date(2017, 5, 12), "repaid_until": d.ago(1)},
                ],
                "plans": [
                    {"house_id": "H-XD-1502", "kind": "amortization", "loan_lender": "commercial",
                     "started_on": date(2021, 10, 1)},
                    {"house_id": "H-ZY-0301", "kind": "amortization", "loan_lender": "sip_hf",
                     "started_on": date(2017, 7, 1)},
                    {"house_id": "H-DSH-0602", "kind": "biannual", "loan_lender": "commercial",
                     "started_on": date(2020, 1, 1)},
                ],
            }},
            expected={
                CERT: _CERT_OK,
                AMORT: Expectation("completed", "现代大道房屋的商贷主动摊还计划可终止（钟园路房屋的公积金贷款计划置灰）；"
                                                "终止后该套房不得再办理每月还贷申请"),
                BIANN: Expectation("completed", "东沙湖路房屋的商贷一年两次提取计划可终止；终止后该套房不得再申请"),
                SUBSIDY: _NOT_SUBSIDISED,
            },
        ),
        Persona(
            key="hf_loan_plans", name="姚志明", sex="1", birth=date(1980, 9, 14), sequence=139,
            category="enterprise", card_number="M00000605", password="583140", mobile="13912346605",
            insurances=(("housing_fund", "normal", date(2006, 2, 1)),),
            data={"housing_fund": {
                "account": _account(d, opened_on=date(2006, 2, 1), balance="15300.00"),
                "contributions": _contributions(d, "2800.00"),
                "loans": [
                    {"lender": "sip_hf", "house_id": "H-XH-1101", "house_address": "苏州工业园区星湖街 518 号 11 幢 1101 室",
                     "principal": "500000.00", "annual_rate": "0.0325", "term_months": 300,
                     "disbursed_on": date(2018, 3, 20), "repaid_until": d.ago(1)},
                    {"loan_number": "SZGJJ-0606B", "lender": "suzhou_hf", "house_id": "H-GJ-0801",
                     "house_address": "苏州市姑苏区干将西路 1288 号 6 幢 801 室", "principal": "450000.00",
                     "annual_rate": "0.0310", "term_months": 240, "disbursed_on": date(2020, 11, 5)},
                ],
                "plans": [
                    {"house_id": "H-XH-1101", "kind": "amortization", "loan_lender": "sip_hf",
                     "started_on": date(2018, 5, 1)},
                    {"house_id": "H-GJ-0801", "kind": "biannual", "loan_lender": "suzhou_hf",
                     "started_on": date(2021, 1, 1)},
                ],
            }},
            expected={
                CERT: _CERT_OK,
                AMORT: Expectation("refused", "只有园区住房公积金贷款的主动摊还计划：住房公积金贷款主动摊还计划不允许线上终止"),
                BIANN: Expectation("refused", "只有苏州市公积金贷款的一年两次提取计划：苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止"),
                SUBSIDY: _NOT_SUBSIDISED,
            },
        ),
        Persona(
            key="plans_stopped", name="唐丽萍", sex="2", birth=date(1985, 1, 30), sequence=138,
            category="enterprise", card_number="M00000606", password="960372", mobile="13912346606",
            insurances=(("housing_fund", "normal", date(2010, 9, 1)),),
            data={"housing_fund": {
                "account": _account(d, "B", opened_on=date(2010, 9, 1), balance="8650.00"),
                "contributions": _contributions(d, "1600.00"),
                "loans": [{"loan_number": "SD-CCB-0607", "lender": "commercial", "house_id": "H-JJ-0901",
                           "house_address": "苏州工业园区金鸡湖大道 1355 号 9 幢 901 室", "principal": "600000.00",
                           "annual_rate": "0.0490", "term_months": 240, "disbursed_on": date(2016, 6, 30),
                           "status": "settled", "settled_on": d.day(-4, 28)}],
                "plans": [
                    {"house_id": "H-JJ-0901", "kind": "amortization", "loan_lender": "commercial",
                     "started_on": date(2016, 9, 1), "status": "stopped", "stopped_on": plans_stopped,
                     "stop_reason": "贷款已结清", "barred": True},
                    {"house_id": "H-JJ-0901", "kind": "biannual", "loan_lender": "commercial",
                     "started_on": date(2019, 1, 1), "status": "stopped", "stopped_on": plans_stopped,
                     "stop_reason": "贷款已结清", "barred": True},
                ],
            }},
            expected={
                CERT: _CERT_OK,
                AMORT: Expectation("refused", f"商贷主动摊还计划已于 {plans_stopped} 终止，无需重复办理"),
                BIANN: Expectation("refused", f"商贷一年两次提取计划已于 {plans_stopped} 终止，无需重复办理"),
                SUBSIDY: _NO_LOAN,
            },
        ),
        _subsidy_persona(
            d, "subsidy_family", "冯桂兰", "2", date(1979, 7, 8), 140, "M00000607", "275814",
            _subsidised_loan(d, "H-HD-1202", family_loan),
            Expectation("completed", f"{family_loan} 发放，贴息期限至 {_subsidy_end(family_loan)}；{last_year} 年度 12 期"
                                     "按期还款，打印贴息申请表", _SUBSIDY_DATES)),
        _subsidy_persona(
            d, "subsidy_overdue", "韦国栋", "1", date(1982, 10, 19), 141, "M00000608", "648205",
            _subsidised_loan(d, "H-HD-0805", family_loan, overdue_periods=[15]),
            Expectation("refused", f"{last_year} 年度第 15 期（应还 {last_year}-08-20）逾期 12 天，未按期还款")),
        _subsidy_persona(
            d, "subsidy_new_loan", "葛俊杰", "1", date(1991, 3, 3), 143, "M00000609", "805263",
            _subsidised_loan(d, "H-HD-1506", new_loan),
            Expectation("refused", f"{new_loan} 发放，贴息自发放次年（{d.year + 1} 年）起申请")),
        _subsidy_persona(
            d, "subsidy_unpaid", "孔令伟", "1", date(1986, 12, 21), 145, "M00000610", "362958",
            _subsidised_loan(d, "H-HD-0409", unpaid_loan, repaid_until=date(last_year, 9, 30)),
            Expectation("refused", f"{last_year} 年 10 月起（第 12 期）未还款，未按期足额偿还")),
    )


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        "flex_normal": _NOTHING_HERE,
        "flex_suspended": _NOTHING_HERE,
        "enterprise_employee": _ONLY_CERT,
        "institution_staff": {**_ONLY_CERT, CERT: Expectation("completed", "机关住房公积金正常缴存，打印缴存使用证明")},
        "retiree_resettled": _NOTHING_HERE,
        "remote_registered": _NOTHING_HERE,
        "no_sip_record": _NOTHING_HERE,
    }


def _months_between(first: str, last: str) -> int:
    """Months from `first` to `last` (YYYY-MM), both included."""
    (y1, m1), (y2, m2) = map(int, first.split("-")), map(int, last.split("-"))
    return (y2 - y1) * 12 + m2 - m1 + 1


def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes the centre list (once) and the certificates and subsidy claims a persona already has."""
    # Asked once a seeding transaction, not once a persona (the query would flush every persona).
    if not tx.info.setdefault("loan_centres_checked", False):
        tx.info["loan_centres_checked"] = True
        if not tx.scalar(select(func.count()).select_from(RemoteLoanCentre)):
            tx.add_all(RemoteLoanCentre(code=code, name=name, city=city, sort=i)
                       for i, (code, name, city) in enumerate(CENTRES))
    data = persona.data.get("loans")
    if not data:
        return
    account = persona.data["housing_fund"]["account"]
    contributions = persona.data["housing_fund"]["contributions"]
    for cert in data.get("certificates", ()):
        issued: date = cert["issued_on"]
        tx.add(RemoteLoanCertificate(
            person_id=person.id, serial=cert["serial"], centre_name=cert["centre_name"], issued_on=issued,
            issued_month=f"{issued:%Y-%m}", valid_until=certificate_valid_until(issued),
            latest_paid_month=account["latest_paid_month"], monthly_deposit=Decimal(contributions["amount"]),
            months_contributed=_months_between(contributions["from"], account["latest_paid_month"]),
            balance=Decimal(account["balance"]),
            created_at=datetime(issued.year, issued.month, issued.day, 9, 0, tzinfo=CST)))
    for claim in data.get("subsidy_claims", ()):
        loan = tx.scalars(select(Loan).where(Loan.loan_number == claim["loan_number"])).one()
        start, end = subsidy_period(loan.disbursed_on)
        repaid = tx.scalars(select(LoanRepayment).where(LoanRepayment.loan_id == loan.id)).all()
        counted = [r for r in repaid if r.due_on.year == claim["covered_year"] and start <= r.due_on <= end]
        tx.add(InterestSubsidyClaim(
            person_id=person.id, loan_id=loan.id, serial=claim["serial"], covered_year=claim["covered_year"],
            period_start=start, period_end=end, instalments=len(counted),
            interest=sum((r.interest for r in counted), Decimal("0.00")), created_at=claim["created_at"]))
