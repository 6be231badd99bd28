"""A thin table model over a list of calendar days (saved or just parsed from a notice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class DayRow:
    day: date
    kind: str  # 休 | 班
    holiday: str
    source: str


class CalendarDaysTableModel(QAbstractTableModel):
    COL_DATE, COL_WEEKDAY, COL_KIND, COL_HOLIDAY, COL_SOURCE = range(5)
    HEADERS = ("日期", "星期", "类型", "节日", "来源")

    def __init__(self, rows: list[DayRow] | None = None) -> None:
        super().__init__()
        self._rows: list[DayRow] = rows or []

    def set_rows(self, rows: list[DayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_DATE:
                return row.day.isoformat()
            if column == self.COL_WEEKDAY:
                return "周" + WEEKDAYS[row.day.weekday()]
            if column == self.COL_KIND:
                return "放假" if row.kind == "休" else "上班"
            if column == self.COL_HOLIDAY:
                return row.holiday
            if column == self.COL_SOURCE:
                return row.source
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_KIND:
            return QColor("#b00020") if row.kind == "休" else QColor("#1b5e20")
        return None
