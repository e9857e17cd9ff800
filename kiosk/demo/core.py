"""The first demo personas: issue 2's services (flexible employment, certificates, remote medical)."""

from __future__ import annotations

from datetime import date

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona

ALL_SI = ("pension", "medical", "unemployment", "injury", "maternity", "housing_fund")
_FLEX_DATES = "生效月份取决于办理日：每月 18 日前办理当月生效，18 日及以后次月生效"

def remote_registration(d: Days) -> tuple[date, date]:
    """李桂芳's registration in Kunshan: since the 1st three months back, until the end of next year."""
    return d.day(-3, 1), date(d.year + 1, 12, 31)


def registration_text(d: Days) -> str:
    start, end = remote_registration(d)
    return f"{start} 至 {end}"


def personas(d: Days) -> tuple[Persona, ...]:
    return (
        Persona(
            key="flex_normal", name="周建华", sex="1", birth=date(1978, 5, 12), sequence=131,
            category="flexible", card_number="M00000101", password="258036", mobile="13912345601",
            insurances=(("pension", "normal", date(2019, 3, 1)), ("medical", "normal", date(2019, 3, 1))),
            contribution_months=(d.month(-26), d.month(-3)), employer="灵活就业（个人缴纳）", base="4880.00",
            flex=("pension_medical", "1", "normal", d.month(-26)),
            expected={
                "flex_contribution_change": Expectation("completed", "园区灵活就业正常参保缴费，可变更套餐或档次", _FLEX_DATES),
                "insurance_certificate": Expectation("completed", "园区养老、医疗保险参保人员"),
                "remote_medical_register": Expectation("completed", "医疗保险正常，异地长期居住登记"),
            },
        ),
        Persona(
            key="flex_suspended", name="吴丽娟", sex="2", birth=date(1982, 11, 3), sequence=242,
            category="flexible", card_number="M00000102", password="713592", mobile="13912345602",
            insured_status="suspended",
            insurances=(("pension", "suspended", date(2018, 7, 1)), ("medical", "suspended", date(2018, 7, 1))),
            contribution_months=("2023-01", "2024-06"), employer="灵活就业（个人缴纳）", base="4880.00",
            flex=("medical_only", "1", "suspended", "2023-01"),
            expected={
                "flex_contribution_change": Expectation("refused", "灵活就业参保已中断，不是正常缴费状态"),
                "insurance_certificate": Expectation("completed", "有园区参保记录（暂停缴费也可出具证明）"),
                "remote_medical_register": Expectation("refused", "医疗保险不是正常参保状态"),
            },
        ),
        Persona(
            key="enterprise_employee", name="陈志强", sex="1", birth=date(1985, 8, 20), sequence=351,
            category="enterprise", card_number="M00000103", password="480627", mobile="13912345603",
            insurances=tuple((k, "normal", date(2012, 9, 1)) for k in ALL_SI),
            contribution_months=(d.month(-38), d.month(-3)), base="12000.00",
            data={"housing_fund": {
                "account": {"hf_class": "A", "status": "normal", "opened_on": date(2012, 9, 1), "balance": "86520.00",
                            "latest_paid_month": d.month(-1), "citizen_card_bank_account": "6224800012345678"},
                "contributions": {"from": d.month(-38), "to": d.month(-1), "amount": "2400.00"},
            }},
            expected={
                "flex_contribution_change": Expectation("refused", "不是灵活就业参保人员"),
                "insurance_certificate": Expectation("completed", "企业职工，六个险种均可出具"),
                "remote_medical_register": Expectation("completed", "医疗保险正常，异地长期居住登记"),
            },
        ),
        Persona(
            key="institution_staff", name="王秀英", sex="2", birth=date(1976, 2, 14), sequence=462,
            category="institution", card_number="M00000104", password="905318", mobile="13912345604",
            insurances=tuple((k, "normal", date(2005, 8, 1)) for k in ALL_SI),
            contribution_months=(d.month(-26), d.month(-3)), employer="苏州工业园区某机关单位", base="15000.00",
            data={"housing_fund": {
                "account": {"hf_class": "institution", "status": "normal", "opened_on": date(2005, 8, 1),
                            "balance": "132600.00", "latest_paid_month": d.month(-1),
                            "citizen_card_bank_account": "6224800087654321"},
                "contributions": {"from": d.month(-26), "to": d.month(-1), "amount": "3600.00",
                                  "employer": "苏州工业园区某机关单位"},
            }},
            expected={
                "flex_contribution_change": Expectation("refused", "不是灵活就业参保人员"),
                "insurance_certificate": Expectation(
                    "completed", "机关事业单位人员，只能打印医疗、工伤、生育和住房公积金（养老、失业不可选）"),
                "remote_medical_register": Expectation("completed", "医疗保险正常，异地长期居住登记"),
            },
        ),
        Persona(
            key="retiree_resettled", name="张国庆", sex="1", birth=date(1958, 10, 1), sequence=571,
            category="enterprise", retired=True, card_number="M00000105", password="642071", mobile="13912345605",
            insurances=(("pension", "normal", date(1992, 1, 1)), ("medical", "normal", date(1998, 1, 1))),
            contribution_months=("2016-01", "2018-09"), base="6000.00",
            expected={
                "flex_contribution_change": Expectation("refused", "不是灵活就业参保人员"),
                "insurance_certificate": Expectation("completed", "退休人员，养老、医疗保险记录"),
                "remote_medical_register": Expectation("completed", "退休人员，可选异地安置退休登记"),
            },
        ),
        Persona(
            key="remote_registered", name="李桂芳", sex="2", birth=date(1960, 4, 18), sequence=682,
            category="enterprise", retired=True, card_number="M00000106", password="530864", mobile="13912345606",
            insurances=(("pension", "normal", date(1990, 6, 1)), ("medical", "normal", date(1998, 1, 1))),
            contribution_months=("2013-01", "2015-04"), base="5000.00",
            remote_medical=(("retiree_resettled", "kunshan", *remote_registration(d), "active"),),
            expected={
                "flex_contribution_change": Expectation("refused", "不是灵活就业参保人员"),
                "insurance_certificate": Expectation("completed", "退休人员，养老、医疗保险记录"),
                "remote_medical_register": Expectation(
                    "refused", f"已有有效的异地就医登记（昆山市，{registration_text(d)}），需先撤销"),
            },
        ),
        Persona(
            key="no_sip_record", name="赵小明", sex="1", birth=date(1995, 6, 30), sequence=791,
            category="enterprise", insured_status="transferred_out", sip_hukou=False,
            card_number="M00000107", password="817395", mobile="13912345607",
            expected={
                "flex_contribution_change": Expectation("refused", "不是灵活就业参保人员"),
                "insurance_certificate": Expectation("refused", "没有园区参保记录（已全部转出）"),
                "remote_medical_register": Expectation("refused", "没有园区医疗保险记录"),
            },
        ),
    )
