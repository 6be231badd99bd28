"""The 安全 menu of the main window: 审计日志, 用户和登录, 匿名化过期申请 (issue 9 §5).

The user and retention dialogs need a 管理员 while login is on; the audit log is only shown, never edited."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QVBoxLayout

from gui.errors import show_user_error
from models.domain.errors import UserError
from models.services import users


def install_security_menu(window: QMainWindow, *, today: date | None = None) -> None:
    """Add the menu; its actions are `window.audit_action`, `window.users_action`, `window.retention_action`.
    `today` (tests) is the day the retention counts from."""
    window.security_today = today
    menu = window.menuBar().addMenu("安全(&S)")
    window.audit_action = QAction("审计日志(&L)…", window)
    window.users_action = QAction("用户和登录(&U)…", window)
    window.retention_action = QAction("匿名化过期申请(&A)…", window)
    window.audit_action.triggered.connect(lambda: _open(window, _audit_dialog(window)))
    window.users_action.triggered.connect(lambda: _open_as_admin(window, _users_dialog))
    window.retention_action.triggered.connect(lambda: _open_as_admin(window, _retention_dialog))
    for action in (window.audit_action, window.users_action, window.retention_action):
        menu.addAction(action)


def _open(window: QMainWindow, dialog: QDialog) -> None:
    window.security_dialog = dialog  # kept for the tests and so that it is not collected while open
    dialog.open()


def _open_as_admin(window: QMainWindow, make) -> None:  # noqa: ANN001 - window → dialog
    try:
        users.require_current_role(window.db, users.ADMIN)
    except UserError as error:
        show_user_error(window, error)
        return
    _open(window, make(window))


def _audit_dialog(window: QMainWindow) -> QDialog:
    from gui.pages.audit_page import AuditPage

    dialog = QDialog(window)
    dialog.setWindowTitle("审计日志")
    dialog.resize(1100, 640)
    layout = QVBoxLayout(dialog)
    dialog.page = AuditPage(window.db, dialog, today=window.security_today)
    layout.addWidget(dialog.page)
    return dialog


def _users_dialog(window: QMainWindow) -> QDialog:
    from gui.dialogs.users_dialog import UsersDialog

    return UsersDialog(window.db, window)


def _retention_dialog(window: QMainWindow) -> QDialog:
    from gui.dialogs.retention_dialog import RetentionDialog

    dialog = RetentionDialog(window.db, window, today=window.security_today)
    dialog.anonymised.connect(window.refresh_all)
    return dialog
