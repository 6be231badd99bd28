"""`report annual|monthly|merge|figures|lock|unlock|ledger` through main.main(), as a clerk or a county script
would type them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import main
from models.migrate import open_database
from tests.report_register import build


class Cli:
    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path, self.capsys = db_path, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main.main(["--db", str(self.db_path), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    db = open_database(tmp_path / "c.db")
    build(db)
    db.close()
    return Cli(tmp_path / "c.db", capsys)


def test_annual_with_word_and_pdf(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "年报.xlsx"
    code, stdout, err = cli(
        "report",
        "annual",
        "--year",
        "2025",
        "--out",
        str(out),
        "--docx",
        str(tmp_path / "年报.docx"),
        "--pdf",
        str(tmp_path / "年报.pdf"),
    )
    assert (code, err) == (0, ""), err
    assert "勾稽关系检查：通过" in stdout and "报送截止日期 2026-01-31" in stdout
    assert out.exists() and (tmp_path / "年报.docx").exists() and (tmp_path / "年报.pdf").exists()
    ws = openpyxl.load_workbook(out)["表三申请情况"]
    row = next(c.row for c in ws["A"] if c.value == "（七）总计")
    assert ws.cell(row, 8).value == 23


def test_monthly_and_bad_input(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "月报.xlsx"
    code, stdout, err = cli("report", "monthly", "--month", "2026-01", "--out", str(out))
    assert (code, err) == (0, "")
    assert "明细 7 件" in stdout
    code, _out, err = cli("report", "monthly", "--month", "2026-13", "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and "不是有效的报表期间" in err
    code, _out, err = cli("report", "monthly", "--month", "2026-01", "--out", str(tmp_path / "x.xls"))
    assert code == 2 and ".xlsx" in err
    code, _out, err = cli("report", "annual", "--year", "2025", "--out", str(tmp_path / "无此目录" / "x.xlsx"))
    assert code == 2 and "文件夹不存在" in err
    assert not (tmp_path / "x.xlsx").exists()


def test_figures_lock_and_unlock(cli: Cli) -> None:
    code, stdout, err = cli(
        "report", "figures", "--year", "2025", "--set", "行政许可", "12", "--set", "行政事业性收费", "0.5"
    )
    assert (code, err) == (0, "")
    assert "行政许可：12件" in stdout and "行政事业性收费：0.5万元" in stdout
    code, _out, err = cli("report", "figures", "--year", "2025", "--set", "行政处罚", "abc")
    assert code == 2 and "整数" in err
    code, stdout, err = cli("report", "lock", "--month", "2025-03")
    assert (code, err) == (0, "") and "已锁定 2025年3月的月报" in stdout
    code, _out, err = cli("report", "unlock", "--month", "2025-03", "--reason", " ")
    assert code == 2 and "理由" in err
    code, stdout, err = cli("report", "unlock", "--month", "2025-03", "--reason", "县里退回更正")
    assert (code, err) == (0, "") and "县里退回更正" in stdout
    code, stdout, err = cli("report", "lock", "--year", "2025")
    assert (code, err) == (0, "")
    code, _out, err = cli("report", "figures", "--year", "2025", "--set", "行政许可", "13")
    assert code == 2 and "2025年的年度报告已锁定" in err
    code, _out, err = cli("report", "lock")
    assert code == 2


def test_merge_and_ledger(cli: Cli, tmp_path: Path) -> None:
    one = tmp_path / "甲.xlsx"
    assert cli("report", "monthly", "--month", "2026-01", "--out", str(one))[0] == 0
    code, stdout, err = cli("report", "merge", str(one), "--out", str(tmp_path / "汇总.xlsx"), "--unit", "青山县")
    assert (code, err) == (0, ""), err
    assert "已汇总 1 个单位" in stdout
    code, _out, err = cli("report", "merge", str(one), str(one), "--out", str(tmp_path / "汇总2.xlsx"))
    assert code == 2 and "重复汇总" in err
    code, stdout, err = cli("report", "ledger", "--out", str(tmp_path / "台账.pdf"), "--year", "2025")
    assert (code, err) == (0, "") and "27 件" in stdout
