"""期限日历: every deadline of every register over a date range, and the days of a month with their 休/班 mark.

Read from the cached clock columns (application.reply_due …, document.publish_due) with plain SQL; only paused
applications (a consultation or a fee pending) have their events folded, for the third party's 15 working days
and the payment deadline. Left out: the applicant's own 补正期限 and the 第35条 reasons period (the applicant's
deadlines, not the clerk's) and review/lawsuit periods.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import and_, exists, or_, select

from models.db import Database
from models.domain import case
from models.domain.deadline_calendar import (
    DeadlineItem,
    ItemState,
    Register,
    day_mark,
    matches,
    month_grid,
    monthly_due,
    soon_limit,
    state_of,
)
from models.domain.documents import PUBLISH_DAYS
from models.domain.errors import UserError
from models.domain.plan_tasks import MONTHLY, QUARTERLY, YEARLY, period_dues
from models.domain.workdays import WorkCalendar
from models.entities import Application, ApplicationEvent, Document, PlanTask, Solicitation
from models.services import collector, holidays, sql_portable
from models.services.applications import facts_from
from models.services.documents import find_id
from models.services.interpretations import sync_flags
from models.services.profile import get_profile
from models.services.settings import get_setting, set_setting

MONTHLY_RETURN_KEY = "monthly_return_day"  # 每月N日前: the monthly return (月报) is due on day N
MONTHLY_RETURN_DEFAULT = "5"
ANNUAL_REPORT_KEY = "annual_report_deadline"  # MM-DD of the next year (shared with the annual report)
ANNUAL_REPORT_DEFAULT = "01-31"
RECURRING = (MONTHLY, QUARTERLY, YEARLY)
_OPEN = [s.value for s in case.OPEN_STATUSES]
_TEXT: dict[StrEnum, str] = {m: m.value for m in (*Register, *ItemState)}  # plain text, looked up fast
_EVENT_COLUMNS = ("id", "replaces_id", "kind", "day", "data", "voided_at")  # what `facts_from` reads
WRITTEN_REACH = timedelta(days=60)  # 20 working days after the 成文日期 lie within 60 calendar days
NOTICE_REACH = timedelta(days=40)  # the 补正告知 due (7 working days) never lies further after the receipt


@dataclass(frozen=True)
class CalendarDay:
    day: date
    mark: str  # 休 | 班 | ""
    uncertain: bool  # the year has no holiday data
    items: list[DeadlineItem] = field(default_factory=list)


def monthly_return_day(db: Database) -> int:
    value = get_setting(db, MONTHLY_RETURN_KEY) or MONTHLY_RETURN_DEFAULT
    return int(value) if value.isdigit() and 1 <= int(value) <= 31 else int(MONTHLY_RETURN_DEFAULT)


def set_monthly_return_day(db: Database, day: int) -> None:
    if not 1 <= day <= 31:
        raise UserError(f"月报截止日应在1到31之间（收到{day}）。")
    set_setting(db, MONTHLY_RETURN_KEY, str(day))


def annual_report_due(db: Database, report_year: int) -> date:
    """The annual report of `report_year` is due in the next year on the configured MM-DD (default 1月31日)."""
    value = get_setting(db, ANNUAL_REPORT_KEY) or ANNUAL_REPORT_DEFAULT
    try:
        month, day = (int(part) for part in value.split("-"))
        return date(report_year + 1, month, day)
    except ValueError:
        return date(report_year + 1, 1, 31)


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise UserError(f"结束日期{end.isoformat()}早于开始日期{start.isoformat()}。")


def list_items(
    db: Database,
    start: date,
    end: date,
    *,
    today: date | None = None,
    calendar: WorkCalendar | None = None,
    registers: tuple[Register, ...] = tuple(Register),
) -> list[DeadlineItem]:
    """Every deadline of `registers` (all by default) falling in [start, end], by due date then register and key."""
    _check_range(start, end)
    today = today or date.today()
    calendar = calendar or holidays.load_calendar(db)
    soon = soon_limit(calendar, today)
    wanted = set(registers)
    items: list[DeadlineItem] = []
    with collector.paused():  # 10⁵ short-lived rows and items
        if Register.APPLICATION in wanted:
            items += _applications(db, start, end, today, soon, calendar)
        if Register.DOCUMENT in wanted:
            items += _documents(db, start, end, today, soon)
        if Register.SOLICITATION in wanted:
            items += _solicitations(db, start, end, today, soon)
        if Register.INTERPRETATION in wanted:
            items += _interpretations(db, start, end, today, soon, calendar)
        if Register.REPORT in wanted:
            items += _reports(db, start, end, today, soon)
        if Register.TASK in wanted:
            items += _tasks(db, start, end, today, soon)
    items.sort(key=attrgetter("due", "register", "key", "what"))
    return items


def _raw(column: Any) -> Any:
    """A date column read as its stored ISO text: parsed with `date.fromisoformat`, several times faster than
    SQLAlchemy's SQLite date processor (10,000 rows in a month view); PostgreSQL formats it as the same text."""
    return sql_portable.iso_date_text(column)


