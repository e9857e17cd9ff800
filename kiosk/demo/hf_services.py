"""Demo personas of the four housing-fund services of A/B-class contributors: 园区离退休一次性提取住房
账户, 大市外住房公积金转入申请, 住房公积金转出至大市内 and 封存住房公积金提取.

Housing-fund data goes through `persona.data["housing_fund"]` (kiosk/demo/housing_fund.py) and
SI transfer-out vouchers through `persona.data["social_insurance"]`; this module seeds the
applications these services keep, from `persona.data["hf_applications"]`:
    [{"serial": "…", "kind": "transfer_in", "submitted_at": datetime, "details": {…}}]   # pending
due three working days after submission.

Dates are relative to the seeding day (kiosk/demo/builder.py): a recently sealed account was sealed on
the 20th two months back, so it is never "sealed for half a year" yet.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona
from kiosk.services.formatting import add_months
from kiosk.services.working_days import WorkingDayCalendar
from kiosk.store import models as m
from kiosk.store.tables.hf_applications import HfApplication

RETIRE = "retirement_hf_withdrawal"
HF_IN = "hf_transfer_in"
HF_OUT = "hf_transfer_out_local"
SEALED = "sealed_hf_withdrawal"
SERVICES = (RETIRE, HF_IN, HF_OUT, SEALED)

_NOT_RETIRED = Expectation("refused", "没有退休审批记录、养老金发放计划或发放记录")
_IN_NOT_NORMAL = Expectation("refused", "园区住房公积金账户已封存，转入需正常缴存")
_NO_VOUCHER_OUT = Expectation("refused", "未开具社会保险关系转出参保缴费凭证，须先办理")
_NO_DESTINATION = Expectation("refused", "没有苏州大市内转入地的开户信息")
_NOT_SEALED = Expectation("refused", "账户正常缴存，尚未封存")
_INSTITUTION = Expectation("refused", "机关住房公积金账户，应办理机关事业单位类别下的对应业务")
_IN_OK = Expectation("pending_review", "甲类账户连续缴存满 6 个月，填写手机、转出地中心、原账号、原单位并同意声明；3 个工作日审核")

ALL_SI = ("pension", "medical", "unemployment", "injury", "maternity", "housing_fund")


def _account(d: Days, hf_class: str = "A", status: str = "sealed", balance: str = "52360.00",
             **extra: Any) -> dict[str, Any]:
    return {"hf_class": hf_class, "status": status, "opened_on": date(2014, 3, 1), "balance": balance,
            "latest_paid_month": d.month(-1) if status == "normal" else d.month(-8), **extra}


def _bank(card: str) -> str:
    """A fictional Bank of Suzhou account number behind the persona's citizen card."""
    return f"62248000{card[-6:]}02"


def _sealed_data(d: Days, card: str, sealed_on: date, *, voucher: bool = True, **account: Any) -> dict[str, Any]:
    """A sealed A-class account of someone who left; the pension voucher already issued when `voucher`."""
    data: dict[str, Any] = {"housing_fund": {
        "account": _account(d, **{"sealed_on": sealed_on, "latest_paid_month": f"{sealed_on:%Y-%m}",
                               "citizen_card_bank_account": _bank(card), "hukou_local": False,
                               "hukou_address": "安徽省合肥市蜀山区长江西路 100 号", "employed_in_city": False,
                               **account}),
        "contributions": {"from": d.month(-38), "to": f"{sealed_on:%Y-%m}", "amount": "2480.00"}}}
    if voucher:
        data["social_insurance"] = {"transfer_vouchers": [
            {"kind": "pension", "applied_on": d.day(-1, 20), "destination": "安徽省合肥市"}]}
    return data


def _persona(key: str, name: str, sex: str, birth: date, sequence: int, data: dict[str, Any],
             expected: dict[str, Expectation], **extra: Any) -> Persona:
    card = f"M00000{sequence}"
    category = extra.pop("category", "enterprise")
    return Persona(key=key, name=name, sex=sex, birth=birth, sequence=sequence, category=category, card_number=card,
                   password=f"{sequence * 613 % 1000000:06d}", mobile=f"13912348{sequence}",
                   insurances=extra.pop("insurances", tuple((k, "normal", date(2014, 3, 1)) for k in ALL_SI)),
                   data=data, expected=expected, **extra)


