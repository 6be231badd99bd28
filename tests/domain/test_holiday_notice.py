"""Reading a year's arrangement from the State Council notice text or from a CSV."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import UserError
from models.domain.holiday_notice import notice_year, parse_arrangement, parse_days_csv, parse_notice
from models.domain.workdays import DayKind


def _official_days(shared_domain: Path, year: int) -> set[tuple[date, str]]:
    with (shared_domain / "holidays" / "days.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(date.fromisoformat(r["date"]), r["type"]) for r in rows if r["date"].startswith(f"{year}-")}


def _notice(shared_domain: Path, year: int) -> str:
    return (shared_domain / "holidays" / f"{year}-notice.txt").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("year", "count"), [(2025, 33), (2026, 39)])
def test_notice_text_gives_exactly_the_official_days(shared_domain: Path, year: int, count: int) -> None:
    expected = _official_days(shared_domain, year)
    parsed = parse_notice(_notice(shared_domain, year))
    assert {(d.day, d.kind.value) for d in parsed.days} == expected
    assert len(parsed.days) == count == len(expected)
    assert parsed.years == [year]
    assert parsed.warnings == []
    assert parsed.source == "notice"


def test_notice_days_carry_the_holiday_name(shared_domain: Path) -> None:
    days = {d.day: d for d in parse_notice(_notice(shared_domain, 2025)).days}
    assert days[date(2025, 1, 26)].holiday == "春节"
    assert days[date(2025, 1, 26)].kind is DayKind.WORK
    assert days[date(2025, 10, 6)].holiday == "国庆节、中秋节"


def test_parse_arrangement_recognises_a_notice(shared_domain: Path) -> None:
    parsed = parse_arrangement(_notice(shared_domain, 2026))
    assert parsed.source == "notice"
    assert {(d.day, d.kind.value) for d in parsed.days} == _official_days(shared_domain, 2026)


def test_principles_paragraph_alone_defines_no_days(shared_domain: Path) -> None:
    lines = _notice(shared_domain, 2025).splitlines()
    principles = next(line for line in lines if "国庆节自10月1日起放假调休7天" in line)
    with pytest.raises(UserError, match="没有从通知中读到"):
        parse_notice(lines[0] + "\n" + principles)
    with pytest.raises(UserError, match="没有从通知中读到"):
        parse_notice("国庆节自10月1日起放假调休7天", year=2025)


def test_full_width_and_half_width_brackets_give_the_same_days(shared_domain: Path) -> None:
    half = _notice(shared_domain, 2025)
    full = half.replace("(", "（").replace(")", "）")
    assert full != half
    parsed_full = parse_notice(full)
    assert parsed_full.days == parse_notice(half).days
    assert parsed_full.warnings == []


def test_weekday_that_does_not_match_the_year_is_warned(shared_domain: Path) -> None:
    line = next(x for x in _notice(shared_domain, 2025).splitlines() if x.startswith("六、国庆节"))
    parsed = parse_notice(line, year=2026)
    assert parsed.days  # still read, but the clerk is told to check
    assert parsed.warnings
    assert any("2026年10月1日" in w and "周三" in w and "请核对年份" in w for w in parsed.warnings)
    # The same line in its own year has no warning.
    assert parse_notice(line, year=2025).warnings == []


def test_stated_day_count_that_does_not_match_the_range_is_warned() -> None:
    parsed = parse_notice("关于2025年部分节假日安排的通知\n一、国庆节：10月1日(周三)至8日(周三)放假调休，共7天。")
    assert len(parsed.days) == 8
    assert any("共7天" in w for w in parsed.warnings)


def test_notice_without_a_year_needs_the_year_argument(shared_domain: Path) -> None:
    body = "\n".join(x for x in _notice(shared_domain, 2025).splitlines() if x.startswith(("一", "二", "六")))
    assert notice_year(body) is None
    with pytest.raises(UserError, match="年份"):
        parse_notice(body)
    assert {d.day.year for d in parse_notice(body, year=2025).days} == {2025}


def test_year_argument_wins_over_the_title(shared_domain: Path) -> None:
    parsed = parse_notice(_notice(shared_domain, 2025), year=2026)
    assert parsed.years == [2026]
    assert parsed.warnings  # the weekdays written in the 2025 notice do not fit 2026


def test_range_crossing_new_year() -> None:
    parsed = parse_notice("一、元旦：2022年12月31日(周六)至2023年1月2日(周一)放假调休，共3天。", year=2023)
    assert [d.day for d in parsed.days] == [date(2022, 12, 31), date(2023, 1, 1), date(2023, 1, 2)]
    assert parsed.warnings == []
    assert parsed.years == [2023]  # the notice defines 2023; 2022's own arrangement is not replaced


# -- CSV ----------------------------------------------------------------------------------------------


def test_official_days_csv_is_read(shared_domain: Path) -> None:
    text = (shared_domain / "holidays" / "days.csv").read_text(encoding="utf-8")
    parsed = parse_arrangement(text)
    assert parsed.source == "csv"
    assert parsed.years == [2025, 2026]
    assert {(d.day, d.kind.value) for d in parsed.days} == (
        _official_days(shared_domain, 2025) | _official_days(shared_domain, 2026)
    )


@pytest.mark.parametrize(
    "text",
    [
        "date,type\n2027-01-01,休\n2027-02-06,班\n",
        "2027-01-01,休\n2027-02-06,班\n",
        "\ufeff日期,类型\n2027-01-01,放假\n\n2027-02-06,上班\n",
    ],
    ids=["header", "no-header", "bom-chinese-header-and-words"],
)
def test_csv_good_rows_with_or_without_header(text: str) -> None:
    parsed = parse_arrangement(text)
    assert parsed.source == "csv"
    assert [(d.day, d.kind) for d in parsed.days] == [
        (date(2027, 1, 1), DayKind.REST),
        (date(2027, 2, 6), DayKind.WORK),
    ]
    assert parsed.years == [2027]


def test_csv_bad_rows_are_all_reported_and_nothing_is_returned() -> None:
    text = "date,type\n2027-01-01,休\n2027-13-01,休\nonly-one-cell\n2027-01-02,周末\n2027-01-01,班\n"
    with pytest.raises(UserError) as caught:
        parse_days_csv(text)
    details = caught.value.details
    assert [d[: d.index("：")] for d in details] == ["第3行", "第4行", "第5行", "第6行"]
    assert "2027-13-01" in details[0]
    assert "周末" in details[2]
    full = caught.value.full_text()
    assert "未导入任何数据" in full
    assert all(d in full for d in details)


def test_csv_with_only_a_header_is_refused() -> None:
    with pytest.raises(UserError, match="没有任何日期"):
        parse_days_csv("date,type\n")


# -- issue 9: no input ends in a traceback -------------------------------------------------------------------


def test_csv_with_bare_cr_line_ends_is_read() -> None:
    parsed = parse_days_csv("date,type\r2027-01-01,休\r2027-02-06,班\r")
    assert [(d.day.isoformat(), d.kind.value) for d in parsed.days] == [("2027-01-01", "休"), ("2027-02-06", "班")]


def test_csv_line_the_csv_reader_refuses_is_a_user_error_with_its_line() -> None:
    with pytest.raises(UserError, match="节假日CSV第2行无法读取"):
        parse_days_csv('date,type\n2027-01-01,"' + "休" * 140_000 + '"\n')


def test_csv_dates_outside_2000_to_2100_are_refused_with_their_line() -> None:
    with pytest.raises(UserError) as refused:
        parse_days_csv("date,type\n1999-10-01,休\n2101-01-01,休\n2027-01-01,休\n")
    assert refused.value.details == [
        "第2行：日期“1999-10-01”的年份不合理（应在2000年到2100年之间）。",
        "第3行：日期“2101-01-01”的年份不合理（应在2000年到2100年之间）。",
    ]


def test_notice_of_an_implausible_year_or_an_endless_holiday_is_refused() -> None:
    with pytest.raises(UserError, match="通知所属年份9999年不合理"):
        parse_notice("一、元旦：12月31日至1月2日放假，共3天。", year=9999)
    with pytest.raises(UserError, match="共365天，不像一次放假安排"):
        parse_notice("关于2027年部分节假日安排的通知\n一、元旦：1月1日至12月31日放假。")
