"""Bulk work pauses Python's cyclic garbage collector: a month of 10,000 deadlines or a ledger of 5,000 rows
allocates some 10⁵ short-lived objects, and the collector would run passes over the whole app heap meanwhile
(measured: ≈40% of the calendar's time, ≈20% of a 5,000-row import). Nothing in that work needs it (what it frees
is freed by reference counting); it resumes, and catches up, right after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pause_for_start_up() -> None:
    """main.py, first thing when the window is to open: the start-up creates some 10⁵ objects that live as long as
    the program (modules, classes, the pages); the collector's passes over them cost ≈10% of the time to the 工作台's
    counts. `resume_after_start_up()` ends the pause."""
    gc.disable()


def resume_after_start_up() -> None:
    """Once the pages are built: what exists now (the program's own objects, ~10⁵) is frozen out of later passes
    (`gc.freeze`, CPython's remedy for a long-lived heap: each later full pass skips them), and the collector runs
    again. No full pass first: it would hold the window ~70 ms to find some 800 unreachable start-up objects, which
    stay frozen (measured on the 50,000-application unit)."""
    gc.freeze()
    gc.enable()
