"""Two kinds of error in the GUI: a `UserError` is shown as it is; anything else is a bug — logged with its
traceback to the rotating log file and shown in a dialog, and the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models.domain.errors import UserError

log = logging.getLogger("gui")


def error_text(error: UserError) -> str:
    """The text of an error line in a form: a save conflict shows both versions, field by field."""
    from models.services.concurrency import ConflictError

    return error.full_text() if isinstance(error, ConflictError) else error.message


def show_user_error(parent: QWidget | None, error: UserError, title: str = "无法完成操作") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, QMessageBox.StandardButton.Ok, parent)
    if error.details:
        box.setDetailedText("\n".join(error.details))
        box.setInformativeText("\n".join(error.details[:10]))
    box.exec()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if isinstance(value, UserError):
        show_user_error(QApplication.activeWindow(), value)
        return
    log.error("uncaught exception", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    text = "".join(traceback.format_exception(kind, value, tb))
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("程序错误")
    box.setText("程序遇到了一个意外错误，已记录到日志文件。当前操作未完成，已保存的数据不受影响。")
    box.setDetailedText(text)
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = _excepthook
