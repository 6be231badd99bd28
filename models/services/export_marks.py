"""What every export of personal data gets: the marks inside the file and an entry in the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exporters.doc_properties import set_xlsx_properties
from exporters.full_data import FULL_DATA_NOTICE, mark_full_personal_data
from models.db import Database
from models.services import audit
from models.services.profile import get_profile

LEDGER_TITLE = "依申请公开台账"


def ledger_title(year: int | None) -> str:
    return f"{LEDGER_TITLE}（{year}年）" if year is not None else LEDGER_TITLE


def mark_ledger_export(db: Database, workbook: Any, *, full: bool, year: int | None = None) -> None:
    """Title (with the year exported), the unit as author and the time in the properties; a full export also says
    so in the properties, in the page header of every sheet and as a red line on the 填写说明 sheet (the 台账
    sheet's first row stays the column names)."""
    title, unit = ledger_title(year), get_profile(db).unit_name.strip()
    if not full:
        set_xlsx_properties(workbook, title=title, author=unit)
        return
    mark_full_personal_data(workbook, title=title, author=unit, sheets=workbook.worksheets)
    from openpyxl.styles import Font

    from exporters.xlsx_safe import safe_cell  # openpyxl: only when a sheet is written

    help_sheet = workbook.worksheets[-1]
    safe_cell(help_sheet, 2, 1, FULL_DATA_NOTICE).font = Font(bold=True, color="C00000")


def log_export(
    db: Database,
    what: str,
    path: str | Path,
    *,
    count: int | None = None,
    full: bool = False,
    masked_names: bool = False,
) -> None:
    """An entry 导出 in the audit log: what, how many, whether with full personal data, and where."""
    if full:
        how = "含完整个人信息"
    else:
        how = "姓名、地址、证件号码、联系电话已遮盖" if masked_names else "证件号码、联系电话已遮盖"
    amount = f"{count}件" if count is not None else ""
    audit.log(db, audit.EXPORT, table="file", record=Path(path).name, detail=f"导出{what}{amount}（{how}）→ {path}")
