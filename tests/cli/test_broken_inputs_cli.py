"""Issue 9 §2 "No input ends in a traceback", through main.main() as a clerk would type it: every broken file
or out-of-range value that used to end in a traceback now ends in a Chinese message naming the file (and the
row and field where there is one), exit code 2, and a database that is exactly as it was.

Also §4's holiday import over a year that has data already: the changes are shown and need --yes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli.runner import Cli as BaseCli
from tests.hypothesis.xlsx_parts import write_parts, write_xlsx, xlsx_parts

REPO_ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ["收到日期", "申请方式", "申请人类型", "申请人", "申请内容"]
ROW = ["2025-09-22", "当面", "自然人", "张三", "2024年X村道路硬化工程招标文件"]


class Cli(BaseCli):
    """The shared runner, and what a refusal must leave behind: exit 2, a Chinese message, the database as it was."""

    def dump(self) -> list[str]:
        """The whole database as SQL statements: equal dumps mean nothing was written."""
        with sqlite3.connect(self.db_path) as connection:
            return list(connection.iterdump())

    def refused(self, *args: str) -> str:
        """Runs a command that must be refused; returns stderr after checking exit 2, no traceback, no write."""
        before = self.dump()
        code, _out, err = self(*args)
        assert code == 2, err
        assert err.startswith("错误：") and "Traceback" not in err
        assert self.dump() == before, "a refused command changed the database"
        return err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    runner = Cli(tmp_path / "c.db", capsys)
    runner.ok("profile", "show")  # the database exists before the first refused command
    return runner


# -- damaged workbooks ---------------------------------------------------------------------------------------


def test_ledger_with_malformed_sheet_xml_is_refused_naming_the_file(cli: Cli, tmp_path: Path) -> None:
    parts = xlsx_parts([REQUIRED, ROW])
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-40]
    file = write_parts(tmp_path / "白鹤镇台账.xlsx", dict(parts))
    err = cli.refused("applications", "import", str(file), "--today", "2025-12-01")
    assert "白鹤镇台账.xlsx" in err and "文件已损坏" in err


def test_ledger_with_a_corrupt_shared_strings_part_is_refused_naming_the_file(cli: Cli, tmp_path: Path) -> None:
    parts = xlsx_parts([REQUIRED, ROW])
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"][:-30]
    file = write_parts(tmp_path / "共享字符串坏了.xlsx", dict(parts))
    err = cli.refused("applications", "import", str(file), "--today", "2025-12-01")
    assert "共享字符串坏了.xlsx" in err and "文件已损坏" in err


def test_merge_with_a_zero_byte_file_is_refused_naming_the_file(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "乙镇.xlsx"
    empty.write_bytes(b"")
    out = tmp_path / "汇总.xlsx"
    err = cli.refused("report", "merge", str(empty), "--out", str(out))
    assert "乙镇.xlsx：文件是空的（0字节）" in err
    assert not out.exists()


def test_merge_with_a_damaged_sheet_in_a_real_return_is_refused(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "甲镇.xlsx"
    cli.ok("report", "monthly", "--month", "2025-03", "--out", str(good))
    with zipfile.ZipFile(good) as archive:
        parts: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    sheets = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[sheets[-1]] = bytes(parts[sheets[-1]])[:-25]
    bad = write_parts(tmp_path / "丙镇.xlsx", parts)
    out = tmp_path / "汇总.xlsx"
    err = cli.refused("report", "merge", str(good), str(bad), "--out", str(out))
    assert "丙镇.xlsx：无法读取这个Excel文件" in err
    assert not out.exists()


# -- holiday CSV, working days -------------------------------------------------------------------------------


def test_holiday_csv_with_bare_cr_line_ends_is_read_like_any_other(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_bytes("date,type\r2027-01-01,休\r2027-02-06,班\r".encode())
    cli.ok("holidays", "import", str(file))
    listed = cli.ok("holidays", "list", "2027").splitlines()
    assert listed[:2] == ["2027-01-01\t休\t\tCSV导入", "2027-02-06\t班\t\tCSV导入"]


def test_holiday_csv_that_the_csv_reader_cannot_read_is_refused_with_its_line(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_text('date,type\n2027-01-01,休\n2027-01-02,"' + "班" * 140_000 + '"\n', encoding="utf-8")
    err = cli.refused("holidays", "import", str(file))
    assert "节假日CSV第3行无法读取" in err


def test_working_days_beyond_the_last_date_are_refused(cli: Cli) -> None:
    err = cli.refused("workdays", "add", "9999-12-30", "5")
    assert err == "错误：从9999-12-30起数5个工作日超出了可以计算的日期范围（最晚到9999年12月31日），请核对日期。\n"


def test_no_traceback_on_stderr_of_a_real_process(tmp_path: Path) -> None:
    """The same refusal in a real process, as the clerk's terminal shows it."""
    done = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "main.py"),
            "--db",
            str(tmp_path / "p.db"),
            "workdays",
            "add",
            "9999-12-30",
            "5",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("错误：")


