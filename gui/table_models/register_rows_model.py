"""A thin table model over a list of a register's row dataclasses: each subclass gives its COLUMNS (header, and
how to show a row in that column); voided rows are grey."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Row = TypeVar("Row")
GREY = QColor("#9e9e9e")
RED = QColor("#b00020")


class RegisterRowsModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: Sequence[tuple[str, Callable[[Any], str]]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of_id(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == row_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if getattr(row, "voided_at", None) is not None:
                return QBrush(GREY)
            if self.warn(row):
                return QBrush(RED)
        return None

    def warn(self, row: Row) -> bool:
        """Rows shown in red (pending results, a late interpretation)."""
        return False
