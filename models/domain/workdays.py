"""The Chinese working-day calendar and working-day arithmetic.

Sources, in order of precedence:
1. the user's override table (date -> 休 or 班), which always wins;
2. the years the user imported from a State Council notice (their days are in the override table, and the
   year counts as covered);
3. the `chinesecalendar` package for the years it covers (2004–2026 in 1.11.0);
4. otherwise weekends alone, and the answer is *uncertain*: every result carries the uncertain years so the
   caller can tell the user ("2027年节假日安排尚未录入，期限可能不准确").

Counting rule (domain README §1): the start day never counts; the N-th working day is counted from the
next day on, even when the start day is itself a rest day. `chinese_calendar.find_workday` is not used: it is
one day late when the start is a rest day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from models.domain.errors import UserError

ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """The kind of a day in an arrangement: a rest day (休) or a working day (班)."""

    REST = "休"
    WORK = "班"


@dataclass(frozen=True)
class WorkdayResult:
    """A computed date plus the years whose holiday arrangement was unknown while computing it."""

    value: date
    uncertain_years: tuple[int, ...] = ()

    @property
    def uncertain(self) -> bool:
        return bool(self.uncertain_years)

    def uncertainty_note(self) -> str:
        return uncertainty_note(self.uncertain_years)


@dataclass(frozen=True)
class CountResult:
    """A count of working days plus the uncertain years, like `WorkdayResult`."""

    value: int
    uncertain_years: tuple[int, ...] = ()

    @property
    def uncertain(self) -> bool:
        return bool(self.uncertain_years)

    def uncertainty_note(self) -> str:
        return uncertainty_note(self.uncertain_years)


def uncertainty_note(years: Iterable[int]) -> str:
    """The short mark the CLI prints after an uncertain date: （不确定：2027年节假日安排未录入）."""
    years = sorted(set(years))
    if not years:
        return ""
    return "（不确定：" + "、".join(f"{y}年" for y in years) + "节假日安排未录入）"


def uncertainty_warning(years: Iterable[int]) -> str:
    """The full sentence shown in the GUI: 2027年节假日安排尚未录入，期限可能不准确."""
    years = sorted(set(years))
    if not years:
        return ""
    return "、".join(f"{y}年" for y in years) + "节假日安排尚未录入，期限可能不准确"


@dataclass(frozen=True)
class WorkCalendar:
    """An immutable working-day calendar.

    `package_days` and `package_years` come from chinesecalendar; `overrides` and `override_years` come from
    the database. Build one with `WorkCalendar.standard(...)` or directly in tests.
    """

    package_days: Mapping[date, DayKind] = field(default_factory=dict)
    package_years: frozenset[int] = frozenset()
    overrides: Mapping[date, DayKind] = field(default_factory=dict)
    override_years: frozenset[int] = frozenset()

    @classmethod
    def standard(
        cls,
        overrides: Mapping[date, DayKind] | None = None,
        override_years: Iterable[int] = (),
    ) -> WorkCalendar:
        """The package's calendar plus the given overrides."""
        days, years = package_calendar()
        return cls(
            package_days=days,
            package_years=years,
            overrides=dict(overrides or {}),
            override_years=frozenset(override_years),
        )

    # -- coverage ---------------------------------------------------------------------------------------
    def covers(self, year: int) -> bool:
        """True when the year's holiday arrangement is known (package data or an imported notice)."""
        return year in self.package_years or year in self.override_years

    def covered_years(self) -> list[int]:
        return sorted(self.package_years | self.override_years)

    def coverage_label(self) -> str:
        """For the status bar: 节假日数据：2004–2026 (ranges joined by 、)."""
        years = self.covered_years()
        if not years:
            return "节假日数据：无"
        ranges: list[str] = []
        start = prev = years[0]
        for y in years[1:] + [None]:  # type: ignore[list-item]
            if y is not None and y == prev + 1:
                prev = y
                continue
            ranges.append(f"{start}" if start == prev else f"{start}–{prev}")
            if y is not None:
                start = prev = y
        return "节假日数据：" + "、".join(ranges)

    # -- single days ------------------------------------------------------------------------------------
    def kind_of(self, day: date) -> DayKind:
        override = self.overrides.get(day)
        if override is not None:
            return override
        package = self.package_days.get(day) if day.year in self.package_years else None
        if package is not None:
            return package
        return DayKind.REST if day.weekday() >= 5 else DayKind.WORK

    def is_working_day(self, day: date) -> bool:
        return self.kind_of(day) is DayKind.WORK

    # -- arithmetic -------------------------------------------------------------------------------------
    def add_working_days(self, start: date, n: int) -> WorkdayResult:
        """The n-th working day after `start` (the start day never counts). n must be >= 1.

        n == 0 returns `start` itself (used for "no extra days").
        """
        if n < 0:
            raise ValueError("n must not be negative")
        uncertain: set[int] = set()
        day = start
        remaining = n
        while remaining > 0:
            if day == date.max:
                raise UserError(
                    f"从{start.isoformat()}起数{n}个工作日超出了可以计算的日期范围（最晚到9999年12月31日），请核对日期。"
                )
            day += ONE_DAY
            if not self.covers(day.year):
                uncertain.add(day.year)
            if self.is_working_day(day):
                remaining -= 1
        return WorkdayResult(day, tuple(sorted(uncertain)))

    def working_days_between(self, start: date, end: date) -> CountResult:
        """The number of working days in (start, end]; negative when end is before start."""
        if end < start:
            counted = self.working_days_between(end, start)
            return CountResult(-counted.value, counted.uncertain_years)
        uncertain: set[int] = set()
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if not self.covers(day.year):
                uncertain.add(day.year)
            if self.is_working_day(day):
                count += 1
        return CountResult(count, tuple(sorted(uncertain)))

    def working_days_in_periods(self, periods: Iterable[tuple[date, date]]) -> CountResult:
        """Working days in the union of half-open periods (a, b]; overlapping periods count once."""
        days: set[date] = set()
        uncertain: set[int] = set()
        for a, b in periods:
            day = a
            while day < b:
                day += ONE_DAY
                days.add(day)
        for day in days:
            if not self.covers(day.year):
                uncertain.add(day.year)
        return CountResult(sum(1 for d in days if self.is_working_day(d)), tuple(sorted(uncertain)))

    def year_days(self, year: int) -> list[tuple[date, DayKind, str]]:
        """The special days of a year as (date, kind, source) with source 'package' or 'override'.

        Special means: a weekday rest day or a weekend working day, and every override (even one that
        repeats the default), so that an imported notice shows exactly the days it defines.
        """
        result: dict[date, tuple[DayKind, str]] = {}
        if year in self.package_years:
            for day, kind in self.package_days.items():
                if day.year == year:
                    result[day] = (kind, "package")
        for day, kind in self.overrides.items():
            if day.year == year:
                result[day] = (kind, "override")
        return [(d, k, s) for d, (k, s) in sorted(result.items())]


_PACKAGE_CACHE: tuple[dict[date, DayKind], frozenset[int]] | None = None


def package_calendar() -> tuple[dict[date, DayKind], frozenset[int]]:
    """The chinesecalendar data as {date: kind} and the set of years it covers (read once)."""
    global _PACKAGE_CACHE
    if _PACKAGE_CACHE is None:
        from chinese_calendar import constants

        days: dict[date, DayKind] = {d: DayKind.REST for d in constants.holidays}
        days.update({d: DayKind.WORK for d in constants.workdays})
        first = min(constants.holidays).year
        last = max(constants.holidays).year
        _PACKAGE_CACHE = (days, frozenset(range(first, last + 1)))
    return _PACKAGE_CACHE


def package_holiday_name(day: date) -> str:
    """The Chinese name of a holiday or in-lieu day from chinesecalendar, or ''."""
    from chinese_calendar import constants

    english = constants.holidays.get(day) or constants.workdays.get(day)
    if not english:
        return ""
    try:
        return constants.Holiday(english).chinese
    except ValueError:
        return ""
