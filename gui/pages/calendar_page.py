"""期限日历: every deadline of every register in a month, week or agenda (日程) view. Each day shows 休/班 and ? for a
year without holiday data; items are coloured AND tagged by state. Filters by 登记簿 and 承办人; 上月/今天/下月,
PageUp/PageDown, arrows and Enter; a double-click (or Enter) on an item emits `open_record(register, key)`, which the
main window routes to the record's page. 打印本月(PDF)… and 导出日历(.ics)… run in the background."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from gui.pages.base import Page
from gui.widgets.calendar_agenda import AgendaView
from gui.widgets.calendar_grid import CalendarGridView, Cell
from gui.workers import run_in_background
from models.db import Database
from models.domain.deadline_calendar import (
    STATE_LEGEND,
    UNCERTAIN_TIP,
    DeadlineItem,
    ItemState,
    Register,
    matches,
    month_grid,
)
from models.services import deadline_calendar as service

ALL = "全部"
MONTH, WEEK, AGENDA = "月", "周", "日程"
ICS_DAYS = 365  # 导出日历: from the shown month's first day, one year ahead


def _shift_month(day: date, months: int) -> date:
    """The same day of the month `months` later (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


class CalendarPage(Page):
    title = "期限日历"
    open_record = Signal(str, str)  # (register, key): the main window shows the record
    synchronous_jobs = False  # tests run the background work inline

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        self.selected = self.today
        self.shown = self.today.replace(day=1)  # the month shown
        self.days: list[service.CalendarDay] = []  # the six weeks of the shown month, unfiltered
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, action in (
            ("上月", lambda: self.step_month(-1)),
            ("今天", lambda: self.go_today()),
            ("下月", lambda: self.step_month(1)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=action: act())
            bar.addWidget(button)
            self.buttons[text] = button
        self.month_label = QLabel(self)
        self.month_label.setStyleSheet("font-size: 17px; font-weight: bold; padding: 0 12px;")
        bar.addWidget(self.month_label)
        bar.addStretch(1)
        bar.addWidget(QLabel("视图", self))
        self.view_tabs = QTabBar(self)
        for name in (MONTH, WEEK, AGENDA):
            self.view_tabs.addTab(name)
        self.view_tabs.currentChanged.connect(lambda _i: self._show_view())
        bar.addWidget(self.view_tabs)
        layout.addLayout(bar)

        filters = QHBoxLayout()
        self.register_filter = QComboBox(self)
        self.register_filter.addItems([ALL, *(r.value for r in Register)])
        self.owner_filter = QComboBox(self)
        self.owner_filter.addItem(ALL)
        self.owner_filter.setMinimumWidth(110)
        for label, combo in (("登记簿", self.register_filter), ("承办人", self.owner_filter)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self._fill_views())
        self.summary = QLabel(self)
        filters.addWidget(self.summary, 1)
        for text, action in (
            ("打印本月(PDF)…", lambda: self.print_month()),
            ("导出日历(.ics)…", lambda: self.export_ics()),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=action: act())
            filters.addWidget(button)
            self.buttons[text] = button
        layout.addLayout(filters)

        self.uncertain_label = QLabel(self)
        self.uncertain_label.setStyleSheet("color: #6D4C41; background: #FFF8E1; padding: 3px;")
        self.uncertain_label.setVisible(False)
        layout.addWidget(self.uncertain_label)

        self.stack = QStackedWidget(self)
        self.grid = CalendarGridView(self.stack)
        self.agenda = AgendaView(self.stack)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.agenda)
        layout.addWidget(self.stack, 1)
        legend = QLabel(
            STATE_LEGEND + "；休：法定节假日放假，班：调休上班，？：" + UNCERTAIN_TIP + "。双击事项打开记录。", self
        )
        legend.setWordWrap(True)
        layout.addWidget(legend)

        self.grid.item_activated.connect(self._open)
        self.agenda.item_activated.connect(self._open)
        self.grid.more_requested.connect(self.show_agenda_of)
        self.grid.day_step.connect(lambda step: self.select_day(self.selected + timedelta(days=step)))
        self.grid.month_step.connect(lambda step: self.step_month(step))
        self.grid.enter_pressed.connect(lambda: self.open_selected_day())
        self.grid.selectionModel().currentChanged.connect(self._grid_day_clicked)

    # -- loading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        first, last = month_grid(self.shown.year, self.shown.month)
        self.days = service.days_between(self.db, first, last, today=self.today)
        self._fill_owners()
        self._fill_views()

    def _fill_owners(self) -> None:
        current = self.owner_filter.currentText()
        owners = sorted({i.owner for d in self.days for i in d.items if i.owner} | ({current} - {ALL}))
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItems([ALL, *owners])
        self.owner_filter.setCurrentText(current)
        self.owner_filter.blockSignals(False)

    def filters(self) -> tuple[str, str]:
        register, owner = self.register_filter.currentText(), self.owner_filter.currentText()
        return ("" if register == ALL else register), ("" if owner == ALL else owner)

    def _cells(self) -> list[Cell]:
        register, owner = self.filters()
        month = self.shown.month
        if not (register or owner):
            return [Cell(d.day, d.mark, d.uncertain, d.day.month == month, d.items) for d in self.days]
        return [
            Cell(d.day, d.mark, d.uncertain, d.day.month == month, [i for i in d.items if matches(i, register, owner)])
            for d in self.days
        ]

    def _fill_views(self) -> None:
        cells = self._cells()
        in_month = [c for c in cells if c.in_month]
        self.month_label.setText(f"{self.shown.year}年{self.shown.month}月")
        states = Counter(i.state for c in in_month for i in c.items)
        overdue, soon = states[ItemState.OVERDUE.value], states[ItemState.DUE_SOON.value]
        self.summary.setText(f"本月 {states.total()} 项（已逾期 {overdue} · 3个工作日内到期 {soon}）")
        uncertain = any(c.uncertain for c in in_month)
        self.uncertain_label.setVisible(uncertain)
        if uncertain:
            self.uncertain_label.setText(
                f"？ {self.shown.year}年{UNCERTAIN_TIP}：休/班标记和期限可能不准确（请在“节假日”页录入）。"
            )
        if self.view_tabs.currentIndex() == 1:  # 周: the week of the selected day
            start = self.selected - timedelta(days=self.selected.weekday())
            cells = [c for c in cells if start <= c.day < start + timedelta(days=7)]
            end = start + timedelta(days=6)
            self.month_label.setText(f"{start.year}年{start.month}月{start.day}日—{end.month}月{end.day}日")
        self.grid.delegate.today = self.today
        self.grid.grid_model.set_cells(cells)
        if self.view_tabs.currentIndex() == 2:  # 日程: built only when shown (10,000 rows in a busy month)
            self.agenda.agenda_model.set_rows([(i, c.mark) for c in in_month for i in c.items])
        self._select_in_views()

    def _select_in_views(self) -> None:
        index = self.grid.grid_model.index_of(self.selected)
        if index.isValid():
            self.grid.selectionModel().blockSignals(True)
            self.grid.setCurrentIndex(index)
            self.grid.selectionModel().blockSignals(False)
            self.grid.viewport().update()

    # -- navigation -----------------------------------------------------------------------------------------
    def _show_view(self) -> None:
        self.stack.setCurrentWidget(self.agenda if self.view_tabs.currentIndex() == 2 else self.grid)
        self._fill_views()
        if self.view_tabs.currentIndex() == 2:
            self._scroll_agenda_to(self.selected)

    def show_month(self, day: date) -> None:
        """Show the month of `day` with `day` selected."""
        self.selected = day
        if (day.year, day.month) != (self.shown.year, self.shown.month):
            self.shown = day.replace(day=1)
            self.refresh()
        else:
            self._fill_views()

    def step_month(self, months: int) -> None:
        self.show_month(_shift_month(self.selected, months))

    def go_today(self) -> None:
        self.show_month(self.today)

    def select_day(self, day: date) -> None:
        self.show_month(day)

    def _grid_day_clicked(self, current, _previous) -> None:  # noqa: ANN001
        cell = self.grid.grid_model.cell_at(current)
        if cell is not None:
            self.selected = cell.day  # a greyed day of the next/previous month stays selected in this month's grid

    def show_agenda_of(self, day: date) -> None:
        """另N项 (or Enter on a day with several items): the agenda, scrolled to the day."""
        self.selected = day
        if (day.year, day.month) != (self.shown.year, self.shown.month):
            self.show_month(day)
        self.view_tabs.setCurrentIndex(2)
        self._scroll_agenda_to(day)

    def _scroll_agenda_to(self, day: date) -> None:
        row = self.agenda.agenda_model.first_row_of(day)
        if row >= 0:
            self.agenda.selectRow(row)
            self.agenda.scrollTo(self.agenda.agenda_model.index(row, 0))
        self.agenda.setFocus()

    def open_selected_day(self) -> None:
        cell = self.grid.grid_model.cell_at(self.grid.grid_model.index_of(self.selected))
        if cell is None or not cell.items:
            return
        if len(cell.items) == 1:
            self._open(cell.items[0])
        else:
            self.show_agenda_of(cell.day)

    def _open(self, item: DeadlineItem) -> None:
        self.open_record.emit(item.register, item.key)

    # -- files --------------------------------------------------------------------------------------------
    def _ask_path(self, title: str, name: str, kind: str) -> Path | None:
        """The file to write (`name` suggested in the home folder), with its suffix added when typed without."""
        suffix = Path(name).suffix
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), f"{kind} (*{suffix})")
        if not path:
            return None
        return Path(path) if path.lower().endswith(suffix) else Path(path + suffix)

    def print_month(self) -> None:
        year, month = self.shown.year, self.shown.month
        target = self._ask_path("打印本月（PDF）", f"期限日历-{year}-{month:02d}.pdf", "PDF 文件")
        if target is None:
            return
        register, owner = self.filters()

        def done(result) -> None:  # noqa: ANN001
            if result.warning():
                QMessageBox.warning(self, "打印本月", result.warning())
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

        run_in_background(
            self,
            "正在生成PDF…",
            lambda _progress: service.write_month_pdf(
                self.db, year, month, target, today=self.today, register=register, owner=owner
            ),
            done,
            synchronous=self.synchronous_jobs,
        )

    def export_ics(self) -> None:
        start = self.shown
        end = start + timedelta(days=ICS_DAYS)
        target = self._ask_path("导出日历（.ics）", f"期限日历-{start:%Y%m}.ics", "日历文件")
        if target is None:
            return
        register, owner = self.filters()

        def work(_progress) -> int:  # noqa: ANN001
            from exporters.calendar_ics import write_ics  # icalendar: loaded only when exporting

            items = [
                i for i in service.list_items(self.db, start, end, today=self.today) if matches(i, register, owner)
            ]
            write_ics(target, items)
            return len(items)

        def done(count: int) -> None:
            QMessageBox.information(
                self,
                "导出日历",
                f"已导出 {count} 项期限（{start.isoformat()} 至 {end.isoformat()}）到：\n{target}\n"
                "可导入Outlook、WPS日历或手机日历。",
            )

        run_in_background(self, "正在导出日历…", work, done, synchronous=self.synchronous_jobs)
