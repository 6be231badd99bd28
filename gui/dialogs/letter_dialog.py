"""Before a letter is generated: the optional inputs it needs (only the ones that matter for this letter and
this result), the 成文日期, and whether to add a PDF. Saving checks the inputs first and keeps the form as
typed when something is missing. Warnings come first (a promised date in a year without holiday data, missing
contact details); a 答复书 or 收费通知 dated after its statutory deadline is issued only after the clerk answers
the 逾期 question with 是."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.optional_date import DateField, date_edit, date_error_message, from_qdate, to_qdate
from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import (
    INPUT_LABELS,
    KINDS,
    LateLetterError,
    LetterInputs,
    LetterKind,
    cn_date,
    default_date,
    input_fields,
)
from models.domain.results import ALL_ROWS
from models.services import letters as service

MULTILINE = {"reasons", "attachments", "provided_part", "refused_part"}


class LetterDialog(QDialog):
    def __init__(
        self, db: Database, number: str, kind: LetterKind, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.number, self.kind = db, number, kind
        self.today = today or date.today()
        self.case = service.letter_case_for(db, number, today=self.today)
        self.setWindowTitle(f"生成{KINDS[kind].label} — {number}")
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        note = QLabel(f"以下内容将写入{KINDS[kind].label}；不需要的可以留空。", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.late = False  # set when the clerk confirms issuing after the statutory deadline
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        warnings = service.letter_warnings(db, number, kind, today=self.today)
        self.warning.setText("<br>".join(f"<span style='color:#b35c00'>注意：{w}</span>" for w in warnings))
        self.warning.setVisible(bool(warnings))
        layout.addWidget(self.warning)
        form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for key in input_fields(kind, self.case):
            widget = self._widget(key)
            self.widgets[key] = widget
            form.addRow(INPUT_LABELS[key] + "：", widget)
        layout.addLayout(form)
        self.pdf = QCheckBox("同时生成PDF（供没有Word的电脑打印）", self)
        layout.addWidget(self.pdf)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._date_refused = False  # the error line shows a typed impossible date
        for field in self.findChildren(DateField):
            field.line.textEdited.connect(self._recheck_dates)

    def _widget(self, key: str) -> QWidget:
        if key == "letter_date":
            edit = date_edit(self.today, self)
            edit.setDate(to_qdate(default_date(self.kind, self.case, LetterInputs(), today=self.today)))
            return edit
        if key == "refused_ground":
            combo = QComboBox(self)
            combo.addItem("（请选择不予公开或无法提供的理由）", "")
            for row in ALL_ROWS:
                if row.code.startswith(("3.", "4.")):
                    combo.addItem(f"{row.result}：{row.label}", row.code)
            return combo
        if key == "consultation":
            combo = QComboBox(self)
            for item in reversed(self.case.facts.consultations):
                combo.addItem(f"{item.sent.isoformat()} {item.party_kind}：{item.party}", item.id)
            return combo
        if key in MULTILINE:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(60)
            return text
        return QLineEdit(self)

    def set_value(self, key: str, value: object) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText("\n".join(value) if isinstance(value, tuple | list) else str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(value, date):
            widget.setDate(to_qdate(value))  # type: ignore[attr-defined]

    def inputs(self) -> LetterInputs:
        values: dict[str, object] = {}
        for key, widget in self.widgets.items():
            if key == "letter_date":
                values[key] = from_qdate(widget.date())  # type: ignore[attr-defined]
            elif key == "attachments":
                assert isinstance(widget, QPlainTextEdit)
                values[key] = tuple(line.strip() for line in widget.toPlainText().splitlines() if line.strip())
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText().strip()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                values[key] = widget.text().strip()
        values["late"] = self.late
        return LetterInputs(**values)  # type: ignore[arg-type]

    def _labels(self) -> dict[QWidget, str]:
        return {widget: INPUT_LABELS[key] for key, widget in self.widgets.items()}

    def _recheck_dates(self) -> None:
        """The red line about a typed date goes as soon as the date is corrected."""
        if self._date_refused and date_error_message(self, self._labels()) is None:
            self._date_refused = False
            self.error.clear()

    def accept(self) -> None:
        typed = date_error_message(self, self._labels())
        if typed is not None:  # never issue a letter with a date the clerk did not type
            field, message = typed
            self.error.setText(f"<span style='color:#b00020'>{message}</span>")
            self._date_refused = True
            field.setFocus()
            return
        try:
            service.preview(self.db, self.number, self.kind, self.inputs(), today=self.today)
        except LateLetterError as error:
            if not self.confirm_late(error):
                self.error.setText(f"<span style='color:#b00020'>{error.message}</span>")
                return
            self.late = True
            self.accept()
            return
        except UserError as error:
            self.error.setText(f"<span style='color:#b00020'>{error.message}</span>")
            return
        self.error.clear()
        super().accept()

    def confirm_late(self, error: LateLetterError) -> bool:
        """Ask before issuing a letter dated after its statutory deadline (recorded as 逾期 on the timeline)."""
        answer = QMessageBox.question(
            self,
            "逾期出具",
            f"{KINDS[self.kind].label}的法定期限是{cn_date(error.due)}，本文书的日期晚于该期限。\n\n"
            "确认逾期出具吗？逾期将记入办理过程。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
