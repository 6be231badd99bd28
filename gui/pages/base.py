"""What every page of the left navigation has: a title, refresh(), and lazy loading.

A page builds its widgets in `__init__` and queries nothing there; `refresh()` loads what it shows. The page is
loaded when it is first shown (its `showEvent`); after data changed elsewhere the main window calls
`mark_stale()` on every page: the visible one reloads at once, the others when they are next shown. A page that
is never shown computes nothing.

Tests: a page is loaded by showing it — click its navigation item (tests/gui/navigation.py `open_page`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from models.db import Database


class Page(QWidget):
    title = ""
    #: emitted after the page changed stored data, so that other pages and the status bar refresh
    data_changed = Signal()
    #: emitted after `ensure_loaded()` ran `refresh()` (the page shows current data)
    loaded = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stale = True  # not loaded yet, or the data changed since

    def refresh(self) -> None:
        """Reload what the page shows from the database."""

    def ensure_loaded(self) -> None:
        """refresh() if the page is stale (first shown, or data changed since it was loaded)."""
        if not self.stale:
            return
        self.stale = False
        self.refresh()
        self.loaded.emit()

    def mark_stale(self) -> None:
        """The data changed elsewhere: reload now if the page is on screen, else when it is next shown."""
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()
