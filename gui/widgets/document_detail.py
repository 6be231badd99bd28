"""The detail of one 公文: its fields, its publication clock, its 三审三校, and what is linked to it — the
interpretations, the solicitations and the applications that asked for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from models.db import Database
from models.domain.errors import UserError
from models.services import documents as service
from models.services.documents import DocumentDetail


def _list_box(title: str, parent: QWidget) -> tuple[QGroupBox, QListWidget]:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    items = QListWidget(box)
    items.setMaximumHeight(100)
    layout.addWidget(items)
    return box, items


class DocumentDetailWidget(QScrollArea):
    #: the clerk asked to add an interpretation of this document (the 政策解读 page answers it)
    add_interpretation_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.db, self.today = db, today
        self.document_id: int | None = None
        self.detail: DocumentDetail | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        layout = QVBoxLayout(content)
        self.heading = QLabel("（请在左侧选择一件公文）", content)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.heading)
        self.fields = QFormLayout()
        layout.addLayout(self.fields)
        self.clock = QLabel(content)
        self.clock.setWordWrap(True)
        layout.addWidget(self.clock)
        box, self.reviews = _list_box("三审三校", content)
        layout.addWidget(box)
        box, self.interpretations = _list_box("政策解读", content)
        self.add_interpretation = QPushButton("添加解读…", box)
        self.add_interpretation.clicked.connect(lambda: self._request_interpretation())
        box.layout().addWidget(self.add_interpretation)
        layout.addWidget(box)
        box, self.solicitations = _list_box("征求意见", content)
        layout.addWidget(box)
        box, self.applications = _list_box("要求获取本文件的申请（申请内容含文号或标题）", content)
        layout.addWidget(box)
        box, self.attachments = _list_box("附件", content)
        self.add_attachment = QPushButton("添加附件…", box)
        self.add_attachment.clicked.connect(lambda: self._add_attachment())
        box.layout().addWidget(self.add_attachment)
        layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(content)
        self.add_interpretation.setEnabled(False)

    def _add_attachment(self) -> None:
        from models.services.document_attachments import DOCUMENT_ATTACHMENT_KINDS, add_document_attachment

        if self.document_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择附件", "", "所有文件 (*)")
        if not path:
            return
        kind, ok = QInputDialog.getItem(self, "附件类型", "类型：", list(DOCUMENT_ATTACHMENT_KINDS), 0, False)
        if not ok:
            return
        try:
            add_document_attachment(self.db, self.document_id, Path(path), kind)
        except UserError as error:
            show_user_error(self, error)
        self.show_document(self.document_id)

    def _request_interpretation(self) -> None:
        if self.document_id is not None:
            self.add_interpretation_requested.emit(self.document_id)

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        while self.fields.rowCount():
            self.fields.removeRow(0)
        for items in (self.reviews, self.interpretations, self.solicitations, self.applications, self.attachments):
            items.clear()
        self.add_interpretation.setEnabled(document_id is not None)
        self.add_attachment.setEnabled(document_id is not None)
        if document_id is None:
            self.detail = None
            self.heading.setText("（请在左侧选择一件公文）")
            self.clock.setText("")
            return
        try:
            detail = self.detail = service.get_detail(self.db, document_id, today=self.today)
        except UserError as error:
            self.heading.setText(error.message)
            return
        f = detail.fields
        self.heading.setText(f"{f.number or '（无文号）'}　{f.title}")
        basis = f"（依据 {f.basis_code}：{f.withhold_reason}）" if f.basis_code else ""
        for label, value in (
            ("发文机关", f.issuer),
            ("成文日期", f.written.isoformat() if f.written else ""),
            ("类别", f.category),
            ("公开属性", f"{f.attribute}（{f.note_mark}）{basis}"),
            ("公开目录", detail.catalogue_path),
            ("状态", f.state + (f"（{f.state_changed.isoformat()}）" if f.state_changed else "")),
            ("有效期至", (f.valid_until.isoformat() if f.valid_until else "") + f"　{detail.validity.value}"),
            ("发布日期", f.published.isoformat() if f.published else "未发布"),
            ("发布栏目/网址", "　".join(x for x in (f.publish_column, f.publish_url) if x)),
            ("承办科室", f.department),
        ):
            if value.strip():
                shown = QLabel(value)
                shown.setWordWrap(True)
                self.fields.addRow(f"{label}：", shown)
        if detail.voided_at is not None:
            self.clock.setText(f"已作废（{detail.voided_at:%Y-%m-%d}）：{detail.void_reason}")
        elif detail.clock.due is not None:
            self.clock.setText(f"主动公开期限：{detail.clock.due.isoformat()}　{detail.clock.label()}")
        else:
            self.clock.setText("不属于主动公开，无发布期限。")
        for r in detail.reviews:
            self.reviews.addItem(f"{r.stage}：{r.reviewer}（{r.day.isoformat()}）")
        if detail.next_stage is not None:
            self.reviews.addItem(f"待{detail.next_stage}")
        for d in detail.decisions:
            self.reviews.addItem(f"{d.year}年度审查：{d.decision}（{d.decided_by}，{d.decided_on.isoformat()}）")
        for i in detail.interpretations:
            published = i.published.isoformat() if i.published else "未发布"
            self.interpretations.addItem(f"{i.title}（{'、'.join(i.forms)}；{published}）")
        for s in detail.solicitations:
            self.solicitations.addItem(f"{s.title}（{s.start.isoformat()}至{s.end.isoformat()}）")
        for a in detail.applications:
            self.applications.addItem(f"{a.number}（{a.received.isoformat()}，{a.status}）：{a.content[:40]}")
        from models.services.document_attachments import list_document_attachments

        for item in list_document_attachments(self.db, document_id):
            broken = "" if item.intact else "（文件已丢失或被改动）"
            self.attachments.addItem(f"{item.kind}：{item.original_name}{broken}")
