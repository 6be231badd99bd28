"""今日待办: what is overdue or falls due within 3 working days in every register, shown once after start-up when
there is something to do (unless the clerk unticked 启动时显示) and from the tray's morning notice. A double-click
opens the record (the main window routes `open_record(register, key)`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.domain.deadline_calendar import DeadlineItem, ItemState
from models.domain.errors import UserError
from models.services import dashboard_stats
from models.services.settings import get_setting, set_setting

COLUMNS = ("状态", "到期日", "登记簿", "编号", "事项")
OVERDUE_COLOUR = QColor("#b00020")


def show_on_start(db: Database) -> bool:
    return get_setting(db, dashboard_stats.SHOW_TODAY_KEY) != "0"


class TodayTodoDialog(QDialog):
    #: a row double-clicked: the record to open (register title, key in that register)
    open_record = Signal(str, str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.setWindowTitle("今日待办")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        layout.addWidget(self.table, 1)
        hint = QLabel("双击一项打开该记录。", self)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.show_on_start = QCheckBox("启动时显示", self)
        self.show_on_start.setChecked(show_on_start(db))
        self.show_on_start.setEnabled(not db.read_only)  # a read-only database keeps its settings
        self.show_on_start.toggled.connect(
            lambda on: set_setting(self.db, dashboard_stats.SHOW_TODAY_KEY, "1" if on else "0")
        )
        layout.addWidget(self.show_on_start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.items: list[DeadlineItem] = []
        self.load()

    def load(self) -> None:
        try:
            self.items = dashboard_stats.today_todo(self.db, self.today)
        except UserError as error:
            self.items = []
            self.error.setText(str(error))
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (item.state, item.due.isoformat(), item.register, item.key, item.what)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.state == ItemState.OVERDUE.value:
                    cell.setForeground(OVERDUE_COLOUR)
                self.table.setItem(row, column, cell)
        overdue = sum(item.state == ItemState.OVERDUE.value for item in self.items)
        self.summary.setText(
            f"{self.today.year}年{self.today.month}月{self.today.day}日：已逾期 {overdue} 项，"
            f"3个工作日内到期 {len(self.items) - overdue} 项。"
            if self.items
            else "今天没有已逾期或3个工作日内到期的事项。"
        )

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.open_record.emit(item.register, item.key)
            self.accept()


def open_today_todo(window, *, today: date | None = None) -> TodayTodoDialog:  # noqa: ANN001 - MainWindow
    """The dialog, non-modal, over the main window; a double-clicked item opens in the window."""
    dialog = TodayTodoDialog(window.db, window, today=today)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_record.connect(window.open_record)
    dialog.show()
    return dialog


def show_at_start(window, *, today: date | None = None) -> TodayTodoDialog | None:  # noqa: ANN001 - MainWindow
    """After start-up: the dialog when there is something to do and the clerk keeps 启动时显示 ticked."""
    if not show_on_start(window.db):
        return None
    try:
        if not dashboard_stats.today_todo(window.db, today or date.today()):
            return None
    except UserError:
        return None
    return open_today_todo(window, today=today)
