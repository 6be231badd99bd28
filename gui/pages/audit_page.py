"""审计日志: the audit log, filtered by date, user and record, and exported to Excel. Read-only: there is no
way to change or delete an entry from the app."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.audit_model import AuditTableModel
from gui.widgets.optional_date import OptionalDateEdit
from models.db import Database
from models.domain.errors import UserError
from models.services import audit

ALL_USERS = "（全部用户）"
MAX_ROWS = 5000


class AuditPage(Page):
    title = "审计日志"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        today = today or date.today()
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.start = OptionalDateEdit(today - timedelta(days=30), self)
        self.start.check.setText("起始")
        self.end = OptionalDateEdit(today, self)
        self.end.check.setText("截止")
        self.user = QComboBox(self)
        self.record = QLineEdit(self)
        self.record.setPlaceholderText("记录：申请编号、字号…")
        self.search = QPushButton("查询", self)
        self.export_button = QPushButton("导出Excel…", self)
        for widget in (self.start, self.end, QLabel("用户", self), self.user, self.record, self.search):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout.addLayout(filters)
        self.model = AuditTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        self.search.clicked.connect(lambda: self.refresh())
        self.record.returnPressed.connect(lambda: self.refresh())
        self.export_button.clicked.connect(lambda: self.export())

    def current_filter(self) -> audit.AuditFilter:
        user = self.user.currentText()
        return audit.AuditFilter(
            start=self.start.value(),
            end=self.end.value(),
            user="" if user == ALL_USERS else user,
            record=self.record.text(),
        )

    def refresh(self) -> None:
        chosen = self.user.currentText()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItems([ALL_USERS, *audit.users_in_log(self.db)])
        self.user.setCurrentText(chosen or ALL_USERS)
        self.user.blockSignals(False)
        rows = audit.entries(self.db, self.current_filter(), limit=MAX_ROWS)
        self.model.set_rows(list(reversed(rows)))  # newest first
        more = "（只显示最近的5000条，请缩小范围或导出）" if len(rows) == MAX_ROWS else ""
        self.count_label.setText(f"共 {len(rows)} 条{more}")

    def export(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "导出审计日志", str(Path.home() / "审计日志.xlsx"), "Excel (*.xlsx)"
            )
        if not path:
            return
        try:
            count = audit.export_xlsx(self.db, Path(path), self.current_filter())
        except UserError as error:
            show_user_error(self, error)
            return
        self.count_label.setText(f"已导出 {count} 条到：{path}")