def _item(
    register: Register,
    key: str,
    what: str,
    due: date | str | None,
    *,
    done: bool,
    today: date,
    soon: date,
    owner: str | None = "",
) -> DeadlineItem:
    assert due is not None  # every query selects rows whose due date lies in the range
    if isinstance(due, str):
        due = date.fromisoformat(due)
    state = _TEXT[state_of(due, done=done, today=today, soon=soon)]
    return DeadlineItem(_TEXT[register], key, what, due, state, owner or "")


def _applications(
    db: Database, start: date, end: date, today: date, soon: date, calendar: WorkCalendar
) -> Iterator[DeadlineItem]:
    reg = Register.APPLICATION
    today_iso = today.isoformat()
    live = Application.voided_at.is_(None)
    notice_sent = exists().where(
        ApplicationEvent.application_id == Application.id,
        ApplicationEvent.kind == case.EventKind.SUPPLEMENT_NOTICE.value,
        ApplicationEvent.voided_at.is_(None),
    )
    with db.reading() as session:
        replies = session.execute(
            select(Application.number, _raw(Application.reply_due), Application.status, Application.handler).where(
                live, Application.paused.is_(False), Application.reply_due.between(start, end)
            )
        ).all()
        notices = session.execute(
            select(Application.number, _raw(Application.supplement_notice_due), notice_sent, Application.handler).where(
                live,
                # 7 working days after receipt: even across 春节 within 40 days (uses the index on `received`)
                Application.received.between(start - NOTICE_REACH, end),
                Application.supplement_notice_due.between(start, end),
                Application.status.in_(_OPEN) | notice_sent,
            )
        ).all()
        paused = session.execute(
            select(Application.id, Application.number, Application.received, Application.handler).where(
                live, Application.paused.is_(True)
            )
        ).all()
        timelines: dict[int, list[Any]] = {row.id: [] for row in paused}
        event_columns = [getattr(ApplicationEvent, c) for c in ("application_id", *_EVENT_COLUMNS)]
        for row in session.execute(
            select(*event_columns)
            .where(ApplicationEvent.application_id.in_(list(timelines)))
            .order_by(ApplicationEvent.application_id, ApplicationEvent.id)
        ):
            timelines[row.application_id].append(row)
    paused_facts = [
        (number, handler, facts_from(received, timelines[app_id])) for app_id, number, received, handler in paused
    ]
    for number, due, status, handler in replies:
        yield _item(reg, number, "答复期限", due, done=status not in _OPEN, today=today, soon=soon, owner=handler)
    for number, due, sent, handler in notices:
        # an unsent 补正告知 whose day has passed is no longer due (补正 was not needed)
        if sent or (due is not None and due >= today_iso):
            yield _item(reg, number, "补正告知期限", due, done=bool(sent), today=today, soon=soon, owner=handler)
    for number, handler, facts in paused_facts:
        for consultation in facts.consultations:
            due_c, _ = case.consultation_deadline(consultation, calendar)
            if due_c is not None and start <= due_c <= end:
                what = f"第三方答复期限：{consultation.party}"
                done = not consultation.pending
                yield _item(reg, number, what, due_c, done=done, today=today, soon=soon, owner=handler)
        if facts.fee is not None:
            due_f, _ = case.payment_deadline(facts.fee, calendar)
            if start <= due_f <= end:
                done = not facts.fee.pending
                yield _item(reg, number, "缴费期限", due_f, done=done, today=today, soon=soon, owner=handler)


def _doc_key(doc_id: int, number: str | None) -> str:
    return number or f"公文{doc_id}"


