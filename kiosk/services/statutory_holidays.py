"""The statutory holidays of the 全国年节及纪念日放假办法, for years with no published schedule.

It lists the days every citizen has off and says that such a holiday falling on a Saturday or
Sunday is made up on a working day (适逢星期六、星期日，应当在工作日补假) — here the next ones,
as the State Council has always done. The State Council's yearly notice adds bridge days and
make-up Saturdays that no rule predicts, so a year counted this way is only an estimate
(kiosk/services/working_days.py marks it).

Lunar dates and the 清明 solar term come from lunar-python (computed astronomically, no tables
that run out).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar, Solar

_ONE_DAY = timedelta(days=1)


def _new_year(year: int) -> date:
    return date(year, 1, 1)


def _lunar(month: int, day: int) -> Callable[[int], date]:
    def first_day(year: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    return first_day


def _new_years_eve(year: int) -> date:
    # 除夕 is the last day of the twelfth lunar month (the 29th or 30th): the day before 初一.
    return _lunar(1, 1)(year) - _ONE_DAY


def _qingming(year: int) -> date:
    solar = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


# (name, first day, number of days), per revision of the 放假办法 by the first year it governs.
_REVISION_2014 = (  # the 2013 revision: 春节 初一 to 初三, 劳动节 1 May only
    ("元旦", _new_year, 1), ("春节", _lunar(1, 1), 3), ("清明节", _qingming, 1),
    ("劳动节", _fixed(5, 1), 1), ("端午节", _lunar(5, 5), 1), ("中秋节", _lunar(8, 15), 1),
    ("国庆节", _fixed(10, 1), 3),
)
_REVISION_2025 = (  # the 2024 revision in force from 2025: 除夕 and 2 May added
    ("元旦", _new_year, 1), ("春节", _new_years_eve, 4), ("清明节", _qingming, 1),
    ("劳动节", _fixed(5, 1), 2), ("端午节", _lunar(5, 5), 1), ("中秋节", _lunar(8, 15), 1),
    ("国庆节", _fixed(10, 1), 3),
)
FIRST_YEAR = 2014


def statutory_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The holidays proper of `year` in date order, as (day, name); make-up days not included.

    Two festivals may fall on one day (中秋 on 1 October): that day is listed under both names.

    Raises:
        ValueError: `year` is before 2014, when the rules in force were different again.
    """
    if year < FIRST_YEAR:
        raise ValueError(f"the statutory holidays are computed from {FIRST_YEAR} on, not for {year}")
    rules = _REVISION_2025 if year >= 2025 else _REVISION_2014
    days = [(first(year) + i * _ONE_DAY, name) for name, first, count in rules for i in range(count)]
    return tuple(sorted(days))


@cache
def statutory_days_off(year: int) -> frozenset[date]:
    """Every day off `year`'s statutory holidays give: the holidays and their make-up days.

    A holiday on a Saturday or Sunday, or on a day already off for another festival, is made up on
    the next weekday that is not already off.
    """
    off: set[date] = set()
    owed: list[date] = []
    for day, _name in statutory_holidays(year):
        if day.weekday() >= 5 or day in off:
            owed.append(day)
        off.add(day)
    for day in owed:
        makeup = day + _ONE_DAY
        while makeup.weekday() >= 5 or makeup in off:
            makeup += _ONE_DAY
        off.add(makeup)
    return frozenset(off)
