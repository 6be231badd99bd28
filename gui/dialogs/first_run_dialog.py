"""首次使用: ask for the unit profile before the first real work."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from gui.widgets.profile_form import ProfileFormWidget
from models.db import Database
from models.domain.errors import ValidationError
from models.services import profile as profile_service


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("首次使用：填写单位信息")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "欢迎使用政务公开工作台。请先填写本单位的信息，它们会出现在答复书、告知书和报表中。"
            "以后可以在“设置”页修改。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = ProfileFormWidget(self)
        self.form.set_profile(profile_service.get_profile(db))
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("以后再填")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        missing = self.form.missing_required()
        if missing:
            QMessageBox.warning(self, "单位信息不完整", "请填写：" + "、".join(missing))
            self.form.focus_field(missing[0])
            return
        try:
            profile_service.save_profile(self.db, self.form.values())
        except ValidationError as error:
            QMessageBox.warning(self, "单位信息有误", error.message)
            self.form.focus_field(error.field)
            return
        super().accept()
