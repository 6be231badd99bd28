"""设置: the current unit's profile (单位信息), the operator, the letters' settings and the database to open."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gui.pages.base import Page
from gui.screen_fit import scroll_area
from gui.widgets.database_settings import DatabaseSettingsGroup
from gui.widgets.letter_settings import LetterSettingsGroup
from gui.widgets.profile_form import ProfileFormWidget
from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.services import profile as profile_service
from models.services import units
from models.services.settings import get_setting, set_setting


class SettingsPage(Page):
    title = "设置"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        outer.addWidget(scroll_area(body, self))  # taller than a 1366×768 screen: it scrolls
        group = self.profile_group = QGroupBox("单位信息", self)
        group_layout = QVBoxLayout(group)
        self.form = ProfileFormWidget(group)
        group_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        self.status = QLabel("", group)
        self.save_button = QPushButton("保存单位信息", group)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        group_layout.addLayout(buttons)
        layout.addWidget(group)

        operator_group = QGroupBox("经办人", self)
        operator_layout = QHBoxLayout(operator_group)
        operator_layout.addWidget(QLabel("本机经办人姓名（记录在每件申请的办理过程中）：", operator_group))
        self.operator = QLineEdit(operator_group)
        self.operator.setPlaceholderText("例：李晓梅")
        self.operator.editingFinished.connect(self.save_operator)
        operator_layout.addWidget(self.operator, 1)
        layout.addWidget(operator_group)
        self.letters = LetterSettingsGroup(db, self)
        layout.addWidget(self.letters)
        self.database = DatabaseSettingsGroup(db, self)
        layout.addWidget(self.database)
        layout.addStretch(1)
        for edit in self.form.edits.values():
            edit.returnPressed.connect(self.save)

    def refresh(self) -> None:
        self.form.set_profile(profile_service.get_profile(self.db))
        unit = units.display_name(self.db)  # several units: whose profile this is
        self.profile_group.setTitle(f"单位信息（{unit}）" if unit else "单位信息")
        self.operator.setText(get_setting(self.db, "operator") or "")
        self.status.setText("")
        self.letters.refresh()
        self.database.refresh()

    def save_operator(self) -> None:
        set_setting(self.db, "operator", self.operator.text().strip())

    def save(self) -> bool:
        try:
            profile_service.save_profile(self.db, self.form.values())
        except ValidationError as error:
            self.status.setText(f"<span style='color:#b00020'>{error.message}</span>")
            self.form.focus_field(error.field)
            return False
        except UserError as error:  # e.g. the county role, which changes no unit's profile
            self.status.setText(f"<span style='color:#b00020'>{error.message}</span>")
            return False
        missing = self.form.missing_required()
        note = "（仍需填写：" + "、".join(missing) + "）" if missing else ""
        self.status.setText("已保存" + note)
        self.data_changed.emit()
        return True