# -- dates, numbers and lengths in the ledger ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "row", "expected"),
    [
        (REQUIRED, ["1999-12-31", *ROW[1:]], "第2行 [收到日期]：日期1999-12-31早于2000年1月1日"),
        (REQUIRED, ["0001-01-01", *ROW[1:]], "第2行 [收到日期]：日期0001-01-01早于2000年1月1日"),
        (["申请编号", *REQUIRED], ["1-0001", *ROW], "第2行 [申请编号]：“1-0001”格式不对"),
        (["申请编号", *REQUIRED], ["0001-0001", "0001-01-01", *ROW[1:]], "第2行 [申请编号]：“0001-0001”的年份1不合理"),
        ([*REQUIRED, "补正期限"], [*ROW, "2027-12-01"], "第2行 [补正期限]：日期2027-12-01晚于今天一年以上"),
        (REQUIRED, [*ROW[:4], "申" * 5001], "第2行 [申请内容]：内容过长（最多5000个字符，实际5001个）"),
        (REQUIRED, [*ROW[:3], "张" * 101, ROW[4]], "第2行 [申请人]：内容过长（最多100个字符，实际101个）"),
    ],
)
def test_ledger_values_out_of_range_never_reach_the_database(
    cli: Cli, tmp_path: Path, headers: list[str], row: list[str], expected: str
) -> None:
    file = write_xlsx(tmp_path / "台账.xlsx", [headers, row])
    err = cli.refused("applications", "import", str(file), "--today", "2025-12-01")
    assert expected in err


# -- a holiday import over a year that has data already ------------------------------------------------------

CHANGE_2025 = "date,type\n2025-10-09,休\n2025-10-10,休\n"


def test_holiday_import_over_a_year_with_data_shows_the_changes_and_needs_yes(cli: Cli, tmp_path: Path) -> None:
    ledger = write_xlsx(tmp_path / "台账.xlsx", [REQUIRED, ROW])  # received 2025-09-22: due 2025-10-24
    cli.ok("applications", "import", str(ledger), "--today", "2025-09-25")
    file = tmp_path / "更正.csv"
    file.write_text(CHANGE_2025, encoding="utf-8")
    before = cli.dump()
    code, out, err = cli("holidays", "import", str(file))
    assert code == 2 and "Traceback" not in err
    assert "--yes" in err and err.startswith("错误：未导入")
    assert "2025年已有节假日数据：这次导入会改变2天的安排，1个未办结申请的期限随之改变。" in out
    assert "  2025-10-09：上班 → 放假" in out.splitlines()
    assert "  2025-10-10：上班 → 放假" in out.splitlines()
    assert "  2025-0001 答复期限：2025-10-24 → 2025-10-28" in out.splitlines()
    assert cli.dump() == before

    out = cli.ok("holidays", "import", str(file), "--yes")
    assert "已导入 2 天（2025年）" in out
    assert "2025-10-28" in cli.ok("applications", "list", "--today", "2025-09-25")


def test_holiday_import_of_a_new_year_needs_no_confirmation(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.csv"
    file.write_text("date,type\n2027-01-01,休\n", encoding="utf-8")
    out = cli.ok("holidays", "import", str(file))
    assert "已有节假日数据" not in out and "已导入 1 天（2027年）" in out
