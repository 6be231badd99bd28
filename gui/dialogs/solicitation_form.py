"""征求意见: the form (新增 / 编辑) with the period counted live, and 登记采纳情况.

The period is counted in calendar days with both the 开始日期 and the 截止日期 counted (the help line says so);
a period shorter than the minimum without a 缩短期限理由 is refused on the 截止日期 field and nothing is saved.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from gui.dialogs.register_form import FieldForm
from gui.widgets.optional_date import DateField, OptionalDateEdit, first_date_error, from_qdate, to_qdate
from models.db import Database
from models.domain import solicitations as rules
from models.domain.errors import UserError, ValidationError
from models.domain.solicitations import Outcome
from models.services import document_links, solicitations
from models.services.solicitations import PERIOD_HELP, SolicitationInput


def _text_box(parent: QWidget, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class SolicitationFormDialog(FieldForm):
    """Add a solicitation (solicitation_id None) or edit one; `saved_id` is set after a successful save."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        solicitation_id: int | None = None,
        document_id: int | None = None,
    ) -> None:
        super().__init__(parent, "编辑征求意见" if solicitation_id else "新增征求意见")
        self.db = db
        self.today = today or date.today()
        self.solicitation_id = solicitation_id
        self.loaded_version: int | None = None
        self.saved_id: int | None = None
        self.title_edit = self.add_field("草案名称", QLineEdit(self), required=True)
        self.document = self.add_field(document_links.LINK_FIELD, QLineEdit(self))
        self.document.setPlaceholderText("选填，如 白鹤府发〔2025〕3号")
        self.document_label = self.add_note("")
        self.kind = QComboBox(self)
        self.kind.addItems([k.value for k in rules.SolicitationKind])
        self.add_field("类型", self.kind, required=True)
        self.start = self.add_field("开始日期", DateField(self.today, self), required=True)
        self.end = self.add_field("截止日期", DateField(self.today + timedelta(days=29), self), required=True)
        self.period = self.add_note("")
        self.help = self.add_note(PERIOD_HELP)
        self.channel = self.add_field("渠道", QLineEdit(self))
        self.channel.setPlaceholderText("如 镇政府门户网站、公告栏")
        self.shortening_reason = self.add_field("缩短期限理由", _text_box(self))
        self.note = self.add_field("备注", QLineEdit(self))
        for field in (self.start, self.end):
            field.dateChanged.connect(lambda _d: self.update_period())
        self.kind.currentTextChanged.connect(lambda _t: self.update_period())
        self.document.editingFinished.connect(self.update_document)
        if solicitation_id is not None:
            self._load(solicitation_id)
        elif document_id is not None:
            found = document_links.find_document(db, document_id)
            self.document.setText(found.number if found else "")
            self.update_document()
        self.update_period()

    def _load(self, solicitation_id: int) -> None:
        row = solicitations.get(self.db, solicitation_id)
        self.loaded_version = row.version  # saved back: someone else's later save is not overwritten
        self.title_edit.setText(row.title)
        self.document.setText(row.document_number)
        self.kind.setCurrentText(row.kind)
        self.start.setDate(to_qdate(row.start))
        self.end.setDate(to_qdate(row.end))
        self.channel.setText(row.channel)
        self.shortening_reason.setPlainText(row.shortening_reason)
        self.note.setText(row.note)
        self.update_document()

    def values(self) -> SolicitationInput:
        return SolicitationInput(
            title=self.title_edit.text(),
            document=self.document.text(),
            kind=self.kind.currentText(),
            start=from_qdate(self.start.date()),
            end=from_qdate(self.end.date()),
            channel=self.channel.text(),
            shortening_reason=self.shortening_reason.toPlainText(),
            note=self.note.text(),
        )

    def update_period(self) -> None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if end < start:
            self.period.setText("截止日期早于开始日期。")
            return
        days = rules.period_days(start, end)
        text = f"期限：{days}日（{start.isoformat()}至{end.isoformat()}，首尾两日均计入）"
        minimum = rules.MINIMUM_DAYS.get(rules.SolicitationKind(self.kind.currentText()))
        if minimum is not None:
            text += f"；{self.kind.currentText()}一般不少于{minimum}日"
            if days < minimum:
                text += "，不足的须填写缩短期限理由"
        self.period.setText(text + "。")

    def update_document(self) -> None:
        try:
            found = document_links.find_document(self.db, self.document.text())
        except UserError as error:
            self.document_label.setText(error.message)
            return
        self.document_label.setText(found.label if found else "")

    def accept(self) -> None:
        typed = first_date_error(self)
        try:
            if typed is not None:
                field, reason = typed
                label = "开始日期" if field is self.start else "截止日期"
                raise ValidationError(label, reason)
            if self.solicitation_id is None:
                self.saved_id = solicitations.add(self.db, self.values(), today=self.today).id
            else:
                self.saved_id = solicitations.edit(
                    self.db, self.solicitation_id, self.values(), today=self.today, version=self.loaded_version
                ).id
        except UserError as error:  # the form keeps what was typed
            self.show_error(error)
            return
        super().accept()


class SolicitationResultsDialog(FieldForm):
    """登记采纳情况 of one solicitation."""

    def __init__(
        self, db: Database, solicitation_id: int, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent, "登记采纳情况", height=520)
        self.db = db
        self.today = today or date.today()
        self.solicitation_id = solicitation_id
        row = solicitations.get(db, solicitation_id)
        self.add_note(f"{row.title}（{row.start.isoformat()}至{row.end.isoformat()}）")
        self.counts: dict[str, QSpinBox] = {}
        for label, value in (
            ("收到意见数", row.received),
            ("采纳", row.adopted),
            ("部分采纳", row.partly_adopted),
            ("未采纳", row.rejected),
        ):
            spin = QSpinBox(self)
            spin.setRange(0, 1_000_000)
            spin.setValue(value)
            self.counts[label] = spin
            self.add_field(label, spin)
        self.reason = self.add_field("未采纳理由", _text_box(self, 80))
        self.reason.setPlainText(row.rejection_reason)
        self.published = OptionalDateEdit(row.results_published or self.today, self, checked=True)
        self.add_field("采纳情况公布日期", self.published)
        self.add_note("未公布采纳情况时取消勾选“已知”；截止日期过后未公布的列为“待公布采纳情况”。")

    def outcome(self) -> Outcome:
        c = {k: v.value() for k, v in self.counts.items()}
        return Outcome(
            c["收到意见数"], c["采纳"], c["部分采纳"], c["未采纳"], self.reason.toPlainText(), self.published.value()
        )

    def accept(self) -> None:
        try:
            solicitations.record_results(self.db, self.solicitation_id, self.outcome(), today=self.today)
        except UserError as error:
            self.show_error(error)
            return
        super().accept()
