"""One form for every step of the workflow (补正告知, 征求意见, 延期, 收费, 答复 …), built from a field spec.

While the clerk types, the resulting clock is previewed live (答复期限, 剩余工作日) or the refusal is shown;
saving records the event, or keeps the form as typed when refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.clock_text import describe_clock
from gui.widgets.optional_date import DateField, OptionalDateEdit, date_edit, date_error_message, from_qdate, to_qdate
from models.db import Database
from models.domain import case
from models.domain.case import EventKind
from models.domain.errors import UserError
from models.domain.fees import quote_by_volume, quote_per_piece
from models.domain.results import RESULTS, details_of, find_row
from models.services import applications as service
from models.services import profile as profile_service

ACTION_LABELS: dict[EventKind, str] = {
    EventKind.SUPPLEMENT_NOTICE: "发出补正告知",
    EventKind.SUPPLEMENT_RECEIVED: "登记收到补正",
    EventKind.SUPPLEMENT_EXPIRED: "逾期未补正结案",
    EventKind.CONSULTATION_SENT: "征求意见",
    EventKind.CONSULTATION_DELIVERED: "登记征求意见书送达",
    EventKind.CONSULTATION_ANSWERED: "登记收到意见",
    EventKind.CONSULTATION_NO_ANSWER: "登记逾期未提出意见",
    EventKind.EXTENSION: "延期答复",
    EventKind.DELAY: "延迟答复（第三十五条）",
    EventKind.REASONS_REQUEST: "要求说明理由（第三十五条）",
    EventKind.REASONS_ANSWERED: "登记申请人说明理由",
    EventKind.REASONS_NO_ANSWER: "登记逾期未说明理由",
    EventKind.FEE_NOTICE: "发出收费通知",
    EventKind.FEE_RECEIVED: "登记申请人收到收费通知",
    EventKind.FEE_PAID: "登记缴费",
    EventKind.FEE_EXPIRED: "逾期未缴费结案",
    EventKind.REPLY: "登记答复",
    EventKind.SERVED: "登记送达",
    EventKind.WITHDRAWN: "申请人撤回",
    EventKind.ARCHIVED: "归档",
    EventKind.REVIEW_FILED: "登记行政复议",
    EventKind.REVIEW_DECIDED: "登记复议结果",
    EventKind.LAWSUIT_FILED: "登记行政诉讼",
    EventKind.LAWSUIT_DECIDED: "登记诉讼结果",
}


# How a consulted third party is addressed in the letters: 您 (a person) or 贵单位 (an organisation).
THIRD_PARTY_TYPES = ("法人或其他组织", "自然人")


@dataclass(frozen=True)
class FieldSpec:
    key: str  # key in the event's data ("day" is the event date)
    label: str
    kind: str  # date | date_opt | text | multiline | int | choice | ref
    choices: tuple[str, ...] = ()
    default: Any = None


def _specs(kind: EventKind) -> list[FieldSpec]:  # noqa: C901 - a table, one entry per kind
    day = {
        EventKind.SUPPLEMENT_NOTICE: "告知日期",
        EventKind.SUPPLEMENT_RECEIVED: "收到补正日期",
        EventKind.SUPPLEMENT_EXPIRED: "结案日期",
        EventKind.CONSULTATION_SENT: "发出日期",
        EventKind.CONSULTATION_DELIVERED: "对方收到日期",
        EventKind.CONSULTATION_ANSWERED: "收到意见日期",
        EventKind.CONSULTATION_NO_ANSWER: "登记日期",
        EventKind.EXTENSION: "延期告知日期",
        EventKind.DELAY: "告知日期",
        EventKind.REASONS_REQUEST: "告知日期",
        EventKind.REASONS_ANSWERED: "申请人说明日期",
        EventKind.REASONS_NO_ANSWER: "登记日期",
        EventKind.FEE_NOTICE: "通知日期",
        EventKind.FEE_RECEIVED: "申请人收到日期",
        EventKind.FEE_PAID: "缴费日期",
        EventKind.FEE_EXPIRED: "结案日期",
        EventKind.REPLY: "答复日期",
        EventKind.SERVED: "送达日期（邮寄为交邮日期）",
        EventKind.WITHDRAWN: "撤回日期",
        EventKind.ARCHIVED: "归档日期",
        EventKind.REVIEW_FILED: "申请复议日期",
        EventKind.REVIEW_DECIDED: "决定日期",
        EventKind.LAWSUIT_FILED: "起诉日期",
        EventKind.LAWSUIT_DECIDED: "裁判日期",
    }[kind]
    specs = [FieldSpec("day", day, "date")]
    if kind is EventKind.SUPPLEMENT_NOTICE:
        specs += [FieldSpec("deadline", "补正期限", "date"), FieldSpec("items", "需补正的事项", "multiline")]
    elif kind is EventKind.CONSULTATION_SENT:
        specs += [
            FieldSpec("party_kind", "征求对象类型", "choice", case.PARTY_KINDS),
            FieldSpec("party", "征求对象", "text"),
            FieldSpec("party_type", "第三方是", "choice", THIRD_PARTY_TYPES),
            FieldSpec("expected", "预计答复日期（其他机关）", "date_opt"),
            FieldSpec("matter", "征求事项", "multiline"),
        ]
    elif kind in (EventKind.CONSULTATION_DELIVERED, EventKind.CONSULTATION_NO_ANSWER):
        specs.insert(0, FieldSpec("ref", "征求意见", "ref"))
    elif kind is EventKind.CONSULTATION_ANSWERED:
        specs.insert(0, FieldSpec("ref", "征求意见", "ref"))
        specs += [FieldSpec("opinion", "意见", "choice", ("同意公开", "不同意公开", "部分同意", "其他"))]
    elif kind is EventKind.EXTENSION:
        specs += [
            FieldSpec("days", "延期工作日数", "int", default=case.MAX_EXTENSION_DAYS),
            FieldSpec("approver", "审批人", "text"),
            FieldSpec("approved", "审批日期", "date_opt"),
            FieldSpec("reason", "延期理由", "multiline"),
        ]
    elif kind is EventKind.DELAY:
        specs += [FieldSpec("until", "延迟答复日期", "date"), FieldSpec("reason", "延迟理由", "multiline")]
    elif kind is EventKind.REASONS_REQUEST:
        specs += [
            FieldSpec("deadline", "说明理由期限", "date"),
            FieldSpec("matter", "申请数量、频次的情况", "multiline"),
        ]
    elif kind is EventKind.REASONS_ANSWERED:
        specs += [FieldSpec("summary", "申请人说明的理由（摘要）", "multiline")]
    elif kind is EventKind.FEE_NOTICE:
        specs += [
            FieldSpec("method", "计收方式", "choice", ("按件", "按量")),
            FieldSpec("k", "本月第几件申请", "int", default=1),
            FieldSpec("pages", "页数（按量）", "int", default=0),
            FieldSpec("received", "申请人收到日期", "date_opt"),
        ]
    elif kind is EventKind.FEE_PAID:
        specs += [FieldSpec("receipt", "财政票据号", "text")]
    elif kind is EventKind.REPLY:
        specs += [
            FieldSpec("result", "办理结果", "choice", RESULTS),
            FieldSpec("detail", "具体情形", "choice"),
            FieldSpec("basis", "法律依据", "text"),
            FieldSpec("doc_number", "答复文号", "text"),
            FieldSpec("method", "送达方式", "choice", case.SERVICE_METHODS),
            FieldSpec("served", "送达日期（邮寄为交邮日期）", "date_opt"),
        ]
    elif kind is EventKind.SERVED:
        specs += [
            FieldSpec("method", "送达方式", "choice", case.SERVICE_METHODS),
            FieldSpec("receipt", "回证或邮件号", "text"),
        ]
    elif kind is EventKind.WITHDRAWN:
        specs += [FieldSpec("reason", "撤回说明", "multiline")]
    elif kind is EventKind.ARCHIVED:
        specs += [FieldSpec("file_no", "档案号", "text")]
    elif kind is EventKind.REVIEW_FILED:
        specs += [FieldSpec("organ", "复议机关", "text")]
    elif kind is EventKind.LAWSUIT_FILED:
        specs += [FieldSpec("court", "法院", "text"), FieldSpec("kind", "诉讼类型", "choice", case.LAWSUIT_KINDS)]
    elif kind in (EventKind.REVIEW_DECIDED, EventKind.LAWSUIT_DECIDED):
        specs.insert(0, FieldSpec("ref", "复议/诉讼", "ref"))
        specs += [FieldSpec("result", "结果", "choice", case.LITIGATION_RESULTS)]
    return specs


class EventDialog(QDialog):
    def __init__(
        self,
        db: Database,
        number: str,
        kind: EventKind,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        actor: str = "",
        replaces: int | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.number, self.kind = db, number, kind
        self.today = today or date.today()
        self.actor = actor
        self.replaces = replaces
        self.detail = service.get_detail(db, number, today=self.today)
        self.setWindowTitle(f"{ACTION_LABELS[kind]} — {number}" + ("（更正）" if replaces else ""))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for spec in _specs(kind):
            widget = self._widget(spec)
            self.widgets[spec.key] = widget
            form.addRow(spec.label + "：", widget)
        if replaces is not None:
            self.reason = QLineEdit(self)
            form.addRow("更正理由：", self.reason)
        layout.addLayout(form)
        self.fee_basis = QLabel(self)
        self.fee_basis.setWordWrap(True)
        layout.addWidget(self.fee_basis)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存（Enter）")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消（Esc）")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._apply_defaults(initial or {})
        self._connect()
        self.update_preview()

    # -- widgets ----------------------------------------------------------------------------------------
    def _widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "date":
            return date_edit(self.today, self)
        if spec.kind == "date_opt":
            return OptionalDateEdit(self.today, self)
        if spec.kind == "multiline":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            return edit
        if spec.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(0, 100000)
            spin.setValue(int(spec.default or 0))
            return spin
        if spec.kind == "choice":
            combo = QComboBox(self)
            combo.addItems(list(spec.choices))
            return combo
        if spec.kind == "ref":
            combo = QComboBox(self)
            facts = self.detail.facts
            if self.kind in (EventKind.REVIEW_DECIDED, EventKind.LAWSUIT_DECIDED):
                items = facts.reviews if self.kind is EventKind.REVIEW_DECIDED else facts.lawsuits
                for item in items:
                    combo.addItem(f"{item.filed.isoformat()} {item.body}（{item.result}）", item.id)
            else:
                for consultation in facts.consultations:
                    if self.kind is EventKind.CONSULTATION_DELIVERED or consultation.pending:
                        label = f"{consultation.sent.isoformat()} {consultation.party_kind}：{consultation.party}"
                        combo.addItem(label, consultation.id)
            return combo
        return QLineEdit(self)

    def _apply_defaults(self, initial: dict[str, Any]) -> None:
        facts, state = self.detail.facts, self.detail.state
        if self.kind is EventKind.SUPPLEMENT_NOTICE:
            self._set("deadline", self.today + timedelta(days=15))
        if self.kind is EventKind.SUPPLEMENT_EXPIRED and facts.supplement_deadline:
            self._set("day", min(self.today, facts.supplement_deadline + timedelta(days=1)))
        if self.kind is EventKind.FEE_EXPIRED and state.payment_deadline:
            self._set("day", min(self.today, state.payment_deadline + timedelta(days=1)))
        if self.kind is EventKind.DELAY:
            self._set("until", (state.reply_due or self.today) + timedelta(days=30))
        if self.kind is EventKind.REASONS_REQUEST:
            self._set("deadline", self.today + timedelta(days=15))
        if self.kind is EventKind.FEE_NOTICE:
            self._set("k", service.position_in_month(self.db, self.number))
        if self.kind is EventKind.REVIEW_FILED:
            self._set("organ", profile_service.get_profile(self.db).review_organ)
        if self.kind is EventKind.LAWSUIT_FILED:
            self._set("court", profile_service.get_profile(self.db).court)
        if self.kind is EventKind.REPLY:
            self._update_details()
        for key, value in initial.items():
            self._set(key, value)

    def _set(self, key: str, value: Any) -> None:
        widget = self.widgets.get(key)
        if widget is None or value is None:
            return
        if isinstance(widget, OptionalDateEdit):
            widget.set_value(value if isinstance(value, date) else date.fromisoformat(str(value)))
        elif hasattr(widget, "setDate"):
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            widget.setDate(to_qdate(day))  # type: ignore[attr-defined]
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0:
                index = widget.findText(str(value))
            if index >= 0:
                widget.setCurrentIndex(index)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def _connect(self) -> None:
        for field in self.findChildren(DateField):  # a typed impossible date shows at once, and goes when corrected
            field.line.textEdited.connect(self.update_preview)
        for key, widget in self.widgets.items():
            if isinstance(widget, OptionalDateEdit):
                widget.changed.connect(self.update_preview)
            elif hasattr(widget, "dateChanged"):
                widget.dateChanged.connect(self.update_preview)  # type: ignore[attr-defined]
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self.update_preview)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.update_preview)
                if key == "result":
                    widget.currentIndexChanged.connect(self._update_details)
                if key == "detail":
                    widget.currentIndexChanged.connect(self._update_basis)

    def _update_details(self) -> None:
        details = self.widgets.get("detail")
        result = self.widgets.get("result")
        if isinstance(details, QComboBox) and isinstance(result, QComboBox):
            details.clear()
            for detail in details_of(result.currentText()):
                details.addItem(detail or "（无）", detail)
            self._update_basis()

    def _update_basis(self) -> None:
        basis = self.widgets.get("basis")
        row = find_row(self._value("result") or "", self._value("detail") or "")
        if isinstance(basis, QLineEdit) and row is not None:
            basis.setText(f"《中华人民共和国政府信息公开条例》{row.basis}" if row.basis else "")

    # -- values -----------------------------------------------------------------------------------------
    def _value(self, key: str) -> Any:
        widget = self.widgets.get(key)
        if widget is None:
            return None
        if isinstance(widget, OptionalDateEdit):
            return widget.value()
        if hasattr(widget, "date"):
            return from_qdate(widget.date())  # type: ignore[attr-defined]
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return data if data is not None else widget.currentText()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        return None

    def values(self) -> tuple[date, dict[str, Any]]:
        data = {key: self._value(key) for key in self.widgets if key != "day"}
        if self.kind is EventKind.FEE_NOTICE:
            quote = quote_per_piece(max(1, data["k"])) if data["method"] == "按件" else quote_by_volume(data["pages"])
            data.update(amount=quote.amount, basis=quote.basis)
            if data["method"] == "按件":
                data.pop("pages", None)
            else:
                data.pop("k", None)
        return self._value("day"), {k: v for k, v in data.items() if v not in (None, "")}

    def _labels(self) -> dict[QWidget, str]:
        return {self.widgets[spec.key]: spec.label for spec in _specs(self.kind)}

    def _show_error(self, message: str) -> None:
        self.preview.setText(f"<span style='color:#b00020'>{message}</span>")

    def update_preview(self) -> None:
        typed = date_error_message(self, self._labels())
        if typed is not None:
            self._show_error(typed[1])
            return
        day, data = self.values()
        if self.kind is EventKind.FEE_NOTICE:
            self.fee_basis.setText(f"收费金额：{data['amount']}元。{data['basis']}")
        try:
            state = service.preview_event(self.db, self.number, self.kind, day, data, today=self.today)
        except UserError as error:
            self._show_error(error.message)
            return
        self.preview.setText(describe_clock(state))

    def accept(self) -> None:
        typed = date_error_message(self, self._labels())
        if typed is not None:  # never save a date the clerk did not type
            field, message = typed
            self._show_error(message)
            field.setFocus()
            return
        day, data = self.values()
        try:
            service.record_event(
                self.db,
                self.number,
                self.kind,
                day,
                data,
                actor=self.actor,
                today=self.today,
                replaces=self.replaces,
                reason=self.reason.text() if self.replaces is not None else "",
            )
        except UserError as error:
            self._show_error(error.message)
            return
        super().accept()
