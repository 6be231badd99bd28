"""工作台: the unit, the to-do counts (applications; documents, solicitations and interpretations), the calendar
status, and a quick working-day calculator.

The register counts are plain counts with a tooltip: the main window has no way yet to open the 公文 / 征求意见 /
政策解读 pages with a filter (`show_page` takes a row), so they are not clickable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.pages.base import Page
from gui.widgets.optional_date import date_edit
from models.db import Database
from models.domain.case import DeadlineState
from models.domain.workdays import uncertainty_warning
from models.services import applications, documents, register_counts
from models.services import holidays as holiday_service
from models.services import profile as profile_service

WEEKDAYS = "一二三四五六日"
# (RegisterTodo field, tooltip); the labels are in REGISTER_LABELS
REGISTER_TODO: tuple[tuple[str, str], ...] = (
    ("awaiting_review", "主动公开的公文，三审三校尚未完成终审，尚未发布"),
    ("awaiting_publication", "主动公开的公文，已终审，尚未发布"),
    ("overdue", "主动公开的公文，已超过发布期限（成文日期或转为主动公开之日起20个工作日，条例第二十六条）仍未发布"),
    ("solicitations_pending", "征求意见已过截止日期，采纳情况尚未公布"),
    ("interpretations_missing", "行政规范性文件或需解读的公文，同步发布的政策解读不足2种形式（三同步）"),
)
REGISTER_LABELS = {
    "awaiting_review": "公文待审核",
    "awaiting_publication": "公文待发布",
    "overdue": "公文发布逾期",
    "solicitations_pending": "征求意见待公布采纳情况",
    "interpretations_missing": "政策解读缺失（三同步）",
}


def _long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


class DashboardPage(Page):
    title = "工作台"
    #: the clerk clicked a to-do count: show the register filtered by this 期限状态
    open_filter = Signal(str)
    #: the clerk clicked a 公文 count: show the 公文 list filtered by this 发布 state (已逾期 · 3个工作日内到期)
    open_documents = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        layout = QVBoxLayout(self)

        unit = QGroupBox("本单位", self)
        unit_layout = QFormLayout(unit)
        self.unit_name = QLabel(unit)
        self.review = QLabel(unit)
        self.prefix = QLabel(unit)
        self.contact = QLabel(unit)
        unit_layout.addRow("单位名称：", self.unit_name)
        unit_layout.addRow("复议机关 / 诉讼法院：", self.review)
        unit_layout.addRow("文号前缀：", self.prefix)
        unit_layout.addRow("联系人：", self.contact)
        layout.addWidget(unit)

        todo = QGroupBox("依申请公开待办", self)
        todo_layout = QHBoxLayout(todo)
        self.todo_buttons: dict[str, QPushButton] = {}
        for state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.PAUSED, DeadlineState.NORMAL):
            button = QPushButton(todo)
            button.setFlat(True)
            button.clicked.connect(lambda _checked=False, s=state.value: self.open_filter.emit(s))
            self.todo_buttons[state.value] = button
            todo_layout.addWidget(button)
        todo_layout.addStretch(1)
        layout.addWidget(todo)
        publish = QGroupBox("主动公开待办（公文成文后20个工作日内公开）", self)
        publish_layout = QHBoxLayout(publish)
        self.document_buttons: dict[str, QPushButton] = {}
        for state in ("已逾期", "3个工作日内到期"):
            button = QPushButton(publish)
            button.setFlat(True)
            button.clicked.connect(lambda _checked=False, s=state: self.open_documents.emit(s))
            self.document_buttons[state] = button
            publish_layout.addWidget(button)
        publish_layout.addStretch(1)
        layout.addWidget(publish)

        registers = QGroupBox("公文、征求意见、政策解读待办", self)
        registers_layout = QHBoxLayout(registers)
        self.register_labels: dict[str, QLabel] = {}
        for key, tip in REGISTER_TODO:
            label = QLabel(registers)
            label.setToolTip(tip)
            self.register_labels[key] = label
            registers_layout.addWidget(label)
        registers_layout.addStretch(1)
        layout.addWidget(registers)

        calendar = QGroupBox("工作日历", self)
        calendar_layout = QVBoxLayout(calendar)
        self.today_label = QLabel(calendar)
        self.coverage_label = QLabel(calendar)
        self.warning_label = QLabel(calendar)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #b00020;")
        for label in (self.today_label, self.coverage_label, self.warning_label):
            calendar_layout.addWidget(label)
        layout.addWidget(calendar)

        calc = QGroupBox("工作日计算（起算日当天不计，从次日起数）", self)
        calc_layout = QHBoxLayout(calc)
        self.calc_start = date_edit(self.today, calc)
        self.calc_days = QSpinBox(calc)
        self.calc_days.setRange(0, 366)
        self.calc_days.setValue(20)
        self.calc_result = QLabel(calc)
        calc_layout.addWidget(QLabel("自", calc))
        calc_layout.addWidget(self.calc_start)
        calc_layout.addWidget(QLabel("起第", calc))
        calc_layout.addWidget(self.calc_days)
        calc_layout.addWidget(QLabel("个工作日：", calc))
        calc_layout.addWidget(self.calc_result, 1)
        self.calc_start.dateChanged.connect(self._calculate)
        self.calc_days.valueChanged.connect(self._calculate)
        layout.addWidget(calc)
        layout.addStretch(1)

    def refresh(self) -> None:
        profile = profile_service.get_profile(self.db)
        self.unit_name.setText(profile.unit_name or "<span style='color:#b00020'>未填写（请到“设置”页填写）</span>")
        self.review.setText(f"{profile.review_organ or '未填写'} / {profile.court or '未填写'}")
        self.prefix.setText(profile.number_prefix or "未填写")
        contact = " ".join(v for v in (profile.contact_person, profile.contact_phone) if v)
        self.contact.setText(contact or "未填写")

        calendar = holiday_service.load_calendar(self.db)
        for state, button in self.todo_buttons.items():
            count = applications.count_applications(
                self.db, applications.ListFilter(deadline_state=state), today=self.today, calendar=calendar
            )
            button.setText(f"{state}：{count} 件")
            color = "#b00020" if state == DeadlineState.OVERDUE and count else ""
            button.setStyleSheet(f"color: {color}; font-size: 14px;" if color else "font-size: 14px;")
        todo = register_counts.register_todo(self.db, self.today)
        for key, label in self.register_labels.items():
            count = getattr(todo, key)
            label.setText(f"{REGISTER_LABELS[key]}：{count} 件")
            urgent = key in ("overdue", "solicitations_pending", "interpretations_missing") and count
            label.setStyleSheet("color: #b00020; font-size: 14px;" if urgent else "font-size: 14px;")
        for state, button in self.document_buttons.items():
            count = documents.list_page(
                self.db, documents.DocumentFilter(publish=state), today=self.today, limit=0, calendar=calendar
            ).total
            button.setText(f"{state}：{count} 件")
            button.setStyleSheet(
                "color: #b00020; font-size: 14px;" if state == "已逾期" and count else "font-size: 14px;"
            )
        kind = "工作日" if calendar.is_working_day(self.today) else "休息日"
        self.today_label.setText(f"今天是 {_long_date(self.today)}，{kind}。")
        self.coverage_label.setText(calendar.coverage_label())
        missing = [y for y in (self.today.year, self.today.year + 1) if not calendar.covers(y)]
        if missing:
            self.warning_label.setText(
                uncertainty_warning(missing) + "。国务院通常在每年10月底至12月初公布下一年安排，"
                "公布后请在“节假日”页导入。"
            )
        else:
            self.warning_label.setText("")
        self._calculate()

    def _calculate(self) -> None:
        qdate = self.calc_start.date()
        start = date(qdate.year(), qdate.month(), qdate.day())
        result = holiday_service.load_calendar(self.db).add_working_days(start, self.calc_days.value())
        text = _long_date(result.value)
        if result.uncertain:
            text += f"<br><span style='color:#b00020'>{uncertainty_warning(result.uncertain_years)}</span>"
        self.calc_result.setText(text)
