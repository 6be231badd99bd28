"""The audit log as an Excel file: one row per entry; no text ever becomes a formula (xlsx_safe)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from exporters.doc_properties import set_xlsx_properties
from exporters.xlsx_safe import atomic_save, safe_cell

TITLE = "审计日志"
HEADERS = ("序号", "时间", "用户", "操作", "记录类型", "记录", "修改内容（原值 → 新值）", "说明")
WIDTHS = (8, 20, 12, 10, 12, 16, 60, 40)


def write_audit_xlsx(rows: Sequence[Any], path: str | Path, *, unit: str = "") -> Path:
    """`rows` are `audit.AuditRecord`s (id, at, user, action, table_label, record, changes_text(), detail)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = TITLE
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        safe_cell(ws, 1, col, header).font = Font(bold=True)
        ws.column_dimensions[chr(64 + col)].width = width
    for index, row in enumerate(rows, start=2):
        values = (row.id, row.at, row.user, row.action, row.table_label, row.record, row.changes_text(), row.detail)
        for col, value in enumerate(values, start=1):
            safe_cell(ws, index, col, value)
    ws.freeze_panes = "A2"
    set_xlsx_properties(workbook, title=TITLE, author=unit)
    return atomic_save(workbook, path)
