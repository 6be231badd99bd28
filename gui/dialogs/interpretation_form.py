"""政策解读: the form (新增 / 编辑), usable on its own and from a 公文's detail.

`InterpretationFormDialog(db, document_id, parent)` opens with the document filled in (and fixed) when the 公文
page asks for it — connect its signal `add_interpretation_requested(int)` to a slot that opens this dialog.
The form shows the document's 三同步 state, and after saving `saved_id` holds the new interpretation's id.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from gui.dialogs.register_form import FieldForm
from gui.widgets.optional_date import OptionalDateEdit, first_date_error
from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.domain.interpretations import Form
from models.services import document_links, interpretations
from models.services.interpretations import SYNC_HELP, InterpretationInput


class InterpretationFormDialog(FieldForm):
    def __init__(
        self,
        db: Database,
        document_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        interpretation_id: int | None = None,
    ) -> None:
        super().__init__(parent, "编辑政策解读" if interpretation_id else "新增政策解读")
        self.db = db
        self.today = today or date.today()
        self.interpretation_id = interpretation_id
        self.loaded_version: int | None = None
        self.saved_id: int | None = None
        self.document = self.add_field(document_links.LINK_FIELD, QLineEdit(self), required=True)
        self.document.setPlaceholderText("所解读文件的文号，如 白鹤府发〔2025〕3号")
        self.document_label = self.add_note("")
        self.sync_label = self.add_note("")
        self.title_edit = self.add_field("解读标题", QLineEdit(self), required=True)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.form_checks: dict[str, QCheckBox] = {}
        for form in Form:
            check = QCheckBox(form.value, box)
            self.form_checks[form.value] = check
            row.addWidget(check)
        row.addStretch(1)
        self.add_field("形式", box, required=True)
        self.add_note(SYNC_HELP)
        self.interpreter = self.add_field("解读主体", QLineEdit(self))
        self.approved = self.add_field("审签日期", OptionalDateEdit(self.today, self))
        self.published = self.add_field("发布日期", OptionalDateEdit(self.today, self))
        self.url = self.add_field("网址", QLineEdit(self))
        self.url.setPlaceholderText("https://")
        self.note = self.add_field("备注", QLineEdit(self))
        self.document.editingFinished.connect(self.update_document)
        self._document_id = document_id
        if interpretation_id is not None:
            self._load(interpretation_id)
        elif document_id is not None:
            found = document_links.find_document(db, document_id)
            self.document.setText(found.number if found and found.number else f"#{document_id}")
            self.document.setReadOnly(True)
        self.update_document()

    def _load(self, interpretation_id: int) -> None:
        row = interpretations.get(self.db, interpretation_id)
        self.loaded_version = row.version  # saved back: someone else's later save is not overwritten
        self._document_id = row.document.id
        self.document.setText(row.document.number or f"#{row.document.id}")
        self.title_edit.setText(row.title)
        for form in row.forms:
            self.form_checks[form.value].setChecked(True)
        self.interpreter.setText(row.interpreter)
        self.approved.set_value(row.approved)
        self.published.set_value(row.published)
        self.url.setText(row.url)
        self.note.setText(row.note)

    def values(self) -> InterpretationInput:
        return InterpretationInput(
            document=self.document.text(),
            title=self.title_edit.text(),
            forms=tuple(name for name, check in self.form_checks.items() if check.isChecked()),
            interpreter=self.interpreter.text(),
            approved=self.approved.value(),
            published=self.published.value(),
            url=self.url.text(),
            note=self.note.text(),
        )

    def update_document(self) -> None:
        try:
            found = document_links.find_document(self.db, self.document.text())
        except UserError as error:
            self.document_label.setText(error.message)
            self.sync_label.setText("")
            return
        self.document_label.setText(found.label if found else "")
        if found is None:
            self.sync_label.setText("")
            return
        flag = interpretations.sync_state(self.db, found.id)
        if not flag.check.required:
            self.sync_label.setText("该文件不要求三同步解读。")
        else:
            self.sync_label.setText(flag.message or f"已做到三同步（{'、'.join(flag.check.forms)}）。")

    def accept(self) -> None:
        typed = first_date_error(self)
        try:
            if typed is not None:
                label = "审签日期" if self.approved.isAncestorOf(typed[0]) else "发布日期"
                raise ValidationError(label, typed[1])
            if self.interpretation_id is None:
                self.saved_id = interpretations.add(self.db, self.values(), today=self.today).id
            else:
                self.saved_id = interpretations.edit(
                    self.db, self.interpretation_id, self.values(), today=self.today, version=self.loaded_version
                ).id
        except UserError as error:
            self.show_error(error)
            return
        super().accept()
