"""Use cases on a real database: the unit profile and the stored holiday calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.domain.holiday_notice import NoticeDay, ParsedArrangement, parse_arrangement
from models.domain.workdays import DayKind
from models.services import holidays, profile
from models.services.demo import DEMO_PROFILE
from models.services.settings import get_setting, set_setting

# -- profile ------------------------------------------------------------------------------------------


def test_new_database_has_an_empty_incomplete_profile(db: Database) -> None:
    current = profile.get_profile(db)
    assert current == profile.Profile()
    assert not current.is_complete()


def test_set_field_is_saved_and_read_back(db: Database) -> None:
    returned = profile.set_field(db, "复议机关", "  X县人民政府 ")
    assert returned.review_organ == "X县人民政府"
    assert profile.get_profile(db).review_organ == "X县人民政府"


def test_field_aliases(db: Database) -> None:
    profile.set_field(db, "邮政编码", "404100")
    profile.set_field(db, "印章名称", "X镇人民政府")
    current = profile.get_profile(db)
    assert (current.postcode, current.seal_name) == ("404100", "X镇人民政府")


def test_save_profile_saves_every_field_and_completes_the_profile(db: Database) -> None:
    profile.save_profile(db, DEMO_PROFILE)
    current = profile.get_profile(db)
    assert current.as_labels() == DEMO_PROFILE
    assert current.is_complete()


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("邮编", "12"),
        ("邮编", "40410a"),
        ("联系电话", "请打电话"),
        ("地址", "一行\n两行"),
        ("单位名称", "长" * 201),
    ],
)
def test_invalid_value_is_refused_and_nothing_is_written(db: Database, label: str, value: str) -> None:
    profile.save_profile(db, DEMO_PROFILE)
    before = profile.get_profile(db)
    with pytest.raises(ValidationError) as caught:
        profile.set_field(db, label, value)
    assert caught.value.field == label
    assert caught.value.message.startswith(f"{label}：")
    assert profile.get_profile(db) == before


def test_save_profile_writes_nothing_when_one_value_is_bad(db: Database) -> None:
    profile.save_profile(db, DEMO_PROFILE)
    before = profile.get_profile(db)
    with pytest.raises(ValidationError, match="邮编"):
        profile.save_profile(db, {"单位名称": "新名称", "邮编": "12"})
    assert profile.get_profile(db) == before
    assert profile.get_profile(db).unit_name == DEMO_PROFILE["单位名称"]


def test_unknown_profile_key_is_a_user_error_naming_the_valid_keys(db: Database) -> None:
    with pytest.raises(UserError, match="没有名为“传真”的单位信息项") as caught:
        profile.set_field(db, "传真", "023-1234567")
    assert "复议机关" in caught.value.message
    assert profile.get_profile(db) == profile.Profile()


def test_settings_round_trip(db: Database) -> None:
    assert get_setting(db, "demo_seeded") is None
    set_setting(db, "demo_seeded", "1")
    set_setting(db, "demo_seeded", "2")
    assert get_setting(db, "demo_seeded") == "2"


# -- holidays -----------------------------------------------------------------------------------------

CSV_2027 = "date,type\n2027-01-01,休\n2027-02-05,休\n2027-02-06,班\n"
#: every statutory holiday named in the third column: the only kind of CSV that completes its year
CSV_2027_FULL = (
    "date,type,holiday\n2027-01-01,休,元旦\n2027-02-05,休,春节\n2027-02-06,班,春节\n2027-04-05,休,清明节\n"
    "2027-05-03,休,劳动节\n2027-06-09,休,端午节\n2027-09-15,休,中秋节\n2027-10-01,休,国庆节\n"
)


def test_import_stores_the_days_but_a_csv_of_three_days_leaves_the_year_uncertain(db: Database) -> None:
    """Issue 8: an arrangement covering only part of a year does not mark the year as complete."""
    assert not holidays.load_calendar(db).covers(2027)
    outcome = holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    assert outcome.years == [2027]
    assert outcome.stored == 3
    calendar = holidays.load_calendar(db)
    assert not calendar.covers(2027)
    assert calendar.kind_of(date(2027, 2, 5)) is DayKind.REST  # a Friday
    assert calendar.kind_of(date(2027, 2, 6)) is DayKind.WORK  # a Saturday
    result = calendar.add_working_days(date(2027, 2, 4), 1)
    assert (result.value, result.uncertain) == (date(2027, 2, 6), True)


def test_a_csv_naming_all_seven_statutory_holidays_completes_its_year(db: Database) -> None:
    holidays.import_arrangement(db, parse_arrangement(CSV_2027_FULL))
    calendar = holidays.load_calendar(db)
    assert calendar.covers(2027)
    result = calendar.add_working_days(date(2027, 2, 4), 1)
    assert (result.value, result.uncertain) == (date(2027, 2, 6), False)


def test_reimport_replaces_the_earlier_import_of_that_year(db: Database) -> None:
    holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    holidays.import_arrangement(db, parse_arrangement("date,type\n2027-01-01,休\n"))
    calendar = holidays.load_calendar(db)
    assert calendar.kind_of(date(2027, 2, 5)) is DayKind.WORK  # back to an ordinary Friday
    assert calendar.kind_of(date(2027, 2, 6)) is DayKind.REST  # back to an ordinary Saturday
    days, covered = holidays.list_year(db, 2027)
    assert [d.day for d in days] == [date(2027, 1, 1)]
    assert not covered  # one day of 元旦 is not the year's arrangement


def test_import_keeps_manual_days(db: Database) -> None:
    holidays.set_manual_day(db, date(2027, 2, 5), DayKind.WORK, "县里通知照常上班")
    outcome = holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    assert outcome.kept_manual == [date(2027, 2, 5)]
    assert outcome.stored == 2
    assert holidays.load_calendar(db).kind_of(date(2027, 2, 5)) is DayKind.WORK
    holidays.import_arrangement(db, parse_arrangement(CSV_2027))  # and again on re-import
    days = {d.day: d for d in holidays.list_year(db, 2027)[0]}
    assert days[date(2027, 2, 5)].kind is DayKind.WORK
    assert days[date(2027, 2, 5)].source == "手工设置"
    assert days[date(2027, 2, 5)].holiday == "县里通知照常上班"


def test_a_notice_that_fails_to_parse_changes_nothing_stored(db: Database, tmp_path: Path) -> None:
    """The clerk's import path (holidays import FILE): a file with an impossible date is refused with exit 2,
    and the year's earlier import is still in the database, day for day."""
    import main

    holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    before = holidays.list_year(db, 2027)
    bad = tmp_path / "2027.csv"
    bad.write_text("date,type\n2027-01-01,休\n2027-02-30,休\n", encoding="utf-8")
    assert main.main(["--db", str(db.path), "holidays", "import", str(bad)]) == 2
    after = holidays.list_year(db, 2027)
    assert after == before
    assert [(d.day, d.kind) for d in after[0]] == [
        (date(2027, 1, 1), DayKind.REST),
        (date(2027, 2, 5), DayKind.REST),
        (date(2027, 2, 6), DayKind.WORK),
    ]


