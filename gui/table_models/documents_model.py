"""The 公文 list: a thin, lazily fetched table model over `documents.list_page` (pages of PAGE_SIZE rows,
sorting and filtering in SQL); the today-dependent 发布情况 is computed only for the rows shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.db import Database
from models.domain.documents import PublishState
from models.domain.workdays import WorkCalendar
from models.services import documents as service
from models.services.holidays import load_calendar

PAGE_SIZE = 200

_STATE_COLORS = {
    PublishState.OVERDUE: QColor("#fde2e1"),
    PublishState.DUE_SOON: QColor("#fff4ce"),
}


class DocumentsTableModel(QAbstractTableModel):
    COLUMNS = (
        ("number", "文号"),
        ("title", "标题"),
        ("written", "成文日期"),
        ("category", "类别"),
        ("attribute", "公开属性"),
        ("publish_due", "发布期限"),
        ("publish", "发布情况"),
        ("state", "状态"),
        ("valid_until", "有效期至"),
    )
    SORTABLE = {"number", "title", "written", "publish_due", "state"}

    def __init__(self, db: Database, *, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()
        self.filter = service.DocumentFilter()
        self.sort_key = "written"
        self.descending = True
        self._rows: list[service.DocumentRow] = []
        self._live: dict[int, service.LiveState] = {}
        self._total = 0
        self._calendar: WorkCalendar | None = None  # loaded with the rows: nothing is queried before reload()
        self._loaded = False

    # -- loading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._calendar = load_calendar(self.db)
        self._loaded = True
        page = service.list_page(
            self.db,
            self.filter,
            today=self.today,
            sort=self.sort_key,
            descending=self.descending,
            limit=PAGE_SIZE,
            calendar=self._calendar,
        )
        self._total, self._rows = page.total, page.rows
        self._live = {}
        self.endResetModel()

    def set_filter(self, flt: service.DocumentFilter) -> None:
        self.filter = flt
        self.reload()

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = service.list_page(
            self.db,
            self.filter,
            today=self.today,
            sort=self.sort_key,
            descending=self.descending,
            limit=PAGE_SIZE,
            offset=len(self._rows),
            calendar=self._calendar,
            with_total=False,
        ).rows
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> service.DocumentRow:
        return self._rows[row]

    def row_of_id(self, document_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == document_id), -1)

    # -- Qt model ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section][1]
        return None

    def live(self, row: service.DocumentRow) -> service.LiveState:
        state = self._live.get(row.id)
        if state is None:
            state = service.live_state(row, self._calendar, self.today)
            self._live[row.id] = state
        return state

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = _STATE_COLORS.get(self.live(row).state)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return row.title
        return None

    def _display(self, row: service.DocumentRow, key: str) -> str:
        if key == "number":
            return row.number or "（无文号）"
        if key == "title":
            return row.title if len(row.title) <= 40 else row.title[:40] + "…"
        if key == "publish":
            return self.live(row).label
        if key == "state":
            return "已作废" if row.voided_at is not None else row.state
        value = getattr(row, key)
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][0]
        if key not in self.SORTABLE:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # before the first load (its page not shown yet) the order is only remembered
            self.reload()
