"""公文: the register of the unit's documents — a filterable list on the left, the selected document on the right,
and the actions of the clerk's work on them (新增, 从文件新增, 三审三校, 发布, 作废, 公开目录, 年度审查)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.document_dialogs import CatalogueDialog, PublishDialog, ReviewDialog, YearlyReviewDialog
from gui.dialogs.document_form import DocumentFormDialog
from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.documents_model import DocumentsTableModel
from gui.widgets.calendar_routing import clear_filters
from gui.widgets.document_detail import DocumentDetailWidget
from models.db import Database
from models.domain.documents import Attribute, Category, DocState
from models.domain.errors import UserError
from models.services import deadline_calendar
from models.services import document_catalogue as catalogue
from models.services import documents as service

ALL = "全部"


def _combo(items: list[str], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems([ALL, *items])
    return combo


class DocumentsPage(Page):
    title = "公文"
    #: the clerk asked to add an interpretation of the document with this id (answered by the 政策解读 page)
    add_interpretation_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索文号、标题或发文机关")
        self.search.setClearButtonEnabled(True)
        self.year = _combo([str(y) for y in range(self.today.year, 2009, -1)], self)
        self.category = _combo([c.value for c in Category], self)
        self.attribute = _combo([a.value for a in Attribute], self)
        self.state = _combo([s.value for s in DocState], self)
        self.publish = _combo([*service.PUBLISH_FILTERS, "30日内到有效期", "已作废"], self)
        self.node = QComboBox(self)
        self.search.setMinimumWidth(220)
        bar.addWidget(self.search, 2)
        second = QHBoxLayout()
        for row, label, combo in (
            (bar, "年份", self.year),
            (bar, "类别", self.category),
            (bar, "公开属性", self.attribute),
            (second, "状态", self.state),
            (second, "发布", self.publish),
            (second, "公开目录", self.node),
        ):
            row.addWidget(QLabel(label, self))
            row.addWidget(combo)
        second.addStretch(1)
        layout.addLayout(bar)
        layout.addLayout(second)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("新增…", self)
        self.from_file_button = QPushButton("从文件新增…", self)
        self.edit_button = QPushButton("修改…", self)
        self.review_button = QPushButton("三审三校…", self)
        self.publish_button = QPushButton("发布…", self)
        self.void_button = QPushButton("作废…", self)
        self.files_button = QPushButton("导入/导出…", self)
        self.catalogue_button = QPushButton("公开目录…", self)
        self.yearly_button = QPushButton("年度审查…", self)
        # Through lambdas: a slot connected directly would receive the button's `checked` flag as an argument.
        self.new_button.clicked.connect(lambda: self.add_new())
        self.from_file_button.clicked.connect(lambda: self.add_from_file())
        self.edit_button.clicked.connect(lambda: self.edit_current())
        self.review_button.clicked.connect(lambda: self.review_current())
        self.publish_button.clicked.connect(lambda: self.publish_current())
        self.void_button.clicked.connect(lambda: self.void_current())
        self.catalogue_button.clicked.connect(lambda: self.edit_catalogue())
        self.yearly_button.clicked.connect(lambda: self.yearly_review())
        self.files_menu = QMenu(self.files_button)
        self.files_button.setMenu(self.files_menu)
        self._build_files_menu()
        for button in (
            self.new_button,
            self.from_file_button,
            self.edit_button,
            self.review_button,
            self.publish_button,
            self.void_button,
            self.files_button,
            self.catalogue_button,
            self.yearly_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = DocumentsTableModel(db, today=self.today)
        self.view = QTableView(left)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 170), (1, 300), (2, 90), (5, 90), (6, 150)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        left_layout.addWidget(self.view)
        self.count = QLabel(left)
        left_layout.addWidget(self.count)
        self.detail = DocumentDetailWidget(db, splitter, today=self.today)
        self.detail.add_interpretation_requested.connect(self.add_interpretation_requested)
        splitter.setSizes([700, 480])
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (self.year, self.category, self.attribute, self.state, self.publish, self.node):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())

    # -- list -------------------------------------------------------------------------------------------
    def _reload_nodes(self) -> None:
        current = self.node.currentData()
        self.node.blockSignals(True)
        self.node.clear()
        self.node.addItem(ALL, None)
        for entry in catalogue.list_catalogue(self.db):
            self.node.addItem("　" * entry.depth + entry.name, entry.id)
        index = self.node.findData(current)
        self.node.setCurrentIndex(max(index, 0))
        self.node.blockSignals(False)

    def current_filter(self) -> service.DocumentFilter:
        def value(combo: QComboBox) -> str:
            return "" if combo.currentText() == ALL else combo.currentText()

        publish = value(self.publish)
        node = self.node.currentData()
        return service.DocumentFilter(
            text=self.search.text(),
            year=int(value(self.year)) if value(self.year) else None,
            category=value(self.category),
            attribute=value(self.attribute),
            state=value(self.state),
            publish=publish if publish in service.PUBLISH_FILTERS else "",
            expiring=publish == "30日内到有效期",
            voided=publish == "已作废",
            catalogue_node_ids=tuple(catalogue.subtree_ids(self.db, node)) if node is not None else (),
        )

    def show_publish(self, publish: str) -> None:
        """The list filtered by this 发布 filter only (the others back to 全部): what a 工作台 count opens."""
        for combo in (self.year, self.category, self.attribute, self.state, self.node, self.publish):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.publish.setCurrentText(publish)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def refresh(self) -> None:
        self._reload_nodes()
        selected = self.detail.document_id
        self.model.reload()
        self._update_count()
        self.select(selected if selected is not None or not self.model.rowCount() else self.model.row_at(0).id)

    def _update_count(self) -> None:
        self.count.setText(f"共 {self.model.total()} 件")

    def select(self, document_id: int | None) -> None:
        row = self.model.row_of_id(document_id) if document_id is not None else -1
        if row >= 0:
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.selectionModel().blockSignals(False)
        self.detail.show_document(document_id)

    def select_key(self, key: str) -> None:
        """Show the 公文 of a 期限日历 key (its 文号, or 公文N): filters that hide it are cleared first."""
        try:
            document_id = deadline_calendar.document_id_of_key(self.db, key)
        except UserError as error:
            show_user_error(self, error)
            return
        if self.model.row_of_id(document_id) < 0:
            combos = (self.year, self.category, self.attribute, self.state, self.publish, self.node)
            clear_filters(self.search, combos)
            self.apply_filter()
        self.select(document_id)

    def _row_changed(self, current, _previous) -> None:  # noqa: ANN001
        if current.isValid():
            self.detail.show_document(self.model.row_at(current.row()).id)

    def _changed(self, document_id: int | None) -> None:
        self._reload_nodes()
        self.model.reload()
        self._update_count()
        self.select(document_id)
        self.data_changed.emit()

    def _selected(self) -> int | None:
        if self.detail.document_id is None:
            QMessageBox.information(self, "公文", "请先在列表中选择一件公文。")
        return self.detail.document_id

    # -- actions ----------------------------------------------------------------------------------------
    def add_new(self) -> None:
        dialog = DocumentFormDialog(self.db, self, today=self.today)
        if dialog.exec() and dialog.saved_id is not None:
            self._changed(dialog.saved_id)

    def add_from_file(self) -> None:
        from models.services.document_files import read_document_file

        path, _ = QFileDialog.getOpenFileName(self, "选择公文文件", "", "Word 公文 (*.docx)")
        if not path:
            return
        try:
            proposal = read_document_file(Path(path))
        except UserError as error:
            show_user_error(self, error)
            return
        dialog = DocumentFormDialog(self.db, self, today=self.today, proposal=proposal)
        if dialog.exec() and dialog.saved_id is not None:
            from models.services.document_attachments import add_document_attachment

            try:  # the file itself is kept with the register entry
                add_document_attachment(self.db, dialog.saved_id, Path(path), "正式文件")
            except UserError as error:
                show_user_error(self, error)
            self._changed(dialog.saved_id)

    def edit_current(self) -> None:
        document_id = self._selected()
        if document_id is not None:
            dialog = DocumentFormDialog(self.db, self, today=self.today, document_id=document_id)
            if dialog.exec():
                self._changed(document_id)

    def review_current(self) -> None:
        document_id = self._selected()
        if document_id is not None and ReviewDialog(self.db, document_id, self, today=self.today).exec():
            self._changed(document_id)

    def publish_current(self) -> None:
        document_id = self._selected()
        if document_id is not None and PublishDialog(self.db, document_id, self, today=self.today).exec():
            self._changed(document_id)

    def void_current(self) -> None:
        document_id = self._selected()
        if document_id is None:
            return
        reason, ok = QInputDialog.getText(self, "作废公文登记", "作废理由（必填；作废后不再计入列表和统计）：")
        if not ok:
            return
        try:
            service.void_document(self.db, document_id, reason)
        except UserError as error:
            show_user_error(self, error)
            return
        self._changed(None)

    def edit_catalogue(self) -> None:
        CatalogueDialog(self.db, self).exec()
        self._changed(self.detail.document_id)

    def yearly_review(self) -> None:
        YearlyReviewDialog(self.db, self, today=self.today).exec()
        self._changed(self.detail.document_id)

    # -- files ------------------------------------------------------------------------------------------
    def _build_files_menu(self) -> None:
        """导入/导出: filled by `_file_actions` (the 发文登记簿 and the catalogues)."""
        for text, slot in self._file_actions():
            action = QAction(text, self.files_menu)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.files_menu.addAction(action)

    def _file_actions(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("导入发文登记簿…", self.import_register),
            ("导出发文登记簿…", self.export_register),
            ("下载发文登记簿模板…", self.save_template),
            ("导出行政规范性文件目录（Excel）…", lambda: self.export_normative("xlsx")),
            ("导出行政规范性文件目录（PDF）…", lambda: self.export_normative("pdf")),
            ("导出主动公开目录…", self.export_public_catalogue),
        ]

    def _save_path(self, title: str, name: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, name, kind)
        return path

    def _run_file(self, action: Callable[[], str]) -> None:
        try:
            message = action()
        except UserError as error:
            show_user_error(self, error)
            return
        QMessageBox.information(self, "导入/导出", message)

    def import_register(self) -> None:
        from models.services import document_register

        path, _ = QFileDialog.getOpenFileName(self, "选择发文登记簿", "", "Excel (*.xlsx)")
        if not path:
            return

        def run() -> str:
            report = document_register.validate_and_import(self.db, path, today=self.today)
            self._changed(self.detail.document_id)
            return f"导入 {len(report.imported)} 件公文，跳过 {len(report.skipped)} 行（文号已登记）。"

        self._run_file(run)

    def export_register(self) -> None:
        from models.services import document_register

        path = self._save_path("导出发文登记簿", f"发文登记簿-{self.today.isoformat()}.xlsx", "Excel (*.xlsx)")
        if path:
            self._run_file(lambda: f"已导出 {document_register.export_register(self.db, path)} 件公文：\n{path}")

    def save_template(self) -> None:
        from models.services import document_register

        path = self._save_path("保存发文登记簿模板", "发文登记簿模板.xlsx", "Excel (*.xlsx)")
        if path:
            self._run_file(lambda: f"已生成模板：{document_register.write_template(path)}")

    def export_normative(self, kind: str) -> None:
        from models.services import document_exports

        path = self._save_path("导出行政规范性文件目录", f"行政规范性文件目录.{kind}", f"{kind.upper()} (*.{kind})")
        if path:

            def run() -> str:
                result = document_exports.export_normative(self.db, path, today=self.today)
                warning = result.warning() if hasattr(result, "warning") else ""
                return f"已导出行政规范性文件目录：{path}" + (f"\n{warning}" if warning else "")

            self._run_file(run)

    def export_public_catalogue(self) -> None:
        from models.services import document_exports

        path = self._save_path("导出主动公开目录", "主动公开目录.xlsx", "Excel (*.xlsx)")
        if path:
            self._run_file(lambda: f"已导出主动公开目录：{document_exports.export_public_catalogue(self.db, path)}")
