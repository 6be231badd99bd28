"""GUI fixtures: a main window over a fresh database (the `db` fixture of tests/conftest.py: SQLite, or PostgreSQL with
DISCLOSURE_DESK_TEST_DB=postgresql), with a fixed 'today'. The window stops its timers when the test ends: on
PostgreSQL the test's database is dropped right after."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from gui.app import make_application
from gui.main_window import MainWindow
from models.db import Database
from models.services.settings import set_setting

TODAY = date(2026, 11, 23)


@pytest.fixture
def window(qtbot, db: Database) -> Iterator[MainWindow]:  # noqa: ANN001
    make_application()
    set_setting(db, "operator", "李晓梅")  # the clerk of this PC (asked at first run, see test_first_run_*)
    win = MainWindow(db, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
    for timer in win.findChildren(QTimer):  # e.g. a search typed last: it must not read a database that is gone
        timer.stop()
    win.close()
