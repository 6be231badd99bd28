"""`report annual|monthly|merge|figures|lock|unlock|ledger` through main.main(), as a clerk or a county script
would type them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document

from models.migrate import open_database
from tests.cli.runner import Cli
from tests.report_register import build


@pytest.fixture
def cli(tmp_path: Path, database_target: Path | str, capsys: pytest.CaptureFixture[str]) -> Cli:
    path = tmp_path / "c.db" if isinstance(database_target, Path) else database_target  # the engine under test
    db = open_database(path)
    build(db)
    db.close()
    return Cli(path, capsys)


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
    assert code == 0, err
    # 五 and 六 are still placeholders: a warning on stderr, the files are written all the same
    assert err.strip() == (
        "注意：年度报告的以下部分尚待填写（文中标有【待填写：…】）："
        "五、存在的主要问题及改进情况、六、其他需要报告的事项。"
    )
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


def test_annual_text_files_fill_the_report_and_are_kept_for_the_year(cli: Cli, tmp_path: Path) -> None:
    summary = tmp_path / "总体情况.txt"
    summary.write_text("2025年，本镇依法办理政府信息公开申请。\n全年新收申请27件。\n", encoding="utf-8")
    problems = tmp_path / "问题.txt"
    problems.write_text("信息发布的及时性有待提高。", encoding="gb18030")  # a Windows Notepad file
    other = tmp_path / "其他.txt"
    other.write_text("无。", encoding="utf-8")
    docx = tmp_path / "年报.docx"
    args = ("report", "annual", "--year", "2025", "--out", str(tmp_path / "年报.xlsx"), "--docx", str(docx))
    code, _out, err = cli(
        *args, "--summary-file", str(summary), "--problems-file", str(problems), "--other-file", str(other)
    )
    assert (code, err) == (0, "")
    texts = [p.text for p in Document(str(docx)).paragraphs]
    assert texts[texts.index("一、总体情况") + 1 : texts.index("一、总体情况") + 3] == [
        "2025年，本镇依法办理政府信息公开申请。",
        "全年新收申请27件。",
    ]
    assert "信息发布的及时性有待提高。" in texts
    assert texts[-2:] == ["本年度收取信息处理费300元。", "无。"]

    docx.unlink()
    code, _out, err = cli(*args)  # the next export of 2025 keeps the text given before
    assert (code, err) == (0, "")
    assert "信息发布的及时性有待提高。" in [p.text for p in Document(str(docx)).paragraphs]


def test_annual_draft_is_the_default_summary(cli: Cli, tmp_path: Path) -> None:
    docx = tmp_path / "年报.docx"
    code, _out, err = cli(
        "report", "annual", "--year", "2025", "--out", str(tmp_path / "年报.xlsx"), "--docx", str(docx)
    )
    assert code == 0 and "五、存在的主要问题及改进情况" in err
    texts = [p.text for p in Document(str(docx)).paragraphs]
    summary = texts[texts.index("一、总体情况") + 1 : texts.index("二、主动公开政府信息情况")]
    assert any("本年度新收政府信息公开申请27件" in t and "本年度办结23件" in t for t in summary)


def test_annual_text_file_errors_write_nothing(cli: Cli, tmp_path: Path) -> None:
    out, docx = tmp_path / "年报.xlsx", tmp_path / "年报.docx"
    code, _out, err = cli(
        "report", "annual", "--year", "2025", "--out", str(out), "--docx", str(docx), "--summary-file", "无此文件.txt"
    )
    assert code == 2 and "找不到文件" in err and "无此文件.txt" in err
    assert not out.exists() and not docx.exists()
    text = tmp_path / "正文.txt"
    text.write_text("无。", encoding="utf-8")
    code, _out, err = cli("report", "annual", "--year", "2025", "--out", str(out), "--other-file", str(text))
    assert code == 2 and "--docx" in err
    assert not out.exists()


def test_report_review_writes_the_yearly_review_and_refuses_a_wrong_file_name(cli: Cli, tmp_path: Path) -> None:
    from datetime import date

    from models.entities import DocumentReviewDecision
    from tests.register_entries import add, document

    db = open_database(cli.db_path)
    withheld = document(
        date(2025, 4, 1), attribute="不予公开", note_mark="此件不公开", withhold_reason="涉及防汛部署", basis_code="3.1"
    )
    add(db, withheld)
    add(
        db,
        DocumentReviewDecision(
            document_id=withheld.id, year=2025, decision="维持", decided_by="张明", decided_on=date(2025, 12, 10)
        ),
    )
    db.close()
    code, _out, err = cli("report", "review", "--year", "2025", "--out", str(tmp_path / "清单.csv"))
    assert code == 2 and "输出文件名应以.xlsx结尾" in err and not (tmp_path / "清单.csv").exists()
    out = tmp_path / "审查清单2025.xlsx"
    code, stdout, _err = cli("report", "review", "--year", "2025", "--out", str(out))
    assert code == 0 and f"已生成：{out}（1 条）" in stdout
    row = [c.value for c in openpyxl.load_workbook(out)["不予公开审查"][2]]
    assert row[6:10] == ["涉及防汛部署", "3.1 属于国家秘密", "维持", "张明"]
