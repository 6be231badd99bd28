"""新增 / 修改 a 公文: the fields of the register in a scroll area (fits 1366×768), with the 附注 choices that go
with the chosen 公开属性 and the publication due date shown live. A proposal read from a .docx fills it."""

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
    QVBoxLayout,
    QWidget,
)

from gui.errors import error_text
from gui.screen_fit import cap_size, scroll_area
from gui.widgets.optional_date import OptionalDateEdit, date_edit, first_date_error, from_qdate, to_qdate
from models.db import Database
from models.domain import documents as rules
from models.domain.documents import Attribute, Category, DocState
from models.domain.errors import UserError, ValidationError
from models.services import document_catalogue as catalogue
from models.services import documents as service
from models.services.document_files import DocumentProposal
from models.services.documents import DocumentInput
from models.services.holidays import load_calendar

DOC_TYPES = ("通知", "意见", "办法", "决定", "规定", "方案", "公告", "通告", "批复", "报告", "请示", "函", "纪要")


def _combo(items: list[str], parent: QWidget, *, editable: bool = False) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(items)
    combo.setEditable(editable)
    return combo


class DocumentFormDialog(QDialog):
    """Add a document (document_id None, optionally prefilled from a proposal) or edit one."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        document_id: int | None = None,
        proposal: DocumentProposal | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.document_id = document_id
        self.saved_id: int | None = None
        self._kept = DocumentInput()
        self.loaded_version: int | None = None  # saved back: someone else's later save is not overwritten
        self.setWindowTitle("修改公文" if document_id else "新增公文")
        layout = QVBoxLayout(self)
        content = QWidget()
        form = QFormLayout(content)
        self.number = QLineEdit(content)
        self.number.setPlaceholderText("如 白鹤府发〔2025〕12号；没有文号可不填")
        self.title_edit = QLineEdit(content)
        self.issuer = QLineEdit(content)
        self.written = date_edit(self.today, content)
        self.doc_type = _combo(["", *DOC_TYPES], content, editable=True)
        self.category = _combo([c.value for c in Category], content)
        self.attribute = _combo([a.value for a in Attribute], content)
        self.note_mark = _combo([], content)
        self.withhold_reason = QLineEdit(content)
        self.basis = _combo(["", *(f"{r.code} {r.detail}" for r in rules.EXEMPTION_ROWS)], content)
        self._nodes = catalogue.list_catalogue(db)
        self.catalogue = _combo(["（未归入目录）", *(e.path for e in self._nodes)], content)
        self.interpreter = QLineEdit(content)
        self.needs_interpretation = QCheckBox("需要解读（行政规范性文件总是需要）", content)
        self.valid_until = OptionalDateEdit(self.today, content)
        self.state = _combo([s.value for s in DocState], content)
        self.state_changed = OptionalDateEdit(self.today, content)
        self.publish_column = QLineEdit(content)
        self.publish_column.setPlaceholderText("如 政府信息公开目录>惠民惠农资金")
        self.publish_url = QLineEdit(content)
        self.department = QLineEdit(content)
        self.note = QLineEdit(content)
        for label, widget in (
            ("文号", self.number),
            ("标题*", self.title_edit),
            ("发文机关", self.issuer),
            ("成文日期*", self.written),
            ("文种", self.doc_type),
            ("类别*", self.category),
            ("公开属性*", self.attribute),
            ("附注*", self.note_mark),
            ("不公开理由", self.withhold_reason),
            ("依据", self.basis),
            ("公开目录", self.catalogue),
            ("解读主体", self.interpreter),
            ("", self.needs_interpretation),
            ("有效期至", self.valid_until),
            ("状态", self.state),
            ("状态变更日期", self.state_changed),
            ("发布栏目", self.publish_column),
            ("网址", self.publish_url),
            ("承办科室", self.department),
            ("备注", self.note),
        ):
            form.addRow(label + ("：" if label else ""), widget)
        layout.addWidget(scroll_area(content, self), 1)
        self.due = QLabel(self)
        self.due.setWordWrap(True)
        layout.addWidget(self.due)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        cap_size(self, 720, 860)

        self.attribute.currentTextChanged.connect(lambda _text: self._attribute_changed())
        self.note_mark.currentTextChanged.connect(lambda _text: self._note_changed())
        self.written.dateChanged.connect(lambda _d: self.update_due())
        self._attribute_changed()
        if document_id is not None:
            self._load(document_id)
        elif proposal is not None:
            self._propose(proposal)
        self.update_due()

    # -- values -----------------------------------------------------------------------------------------
    def _attribute_changed(self) -> None:
        marks = rules.NOTE_MARKS_BY_ATTRIBUTE[Attribute(self.attribute.currentText())]
        self.note_mark.blockSignals(True)
        self.note_mark.clear()
        self.note_mark.addItems([m.value for m in marks])
        self.note_mark.blockSignals(False)
        self._note_changed()
        self.update_due()

    def _note_changed(self) -> None:
        needs = self.note_mark.currentText() not in ("", rules.NoteMark.PUBLISH.value)
        self.withhold_reason.setEnabled(needs)
        self.basis.setEnabled(needs)

    def _propose(self, proposal: DocumentProposal) -> None:
        self.number.setText(proposal.number)
        self.title_edit.setText(proposal.title)
        self.issuer.setText(proposal.issuer)
        if proposal.written is not None:
            self.written.setDate(to_qdate(proposal.written))
        self.doc_type.setCurrentText(proposal.doc_type)
        if proposal.attribute:
            self.attribute.setCurrentText(proposal.attribute)
            self.note_mark.setCurrentText(proposal.note_mark)
        if proposal.missing:
            self.error.setText(f"未能从文件中读出：{'、'.join(proposal.missing)}，请补填。")

    def _load(self, document_id: int) -> None:
        detail = service.get_detail(self.db, document_id, today=self.today)
        data = self._kept = detail.fields
        self.loaded_version = detail.version
        self.number.setText(data.number)
        self.title_edit.setText(data.title)
        self.issuer.setText(data.issuer)
        if data.written is not None:
            self.written.setDate(to_qdate(data.written))
        self.doc_type.setCurrentText(data.doc_type)
        self.category.setCurrentText(data.category)
        self.attribute.setCurrentText(data.attribute)
        self.note_mark.setCurrentText(data.note_mark)
        self.withhold_reason.setText(data.withhold_reason)
        row = next((r for r in rules.EXEMPTION_ROWS if r.code == data.basis_code), None)
        self.basis.setCurrentText(f"{row.code} {row.detail}" if row else "")
        if detail.catalogue_path:
            self.catalogue.setCurrentText(detail.catalogue_path)
        self.interpreter.setText(data.interpreter)
        self.needs_interpretation.setChecked(data.needs_interpretation)
        self.valid_until.set_value(data.valid_until)
        self.state.setCurrentText(data.state)
        self.state_changed.set_value(data.state_changed)
        for attr in ("publish_column", "publish_url", "department", "note"):
            getattr(self, attr).setText(getattr(data, attr))

    def values(self) -> DocumentInput:
        index = self.catalogue.currentIndex()
        return DocumentInput(
            number=self.number.text(),
            title=self.title_edit.text(),
            issuer=self.issuer.text(),
            written=from_qdate(self.written.date()),
            doc_type=self.doc_type.currentText(),
            category=self.category.currentText(),
            attribute=self.attribute.currentText(),
            note_mark=self.note_mark.currentText(),
            withhold_reason=self.withhold_reason.text() if self.withhold_reason.isEnabled() else "",
            basis_code=self.basis.currentText().split(" ")[0] if self.basis.isEnabled() else "",
            catalogue_node_id=self._nodes[index - 1].id if index > 0 else None,
            interpreter=self.interpreter.text(),
            needs_interpretation=self.needs_interpretation.isChecked(),
            valid_until=self.valid_until.value(),
            state=self.state.currentText(),
            state_changed=self.state_changed.value(),
            published=self._kept.published,  # changed through 发布…
            publish_column=self.publish_column.text(),
            publish_url=self.publish_url.text(),
            department=self.department.text(),
            note=self.note.text(),
        )

    def update_due(self) -> None:
        if self.attribute.currentText() != Attribute.PROACTIVE.value:
            self.due.setText("不属于主动公开：不计算发布期限（每年审查一次是否可以转为主动公开）。")
            return
        due = load_calendar(self.db).add_working_days(from_qdate(self.written.date()), rules.PUBLISH_DAYS)
        self.due.setText(f"主动公开期限：{due.value.isoformat()}（成文日期后20个工作日，条例第二十六条）")

    # -- save -------------------------------------------------------------------------------------------
    def accept(self) -> None:
        wrong = first_date_error(self)
        if wrong is not None:
            self.error.setText(wrong[1])
            wrong[0].setFocus()
            return
        try:
            if self.document_id is not None:
                service.edit_document(
                    self.db, self.document_id, self.values(), today=self.today, version=self.loaded_version
                )
                self.saved_id = self.document_id
            else:
                self.saved_id = service.add_document(self.db, self.values(), today=self.today).id
        except ValidationError as error:
            self.error.setText(error.message)
            self._focus(error.field)
            return
        except UserError as error:
            self.error.setText(error_text(error))
            return
        super().accept()

    def _focus(self, label: str) -> None:
        widgets = {"文号": self.number, "标题": self.title_edit, "成文日期": self.written, "附注": self.note_mark,
                   "不公开理由": self.withhold_reason, "依据": self.basis, "有效期至": self.valid_until}  # fmt: skip
        widget = widgets.get(label)
        if widget is not None:
            widget.setFocus()
