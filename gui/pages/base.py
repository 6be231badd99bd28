"""What every page of the left navigation has: a title and a refresh() called when data changed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from models.db import Database


class Page(QWidget):
    title = ""
    #: emitted after the page changed stored data, so that other pages and the status bar refresh
    data_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def refresh(self) -> None:
        """Reload what the page shows from the database."""
