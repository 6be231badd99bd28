"""节假日: the year's holidays and 调休 days, the notice import (parse → confirm → store), manual days."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.calendar_days_model import CalendarDaysTableModel, DayRow
from gui.widgets.optional_date import date_edit
from models.db import Database
from models.domain.errors import UserError
from models.domain.holiday_notice import ParsedArrangement
from models.domain.workdays import DayKind, uncertainty_warning
from models.services import holidays as holiday_service
from models.textfiles import read_text_file


def _table(model: CalendarDaysTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class HolidaysPage(Page):
    title = "节假日"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self._parsed: ParsedArrangement | None = None
        today = today or date.today()
        layout = QHBoxLayout(self)
        splitter = QSplitter(self)
        layout.addWidget(splitter)

        # Left: the saved days of one year.
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel("年份：", left))
        self.year = QSpinBox(left)
        self.year.setRange(2004, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(self.refresh)
        year_row.addWidget(self.year)
        self.coverage = QLabel("", left)
        self.coverage.setWordWrap(True)
        year_row.addWidget(self.coverage, 1)
        left_layout.addLayout(year_row)
        self.days_model = CalendarDaysTableModel()
        self.days_view = _table(self.days_model, left)
        left_layout.addWidget(self.days_view)

        manual = QGroupBox("手工设置某一天（优先于其他来源）", left)
        manual_layout = QHBoxLayout(manual)
        self.manual_date = date_edit(today, manual)
        self.manual_kind = QComboBox(manual)
        self.manual_kind.addItems(["放假", "上班", "恢复默认"])
        self.manual_note = QLineEdit(manual)
        self.manual_note.setPlaceholderText("说明（如：防汛演练补班）")
        self.manual_save = QPushButton("保存", manual)
        self.manual_save.clicked.connect(lambda: self.save_manual_day())
        for widget in (self.manual_date, self.manual_kind, self.manual_note, self.manual_save):
            manual_layout.addWidget(widget)
        left_layout.addWidget(manual)

        # Right: paste a State Council notice, parse, check, confirm.
        right = QGroupBox("导入国务院节假日安排通知", splitter)
        right_layout = QVBoxLayout(right)
        hint = QLabel(
            "把国务院办公厅通知的全文粘贴到下面（或读取文本/CSV文件），点“解析”，核对解析出的日期后点“确认导入”。"
            "通知开头的放假原则段落不会被当作安排。",
            right,
        )
        hint.setWordWrap(True)
        right_layout.addWidget(hint)
        self.notice_text = QPlainTextEdit(right)
        self.notice_text.setPlaceholderText(
            "例：六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"
        )
        right_layout.addWidget(self.notice_text, 2)
        parse_row = QHBoxLayout()
        parse_row.addWidget(QLabel("通知年份：", right))
        self.notice_year = QSpinBox(right)
        self.notice_year.setRange(0, 2100)
        self.notice_year.setSpecialValueText("按标题")
        self.notice_year.setValue(0)
        parse_row.addWidget(self.notice_year)
        self.open_file_button = QPushButton("读取文件…", right)
        self.open_file_button.clicked.connect(lambda: self.open_file())
        self.parse_button = QPushButton("解析", right)
        self.parse_button.clicked.connect(lambda: self.parse())
        parse_row.addStretch(1)
        parse_row.addWidget(self.open_file_button)
        parse_row.addWidget(self.parse_button)
        right_layout.addLayout(parse_row)
        self.preview_model = CalendarDaysTableModel()
        self.preview_view = _table(self.preview_model, right)
        right_layout.addWidget(self.preview_view, 3)
        self.preview_note = QLabel("", right)
        self.preview_note.setWordWrap(True)
        right_layout.addWidget(self.preview_note)
        self.confirm_button = QPushButton("确认导入", right)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(lambda: self.confirm_import())
        right_layout.addWidget(self.confirm_button)
        splitter.setSizes([520, 480])

    def refresh(self) -> None:
        year = self.year.value()
        days, covered = holiday_service.list_year(self.db, year)
        self.days_model.set_rows([DayRow(d.day, d.kind.value, d.holiday, d.source) for d in days])
        if covered:
            self.coverage.setText(f"{year}年节假日安排已录入，共 {len(days)} 个特殊日期。")
            self.coverage.setStyleSheet("")
        else:
            self.coverage.setText(uncertainty_warning([year]) + "。请导入国务院通知。")
            self.coverage.setStyleSheet("color: #b00020;")

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择通知文本或CSV", "", "文本或CSV (*.txt *.csv);;所有文件 (*)")
        if not name:
            return
        try:
            self.notice_text.setPlainText(read_text_file(Path(name)))
        except UserError as error:
            show_user_error(self, error)
            return
        self.parse()

    def parse(self) -> None:
        self._parsed = None
        self.confirm_button.setText("确认导入")
        self.confirm_button.setEnabled(False)
        try:
            parsed = holiday_service.preview(self.notice_text.toPlainText(), self.notice_year.value() or None)
        except UserError as error:
            self.preview_model.set_rows([])
            self.preview_note.setText(f"<span style='color:#b00020'>{error.full_text()}</span>")
            return
        self._parsed = parsed
        self.preview_model.set_rows([DayRow(d.day, d.kind.value, d.holiday, "待导入") for d in parsed.days])
        rest = sum(1 for d in parsed.days if d.kind is DayKind.REST)
        years = "、".join(str(y) for y in parsed.years)
        text = f"解析出 {years} 年放假 {rest} 天、调休上班 {len(parsed.days) - rest} 天。请核对后确认导入。"
        warnings = list(parsed.warnings)
        if parsed.missing:
            warnings.append(self._incomplete_text(parsed))
        if warnings:
            text += "<br><span style='color:#b00020'>" + "<br>".join(warnings) + "</span>"
        plan = holiday_service.plan_import(self.db, parsed)
        if plan.needs_confirmation:  # a year with data already: show what the import changes before it is confirmed
            changes = "<br>".join(escape(line) for line in plan.change_lines())
            text += f"<br><b>{escape(plan.summary())}</b><br>{changes}<br>确认导入即按以上变化保存。"
        self.preview_note.setText(text)
        self.confirm_button.setText("确认导入（会改变已有安排）" if plan.needs_confirmation else "确认导入")
        self.confirm_button.setEnabled(True)

    @staticmethod
    def _incomplete_text(parsed: ParsedArrangement) -> str:
        years = "、".join(str(y) for y in parsed.years)
        return (
            f"通知中没有{'、'.join(parsed.missing)}的安排：读到的日期可以导入，但{years}年的节假日安排仍按不完整处理，"
            "涉及该年的期限会标注“可能不准确”。请粘贴完整的通知正文。"
        )

    def confirm_import(self) -> None:
        if self._parsed is None:
            return
        try:
            outcome = holiday_service.import_arrangement(self.db, self._parsed)
        except UserError as error:
            show_user_error(self, error)
            return
        kept = f"，{len(outcome.kept_manual)} 天保留了手工设置" if outcome.kept_manual else ""
        text = f"已导入 {outcome.stored} 天{kept}。相关期限已按新日历重新计算。"
        if self._parsed is not None and self._parsed.missing:
            text += f"<br><span style='color:#b00020'>{self._incomplete_text(self._parsed)}</span>"
        self.preview_note.setText(text)
        self.confirm_button.setText("确认导入")
        self.confirm_button.setEnabled(False)
        self._parsed = None
        self.year.setValue(outcome.years[0])
        self.refresh()
        self.data_changed.emit()

    def save_manual_day(self) -> None:
        if self.manual_date.error():  # a typed impossible date is shown on the field; nothing is saved
            self.manual_date.setFocus()
            return
        qdate = self.manual_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        kind = {"放假": DayKind.REST, "上班": DayKind.WORK}.get(self.manual_kind.currentText())
        holiday_service.set_manual_day(self.db, day, kind, self.manual_note.text().strip())
        self.year.setValue(day.year)
        self.refresh()
        self.data_changed.emit()
