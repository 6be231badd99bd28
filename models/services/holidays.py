"""The holiday calendar as stored: overrides, imported years, and the effective WorkCalendar.

Deadlines are never stored: they are computed from events and `load_calendar()` at read time, so a change of
the override table is reflected in every open deadline at once (nothing stale to recompute).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from models.db import Database
from models.domain.errors import UserError
from models.domain.workdays import DayKind, WorkCalendar, package_holiday_name
from models.entities import Application, HolidayOverride, HolidayYear
from models.textfiles import read_text_file

if TYPE_CHECKING:  # the notice parser (its patterns compiled at import) loads when a notice is read
    from models.domain.holiday_notice import ParsedArrangement


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
    from models.domain.holiday_notice import parse_arrangement

    return parse_arrangement(text, year)


def read_arrangement(path: Path, year: int | None = None) -> ParsedArrangement:
    """Parse a notice text or CSV file without storing; a refusal names the file."""
    text = read_text_file(path)
    try:
        from models.domain.holiday_notice import parse_arrangement

        return parse_arrangement(text, year)
    except UserError as error:
        raise UserError(f"{path.name}：{error.message}", details=error.details) from None


# -- what an import changes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayChange:
    day: date
    old: DayKind
    new: DayKind


@dataclass(frozen=True)
class DeadlineMove:
    number: str
    label: str  # 答复期限
    old: date | None
    new: date | None


@dataclass(frozen=True)
class ImportPlan:
    """What storing `parsed` would change: the days whose kind changes in the years that have data already, and
    the open applications whose deadlines move. Such an import needs the clerk's confirmation."""

    parsed: ParsedArrangement
    years_with_data: list[int]
    day_changes: list[DayChange]
    moves: list[DeadlineMove]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.years_with_data) and bool(self.day_changes or self.moves)

    def change_lines(self) -> list[str]:
        """One Chinese line per changed day and per moved deadline."""
        lines = [f"{c.day.isoformat()}：{_KIND_LABELS[c.old]} → {_KIND_LABELS[c.new]}" for c in self.day_changes]
        lines += [f"{m.number} {m.label}：{_day_text(m.old)} → {_day_text(m.new)}" for m in self.moves]
        return lines

    def summary(self) -> str:
        years = "、".join(f"{y}年" for y in self.years_with_data)
        return (
            f"{years}已有节假日数据：这次导入会改变{len(self.day_changes)}天的安排，"
            f"{len(self.moves)}个未办结申请的期限随之改变。"
        )


_KIND_LABELS = {DayKind.REST: "放假", DayKind.WORK: "上班"}


def _day_text(day: date | None) -> str:
    return day.isoformat() if day is not None else "无"


def plan_import(db: Database, parsed: ParsedArrangement, *, today: date | None = None) -> ImportPlan:
    """What `import_arrangement(db, parsed)` would change, computed without writing anything."""
    old = load_calendar(db)
    with db.reading() as session:
        rows = {r.day: (DayKind(r.kind), r.source) for r in session.scalars(select(HolidayOverride))}
    # The same replacement as import_arrangement: the non-manual days of the imported years go, manual days stay.
    overrides = {d: kind for d, (kind, source) in rows.items() if source == "manual" or d.year not in parsed.years}
    for item in parsed.days:
        if rows.get(item.day, (None, ""))[1] != "manual":
            overrides[item.day] = item.kind
    new = replace(old, overrides=overrides, override_years=old.override_years | set(parsed.years))
    years = sorted(set(parsed.years) | {d.day.year for d in parsed.days})
    with_data = [y for y in years if old.covers(y) or any(d.year == y for d in rows)]
    changes = []
    for year in with_data:
        day = date(year, 1, 1)
        while day.year == year:
            if old.kind_of(day) is not new.kind_of(day):
                changes.append(DayChange(day, old.kind_of(day), new.kind_of(day)))
            day += timedelta(days=1)
    moves = _moved_deadlines(db, old, new, today or date.today()) if changes else []
    return ImportPlan(parsed, with_data, changes, moves)


def _moved_deadlines(db: Database, old: WorkCalendar, new: WorkCalendar, today: date) -> list[DeadlineMove]:
    from models.domain import case  # the register's rules, read only
    from models.services.applications import facts_of

    moves = []
    with db.reading() as session:
        query = select(Application).where(Application.status.in_([s.value for s in case.OPEN_STATUSES]))
        for app in session.scalars(query.order_by(Application.number)):
            facts = facts_of(app)
            before, after = case.compute(facts, old, today), case.compute(facts, new, today)
            if before.reply_due != after.reply_due:
                moves.append(DeadlineMove(app.number, "答复期限", before.reply_due, after.reply_due))
    return moves


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
            if year in parsed.open_years:  # a text without every statutory holiday leaves its year uncertain
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
    from models.services import documents  # the registers depend on the calendar, not back
    from models.services.applications import recompute_all

    recompute_all(db)
    documents.recompute_all(db)
