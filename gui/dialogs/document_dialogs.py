"""The small dialogs of the 公文 page: one 三审三校 step, 发布, the 公开目录 tree, and the yearly review."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.screen_fit import cap_size
from gui.widgets.optional_date import date_edit, first_date_error, from_qdate
from models.db import Database
from models.domain import documents as rules
from models.domain.documents import Decision, ReviewStage
from models.domain.errors import UserError
from models.services import document_catalogue as catalogue
from models.services import documents as service


class _FormDialog(QDialog):
    """A form, an error line and 保存/取消; `save()` does the work and raises UserError to keep the dialog open."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        wrong = first_date_error(self)
        if wrong is not None:
            self.error.setText(wrong[1])
            return
        try:
            self.save()
        except UserError as error:
            self.error.setText(error.message)
            return
        super().accept()


class ReviewDialog(_FormDialog):
    """Record the next step of 三审三校 (初审 信息录入员 → 复审 科室负责人 → 终审 分管或主要领导)."""

    def __init__(self, db: Database, document_id: int, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__("三审三校", parent)
        self.db, self.document_id, self.today = db, document_id, today
        detail = service.get_detail(db, document_id, today=today)
        self.stage = detail.next_stage
        done = "；".join(f"{r.stage}：{r.reviewer}（{r.day.isoformat()}）" for r in detail.reviews) or "尚未审核"
        self.form.addRow("已完成：", QLabel(done, self))
        stage_text = f"{self.stage}（{rules.STAGE_ROLES[self.stage]}）" if self.stage else "三审已全部完成"
        self.stage_label = QLabel(stage_text, self)
        self.form.addRow("本次环节：", self.stage_label)
        self.reviewer = QLineEdit(self)
        self.day = date_edit(today, self)
        self.form.addRow("审核人*：", self.reviewer)
        self.form.addRow("审核日期*：", self.day)
        if self.stage is None:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def save(self) -> None:
        assert self.stage is not None
        stage = ReviewStage(self.stage)
        service.record_review(
            self.db, self.document_id, stage, self.reviewer.text(), from_qdate(self.day.date()), today=self.today
        )


class PublishDialog(_FormDialog):
    """Mark a document 已发布 (refused before its 终审)."""

    def __init__(self, db: Database, document_id: int, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__("登记发布", parent)
        self.db, self.document_id, self.today = db, document_id, today
        detail = service.get_detail(db, document_id, today=today)
        self.day = date_edit(today, self)
        self.column = QLineEdit(detail.fields.publish_column or detail.catalogue_path, self)
        self.url = QLineEdit(detail.fields.publish_url, self)
        due = f"发布期限：{detail.clock.due.isoformat()}" if detail.clock.due else "不属于主动公开，无发布期限"
        self.form.addRow("", QLabel(due, self))
        self.form.addRow("发布日期*：", self.day)
        self.form.addRow("发布栏目：", self.column)
        self.form.addRow("网址：", self.url)

    def save(self) -> None:
        service.publish(
            self.db,
            self.document_id,
            from_qdate(self.day.date()),
            column=self.column.text(),
            url=self.url.text(),
            today=self.today,
        )


class CatalogueDialog(QDialog):
    """公开目录: the unit's catalogue tree, edited here (add, rename, delete an empty node)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("公开目录")
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["目录", "公文件数"])
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.add_top = QPushButton("添加顶级目录…", self)
        self.add_child = QPushButton("添加子目录…", self)
        self.rename = QPushButton("改名…", self)
        self.delete = QPushButton("删除", self)
        self.add_top.clicked.connect(lambda: self._add(None))
        self.add_child.clicked.connect(lambda: self._add(self.current_id(), child=True))
        self.rename.clicked.connect(lambda: self._rename())
        self.delete.clicked.connect(lambda: self._delete())
        for button in (self.add_top, self.add_child, self.rename, self.delete):
            row.addWidget(button)
        close = QPushButton("关闭", self)
        close.clicked.connect(lambda: self.accept())
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        cap_size(self, 560, 520)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for entry in catalogue.list_catalogue(self.db):
            parent = items.get(entry.parent_id) if entry.parent_id is not None else None
            item = QTreeWidgetItem([entry.name, str(entry.documents)])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[entry.id] = item
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def _add(self, parent_id: int | None, *, child: bool = False) -> None:
        if child and parent_id is None:
            show_user_error(self, UserError("请先选择上级目录。"))
            return
        name, ok = QInputDialog.getText(self, "添加目录", "目录名称：")
        if ok:
            self._run(lambda: catalogue.add_node(self.db, name, parent_id=parent_id))

    def _rename(self) -> None:
        node = self.current_id()
        if node is not None:
            name, ok = QInputDialog.getText(self, "目录改名", "新名称：", text=self.tree.currentItem().text(0))
            if ok:
                self._run(lambda: catalogue.rename_node(self.db, node, name))

    def _delete(self) -> None:
        node = self.current_id()
        if node is not None:
            self._run(lambda: catalogue.delete_node(self.db, node))

    def _run(self, action) -> None:  # noqa: ANN001
        try:
            action()
        except UserError as error:
            show_user_error(self, error)
        self.reload()


class YearlyReviewDialog(QDialog):
    """年度审查 (条例第18条): documents not proactively disclosed, and the decision for the year."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.db, self.today = db, today
        self.setWindowTitle("年度审查：不公开的公文")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QSpinBox(self)
        self.year.setRange(2000, today.year)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(QLabel("审查年度：", self))
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(["文号", "标题", "公开属性", "附注", "审查决定", "审查人/日期"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.decision = QComboBox(self)
        self.decision.addItems([d.value for d in Decision])
        self.decided_by = QLineEdit(self)
        self.decided_on = date_edit(today, self)
        self.reason = QLineEdit(self)
        form.addRow("决定：", self.decision)
        form.addRow("审查人*：", self.decided_by)
        form.addRow("审查日期*：", self.decided_on)
        form.addRow("理由：", self.reason)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.record = QPushButton("登记所选公文的审查决定", self)
        self.record.clicked.connect(lambda: self.record_decision())
        close = QPushButton("关闭", self)
        close.clicked.connect(lambda: self.accept())
        row.addWidget(self.record)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        cap_size(self, 900, 600)
        self.reload()

    def reload(self) -> None:
        self._rows = service.review_candidates(self.db, self.year.value())
        self.table.setRowCount(len(self._rows))
        for i, c in enumerate(self._rows):
            decided = f"{c.decided_by} {c.decided_on.isoformat()}" if c.decided_on else ""
            for j, text in enumerate(
                (c.number or "（无文号）", c.title, c.attribute, c.note_mark, c.decision, decided)
            ):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def record_decision(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.error.setText("请先在表中选择一件公文。")
            return
        wrong = first_date_error(self)
        if wrong is not None:
            self.error.setText(wrong[1])
            return
        try:
            service.record_decision(
                self.db,
                self._rows[row].id,
                self.year.value(),
                Decision(self.decision.currentText()),
                decided_by=self.decided_by.text(),
                decided_on=from_qdate(self.decided_on.date()),
                reason=self.reason.text(),
                today=self.today,
            )
        except UserError as error:
            self.error.setText(error.message)
            return
        self.error.setText("")
        self.reload()
