"""The 征求意见 list: a thin table model over `solicitations.list_page` rows."""

from __future__ import annotations

from datetime import date

from gui.table_models.register_rows_model import RegisterRowsModel
from models.services.solicitations import SolicitationRow


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


class SolicitationsTableModel(RegisterRowsModel[SolicitationRow]):
    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today
        self.COLUMNS = (
            ("草案名称", lambda r: r.title),
            ("类型", lambda r: r.kind),
            ("开始日期", lambda r: _day(r.start)),
            ("截止日期", lambda r: _day(r.end)),
            ("期限", lambda r: f"{r.days}日" + ("（缩短）" if r.shortened else "")),
            ("状态", lambda r: r.state(self.today)),
            ("收到意见数", lambda r: str(r.received)),
            ("采纳情况公布日期", lambda r: _day(r.results_published)),
            ("关联文件", lambda r: r.document_number or "—"),
        )

    def warn(self, row: SolicitationRow) -> bool:
        return row.pending(self.today)