class _UnstorableKind:
    """A day whose kind cannot be written (stands for any failure in the middle of the import)."""

    @property
    def value(self) -> str:
        raise OSError("磁盘已满")


def test_an_import_failing_halfway_leaves_the_earlier_import_whole(db: Database) -> None:
    """One transaction: the year's earlier days are deleted inside it, so a failure after the delete (here the
    second day cannot be stored) must bring every one of them back."""
    holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    broken = ParsedArrangement(
        days=[NoticeDay(date(2027, 5, 3), DayKind.REST), NoticeDay(date(2027, 5, 4), _UnstorableKind())],  # type: ignore[arg-type]
        years=[2027],
        source="csv",
    )
    with pytest.raises(OSError, match="磁盘已满"):
        holidays.import_arrangement(db, broken)
    days, covered = holidays.list_year(db, 2027)
    assert [(d.day, d.kind) for d in days] == [
        (date(2027, 1, 1), DayKind.REST),
        (date(2027, 2, 5), DayKind.REST),
        (date(2027, 2, 6), DayKind.WORK),
    ]
    assert not covered  # the failed import (no open year) would have completed 2027: rolled back with the rest


def test_changing_the_override_table_changes_open_deadlines_at_once(db: Database) -> None:
    """Deadlines are computed from the stored calendar at read time: nothing stale after a change."""
    received = date(2025, 9, 22)
    before = holidays.load_calendar(db).add_working_days(received, 20).value
    holidays.set_manual_day(db, date(2025, 10, 15), DayKind.REST, "停电停工")
    after = holidays.load_calendar(db).add_working_days(received, 20).value
    holidays.set_manual_day(db, date(2025, 10, 15), None)
    restored = holidays.load_calendar(db).add_working_days(received, 20).value
    assert (before, after, restored) == (date(2025, 10, 24), date(2025, 10, 27), date(2025, 10, 24))


