"""Long work runs in the thread pool (gui/workers.py): its result comes back on the GUI thread, and the Qt object that
carries it is deleted by the GUI thread once it is delivered — never left behind, never deleted by a pool thread
(a Qt object deleted outside its own thread while its signal is being delivered crashes the program)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread
from PySide6.QtWidgets import QWidget

from gui import workers
from models.domain.errors import UserError

JOBS = 200


def _carriers() -> list[QObject]:
    return [child for child in QCoreApplication.instance().children() if isinstance(child, workers._Signals)]


def test_two_hundred_background_jobs_deliver_on_the_gui_thread_and_leave_nothing_behind(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    before = len(_carriers())
    delivered_on: list[str] = []
    deleted_on: list[str] = []
    gui_thread = QCoreApplication.instance().thread()

    def on_done(result: int) -> None:
        delivered_on.append(threading.current_thread().name)
        assert result == 42

    for _ in range(JOBS):
        workers.run_in_background(parent, "测试", lambda _progress: 42, on_done, quiet=True)
        carrier = _carriers()[-1]
        carrier.destroyed.connect(
            lambda *_: deleted_on.append("GUI" if QThread.currentThread() is gui_thread else "pool"),
            Qt.ConnectionType.DirectConnection,
        )
    qtbot.waitUntil(lambda: len(delivered_on) == JOBS, timeout=20_000)
    qtbot.waitUntil(lambda: len(deleted_on) == JOBS, timeout=5_000)  # deleteLater: the next turns of the loop
    assert set(delivered_on) == {"MainThread"}
    assert deleted_on == ["GUI"] * JOBS
    assert len(_carriers()) == before


def test_a_refused_job_shows_its_message_and_leaves_nothing_behind(qtbot, monkeypatch) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(workers, "show_user_error", lambda _parent, error: shown.append(str(error)))
    before = len(_carriers())

    def refuse(_progress: object) -> None:
        raise UserError("文件“台账.xlsx”第3行“申请日期”不是日期。")

    workers.run_in_background(parent, "导入", refuse, lambda _result: None, quiet=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == ["文件“台账.xlsx”第3行“申请日期”不是日期。"]
    qtbot.waitUntil(lambda: len(_carriers()) == before, timeout=5_000)
