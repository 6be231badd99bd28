"""The application list: a thin, lazily fetched table model over `applications.list_applications`.

Rows come in pages of PAGE_SIZE (sorting and filtering happen in SQL), so 50,000 applications open as fast as 200.
The today-dependent columns (期限状态, 剩余工作日) are computed only for the rows that are shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gui.widgets.clock_text import left_cell
from models.db import Database
from models.domain.identity import mask_id
from models.domain.workdays import WorkCalendar
from models.services import applications as service
from models.services.holidays import load_calendar

PAGE_SIZE = 200

_STATE_COLORS = {
    "已逾期": QColor("#fde2e1"),
    "3个工作日内到期": QColor("#fff4ce"),
    "已暂停计时": QColor("#e8eef9"),
}


class ApplicationsTableModel(QAbstractTableModel):
    # The clock first (答复期限, 剩余工作日, 期限状态): on a 1366×768 screen they show without scrolling sideways.
    COLUMNS = (
        ("number", "申请编号"),
        ("applicant_name", "申请人"),
        ("reply_due", "答复期限"),
        ("left", "剩余工作日"),
        ("state", "期限状态"),
        ("status", "状态"),
        ("received", "收到日期"),
        ("applicant_type", "申请人类型"),
        ("id_number", "证件号码"),
        ("content", "申请内容"),
        ("result", "办理结果"),
    )
    #: the columns that must stay in view: sized to their contents after each load
    CLOCK_COLUMNS = (0, 1, 2, 3, 4)
    SORTABLE = {"number", "received", "applicant_name", "status", "reply_due", "result"}

    def __init__(self, db: Database, *, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()
        self.filter = service.ListFilter()
        self.sort_key = "number"
        self.descending = True
        self._rows: list[service.ApplicationRow] = []
        self._clocks: dict[int, service.LiveClock] = {}
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
        self._clocks = {}
        self.endResetModel()

    def set_filter(self, flt: service.ListFilter) -> None:
        self.filter = flt
        self.reload()

    def total(self) -> int:
        return self._total

    def _page(self, offset: int) -> list[service.ApplicationRow]:
        return service.list_applications(
            self.db,
            self.filter,
            today=self.today,
            sort=self.sort_key,
            descending=self.descending,
            limit=PAGE_SIZE,
            offset=offset,
            calendar=self._calendar,
        )

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._page(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> service.ApplicationRow:
        return self._rows[row]

    def row_of_number(self, number: str) -> int:
        for i, row in enumerate(self._rows):
            if row.number == number:
                return i
        return -1

    # -- Qt model ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section][1]
        return None

    def _clock(self, row: service.ApplicationRow) -> service.LiveClock:
        clock = self._clocks.get(row.id)
        if clock is None:
            clock = service.live_clock(row, self._calendar, self.today)
            self._clocks[row.id] = clock
        return clock

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = _STATE_COLORS.get(self._clock(row).state)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "content":
            return row.content
        if role == Qt.ItemDataRole.ToolTipRole and key == "reply_due" and self._clock(row).uncertain:
            return "期限跨越尚未录入节假日安排的年份，可能不准确"
        return None

    def _display(self, row: service.ApplicationRow, key: str) -> str:
        if key == "received":
            return row.received.isoformat()
        if key == "id_number":
            return mask_id(row.id_number)
        if key == "content":
            return row.content if len(row.content) <= 40 else row.content[:40] + "…"
        if key == "reply_due":
            if row.reply_due is None:
                return "（等待补正）" if row.status == "等待补正" else ""
            mark = "（不确定）" if self._clock(row).uncertain else ""
            return row.reply_due.isoformat() + mark
        if key == "left":
            left = self._clock(row).working_days_left
            return "" if left is None or not row.is_open else left_cell(left)
        if key == "status":
            return row.shown_status
        if key == "state":
            return self._clock(row).state
        if key == "result":
            if not row.result:
                return ""
            return f"{row.result}（{row.detail}）" if row.detail else row.result
        return str(getattr(row, key))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][0]
        if key not in self.SORTABLE:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # before the first load (its page not shown yet) the order is only remembered
            self.reload()
