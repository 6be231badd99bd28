"""工作台: the to-do counts of every register, each one click away from its filtered list (the main window routes
the signals to the pages' filter methods); this month's new and answered applications; the charts (built after the
first paint: QtCharts is imported only then); the unit, the calendar status and a quick working-day calculator."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGridLayout,
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
from models.domain.solicitations import SolicitationState
from models.domain.workdays import WorkCalendar, uncertainty_warning
from models.services import applications, dashboard_stats, documents, register_counts
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


URGENT_COLOUR = QColor("#b00020")  # an overdue count, 三同步 missing … (with its text: never colour alone)


def _long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


class DashboardPage(Page):
    title = "工作台"
    #: the clerk clicked a to-do count: show the register filtered by this 期限状态
    open_filter = Signal(str)
    #: the clerk clicked a 公文 count: show the 公文 list filtered by this 发布 filter (documents.PUBLISH_FILTERS)
    open_documents = Signal(str)
    #: 本月新登记 / 本月已答复: ("received" | "answered", YYYY-MM)
    open_month = Signal(str, str)
    #: 征求意见待公布采纳情况: the 征求意见 list filtered by this 状态
    open_solicitations = Signal(str)
    #: 政策解读缺失: the documents not 三同步
    open_missing_interpretations = Signal()
    #: 任务到期: the task list (or the calendar)
    open_tasks = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        self.charts: QWidget | None = None  # gui.widgets.dashboard_charts.DashboardCharts, after the first paint
        self._charts_queued = False
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        right = QVBoxLayout()
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)

        todo = QGroupBox("依申请公开待办", self)
        todo_layout = QGridLayout(todo)
        self.todo_buttons: dict[str, QPushButton] = {}
        for column, state in enumerate(
            (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.PAUSED, DeadlineState.NORMAL)
        ):
            button = self._count_button(todo, lambda s=state.value: self.open_filter.emit(s))
            self.todo_buttons[state.value] = button
            todo_layout.addWidget(button, 0, column)
        self.month_buttons: dict[str, QPushButton] = {}
        for column, kind in enumerate(("received", "answered")):
            button = self._count_button(todo, lambda k=kind: self.open_month.emit(k, self._month))
            self.month_buttons[kind] = button
            todo_layout.addWidget(button, 1, column)
        todo_layout.setColumnStretch(4, 1)
        left.addWidget(todo)

        publish = QGroupBox("主动公开待办（公文成文后20个工作日内公开）", self)
        publish_layout = QHBoxLayout(publish)
        self.document_buttons: dict[str, QPushButton] = {}
        for state in (documents.OVERDUE, documents.DUE_SOON):
            button = self._count_button(publish, lambda s=state: self.open_documents.emit(s))
            self.document_buttons[state] = button
            publish_layout.addWidget(button)
        publish_layout.addStretch(1)
        left.addWidget(publish)

        registers = QGroupBox("公文、征求意见、政策解读、任务待办", self)
        registers_layout = QGridLayout(registers)
        routes = {
            "awaiting_review": lambda: self.open_documents.emit(documents.AWAITING_REVIEW),
            "awaiting_publication": lambda: self.open_documents.emit(documents.AWAITING_PUBLICATION),
            "overdue": lambda: self.open_documents.emit(documents.OVERDUE),
            "solicitations_pending": lambda: self.open_solicitations.emit(SolicitationState.PENDING.value),
            "interpretations_missing": lambda: self.open_missing_interpretations.emit(),
        }
        self.register_buttons: dict[str, QPushButton] = {}
        for index, (key, tip) in enumerate(REGISTER_TODO):
            button = self._count_button(registers, routes[key])
            button.setToolTip(tip)
            self.register_buttons[key] = button
            registers_layout.addWidget(button, index // 3, index % 3)
        self.tasks_button = self._count_button(registers, lambda: self.open_tasks.emit())
        self.tasks_button.setToolTip("县里年度要点任务清单中已逾期或3个工作日内到期的任务")
        registers_layout.addWidget(self.tasks_button, 1, 2)
        registers_layout.setColumnStretch(3, 1)
        left.addWidget(registers)

        self.charts_box = QGroupBox("统计图", self)
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_placeholder = QLabel("正在生成统计图…", self.charts_box)
        self.charts_layout.addWidget(self.charts_placeholder)
        left.addWidget(self.charts_box, 1)

        unit = QGroupBox("本单位", self)
        unit_layout = QFormLayout(unit)
        self.unit_name = QLabel(unit)
        self.review = QLabel(unit)
        self.prefix = QLabel(unit)
        self.contact = QLabel(unit)
        for label in (self.unit_name, self.review):
            label.setWordWrap(True)
        unit_layout.addRow("单位名称：", self.unit_name)
        unit_layout.addRow("复议/诉讼：", self.review)
        unit_layout.addRow("文号前缀：", self.prefix)
        unit_layout.addRow("联系人：", self.contact)
        right.addWidget(unit)

        calendar = QGroupBox("工作日历", self)
        calendar_layout = QVBoxLayout(calendar)
        self.today_label = QLabel(calendar)
        self.coverage_label = QLabel(calendar)
        self.warning_label = QLabel(calendar)
        self.coverage_label.setWordWrap(True)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #b00020;")
        for label in (self.today_label, self.coverage_label, self.warning_label):
            calendar_layout.addWidget(label)
        right.addWidget(calendar)

        calc = QGroupBox("工作日计算（起算日当天不计，从次日起数）", self)
        calc_layout = QGridLayout(calc)
        self.calc_start = date_edit(self.today, calc)
        self.calc_days = QSpinBox(calc)
        self.calc_days.setRange(0, 366)
        self.calc_days.setValue(20)
        self.calc_result = QLabel(calc)
        self.calc_result.setWordWrap(True)
        calc_layout.addWidget(QLabel("自", calc), 0, 0)
        calc_layout.addWidget(self.calc_start, 0, 1)
        calc_layout.addWidget(QLabel("起第", calc), 0, 2)
        calc_layout.addWidget(self.calc_days, 0, 3)
        calc_layout.addWidget(QLabel("个工作日：", calc), 1, 0, 1, 2)
        calc_layout.addWidget(self.calc_result, 1, 2, 1, 2)
        self.calc_start.dateChanged.connect(lambda _day: self._calculate())
        self.calc_days.valueChanged.connect(lambda _days: self._calculate())
        right.addWidget(calc)
        right.addStretch(1)
        self._month = dashboard_stats.month_text(self.today)

    @staticmethod
    def _count_button(parent: QWidget, slot) -> QPushButton:  # noqa: ANN001 - a callable without arguments
        button = QPushButton(parent)
        button.setFlat(True)
        font = button.font()
        font.setPixelSize(14)
        button.setFont(font)
        button.clicked.connect(lambda _checked=False: slot())  # never pass the checked flag on
        return button

    @staticmethod
    def _show_count(button: QPushButton, text: str, *, urgent: bool) -> None:
        """The count's text, red when it needs the clerk. A palette, not a style sheet: a style sheet per button cost
        ≈1 ms each (parsed, the button re-polished), 15 of them at every refresh, the first one at start-up."""
        button.setText(text)
        palette = QApplication.palette(button)
        if urgent:
            for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
                palette.setColor(role, URGENT_COLOUR)
        button.setPalette(palette)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.charts is None and not self._charts_queued:  # once the counts are painted: QtCharts loads only then
            self._charts_queued = True
            QTimer.singleShot(0, self.build_charts)

    def build_charts(self) -> None:
        if self.charts is not None:
            return
        from gui.widgets.dashboard_charts import DashboardCharts  # imports PySide6.QtCharts

        self.charts = DashboardCharts(self.charts_box)
        self.charts_placeholder.hide()
        self.charts_layout.addWidget(self.charts)
        self.charts.show()  # added to a visible page: shown now, not at the next turn of the event loop
        self._update_charts()

    def _update_charts(self) -> None:
        if self.charts is None:
            return
        year = self.today.year
        self.charts.show_data(  # type: ignore[attr-defined]
            dashboard_stats.applications_per_month(self.db, self.today),
            year,
            dashboard_stats.results_by_category(self.db, year),
            dashboard_stats.on_time_rate(self.db, year),
        )

    def refresh(self) -> None:
        profile = profile_service.get_profile(self.db)
        self.unit_name.setText(profile.unit_name or "<span style='color:#b00020'>未填写（请到“设置”页填写）</span>")
        self.review.setText(f"{profile.review_organ or '未填写'} / {profile.court or '未填写'}")
        self.prefix.setText(profile.number_prefix or "未填写")
        contact = " ".join(v for v in (profile.contact_person, profile.contact_phone) if v)
        self.contact.setText(contact or "未填写")

        calendar = holiday_service.load_calendar(self.db)
        states = [DeadlineState(state) for state in self.todo_buttons]
        by_state = applications.count_by_deadline_state(self.db, states, today=self.today, calendar=calendar)
        for state, count in by_state.items():
            urgent = state == DeadlineState.OVERDUE and bool(count)
            self._show_count(self.todo_buttons[state.value], f"{state.value}：{count} 件", urgent=urgent)
        month = dashboard_stats.month_counts(self.db, self.today)
        self._month = month.month
        self._show_count(self.month_buttons["received"], f"本月新登记：{month.new} 件", urgent=False)
        self._show_count(self.month_buttons["answered"], f"本月已答复：{month.answered} 件", urgent=False)
        todo = register_counts.register_todo(self.db, self.today)
        counts = {key: getattr(todo, key) for key, _tip in REGISTER_TODO}  # 三同步: the documents the click lists
        for key, button in self.register_buttons.items():
            urgent = key in ("overdue", "solicitations_pending", "interpretations_missing") and bool(counts[key])
            self._show_count(button, f"{REGISTER_LABELS[key]}：{counts[key]} 件", urgent=urgent)
        tasks = dashboard_stats.tasks_todo(self.db, self.today, calendar=calendar)
        self._show_count(self.tasks_button, f"任务到期：{len(tasks)} 项", urgent=bool(tasks))
        for state, button in self.document_buttons.items():
            count = documents.list_page(
                self.db, documents.DocumentFilter(publish=state), today=self.today, limit=0, calendar=calendar
            ).total
            self._show_count(button, f"{state}：{count} 件", urgent=state == documents.OVERDUE and bool(count))
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
        self._calculate(calendar)
        self._update_charts()

    def _calculate(self, calendar: WorkCalendar | None = None) -> None:
        qdate = self.calc_start.date()
        start = date(qdate.year(), qdate.month(), qdate.day())
        calendar = calendar or holiday_service.load_calendar(self.db)
        result = calendar.add_working_days(start, self.calc_days.value())
        text = _long_date(result.value)
        if result.uncertain:
            text += f"<br><span style='color:#b00020'>{uncertainty_warning(result.uncertain_years)}</span>"
        self.calc_result.setText(text)
