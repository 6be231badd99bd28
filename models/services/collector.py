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
