"""表三 as a thin read-only table model over the `Table3` dataclass: the verbatim row labels, the six applicant
columns and 总计; heading lines (三、本年度办理结果, （三）不予公开 …) have no numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from models.domain.statistics import COLUMNS, Line, Table3


class Table3TableModel(QAbstractTableModel):
    COL_LABEL = 0
    HEADERS = ("项目", *COLUMNS)

    def __init__(self, table: Table3 | None = None) -> None:
        super().__init__()
        self._table = table
        self._lines: list[Line] = table.lines() if table is not None else []

    def set_table(self, table: Table3 | None) -> None:
        self.beginResetModel()
        self._table = table
        self._lines = table.lines() if table is not None else []
        self.endResetModel()

    def table(self) -> Table3 | None:
        return self._table

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None:
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_LABEL:
                return "    " * line.level + line.label
            if line.key is None:
                return None
            return self._table.get(line.key, COLUMNS[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_LABEL:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (line.key is None or line.level == 0):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_LABEL:
            return line.label
        return None
