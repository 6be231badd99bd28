"""Issue 8 letter rules as pure functions: the applicant's period that ends on a rest day (rule 6), the 字号
shape (rule 10), the withheld-part grounds (rule 3) and the quoting of the applicant's content (wording).
Dates are read off shared/domain/holidays/days.csv, not computed by the code under test."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.case import applicant_period_end
from models.domain.errors import ValidationError
from models.domain.letters import format_number, requested, withheld_ground
from models.domain.workdays import WorkCalendar


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar.standard()


@pytest.mark.parametrize(
    ("last_day", "ends"),
    [
        (date(2025, 10, 4), date(2025, 10, 9)),  # 国庆中秋 2025-10-01…08 rest
        (date(2025, 10, 1), date(2025, 10, 9)),
        (date(2025, 10, 18), date(2025, 10, 20)),  # a plain Saturday → Monday
        (date(2025, 10, 11), date(2025, 10, 11)),  # a Saturday 调休上班: a working day, not moved
        (date(2025, 10, 9), date(2025, 10, 9)),  # a working day stays
        (date(2026, 2, 15), date(2026, 2, 24)),  # 春节 2026-02-15…23 rest
        (date(2025, 12, 31), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 4)),  # 元旦 2026-01-01…03 rest, 01-04 (Sun) 调休上班
    ],
)
def test_rule6_applicant_period_ending_on_a_rest_day_moves_to_the_next_working_day(
    calendar: WorkCalendar, last_day: date, ends: date
) -> None:
    assert applicant_period_end(last_day, calendar) == ends


def test_rule10_number_is_prefix_year_in_hexagonal_brackets_and_plain_sequence() -> None:
    assert format_number("{prefix}〔{year}〕{seq}号", prefix="前缀", year=2025, seq=12) == "前缀〔2025〕12号"
    assert format_number("{prefix}〔{year}〕{seq}号", prefix="前缀", year=2025, seq=3) == "前缀〔2025〕3号"
    for wrong in ("{prefix}〔{year}〕第{seq}号", "{prefix}({year}){seq}号", "{prefix}〔{year}〕{seq:02d}号"):
        with pytest.raises(ValidationError, match="例如"):
            format_number(wrong, prefix="前缀", year=2025, seq=3)


@pytest.mark.parametrize("code", ["3.1", "3.4", "3.8", "4.1", "4.3"])
def test_rule3_withheld_part_grounds_are_refusal_or_unavailable_rows(code: str) -> None:
    assert withheld_ground(code).code == code


@pytest.mark.parametrize("code", ["", "1", "2", "5.1", "5.4", "6.3", "3", "3.9"])
def test_rule3_other_rows_are_not_a_ground_for_a_withheld_part(code: str) -> None:
    with pytest.raises(ValidationError, match="不予公开部分的理由类型"):
        withheld_ground(code)


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("2025年道路硬化工程的招标文件", "“2025年道路硬化工程的招标文件”"),
        ("申请公开“2025年道路硬化工程的招标文件”", "“2025年道路硬化工程的招标文件”"),
        ("申请获取：2025年道路硬化工程的招标文件。", "“2025年道路硬化工程的招标文件”"),
        ("“2025年道路硬化工程的招标文件”", "“2025年道路硬化工程的招标文件”"),
        ('"白鹤镇“十四五”规划"', "“白鹤镇“十四五”规划”"),
        ("“十四五”规划和“十五五”规划", "““十四五”规划和“十五五”规划”"),
    ],
)
def test_wording_the_applicants_content_is_quoted_once(typed: str, quoted: str) -> None:
    assert requested(typed) == quoted
