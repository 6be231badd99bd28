"""What the 征求意见 and 政策解读 forms share: a form whose refused field shows its error right under it.

`FieldForm.add_field(label, widget, required=…)` adds a row and, below it, a red line that stays hidden until the
service refuses that field (`ValidationError.field` is the Chinese label); `show_error(error)` puts the message
there and in the dialog's error line, marks the widget and moves the focus to it. The form sits in a scroll area
(the 1366×768 screen: gui/screen_fit.py) with the error line and the buttons always visible below it.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.errors import error_text
from gui.screen_fit import cap_size, scroll_area
from models.domain.errors import UserError, ValidationError

W = TypeVar("W", bound=QWidget)
ERROR_STYLE = "color: #b00020;"
_MARK = "border: 1px solid #b00020;"


class FieldForm(QDialog):
    """A dialog with a scrolled QFormLayout, per-field error lines, an error line and 保存 / 取消 buttons."""

    def __init__(self, parent: QWidget | None, title: str, *, width: int = 640, height: int = 620) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        content = QWidget()
        self.form = QFormLayout(content)
        layout.addWidget(scroll_area(content, self), 1)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.field_errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        cap_size(self, width, height)

    def add_field(self, label: str, widget: W, *, required: bool = False) -> W:
        self.form.addRow(label + ("*" if required else "") + "：", widget)
        error = QLabel(self)
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.setVisible(False)
        self.form.addRow("", error)
        self.field_errors[label] = error
        self._widgets[label] = widget
        return widget

    def add_note(self, text: str) -> QLabel:
        note = QLabel(text, self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow("", note)
        return note

    def clear_errors(self) -> None:
        self.error.setText("")
        for label, line in self.field_errors.items():
            line.setVisible(False)
            line.setText("")
            self._widgets[label].setStyleSheet("")

    def show_error(self, error: UserError) -> None:
        """The refusal under its field (when it names one) and in the error line; the focus goes to the field."""
        self.clear_errors()
        self.error.setText(error_text(error))  # a save conflict: both versions, field by field
        if isinstance(error, ValidationError) and error.field in self.field_errors:
            line = self.field_errors[error.field]
            line.setText(error.message)
            line.setVisible(True)
            widget = self._widgets[error.field]
            widget.setStyleSheet(_MARK)
            widget.setFocus()
