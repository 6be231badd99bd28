"""经办人: who this PC's clerk is. Asked at first run (and before the first thing recorded without one): every
registration, event and letter records this name, never the computer's login."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.db import Database
from models.services.settings import current_actor, set_setting


class OperatorDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("填写经办人")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "请填写在本机办理政府信息公开申请的工作人员姓名。登记申请、记录办理事项、出具文书时，"
            "它作为登记人/经办人记入办理过程。以后可以在“设置”页修改。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.name = QLineEdit(current_actor(db), self)
        self.name.setPlaceholderText("经办人姓名，例：李晓梅")
        self.name.setMaxLength(40)
        layout.addWidget(self.name)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("以后再填")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(lambda text: self.error.clear() if text.strip() else None)

    def accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText("请填写经办人姓名（不会使用电脑的登录名）。")
            self.name.setFocus()
            return
        set_setting(self.db, "operator", name)
        super().accept()


def ensure_operator(db: Database, parent: QWidget | None = None) -> bool:
    """True when an operator is set, asking for one first if needed; False when the clerk declined."""
    if current_actor(db):
        return True
    return bool(OperatorDialog(db, parent).exec()) and bool(current_actor(db))
