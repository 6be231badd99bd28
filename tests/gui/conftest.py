"""GUI fixtures: a main window over a fresh database, with a fixed 'today'."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from gui.app import make_application
from gui.main_window import MainWindow
from models.db import Database

TODAY = date(2026, 11, 23)


@pytest.fixture
def window(qtbot, db: Database) -> Iterator[MainWindow]:  # noqa: ANN001
    make_application()
    win = MainWindow(db, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
