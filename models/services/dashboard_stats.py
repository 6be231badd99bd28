"""工作台 figures: this month's new and answered applications, the charts (applications per month over the last 12
months, results by 办理结果 for the year, the on-time rate), and the 今日待办 list of every register.

Plain SQL over the applications' cached columns (received, result, result_date, on_time); voided registrations count
nowhere. 已答复 in a month = the 办理结果 was given (result_date) in that month, as in the monthly return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from models.db import Database
from models.domain.deadline_calendar import DeadlineItem, ItemState, Register
from models.domain.results import RESULTS
from models.domain.workdays import WorkCalendar
from models.entities import Application
from models.services import deadline_calendar, sql_portable
from models.services.applications import month_bounds

TODO_STATES = (ItemState.OVERDUE.value, ItemState.DUE_SOON.value)
TODO_PAST = timedelta(days=366)  # how far back 今日待办 looks for overdue items
TODO_AHEAD = timedelta(days=10)  # beyond the 3rd working day even over a 7-day holiday


def month_text(day: date) -> str:
    """The YYYY-MM of the month filters."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class MonthCounts:
    month: str  # YYYY-MM
    new: int  # received in the month
    answered: int  # 办理结果 given in the month


def _live():  # noqa: ANN202 - SQL condition
    return Application.voided_at.is_(None)


def month_counts(db: Database, today: date) -> MonthCounts:
    first, last = month_bounds(month_text(today))
    with db.reading() as session:
        new = session.scalar(
            select(func.count(Application.id)).where(_live(), Application.received.between(first, last))
        )
        answered = session.scalar(
            select(func.count(Application.id)).where(_live(), Application.result_date.between(first, last))
        )
    return MonthCounts(month_text(today), int(new or 0), int(answered or 0))


def applications_per_month(db: Database, today: date) -> list[tuple[str, int]]:
    """(YYYY-MM, applications received) for the 12 months ending with today's month, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    months.reverse()
    start = date(*months[0], 1)
    end = month_bounds(month_text(today))[1]
    key = sql_portable.year_month(Application.received)
    with db.reading() as session:
        counts: dict[str, int] = dict(
            session.execute(  # type: ignore[arg-type]
                select(key, func.count(Application.id))
                .where(_live(), Application.received.between(start, end))
                .group_by(key)
            ).all()
        )
    return [(f"{y:04d}-{m:02d}", int(counts.get(f"{y:04d}-{m:02d}", 0))) for y, m in months]


def results_by_category(db: Database, year: int) -> list[tuple[str, int]]:
    """(办理结果, applications whose result was given in `year`) in the order of table 三 of the 2021 format."""
    with db.reading() as session:
        counts = dict(
            session.execute(
                select(Application.result, func.count(Application.id))
                .where(_live(), Application.result_date.between(date(year, 1, 1), date(year, 12, 31)))
                .group_by(Application.result)
            ).all()
        )
    return [(result, int(counts.get(result, 0))) for result in RESULTS]


@dataclass(frozen=True)
class OnTime:
    on_time: int  # answered (served) within the 答复期限
    answered: int  # answered in the year and judged (on_time known)

    @property
    def rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def text(self) -> str:
        if not self.answered:
            return "按时答复率：本年尚无答复"
        return f"按时答复率：{self.rate:.1%}（{self.on_time}/{self.answered}件）"


def on_time_rate(db: Database, year: int) -> OnTime:
    """The applications answered in `year` (result_date) whose answer is judged on time or late."""
    in_year = Application.result_date.between(date(year, 1, 1), date(year, 12, 31))
    with db.reading() as session:
        rows = dict(
            session.execute(
                select(Application.on_time, func.count(Application.id))
                .where(_live(), in_year, Application.on_time.is_not(None))
                .group_by(Application.on_time)
            ).all()
        )
    on_time = int(rows.get(True, 0))
    return OnTime(on_time, on_time + int(rows.get(False, 0)))


def today_todo(
    db: Database,
    today: date,
    registers: tuple[Register, ...] = tuple(Register),
    *,
    calendar: WorkCalendar | None = None,
) -> list[DeadlineItem]:
    """今日待办: the items of every register (or of `registers`) overdue or due within 3 working days, overdue first,
    then by due date.

    The returns (月报, 年度报告) only while they are coming: their completion is not recorded, so a past one would
    stay 已逾期 for a year."""
    items = deadline_calendar.list_items(
        db, today - TODO_PAST, today + TODO_AHEAD, today=today, registers=registers, calendar=calendar
    )
    todo = [
        item
        for item in items
        if item.state in TODO_STATES and (item.register != Register.REPORT.value or item.due >= today)
    ]
    todo.sort(key=lambda item: (item.state != ItemState.OVERDUE.value, item.due, item.register, item.key))
    return todo


def due_today(items: list[DeadlineItem], today: date) -> list[DeadlineItem]:
    return [item for item in items if item.due == today and item.state != ItemState.DONE.value]


def tasks_due(items: list[DeadlineItem]) -> list[DeadlineItem]:
    """The county plan's tasks among the 今日待办 items."""
    return [item for item in items if item.register == Register.TASK.value]


def tasks_todo(db: Database, today: date, *, calendar: WorkCalendar | None = None) -> list[DeadlineItem]:
    """The 今日待办 items of the county plan's tasks only (the 工作台's 任务到期): the other registers not read."""
    return tasks_due(today_todo(db, today, registers=(Register.TASK,), calendar=calendar))


# -- the tray's morning notice ------------------------------------------------------------------------------------

MORNING = time(8, 0)  # the first check at or after 08:00 notifies, once per day
TRAY_NOTIFIED_KEY = "tray_notified_on"  # the ISO date of the last morning notice
SHOW_TODAY_KEY = "show_today_on_start"  # "0": the clerk unticked 启动时显示 in 今日待办


def should_notify(now: datetime, last_notified: str | None) -> bool:
    """The morning notice is due: it is 08:00 or later and none was shown today."""
    return now.time() >= MORNING and last_notified != now.date().isoformat()


def notice_text(items: list[DeadlineItem], *, shown: int = 3) -> str:
    """今日到期N项：… naming the first few items."""
    names = "；".join(f"{item.register} {item.what}" for item in items[:shown])
    more = "等" if len(items) > shown else ""
    return f"今日到期{len(items)}项：{names}{more}"
