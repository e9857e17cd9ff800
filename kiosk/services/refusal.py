"""The one refusal layout: the reason, 您可以… (what to do next), and whether it passes later.

Every `Refused` in kiosk/services is built here, so no refusal leaves a resident without a next
step. "暂时无法办理" (temporary) only for what passes by itself: a time window, a daily, monthly or
yearly limit, an application still under review; "无法办理" otherwise. Where the centre's guide is
silent on what to do, the next step is the counter.
"""

from __future__ import annotations

from datetime import date

from kiosk.config import KioskConfig
from kiosk.services.outcome import Refused
from kiosk.services.formatting import ymd
from kiosk.services.spec import CATEGORY_TITLES
from kiosk.services.working_days import DueDate

COUNTER_DO = "您可以携带本人身份证到中心柜面办理"
COUNTER_ASK = "您可以携带本人身份证到中心柜面咨询"
COUNTER_CHECK = "您可以携带相关材料到中心柜面审核办理"  # the guide's 请您携带相关材料至柜台审核办理


def refuse(reason: str, next_step: str, *, temporary: bool = False, instead: str | None = None) -> Refused:
    """A refusal with its reason and what the resident can do next (a sentence starting 您可以)."""
    if not next_step.startswith("您可以"):
        raise ValueError(f"a next step starts with 您可以: {next_step!r}")
    return Refused(reason=reason, next_step=next_step, temporary=temporary, instead=instead)


def at_counter(reason: str, *, ask: bool = False) -> Refused:
    """This terminal cannot do it; the centre's counter can (or can tell the resident more)."""
    return refuse(reason, COUNTER_ASK if ask else COUNTER_DO)


def counter_check(reason: str) -> Refused:
    """The guide's "请您携带相关材料至柜台审核办理" cases (a check the terminal cannot pass)."""
    return refuse(reason, COUNTER_CHECK)


def come_back(reason: str, on: date, *, then: str = "") -> Refused:
    """A time window or a limit: the same business works again from `on`."""
    return refuse(reason, f"您可以于 {on.year} 年 {on.month} 月 {on.day} 日起再来办理{then}", temporary=True)


def under_review(reason: str, due: DueDate | None, today: date) -> Refused:
    """An application already handed in: nothing to do but wait for the centre.

    `due` says 预计 … (以中心公布的节假日安排为准) while it was counted over an unpublished year.
    """
    if due is not None and due.day >= today:
        step = f"您可以等候中心办理（{due.expected()} 前办结），如有问题中心会通过短信或电话联系您"
    else:
        late = f"（预计办结日期 {ymd(due.day)} 已过）" if due is not None else ""
        step = f"您可以拨打咨询电话或到中心柜面了解办理进度{late}"
    return refuse(reason, step, temporary=True)


def choose_instead(reason: str, service_id: str, *, then: str = "") -> Refused:
    """Another service on this terminal fits the resident: name its tile, and let the UI show it."""
    from kiosk.services import catalogue  # the catalogue imports the rules that call this

    spec = catalogue.get(service_id)
    where = CATEGORY_TITLES[spec.category]
    return refuse(reason, f"您可以返回首页，在“{where}”类别中点击“{spec.tile_label}”办理{then}", instead=service_id)



def no_need(reason: str) -> Refused:
    """Already done or already so: nothing is left to do here."""
    return refuse(reason, "您可以返回首页办理其他业务，本业务无需再办理")


def start_again(reason: str) -> Refused:
    """What the resident saw changed while the business was open: a fresh start passes."""
    return refuse(reason, "您可以返回首页重新办理", temporary=True)


def centre_contact(config: KioskConfig) -> tuple[str, ...]:
    """The lines under every refusal: the centre's name, address, hours (when configured) and hotline."""
    c = config.centre
    lines = [c.name]
    if c.address:
        lines.append(f"地址：{c.address}")
    if c.hours:
        lines.append(f"办公时间：{c.hours}")
    lines.append(f"咨询电话：{c.hotline}")
    return tuple(lines)
