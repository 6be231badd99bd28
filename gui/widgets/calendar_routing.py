"""Where a 期限日历 item opens: the page of its register, with the record selected (`select_key`). The 任务清单 page
is looked up by title (it may not exist); a register without a page opens nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from models.domain.deadline_calendar import Register

PAGE_OF = {register.value: register.value for register in Register}  # every register's page bears its name


class _Window(Protocol):
    pages: list  # the main window's pages

    def show_page(self, row: int) -> None: ...


def clear_filters(search: QLineEdit, combos: Sequence[QComboBox]) -> None:
    """A page's search text and filters back to their first entry (全部) without reloading once per widget: a
    record opened from the calendar must not stay hidden by a filter. The caller reloads once."""
    for widget in (search, *combos):
        widget.blockSignals(True)
    search.clear()
    for combo in combos:
        combo.setCurrentIndex(0)
    for widget in (search, *combos):
        widget.blockSignals(False)


def open_record(window: _Window, register: str, key: str) -> bool:
    """Show the record `key` of `register` on its page; False when there is no such page."""
    title = PAGE_OF.get(register)
    page: QWidget | None = next((p for p in window.pages if getattr(p, "title", None) == title), None)
    if page is None or not hasattr(page, "select_key"):
        return False
    window.show_page(window.pages.index(page))
    page.select_key(key)
    return True
