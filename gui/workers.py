"""One background helper for long work (import, export, report): runs a function in the thread pool, shows a
progress dialog, and calls back on the GUI thread. `run_in_background(..., synchronous=True)` runs inline (tests).

The function receives a `progress(done, total)` callable; it must not touch widgets.

Every Qt object here lives and dies in the GUI thread: the pool runs a plain Python callable (Qt wraps and deletes it),
and the signals object that carries the result back is owned by the application and deleted by the GUI thread's
event loop once the result is delivered. (The QRunnable subclass used before held its own signals object, whose life
then hung on which thread dropped the last reference; measured, those objects were never freed: one per job.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.errors import show_user_error
from models.domain.errors import UserError


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


def _runner(work: Callable[[Callable[[int, int], None]], Any], signals: _Signals) -> Callable[[], None]:
    """The callable the pool thread runs: `work`, then its result or its error as a signal to the GUI thread."""

    def run() -> None:
        try:
            result = work(signals.progress.emit)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, shown or re-raised there
            signals.failed.emit(error)
        else:
            signals.finished.emit(result)

    return run


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    *,
    synchronous: bool = False,
    quiet: bool = False,
) -> None:
    """Run `work(progress)` without freezing the window; `on_done(result)` runs on the GUI thread.

    A UserError is shown as a message; any other exception is re-raised on the GUI thread (excepthook).
    `quiet=True`: no progress dialog (work the clerk did not ask for, e.g. the first start of a day).
    """
    if synchronous:
        try:
            result = work(lambda _d, _t: None)
        except UserError as error:
            show_user_error(parent, error)
            return
        on_done(result)
        return

    dialog = None if quiet else QProgressDialog(title, "", 0, 0, parent)
    if dialog is not None:
        from PySide6.QtCore import Qt  # its enums are loaded after the window is painted

        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
    signals = _Signals(QCoreApplication.instance())  # owned by the application: never deleted in the pool thread

    def progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)

    def finish(result: object) -> None:
        signals.deleteLater()  # by the GUI thread's event loop, after this delivery
        if dialog is not None:
            dialog.close()
        on_done(result)

    def fail(error: object) -> None:
        signals.deleteLater()
        if dialog is not None:
            dialog.close()
        if isinstance(error, UserError):
            show_user_error(parent, error)
        else:
            assert isinstance(error, BaseException)
            raise error

    signals.progress.connect(progress)
    signals.finished.connect(finish)
    signals.failed.connect(fail)
    QThreadPool.globalInstance().start(_runner(work, signals))
