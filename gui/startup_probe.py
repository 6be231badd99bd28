"""Start-up probe (benchmarks and tests): with DISCLOSURE_DESK_STARTUP_PROBE=1 the app prints

    painted <seconds since process start>    after the main window's first paint
    painted-with <names>                     which of SQLAlchemy and the heavy libraries were loaded at that paint
    usable <seconds>                         once the dashboard's counts are shown (its first refresh painted)
    daily <seconds>                          when the start of the day's background work finished (deadlines, backup)
    modules <names>                          heavy libraries imported by then (openpyxl, docx, …) or "-"
    collector running|paused                 whether Python's cyclic garbage collector runs again by then
    cpu-<milestone> <seconds>                after each milestone: the process's CPU time so far

on stdout and quits. The first-run and operator dialogs are not shown in probe mode (they would wait for a click).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "DISCLOSURE_DESK_STARTUP_PROBE"
#: what a plain start on a SQLite file never needs (loaded when a command or a page asks for it); the PostgreSQL
#: dialect only for a county server
HEAVY_MODULES = ("openpyxl", "docx", "docxtpl", "reportlab", "alembic", "icalendar", "sqlalchemy.dialects.postgresql")

_FALLBACK_START = time.time()  # when /proc is missing (Windows): the time this module was imported


def probe_enabled() -> bool:
    return os.environ.get(PROBE_ENV, "") not in ("", "0")


def seconds_since_process_start() -> float:
    """Linux: the boot clock now minus the process's start in /proc (to 1/100 s); elsewhere: since this module
    was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            started = int(handle.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return time.time() - _FALLBACK_START


def heavy_modules_loaded(also: tuple[str, ...] = ()) -> list[str]:
    return [name for name in (*also, *HEAVY_MODULES) if name in sys.modules]


class StartupProbe(QObject):
    """Watches the paints of `window` and of the widgets given to `watch()` (the 工作台 page, whose counts make the
    window usable); prints the milestones; quits the application after the last. Only those widgets' events pass
    through it, as only the bare window's do through the baseline's probe (benchmarks/_children.py): a filter on
    the whole application would run Python for each of the start-up's ~1,500 events and be measured with the app.

    `usable()` says whether the dashboard's counts are loaded; `daily_running()` whether the first start of the
    day's background work is still going (`daily_done()` is called when it ends)."""

    def __init__(
        self,
        window: QWidget,
        usable: Callable[[], bool] = lambda: True,
        daily_running: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window, self.usable, self.daily_running = window, usable, daily_running
        self.printed: set[str] = set()
        self._pending = False

    def watch(self, widget: QWidget) -> None:
        """Watch `widget`'s paints: first the window (installed after the window's own after-first-paint work, so
        that of two filters on it this one runs first and `painted` is printed before that work), then the 工作台."""
        widget.installEventFilter(self)

    def _print(self, milestone: str) -> None:
        if milestone not in self.printed:
            self.printed.add(milestone)
            print(f"{milestone} {seconds_since_process_start():.3f}", flush=True)
            print(f"cpu-{milestone} {time.process_time():.3f}", flush=True)  # CPU seconds: less sensitive to load

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.Paint
            and not self._pending
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self._pending = True
            QTimer.singleShot(0, self._after_paint)  # after the paint is done
        return False

    def _after_paint(self) -> None:
        self._pending = False
        if "painted" not in self.printed:
            self._print("painted")
            print("painted-with " + (" ".join(heavy_modules_loaded(("sqlalchemy",))) or "-"), flush=True)
        if self.usable():
            self._print("usable")
        self._maybe_quit()

    def daily_done(self) -> None:
        self._print("daily")
        self._maybe_quit()

    def _maybe_quit(self) -> None:
        if "usable" in self.printed and not self.daily_running() and "modules" not in self.printed:
            self.printed.add("modules")
            print("modules " + (" ".join(heavy_modules_loaded()) or "-"), flush=True)
            print("collector " + ("running" if gc.isenabled() else "paused"), flush=True)
            QApplication.instance().quit()


def bare_window() -> int:
    """The baseline: a bare PySide6 window, shown and painted, measured the same way (`python -m gui.startup_probe`)."""
    from PySide6.QtWidgets import QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 760)
    StartupProbe(window).watch(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(bare_window())
