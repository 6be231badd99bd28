"""The tray icon: while the app is open, the first check at or after 08:00 each day notifies 今日到期N项：… for the
items falling due that day; clicking the message opens 今日待办. The decision is Qt-free
(`dashboard_stats.should_notify`); the clock is injected so that tests never wait."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from models.domain.errors import UserError
from models.services import dashboard_stats
from models.services.settings import get_setting, set_setting

CHECK_EVERY_MS = 10 * 60 * 1000  # ten minutes


class TodayTray(QObject):
    def __init__(self, window, *, clock: Callable[[], datetime] = datetime.now) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.icon = QSystemTrayIcon(window.windowIcon(), self)
        if self.icon.icon().isNull():
            self.icon.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.icon.setToolTip("政务公开工作台")
        self.menu = QMenu()
        self.menu.addAction("今日待办…", lambda: self.open_today())
        self.icon.setContextMenu(self.menu)
        self.icon.messageClicked.connect(lambda: self.open_today())
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.check())
        self.last_message = ""

    def start(self) -> None:
        self.icon.show()
        self.timer.start()
        self.check()

    def check(self) -> bool:
        """Notify once this morning when due: True when a notice was shown."""
        now = self.clock()
        db = self.window.db
        if not dashboard_stats.should_notify(now, get_setting(db, dashboard_stats.TRAY_NOTIFIED_KEY)):
            return False
        try:
            items = dashboard_stats.due_today(dashboard_stats.today_todo(db, now.date()), now.date())
        except UserError:
            return False
        if not db.read_only:
            set_setting(db, dashboard_stats.TRAY_NOTIFIED_KEY, now.date().isoformat())
        if not items:
            return False
        self.last_message = dashboard_stats.notice_text(items)
        self.icon.showMessage("今日到期", self.last_message, QSystemTrayIcon.MessageIcon.Information, 15000)
        return True

    def open_today(self) -> None:
        from gui.dialogs.today_todo import open_today_todo

        self.window.showNormal()
        self.window.raise_()
        open_today_todo(self.window, today=self.clock().date())


def install_tray(window, *, clock: Callable[[], datetime] = datetime.now) -> TodayTray | None:  # noqa: ANN001
    """The tray with its morning check, when the desktop has a system tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = TodayTray(window, clock=clock)
    tray.start()
    return tray
