"""The returns in Excel, read back with openpyxl the way a county's tool would: every row by its label in column
A, every column by its heading; numbers are numbers; the 明细 sheet is flat, masked and formula-safe."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError
from models.services import applications as service
from models.services import reports
from models.services.applications import ApplicationInput
from tests.report_register import EXPECTED_TABLE4_2025, build, expected_2025, expected_2026_01

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
NOW = datetime(2026, 3, 31, 9, 0)


def find_columns(ws: Any, headers: list[str], max_row: int = 8) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() in headers:
                found.setdefault(cell.value.strip(), cell.column)
    assert sorted(found) == sorted(headers), found
    return found


def find_row(ws: Any, label: str) -> int:
    rows = [cell.row for cell in ws["A"] if cell.value == label]
    assert len(rows) == 1, (label, rows)
    return rows[0]


def read_table(ws: Any, labels: list[str]) -> dict[str, list[Any]]:
    columns = find_columns(ws, COLUMNS)
    return {label: [ws.cell(find_row(ws, label), columns[c]).value for c in COLUMNS] for label in labels}


@pytest.fixture
def annual(db: Database, tmp_path: Path) -> Path:
    build(db)
    out = tmp_path / "年报.xlsx"
    reports.export_return(db, "2025", out, now=NOW)
    return out


def test_annual_table_three_reads_back_by_headings(annual: Path) -> None:
    workbook = openpyxl.load_workbook(annual)
    assert workbook.sheetnames == ["表二主动公开", "表三申请情况", "表四复议诉讼", "明细", "说明"]
    ws = workbook["表三申请情况"]
    expected = expected_2025()
    table = read_table(ws, list(expected))
    assert table == expected
    assert all(type(v) is int for values in table.values() for v in values)  # numbers, 0 included
    assert ws["A3"].value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    for heading in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        find_row(ws, heading)
    assert find_row(ws, "一、本年新收政府信息公开申请数量") < find_row(ws, "（七）总计")


def test_annual_tables_two_and_four_read_back(annual: Path) -> None:
    workbook = openpyxl.load_workbook(annual)
    ws2 = workbook["表二主动公开"]
    columns = find_columns(ws2, ["本年制发件数", "本年废止件数", "现行有效件数"])
    for label in ("规章", "行政规范性文件"):
        assert [ws2.cell(find_row(ws2, label), c).value for c in columns.values()] == [0, 0, 0]
    for label in ("行政许可", "行政处罚", "行政强制", "行政事业性收费"):
        assert ws2.cell(find_row(ws2, label), 2).value == 0
    assert any("公文登记中没有2025年底前成文的公文" in str(c.value) for c in ws2["A"])
    ws4 = workbook["表四复议诉讼"]
    columns = find_columns(ws4, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    labels = {
        "行政复议": "行政复议",
        "未经复议直接起诉": "行政诉讼（未经复议直接起诉）",
        "复议后起诉": "行政诉讼（复议后起诉）",
    }
    for group, label in labels.items():
        row = find_row(ws4, label)
        for column, col in columns.items():
            assert ws4.cell(row, col).value == EXPECTED_TABLE4_2025.get((group, column), 0), (group, column)
    info = {row[0]: row[1] for row in workbook["说明"].iter_rows(min_row=2, values_only=True)}
    assert info["报表类型"] == "年度报告" and info["报告期"] == "2025"
    assert info["勾稽关系检查"] == "通过"
    assert info["信息处理费（元）"] == 300
    assert info["报送截止日期"] == datetime(2026, 1, 31)


def test_monthly_return_reads_back(db: Database, tmp_path: Path) -> None:
    register = build(db)
    out = tmp_path / "月报.xlsx"
    result = reports.export_return(db, "2026-01", out, now=NOW)
    assert result.details == 7
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["表三申请情况", "公开与解读", "明细", "说明"]
    expected = expected_2026_01()
    assert read_table(workbook["表三申请情况"], list(expected)) == expected
    others = workbook["公开与解读"]
    find_columns(others, ["项目", "数量", "说明"])
    assert others.cell(find_row(others, "公文（此件公开发布）"), 2).value == 0
    assert others.cell(find_row(others, "征求意见"), 2).value == 0
    assert others.cell(find_row(others, "政策解读"), 2).value == 0
    assert others.cell(find_row(others, "政策解读"), 3).value is None
    details = workbook["明细"]
    assert not details.merged_cells.ranges
    headers = [c.value for c in details[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in details.iter_rows(min_row=2)]
    assert {r["申请编号"] for r in rows} == {register.extra[k] for k in "BCDFGHI"}
    for r in rows:
        assert "*" in r["证件号码"] and len(r["证件号码"]) == 18
    # The flags add up to the month's 表三.
    assert sum(r["本期新收"] for r in rows) + sum(r["上期结转"] for r in rows) == 7
    assert sum(r["本期办结"] for r in rows) + sum(r["结转下期"] for r in rows) == 7


def test_formula_looking_user_text_stays_text_and_ids_are_masked(db: Database, tmp_path: Path) -> None:
    first17 = "11010519900307123"
    from models.domain.identity import resident_id_check_char

    id_number = first17 + resident_id_check_char(first17)
    number = service.register(
        db,
        ApplicationInput(
            received=date(2025, 3, 3),
            applicant_type="商业企业",
            applicant_name='=HYPERLINK("http://x")有限公司',
            id_type="居民身份证",
            id_number=id_number,
            content="=1+1 @SUM(A1) -2 +3",
        ),
        today=date(2025, 3, 31),
    ).number
    service.record_event(
        db, number, EventKind.REPLY, date(2025, 3, 20), {"result": "予以公开"}, today=date(2025, 3, 31)
    )
    out = tmp_path / "月报.xlsx"
    reports.export_return(db, "2025-03", out, now=NOW)
    ws = openpyxl.load_workbook(out)["明细"]
    headers = [c.value for c in ws[1]]
    row = {h: ws.cell(2, i + 1) for i, h in enumerate(headers)}
    assert row["申请内容"].value == "=1+1 @SUM(A1) -2 +3" and row["申请内容"].data_type == "s"
    assert row["申请人"].value.startswith("=HYPERLINK") and row["申请人"].data_type == "s"
    assert row["证件号码"].value == id_number[:6] + "********" + id_number[-4:]
    assert id_number not in [c.value for r in ws.iter_rows() for c in r]


def test_a_file_open_elsewhere_is_reported_and_nothing_is_left(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def refuse(_src: object, _dst: object) -> None:
        raise PermissionError

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="Excel或WPS"):
        reports.export_return(db, "2025", tmp_path / "年报.xlsx", now=NOW)
    assert not (tmp_path / "年报.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".年报")] == []
