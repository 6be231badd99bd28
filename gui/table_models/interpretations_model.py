"""The 政策解读 list and the 三同步 flags: thin table models over the service's rows."""

from __future__ import annotations

from datetime import date

from gui.table_models.register_rows_model import RegisterRowsModel
from models.services.interpretations import InterpretationRow, SyncFlag


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


class InterpretationsTableModel(RegisterRowsModel[InterpretationRow]):
    COLUMNS = (
        ("关联文件", lambda r: r.document.number or r.document.title),
        ("解读标题", lambda r: r.title),
        ("形式", lambda r: r.forms_text),
        ("解读主体", lambda r: r.interpreter or "—"),
        ("审签日期", lambda r: _day(r.approved)),
        ("发布日期", lambda r: _day(r.published) + ("（晚于文件）" if r.late else "")),
    )

    def warn(self, row: InterpretationRow) -> bool:
        return row.late


class SyncFlagsTableModel(RegisterRowsModel[SyncFlag]):
    COLUMNS = (
        ("文号", lambda f: f.document.number or "—"),
        ("文件标题", lambda f: f.document.title),
        ("类别", lambda f: f.document.category),
        ("发布日期", lambda f: _day(f.document.published)),
        ("三同步", lambda f: f.message),
    )

    def row_of_id(self, row_id: int) -> int:
        return next((i for i in range(self.rowCount()) if self.row_at(i).document.id == row_id), -1)
