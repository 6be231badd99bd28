"""The register of letters (文书登记): a thin table model over `letters.list_letters`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.services.letters import LetterRecord

VOID_COLOR = QColor("#9e9e9e")


class LettersTableModel(QAbstractTableModel):
    COL_ID, COL_APPLICATION, COL_KIND, COL_NUMBER, COL_CREATED, COL_STATUS, COL_FILE = range(7)
    HEADERS = ("登记号", "申请编号", "文书", "字号", "生成时间", "状态", "文件")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[LetterRecord] = []

    def set_rows(self, rows: list[LetterRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LetterRecord:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_ID:
                return str(record.id)
            if column == self.COL_APPLICATION:
                return record.application or "—"
            if column == self.COL_KIND:
                return record.label
            if column == self.COL_NUMBER:
                return record.number or "—"
            if column == self.COL_CREATED:
                return record.created_at.strftime("%Y-%m-%d %H:%M") if record.created_at else ""
            if column == self.COL_STATUS:
                return f"{record.status}：{record.void_reason}" if record.voided else record.status
            if column == self.COL_FILE:
                if record.path is None:
                    return ""
                return record.path.name + ("" if record.file_exists else "（文件已不在原处）")
        if role == Qt.ItemDataRole.ForegroundRole and record.voided:
            return QBrush(VOID_COLOR)
        if role == Qt.ItemDataRole.FontRole and record.voided and column == self.COL_NUMBER:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_FILE and record.path is not None:
            return str(record.path)
        return None
