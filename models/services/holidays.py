"""The holiday calendar as stored: overrides, imported years, and the effective WorkCalendar.

Deadlines are never stored: they are computed from events and `load_calendar()` at read time, so a change of
the override table is reflected in every open deadline at once (nothing stale to recompute).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from models.db import Database
from models.domain.errors import UserError
from models.domain.holiday_notice import ParsedArrangement, parse_arrangement
from models.domain.workdays import DayKind, WorkCalendar, package_holiday_name
from models.entities import HolidayOverride, HolidayYear


def load_calendar(db: Database) -> WorkCalendar:
    with db.reading() as session:
        overrides = {row.day: DayKind(row.kind) for row in session.scalars(select(HolidayOverride)).all()}
        years = session.scalars(select(HolidayYear.year)).all()
    return WorkCalendar.standard(overrides, years)


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: DayKind
    holiday: str
    source: str  # 内置数据 | 通知导入 | CSV导入 | 手工设置


_SOURCE_LABELS = {"package": "内置数据", "notice": "通知导入", "csv": "CSV导入", "manual": "手工设置"}


def list_year(db: Database, year: int) -> tuple[list[CalendarDay], bool]:
    """The special days of `year` and whether the year's arrangement is known."""
    calendar = load_calendar(db)
    with db.reading() as session:
        # Plain values, read inside the session: the rows are expired and detached once it ends.
        rows = {
            r.day: (r.holiday, r.source)
            for r in session.scalars(
                select(HolidayOverride).where(
                    HolidayOverride.day >= date(year, 1, 1), HolidayOverride.day <= date(year, 12, 31)
                )
            )
        }
    days = []
    for day, kind, source in calendar.year_days(year):
        row = rows.get(day)
        name = row[0] if row is not None else package_holiday_name(day)
        label = _SOURCE_LABELS[row[1] if row is not None else source]
        days.append(CalendarDay(day, kind, name, label))
    return days, calendar.covers(year)


@dataclass(frozen=True)
class ImportOutcome:
    years: list[int]
    stored: int
    kept_manual: list[date]


def preview(text: str, year: int | None = None) -> ParsedArrangement:
    """Parse without storing (for the confirmation step)."""
    return parse_arrangement(text, year)


def import_arrangement(db: Database, parsed: ParsedArrangement) -> ImportOutcome:
    """Store a parsed arrangement: it replaces earlier imports of the same years; manual days are kept.

    The years become covered (no longer uncertain). One transaction: all or nothing.
    """
    source = parsed.source
    if not parsed.days:
        raise UserError("没有可导入的日期。")
    with db.transaction() as session:
        manual = {r.day for r in session.scalars(select(HolidayOverride).where(HolidayOverride.source == "manual"))}
        for year in parsed.years:
            session.execute(
                delete(HolidayOverride).where(
                    HolidayOverride.day >= date(year, 1, 1),
                    HolidayOverride.day <= date(year, 12, 31),
                    HolidayOverride.source != "manual",
                )
            )
            if parsed.missing:  # a notice without every statutory holiday leaves its year uncertain
                session.execute(delete(HolidayYear).where(HolidayYear.year == year))
            else:
                session.merge(HolidayYear(year=year, source=source))
        kept: list[date] = []
        stored = 0
        for item in parsed.days:
            if item.day in manual:
                kept.append(item.day)
                continue
            # merge: a day outside `parsed.years` (12-31 of the year before) may already be stored
            session.merge(HolidayOverride(day=item.day, kind=item.kind.value, holiday=item.holiday, source=source))
            stored += 1
    _recompute_open_deadlines(db)
    return ImportOutcome(years=parsed.years, stored=stored, kept_manual=kept)


def set_manual_day(db: Database, day: date, kind: DayKind | None, note: str = "") -> None:
    """Fix one day by hand (kind None removes the manual entry and returns to the default)."""
    with db.transaction() as session:
        row = session.get(HolidayOverride, day)
        if kind is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(HolidayOverride(day=day, kind=kind.value, holiday=note, source="manual"))
        else:
            row.kind, row.holiday, row.source = kind.value, note, "manual"
    _recompute_open_deadlines(db)


def _recompute_open_deadlines(db: Database) -> None:
    """The calendar changed: every open application's cached due date is recomputed at once."""
    from models.services.applications import recompute_all  # the register depends on the calendar, not back

    recompute_all(db)
