"""The 日程 (agenda) view of the 期限日历: one row per item of the month, by date; state in words and in colour.
Double-click or Enter opens the item's record."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from models.domain.deadline_calendar import STATE_COLOUR, WEEKDAY_NAMES, DeadlineItem

COLUMNS = ("日期", "星期", "休/班", "状态", "登记簿", "编号", "事项", "承办人")
_BRUSH = {state: QBrush(QColor(colour)) for state, colour in STATE_COLOUR.items()}


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[DeadlineItem, str]] = []  # (item, its day's 休/班 mark)

    def set_rows(self, rows: list[tuple[DeadlineItem, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def item_at(self, row: int) -> DeadlineItem:
        return self._rows[row][0]

    def first_row_of(self, day: Any) -> int:
        return next((i for i, (item, _m) in enumerate(self._rows) if item.due >= day), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, mark = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (item.due.isoformat(), WEEKDAY_NAMES[item.due.weekday()], mark, item.state, item.register,
                      item.key, item.what, item.owner)  # fmt: skip
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _BRUSH[item.state]
        return None


class AgendaView(QTableView):
    item_activated = Signal(object)  # a DeadlineItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda_model = AgendaModel(self)
        self.setModel(self.agenda_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("事项"), QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 40, 50, 120, 80, 110, 0, 90)):
            if width:
                self.setColumnWidth(column, width)
        self.doubleClicked.connect(lambda index: self._open(index.row()))

    def _open(self, row: int) -> None:
        if 0 <= row < self.agenda_model.rowCount():
            self.item_activated.emit(self.agenda_model.item_at(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex().row())
            return
        super().keyPressEvent(event)
