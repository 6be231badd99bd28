"""The ledger import written in bulk and the export streamed (issue 12, speed): what the clerk sees stays the same —
numbers, search, the audit log, nothing written on a refusal — and an export keeps the template's layout.

Expected values are written out: numbers 年份-4位序号 from the year's sequence (no gaps, never reused), the masked
forms of the audit log (110101********4258, 138****8000).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from models.db import Database
from models.domain.errors import UserError
from models.services import applications, audit, ledger, tabular
from models.services.applications import ApplicationInput, ListFilter
from models.services.ledger import LEDGER_COLUMNS, LedgerProblems
from models.services.settings import set_setting
from tests.db.test_ledger import FULL_ROWS, ID_1, TODAY, base, write_ledger


def test_numbers_mix_given_and_blank_rows_over_two_years_without_gaps(db: Database, tmp_path: Path) -> None:
    applications.register(
        db, ApplicationInput(received=date(2024, 6, 3), applicant_name="甲", content="某文件"), today=TODAY
    )  # 2024-0001 exists already
    rows = [
        base("", "2024-07-01", 申请人="乙"),
        base("2025-0005", "2025-03-03"),
        base("", "2025-03-04", 申请人="丙"),
        base("2024-0003", "2024-08-01"),
        base("", "2025-03-05", 申请人="丁"),
    ]

    report = ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", rows), today=TODAY)
    later = applications.register(
        db, ApplicationInput(received=date(2025, 5, 6), applicant_name="戊", content="某文件"), today=TODAY
    )

    assert [(r.row, r.number) for r in report.imported] == [
        (2, "2024-0004"),
        (3, "2025-0005"),
        (4, "2025-0006"),
        (5, "2024-0003"),
        (6, "2025-0007"),
    ]
    assert later.number == "2025-0008"


def test_imported_applications_are_found_by_the_search_box(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS), today=TODAY)

    found = applications.list_applications(db, ListFilter(text="村道维修"), today=TODAY)
    by_name = applications.list_applications(db, ListFilter(text="李四"), today=TODAY)

    assert [(r.applicant_name, r.content) for r in found] == [("李四", "2025年村道维修合同")]
    assert [r.content for r in by_name] == ["2025年村道维修合同"]


def test_each_imported_application_has_one_audit_entry_with_its_events_masked(db: Database, tmp_path: Path) -> None:
    set_setting(db, "operator", "王经办")
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS[:1]), today=TODAY)

    entries = [e for e in audit.entries(db, audit.AuditFilter()) if e.table != "setting"]

    assert len(entries) == 1
    entry = entries[0]
    assert (entry.user, entry.action, entry.record) == ("王经办", "新增", "2025-0001")
    assert entry.changes["id_number"] == [None, "110101********4258"]
    assert entry.changes["phone"] == [None, "138****8000"]
    events = entry.changes["办理事项"][1]
    assert [(e["kind"], e["day"]) for e in events] == [
        ("登记", "2025-03-03"),
        ("补正告知", "2025-03-05"),
        ("补正收到", "2025-03-10"),
        ("答复", "2025-04-01"),
    ]
    assert events[1]["data"] == {"deadline": "2025-03-20"}
    assert "办理事项：" in entry.changes_text()


def test_a_refused_import_writes_no_application_no_number_and_no_audit_entry(db: Database, tmp_path: Path) -> None:
    rows = [*FULL_ROWS[:3], base("", "2025-02-30")]  # the last row has an impossible date

    with pytest.raises(LedgerProblems):
        ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", rows), today=TODAY)
    logged = audit.entries(db, audit.AuditFilter())
    first = applications.register(
        db, ApplicationInput(received=date(2025, 5, 6), applicant_name="赵六", content="某文件"), today=TODAY
    )

    assert logged == []
    assert first.number == "2025-0001"  # the numbers of the refused file were not reserved


def test_the_cached_deadlines_of_imported_rows_are_the_registers_own(db: Database, tmp_path: Path) -> None:
    # Open, registered 2025-12-01: due on the 20th working day after it, 2025-12-29 (Mon); overdue on 2025-12-31.
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", [FULL_ROWS[-2]]), today=TODAY)

    row = applications.list_applications(db, today=TODAY)[0]

    assert row.reply_due == date(2025, 12, 29)
    assert row.status == "办理中"


# -- export -------------------------------------------------------------------------------------------------


def test_a_streamed_export_keeps_the_templates_layout(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS), today=TODAY)
    out = tmp_path / "导出.xlsx"

    count = ledger.export_ledger(db, out)

    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["台账", "填写说明"]
    ws = workbook["台账"]
    assert ws.freeze_panes == "A2"
    assert tuple(c.value for c in ws[1]) == LEDGER_COLUMNS
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    column = {h: get_column_letter(i) for i, h in enumerate(LEDGER_COLUMNS, start=1)}
    assert ws.column_dimensions[column["申请内容"]].width == 40
    assert ws.column_dimensions[column["证件号码"]].number_format == "@"
    ranges = {str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert f"{column['办理结果']}2:{column['办理结果']}{count + 501}" in ranges
    assert ws.max_row == count + 1
    first = {h: c.value for h, c in zip(LEDGER_COLUMNS, ws[2], strict=True)}
    assert (first["申请编号"], first["证件号码"]) == ("2025-0001", "110101********4258")
    assert workbook["填写说明"].freeze_panes == "A4"
    assert workbook["填写说明"].column_dimensions["B"].width == 80
    assert workbook["填写说明"]["A1"].font.b


def test_a_full_export_says_so_on_every_sheet_and_in_its_properties(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS[:1]), today=TODAY)
    out = tmp_path / "完整.xlsx"

    ledger.export_ledger(db, out, full=True)

    workbook = openpyxl.load_workbook(out)
    notice = "本文件含完整个人信息（证件号码、联系电话），请妥善保管，不得对外提供。"
    assert [ws.oddHeader.center.text for ws in workbook.worksheets] == [notice, notice]
    assert workbook["填写说明"]["A2"].value == notice
    assert workbook["填写说明"]["A2"].font.color.rgb.endswith("C00000")
    assert workbook.properties.keywords == "含完整个人信息"
    assert workbook["台账"]["F2"].value == ID_1


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    def rows() -> Iterator[dict[str, Any]]:
        yield {"申请编号": "2025-0001", "收到日期": date(2025, 3, 3), "申请人": "张三"}
        yield {"申请编号": "2025-0002", "收到日期": date(2025, 3, 4), "备注": "某" * 40000}  # more than a cell holds

    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"old")

    with pytest.raises(UserError, match="第3行第27列的内容有40000个字符"):
        tabular.write_export(ledger.LEDGER, out, rows(), total=2, full=True, mark=lambda workbook: None)

    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]


def test_the_garbage_collector_runs_again_after_an_import_and_after_a_refused_one(db: Database, tmp_path: Path) -> None:
    import gc

    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS), today=TODAY)
    assert gc.isenabled()  # paused only while the rows are planned and written (models/services/collector.py)
    with pytest.raises(LedgerProblems):
        ledger.validate_and_import(db, write_ledger(tmp_path / "b.xlsx", [base("", "2025-13-01")]), today=TODAY)
    assert gc.isenabled()  # a long-running window must not lose its collector to a refused file
