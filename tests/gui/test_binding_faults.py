"""The pinned PySide6 keeps the interpreter alive through many Qt calls, and our code avoids its known faults.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call (QLabel.setText, QPainter.save …): a
fresh interpreter holds about 5,000, so the app aborted (“Fatal Python error: none_dealloc”) after a few dozen
repaints of the 期限日历 month view. requirements.txt pins a release without the fault; this test fails on one that
has it (an upgrade must pass it)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
pixmap = QPixmap(20, 20)
painter = QPainter(pixmap)
for _ in range(20_000):  # four times what a fresh interpreter holds
    label.setText("期限日历")
    painter.save()
    painter.fillRect(0, 0, 1, 1, QColor("red"))
    painter.restore()
painter.end()
print("survived")
"""


def test_binding_survives_twenty_thousand_void_qt_calls() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"


def test_month_view_repainted_two_hundred_times_keeps_the_app_alive(qtbot, db) -> None:  # noqa: ANN001
    from gui.pages.calendar_page import CalendarPage

    page = CalendarPage(db, today=date(2026, 11, 23))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    before = sys.getrefcount(None)
    for _ in range(200):
        page.grid.grab()
    assert sys.getrefcount(None) >= before - 100  # no steady loss per repaint


def test_fitting_a_dialog_to_the_screen_never_makes_the_screen_a_child_of_the_dialog(qtbot) -> None:  # noqa: ANN001
    """PySide6 6.11's QWidget.screen() makes the returned screen a child of the widget: when the widget's wrapper was
    garbage-collected the screen was deleted with it and the next window crashed (QScreen::virtualSiblings).
    gui/screen_fit.py must find the screen another way."""
    import gc

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDialog

    from gui.screen_fit import usable_geometry

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert usable_geometry(dialog).width() > 0
    screen = QGuiApplication.primaryScreen()
    assert dialog not in gc.get_referrers(screen)