def _retiree(d: Days, key: str, name: str, sex: str, birth: date, sequence: int, retirement: Expectation,
             sealed: Expectation, withdrawals: tuple[dict[str, Any], ...] = (), **account: Any) -> Persona:
    card = f"M00000{sequence}"
    hf_class = "institution" if account.get("retirement_kind") == "institution" else "A"
    data = {"housing_fund": {"account": _account(d, hf_class, sealed_on=date(2023, 7, 1), latest_paid_month="2023-06",
                                                 citizen_card_bank_account=_bank(card), **account),
                             "contributions": {"from": "2021-01", "to": "2023-06", "amount": "1960.00"},
                             "withdrawals": list(withdrawals)}}
    others = _INSTITUTION if hf_class == "institution" else None
    return _persona(key, name, sex, birth, sequence, data, retired=True,
                    category="institution" if hf_class == "institution" else "enterprise",
                    expected={RETIRE: retirement, HF_IN: others or _IN_NOT_NORMAL,
                              HF_OUT: others or _NO_VOUCHER_OUT, SEALED: others or sealed})


def _working(d: Days, key: str, name: str, sex: str, birth: date, sequence: int, first: int,
             transfer_in: Expectation, **data: Any) -> Persona:
    """Someone contributing to an A-class account now, since the month `first` months back without a gap."""
    hf = {"account": _account(d, status="normal", opened_on=d.day(first, 1), balance="18640.00"),
          "contributions": {"from": d.month(first), "to": d.month(-1), "amount": "2330.00"}}
    return _persona(key, name, sex, birth, sequence, {"housing_fund": hf, **data},
                    {RETIRE: _NOT_RETIRED, HF_IN: transfer_in, HF_OUT: _NO_VOUCHER_OUT, SEALED: _NOT_SEALED})


def _leaver(d: Days, key: str, name: str, sex: str, birth: date, sequence: int, out: Expectation,
            sealed: Expectation, sealed_on: date | None = None, *, voucher: bool = True, **account: Any) -> Persona:
    """Someone who left: the account sealed on `sealed_on` (by default the 15th seven months back)."""
    card = f"M00000{sequence}"
    data = _sealed_data(d, card, sealed_on or d.day(-7, 15), voucher=voucher, **account)
    return _persona(key, name, sex, birth, sequence, data,
                    {RETIRE: _NOT_RETIRED, HF_IN: _IN_NOT_NORMAL, HF_OUT: out, SEALED: sealed})


_KUNSHAN = {"place": "kunshan", "centre_name": "昆山市住房公积金管理中心", "account_number": "321583000084016",
            "employer": "昆山市玉山镇某精密机械有限公司"}


