"""期限日历 rules: one deadline item, its state on the working-day calendar, and the 休/班 mark of a day.

Marks: 休 = a rest day of a statutory holiday arrangement (the holiday data, weekends inside a holiday included),
班 = a 调休 weekend working day, "" otherwise (plain weekends are rest days without a mark). A day of a year
without holiday data is `uncertain`.
"""

from __future__ import annotations

import hashlib
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from models.domain.case import DUE_SOON_DAYS  # 3个工作日内到期: one rule for every register
from models.domain.workdays import DayKind, WorkCalendar


class ItemState(StrEnum):
    OVERDUE = "已逾期"
    DUE_SOON = "3个工作日内到期"
    NORMAL = "正常"
    DONE = "已完成"


class Register(StrEnum):
    APPLICATION = "依申请公开"
    DOCUMENT = "公文"
    SOLICITATION = "征求意见"
    INTERPRETATION = "政策解读"
    REPORT = "报表"
    TASK = "任务清单"


class DeadlineItem(NamedTuple):  # a tuple: a month view builds 10,000 of them
    register: str  # a Register value
    key: str  # the record's key in its register: 申请编号, 公文 id, … (opens the record)
    what: str  # what falls due, in Chinese
    due: date
    state: str  # an ItemState value
    owner: str = ""  # 承办人 (an application's handler) or 承办科室 (a document's department); "" for the others

    @property
    def uid(self) -> str:
        """Stable across exports: the same kind of deadline of the same record on the same day keeps its UID (ASCII,
        for calendar programs that choke on other characters)."""
        kind = self.what.split("：")[0]
        digest = hashlib.sha1(f"{self.register}|{self.key}|{kind}".encode()).hexdigest()[:16]
        return f"{digest}-{self.due.strftime('%Y%m%d')}"


def state_of(due: date, *, done: bool, today: date, soon: date) -> ItemState:
    """`soon` = the 3rd working day after today (compute once with `soon_limit`)."""
    if done:
        return ItemState.DONE
    if due < today:
        return ItemState.OVERDUE
    if due <= soon:
        return ItemState.DUE_SOON
    return ItemState.NORMAL


def soon_limit(calendar: WorkCalendar, today: date) -> date:
    return calendar.add_working_days(today, DUE_SOON_DAYS).value


def day_mark(calendar: WorkCalendar, day: date) -> str:
    """休, 班 or "" (see the module docstring)."""
    special = calendar.overrides.get(day)
    if special is None and day.year in calendar.package_years:
        special = calendar.package_days.get(day)
    if special is DayKind.REST:
        return "休"
    if special is DayKind.WORK and day.weekday() >= 5:
        return "班"
    return ""


def monthly_due(year: int, month: int, day_of_month: int) -> date:
    """The monthly return's due day in a month (a day beyond the month's end falls on its last day)."""
    import calendar as cal

    return date(year, month, min(day_of_month, cal.monthrange(year, month)[1]))


# How a state shows on screen and paper: a colour AND a text tag (never colour alone); 正常 is plain black, untagged.
STATE_TAG: dict[str, str] = {
    ItemState.OVERDUE: "【逾期】",
    ItemState.DUE_SOON: "【临期】",
    ItemState.NORMAL: "",
    ItemState.DONE: "【已办】",
}
STATE_COLOUR: dict[str, str] = {
    ItemState.OVERDUE: "#C62828",
    ItemState.DUE_SOON: "#E65100",
    ItemState.NORMAL: "#212121",
    ItemState.DONE: "#9E9E9E",
}
STATE_LEGEND = "【逾期】已逾期（红） · 【临期】3个工作日内到期（橙） · 无标记：正常（黑） · 【已办】已完成（灰）"
UNCERTAIN_TIP = "该年节假日安排未录入"
WEEKDAY_NAMES = "一二三四五六日"


def month_grid(year: int, month: int) -> tuple[date, date]:
    """The first and last day of the six whole weeks (Monday to Sunday) a month view shows."""
    from datetime import timedelta

    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def matches(item: DeadlineItem, register: str = "", owner: str = "") -> bool:
    """The calendar's filters: a register (登记簿) and a 承办人; "" lets every item through."""
    return (not register or item.register == register) and (not owner or item.owner == owner)
