"""One background helper for long work (import, export, report): runs a function in the thread pool, shows a
progress dialog, and calls back on the GUI thread. `run_in_background(..., synchronous=True)` runs inline (tests).

The function receives a `progress(done, total)` callable; it must not touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.errors import show_user_error
from models.domain.errors import UserError


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, shown or re-raised there
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


_running: set[_Job] = set()


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
    job = _Job(work)
    _running.add(job)

    def progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)

    def finish(result: object) -> None:
        _running.discard(job)
        if dialog is not None:
            dialog.close()
        on_done(result)

    def fail(error: object) -> None:
        _running.discard(job)
        if dialog is not None:
            dialog.close()
        if isinstance(error, UserError):
            show_user_error(parent, error)
        else:
            assert isinstance(error, BaseException)
            raise error

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    QThreadPool.globalInstance().start(job)
