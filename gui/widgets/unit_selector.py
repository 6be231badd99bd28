"""当前单位 in the status bar (issue 13): on a database with several units, which unit's records the window shows.

- nobody signed in, or a user without a unit of their own: a choice of every unit; choosing one works on it from
  now on (`units.use_unit`, as `units use CODE`) and every page reloads (the window's `refresh_all`);
- a clerk bound to a unit: their unit, fixed;
- the county role (县级): 全部单位（只读）, fixed, and the window title says 只读.
A database with one unit shows nothing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMainWindow, QWidget

from gui.errors import show_user_error
from models.db import Database
from models.domain.errors import UserError
from models.services import units

ALL_UNITS = "全部单位（只读）"


class UnitSelector(QWidget):
    changed = Signal()  # another unit was chosen: every page must reload

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("当前单位：", self))
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(12)
        layout.addWidget(self.combo)
        self.county = False
        self.combo.activated.connect(lambda index: self._chosen(index))

    def load(self) -> None:
        found = units.access(self.db)
        every = units.list_units(self.db)
        self.county = found.county
        self.combo.clear()
        if self.county:
            self.combo.addItem(ALL_UNITS, "")
            self.combo.setEnabled(False)
            self.setVisible(True)
            return
        for unit in every:
            self.combo.addItem(units.label(self.db, unit), unit.code)
            if unit.id == found.unit_id:
                self.combo.setCurrentIndex(self.combo.count() - 1)
        self.combo.setEnabled(not units.fixed_by_user(self.db))
        self.setVisible(len(every) > 1)

    def current_name(self) -> str:
        return self.combo.currentText()

    def _chosen(self, index: int) -> None:
        code = self.combo.itemData(index)
        try:
            if self.db.read_only:  # a second, read-only window: this window only
                units.choose(self.db, code)
            else:
                units.use_unit(self.db, code)
        except UserError as error:
            show_user_error(self, error)
            self.load()
            return
        self.changed.emit()


def install_unit_selector(window: QMainWindow) -> UnitSelector:
    """Put 当前单位 into the window's status bar; the title names the unit (only read for the county role)."""
    db: Database = window.db  # type: ignore[attr-defined]
    selector = UnitSelector(db, window)
    selector.setObjectName("unit_selector")
    window.statusBar().addPermanentWidget(selector)
    base = window.windowTitle()

    def title() -> None:
        if selector.county:
            window.setWindowTitle(f"{base} — {ALL_UNITS}")
        elif selector.combo.count() > 1:
            window.setWindowTitle(f"{base} — {selector.current_name()}")
        else:
            window.setWindowTitle(base)

    selector.changed.connect(window.refresh_all)  # type: ignore[attr-defined]
    selector.changed.connect(title)
    selector.load()
    title()
    return selector
