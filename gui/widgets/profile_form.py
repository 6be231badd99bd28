"""The 单位信息 form, shared by the settings page and the first-run dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from models.services.profile import PROFILE_FIELDS, Profile


class ProfileFormWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for field in PROFILE_FIELDS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(f"例：{field.example}")
            edit.setObjectName(field.attr)
            label = QLabel(("*" if field.required else "") + field.label + "：", self)
            label.setBuddy(edit)
            layout.addRow(label, edit)
            self.edits[field.label] = edit
        hint = QLabel("带 * 的项目用于答复书的文号、落款和救济途径告知，必须填写。", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addRow(hint)

    def set_profile(self, profile: Profile) -> None:
        for label, value in profile.as_labels().items():
            self.edits[label].setText(value)

    def values(self) -> dict[str, str]:
        return {label: edit.text() for label, edit in self.edits.items()}

    def missing_required(self) -> list[str]:
        return [f.label for f in PROFILE_FIELDS if f.required and not self.edits[f.label].text().strip()]

    def focus_field(self, label: str) -> None:
        edit = self.edits.get(label)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()
