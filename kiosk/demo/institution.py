"""Demo personas of the six institution-staff (机关事业单位) services: 机关住房还贷一年两次提取支出,
机关参保人员短信动账提醒, 机关医疗保险转出, 机关住房公积金转入（大市外）, 机关住房公积金转出（至大市内）
and 机关住房公积金封存提取（出市区工作提取）.

Housing-fund data goes through `persona.data["housing_fund"]` (kiosk/demo/housing_fund.py);
this module seeds what these services keep themselves, from `persona.data["institution"]`:
    {"sms_alert": {"mobile": "…", "opened_at": datetime},
     "medical_transfer": {"serial": "…", "submitted_at": datetime},      # in progress
     "transfer_in": {"serial": "…", "from_centre": "…", "old_account": "…", "old_employer": "…",
                     "submitted_at": datetime},                           # pending
     "transfer_out": {"serial": "…", "submitted_at": datetime},          # pending, to the destination
     "sealed_withdrawal": {"serial": "…", "submitted_at": datetime},     # pending
     "elsewhere": {"centre_name": "…", "since": date}}                   # 异地缴存 since
Stage and due dates of seeded applications are computed with the working-day calendar.

Dates are relative to the seeding day (kiosk/demo/builder.py). Three outcomes depend on the day by
design (see `dates`): contributions elsewhere become "stable for half a year", a sealed account
becomes "sealed for half a year" (both started two months back, so not yet), and the twice-a-year
count is per calendar year (the two withdrawals are made earlier this year, on 1 January itself if
need be).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.formatting import add_months
from kiosk.services.working_days import WorkingDayCalendar
from kiosk.store import models as m
from kiosk.store.tables.institution import (GovHfElsewhere, GovHfTransferIn, GovHfTransferOut,
                                            GovMedicalTransferOut, GovSealedWithdrawal, GovSmsAlert)

ALERTS = "gov_sms_alerts"
MEDICAL = "gov_medical_transfer_out"
HF_IN = "gov_hf_transfer_in"
HF_OUT = "gov_hf_transfer_out"
SEALED = "gov_sealed_hf_withdrawal"
BIANNUAL = "gov_biannual_withdrawal"
SERVICES = (ALERTS, MEDICAL, HF_IN, HF_OUT, SEALED, BIANNUAL)

ALL_SI = ("pension", "medical", "unemployment", "injury", "maternity", "housing_fund")
_LEFT = (("pension", "transferred_out"), ("medical", "transferred_out"), ("housing_fund", "suspended"))

_NOT_INSTITUTION = Expectation("refused", "不是机关事业单位参保人员")
_ALERT_OPEN = Expectation("completed", "缴纳园区医保的机关事业单位人员，开通短信动账提醒（预留手机号码），短信确认")
_ALERT_NO_MEDICAL = Expectation("refused", "园区医疗保险已转出，不是缴纳园区医保的机关事业单位人员")
_MEDICAL_OK = Expectation("completed", "打印《基本医疗保障参保（合）凭证》，屏幕和凭证上列出 15/30/45 个工作日的日期")
_MEDICAL_NO = Expectation("refused", "园区医疗保险已转出，不是缴纳园区医保的机关事业单位人员")
_IN_OK = Expectation("pending_review", "机关住房公积金正常缴存，填写转出地中心、原账号、原单位；11 个工作日，三个阶段均有日期")
_IN_SEALED = Expectation("refused", "园区住房公积金账户已封存，转入需正常缴存")
_OUT_NO_DEST = Expectation("refused", "没有苏州大市内转入地的缴存信息，无法生成转入地信息")
_SEALED_NORMAL = Expectation("refused", "账户正常缴存，未封存（与单位解除劳动关系后先封存）")
_NO_PLAN = Expectation("refused", "没有园区住房公积金贷款的一年两次提取资格（主借款人须先至中心办理）")



def _half_year_elsewhere(since: date) -> str:
    half = add_months(since, 6)
    return (f"异地缴存自 {since} 起：{half} 前为“异地继续缴存，不符合销户提取条件”，"
            f"自 {half} 起为“稳定缴存满半年，应办理异地转移接续”；两者均被拒绝")


def _half_year_sealed(sealed_on: date) -> str:
    half = add_months(sealed_on, 6)
    return (f"账户 {sealed_on} 封存，满半年之日为 {half}：此前被拒绝（请于 {half} 起办理），"
            "自该日起可申请销户提取（待审核，5 个工作日）")


def _twice(year: int, first: date, second: date) -> str:
    return (f"{year} 年已于 {first}、{second} 两次提取：{year} 年内再提取被拒绝，{year + 1} 年 1 月 1 日起可再提取"
            "（按自然年度计算）")


def _account(d: Days, status: str = "normal", balance: str = "45000.00", **extra: Any) -> dict[str, Any]:
    """An institution-class (机关) housing-fund account; a sealed one stops being paid the month before."""
    account = {"hf_class": "institution", "status": status, "opened_on": date(2012, 7, 1), "balance": balance,
               "latest_paid_month": d.month(-1), "citizen_card_bank_account": None, **extra}
    return account


def _contributions(d: Days, employer: str, last: int = -1, amount: str = "3200.00") -> dict[str, str]:
    """Monthly deposits up to `last` months from this month."""
    return {"from": d.month(-26), "to": d.month(last), "amount": amount, "employer": employer}


def _sip_loan(d: Days, house: str, address: str, disbursed_on: date, **extra: Any) -> dict[str, Any]:
    return {"lender": "sip_hf", "house_id": house, "house_address": address, "principal": "600000.00",
            "annual_rate": "0.0285", "term_months": 300, "disbursed_on": disbursed_on,
            "repaid_until": d.ago(1), **extra}


def _biannual_plan(house: str, lender: str = "sip_hf", started_on: date = date(2022, 1, 1)) -> dict[str, Any]:
    return {"house_id": house, "kind": "biannual", "loan_lender": lender, "started_on": started_on}


def _bank(card: str) -> str:
    """A fictional Bank of Suzhou account number behind the persona's citizen card."""
    return f"62248000{card[-6:]}01"


