"""设置 → 文书模板: the 字号 pattern, the remedy of 3.8 (行政查询事项), and each kind's Word template
(export the built-in one, load the unit's edited one, restore the built-in one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from gui.errors import show_user_error
from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import KINDS, LetterKind, format_number
from models.services import letters as service
from models.services.profile import get_profile


class LetterSettingsGroup(QGroupBox):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("文书模板", parent)
        self.db = db
        form = QFormLayout(self)
        pattern_row = QHBoxLayout()
        self.pattern = QLineEdit(self)
        self.pattern.setToolTip("{prefix} 文号前缀，{year} 四位年份，{seq} 当年序号（不补零）")
        self.pattern.textChanged.connect(self.update_example)
        self.pattern.returnPressed.connect(self.save_pattern)
        self.save_pattern_button = QPushButton("保存字号格式", self)
        self.save_pattern_button.clicked.connect(lambda: self.save_pattern())
        pattern_row.addWidget(self.pattern, 1)
        pattern_row.addWidget(self.save_pattern_button)
        form.addRow("字号格式：", pattern_row)
        self.pattern_help = QLabel(
            "格式中的三个占位符必须都有：{prefix} 代表文号前缀（在“单位信息”中填写），{year} 代表四位年份，"
            "{seq} 代表当年的序号（从1起，不补零）。年份请用六角括号〔〕括起，不写“第”，例如"
            "“{prefix}〔{year}〕{seq}号”。",
            self,
        )
        self.pattern_help.setWordWrap(True)
        self.pattern_help.setStyleSheet("color: #555;")
        form.addRow("", self.pattern_help)
        self.example = QLabel(self)
        form.addRow("", self.example)

        self.query_remedy = QComboBox(self)
        self.query_remedy.addItem("复议前置（默认，较稳妥）", True)
        self.query_remedy.addItem("可以复议，也可以直接起诉", False)
        self.query_remedy.activated.connect(self.save_query_remedy)
        form.addRow("“属于行政查询事项”的救济途径：", self.query_remedy)

        template_row = QHBoxLayout()
        self.kind = QComboBox(self)
        for kind, info in KINDS.items():
            self.kind.addItem(info.label, kind)
        self.kind.currentIndexChanged.connect(self.update_status)
        self.export_button = QPushButton("导出内置模板…", self)
        self.export_button.clicked.connect(lambda: self.export_template())
        self.load_button = QPushButton("导入本单位模板…", self)
        self.load_button.clicked.connect(lambda: self.load_template())
        self.restore_button = QPushButton("恢复内置模板", self)
        self.restore_button.clicked.connect(lambda: self.restore_template())
        template_row.addWidget(self.kind)
        for button in (self.export_button, self.load_button, self.restore_button):
            template_row.addWidget(button)
        template_row.addStretch(1)
        form.addRow("模板：", template_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form.addRow("", self.status)  # loaded by refresh(): the settings page calls it when shown

    def current_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def refresh(self) -> None:
        self.pattern.setText(service.number_pattern(self.db))
        self.update_example()
        self.query_remedy.setCurrentIndex(0 if service.query_items_review_first(self.db) else 1)
        self.update_status()

    def update_example(self) -> None:
        prefix = get_profile(self.db).number_prefix or "X镇政府信息公开"
        try:
            text = "示例：" + format_number(self.pattern.text(), prefix=prefix, year=2025, seq=12)
        except UserError as error:
            text = f"<span style='color:#b00020'>{error.message}</span>"
        self.example.setText(text)

    def update_status(self) -> None:
        info = next(t for t in service.template_status(self.db) if t.kind == self.current_kind())
        where = f"本单位模板（{info.path}）" if info.custom else "内置模板"
        self.status.setText(f"{info.label}当前使用：{where}")
        self.restore_button.setEnabled(info.custom)

    def save_pattern(self) -> bool:
        try:
            service.set_number_pattern(self.db, self.pattern.text())
        except UserError as error:
            show_user_error(self, error)
            return False
        self.example.setText(self.example.text() + "　已保存")
        return True

    def save_query_remedy(self) -> None:
        service.set_query_items_review_first(self.db, bool(self.query_remedy.currentData()))

    def export_template(self, path: str | None = None) -> None:
        kind = self.current_kind()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "导出内置模板", f"{KINDS[kind].label}模板.docx", "Word (*.docx)"
            )
        if not path:
            return
        try:
            service.export_template(self.db, kind, Path(path))
        except UserError as error:
            show_user_error(self, error)
            return
        self.status.setText(f"已导出：{path}。在Word中修改后，用“导入本单位模板”载入；花括号中的占位符请保留。")

    def load_template(self, path: str | None = None) -> bool:
        kind = self.current_kind()
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "导入本单位模板", "", "Word (*.docx)")
        if not path:
            return False
        try:
            service.load_template(self.db, kind, Path(path))
        except UserError as error:
            show_user_error(self, error, "模板不能使用")
            return False
        self.update_status()
        return True

    def restore_template(self) -> None:
        service.restore_template(self.db, self.current_kind())
        self.update_status()