def test_manual_day_can_be_changed_in_place(db: Database) -> None:
    holidays.set_manual_day(db, date(2025, 10, 18), DayKind.WORK, "补班")
    holidays.set_manual_day(db, date(2025, 10, 18), DayKind.REST, "取消补班")
    days = {d.day: d for d in holidays.list_year(db, 2025)[0]}
    assert days[date(2025, 10, 18)].kind is DayKind.REST
    assert days[date(2025, 10, 18)].holiday == "取消补班"


def test_list_year_of_a_package_year(db: Database) -> None:
    days, covered = holidays.list_year(db, 2025)
    assert covered
    assert len(days) == 33
    by_day = {d.day: d for d in days}
    assert by_day[date(2025, 9, 28)].kind is DayKind.WORK
    assert by_day[date(2025, 10, 1)].holiday == "国庆节"
    assert {d.source for d in days} == {"内置数据"}


def test_list_year_after_importing_the_notice(db: Database, shared_domain: Path) -> None:
    text = (shared_domain / "holidays" / "2025-notice.txt").read_text(encoding="utf-8")
    holidays.import_arrangement(db, holidays.preview(text))
    days, covered = holidays.list_year(db, 2025)
    assert covered
    assert len(days) == 33
    assert {d.source for d in days} == {"通知导入"}
    assert {d.day: d.holiday for d in days}[date(2025, 10, 11)] == "国庆节、中秋节"


def test_list_year_of_an_unknown_year(db: Database) -> None:
    holidays.set_manual_day(db, date(2027, 3, 1), DayKind.REST)
    days, covered = holidays.list_year(db, 2027)
    assert not covered  # one manual day does not make the year's arrangement known
    assert [(d.day, d.source) for d in days] == [(date(2027, 3, 1), "手工设置")]


NOTICE_2028 = (
    "国务院办公厅关于2028年部分节假日安排的通知\n"
    "一、元旦：2027年12月31日(周五)至2028年1月2日(周日)放假，共3天。\n"
    "二、春节：1月25日(周二)至2月1日(周二)放假调休，共8天。1月23日(周日)上班。\n"
)


def test_importing_next_years_notice_keeps_this_years_import(db: Database) -> None:
    """A notice whose 元旦 starts on 12-31 of the year before must not wipe that year's imported days."""
    holidays.import_arrangement(db, parse_arrangement(CSV_2027))
    parsed = holidays.preview(NOTICE_2028)
    assert parsed.warnings == []
    outcome = holidays.import_arrangement(db, parsed)
    assert outcome.years == [2028]

    calendar = holidays.load_calendar(db)
    assert calendar.kind_of(date(2027, 2, 5)) is DayKind.REST  # still there from the 2027 import
    assert calendar.kind_of(date(2027, 2, 6)) is DayKind.WORK
    assert calendar.kind_of(date(2027, 12, 31)) is DayKind.REST  # from the 2028 notice
    assert not calendar.covers(2028)  # 元旦 and 春节 only: 2028 is not complete
    assert len(holidays.list_year(db, 2027)[0]) == 4

    holidays.import_arrangement(db, parsed)  # importing the same notice twice is harmless
    assert len(holidays.list_year(db, 2027)[0]) == 4


def test_a_notice_reaching_into_an_unknown_year_does_not_make_it_known(db: Database) -> None:
    holidays.import_arrangement(db, holidays.preview(NOTICE_2028))
    calendar = holidays.load_calendar(db)
    assert calendar.kind_of(date(2027, 12, 31)) is DayKind.REST
    assert not calendar.covers(2027)  # only 12-31 of 2027 is known, not its holidays
    assert calendar.add_working_days(date(2027, 12, 1), 5).uncertain
