"""The headless command line, run in-process through main.main() as a clerk would type it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from models.domain.workdays import DayKind
from models.migrate import open_database
from models.services.holidays import set_manual_day
from tests.cli.runner import Cli

REPO_ROOT = Path(__file__).resolve().parents[2]
NOT_COVERED_2027 = "2027年节假日安排尚未录入，期限可能不准确"


def _is_error(stderr: str) -> bool:
    return stderr.startswith("错误") or "错误：" in stderr


# -- workdays -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-09-22", "20", "2025-10-24\n"),
        ("2026-02-10", "20", "2026-03-16\n"),
        ("2025-10-01", "1", "2025-10-09\n"),
    ],
)
def test_workdays_add(cli: Cli, start: str, n: str, expected: str) -> None:
    assert cli.ok("workdays", "add", start, n) == expected


def test_workdays_add_into_an_unknown_year_is_marked_uncertain(cli: Cli) -> None:
    out = cli.ok("workdays", "add", "2026-12-20", "20")
    assert out.startswith("2027-01-15")
    assert out.rstrip("\n").endswith("（不确定：2027年节假日安排未录入）")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2025-09-22", "2025-10-24", "20\n"),
        ("2025-10-24", "2025-09-22", "-20\n"),
        ("2025-09-30", "2025-10-08", "0\n"),
    ],
)
def test_workdays_between(cli: Cli, a: str, b: str, expected: str) -> None:
    assert cli.ok("workdays", "between", a, b) == expected


@pytest.mark.parametrize("n", ["-3", "5000"])
def test_workdays_add_out_of_range_n_is_refused(cli: Cli, n: str) -> None:
    code, out, err = cli("workdays", "add", "2025-09-22", n)
    assert code == 2
    assert out == ""
    assert err.startswith("错误") and "0 到 1000" in err


def test_manual_day_set_in_the_database_changes_the_cli_answer(cli: Cli) -> None:
    assert cli.ok("workdays", "add", "2025-09-22", "20") == "2025-10-24\n"
    db = open_database(cli.db_path)
    try:
        set_manual_day(db, date(2025, 10, 15), DayKind.REST, "停电")
    finally:
        db.close()
    assert cli.ok("workdays", "add", "2025-09-22", "20") == "2025-10-27\n"


# -- profile ------------------------------------------------------------------------------------------


def test_profile_set_then_show(cli: Cli) -> None:
    assert cli.ok("profile", "set", "复议机关", "X县人民政府") == "已保存 复议机关：X县人民政府\n"
    shown = cli.ok("profile", "show")
    assert "复议机关：X县人民政府" in shown.splitlines()
    assert "单位名称：" in shown.splitlines()  # every field is listed, even when empty


def test_bad_postcode_is_refused_and_nothing_changes(cli: Cli) -> None:
    cli.ok("profile", "set", "邮编", "404100")
    before = cli.ok("profile", "show")
    code, out, err = cli("profile", "set", "邮编", "12")
    assert code == 2
    assert out == ""
    assert err.startswith("错误")
    assert "邮编" in err and "6位数字" in err
    assert cli.ok("profile", "show") == before
    assert "邮编：404100" in before.splitlines()


def test_unknown_profile_key_is_refused(cli: Cli) -> None:
    before = cli.ok("profile", "show")
    code, _, err = cli("profile", "set", "传真", "123")
    assert code == 2
    assert _is_error(err) and "传真" in err
    assert cli.ok("profile", "show") == before


@pytest.mark.parametrize(
    "args",
    [
        ("workdays", "add", "2025-13-01", "20"),
        ("workdays", "add", "2025-09-22", "twenty"),
        ("workdays", "between", "2025-09-22"),
        ("frob",),
        ("profile", "delete"),
    ],
    ids=["bad-date", "bad-number", "missing-argument", "unknown-command", "unknown-action"],
)
def test_bad_command_line_exits_2_with_a_chinese_error(cli: Cli, args: tuple[str, ...]) -> None:
    cli.ok("profile", "set", "联系人", "张三")
    before = cli.ok("profile", "show")
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""
    assert _is_error(err)
    assert cli.ok("profile", "show") == before


@pytest.mark.sqlite_only
def test_bad_date_is_named_in_the_error(cli: Cli) -> None:
    code, _, err = cli("workdays", "add", "2025-13-01", "20")
    assert code == 2
    assert "错误：" in err and "2025-13-01" in err and "YYYY-MM-DD" in err
    assert not cli.db_path.exists()  # refused before the database was even opened


def test_county_server_that_cannot_be_reached_is_a_chinese_error_never_showing_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://clerk:s3cret@/zwgk?host={tmp_path / 'no-server-here'}"
    code, out, err = Cli(url, capsys)("profile", "show")  # type: ignore[arg-type]
    assert (code, out) == (2, "")
    assert err.startswith("错误：无法连接服务器数据库") and "zwgk" in err
    assert "s3cret" not in err and "Traceback" not in err


def test_backup_of_a_county_server_database_is_left_to_pg_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = Cli("postgresql://clerk@server/zwgk", capsys)("backup", "create", str(tmp_path))  # type: ignore[arg-type]
    assert code == 2
    assert "服务器数据库请由县信息化人员用 pg_dump 备份" in err
    assert not list(tmp_path.glob("*.zip"))


def test_missing_database_folder_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = Cli(tmp_path / "nowhere" / "c.db", capsys)("profile", "show")
    assert code == 2
    assert err.startswith("错误") and "文件夹不存在" in err


# -- holidays -----------------------------------------------------------------------------------------


def test_import_2025_notice_then_list(cli: Cli, shared_domain: Path) -> None:
    out = cli.ok("holidays", "import", str(shared_domain / "holidays" / "2025-notice.txt"))
    assert "已导入 33 天（2025年）" in out
    listed = cli.ok("holidays", "list", "2025").splitlines()
    assert len(listed) == 33
    assert all(line.endswith("\t通知导入") for line in listed)
    assert "2025-09-28\t班\t国庆节、中秋节\t通知导入" in listed
    assert NOT_COVERED_2027 not in listed


def test_import_of_a_gb18030_notice_file(cli: Cli, shared_domain: Path, tmp_path: Path) -> None:
    text = (shared_domain / "holidays" / "2026-notice.txt").read_text(encoding="utf-8")
    file = tmp_path / "2026-通知.txt"
    file.write_bytes(text.encode("gb18030"))
    assert "已导入 39 天（2026年）" in cli.ok("holidays", "import", str(file))


def test_dry_run_stores_nothing(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_text("date,type\n2027-01-01,休\n", encoding="utf-8")
    out = cli.ok("holidays", "import", "--dry-run", str(file))
    assert "未保存" in out
    assert cli.ok("holidays", "list", "2027") == NOT_COVERED_2027 + "\n"


def test_import_of_a_csv_naming_all_seven_holidays_makes_2027_certain(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_text(
        "date,type,holiday\n2027-01-01,休,元旦\n2027-02-08,休,春节\n2027-04-05,休,清明节\n2027-05-03,休,劳动节\n"
        "2027-06-09,休,端午节\n2027-09-15,休,中秋节\n2027-10-01,休,国庆节\n",
        encoding="utf-8",
    )
    cli.ok("holidays", "import", str(file))
    listed = cli.ok("holidays", "list", "2027").splitlines()
    assert listed[:2] == ["2027-01-01\t休\t元旦\tCSV导入", "2027-02-08\t休\t春节\tCSV导入"]
    assert len(listed) == 7  # no "尚未录入" line: the year is complete
    assert cli.ok("workdays", "add", "2026-12-31", "1") == "2027-01-04\n"


def test_issue8_a_one_line_csv_does_not_make_2028_complete(cli: Cli, tmp_path: Path) -> None:
    """Issue 8: a holiday file that covers only part of a year does not mark the year as complete."""
    file = tmp_path / "one.csv"
    file.write_text("date,type\n2028-03-03,休\n", encoding="utf-8")
    out = cli.ok("holidays", "import", str(file))
    assert "2028年的节假日安排仍按不完整处理" in out
    assert cli.ok("workdays", "add", "2028-03-01", "5") == "2028-03-09（不确定：2028年节假日安排未录入）\n"


def test_csv_with_bad_rows_is_refused_and_nothing_is_imported(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_text("date,type\n2027-01-01,休\n2027-13-01,休\n2027-02-06,加班\n", encoding="utf-8")
    code, out, err = cli("holidays", "import", str(file))
    assert code == 2
    assert out == ""
    assert err.startswith("错误")
    assert "第3行" in err and "第4行" in err
    assert cli.ok("holidays", "list", "2027") == NOT_COVERED_2027 + "\n"


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("holidays", "import", str(tmp_path / "none.txt"))
    assert code == 2
    assert err.startswith("错误") and "找不到文件" in err


# -- the program itself -------------------------------------------------------------------------------


def test_version(cli: Cli) -> None:
    code, out, _ = cli("--version")
    assert code == 0
    assert re.fullmatch(r"政务公开工作台 \d+\.\d+\.\d+", out.strip()), out


def test_cli_logs_into_the_app_home_folder(cli: Cli, app_home: Path) -> None:
    cli.ok("workdays", "add", "2025-09-22", "20")
    assert (app_home / "logs" / "disclosure-desk.log").is_file()


def test_real_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "s.db"), "workdays", "add", "2025-09-22", "20"],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == "2025-10-24" + os.linesep
