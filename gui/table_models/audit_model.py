"""The audit log (审计日志): a thin read-only table model over `audit.AuditRecord`s."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.services.audit import AuditRecord


class AuditTableModel(QAbstractTableModel):
    COL_AT, COL_USER, COL_ACTION, COL_TABLE, COL_RECORD, COL_CHANGES, COL_DETAIL = range(7)
    HEADERS = ("时间", "用户", "操作", "记录类型", "记录", "修改内容（原值 → 新值）", "说明")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AuditRecord] = []

    def set_rows(self, rows: list[AuditRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AuditRecord:
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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self._rows[index.row()]
        return (
            record.at.strftime("%Y-%m-%d %H:%M:%S"),
            record.user,
            record.action,
            record.table_label,
            record.record,
            record.changes_text(),
            record.detail,
        )[index.column()]
