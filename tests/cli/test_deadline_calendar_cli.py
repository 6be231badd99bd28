"""`calendar month|ics` (issue 11), run in-process as a clerk types them.

休/班 written out from the official calendar (shared/domain/holidays/days.csv):
- 2025-10: 休 10-01…10-08 (国庆·中秋, weekends inside included); 班 10-11 (Sat); 2025-09-28 (Sun) 班 is in September.
- 2026-02: 班 02-14 (Sat) and 02-28 (Sat); 休 02-15…02-23 (春节).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from models.migrate import open_database
from models.services import applications, solicitations
from models.services.solicitations import SolicitationInput
from tests.cli.runner import Cli
from tests.db.test_applications_service import form as application_form


@pytest.fixture
def cli(tmp_path: Path, database_target: Path | str, capsys: pytest.CaptureFixture[str]) -> Cli:
    path = tmp_path / "cli.db" if isinstance(database_target, Path) else database_target  # the engine under test
    db = open_database(path)
    try:
        applications.register(db, application_form(received=date(2025, 9, 22)), today=date(2025, 9, 22))
        solicitations.add(
            db,
            SolicitationInput(title="白鹤镇集镇管理办法（征求意见稿）", kind="重大行政决策", start=date(2025, 9, 10),
                              end=date(2025, 10, 10), channel="镇政府门户网站"),
            today=date(2025, 9, 10),
        )  # fmt: skip
    finally:
        db.close()
    return Cli(path, capsys)


def _marks(days: list[dict[str, object]], mark: str) -> list[str]:
    return [str(d["date"]) for d in days if d["mark"] == mark]


def test_october_2025_marks_holidays_and_the_in_lieu_saturday(cli: Cli) -> None:
    days = cli.json("calendar", "month", "2025-10", "--json", "--today", "2025-10-09")
    assert [d["date"] for d in days] == [f"2025-10-{n:02d}" for n in range(1, 32)]
    assert set(days[0]) >= {"date", "mark", "uncertain", "items"}
    assert _marks(days, "休") == [f"2025-10-0{n}" for n in range(1, 9)]
    assert _marks(days, "班") == ["2025-10-11"]
    assert not any(d["uncertain"] for d in days)
    assert days[17]["mark"] == "" and days[17]["date"] == "2025-10-18"  # a plain Saturday: rest, no mark
    september = cli.json("calendar", "month", "2025-09", "--json")
    assert _marks(september, "班") == ["2025-09-28"]


def test_october_items_carry_the_interface_keys(cli: Cli) -> None:
    days = cli.json("calendar", "month", "2025-10", "--json", "--today", "2025-10-09")
    by_day = {d["date"]: d["items"] for d in days}
    assert by_day["2025-10-24"] == [  # 2025-09-22 + 20 working days (README §1); numbers are YYYY-NNNN
        {"register": "依申请公开", "key": "2025-0001", "what": "答复期限", "due": "2025-10-24", "state": "正常",
         "owner": "李四"}  # the application's 承办人
    ]  # fmt: skip
    assert [(i["what"], i["state"]) for i in by_day["2025-10-10"]] == [
        ("征求意见截止：《白鹤镇集镇管理办法（征求意见稿）》", "3个工作日内到期")
    ]
    assert [(i["what"], i["state"]) for i in by_day["2025-10-05"]] == [("月报：2025年10月", "已逾期")]


def test_february_2026_spring_festival_marks(cli: Cli) -> None:
    days = cli.json("calendar", "month", "2026-02", "--json")
    assert len(days) == 28
    assert _marks(days, "休") == [f"2026-02-{n}" for n in range(15, 24)]
    assert _marks(days, "班") == ["2026-02-14", "2026-02-28"]
    assert not any(d["uncertain"] for d in days)


def test_year_without_holiday_data_is_uncertain(cli: Cli) -> None:
    days = cli.json("calendar", "month", "2031-10", "--json")
    assert all(d["uncertain"] is True for d in days)
    assert _marks(days, "休") == [] and days[0]["date"] == "2031-10-01"
    text = cli.ok("calendar", "month", "2031-10")
    assert "2031年节假日安排尚未录入" in text


def test_agenda_without_json_reads_in_chinese(cli: Cli) -> None:
    text = cli.ok("calendar", "month", "2025-10", "--today", "2025-10-09")
    assert "10月1日 星期三（休）" in text
    assert "10月11日 星期六（班）" in text
    assert "[正常] 依申请公开" in text and "答复期限" in text


def test_ics_round_trip_reads_back_all_day_events_with_state(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "期限.ics"
    cli.ok("calendar", "ics", "--out", str(out), "--from", "2025-10-01", "--to", "2025-10-31", "--today", "2025-10-09")
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    got = sorted((e.decoded("dtstart"), str(e["summary"])) for e in events)
    assert got == [
        (date(2025, 10, 5), "【报表】2025-10 月报：2025年10月"),
        (date(2025, 10, 10), "【征求意见】1 征求意见截止：《白鹤镇集镇管理办法（征求意见稿）》"),
        (date(2025, 10, 11), "【征求意见】1 公布采纳情况：《白鹤镇集镇管理办法（征求意见稿）》"),
        (date(2025, 10, 24), "【依申请公开】2025-0001 答复期限"),
    ]
    reply = next(e for e in events if "答复期限" in str(e["summary"]))
    assert "状态：正常" in str(reply["description"])
    assert reply.decoded("dtend") == date(2025, 10, 25)  # all-day: the end is exclusive
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = tmp_path / "again.ics"
    cli.ok("calendar", "ics", "--out", str(again), "--from", "2025-10-01", "--to", "2025-10-31")
    assert sorted(str(e["uid"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")) == sorted(uids)


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "month", "2025-13"),
        ("calendar", "month", "十月"),
        ("calendar", "ics", "--out", "OUT", "--from", "2025-02-30"),
        ("calendar", "ics", "--out", "OUT", "--from", "2025-10-31", "--to", "2025-10-01"),
    ],
)
def test_bad_dates_are_refused_in_chinese_and_nothing_is_written(cli: Cli, tmp_path: Path, args: tuple) -> None:  # noqa: ANN001
    out = tmp_path / "x.ics"
    code, stdout, err = cli(*[str(out) if a == "OUT" else a for a in args])
    assert code == 2 and stdout == ""
    assert "日期" in err or "月份" in err
    assert not out.exists()


def test_calendar_pdf_prints_the_month_with_its_marks_and_items(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "十月.pdf"
    said = cli.ok("calendar", "pdf", "2025-10", "--out", str(out), "--today", "2025-10-09")
    assert "4 项期限" in said
    text = _pdf_text(out)
    assert "2025年10月 期限日历" in text
    assert "1休" in text.replace(" ", "") and "11班" in text.replace(" ", "")
    assert "2025-0001" in text and "答复期限" in text and "月报：2025年10月" in text
    assert "【逾期】" in text and "【临期】" in text  # 月报 10-05 past; 征求意见 closes 10-10, within 3 working days


@pytest.mark.parametrize("args", [("2025-13", "x.pdf"), ("2025-10", "x.txt")])
def test_calendar_pdf_refuses_a_bad_month_or_file_name_and_writes_nothing(
    cli: Cli, tmp_path: Path, args: tuple[str, str]
) -> None:
    out = tmp_path / args[1]
    code, stdout, err = cli("calendar", "pdf", args[0], "--out", str(out))
    assert code == 2 and stdout == ""
    assert "月份" in err or ".pdf" in err
    assert not out.exists()


def _pdf_text(path: Path) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
