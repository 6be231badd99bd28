"""依申请公开: the register — a filterable list on the left, the selected application on the right."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.application_form import ApplicationFormDialog
from gui.dialogs.operator_dialog import ensure_operator
from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.applications_model import ApplicationsTableModel
from gui.widgets.application_detail import ApplicationDetailWidget
from gui.widgets.calendar_routing import clear_filters
from gui.workers import run_in_background
from models.db import Database
from models.domain import case
from models.domain.errors import UserError
from models.domain.results import RESULTS
from models.services import applications as service
from models.services import ledger

ALL = "全部"


def _combo(items: list[str], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems([ALL, *items])
    return combo


class ApplicationsPage(Page):
    title = "依申请公开"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索申请人、申请内容或编号")
        self.search.setClearButtonEnabled(True)
        self.year = _combo([str(y) for y in range(self.today.year, 2018, -1)], self)
        self.status = _combo(["未办结", *[s.value for s in case.Status], service.VOIDED], self)
        self.deadline_state = _combo([s.value for s in case.DeadlineState], self)
        self.result = _combo(list(RESULTS), self)
        self.applicant_type = _combo(list(case.APPLICANT_TYPES), self)
        self.new_button = QPushButton("登记新申请（Ctrl+N）", self)
        self.new_button.clicked.connect(lambda: self.register_new())
        bar.addWidget(self.search, 2)
        for label, combo in (
            ("年份", self.year),
            ("状态", self.status),
            ("期限", self.deadline_state),
            ("结果", self.result),
            ("申请人类型", self.applicant_type),
        ):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self.apply_filter)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        files = QHBoxLayout()
        self.import_button = QPushButton("导入台账…", self)
        self.export_button = QPushButton("导出台账…", self)
        self.template_button = QPushButton("下载台账模板…", self)
        # Through lambdas: a slot connected directly would receive the button's `checked` flag as an argument.
        self.import_button.clicked.connect(lambda: self.import_ledger())
        self.export_button.clicked.connect(lambda: self.export_ledger())
        self.template_button.clicked.connect(lambda: self.save_template())
        for button in (self.import_button, self.export_button, self.template_button):
            files.addWidget(button)
        self.full_export = QCheckBox("导出完整证件号码和电话（仅限内部使用）", self)
        files.addWidget(self.full_export)
        files.addStretch(1)
        self.month_filter: tuple[str, str] = ("", "")  # (received_month, answered_month), set from the 工作台
        self.month_label = QLabel(self)
        self.month_label.setStyleSheet("color: #1565c0;")
        self.month_clear = QPushButton("取消月份筛选", self)
        self.month_clear.clicked.connect(lambda: self.show_filtered())
        files.addWidget(self.month_label)
        files.addWidget(self.month_clear)
        self.month_label.hide()
        self.month_clear.hide()
        layout.addLayout(files)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ApplicationsTableModel(db, today=self.today)
        self.view = QTableView(left)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        left_layout.addWidget(self.view)
        self.count = QLabel(left)
        left_layout.addWidget(self.count)
        self.detail = ApplicationDetailWidget(db, splitter, today=self.today)
        self.detail.changed.connect(self._detail_changed)
        splitter.setSizes([620, 500])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.register_new)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)

    # -- list -------------------------------------------------------------------------------------------
    def current_filter(self) -> service.ListFilter:
        def value(combo: QComboBox) -> str:
            return "" if combo.currentText() == ALL else combo.currentText()

        return service.ListFilter(
            text=self.search.text(),
            year=int(value(self.year)) if value(self.year) else None,
            status=value(self.status),
            deadline_state=value(self.deadline_state),
            result=value(self.result),
            applicant_type=value(self.applicant_type),
            received_month=self.month_filter[0],
            answered_month=self.month_filter[1],
        )

    def show_filtered(self, *, deadline_state: str = "", received_month: str = "", answered_month: str = "") -> None:
        """The list with only these filters (the others back to 全部): what a 工作台 count opens."""
        for combo in (self.year, self.status, self.deadline_state, self.result, self.applicant_type):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if deadline_state:
            self.deadline_state.blockSignals(True)
            self.deadline_state.setCurrentText(deadline_state)
            self.deadline_state.blockSignals(False)
        self.month_filter = (received_month, answered_month)
        month = received_month or answered_month
        if month:
            year, number = month.split("-")
            kind = "登记" if received_month else "答复"
            self.month_label.setText(f"仅显示{year}年{int(number)}月{kind}的申请")
        self.month_label.setVisible(bool(month))
        self.month_clear.setVisible(bool(month))
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _fit_clock_columns(self) -> None:
        for column in self.model.CLOCK_COLUMNS:
            self.view.resizeColumnToContents(column)

    def refresh(self) -> None:
        selected = self.detail.number
        self.model.reload()
        self._update_count()
        if selected:
            self.select(selected)

    def _update_count(self) -> None:
        self.count.setText(f"共 {self.model.total()} 件")
        self._fit_clock_columns()

    def select(self, number: str) -> None:
        row = self.model.row_of_number(number)
        if row >= 0:
            self.view.selectRow(row)
        self.detail.show_application(number)

    def select_key(self, number: str) -> None:
        """Show the application `number` (opened from the 期限日历): filters that hide it are cleared first."""
        if self.model.row_of_number(number) < 0:
            combos = (self.year, self.status, self.deadline_state, self.result, self.applicant_type)
            clear_filters(self.search, combos)
            self.apply_filter()
        self.select(number)

    def _row_changed(self, current, _previous) -> None:  # noqa: ANN001
        if current.isValid():
            self.detail.show_application(self.model.row_at(current.row()).number)

    def _detail_changed(self, number: str) -> None:
        self.model.reload()
        self._update_count()
        row = self.model.row_of_number(number)
        if row >= 0:
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.selectionModel().blockSignals(False)
        self.data_changed.emit()

    # -- ledger files -----------------------------------------------------------------------------------
    synchronous_jobs = False  # tests run the background work inline

    def import_ledger(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择台账文件", "", "Excel 台账 (*.xlsx)")
        if not path:
            return

        def done(report: ledger.ImportReport) -> None:
            self.refresh()
            self.data_changed.emit()
            text = f"导入 {len(report.imported)} 件申请。"
            if report.skipped:
                text += f"\n跳过 {len(report.skipped)} 行（已存在）。"
            QMessageBox.information(self, "导入台账", text)

        run_in_background(
            self,
            "正在导入台账…",
            lambda progress: ledger.validate_and_import(self.db, path, today=self.today, progress=progress),
            done,
            synchronous=self.synchronous_jobs,
        )

    def export_ledger(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "导出台账", f"依申请公开台账-{self.today.isoformat()}.xlsx", "Excel (*.xlsx)"
        )
        if not path:
            return
        full = self.full_export.isChecked()
        year = self.current_filter().year
        run_in_background(
            self,
            "正在导出台账…",
            lambda progress: ledger.export_ledger(self.db, path, year=year, full=full, progress=progress),
            lambda count: QMessageBox.information(self, "导出台账", f"已导出 {count} 件申请：\n{path}"),
            synchronous=self.synchronous_jobs,
        )

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存台账模板", "依申请公开台账模板.xlsx", "Excel (*.xlsx)")
        if path:
            try:
                ledger.write_template(path)
            except UserError as error:
                show_user_error(self, error)

    # -- actions ----------------------------------------------------------------------------------------
    def register_new(self) -> None:
        if not ensure_operator(self.db, self):
            return
        dialog = ApplicationFormDialog(self.db, self, today=self.today)
        if dialog.exec() and dialog.saved_number:
            self.model.reload()
            self._update_count()
            self.select(dialog.saved_number)
            self.data_changed.emit()