def personas(d: Days) -> tuple[Persona, ...]:
    retired_on = d.day(-10, 6)
    transfer_in = d.ago(5)
    recently_sealed = d.day(-2, 20)
    half_year = add_months(recently_sealed, 6)
    built = (
        _retiree(d, "hf_retiree_si", "王建华", "1", date(1963, 6, 12), 801,
                 Expectation("completed", "社保（公积金）退休（养老金发放记录）：余额 68,540.30 元留足应缴养老保险费 "
                                          "12,360.00 元，提取 56,180.30 元，打印报表"),
                 _NO_VOUCHER_OUT, retirement_kind="si_hf", retirement_record="pension_paid", balance="68540.30",
                 pension_reserve="12360.00"),
        _retiree(d, "hf_retiree_gov", "赵淑芬", "2", date(1970, 3, 8), 802,
                 Expectation("completed", "园区机关退休（退休审批记录）：提取全部余额 45,210.00 元，账户销户，打印报表"),
                 _INSTITUTION, retirement_kind="institution", retirement_record="approval", balance="45210.00"),
        _retiree(d, "hf_retiree_done", "钱国强", "1", date(1961, 1, 19), 803,
                 Expectation("refused", f"{retired_on} 已办理离退休一次性提取，只能办理一次"), _NO_VOUCHER_OUT,
                 retirement_kind="si_hf", retirement_record="pension_plan", balance="1250.00", pension_reserve="1250.00",
                 withdrawals=({"serial": d.serial(retired_on, 803), "kind": "retirement", "amount": "71380.50",
                               "created_at": d.at(retired_on, 9, 40)},)),
        _retiree(d, "hf_retiree_reserve", "孙丽", "2", date(1971, 9, 30), 804,
                 Expectation("refused", "余额 8,000.00 元不足留足应缴养老保险费 9,600.00 元，无可提取金额"),
                 _NO_VOUCHER_OUT, retirement_kind="si_hf", retirement_record="approval", balance="8000.00",
                 pension_reserve="9600.00"),
        _working(d, "hf_stable_six", "周明", "1", date(1994, 5, 17), 805, -6, _IN_OK),
        _working(d, "hf_five_months", "吴婷", "2", date(1996, 11, 2), 806, -5,
                 Expectation("refused", f"{d.month(-5)} 至 {d.month(-1)} 连续缴存 5 个月，未满 6 个月")),
        _working(d, "hf_transfer_in_pending", "蒋文", "1", date(1989, 4, 3), 807, -26,
                 Expectation("refused", f"{transfer_in} 已提交转入申请，中心正在审核，请勿重复提交"),
                 hf_applications=[{"serial": d.serial(transfer_in, 807), "kind": "transfer_in",
                                   "submitted_at": d.at(transfer_in, 15, 20),
                                   "details": {"from_centre": "南京住房公积金管理中心", "old_account": "32010023456",
                                               "old_employer": "南京某科技有限公司"}}]),
        _leaver(d, "hf_to_kunshan", "郑浩", "1", date(1990, 7, 21), 809,
                Expectation("pending_review", "已开具参保缴费凭证，系统生成昆山市转入地信息，填写手机提交；5 个工作日审核"),
                Expectation("refused", "在苏州大市（昆山市）就业，不符合封存提取条件"),
                employed_in_city=True, hukou_local=True),
        _leaver(d, "hf_to_no_voucher", "冯雪", "2", date(1992, 1, 14), 810, _NO_VOUCHER_OUT,
                Expectation("refused", "在苏州大市（吴江区）就业，不符合封存提取条件"), voucher=False,
                employed_in_city=True, hukou_local=True),
        _leaver(d, "hf_sealed_ready", "陈磊", "1", date(1985, 10, 9), 811, _NO_DESTINATION,
                Expectation("pending_review", "封存满半年、未在本市就业、未在园区外缴存，已开具参保缴费凭证；"
                                              "核实户籍地址，选择市民卡苏州银行账户或绑定银行卡；5 个工作日审核"),
                bound_bank_card="6228480123456789015"),
        _leaver(d, "hf_sealed_recent", "褚静", "2", date(1991, 6, 24), 812, _NO_DESTINATION,
                Expectation("refused", f"{recently_sealed} 封存，未满半年（{half_year} 起可办理）",
                            f"封存满半年之日为 {half_year}：此前被拒绝，自该日起可申请（待审核，5 个工作日）"),
                sealed_on=recently_sealed),
        _leaver(d, "hf_sealed_elsewhere", "卫东", "1", date(1987, 2, 27), 813, _NO_DESTINATION,
                Expectation("refused", "在园区以外继续缴存住房公积金，不符合封存提取条件"), contributing_elsewhere=True),
        _leaver(d, "hf_sealed_retired_age", "蒋卫国", "1", date(1964, 8, 5), 815, _NO_DESTINATION,
                Expectation("pending_review", "2024-08-05 已达法定退休年龄：封存未满半年也可提取；5 个工作日审核"),
                sealed_on=d.day(-1, 10)),
        _leaver(d, "hf_sealed_no_voucher", "韩梅", "2", date(1993, 12, 1), 816, _NO_DESTINATION,
                Expectation("refused", "未开具社会保险关系转出参保缴费凭证，须先办理"), voucher=False),
    )
    # The system-generated destination inside Suzhou city (it also means "employed in the city").
    return tuple(p if p.key not in _DESTINATIONS else dataclasses.replace(p, data={
        **p.data, "housing_fund": {**p.data["housing_fund"], "destination": _DESTINATIONS[p.key]}}) for p in built)


_DESTINATIONS = {"hf_to_kunshan": _KUNSHAN,
                 "hf_to_no_voucher": {"place": "wujiang", "centre_name": "苏州市住房公积金管理中心吴江分中心",
                                      "account_number": "320584000091102", "employer": "吴江区某纺织有限公司"}}
def seed(tx: Session, person: m.Person, persona: Persona) -> None:
    """Writes the pending applications a persona already has (due three working days on)."""
    for row in persona.data.get("hf_applications", ()):
        due = WorkingDayCalendar().add_working_days(row["submitted_at"].date(), 3)
        tx.add(HfApplication(person_id=person.id, status="pending", due_on=due, **row))