def _expect(alerts: Expectation = _ALERT_OPEN, medical: Expectation = _MEDICAL_OK, hf_in: Expectation = _IN_OK,
            hf_out: Expectation = _OUT_NO_DEST, sealed: Expectation = _SEALED_NORMAL,
            biannual: Expectation = _NO_PLAN) -> dict[str, Expectation]:
    return {ALERTS: alerts, MEDICAL: medical, HF_IN: hf_in, HF_OUT: hf_out, SEALED: sealed, BIANNUAL: biannual}


def _left(**kwargs: Expectation) -> dict[str, Expectation]:
    """The outcomes of someone who left SIP: medical gone, the housing-fund account sealed."""
    return _expect(**{"alerts": _ALERT_NO_MEDICAL, "medical": _MEDICAL_NO, "hf_in": _IN_SEALED, **kwargs})


def personas(d: Days) -> tuple[Persona, ...]:
    transfer_in, medical_transfer, transfer_out = d.day(-3, 22), d.day(-3, 30), d.day(-3, 29)
    elsewhere_since, loan_settled, recently_sealed = d.day(-2, 5), d.day(-4, 28), d.day(-2, 20)
    first_withdrawal, second_withdrawal = d.this_year(64), d.this_year(12)
    return (
        Persona(
            key="gov_alert_change", name="林晓雯", sex="2", birth=date(1987, 4, 23), sequence=100,
            category="institution", card_number="M00000501", password="836142", mobile="13912345501",
            insurances=tuple((k, "normal", date(2015, 9, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-1)), employer="苏州工业园区某街道办事处", base="12000.00",
            data={
                "housing_fund": {
                    # No Bank of Suzhou account behind her citizen card: the 市民卡校验 of row 15 fails.
                    "account": _account(d, balance="45230.00", opened_on=date(2015, 9, 1)),
                    "contributions": _contributions(d, "苏州工业园区某街道办事处"),
                    "loans": [_sip_loan(d, "H-YLW-0502", "苏州工业园区月亮湾路 15 号 5 幢 502 室", date(2021, 6, 18))],
                    "plans": [_biannual_plan("H-YLW-0502")],
                },
                "institution": {
                    "sms_alert": {"mobile": "13700005101", "opened_at": d.at(date(2024, 5, 10), 9, 0)},
                    "transfer_in": {"serial": d.serial(transfer_in, 11), "from_centre": "南京住房公积金管理中心",
                                    "old_account": "3201001234567890", "old_employer": "南京市某研究院",
                                    "submitted_at": d.at(transfer_in, 9, 30)},
                },
            },
            expected=_expect(
                alerts=Expectation("completed", "已开通（137****5101），变更为预留手机 139****5501；新旧号码各收到一条短信"),
                hf_in=Expectation("refused", f"{transfer_in} 已提交转入申请，中心正在办理，不能重复提交"),
                biannual=Expectation("refused", "市民卡校验不通过：市民卡没有苏州银行金融账户（请携带相关材料至柜台审核办理）"),
            ),
        ),
        Persona(
            key="gov_left_city", name="郑宇航", sex="1", birth=date(1989, 9, 5), sequence=101,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000502", password="492715", mobile="13912345502",
            insurances=tuple((k, s, date(2013, 7, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-38), d.month(-9)), employer="苏州工业园区某事业单位", base="10000.00",
            data={"housing_fund": {
                "account": _account(d, "sealed", "68420.35", opened_on=date(2013, 7, 1), sealed_on=d.day(-9, 30),
                                    latest_paid_month=d.month(-9), hukou_local=False, employed_in_city=False,
                                    citizen_card_bank_account=_bank("M00000502")),
                "contributions": _contributions(d, "苏州工业园区某事业单位", -9, "2900.00"),
            }},
            expected=_left(sealed=Expectation(
                "pending_review", f"外地户籍，{d.day(-9, 30)} 封存满半年，未在苏州大市就业、未异地缴存：销户提取 68,420.35 元至"
                                  "市民卡苏州银行账户，5 个工作日")),
        ),
        Persona(
            key="gov_local_transfer", name="许文静", sex="2", birth=date(1990, 1, 17), sequence=102,
            category="institution", card_number="M00000503", password="615927", mobile="13912345503",
            insurances=tuple((k, "suspended" if k == "housing_fund" else "normal", date(2014, 8, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-3)), employer="苏州工业园区某公立学校", base="11000.00",
            data={
                "housing_fund": {
                    "account": _account(d, "sealed", "52360.80", opened_on=date(2014, 8, 1), sealed_on=d.day(-3, 31),
                                        latest_paid_month=d.month(-3), citizen_card_bank_account=_bank("M00000503")),
                    "contributions": _contributions(d, "苏州工业园区某公立学校", -3, "3000.00"),
                    "destination": {"place": "gusu", "centre_name": "苏州市住房公积金管理中心",
                                    "account_number": "320500012345678", "employer": "苏州市姑苏区某事业单位"},
                },
                "institution": {"medical_transfer": {"serial": d.serial(medical_transfer, 21),
                                                     "submitted_at": d.at(medical_transfer, 14, 0)}},
            },
            expected=_expect(
                alerts=Expectation("completed", "园区医保仍在缴纳（转出进行中），开通短信动账提醒"),
                medical=Expectation("refused", f"{medical_transfer} 已申请转出并打印凭证，转移接续正在办理中"),
                hf_in=_IN_SEALED,
                hf_out=Expectation("pending_review", "系统生成转入地（苏州市姑苏区，苏州市住房公积金管理中心），"
                                                     "账户已封存，余额 52,360.80 元汇至转入地账号，5 个工作日"),
                sealed=Expectation("refused", "苏州大市户籍，封存销户提取仅限外地户籍职工"),
            ),
        ),
        Persona(
            key="gov_out_not_sealed", name="陈思远", sex="1", birth=date(1984, 11, 2), sequence=103,
            category="institution", card_number="M00000504", password="274958", mobile="13912345504",
            insurances=tuple((k, "normal", date(2010, 3, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-1)), employer="苏州工业园区某机关单位", base="13000.00",
            data={"housing_fund": {
                "account": _account(d, balance="39870.00", opened_on=date(2010, 3, 1),
                                    citizen_card_bank_account=_bank("M00000504")),
                "contributions": _contributions(d, "苏州工业园区某机关单位", amount="3400.00"),
                "destination": {"place": "wuzhong", "centre_name": "苏州市住房公积金管理中心",
                                "account_number": "320500087654321", "employer": "苏州市吴中区某学校"},
                # Co-borrower (共同借款人) of his spouse's SIP loan.
                "loans": [_sip_loan(d, "H-FHC-1203", "苏州工业园区凤凰城 12 幢 1203 室", date(2019, 4, 26),
                                    main_borrower=False)],
            }},
            expected=_expect(
                hf_out=Expectation("refused", "已有大市内转入地，但园区账户仍正常缴存，需原单位先办理封存"),
                biannual=Expectation("refused", "不是园区住房公积金贷款的主借款人（请携带相关材料至柜台审核办理）"),
            ),
        ),
        Persona(
            key="gov_out_pending", name="黄丽君", sex="2", birth=date(1986, 6, 8), sequence=104,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000505", password="953184", mobile="13912345505",
            insurances=tuple((k, s, date(2011, 5, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-38), d.month(-5)), employer="苏州工业园区某医院", base="12000.00",
            data={
                "housing_fund": {
                    "account": _account(d, "sealed", "27450.60", opened_on=date(2011, 5, 1), sealed_on=d.day(-5, 31),
                                        latest_paid_month=d.month(-5), hukou_local=False,
                                        citizen_card_bank_account=_bank("M00000505")),
                    "contributions": _contributions(d, "苏州工业园区某医院", -5, "3100.00"),
                    "destination": {"place": "xiangcheng", "centre_name": "苏州市住房公积金管理中心",
                                    "account_number": "320500055556666", "employer": "苏州市相城区某医院"},
                    "loans": [{"loan_number": "SZGJJ-0505", "lender": "suzhou_hf", "house_id": "H-XC-0603",
                               "house_address": "苏州市相城区元和街道某小区 6 幢 603 室", "principal": "500000.00",
                               "annual_rate": "0.0285", "term_months": 240, "disbursed_on": date(2022, 3, 8)}],
                    "plans": [_biannual_plan("H-XC-0603", "suzhou_hf", date(2022, 7, 1))],
                },
                "institution": {"transfer_out": {"serial": d.serial(transfer_out, 31),
                                                 "submitted_at": d.at(transfer_out, 10, 0)}},
            },
            expected=_left(
                hf_out=Expectation("refused", f"{transfer_out} 已提交转出申请，中心正在办理，不能重复提交"),
                sealed=Expectation("refused", "已在苏州大市内（相城区）就业并缴存，不符合出市区工作提取"),
                biannual=Expectation("refused", "办理的是苏州市住房公积金贷款（请携带相关材料至柜台审核办理）"),
            ),
        ),
        Persona(
            key="gov_outside_stable", name="刘振宇", sex="1", birth=date(1983, 3, 27), sequence=105,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000506", password="708361", mobile="13912345506",
            insurances=tuple((k, s, date(2009, 9, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-38), d.month(-11)), employer="苏州工业园区某研究院", base="14000.00",
            data={
                "housing_fund": {
                    "account": _account(d, "sealed", "81230.00", opened_on=date(2009, 9, 1), sealed_on=d.day(-11, 30),
                                        latest_paid_month=d.month(-11), hukou_local=False, employed_in_city=False,
                                        contributing_elsewhere=True, citizen_card_bank_account=_bank("M00000506")),
                    "contributions": _contributions(d, "苏州工业园区某研究院", -11, "3600.00"),
                    "loans": [{"loan_number": "SD-ICBC-0506", "lender": "commercial", "house_id": "H-HX-1801",
                               "house_address": "苏州工业园区华向路 8 号 18 幢 1801 室", "principal": "1000000.00",
                               "annual_rate": "0.0410", "term_months": 360, "disbursed_on": date(2020, 10, 20)}],
                    "plans": [_biannual_plan("H-HX-1801", "commercial", date(2021, 1, 1))],
                },
                "institution": {"elsewhere": {"centre_name": "上海市公积金管理中心", "since": d.day(-10, 1)}},
            },
            expected=_left(
                sealed=Expectation("refused", f"{d.day(-10, 1)} 起在上海稳定缴存半年以上，应办理异地转移接续，不能销户提取"),
                biannual=Expectation("refused", "办理的是商业贷款（请携带相关材料至柜台审核办理）"),
            ),
        ),
        Persona(
            key="gov_outside_new", name="周雨欣", sex="2", birth=date(1992, 8, 14), sequence=106,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000507", password="381659", mobile="13912345507",
            insurances=tuple((k, s, date(2016, 7, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-38), d.month(-5)), employer="苏州工业园区某事业单位", base="9000.00",
            data={
                "housing_fund": {
                    "account": _account(d, "sealed", "33610.45", opened_on=date(2016, 7, 1), sealed_on=d.day(-5, 31),
                                        latest_paid_month=d.month(-5), hukou_local=False, employed_in_city=False,
                                        contributing_elsewhere=True, citizen_card_bank_account=_bank("M00000507")),
                    "contributions": _contributions(d, "苏州工业园区某事业单位", -5, "2600.00"),
                    # Settled early, but the twice-a-year plan was never stopped: the loan check fails.
                    "loans": [_sip_loan(d, "H-XY-0901", "苏州工业园区星域路 22 号 9 幢 901 室", date(2018, 5, 16),
                                        status="settled", settled_on=loan_settled,
                                        repaid_until=d.day(-4, 16))],
                    "plans": [_biannual_plan("H-XY-0901", started_on=date(2019, 1, 1))],
                },
                "institution": {"elsewhere": {"centre_name": "杭州住房公积金管理中心", "since": elsewhere_since}},
            },
            expected=_left(
                sealed=Expectation("refused", f"已在杭州异地继续缴存（{elsewhere_since} 起），不符合销户提取条件",
                                   _half_year_elsewhere(elsewhere_since)),
                biannual=Expectation("refused", f"贷款信息校验不通过：园区公积金贷款已于 {loan_settled} 结清（请携带相关材料至柜台审核办理）"),
            ),
        ),
        Persona(
            key="gov_sealed_recent", name="孙佳琪", sex="2", birth=date(1994, 5, 30), sequence=108,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000509", password="169748", mobile="13912345509",
            insurances=tuple((k, s, date(2018, 9, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-26), d.month(-3)), employer="苏州工业园区某公立学校", base="8000.00",
            data={"housing_fund": {
                "account": _account(d, "sealed", "21560.00", opened_on=date(2018, 9, 1), sealed_on=recently_sealed,
                                    latest_paid_month=d.month(-3), hukou_local=False, employed_in_city=False,
                                    citizen_card_bank_account=_bank("M00000509")),
                "contributions": _contributions(d, "苏州工业园区某公立学校", -3, "2200.00"),
            }},
            expected=_left(sealed=Expectation(
                "refused", f"{recently_sealed} 封存，未满半年，请于 {add_months(recently_sealed, 6)} 起办理",
                _half_year_sealed(recently_sealed))),
        ),
        Persona(
            key="gov_sealed_pending", name="马浩然", sex="1", birth=date(1988, 2, 19), sequence=109,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000510", password="840537", mobile="13912345510",
            insurances=tuple((k, s, date(2012, 3, 1)) for k, s in _LEFT),
            contribution_months=(d.month(-38), d.month(-10)), employer="苏州工业园区某事业单位", base="10000.00",
            data={
                "housing_fund": {
                    "account": _account(d, "sealed", "46200.00", opened_on=date(2012, 3, 1), sealed_on=d.day(-10, 31),
                                        latest_paid_month=d.month(-10), hukou_local=False, employed_in_city=False,
                                        citizen_card_bank_account=_bank("M00000510")),
                    "contributions": _contributions(d, "苏州工业园区某事业单位", -10, "2800.00"),
                },
                "institution": {"sealed_withdrawal": {"serial": d.serial(transfer_out, 32),
                                                      "submitted_at": d.at(transfer_out, 15, 10)}},
            },
            expected=_left(sealed=Expectation("refused", f"{transfer_out} 已提交封存提取申请，中心正在办理，不能重复提交")),
        ),
        Persona(
            key="gov_closed", name="杨静怡", sex="2", birth=date(1979, 10, 25), sequence=110,
            category="institution", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000511", password="357206", mobile="13912345511",
            insurances=(("pension", "transferred_out", date(2006, 4, 1)), ("medical", "transferred_out", date(2006, 4, 1))),
            contribution_months=("2022-01", "2023-12"), employer="苏州工业园区某事业单位", base="9000.00",
            data={"housing_fund": {
                "account": _account(d, "closed", "0.00", opened_on=date(2006, 4, 1), sealed_on=date(2023, 12, 31),
                                    latest_paid_month="2023-12", hukou_local=False, employed_in_city=False),
            }},
            expected=_left(hf_in=Expectation("refused", "园区住房公积金账户已销户"),
                           hf_out=Expectation("refused", "园区住房公积金账户已销户"),
                           sealed=Expectation("refused", "园区住房公积金账户已销户"),
                           biannual=Expectation("refused", "园区住房公积金账户已销户")),
        ),
        Persona(
            key="gov_hf_class_a", name="赵立新", sex="1", birth=date(1985, 7, 11), sequence=111,
            category="institution", card_number="M00000512", password="693481", mobile="13912345512",
            insurances=tuple((k, "normal", date(2017, 2, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-1)), employer="苏州工业园区某事业单位（编外聘用）", base="9000.00",
            data={"housing_fund": {
                "account": _account(d, balance="26300.00", hf_class="A", opened_on=date(2017, 2, 1),
                                    citizen_card_bank_account=_bank("M00000512")),
                "contributions": _contributions(d, "苏州工业园区某事业单位", amount="1800.00"),
            }},
            expected=_expect(**{k: Expectation("refused", "园区住房公积金为甲类账户，不是机关住房公积金")
                                for k in ("hf_in", "hf_out", "sealed", "biannual")}),
        ),
        Persona(
            key="gov_biannual", name="钱雅琴", sex="2", birth=date(1982, 9, 3), sequence=112,
            category="institution", card_number="M00000513", password="428175", mobile="13912345513",
            insurances=tuple((k, "normal", date(2007, 7, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-1)), employer="苏州工业园区某机关单位", base="15000.00",
            data={"housing_fund": {
                "account": _account(d, balance="48600.00", opened_on=date(2007, 7, 1),
                                    citizen_card_bank_account=_bank("M00000513")),
                "contributions": _contributions(d, "苏州工业园区某机关单位", amount="3600.00"),
                "loans": [_sip_loan(d, "H-JJH-0801", "苏州工业园区金鸡湖大道 99 号 8 幢 801 室", date(2020, 9, 15),
                                    principal="800000.00")],
                "plans": [_biannual_plan("H-JJH-0801", started_on=date(2021, 1, 1))],
                # Last year's two withdrawals (the second on New Year's Eve) do not count this year.
                "withdrawals": [
                    {"serial": d.serial(date(d.year - 1, 6, 30), 41), "kind": "gov_biannual", "amount": "21600.00",
                     "created_at": d.at(date(d.year - 1, 6, 30), 10, 0)},
                    {"serial": d.serial(date(d.year - 1, 12, 31), 42), "kind": "gov_biannual", "amount": "21600.00",
                     "created_at": d.at(date(d.year - 1, 12, 31), 16, 30)},
                ],
            }},
            expected=_expect(biannual=Expectation(
                "completed", f"园区公积金贷款未结清的主借款人，有该套房一年两次提取资格：{d.year} 年第 1 次，提取余额 "
                             f"48,600.00 元，打印报表（{d.year - 1} 年的两次不计入 {d.year} 年）")),
        ),
        Persona(
            key="gov_biannual_twice", name="冯志伟", sex="1", birth=date(1981, 4, 16), sequence=113,
            category="institution", card_number="M00000514", password="714290", mobile="13912345514",
            insurances=tuple((k, "normal", date(2006, 9, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-1)), employer="苏州工业园区某机关单位", base="15000.00",
            data={"housing_fund": {
                "account": _account(d, balance="5400.00", opened_on=date(2006, 9, 1),
                                    citizen_card_bank_account=_bank("M00000514")),
                "contributions": _contributions(d, "苏州工业园区某机关单位", amount="3600.00"),
                "loans": [_sip_loan(d, "H-XH-1502", "苏州工业园区星海街 200 号 15 幢 1502 室", date(2019, 11, 8))],
                "plans": [_biannual_plan("H-XH-1502", started_on=date(2020, 1, 1))],
                "withdrawals": [
                    {"serial": d.serial(first_withdrawal, 51), "kind": "gov_biannual", "amount": "18000.00",
                     "created_at": d.at(first_withdrawal, 10, 5)},
                    {"serial": d.serial(second_withdrawal, 52), "kind": "gov_biannual", "amount": "7200.00",
                     "created_at": d.at(second_withdrawal, 14, 20)},
                ],
            }},
            expected=_expect(biannual=Expectation(
                "refused", f"{d.year} 年已提取两次（{first_withdrawal}、{second_withdrawal}），第三次被拒绝",
                _twice(d.year, first_withdrawal, second_withdrawal))),
        ),
        Persona(
            key="gov_biannual_empty", name="韩晓燕", sex="2", birth=date(1990, 11, 28), sequence=114,
            category="institution", card_number="M00000515", password="265839", mobile="13912345515",
            insurances=tuple((k, "normal", date(2014, 7, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-3)), employer="苏州工业园区某事业单位", base="9000.00",
            data={"housing_fund": {
                # Everything was withdrawn three months back; the unit has not paid since.
                "account": _account(d, balance="0.00", opened_on=date(2014, 7, 1), latest_paid_month=d.month(-3),
                                    citizen_card_bank_account=_bank("M00000515")),
                "contributions": _contributions(d, "苏州工业园区某事业单位", -3, "2400.00"),
                "loans": [_sip_loan(d, "H-SH-0302", "苏州工业园区松涛街 6 号 3 幢 302 室", date(2022, 8, 30))],
                "plans": [_biannual_plan("H-SH-0302", started_on=date(2023, 1, 1))],
                "withdrawals": [{"serial": d.serial(d.day(-3, 18), 61), "kind": "gov_biannual", "amount": "16800.00",
                                 "created_at": d.at(d.day(-3, 18), 9, 40)}],
            }},
            expected=_expect(biannual=Expectation("refused", "账户余额为 0.00 元，暂无可提取金额")),
        ),
    )


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        **{key: dict.fromkeys(SERVICES, _NOT_INSTITUTION)
           for key in ("flex_normal", "flex_suspended", "enterprise_employee", "retiree_resettled", "remote_registered",
                       "no_sip_record")},
        "institution_staff": _expect(),
    }


def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes the alert subscription, applications and 异地缴存 record a persona already has."""
    data = persona.data.get("institution")
    if not data:
        return
    days = WorkingDayCalendar()  # the seeded dates do not depend on a kiosk's config corrections
    if "sms_alert" in data:
        alert = data["sms_alert"]
        tx.add(GovSmsAlert(person_id=person.id, mobile=alert["mobile"], opened_at=alert["opened_at"],
                           updated_at=alert["opened_at"]))
    if "medical_transfer" in data:
        row = data["medical_transfer"]
        start = row["submitted_at"].date()
        tx.add(GovMedicalTransferOut(
            person_id=person.id, serial=row["serial"], status="in_progress", submitted_at=row["submitted_at"],
            letter_due=days.add_working_days(start, 15), funds_due=days.add_working_days(start, 30),
            booked_due=days.add_working_days(start, 45)))
    if "transfer_in" in data:
        row = data["transfer_in"]
        start = row["submitted_at"].date()
        tx.add(GovHfTransferIn(
            person_id=person.id, serial=row["serial"], status="pending", from_centre=row["from_centre"],
            old_account=row["old_account"], old_employer=row["old_employer"], mobile=persona.mobile,
            submitted_at=row["submitted_at"], letter_due=days.add_working_days(start, 3),
            transfer_due=days.add_working_days(start, 8), due_on=days.add_working_days(start, 11)))
    balance = Decimal(persona.data.get("housing_fund", {}).get("account", {}).get("balance", "0.00"))
    if "transfer_out" in data:
        row = data["transfer_out"]
        dest = persona.data["housing_fund"]["destination"]
        tx.add(GovHfTransferOut(
            person_id=person.id, serial=row["serial"], status="pending", place=dest["place"],
            centre_name=dest["centre_name"], account_number=dest["account_number"], employer=dest["employer"],
            amount=balance, submitted_at=row["submitted_at"],
            due_on=days.add_working_days(row["submitted_at"].date(), 5)))
    if "sealed_withdrawal" in data:
        row = data["sealed_withdrawal"]
        tx.add(GovSealedWithdrawal(
            person_id=person.id, serial=row["serial"], status="pending",
            bank_account=persona.data["housing_fund"]["account"]["citizen_card_bank_account"], amount=balance,
            submitted_at=row["submitted_at"], due_on=days.add_working_days(row["submitted_at"].date(), 5)))
    if "elsewhere" in data:
        tx.add(GovHfElsewhere(person_id=person.id, **data["elsewhere"]))
