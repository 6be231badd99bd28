"""匿名化过期申请: closed applications older than N years lose their personal data in one step, after a preview
and a confirmation; dates, results and counts (the statistics) stay."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.domain.errors import UserError
from models.services import retention

DEFAULT_YEARS = 10


class RetentionDialog(QDialog):
    anonymised = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.setWindowTitle("匿名化过期申请")
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "把办结满N年的申请中的申请人、证件号码、联系电话、通信地址、邮编、电子邮箱替换为“已匿名化”。"
                "日期、办理结果和件数保留，报表数字不变。此操作不可撤销。",
                self,
                wordWrap=True,
            )
        )
        row = QHBoxLayout()
        row.addWidget(QLabel("办结满", self))
        self.years = QSpinBox(self)
        self.years.setRange(1, retention.MAX_YEARS)
        try:
            self.years.setValue(retention.retention_years(db))
        except UserError:
            self.years.setValue(DEFAULT_YEARS)
        row.addWidget(self.years)
        row.addWidget(QLabel("年", self))
        self.preview_button = QPushButton("预览", self)
        self.run_button = QPushButton("匿名化…", self)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.run_button)
        layout.addLayout(row)
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.run_button.clicked.connect(lambda: self.run())
        self.preview()

    def preview(self) -> int:
        found = retention.candidates(self.db, self.years.value(), today=self.today)
        self.list.clear()
        self.list.addItems([f"{c.number}  收到{c.received}  {c.status}  办结{c.closed or '—'}" for c in found])
        self.message.setText(f"将匿名化 {len(found)} 件申请。")
        return len(found)

    def run(self) -> None:
        count = self.preview()
        if count == 0:
            return
        answer = QMessageBox.question(
            self,
            "确认匿名化",
            f"确定匿名化这 {count} 件申请的个人信息吗？此操作不可撤销（建议先备份）。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.message.setText("未匿名化任何申请。")
            return
        retention.set_retention_years(self.db, self.years.value())
        numbers = retention.anonymise(self.db, self.years.value(), today=self.today)
        self.list.clear()
        self.message.setText(f"已匿名化 {len(numbers)} 件申请。")
        self.anonymised.emit()
