"""登记 / 修改 an application: the form shows the rule for the date of receipt of the chosen channel, the
resulting deadlines live, and earlier similar applications of the same applicant (help for 重复申请)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.errors import error_text
from gui.widgets.optional_date import date_edit, first_date_error, from_qdate, to_qdate
from models.db import Database
from models.domain import case
from models.domain.errors import UserError, ValidationError
from models.domain.identity import ID_TYPES
from models.domain.workdays import uncertainty_warning
from models.services import applications as service
from models.services.applications import MAIL_KINDS, ApplicationInput
from models.services.holidays import load_calendar


def _combo(items: tuple[str, ...], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(items))
    return combo


class ApplicationFormDialog(QDialog):
    """Register a new application (number None) or edit the registration of an existing one."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        number: str | None = None,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.number = number
        self.actor = actor
        self.saved_number: str | None = None
        self.loaded_version: int | None = None  # saved back: someone else's later save is not overwritten
        self.setWindowTitle("修改登记信息" if number else "登记政府信息公开申请")
        self.resize(720, 760)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.received = date_edit(self.today, self)
        self.channel = _combo(case.CHANNELS, self)
        self.mail_kind = _combo(tuple(k or "（不适用）" for k in MAIL_KINDS), self)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #555;")
        self.applicant_type = _combo(case.APPLICANT_TYPES, self)
        self.applicant_name = QLineEdit(self)
        self.id_type = _combo(ID_TYPES, self)
        self.id_number = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.address = QLineEdit(self)
        self.postcode = QLineEdit(self)
        self.email = QLineEdit(self)
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText("申请公开的政府信息名称、文号或便于查询的特征描述")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(90)
        self.delivery_form = _combo(case.DELIVERY_FORMS, self)
        self.handler = QLineEdit(self)
        self.note = QLineEdit(self)
        rows = [
            ("收到日期*", self.received),
            ("申请方式*", self.channel),
            ("邮件类型", self.mail_kind),
            ("", self.rule),
            ("申请人类型*", self.applicant_type),
            ("申请人*", self.applicant_name),
            ("证件类型", self.id_type),
            ("证件号码", self.id_number),
            ("联系电话", self.phone),
            ("通信地址", self.address),
            ("邮编", self.postcode),
            ("电子邮箱", self.email),
            ("申请内容*", self.content),
            ("获取方式", self.delivery_form),
            ("承办人", self.handler),
            ("备注", self.note),
        ]
        for label, widget in rows:
            form.addRow(label + ("：" if label else ""), widget)
        layout.addLayout(form)

        self.deadlines = QLabel(self)
        self.deadlines.setWordWrap(True)
        layout.addWidget(self.deadlines)
        similar_box = QGroupBox("该申请人此前的类似申请（供判断是否重复申请）", self)
        similar_layout = QVBoxLayout(similar_box)
        self.similar = QListWidget(similar_box)
        self.similar.setMaximumHeight(90)
        similar_layout.addWidget(self.similar)
        layout.addWidget(similar_box)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存（Enter）")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消（Esc）")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(300)
        self._similar_timer.timeout.connect(self.update_similar)
        self.received.dateChanged.connect(self.update_deadlines)
        self.channel.currentTextChanged.connect(self.update_rule)
        for edit in (self.applicant_name, self.id_number):
            edit.textChanged.connect(self._similar_timer.start)
        self.content.textChanged.connect(self._similar_timer.start)
        self._error_field = ""
        for line in (self.applicant_name, self.id_number, self.phone, self.address, self.postcode, self.email):
            line.textChanged.connect(self.recheck)
        self.content.textChanged.connect(self.recheck)
        self.received.dateChanged.connect(self.recheck)
        self.received.line.textEdited.connect(self.recheck)
        for combo in (self.channel, self.mail_kind, self.applicant_type, self.id_type, self.delivery_form):
            combo.currentIndexChanged.connect(self.recheck)

        if number:
            self._load(number)
        self.update_rule()
        self.update_deadlines()

    # -- values -----------------------------------------------------------------------------------------
    def _load(self, number: str) -> None:
        detail = service.get_detail(self.db, number, today=self.today)
        self.loaded_version = detail.version
        data = detail.fields
        assert data.received is not None
        self.received.setDate(to_qdate(data.received))
        self.channel.setCurrentText(data.channel)
        self.mail_kind.setCurrentText(data.mail_kind or "（不适用）")
        self.applicant_type.setCurrentText(data.applicant_type)
        self.applicant_name.setText(data.applicant_name)
        self.id_type.setCurrentText(data.id_type)
        self.id_number.setText(data.id_number)
        for attr in ("phone", "address", "postcode", "email", "handler", "note"):
            getattr(self, attr).setText(getattr(data, attr))
        self.content.setPlainText(data.content)
        self.delivery_form.setCurrentText(data.delivery_form)

    def values(self) -> ApplicationInput:
        mail = self.mail_kind.currentText()
        return ApplicationInput(
            received=from_qdate(self.received.date()),
            channel=self.channel.currentText(),
            mail_kind="" if mail == "（不适用）" or self.channel.currentText() != "邮寄" else mail,
            applicant_type=self.applicant_type.currentText(),
            applicant_name=self.applicant_name.text(),
            id_type=self.id_type.currentText(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            postcode=self.postcode.text(),
            email=self.email.text(),
            content=self.content.toPlainText(),
            delivery_form=self.delivery_form.currentText(),
            handler=self.handler.text(),
            note=self.note.text(),
        )

    # -- live help --------------------------------------------------------------------------------------
    def update_rule(self) -> None:
        channel = self.channel.currentText()
        self.mail_kind.setEnabled(channel == "邮寄")
        self.rule.setText("收到日期的确定：" + case.RECEIPT_RULES[channel])

    def update_deadlines(self) -> None:
        calendar = load_calendar(self.db)
        received = from_qdate(self.received.date())
        if self.number:  # an existing application: its recorded events (an extension …) count too
            self._show_case_deadlines(received)
            return
        notice = calendar.add_working_days(received, case.SUPPLEMENT_NOTICE_DAYS)
        reply = calendar.add_working_days(received, case.REPLY_DAYS)
        text = f"补正告知期限：{notice.value.isoformat()}　　答复期限：{reply.value.isoformat()}（20个工作日）"
        years = set(notice.uncertain_years) | set(reply.uncertain_years)
        if years:
            text += f"<br><span style='color:#b00020'>{uncertainty_warning(years)}</span>"
        self.deadlines.setText(text)

    def _show_case_deadlines(self, received: date) -> None:
        assert self.number is not None
        try:
            state = service.preview_received(self.db, self.number, received, today=self.today)
        except UserError as error:
            self.deadlines.setText(f"<span style='color:#b00020'>{error.message}</span>")
            return
        reply = state.reply_due.isoformat() if state.reply_due else "自收到补正之日起重新计算"
        text = f"补正告知期限：{state.supplement_notice_due.isoformat()}　　答复期限：{reply}"
        if state.extension_days:
            text += f"（含延期{state.extension_days}个工作日）"
        if not state.is_open:
            text += f"　　{state.status.value}"
        if state.calendar_uncertain:
            text += f"<br><span style='color:#b00020'>{uncertainty_warning(state.uncertain_years)}</span>"
        self.deadlines.setText(text)

    def update_similar(self) -> None:
        self.similar.clear()
        found = service.earlier_similar(
            self.db,
            applicant_name=self.applicant_name.text(),
            id_number=self.id_number.text(),
            content=self.content.toPlainText(),
            exclude=self.number or "",
        )
        for item in found:
            result = f"{item.result}/{item.detail}" if item.detail else (item.result or item.status)
            self.similar.addItem(
                f"{item.number}（{item.received.isoformat()}，{result}）相似度{item.similarity:.0%}：{item.content[:40]}"
            )
        if not found:
            self.similar.addItem("没有找到")

    # -- save -------------------------------------------------------------------------------------------
    def accept(self) -> None:
        typed = first_date_error(self)
        if typed is not None:
            field, message = typed
            self.error.setText(f"收到日期：{message}")
            field.setFocus()
            return
        try:
            if self.number:
                service.edit_registration(
                    self.db, self.number, self.values(), actor=self.actor, today=self.today, version=self.loaded_version
                )
                self.saved_number = self.number
            else:
                self.saved_number = service.register(self.db, self.values(), actor=self.actor, today=self.today).number
        except ValidationError as error:
            self.error.setText(error.message)
            self._error_field = error.field
            self._focus(error.field)
            return
        except UserError as error:  # keep the form and what was typed
            self.error.setText(error_text(error))
            return
        super().accept()

    def recheck(self) -> None:
        """After a refusal, check again as the clerk corrects: the red line goes as soon as the field is right."""
        if not self.error.text():
            return
        if first_date_error(self) is not None:
            return
        try:
            service.clean_input(self.values(), today=self.today)
        except ValidationError as error:
            if error.field != self._error_field:  # that field is right now; the next problem shows on saving
                self.error.clear()
            return
        self.error.clear()

    def _focus(self, label: str) -> None:
        for key, text in service.FIELD_LABELS.items():
            if text == label and hasattr(self, key):
                getattr(self, key).setFocus()
                return
