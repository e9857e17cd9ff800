"""Demo personas of the unemployment services: 失业金退支申请 and 失业保险关系接收函开具.

This module seeds, from `persona.data["unemployment"]` (every key optional):
    {"benefit_months": [("2025-03", "2088.00", "60.00", "0.00", "40.00"), …],  # month, 失业金,
                                                     # 临时物价补贴, 失业金补差, 失业门诊补助 (yuan)
     "cases": [{"situation": "sip_employer", "employer": "…", "found_on": date,
                "from": "2025-08", "to": "2025-09", "status": "open"}],       # months to refund
     "applications": [{"applied_at": datetime, "serial": "…"}],              # refunds applied before
     "employment": {"left_job_on": date, "first": "2024-03", "last": "2026-01", "months_paid": 23,
                    "last_employer": "…", "last_insured_in_sip": True, "benefit_entitled": True},
     "transferables": [{"kind": "relation", "place": "上海市", "months": 48, "in_suzhou_city": False,
                        "returns_to_hukou": False}]}
and, once, the transfer-out institutions and the centre's designated refund account.

Dates are relative to the seeding day (kiosk/demo/builder.py). Outcomes that depend on the day say
so in `dates`: a refund applied 7 days ago refuses a new one through today (day 7), and a letter
needs the leaving date within 2 months.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.demo.builder import Days, months_text
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.formatting import add_months
from kiosk.services.rules.unemployment import BenefitMonthFact, refund_total
from kiosk.store import models as m
from kiosk.store.tables.unemployment import (UnemploymentBenefitMonth, UnemploymentEmployment,
                                             UnemploymentInstitution, UnemploymentRefundAccount,
                                             UnemploymentRefundApplication, UnemploymentRefundCase,
                                             UnemploymentTransferable)

REFUND = "unemployment_refund"
LETTER = "unemployment_transfer_letter"

# Unemployment-insurance institutions outside SIP a receiving letter may be addressed to
# (code, name, place); `place` matches a transferable record's place.
INSTITUTIONS: tuple[tuple[str, str, str], ...] = (
    ("shanghai", "上海市失业保险经办机构", "上海市"),
    ("nanjing", "南京市失业保险经办机构", "南京市"),
    ("hangzhou", "杭州市失业保险经办机构", "杭州市"),
    ("wuxi", "无锡市失业保险经办机构", "无锡市"),
    ("nantong", "南通市失业保险经办机构", "南通市"),
    ("suzhou_urban", "苏州市区失业保险经办机构", "苏州市区"),
    ("wujiang", "苏州市吴江区失业保险经办机构", "吴江区"),
    ("kunshan", "昆山市失业保险经办机构", "昆山市"),
    ("taicang", "太仓市失业保险经办机构", "太仓市"),
    ("changshu", "常熟市失业保险经办机构", "常熟市"),
    ("zhangjiagang", "张家港市失业保险经办机构", "张家港市"),
)
# A demo account (fictional number): the centre enters its designated account in this table.
REFUND_ACCOUNT = ("sip_ui_refund", "苏州工业园区社会保险基金和公积金管理中心", "中国银行苏州工业园区支行",
                  "4660 5880 0000 0000 0401")

_NO_REFUND = Expectation("refused", "没有需要退支的失业金记录（领取失业金月份未与单位缴费或劳动合同重叠）")
_NO_LETTER = Expectation("refused", "没有最后在园区参保、符合在园区领取失业金条件的失业记录")
_KINDS = ("pension", "medical", "unemployment", "injury", "maternity")


def _insured(status: str, since: date) -> tuple[tuple[str, str, date], ...]:
    return tuple((kind, status, since) for kind in _KINDS)


def _benefits(d: Days, first: int, last: int, benefit: str, price: str, top_up: str = "0.00",
              outpatient: str = "40.00", changed: dict[int, tuple[str, str, str, str]] | None = None,
              ) -> list[tuple[str, str, str, str, str]]:
    """Benefit months `first`..`last` months from this month with the same items, except the months in
    `changed` ({-6: ("2088.00", "60.00", "112.00", "40.00")})."""
    return [(d.month(n), *(changed or {}).get(n, (benefit, price, top_up, outpatient))) for n in range(first, last + 1)]


def _letter_persona(d: Days, key: str, name: str, sex: str, birth: date, sequence: int, n: int, password: str, *,
                    employer: str, paid: tuple[int, int], left: date, transferables: list[dict[str, Any]],
                    letter: Expectation, sip_hukou: bool = True) -> Persona:
    """Someone who left work on `left`, contributions paid the months `paid` (offsets from this month)."""
    paid = (d.month(paid[0]), d.month(paid[1]))
    return Persona(
        key=key, name=name, sex=sex, birth=birth, sequence=sequence, category="enterprise",
        card_number=f"M0000040{n}", password=password, mobile=f"1391234640{n}", insured_status="stopped",
        sip_hukou=sip_hukou, insurances=_insured("stopped", date(int(paid[0][:4]), int(paid[0][5:]), 1)),
        contribution_months=paid, employer=employer, base="8500.00",
        data={"unemployment": {"employment": {"left_job_on": left, "first": paid[0], "last": paid[1]},
                               "transferables": transferables}},
        expected={REFUND: _NO_REFUND, LETTER: letter},
    )


def _letter_window(left: date) -> str:
    last = add_months(left, 2)
    return f"离职日期 {left}：至 {last} 可在本机开具，{last + timedelta(days=1)} 起超过 2 个月需至中心柜面"


def personas(d: Days) -> tuple[Persona, ...]:
    applied = d.ago(7)
    return (
        # 适用对象 1: found when applying for benefit again — an SIP employer paid two benefit months.
        Persona(
            key="ue_refund_sip_employer", name="钱立新", sex="1", birth=date(1984, 9, 23), sequence=951,
            category="enterprise", card_number="M00000401", password="482915", mobile="13912346401",
            insured_status="stopped", insurances=_insured("stopped", date(2016, 4, 1)),
            contribution_months=(d.month(-7), d.month(-3)), employer="苏州工业园区金鸡湖电子科技有限公司", base="7000.00",
            data={"unemployment": {
                "benefit_months": _benefits(d, -12, -6, "2088.00", "60.00",
                                            changed={-6: ("2088.00", "60.00", "112.00", "40.00")}),
                "cases": [{"situation": "sip_employer", "employer": "苏州工业园区金鸡湖电子科技有限公司",
                           "found_on": d.ago(15), "from": d.month(-7), "to": d.month(-6)}],
            }},
            expected={REFUND: Expectation("completed", f"申请失业金时发现 {months_text(d.month(-7), d.month(-6))}同时有园区单位缴费；"
                                                       "退支 4,488.00 元，打印退支申请表"),
                      LETTER: _NO_LETTER},
        ),
        # 适用对象 2: found when transferring benefit out — an employer outside SIP paid two months.
        Persona(
            key="ue_refund_outside_employer", name="孙晓雯", sex="2", birth=date(1990, 4, 6), sequence=952,
            category="enterprise", card_number="M00000402", password="603847", mobile="13912346402",
            insured_status="stopped", insurances=_insured("stopped", date(2021, 7, 1)),
            contribution_months=("2021-07", d.month(-15)), employer="苏州工业园区湖畔物流有限公司", base="6500.00",
            data={"unemployment": {
                "benefit_months": _benefits(d, -14, -9, "1980.00", "50.00", outpatient="35.50"),
                "cases": [{"situation": "outside_employer", "employer": "上海浦江贸易有限公司（上海市）",
                           "found_on": d.ago(20), "from": d.month(-10), "to": d.month(-9)}],
            }},
            expected={REFUND: Expectation("completed", f"申请失业金转出时发现 {months_text(d.month(-10), d.month(-9))}同时有区外单位缴费；"
                                                       "退支 4,131.00 元"),
                      LETTER: _NO_LETTER},
        ),
        # 适用对象 3: the employer reported a labour contract starting in a benefit month.
        Persona(
            key="ue_refund_labour_contract", name="何俊", sex="1", birth=date(1988, 12, 14), sequence=953,
            category="enterprise", card_number="M00000403", password="915372", mobile="13912346403",
            insurances=_insured("normal", d.day(-4, 1)),
            contribution_months=(d.month(-4), d.month(-1)), employer="苏州工业园区星海物流有限公司", base="6000.00",
            data={"unemployment": {
                "benefit_months": _benefits(d, -7, -3, "2088.00", "60.00", outpatient="0.00",
                                            changed={-3: ("2088.00", "60.00", "0.00", "86.40")}),
                "cases": [{"situation": "labour_contract", "employer": "苏州工业园区星海物流有限公司",
                           "found_on": d.ago(12), "from": d.month(-4), "to": d.month(-3)}],
            }},
            expected={REFUND: Expectation("completed", f"劳动合同 {d.month(-4)} 开始，{months_text(d.month(-4), d.month(-3))}领取了失业金；"
                                                       "退支 4,382.40 元"),
                      LETTER: _NO_LETTER},
        ),
        # Applied 7 days ago at 09:00: through today (day 7) a new application goes to the counter.
        Persona(
            key="ue_refund_applied", name="马丽华", sex="2", birth=date(1979, 6, 30), sequence=954,
            category="enterprise", card_number="M00000404", password="274068", mobile="13912346404",
            insured_status="stopped", insurances=_insured("stopped", date(2010, 3, 1)),
            contribution_months=(d.month(-6), d.month(-3)), employer="苏州工业园区娄江纺织有限公司", base="6200.00",
            data={"unemployment": {
                "benefit_months": _benefits(d, -11, -5, "2088.00", "60.00"),
                "cases": [{"situation": "sip_employer", "employer": "苏州工业园区娄江纺织有限公司",
                           "found_on": d.ago(14), "from": d.month(-6), "to": d.month(-5)}],
                "applications": [{"applied_at": d.at(applied, 9, 0), "serial": d.serial(applied, 4)}],
            }},
            expected={REFUND: Expectation(
                          "refused", f"{applied} 已申请退支并打印申请表，七天内再次申请请至中心柜面核算退支明细",
                          f"七天按日历日自申请次日起算（申请当日不计入）：{applied + timedelta(days=1)} 至 {d.today} "
                          f"再次申请被拒绝，{d.ago(-1)} 起可在本机再次申请"),
                      LETTER: _NO_LETTER},
        ),
        _letter_persona(
            d, "ue_letter_relation", "朱志伟", "1", date(1986, 3, 18), 955, 5, "538194",
            employer="苏州工业园区方洲半导体有限公司", paid=(-24, -2), left=d.ago(45),
            transferables=[{"kind": "relation", "place": "上海市", "months": 48}],
            letter=Expectation("completed", "最后在园区参保、可领取失业金，上海市有失业保险关系可转入；打印接收函",
                               _letter_window(d.ago(45)))),
        _letter_persona(
            d, "ue_letter_benefit", "胡静", "2", date(1992, 7, 9), 956, 6, "760253",
            employer="苏州工业园区独墅湖生物医药有限公司", paid=(-12, -2), left=d.ago(35),
            transferables=[{"kind": "benefit", "place": "南京市", "months": 6}],
            letter=Expectation("completed", "园区户籍，南京市的失业保险待遇按转出地政策无需转回户籍地，可转入园区；打印接收函",
                               _letter_window(d.ago(35)))),
        _letter_persona(
            d, "ue_letter_short_job", "林小军", "1", date(1994, 11, 27), 957, 7, "349817",
            employer="苏州工业园区东环商贸有限公司", paid=(-4, -2), left=d.ago(25), sip_hukou=False,
            transferables=[{"kind": "relation", "place": "昆山市", "months": 30, "in_suzhou_city": True}],
            letter=Expectation("refused", "失业前最后一家用人单位只缴费 3 个月（小于 4 个月），请至中心柜面办理")),
        _letter_persona(
            d, "ue_letter_left_long_ago", "郑海燕", "2", date(1983, 2, 17), 958, 8, "826405",
            employer="苏州工业园区湖西软件有限公司", paid=(-33, -4), left=d.ago(92), sip_hukou=False,
            transferables=[{"kind": "relation", "place": "杭州市", "months": 36}],
            letter=Expectation("refused", f"{d.ago(92)} 离职，开具日距离职已超过 2 个月（{add_months(d.ago(92), 2)} 后），请至中心柜面办理")),
        _letter_persona(
            d, "ue_letter_hukou_return", "蒋文博", "1", date(1987, 5, 21), 959, 9, "157930",
            employer="苏州工业园区月亮湾智能装备有限公司", paid=(-18, -2), left=d.ago(39),
            transferables=[{"kind": "benefit", "place": "上海市", "months": 9, "returns_to_hukou": True}],
            letter=Expectation("refused", "园区户籍，上海市的失业保险待遇按转出地政策需转回户籍地领取，请至中心柜面开具")),
    )


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        key: {REFUND: _NO_REFUND, LETTER: _NO_LETTER}
        for key in ("flex_normal", "flex_suspended", "enterprise_employee", "institution_staff", "retiree_resettled",
                    "remote_registered", "no_sip_record")
    }


def _months_between(first: str, last: str) -> int:
    """Months from `first` to `last` (YYYY-MM), both included."""
    (y1, m1), (y2, m2) = map(int, first.split("-")), map(int, last.split("-"))
    return (y2 - y1) * 12 + m2 - m1 + 1


def _seed_lists(tx: Session) -> None:
    """The institutions and the refund account, once (asked once a seeding transaction)."""
    if tx.info.setdefault("unemployment_lists_checked", False):
        return
    tx.info["unemployment_lists_checked"] = True
    if not tx.scalar(select(func.count()).select_from(UnemploymentInstitution)):
        tx.add_all(UnemploymentInstitution(code=code, name=name, place=place, sort=i)
                   for i, (code, name, place) in enumerate(INSTITUTIONS))
    if not tx.scalar(select(func.count()).select_from(UnemploymentRefundAccount)):
        code, payee, bank, number = REFUND_ACCOUNT
        tx.add(UnemploymentRefundAccount(code=code, payee=payee, bank=bank, account_number=number))


def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes a persona's benefit months, refund cases and applications, and letter facts."""
    _seed_lists(tx)
    data = persona.data.get("unemployment")
    if not data:
        return
    months = [UnemploymentBenefitMonth(person_id=person.id, month=month, benefit=Decimal(benefit),
                                       price_subsidy=Decimal(price), top_up=Decimal(top_up),
                                       outpatient=Decimal(outpatient))
              for month, benefit, price, top_up, outpatient in data.get("benefit_months", ())]
    tx.add_all(months)
    cases = data.get("cases", ())
    for case in cases:
        tx.add(UnemploymentRefundCase(person_id=person.id, situation=case["situation"], employer=case["employer"],
                                      found_on=case["found_on"], first_month=case["from"], last_month=case["to"],
                                      status=case.get("status", "open")))
    for application in data.get("applications", ()):
        covered = [b for b in months if any(c["from"] <= b.month <= c["to"] for c in cases)]
        applied_at: datetime = application["applied_at"]
        tx.add(UnemploymentRefundApplication(
            person_id=person.id, serial=application["serial"],
            situation=",".join(dict.fromkeys(c["situation"] for c in cases)),
            first_month=covered[0].month, last_month=covered[-1].month, months=len(covered),
            total=refund_total([BenefitMonthFact.model_validate(b) for b in covered]),
            applied_on=applied_at.date(), applied_at=applied_at))
    if "employment" in data:
        e = data["employment"]
        tx.add(UnemploymentEmployment(
            person_id=person.id, last_insured_in_sip=e.get("last_insured_in_sip", True),
            benefit_entitled=e.get("benefit_entitled", True), last_employer=e.get("last_employer", persona.employer),
            first_paid_month=e["first"], last_paid_month=e["last"],
            months_paid=e.get("months_paid", _months_between(e["first"], e["last"])), left_job_on=e["left_job_on"]))
    for t in data.get("transferables", ()):
        tx.add(UnemploymentTransferable(person_id=person.id, kind=t["kind"], place=t["place"],
                                        in_suzhou_city=t.get("in_suzhou_city", False), months=t["months"],
                                        returns_to_hukou=t.get("returns_to_hukou", False)))
