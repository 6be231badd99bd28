"""Working-day arithmetic on the official calendar (domain README §1)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain.workdays import DayKind, WorkCalendar, uncertainty_warning


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar.standard()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # The worked examples of domain README §1.
        (date(2025, 9, 22), 20, date(2025, 10, 24)),
        (date(2026, 2, 10), 20, date(2026, 3, 16)),
        (date(2025, 12, 25), 20, date(2026, 1, 23)),
        # Received on a rest day: counting still starts the next day (10-01…10-08 are rest days).
        (date(2025, 10, 1), 1, date(2025, 10, 9)),
        (date(2025, 10, 4), 1, date(2025, 10, 9)),
        # 调休: Sunday 2025-09-28 and Saturday 2025-10-11 are working days.
        (date(2025, 9, 26), 1, date(2025, 9, 28)),
        (date(2025, 9, 27), 1, date(2025, 9, 28)),
        (date(2025, 10, 10), 1, date(2025, 10, 11)),
        (date(2025, 9, 22), 5, date(2025, 9, 28)),
        # An ordinary week: Friday + 1 is Monday.
        (date(2025, 9, 19), 1, date(2025, 9, 22)),
        # Spring Festival 2026: 02-15…02-23 rest, 02-14 and 02-28 (Saturdays) work.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
    ],
)
def test_add_working_days_on_the_official_calendar(calendar: WorkCalendar, start: date, n: int, expected: date) -> None:
    result = calendar.add_working_days(start, n)
    assert result.value == expected
    assert not result.uncertain
    assert result.uncertainty_note() == ""


def test_working_saturday_and_sunday_are_working_days(calendar: WorkCalendar) -> None:
    assert calendar.kind_of(date(2025, 9, 28)) is DayKind.WORK  # Sunday
    assert calendar.kind_of(date(2025, 10, 11)) is DayKind.WORK  # Saturday
    assert calendar.kind_of(date(2025, 10, 8)) is DayKind.REST  # Wednesday in the National Day holiday
    assert calendar.kind_of(date(2025, 10, 18)) is DayKind.REST  # an ordinary Saturday


@pytest.mark.parametrize("start", [date(2025, 10, 1), date(2025, 9, 22), date(2027, 3, 6)])
def test_zero_days_is_the_start_day_itself(calendar: WorkCalendar, start: date) -> None:
    assert calendar.add_working_days(start, 0).value == start


def test_negative_n_is_refused(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2025, 9, 22), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 9, 22), date(2025, 10, 24), 20),
        (date(2025, 10, 24), date(2025, 9, 22), -20),
        (date(2025, 9, 30), date(2025, 10, 8), 0),  # the whole National Day holiday
        (date(2025, 9, 22), date(2025, 9, 22), 0),
        (date(2025, 9, 26), date(2025, 9, 28), 1),  # Saturday rests, Sunday works
    ],
)
def test_working_days_between(calendar: WorkCalendar, start: date, end: date, expected: int) -> None:
    assert calendar.working_days_between(start, end).value == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_between_is_the_inverse_of_add(calendar: WorkCalendar, start: date, n: int) -> None:
    end = calendar.add_working_days(start, n).value
    assert calendar.working_days_between(start, end).value == n
    assert calendar.is_working_day(end)  # the deadline itself is always a working day


# -- overrides ----------------------------------------------------------------------------------------


def test_manual_rest_day_on_a_weekday_shifts_the_deadline_by_one_day() -> None:
    base = WorkCalendar.standard().add_working_days(date(2025, 9, 22), 20).value
    closed = WorkCalendar.standard({date(2025, 10, 15): DayKind.REST})  # a Wednesday
    assert base == date(2025, 10, 24)  # Friday
    assert closed.add_working_days(date(2025, 9, 22), 20).value == date(2025, 10, 27)  # next Monday


def test_manual_working_saturday_brings_the_deadline_one_day_earlier() -> None:
    calendar = WorkCalendar.standard({date(2025, 10, 18): DayKind.WORK})  # a Saturday
    assert calendar.add_working_days(date(2025, 9, 22), 20).value == date(2025, 10, 23)


@pytest.mark.parametrize(
    ("day", "kind", "expected"),
    [
        (date(2025, 10, 8), DayKind.WORK, date(2025, 10, 23)),  # package says 休
        (date(2025, 9, 28), DayKind.REST, date(2025, 10, 27)),  # package says 班
    ],
)
def test_override_wins_over_package_data(day: date, kind: DayKind, expected: date) -> None:
    calendar = WorkCalendar.standard({day: kind})
    assert calendar.kind_of(day) is kind
    assert calendar.add_working_days(date(2025, 9, 22), 20).value == expected


# -- coverage and uncertainty -------------------------------------------------------------------------


def test_a_deadline_running_into_2027_is_marked_uncertain(calendar: WorkCalendar) -> None:
    result = calendar.add_working_days(date(2026, 12, 20), 20)
    assert result.value.year == 2027
    assert result.uncertain
    assert result.uncertain_years == (2027,)
    assert result.uncertainty_note() == "（不确定：2027年节假日安排未录入）"


def test_a_count_running_into_2027_is_marked_uncertain(calendar: WorkCalendar) -> None:
    result = calendar.working_days_between(date(2026, 12, 31), date(2027, 1, 5))
    assert result.uncertain_years == (2027,)
    assert result.uncertainty_note() == "（不确定：2027年节假日安排未录入）"


def test_a_deadline_inside_2026_is_not_uncertain(calendar: WorkCalendar) -> None:
    assert not calendar.add_working_days(date(2026, 11, 2), 20).uncertain


def test_an_imported_year_is_no_longer_uncertain() -> None:
    # What importing a 2027 notice stores: its days as overrides, and 2027 as an entered year.
    imported = WorkCalendar.standard({date(2027, 1, 1): DayKind.REST}, override_years=[2027])
    result = imported.add_working_days(date(2026, 12, 31), 1)
    assert imported.covers(2027)
    assert not result.uncertain
    assert result.uncertainty_note() == ""
    assert result.value == date(2027, 1, 4)  # 01-01 is a holiday, 01-02/03 the weekend


def test_coverage_label(calendar: WorkCalendar) -> None:
    assert calendar.coverage_label() == "节假日数据：2004–2026"
    assert WorkCalendar.standard(override_years=[2027]).coverage_label() == "节假日数据：2004–2027"
    assert WorkCalendar.standard(override_years=[2029]).coverage_label() == "节假日数据：2004–2026、2029"
    assert WorkCalendar().coverage_label() == "节假日数据：无"


def test_uncertainty_warning_sentence() -> None:
    assert uncertainty_warning([2027]) == "2027年节假日安排尚未录入，期限可能不准确"
    assert uncertainty_warning([]) == ""


# -- periods that do not count (e.g. waiting for a third party's opinion) ------------------------------


def test_overlapping_periods_are_counted_once(calendar: WorkCalendar) -> None:
    first = (date(2025, 9, 22), date(2025, 9, 26))  # 23, 24, 25, 26: 4 working days
    second = (date(2025, 9, 24), date(2025, 9, 30))  # 25, 26, 28 (调休 Sunday), 29, 30: 5 working days
    assert calendar.working_days_in_periods([first]).value == 4
    assert calendar.working_days_in_periods([second]).value == 5
    assert calendar.working_days_in_periods([first, second]).value == 7
    assert calendar.working_days_in_periods([first, first]).value == 4


def test_disjoint_periods_add_up(calendar: WorkCalendar) -> None:
    periods = [(date(2025, 9, 22), date(2025, 9, 24)), (date(2025, 10, 9), date(2025, 10, 13))]
    # 23, 24 + 10, 11 (调休 Saturday), 13
    assert calendar.working_days_in_periods(periods).value == 5


def test_periods_reaching_an_unknown_year_are_uncertain(calendar: WorkCalendar) -> None:
    result = calendar.working_days_in_periods([(date(2026, 12, 30), date(2027, 1, 4))])
    assert result.uncertain_years == (2027,)


def test_year_days_lists_the_special_days_of_a_year(calendar: WorkCalendar) -> None:
    days = {d: k for d, k, _ in calendar.year_days(2025)}
    assert days[date(2025, 9, 28)] is DayKind.WORK
    assert days[date(2025, 10, 1)] is DayKind.REST
    assert date(2025, 10, 13) not in days  # an ordinary Monday
    assert all(d.year == 2025 for d in days)
