"""Upgrading keeps the data (issue 12, Packaging): a database made by the FIRST release opens with today's code,
is migrated to the newest schema, and every record it held is still there, field for field.

The fixture `tests/data/upgrade/first_release.db` was made by the first release's own code — commit 9cd6f69
("applications.facts_of: …", the last commit of the first round, schema 0001–0004: profile, holidays,
applications register, letters and returns) — checked out in a temporary worktree and run with the shared venv:

    DISCLOSURE_DESK_HOME=/tmp/fr-home python main.py --demo profile show        # demo unit, 40 applications, letters
    python main.py --demo holidays import 2025-notice.txt (and 2026-notice.txt)  # the State Council notices
    python main.py --demo report figures --year 2025 --set 行政许可 12 --set 行政处罚 3 --set 行政事业性收费 0.5
    python main.py --demo report lock --month 2025-06; python main.py --demo report lock --year 2025

The expected values below were read from the fixture with plain sqlite3 before any migration.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from models.domain.workdays import DayKind
from models.migrate import open_database
from models.services import applications, holidays, letters, profile, units
from tests.conftest import TEST_DATA

FIXTURE = TEST_DATA / "upgrade" / "first_release.db"
FIRST_RELEASE_TABLES = (  # the tables of schema 0004 that hold the clerk's records (FTS shadow tables aside)
    "unit_profile",
    "setting",
    "holiday_year",
    "holiday_override",
    "number_sequence",
    "application",
    "application_event",
    "attachment",
    "letter",
    "annual_figure",
    "period_lock",
    "period_lock_log",
)


def _rows(path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    quoted = ", ".join(f'"{c}"' for c in columns)
    with sqlite3.connect(path) as conn:
        return conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid').fetchall()


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture
def first_release(tmp_path: Path) -> Path:
    """A copy of the fixture (the file in the repository is never opened for writing)."""
    copy = tmp_path / "first_release.db"
    shutil.copyfile(FIXTURE, copy)
    return copy


def test_upgrade_fixture_is_the_first_release_schema(first_release: Path) -> None:
    assert _revision(first_release) == "0004"
    assert FIXTURE.stat().st_size < 400_000  # a small fixture, not a data dump


def test_upgrade_from_first_release_reaches_the_newest_schema(first_release: Path) -> None:
    db = open_database(first_release)
    db.close()
    assert _revision(first_release) == "0012"


def test_upgrade_from_first_release_keeps_every_row_field_for_field(first_release: Path) -> None:
    before = {
        t: (cols, _rows(first_release, t, cols)) for t in FIRST_RELEASE_TABLES if (cols := _columns(first_release, t))
    }
    counts = {t: len(rows) for t, (_, rows) in before.items()}
    assert counts == {  # the fixture as made (see the module docstring)
        "unit_profile": 1,
        "setting": 1,
        "holiday_year": 2,
        "holiday_override": 73,
        "number_sequence": 4,
        "application": 40,
        "application_event": 93,
        "attachment": 0,
        "letter": 4,
        "annual_figure": 3,
        "period_lock": 2,
        "period_lock_log": 2,
    }

    open_database(first_release).close()

    for table, (columns, rows) in before.items():
        assert set(columns) <= set(_columns(first_release, table)), f"{table}: a column of the first release is gone"
        assert _rows(first_release, table, columns) == rows, f"{table}: rows changed by the upgrade"


def test_upgrade_from_first_release_applications_and_timelines_read_by_todays_code(first_release: Path) -> None:
    db = open_database(first_release)
    try:
        first = applications.get_detail(db, "2026-0001", today=date(2026, 11, 27))
        assert first.fields.applicant_name == "周国庆"
        assert first.fields.received == date(2026, 9, 17)
        assert first.fields.content == "申请公开2025年白鹤镇道路硬化工程的招标文件及中标合同"
        assert first.state.result_date == date(2026, 9, 30)
        assert first.state.reply_due == date(2026, 10, 21)  # 20 working days after 09-17, 国庆 2026 left out

        replied = applications.get_detail(db, "2026-0017", today=date(2026, 11, 27))
        assert replied.fields.applicant_name == "徐长林"
        assert [(e.kind.value, e.day) for e in replied.timeline] == [
            ("登记", date(2026, 1, 27)),
            ("答复", date(2026, 2, 9)),
            ("出具文书", date(2026, 2, 9)),
        ]
        assert applications.count_applications(db) == 40
        # the full-text index of the first release still finds a request by the words of its content
        found = applications.list_applications(db, applications.ListFilter(text="道路硬化工程"))
        assert sorted(row.number for row in found) == ["2026-0001", "2026-0015", "2026-0027"]
    finally:
        db.close()


def test_upgrade_from_first_release_letters_profile_and_holidays_read_by_todays_code(first_release: Path) -> None:
    db = open_database(first_release)
    try:
        assert sorted((r.application, r.number) for r in letters.list_letters(db)) == [
            ("2025-0002", "白鹤镇政府信息公开〔2025〕1号"),
            ("2026-0017", "白鹤镇政府信息公开〔2026〕1号"),
            ("2026-0021", "白鹤镇政府信息公开〔2026〕2号"),
            ("2026-0022", "白鹤镇政府信息公开〔2026〕3号"),
        ]
        unit = profile.get_profile(db)
        assert (unit.unit_name, unit.number_prefix, unit.contact_person) == (
            "青山县白鹤镇人民政府",
            "白鹤镇政府信息公开",
            "李晓梅",
        )
        calendar = holidays.load_calendar(db)
        assert calendar.kind_of(date(2025, 10, 8)) is DayKind.REST  # 国庆节、中秋节 (2025 notice)
        assert calendar.kind_of(date(2025, 10, 11)) is DayKind.WORK  # a Saturday worked in exchange
        assert calendar.kind_of(date(2026, 6, 27)) is DayKind.WORK  # the township's own 防汛演练补班 (manual)
    finally:
        db.close()


def test_upgrade_from_first_release_puts_every_record_in_one_unit_named_after_the_profile(first_release: Path) -> None:
    db = open_database(first_release)
    try:
        assert [(u.code, u.name) for u in units.list_units(db)] == [("青山县白鹤镇人民政府", "青山县白鹤镇人民政府")]
        assert units.current_unit(db).code == "青山县白鹤镇人民政府"
        # the first release's sequences go on in the unit: the next application of 2026 is 2026-0039
        assert (
            applications.register(
                db,
                applications.ApplicationInput(
                    received=date(2026, 11, 27),
                    channel="当面",
                    applicant_type="自然人",
                    applicant_name="新申请人",
                    content="申请公开本镇2026年防汛物资采购合同",
                ),
                today=date(2026, 11, 27),
            ).number
            == "2026-0039"
        )
    finally:
        db.close()
    for table in ("application", "letter", "number_sequence"):
        assert {row[0] for row in _rows(first_release, table, ["unit_id"])} == {1}, table
    for table, count in (("application", 41), ("application_event", 94), ("letter", 4)):
        keys = [row[0] for row in _rows(first_release, table, ["uuid"])]
        assert len(set(keys)) == count, table  # one distinct uuid4 per row
        assert all(len(k) == 36 and k[14] == "4" for k in keys), table
    assert {row[0] for row in _rows(first_release, "letter", ["version"])} == {1}
