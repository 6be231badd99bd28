"""登记进展: how far a task of the plan has got — 状态, 完成日期, 佐证 and 备注.

佐证 is a 公文 of the register (picked from the list of 文号 or typed, and checked against the register), a web
address, or a file: 选择附件… copies the file into the data folder when the dialog is saved, as attachments are
(models.services.attachments). The service's rules (models.services.plan_tasks.check_progress) refuse 已完成 without
its 完成日期, a date for an unfinished task and a date after today; each refusal is shown under its field."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from gui.dialogs.register_form import FieldForm
from gui.widgets.optional_date import DateField, from_qdate
from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.domain.plan_tasks import STATUSES
from models.services import document_links, plan_tasks

DONE = "已完成"
NUMBER_FIELD = "佐证文号"
URL_FIELD = "佐证网址"
DOCUMENT_CHOICES = 500  # the latest 公文 offered in the list; any other is typed


class TaskProgressDialog(FieldForm):
    def __init__(self, db: Database, task_id: int, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent, "登记进展", width=640, height=560)
        self.db = db
        self.task_id = task_id
        self.today = today or date.today()
        self.saved: plan_tasks.TaskRow | None = None
        self._attachment: Path | None = None
        task = plan_tasks.get(db, task_id)
        self.loaded_version = task.version  # saved back: someone else's later save is not overwritten
        self.add_note(f"任务：{task.content}")
        self.add_note(f"责任单位：{task.unit or '—'}　完成时限：{task.deadline or '—'}")
        self.status = self.add_field("状态", QComboBox(self), required=True)
        self.status.addItems(STATUSES)
        self.completed = self.add_field("完成日期", DateField(self.today, self))
        self.add_note("状态为已完成时填写，不能晚于今天。")
        self.number = self.add_field(NUMBER_FIELD, QComboBox(self))
        self.number.setEditable(True)
        self.number.addItems(["", *self._document_numbers()])
        self.number.lineEdit().setPlaceholderText("公文登记中的文号，如 白鹤府办发〔2022〕12号")
        self.number_label = self.add_note("")
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.url = QLineEdit(box)
        self.url.setPlaceholderText("http://… 或选择附件")
        self.attach_button = QPushButton("选择附件…", box)
        self.attach_button.clicked.connect(lambda: self.choose_attachment())
        row.addWidget(self.url, 1)
        row.addWidget(self.attach_button)
        self.add_field(URL_FIELD, box)
        self._widgets[URL_FIELD] = self.url  # the error marks the line itself
        self.note = self.add_field("备注", QLineEdit(self))

        self.status.setCurrentText(task.status)
        self.completed.line.setText(task.completed.isoformat() if task.completed else "")
        self.number.setCurrentText(task.evidence_number)
        self.url.setText(task.evidence_url)
        self.note.setText(task.note)
        self.status.currentTextChanged.connect(lambda _t: self._status_changed())
        self.number.currentTextChanged.connect(lambda _t: self.number_label.setText(""))
        self.number.lineEdit().editingFinished.connect(lambda: self.show_number())
        self.url.textEdited.connect(lambda _t: self._forget_attachment())
        self._status_changed()
        self.show_number()

    def _document_numbers(self) -> list[str]:
        from models.services.documents import list_documents

        rows = list_documents(self.db, limit=DOCUMENT_CHOICES, today=self.today)
        return [r.number for r in rows if r.number]

    def _status_changed(self) -> None:
        done = self.status.currentText() == DONE
        self.completed.setEnabled(done)
        if done and not self.completed.text().strip():
            self.completed.line.setFocus()

    def _forget_attachment(self) -> None:
        self._attachment = None

    def choose_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择佐证附件", "", "所有文件 (*)")
        if not path:
            return
        self._attachment = Path(path)
        self.url.setText(f"{plan_tasks.ATTACHMENT_PREFIX}{self._attachment.name}")

    def show_number(self) -> None:
        """Says under the field which 公文 the typed 文号 is, or that the register has none."""
        with suppress(UserError):  # the reason is on the line under the field
            self.check_number()

    def check_number(self) -> str:
        """The 文号 as registered ("" when none is typed); a ValidationError when the register has no such 公文."""
        typed = self.number.currentText().strip()
        if not typed:
            self.number_label.setText("")
            return ""
        try:
            with self.db.reading() as session:
                document = document_links.resolve(session, typed, field=NUMBER_FIELD)
                assert document is not None
                found = document_links.linked(document)
        except ValidationError as error:
            self.number_label.setText(error.message)
            raise
        self.number_label.setText(f"已关联公文：{found.label}")
        return found.number or typed

    def completed_date(self) -> date | None:
        if self.status.currentText() != DONE or not self.completed.text().strip():
            return None
        if self.completed.check():
            raise ValidationError("完成日期", self.completed.error())
        return from_qdate(self.completed.date())

    def accept(self) -> None:
        try:
            status, completed = self.status.currentText(), self.completed_date()
            plan_tasks.check_progress(status, completed, today=self.today)
            number = self.check_number()
            url = self.url.text().strip()
            if self._attachment is None:
                plan_tasks.check_evidence_url(url)
            else:
                url = plan_tasks.attach_evidence(self.db, self.task_id, self._attachment)
            self.saved = plan_tasks.update_progress(
                self.db,
                self.task_id,
                status=status,
                completed=completed,
                evidence_number=number,
                evidence_url=url,
                note=self.note.text(),
                today=self.today,
                version=self.loaded_version,
            )
        except UserError as error:
            self.show_error(error)
            return
        super().accept()