def _documents(db: Database, start: date, end: date, today: date, soon: date) -> Iterator[DeadlineItem]:
    reg = Register.DOCUMENT
    live = Document.voided_at.is_(None)
    with db.reading() as session:
        publish = session.execute(
            select(
                Document.id,
                Document.number,
                Document.title,
                _raw(Document.publish_due),
                _raw(Document.published),
                Document.department,
            ).where(live, Document.publish_due.between(start, end))
        ).all()
        expiring = session.execute(
            select(Document.id, Document.number, Document.title, _raw(Document.valid_until), Document.department).where(
                live, Document.state == "现行有效", Document.valid_until.between(start, end)
            )
        ).all()
    for doc_id, number, title, due, published, department in publish:
        what = f"公开发布期限：《{title}》"
        done = published is not None
        yield _item(reg, _doc_key(doc_id, number), what, due, done=done, today=today, soon=soon, owner=department)
    for doc_id, number, title, until, department in expiring:
        what = f"有效期届满：《{title}》"
        yield _item(reg, _doc_key(doc_id, number), what, until, done=False, today=today, soon=soon, owner=department)


def _solicitations(db: Database, start: date, end: date, today: date, soon: date) -> Iterator[DeadlineItem]:
    reg = Register.SOLICITATION
    # the results become pending the day after the 截止日期: that day is the earliest a result can be due
    with db.reading() as session:
        rows = session.execute(
            select(
                Solicitation.id, Solicitation.title, _raw(Solicitation.end), _raw(Solicitation.results_published)
            ).where(Solicitation.voided_at.is_(None), Solicitation.end.between(start - timedelta(days=1), end))
        ).all()
    for sid, title, closing_iso, published in rows:
        closing = date.fromisoformat(closing_iso)
        key = str(sid)
        if start <= closing <= end:
            yield _item(reg, key, f"征求意见截止：《{title}》", closing, done=closing < today, today=today, soon=soon)
        results_due = closing + timedelta(days=1)
        if start <= results_due <= end:
            what = f"公布采纳情况：《{title}》"
            yield _item(reg, key, what, results_due, done=published is not None, today=today, soon=soon)


def _interpretations(
    db: Database, start: date, end: date, today: date, soon: date, calendar: WorkCalendar
) -> Iterator[DeadlineItem]:
    """三同步: a flagged document's interpretations are due with the document — on its publication date, or
    while unpublished on its own publication deadline (成文日期 + 20 working days)."""
    # SQL narrows to documents whose due can fall in the range (the exact due is decided below)
    in_range = or_(
        Document.published.between(start, end),
        and_(
            Document.published.is_(None),
            or_(
                Document.publish_due.between(start, end),
                and_(Document.publish_due.is_(None), Document.written.between(start - WRITTEN_REACH, end)),
            ),
        ),
    )
    flags = sync_flags(db, condition=in_range)
    if not flags:
        return
    ids = [flag.document.id for flag in flags]
    with db.reading() as session:
        rows = session.execute(
            select(Document.id, _raw(Document.written), _raw(Document.publish_due), Document.department).where(
                Document.id.in_(ids)
            )
        ).all()
    known = {doc_id: (written, publish_due, department) for doc_id, written, publish_due, department in rows}
    for flag in flags:
        doc = flag.document
        written, publish_due, department = known[doc.id]
        due = doc.published or (date.fromisoformat(publish_due) if publish_due else None)
        if due is None:  # no cached publication clock (not 主动公开): 成文日期 + 20 working days
            due = calendar.add_working_days(date.fromisoformat(written), PUBLISH_DAYS).value
        if start <= due <= end:
            what = f"政策解读（三同步）：《{doc.title}》"
            yield _item(Register.INTERPRETATION, _doc_key(doc.id, doc.number), what, due, done=False, today=today,
                        soon=soon, owner=department)  # fmt: skip


def _reports(db: Database, start: date, end: date, today: date, soon: date) -> Iterator[DeadlineItem]:
    """The monthly return (every month, on the configured day) and the annual report. Their completion is not
    recorded anywhere, so a past one is judged by its date alone."""
    reg = Register.REPORT
    day_n = monthly_return_day(db)
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        due = monthly_due(year, month, day_n)
        if start <= due <= end:
            yield _item(reg, f"{year}-{month:02d}", f"月报：{year}年{month}月", due, done=False, today=today, soon=soon)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for report_year in range(start.year - 1, end.year + 1):
        due = annual_report_due(db, report_year)
        if start <= due <= end:
            what = f"年度报告：{report_year}年"
            yield _item(reg, str(report_year), what, due, done=False, today=today, soon=soon)


