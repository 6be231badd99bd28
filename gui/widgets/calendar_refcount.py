"""A guard against a crash of PySide6 6.12.0 on Python 3.11: every call of a void Qt method from Python (QPainter.save,
QPainter.fillRect, QLabel.setText …) drops one reference to `None` (measured: 100 calls, None's count −100). A fresh
interpreter holds about 5,000 references to None; once they are gone Python aborts with “Fatal Python error:
none_dealloc: deallocating None”. A month view repaint makes some 270 such calls, so the 期限日历 alone would end
the app after a few dozen repaints; every other page drifts towards it more slowly.

Until the binding is fixed, `keep_none_alive()` puts the lost references back whenever the count runs low. None is
never freed anyway (it is immortal from Python 3.12 on, where the guard does nothing). The calendar page calls it on
every repaint and from a timer, which protects the whole window while the page exists.
"""

from __future__ import annotations

import ctypes
import sys

LOW = 1_000_000  # top up when fewer references than this remain
TOP_UP = 100_000_000
_APPLIES = sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_none_alive() -> None:
    if _APPLIES and sys.getrefcount(None) < LOW:
        # ob_refcnt is the first field of every CPython object (Py_ssize_t)
        ctypes.c_ssize_t.from_address(id(None)).value += TOP_UP
