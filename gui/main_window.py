"""The main window: a left navigation of pages, a status bar, and the about box.

Start-up (gui/app.py): `MainWindow()` is the shell — navigation, stack and status bar, drawn before the database
is opened and before SQLAlchemy or any page module is imported; `attach(db)` then builds the pages. A page loads
when it is shown (gui/pages/base.py); after data changed only the visible page reloads, the others when shown.
`start_daily_work()` runs the first start of a day (every open case's cached deadline, the automatic backup) in
the background; the pages reload when it is done.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal  # not Qt: its enums cost 15 ms before the paint
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from gui.pages.base import Page
from gui.screen_fit import cap_size
from gui.workers import run_in_background
from models.version import APP_NAME, __version__

if TYPE_CHECKING:
    from models.db import Database

#: the navigation in order: (module in gui/pages, Page class). A page's module is imported when the page is built
#: (attach), never at the top: the window's shell is drawn before SQLAlchemy and the pages' libraries load.
PAGES: tuple[tuple[str, str], ...] = (
    ("dashboard_page", "DashboardPage"),
    ("calendar_page", "CalendarPage"),
    ("applications_page", "ApplicationsPage"),
    ("documents_page", "DocumentsPage"),
    ("solicitations_page", "SolicitationsPage"),
    ("interpretations_page", "InterpretationsPage"),
    ("tasks_page", "TasksPage"),
    ("holidays_page", "HolidaysPage"),
    ("reports_page", "ReportsPage"),
    ("letters_page", "LettersPage"),
    ("settings_page", "SettingsPage"),
)


class _AfterPaint(QObject):
    """Calls `then` once, in the event-loop turn after `target`'s next paint (or after `fallback_ms` when it is
    not painted, e.g. started minimised)."""

    _alive: set[_AfterPaint] = set()  # kept until fired (the filter's Python side must outlive its events)

    def __init__(self, target: QWidget, then: Callable[[], None], fallback_ms: int) -> None:
        super().__init__()
        self._target, self._then, self._done = target, then, False
        self._alive.add(self)
        target.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._done and event.type() == QEvent.Type.Paint and watched is self._target:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self._alive.discard(self)
        if shiboken6.isValid(self._target):  # else the window is already gone
            self._target.removeEventFilter(self)
            self._then()


def after_next_paint(target: QWidget, then: Callable[[], None], fallback_ms: int = 1000) -> None:
    """Run `then` once `target` has been painted (start-up: draw first, then load)."""
    _AfterPaint(target, then, fallback_ms)


def build_page(module: str, name: str, db: Database, today: date | None) -> Page:
    """Import gui/pages/<module>.py and build its page (with `today` when the page takes one)."""
    page_class = getattr(importlib.import_module(f"gui.pages.{module}"), name)
    takes_today = "today" in inspect.signature(page_class.__init__).parameters
    return page_class(db, today=today) if takes_today else page_class(db)


class MainWindow(QMainWindow):
    #: the first start of a day's work finished (cached deadlines refreshed, automatic backup made)
    daily_work_done = Signal()
    #: every page is built (attach), the menus too
    pages_attached = Signal()

    def __init__(self, db: Database | None = None, *, today: date | None = None) -> None:
        super().__init__()
        self.db: Database = None  # type: ignore[assignment]  # set by attach()
        self.today = today
        self.pages: list[Page] = []
        self.daily_work_on: date | None = None  # the day start_daily_work() last ran for
        self.daily_work_running = False
        self.attaching = False
        self.setWindowTitle(APP_NAME)
        cap_size(self, 1280, 760)  # never taller or wider than the usable screen (1366×728 in townships)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget(central)
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px; }")
        self.stack = QStackedWidget(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel("正在打开数据库…")
        self.calendar_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.calendar_label)
        if db is not None:
            self.attach(db)

    def attach(self, db: Database, *, staged: bool = False) -> None:
        """Build the pages over the opened database; the visible page (工作台) loads as it is shown.

        `staged=True` (the start-up): the first page now, then one page per event-loop turn, so that the dashboard's
        counts are on screen before the other pages' modules are even imported; `attaching` is True meanwhile."""
        self.db = db
        self.setWindowTitle(f"{APP_NAME} — {db.url.database if db.url is not None else db.path.name}")
        from models import paths

        portable = "（便携模式）" if paths.uses_portable_data(db.path) else ""
        self.db_label.setText(f"数据库：{db.display_name}{portable}")
        self.attaching = True
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(lambda _row: self._new_day_check())
        remaining = list(PAGES)
        if staged:  # the dashboard loads as it is shown; the others once its counts are painted
            self._add_page(*remaining.pop(0))
            self.nav.setCurrentRow(0)
            after_next_paint(self, lambda: self._add_pages(remaining, staged=True))
            return
        self._add_pages(remaining, staged=False)

    def _add_pages(self, remaining: list[tuple[str, str]], *, staged: bool) -> None:
        if staged and remaining:
            self._add_page(*remaining.pop(0))
            QTimer.singleShot(0, lambda: self._add_pages(remaining, staged=True))  # one page per turn
            return
        for module, name in remaining:
            self._add_page(module, name)
        self._pages_added()

    def _add_page(self, module: str, name: str) -> None:
        page = build_page(module, name, self.db, self.today)
        self.pages.append(page)
        self.nav.addItem(page.title)
        self.stack.addWidget(page)
        page.data_changed.connect(self.refresh_all)

    def _pages_added(self) -> None:
        from gui.security_menu import install_security_menu

        self._connect_pages()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        self._build_menu()
        install_security_menu(self, today=self.today)  # 审计日志, 用户和登录, 匿名化 (issue 9 §5)
        from gui.widgets.unit_selector import install_unit_selector

        self.unit_selector = install_unit_selector(self)  # 当前单位 (issue 13), on a database with several units
        self.refresh_status()
        self.attaching = False
        self.pages_attached.emit()

    def _connect_pages(self) -> None:
        """The links between pages: the 工作台 counts open filtered lists, a deadline item opens its record."""
        dashboard = self.page("工作台")
        dashboard.open_filter.connect(lambda state: self._show(self.page("依申请公开"), deadline_state=state))
        dashboard.open_month.connect(
            lambda kind, month: self._show(self.page("依申请公开"), **{f"{kind}_month": month})
        )
        dashboard.open_documents.connect(lambda state: self._show(self.page("公文"), state, method="show_publish"))
        dashboard.open_solicitations.connect(
            lambda state: self._show(self.page("征求意见"), state, method="show_state")
        )
        dashboard.open_missing_interpretations.connect(lambda: self._show(self.page("政策解读"), method="show_missing"))
        dashboard.open_tasks.connect(lambda: self._show(self.tasks_page(), method="show_due"))
        dashboard.tasks_button.setEnabled(self.tasks_page() is not None)
        self.page("公文").add_interpretation_requested.connect(lambda doc_id: self.add_interpretation(doc_id))
        self.page("期限日历").open_record.connect(self.open_record)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        backup_action = QAction("备份全部数据(&B)…", self)
        backup_action.triggered.connect(lambda: self.backup())
        file_menu.addAction(backup_action)
        restore_action = QAction("备份与恢复(&R)…", self)
        restore_action.triggered.connect(lambda: self.show_backup_dialog())
        file_menu.addAction(restore_action)
        for text, mode in (("导出同步包(&E)…", "export"), ("导入同步包(&I)…", "import")):  # issue 13: offline units
            sync_action = QAction(text, self)
            sync_action.triggered.connect(lambda _checked=False, m=mode: self.show_sync_dialog(m))
            file_menu.addAction(sync_action)
        folder_action = QAction("打开数据文件夹(&O)", self)
        folder_action.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.path.parent))))
        file_menu.addAction(folder_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(lambda: self.close())
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu("转到(&G)")
        for row, page in enumerate(self.pages):
            action = QAction(page.title, self)
            if row < 9:  # Ctrl+1 … Ctrl+9; the later pages only by menu or click
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.show_page(r))
            go_menu.addAction(action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        from gui.widgets.help_panel import install_help

        self.help_panel = install_help(self, self.stack, help_menu, data_folder=self.db.path.parent)  # F1, 使用说明
        about = QAction("关于(&A)", self)
        about.triggered.connect(lambda: self.show_about())
        help_menu.addAction(about)

    synchronous_jobs = False  # tests run background work inline

    def show_backup_dialog(self) -> None:
        from gui.dialogs.backup_dialog import show_backup_dialog

        show_backup_dialog(self)

    def show_sync_dialog(self, mode: str) -> None:
        from gui.dialogs.sync_dialog import show_sync_dialog

        show_sync_dialog(self, mode)

    def backup(self, path: str | None = None) -> None:
        """Back up the database and the folders beside it into one zip, in the background with progress."""
        from gui.dialogs.backup_dialog import refuse_on_server
        from models.services.backup import backup_to, default_backup_name

        if refuse_on_server(self):  # a server database: pg_dump by the county's IT
            return
        if path is None:
            suggested = str(Path.home() / default_backup_name(self.db))
            path, _ = QFileDialog.getSaveFileName(self, "备份全部数据", suggested, "备份文件 (*.zip)")
        if not path:
            return
        target = Path(path)
        run_in_background(
            self,
            "正在备份…",
            lambda progress: backup_to(self.db, target, progress=progress),
            lambda saved: QMessageBox.information(self, "备份完成", f"已备份到：\n{saved}"),
            synchronous=self.synchronous_jobs,
        )

    def _show(self, page: Page | None, *args: str, method: str = "show_filtered", **filters: str) -> None:
        """A 工作台 count clicked: show the page (it loads once), then set its filter through its `method`."""
        if page is None:
            return
        self.show_page(self.pages.index(page))
        if hasattr(page, method):
            getattr(page, method)(*args, **filters)

    def tasks_page(self) -> Page | None:
        """Where 任务到期 leads: the 任务清单 page, else the 期限日历, else nowhere."""
        titles = {p.title: p for p in self.pages}
        return titles.get("任务清单") or titles.get("期限日历")

    def open_record(self, register: str, key: str) -> None:
        """A deadline item (今日待办, 期限日历) opened: its register's page, with the record selected."""
        from gui.widgets.calendar_routing import open_record

        open_record(self, register, key)

    def add_interpretation(self, document_id: int) -> None:
        """添加解读… on a 公文: the 政策解读 form for that document; every page reloads once it is saved."""
        from gui.dialogs.interpretation_form import InterpretationFormDialog

        dialog = InterpretationFormDialog(self.db, document_id, self, today=self.page("公文").today)
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refresh_all())
        dialog.open()

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def page(self, title: str) -> Page:
        return next(p for p in self.pages if p.title == title)

    def refresh_status(self) -> None:
        from models.services import holidays as holiday_service

        self.calendar_label.setText(holiday_service.load_calendar(self.db).coverage_label())

    def refresh_all(self) -> None:
        """Data changed: the visible page reloads now, the others when they are next shown."""
        sender = self.sender()
        for page in self.pages:
            if page is not sender:
                page.mark_stale()
        self.refresh_status()

    def start_daily_work(self) -> None:
        """The first start of a day, in the background with its own sessions (SQLite WAL: the pages read
        meanwhile): refresh every open case's and document's cached deadline, then the automatic backup (with
        retention) and the sweep of stale temporary files. The pages reload when it is done."""
        if self.daily_work_running:
            return
        if self.db.read_only:  # a second window: the one that writes does it
            self.daily_work_done.emit()
            return
        db, today = self.db, self.today or date.today()
        self.daily_work_on, self.daily_work_running = today, True
        self.statusBar().showMessage("正在更新今天的期限和自动备份…")

        def work(_progress: object) -> bool:
            from models.services import applications, documents
            from models.services.backup import startup_housekeeping

            changed = applications.refresh_if_new_day(db, today=today)
            changed = documents.refresh_if_new_day(db, today=today) or changed
            if not db.is_server:  # a server database is backed up by the county (pg_dump)
                startup_housekeeping(db.path)
            return changed

        def done(changed: bool) -> None:
            self.daily_work_running = False
            self.statusBar().clearMessage()
            if changed:
                self.refresh_all()
            self.daily_work_done.emit()

        run_in_background(self, "", work, done, synchronous=self.synchronous_jobs, quiet=True)

    def _new_day_check(self) -> None:
        """The window stayed open past midnight: the day's work runs again (once)."""
        if self.daily_work_on is not None and (self.today or date.today()) != self.daily_work_on:
            self.start_daily_work()

    def about_text(self) -> str:
        from models import paths

        return (
            f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
            "<p>乡镇、县级单位政府信息公开工作台：依申请公开登记与期限、答复文书、报表。</p>"
            "<p>依据《中华人民共和国政府信息公开条例》（2019年修订）。</p>"
            f"<p>数据库：{self.db.display_name}</p>"
            + ("<p>便携模式：数据保存在程序旁的“数据”文件夹中。</p>" if paths.uses_portable_data(self.db.path) else "")
        )

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, f"关于{APP_NAME}", self.about_text(), parent=self)
        from PySide6.QtCore import Qt

        box.setTextFormat(Qt.TextFormat.RichText)
        box.exec()
