"""The returns fed by the 公文, 征求意见 and 政策解读 registers (issue 10): the monthly return's 公开与解读 rows,
表二's 规章 and 行政规范性文件 counted from a register spanning two years, and the yearly review export. Read back
from the files, as the county reads them; every expected value written out by hand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from models.db import Database
from models.services import reports
from tests.register_entries import (
    DocumentReview,
    DocumentReviewDecision,
    add,
    add_interpretations,
    document,
    solicitation,
)

NOW = datetime(2026, 3, 31, 9, 0)


def row_of(ws: Any, label: str) -> int:
    rows = [cell.row for cell in ws["A"] if cell.value == label]
    assert len(rows) == 1, (label, rows)
    return rows[0]


def monthly_register(db: Database) -> None:
    published = document(date(2025, 3, 3))
    add(
        db,
        published,
        document(date(2025, 3, 31)),
        document(date(2025, 3, 15), attribute="依申请公开", note_mark="此件依申请公开"),
        document(date(2025, 3, 20), attribute="不予公开", note_mark="此件不公开"),
        document(date(2025, 4, 1), note_mark="此件删减后公开"),  # April
        document(date(2025, 2, 28), note_mark="此件脱密后公开"),  # February
    )
    voided_doc = document(date(2025, 3, 10), voided=True)
    add(db, voided_doc)
    add(
        db,
        # started in February, closed 21 March (30 days), results published 28 March
        solicitation(
            date(2025, 2, 20),
            date(2025, 3, 21),
            kind="重大行政决策",
            results_published=date(2025, 3, 28),
            received_count=12,
            adopted_count=5,
            partly_adopted_count=3,
            rejected_count=4,
            rejection_reason="与上位法不符",
        ),
        solicitation(date(2025, 3, 5), date(2025, 3, 11), kind="行政规范性文件"),  # started and closed in March
        solicitation(date(2025, 3, 25), date(2025, 4, 5)),  # started in March, closes in April
        # January's solicitation whose results were published on 2 March
        solicitation(
            date(2025, 1, 10),
            date(2025, 1, 16),
            kind="行政规范性文件",
            results_published=date(2025, 3, 2),
            received_count=3,
            adopted_count=3,
        ),
        solicitation(  # voided: counts nowhere
            date(2025, 3, 1), date(2025, 3, 31), voided=True, results_published=date(2025, 3, 31), received_count=99
        ),
    )
    add_interpretations(
        db,
        published,
        (date(2025, 3, 3), ("文字", "图表图解"), False),
        (date(2025, 3, 31), ("文字",), False),
        (date(2025, 4, 1), ("音视频",), False),  # April
        (date(2025, 3, 5), ("问答",), True),  # voided
        (None, ("新闻发布会",), False),  # not published
    )
    add_interpretations(db, voided_doc, (date(2025, 3, 10), ("在线访谈",), False))  # its document is voided


def test_monthly_return_cells_come_from_the_registers(db: Database, tmp_path: Path) -> None:
    monthly_register(db)
    out = tmp_path / "月报2025-03.xlsx"
    reports.export_return(db, "2025-03", out, now=NOW)
    ws = openpyxl.load_workbook(out)["公开与解读"]
    expected = {
        # the rows as uploaded before, same order, same place
        "公文（此件公开发布）": 2,
        "公文（此件依申请公开）": 1,
        "公文（此件删减后公开）": 0,
        "公文（此件脱密后公开）": 0,
        "公文（此件不公开）": 1,
        "征求意见": 2,
        "政策解读": 2,
        # the rows added after them
        "征求意见（本月截止）": 2,
        "征求意见（本月公布采纳情况）": 2,
        "收到意见数（本月公布采纳情况的征求意见）": 15,
        "采纳意见数（本月公布采纳情况的征求意见）": 8,
        "部分采纳意见数（本月公布采纳情况的征求意见）": 3,
        "未采纳意见数（本月公布采纳情况的征求意见）": 4,
        "政策解读（文字）": 2,
        "政策解读（图表图解）": 1,
        "政策解读（音视频）": 0,
        "政策解读（新闻发布会）": 0,
        "政策解读（在线访谈）": 0,
        "政策解读（问答）": 0,
        "政策解读（其他）": 0,
    }
    assert [ws.cell(r, 1).value for r in range(4, 4 + len(expected))] == list(expected)
    assert ws.cell(4, 1).value == "公文（此件公开发布）" and ws.cell(10, 1).value == "政策解读"  # unchanged places
    for label, count in expected.items():
        cell = ws.cell(row_of(ws, label), 2)
        assert cell.value == count and type(cell.value) is int, label
        assert ws.cell(row_of(ws, label), 3).value is None, label  # no more "尚未启用"
    april = reports.monthly_return(db, "2025-04")
    counts = {item.label: item.count for item in april.others}
    assert counts["公文（此件删减后公开）"] == 1 and counts["征求意见（本月截止）"] == 1
    assert counts["政策解读"] == 1 and counts["政策解读（音视频）"] == 1


def two_year_register(db: Database) -> None:
    normative = "行政规范性文件"
    add(
        db,
        document(date(2024, 5, 10), category="规章"),  # A: in force since 2024
        document(  # B: written 2024, 废止 30 June 2025
            date(2024, 3, 1), category=normative, state="已废止", state_changed=date(2025, 6, 30)
        ),
        document(date(2025, 2, 14), category=normative),  # C: written 2025, in force
        document(  # D: written 2025, 已失效 on 30 November 2025
            date(2025, 8, 8),
            category=normative,
            state="已失效",
            state_changed=date(2025, 11, 30),
            valid_until=date(2025, 11, 30),
        ),
        document(  # E: its 有效期至 passed in 2025 though still marked 现行有效
            date(2024, 1, 5), category=normative, valid_until=date(2025, 6, 30)
        ),
        document(date(2025, 9, 1), category="规章"),  # F: written 2025, in force
        document(date(2025, 10, 10), category=normative, voided=True),  # G: voided
        document(date(2025, 4, 4), category="政策性文件"),  # H: not in 表二
        document(date(2026, 1, 5), category=normative),  # I: 2026
        document(  # J: 废止 on 31 December 2024
            date(2023, 6, 1), category=normative, state="已废止", state_changed=date(2024, 12, 31)
        ),
    )


def test_table_two_from_a_register_spanning_two_years(db: Database, tmp_path: Path) -> None:
    two_year_register(db)
    reports.set_figure(db, 2025, "行政许可", "12")  # typed for the year, kept beside the register's counts
    out = tmp_path / "年报2025.xlsx"
    reports.export_return(db, "2025", out, now=NOW)
    ws = openpyxl.load_workbook(out)["表二主动公开"]
    header = next(cell.row for cell in ws["A"] if cell.value == "信息内容")  # the first section's headings
    columns = {ws.cell(header, c).value: c for c in range(2, 5)}
    assert list(columns) == ["本年制发件数", "本年废止件数", "现行有效件数"]
    cells = {
        label: [ws.cell(row_of(ws, label), columns[c]).value for c in columns] for label in ("规章", "行政规范性文件")
    }
    # 规章: F written 2025; none repealed; A and F in force on 31 December 2025.
    # 行政规范性文件: C and D written 2025; B repealed 2025; only C in force on 31 December (D expired, E past
    # its 有效期至, B repealed).
    assert cells == {"规章": [1, 0, 2], "行政规范性文件": [2, 1, 1]}
    assert all(type(v) is int for values in cells.values() for v in values)
    assert ws.cell(row_of(ws, "行政许可"), 2).value == 12
    assert ws.cell(row_of(ws, "行政处罚"), 2).value == 0
    assert not any("公文登记" in str(c.value) for c in ws["A"])  # the register is in use: no note
    t2 = reports.annual_report(db, 2024).table2
    assert t2 is not None
    # 2024: A; B and E written; J repealed on 31 December; A, B and E in force on 31 December 2024.
    assert [t2.document("规章", c) for c in ("本年制发件数", "本年废止件数", "现行有效件数")] == [1, 0, 1]
    assert [t2.document("行政规范性文件", c) for c in ("本年制发件数", "本年废止件数", "现行有效件数")] == [2, 1, 2]


def review_register(db: Database) -> None:
    kept = document(
        date(2025, 4, 1), attribute="不予公开", note_mark="此件不公开", withhold_reason="涉及防汛部署", basis_code="3.1"
    )
    turned = document(
        date(2025, 5, 6),
        attribute="依申请公开",
        note_mark="此件依申请公开",
        withhold_reason="涉及个人隐私",
        basis_code="3.4",
        publish_due=date(2026, 1, 19),
    )
    earlier = document(
        date(2024, 3, 1), attribute="不予公开", note_mark="此件不公开", withhold_reason="x", basis_code="3.5"
    )
    undecided = document(
        date(2025, 7, 7), attribute="不予公开", note_mark="此件不公开", withhold_reason="=过程稿", basis_code="3.6"
    )
    add(
        db,
        kept,
        turned,
        earlier,
        undecided,
        document(date(2025, 6, 1)),  # 主动公开: not reviewed
        document(
            date(2026, 1, 10), attribute="依申请公开", note_mark="此件依申请公开", withhold_reason="y", basis_code="3.4"
        ),
    )
    add(
        db,
        DocumentReviewDecision(
            document_id=kept.id, year=2025, decision="维持", decided_by="张明", decided_on=date(2025, 12, 10)
        ),
        DocumentReviewDecision(
            document_id=turned.id,
            year=2025,
            decision="转为主动公开",
            decided_by="李华",
            decided_on=date(2025, 12, 15),
            reason="当事人已同意公开",
        ),
        DocumentReviewDecision(  # turned in 2024: no longer on the list
            document_id=earlier.id, year=2024, decision="转为主动公开", decided_by="李华", decided_on=date(2024, 12, 1)
        ),
        DocumentReview(document_id=kept.id, stage="初审", reviewer="王芳", day=date(2025, 4, 2)),
    )
    add(
        db,
        solicitation(
            date(2025, 6, 1),
            date(2025, 6, 5),
            kind="行政规范性文件",
            shortening_reason="防汛紧急",
            channel="镇政府网站",
        ),
        solicitation(date(2025, 3, 1), date(2025, 3, 30), kind="重大行政决策"),  # 30 days: not shortened
        solicitation(date(2025, 8, 1), date(2025, 8, 3)),  # 其他: no minimum
    )


def test_yearly_review_export_lists_withheld_documents_with_decisions_and_shortened_solicitations(
    db: Database, tmp_path: Path
) -> None:
    review_register(db)
    out = tmp_path / "审查清单2025.xlsx"
    result = reports.export_yearly_review(db, 2025, out, now=NOW)
    assert result.warnings == ["有1件不予公开（或依申请公开）的公文尚未作出2025年度审查决定。"]
    workbook = openpyxl.load_workbook(out)
    assert workbook.properties.title == "（未填写单位名称）2025年度政府信息公开审查清单"
    ws = workbook["不予公开审查"]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 3
    kept, turned, undecided = rows
    assert (kept["成文日期"], kept["附注"], kept["不公开理由"], kept["依据"]) == (
        datetime(2025, 4, 1),
        "此件不公开",
        "涉及防汛部署",
        "3.1 属于国家秘密",
    )
    assert (kept["审查决定"], kept["决定人"], kept["决定日期"], kept["重新起算日"]) == (
        "维持",
        "张明",
        datetime(2025, 12, 10),
        None,
    )
    assert (turned["公开属性"], turned["依据"], turned["审查决定"], turned["决定人"]) == (
        "依申请公开",
        "3.4 保护第三方合法权益",
        "转为主动公开",
        "李华",
    )
    assert turned["重新起算日"] == datetime(2025, 12, 15) and turned["审查说明"] == "当事人已同意公开"
    assert turned["发布期限"] == datetime(2026, 1, 19)
    assert undecided["审查决定"] == "未审查" and undecided["决定人"] is None
    cell = ws.cell(4, headers.index("不公开理由") + 1)
    assert cell.value == "=过程稿" and cell.data_type == "s"  # never a formula
    ws = workbook["缩短征求意见期限"]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert rows == [
        {
            "草案名称": rows[0]["草案名称"],
            "类型": "行政规范性文件",
            "开始日期": datetime(2025, 6, 1),
            "截止日期": datetime(2025, 6, 5),
            "期限（日）": 5,
            "一般不少于（日）": 7,
            "缩短期限理由": "防汛紧急",
            "渠道": "镇政府网站",
        }
    ]


def test_county_merge_sums_the_register_rows_and_takes_a_return_written_before_they_existed(tmp_path: Path) -> None:
    from models.migrate import open_database
    from models.services import profile
    from models.services.merge import merge_returns

    files = []
    for name in ("甲镇人民政府", "乙镇人民政府"):
        unit_db = open_database(tmp_path / f"{name}.db")
        try:
            profile.set_field(unit_db, "单位名称", name)
            monthly_register(unit_db)
            files.append(reports.export_return(unit_db, "2025-03", tmp_path / f"{name}.xlsx", now=NOW).files[0])
        finally:
            unit_db.close()
    # 乙镇 uploaded a return of the earlier version: only the first seven rows (the added rows absent)
    workbook = openpyxl.load_workbook(files[1])
    workbook["公开与解读"].delete_rows(11, 20)
    workbook.save(files[1])
    result = merge_returns(files, tmp_path / "全县.xlsx", unit_name="青山县", now=NOW)
    counts = {item.label: item.count for item in result.report.others}
    assert counts["公文（此件公开发布）"] == 4 and counts["政策解读"] == 4  # both units
    assert counts["收到意见数（本月公布采纳情况的征求意见）"] == 15  # 甲镇 only
    assert counts["政策解读（文字）"] == 2
