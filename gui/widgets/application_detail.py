"""The detail of one application: its fields, its clock, its timeline, and the next action as a button."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.application_form import ApplicationFormDialog
from gui.dialogs.event_dialog import ACTION_LABELS, EventDialog
from gui.dialogs.operator_dialog import ensure_operator
from gui.errors import show_user_error
from gui.widgets.clock_text import describe_clock
from gui.widgets.letters_button import LettersButton
from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError
from models.domain.identity import mask_id, mask_phone
from models.services import applications as service
from models.services import attachments as attachment_service
from models.services import letters as letter_service

_DATA_LABELS = {
    "deadline": "补正期限",
    "items": "补正事项",
    "party_kind": "对象类型",
    "party": "对象",
    "matter": "征求事项",
    "expected": "预计答复",
    "opinion": "意见",
    "days": "工作日数",
    "approver": "审批人",
    "approved": "审批日期",
    "until": "延迟至",
    "reason": "理由",
    "method": "方式",
    "amount": "金额（元）",
    "pages": "页数",
    "received": "收到日期",
    "result": "结果",
    "detail": "具体情形",
    "doc_number": "文号",
    "served": "送达日期",
    "organ": "复议机关",
    "court": "法院",
    "kind": "类型",
    "receipt": "票据/回证",
    "file_no": "档案号",
    "late": "逾期确认",
}
#: stored for the program (references, codes), never shown: the label of a letter is in "kind"
_HIDDEN_KEYS = {"ref", "basis", "k", "letter_kind", "letter_id"}


def _shown(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def summarize(data: dict) -> str:
    """The content of a timeline entry in Chinese labels; keys the clerk would not understand are left out."""
    if "changes" in data:
        return "；".join(f"{name}：{_shown(c['old'])} → {_shown(c['new'])}" for name, c in data["changes"].items())
    return "；".join(
        f"{_DATA_LABELS[k]}：{_shown(v)}" for k, v in data.items() if k in _DATA_LABELS and k not in _HIDDEN_KEYS
    )


class ApplicationDetailWidget(QWidget):
    changed = Signal(str)  # the number of the application whose stored data changed

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.number: str | None = None
        self.detail: service.ApplicationDetail | None = None
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel("请在左侧选择一件申请", self)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.show_full = QCheckBox("显示完整个人信息", self)
        self.show_full.toggled.connect(self.refresh)
        self.mistake = QPushButton("登记有误 ▾", self)
        self.mistake_menu = QMenu(self)
        self.void_registration_action = self.mistake_menu.addAction("作废登记…")
        self.void_registration_action.triggered.connect(lambda: self.void_registration())
        self.delete_registration_action = self.mistake_menu.addAction("删除登记（未办理任何事项时）…")
        self.delete_registration_action.triggered.connect(lambda: self.delete_registration())
        self.mistake.setMenu(self.mistake_menu)
        header.addWidget(self.title, 1)
        header.addWidget(self.show_full)
        header.addWidget(self.mistake)
        layout.addLayout(header)
        self.void_note = QLabel(self)
        self.void_note.setWordWrap(True)
        self.void_note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.void_note.setVisible(False)
        layout.addWidget(self.void_note)

        info = QGroupBox("登记信息", self)
        self.info = QFormLayout(info)
        layout.addWidget(info)
        clock = QGroupBox("期限", self)
        clock_layout = QVBoxLayout(clock)
        self.clock = QLabel(clock)
        self.clock.setWordWrap(True)
        self.clock.setTextFormat(Qt.TextFormat.RichText)
        clock_layout.addWidget(self.clock)
        layout.addWidget(clock)

        actions = QHBoxLayout()
        self.primary = QPushButton(self)
        self.primary.clicked.connect(lambda: self.open_action(self._actions[0]) if self._actions else None)
        self.more = QPushButton("其他操作 ▾", self)
        self.more_menu = QMenu(self)
        self.more.setMenu(self.more_menu)
        self.edit_button = QPushButton("修改登记信息", self)
        self.edit_button.clicked.connect(lambda: self.edit_registration())
        self.letters = LettersButton(db, self, today=self.today)
        self.letters.generated.connect(lambda _result: (self.refresh(), self.changed.emit(self.number or "")))
        for button in (self.primary, self.more, self.edit_button, self.letters):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        timeline = QGroupBox("办理过程", self)
        timeline_layout = QVBoxLayout(timeline)
        self.timeline = QTableWidget(0, 5, timeline)
        self.timeline.setHorizontalHeaderLabels(["日期", "事项", "内容", "登记人", "状态"])
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        timeline_layout.addWidget(self.timeline)
        fix = QHBoxLayout()
        self.correct_button = QPushButton("更正所选事件", timeline)
        self.correct_button.clicked.connect(lambda: self.correct_selected())
        self.void_button = QPushButton("作废所选事件", timeline)
        self.void_button.clicked.connect(lambda: self.void_selected())
        fix.addStretch(1)
        fix.addWidget(self.correct_button)
        fix.addWidget(self.void_button)
        timeline_layout.addLayout(fix)
        layout.addWidget(timeline, 1)

        files = QGroupBox("附件", self)
        files_layout = QHBoxLayout(files)
        self.files = QListWidget(files)
        self.files.setMaximumHeight(70)
        self.files.itemDoubleClicked.connect(self.open_attachment)
        self.file_kind = QComboBox(files)
        self.file_kind.addItems(list(attachment_service.ATTACHMENT_KINDS))
        add_file = QPushButton("添加附件…", files)
        add_file.clicked.connect(lambda: self.add_attachment())
        files_layout.addWidget(self.files, 1)
        files_layout.addWidget(self.file_kind)
        files_layout.addWidget(add_file)
        layout.addWidget(files)
        self._actions: list[EventKind] = []
        self.setEnabled(False)

    # -- showing ----------------------------------------------------------------------------------------
    def show_application(self, number: str | None) -> None:
        self.number = number
        self.refresh()

    def refresh(self) -> None:
        if not self.number:
            self.setEnabled(False)
            self.title.setText("请在左侧选择一件申请")
            self.void_note.setVisible(False)
            self.clock.clear()
            self.timeline.setRowCount(0)
            self.files.clear()
            while self.info.rowCount():
                self.info.removeRow(0)
            return
        self.setEnabled(True)
        detail = service.get_detail(self.db, self.number, today=self.today)
        self.detail = detail
        f = detail.fields
        full = self.show_full.isChecked()
        voided = detail.void is not None
        status = "已作废" if voided else detail.state.status.value
        self.title.setText(f"{detail.number}　{f.applicant_name}　{status}")
        self.void_note.setVisible(voided)
        if detail.void is not None:
            void = detail.void
            self.void_note.setText(
                f"本登记已于{void.at:%Y-%m-%d %H:%M}作废（{void.by or '未记录经办人'}）：{void.reason}。"
                "编号保留不再使用，不计入任何列表、统计和报表。"
            )
        for widget in (self.edit_button, self.letters, self.mistake, self.correct_button, self.void_button):
            widget.setEnabled(not voided)
        while self.info.rowCount():
            self.info.removeRow(0)
        channel = f.channel + (f"，{f.mail_kind}" if f.mail_kind else "")
        rows = [
            ("收到日期", f"{f.received.isoformat() if f.received else ''}（{channel}）"),
            ("申请人", f"{f.applicant_name}（{f.applicant_type}）"),
            ("证件", f"{f.id_type} {f.id_number if full else mask_id(f.id_number)}" if f.id_number else "—"),
            ("联系方式", " ".join(x for x in (f.phone if full else mask_phone(f.phone), f.email) if x) or "—"),
            ("申请内容", f.content),
            ("获取方式 / 承办人", f"{f.delivery_form} / {f.handler or '—'}"),
        ]
        if full:
            rows.insert(4, ("通信地址", f"{f.address} {f.postcode}".strip() or "—"))
        for label, value in rows:
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addRow(label + "：", text)
        state = detail.state
        lines = [describe_clock(state), f"补正告知期限：{state.supplement_notice_due.isoformat()}"]
        if state.supplement_notice_late:
            lines[-1] += "（补正告知晚于期限）"
        if detail.facts.supplement_deadline:
            lines.append(f"补正期限（给申请人）：{detail.facts.supplement_deadline.isoformat()}")
        if state.excluded_days or state.extension_days:
            lines.append(f"不计入期限：{state.excluded_days}个工作日；延期：{state.extension_days}个工作日")
        if state.payment_deadline:
            lines.append(f"缴费期限：{state.payment_deadline.isoformat()}")
        self.clock.setText("<br>".join(lines))

        self.letters.set_application(self.number)
        self._actions = detail.next_actions
        self.primary.setVisible(bool(self._actions))
        if self._actions:
            self.primary.setText(ACTION_LABELS[self._actions[0]])
        self.more_menu.clear()
        for kind in self._actions[1:]:
            self.more_menu.addAction(ACTION_LABELS[kind], lambda k=kind: self.open_action(k))
        self.more.setEnabled(len(self._actions) > 1)

        self.timeline.setRowCount(len(detail.timeline))
        for row, entry in enumerate(detail.timeline):
            status = f"已作废：{entry.void_reason}" if entry.voided else ("更正" if entry.replaces_id else "")
            values = [entry.day.isoformat(), entry.kind.value, summarize(dict(entry.data)), entry.actor, status]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if entry.voided:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.timeline.setItem(row, column, item)
        self.timeline.resizeColumnsToContents()
        self.files.clear()
        for info in attachment_service.list_attachments(self.db, self.number):
            mark = "" if info.intact else "（文件缺失或已被改动！）"
            self.files.addItem(f"{info.kind}：{info.original_name}{mark}")
            self.files.item(self.files.count() - 1).setData(Qt.ItemDataRole.UserRole, str(info.path))

    # -- actions ----------------------------------------------------------------------------------------
    def open_action(self, kind: EventKind, **kwargs) -> bool:  # noqa: ANN003
        assert self.number is not None
        if not ensure_operator(self.db, self):
            return False
        dialog = EventDialog(self.db, self.number, kind, self, today=self.today, **kwargs)
        if dialog.exec():
            self.refresh()
            self.changed.emit(self.number)
            return True
        return False

    def _selected_entry(self) -> service.TimelineEntry | None:
        if self.detail is None:
            return None
        row = self.timeline.currentRow()
        if row < 0:
            show_user_error(self, UserError("请先在办理过程中选择一个事件。"))
            return None
        return self.detail.timeline[row]

    def correct_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.voided or entry.kind in (EventKind.REGISTERED, EventKind.EDITED, EventKind.LETTER):
            return
        initial = {"day": entry.day, **dict(entry.data)}
        self.open_action(entry.kind, replaces=entry.id, initial=initial)

    def void_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.voided or not ensure_operator(self.db, self):
            return
        reason, ok = QInputDialog.getText(
            self, "作废事件", f"作废“{entry.kind.value}（{entry.day.isoformat()}）”的理由："
        )
        if not ok:
            return
        try:
            letter_id = letter_service.letter_for_event(self.db, entry.id)
            if letter_id is not None:  # a letter is voided in the register (it keeps its number)
                letter_service.void_letter(self.db, letter_id, reason)
            else:
                service.void_event(self.db, entry.id, reason, today=self.today)
        except UserError as error:
            show_user_error(self, error)
            return
        self.refresh()
        self.changed.emit(self.number or "")

    def void_registration(self) -> None:
        if not self.number or not ensure_operator(self.db, self):
            return
        reason, ok = QInputDialog.getText(
            self, "作废登记", f"作废申请{self.number}的理由（编号保留，办理过程留存，不再计入统计和报表）："
        )
        if not ok:
            return
        try:
            service.void_application(self.db, self.number, reason)
        except UserError as error:
            show_user_error(self, error)
            return
        self.refresh()
        self.changed.emit(self.number)

    def delete_registration(self) -> None:
        if not self.number:
            return
        answer = QMessageBox.question(
            self,
            "删除登记",
            f"删除申请{self.number}的登记？删除后无法恢复，编号不再使用。\n已办理过任何事项的申请不能删除，请改用“作废登记”。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            service.delete_application(self.db, self.number)
        except UserError as error:
            show_user_error(self, error)
            return
        self.number, self.detail = None, None
        self.refresh()
        self.changed.emit("")

    def edit_registration(self) -> None:
        if (
            self.number
            and ensure_operator(self.db, self)
            and ApplicationFormDialog(self.db, self, today=self.today, number=self.number).exec()
        ):
            self.refresh()
            self.changed.emit(self.number)

    def add_attachment(self) -> None:
        if not self.number:
            return
        name, _ = QFileDialog.getOpenFileName(self, "选择附件", "", "所有文件 (*)")
        if not name:
            return
        try:
            attachment_service.add_attachment(self.db, self.number, Path(name), self.file_kind.currentText())
        except UserError as error:
            show_user_error(self, error)
            return
        self.refresh()

    def open_attachment(self, item) -> None:  # noqa: ANN001
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))
