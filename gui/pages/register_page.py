"""What the 征求意见 and 政策解读 pages share: a search and filter bar, the action buttons, a list on the left and
the selected record's detail on the right, and the import / export / template of the register's sheet.

Buttons are connected through lambdas (a slot connected directly would receive the `checked` flag)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.register_rows_model import RegisterRowsModel
from gui.widgets.calendar_routing import clear_filters
from models.db import Database
from models.domain.errors import UserError

ALL = "全部"
PAGE_SIZE = 1000
WIDE_COLUMNS = {"草案名称", "解读标题", "文件标题", "关联文件", "三同步"}


class RegisterPage(Page):
    noun = ""  # 征求意见 / 政策解读
    sheet_title = ""  # 征求意见登记表
    search_hint = ""

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        layout = QVBoxLayout(self)
        self.filter_bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.search_hint)
        self.search.setClearButtonEnabled(True)
        self.filter_bar.addWidget(self.search, 2)
        layout.addLayout(self.filter_bar)
        self.button_bar = QHBoxLayout()
        layout.addLayout(self.button_bar)
        self.buttons: dict[str, QPushButton] = {}
        self.filter_combos: list[QComboBox] = []

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = self.make_model()
        self.view = QTableView(left)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        left_layout.addWidget(self.view)
        self.count = QLabel(left)
        left_layout.addWidget(self.count)
        self.detail = QTextBrowser(splitter)
        self.detail.setOpenExternalLinks(True)
        splitter.setSizes([760, 440])
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

    # -- building ---------------------------------------------------------------------------------------
    def make_model(self) -> RegisterRowsModel[Any]:
        raise NotImplementedError

    def add_filter(self, label: str, items: Sequence[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItems([ALL, *items])
        self.filter_bar.addWidget(QLabel(label, self))
        self.filter_bar.addWidget(combo)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_combos.append(combo)
        return combo

    def add_buttons(self, actions: Sequence[tuple[str, Callable[[], None]]]) -> None:
        for text, action in actions:
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=action: act())
            self.button_bar.addWidget(button)
            self.buttons[text] = button
        self.button_bar.addStretch(1)

    @staticmethod
    def chosen(combo: QComboBox) -> str:
        return "" if combo.currentText() == ALL else combo.currentText()

    # -- list -------------------------------------------------------------------------------------------
    def load(self) -> tuple[int, Sequence[Any]]:
        """(total, the first PAGE_SIZE rows) for the current filters."""
        raise NotImplementedError

    def refresh(self) -> None:
        selected = self.selected_id()
        try:
            total, rows = self.load()
        except UserError as error:
            show_user_error(self, error)
            return
        self.model.set_rows(rows)
        shown = f"（显示前{len(rows)}条）" if total > len(rows) else ""
        self.count.setText(f"共 {total} 条{shown}")
        for column in range(self.model.columnCount()):
            header = self.model.headerData(column, Qt.Orientation.Horizontal)
            self.view.setColumnWidth(column, 230 if header in WIDE_COLUMNS else 110)
        if selected is not None and self.model.row_of_id(selected) >= 0:
            self.select(selected)
        elif rows:
            self.view.selectRow(0)  # the detail is never empty while there is something to show
            self.show_detail()
        else:
            self.show_detail()

    def select(self, row_id: int) -> None:
        row = self.model.row_of_id(row_id)
        if row >= 0:
            self.view.selectRow(row)
        self.show_detail()

    def select_key(self, key: str) -> None:
        """Show the record of a 期限日历 key (its id): filters that hide it are cleared first."""
        if not key.isdigit():
            return
        if self.model.row_of_id(int(key)) < 0:
            clear_filters(self.search, self.filter_combos)
            self.refresh()
        self.select(int(key))

    def selected(self) -> Any | None:
        index = self.view.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return getattr(row, "id", None) if row is not None else None

    def show_detail(self) -> None:
        row = self.selected()
        self.detail.setHtml(self.detail_html(row) if row is not None else f"<p>请在左侧选择一条{self.noun}。</p>")

    def detail_html(self, row: Any) -> str:
        raise NotImplementedError

    def changed(self, row_id: int | None = None) -> None:
        """After a save: reload, keep `row_id` selected, tell the other pages."""
        self.refresh()
        if row_id is not None:
            self.select(row_id)
        self.data_changed.emit()

    def require_selection(self) -> Any | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, self.noun, f"请先在列表中选择一条{self.noun}。")
        return row

    def ask_void_reason(self, what: str) -> str | None:
        reason, ok = QInputDialog.getText(
            self, f"作废{self.noun}", f"作废“{what}”的理由（记录保留，不再计入列表和统计）："
        )
        return reason if ok else None

    # -- sheet files ------------------------------------------------------------------------------------
    def sheet_module(self) -> ModuleType:
        raise NotImplementedError

    def import_sheet(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"导入{self.sheet_title}", "", "Excel (*.xlsx)")
        if not path:
            return
        try:
            report = self.sheet_module().import_sheet(self.db, path, today=self.today)
        except UserError as error:
            show_user_error(self, error, f"导入{self.sheet_title}")
            return
        self.changed()
        text = f"导入 {len(report.imported)} 条{self.noun}。"
        if report.skipped:
            text += f"\n跳过 {len(report.skipped)} 行（已登记）。"
        QMessageBox.information(self, f"导入{self.sheet_title}", text)

    def export_sheet(self) -> None:
        name = f"{self.sheet_title}-{self.today.isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, f"导出{self.sheet_title}", name, "Excel (*.xlsx)")
        if not path:
            return
        try:
            count = self.sheet_module().export_sheet(self.db, Path(path), self.current_filter())
        except UserError as error:
            show_user_error(self, error)
            return
        QMessageBox.information(self, f"导出{self.sheet_title}", f"已导出 {count} 条{self.noun}：\n{path}")

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存模板", f"{self.sheet_title}模板.xlsx", "Excel (*.xlsx)")
        if path:
            try:
                self.sheet_module().write_template(path)
            except UserError as error:
                show_user_error(self, error)

    def current_filter(self) -> Any:
        raise NotImplementedError
