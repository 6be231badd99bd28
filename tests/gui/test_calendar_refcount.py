"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call; without the guard the interpreter
aborts (“none_dealloc”) after some thousands of calls — a few dozen repaints of the month view."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
from gui.widgets.calendar_refcount import keep_none_alive
app = QApplication([])
label = QLabel()
for i in range(60_000):  # as many void calls as some 220 repaints of a busy month
    label.setText("期限日历")
    if GUARD and i % 1000 == 0:
        keep_none_alive()
print("survived")
"""


def _run(guard: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    code = f"GUARD = {guard}\n" + SCRIPT
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_calendar_guard_keeps_the_app_alive_through_many_qt_calls() -> None:
    done = _run(guard=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"


def test_calendar_guard_is_still_needed_without_it_the_same_calls_abort() -> None:
    done = _run(guard=False)
    assert done.returncode != 0 and "none_dealloc" in done.stderr, (
        "PySide6 no longer loses references to None: gui/widgets/calendar_refcount.py can go"
    )


def test_calendar_month_view_repainted_many_times_keeps_none_alive(qtbot, db) -> None:  # noqa: ANN001
    from datetime import date

    from gui.pages.calendar_page import CalendarPage

    page = CalendarPage(db, today=date(2026, 11, 23))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    for _ in range(100):  # without the guard: some 270 references to None lost per repaint
        page.grid.grab()
    assert sys.getrefcount(None) > 900_000  # topped up (a plain process holds ~5,000)
