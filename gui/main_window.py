"""The main window: a left navigation of pages, a status bar, and the about box."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
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

from gui.dialogs.backup_dialog import show_backup_dialog
from gui.pages.applications_page import ApplicationsPage
from gui.pages.base import Page
from gui.pages.calendar_page import CalendarPage
from gui.pages.dashboard_page import DashboardPage
from gui.pages.documents_page import DocumentsPage
from gui.pages.holidays_page import HolidaysPage
from gui.pages.interpretations_page import InterpretationsPage
from gui.pages.letters_page import LettersPage
from gui.pages.reports_page import ReportsPage
from gui.pages.settings_page import SettingsPage
from gui.pages.solicitations_page import SolicitationsPage
from gui.pages.tasks_page import TasksPage
from gui.screen_fit import cap_size
from gui.security_menu import install_security_menu
from gui.widgets.calendar_routing import open_record
from gui.widgets.help_panel import install_help
from gui.workers import run_in_background
from models import paths
from models.db import Database
from models.services import holidays as holiday_service
from models.services.backup import backup_to, default_backup_name
from models.version import APP_NAME, __version__


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{APP_NAME} — {db.path.name}")
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

        self.pages: list[Page] = [
            DashboardPage(db, today=today),
            CalendarPage(db, today=today),
            ApplicationsPage(db, today=today),
            DocumentsPage(db, today=today),
            SolicitationsPage(db, today=today),
            InterpretationsPage(db, today=today),
            TasksPage(db, today=today),
            HolidaysPage(db, today=today),
            ReportsPage(db, today=today),
            LettersPage(db, today=today),
            SettingsPage(db),
        ]
        for page in self.pages:
            self.nav.addItem(page.title)
            self.stack.addWidget(page)
            page.data_changed.connect(self.refresh_all)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
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
        self.nav.setCurrentRow(0)

        portable = "（便携模式）" if paths.uses_portable_data(db.path) else ""
        self.db_label = QLabel(f"数据库：{db.path}{portable}")
        self.calendar_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.calendar_label)
        self._build_menu()
        install_security_menu(self, today=today)  # 审计日志, 用户和登录, 匿名化 (issue 9 §5)
        self.refresh_status()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        backup_action = QAction("备份全部数据(&B)…", self)
        backup_action.triggered.connect(lambda: self.backup())
        file_menu.addAction(backup_action)
        restore_action = QAction("备份与恢复(&R)…", self)
        restore_action.triggered.connect(lambda: show_backup_dialog(self))
        file_menu.addAction(restore_action)
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
        self.help_panel = install_help(self, self.stack, help_menu, data_folder=self.db.path.parent)  # F1, 使用说明
        about = QAction("关于(&A)", self)
        about.triggered.connect(lambda: self.show_about())
        help_menu.addAction(about)

    synchronous_jobs = False  # tests run background work inline

    def backup(self, path: str | None = None) -> None:
        """Back up the database and the folders beside it into one zip, in the background with progress."""
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
        """A 工作台 count clicked: set the page's filter through its `method` (when it has one) and show it."""
        if page is None:
            return
        if hasattr(page, method):
            getattr(page, method)(*args, **filters)
        self.show_page(self.pages.index(page))

    def tasks_page(self) -> Page | None:
        """Where 任务到期 leads: the 任务清单 page, else the 期限日历, else nowhere."""
        titles = {p.title: p for p in self.pages}
        return titles.get("任务清单") or titles.get("期限日历")

    def open_record(self, register: str, key: str) -> None:
        """A deadline item (今日待办, 期限日历) opened: its register's page, with the record selected."""
        open_record(self, register, key)

    def add_interpretation(self, document_id: int) -> None:
        """添加解读… on a 公文: the 政策解读 form for that document; every page reloads once it is saved."""
        from gui.dialogs.interpretation_form import InterpretationFormDialog

        dialog = InterpretationFormDialog(self.db, document_id, self, today=self.page("公文").today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refresh_all())
        dialog.open()

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def page(self, title: str) -> Page:
        return next(p for p in self.pages if p.title == title)

    def refresh_status(self) -> None:
        self.calendar_label.setText(holiday_service.load_calendar(self.db).coverage_label())

    def refresh_all(self) -> None:
        sender = self.sender()
        for page in self.pages:
            if page is not sender:
                page.refresh()
        self.refresh_status()

    def about_text(self) -> str:
        return (
            f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
            "<p>乡镇、县级单位政府信息公开工作台：依申请公开登记与期限、答复文书、报表。</p>"
            "<p>依据《中华人民共和国政府信息公开条例》（2019年修订）。</p>"
            f"<p>数据库：{self.db.path}</p>"
            + ("<p>便携模式：数据保存在程序旁的“数据”文件夹中。</p>" if paths.uses_portable_data(self.db.path) else "")
        )

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, f"关于{APP_NAME}", self.about_text(), parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.exec()
