"""Start-up: SQLAlchemy, our tables and the 工作台's services are imported in a background thread that starts as the
window's shell is shown, so that the import overlaps the shell's first paint (Qt's C++ work runs without the GIL).
Started earlier (before QApplication) it delays the paint: the main thread then runs Python too and waits for the GIL.

Only models/ modules (no Qt, no widget) are imported here. The main thread joins the thread after the first paint,
before it opens the database (gui/app.py), and imports none of these modules meanwhile."""

from __future__ import annotations

import importlib
import logging
import sys
import threading

log = logging.getLogger("gui")

#: while importing, the main thread waits at most this long for the GIL (Python's default: 5 ms)
SWITCH_INTERVAL = 0.0005

#: what the database opening and the 工作台's first refresh need, in import order
MODULES = (
    "sqlalchemy.orm",
    "models.db",
    "models.entities",
    "models.migrate",
    "models.services.applications",
    "models.services.documents",
    "models.services.dashboard_stats",
    "models.services.register_counts",
    "models.services.holidays",
    "models.services.profile",
    "models.services.audit",
    "models.services.users",
)


def _import_all(interval: float) -> None:
    try:
        for name in MODULES:
            importlib.import_module(name)
    except Exception:  # noqa: BLE001 - the main thread imports it again and reports the error where it is used
        log.exception("preloading failed")
    finally:
        sys.setswitchinterval(interval)


def start() -> threading.Thread:
    """Start importing MODULES in a daemon thread; join it before using them."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    thread = threading.Thread(target=_import_all, args=(interval,), name="preload", daemon=True)
    thread.start()
    return thread
