"""The questions a window asks before it has a database: it is open in another window (open read-only?), damaged
(restore the newest verified backup?), or the county server chosen in 设置 is out of reach (use the local file?).

Imported at every start, before the 工作台 shows its counts: Qt's dialog classes are loaded only when a question is
asked (gui/dialogs/backup_dialog.py, the 备份与恢复 dialog, costs ~15 ms to import)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from models.db import Database, InstanceLock, SecondInstanceError
from models.domain.errors import UserError
from models.migrate import DamagedDatabaseError
from models.version import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

OpenDb = Callable[..., Database]


def open_database_interactively(args: argparse.Namespace, open_db: OpenDb, parent: QWidget | None = None):  # noqa: ANN201
    """Open the database for a window; ask what to do when it is open elsewhere or damaged. None: do not start."""
    try:
        return open_db(args)
    except SecondInstanceError as error:
        if not _ask(parent, "数据库已打开", error.message, "以只读方式打开", critical=False):
            return None
        return _or_message(lambda: open_db(args, read_only=True), parent)
    except DamagedDatabaseError as error:
        if error.backup is None:
            _show(parent, "数据库已损坏", error.full_text())
            return None
        if not _ask(parent, "数据库已损坏", error.message, "恢复这个备份"):
            return None
        damaged = error
        return _or_message(lambda: _restore_damaged(damaged, lambda: open_db(args)), parent)
    except UserError as error:
        if _server_from_settings(args):  # the county server chosen in 设置 is out of reach: the local file instead?
            return _offer_local_file(error, lambda: open_db(args), parent)
        _show(parent, "无法打开数据库", error.full_text())
        return None


def _ask(parent: QWidget | None, title: str, text: str, action: str, *, critical: bool = True) -> bool:
    """A question with two buttons, `action` and 退出: True when the clerk chose `action`."""
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning
    box = QMessageBox(icon, f"{APP_NAME}：{title}", text, parent=parent)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is chosen


def _show(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, f"{APP_NAME}：{title}", text)


def _server_from_settings(args: argparse.Namespace) -> bool:
    from models.services.server_config import configured_url

    return getattr(args, "db", None) is None and not getattr(args, "demo", False) and configured_url() is not None


def _offer_local_file(error: UserError, reopen: Callable[[], Database], parent: QWidget | None) -> Database | None:
    from models.services.server_config import save_choice

    if not _ask(parent, "无法打开数据库", error.full_text(), "改用本机数据文件"):
        return None
    save_choice(None)  # 设置 › 数据库 back to the local data file (the server can be chosen again there)
    return _or_message(reopen, parent)


def _restore_damaged(error: DamagedDatabaseError, reopen: Callable[[], Database]) -> Database:
    assert error.backup is not None
    with InstanceLock(error.path) as lock:
        if not lock.acquire():
            raise SecondInstanceError(error.path)
        from models.services.backup import restore_backup

        restore_backup(error.backup.path, error.path, damaged=True)
    return reopen()


def _or_message(action: Callable[[], Database], parent: QWidget | None) -> Database | None:
    try:
        return action()
    except UserError as error:
        _show(parent, "无法打开数据库", error.full_text())
        return None