def _tasks(db: Database, start: date, end: date, today: date, soon: date) -> Iterator[DeadlineItem]:
    """The county plan's tasks: a dated 完成时限, or the period ends of a recurring task (每月 · 每季度 · 每年) in its
    plan year. One status per task: a recurring task's periods are done only when the task is 已完成."""
    with db.reading() as session:
        rows = session.execute(
            select(PlanTask.id, PlanTask.content, _raw(PlanTask.due), PlanTask.recurrence, PlanTask.plan_year,
                   PlanTask.status).where(
                PlanTask.voided_at.is_(None),
                PlanTask.status != "长期",
                PlanTask.due.between(start, end)
                | (PlanTask.recurrence.in_(RECURRING) & PlanTask.plan_year.between(start.year, end.year)),
            )
        ).all()  # fmt: skip
    for task_id, content, due, recurrence, plan_year, status in rows:
        dues = {date.fromisoformat(due)} if due else set()
        dues.update(period_dues(recurrence, plan_year))
        text = content if len(content) <= 40 else content[:40] + "…"
        for day in sorted(d for d in dues if start <= d <= end):
            what = f"任务：{text}" + (f"（{recurrence}）" if recurrence in RECURRING else "")
            yield _item(Register.TASK, str(task_id), what, day, done=status == "已完成", today=today, soon=soon)


def write_month_pdf(
    db: Database, year: int, month: int, path: Path, *, today: date | None = None, register: str = "", owner: str = ""
) -> Any:
    """The month printed (A4 landscape, `exporters.calendar_pdf`), its items narrowed by the calendar's filters;
    returns its `CalendarPdfResult`."""
    from exporters.calendar_pdf import write_calendar_pdf  # reportlab: loaded only when printing

    first, last = month_grid(year, month)
    days = days_between(db, first, last, today=today)
    if register or owner:
        days = [replace(d, items=[i for i in d.items if matches(i, register, owner)]) for d in days]
    return write_calendar_pdf(path, year, month, days, unit_name=get_profile(db).unit_name.strip())


def parse_month(text: str) -> tuple[int, int]:
    try:
        year_text, month_text = text.strip().split("-")
        year, month = int(year_text), int(month_text)
        date(year, month, 1)
    except ValueError:
        raise UserError(f"“{text}”不是有效月份，应为YYYY-MM（例如2025-10）。") from None
    return year, month


def month_days(db: Database, year: int, month: int, *, today: date | None = None) -> list[CalendarDay]:
    """Each day of the month with its 休/班 mark, whether its year is uncertain, and its deadline items."""
    first = date(year, month, 1)
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return days_between(db, first, last, today=today)


def days_between(db: Database, first: date, last: date, *, today: date | None = None) -> list[CalendarDay]:
    """Each day of [first, last] (a month, or the six weeks a month view shows) with its mark and items."""
    _check_range(first, last)
    calendar = holidays.load_calendar(db)
    by_day: dict[date, list[DeadlineItem]] = {}
    for item in list_items(db, first, last, today=today, calendar=calendar):
        by_day.setdefault(item.due, []).append(item)
    covered: dict[int, bool] = {}
    days = []
    day = first
    while day <= last:
        if day.year not in covered:
            covered[day.year] = calendar.covers(day.year)
        days.append(CalendarDay(day, day_mark(calendar, day), not covered[day.year], by_day.get(day, [])))
        day += timedelta(days=1)
    return days


__all__ = [
    "CalendarDay",
    "ItemState",
    "annual_report_due",
    "days_between",
    "document_id_of_key",
    "list_items",
    "month_days",
    "monthly_return_day",
    "parse_month",
    "set_monthly_return_day",
    "write_month_pdf",
]


def document_id_of_key(db: Database, key: str) -> int:
    """The 公文 id behind a calendar key of the 公文 or 政策解读 register (its 文号, or 公文N without one)."""
    if key.startswith("公文") and key[2:].isdigit():
        return int(key[2:])
    return find_id(db, key)
