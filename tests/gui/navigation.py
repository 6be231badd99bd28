"""Showing a page as the clerk does. Pages load when they are first shown (gui/pages/base.py: nothing is queried
before), so a test that reads a page clicks its navigation item first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.main_window import MainWindow
from gui.pages.base import Page


def open_page(window: MainWindow, title: str) -> Page:
    """Click the page's item in the left navigation; return the page, now shown and loaded."""
    row = next(index for index, page in enumerate(window.pages) if page.title == title)
    item = window.nav.item(row)
    window.nav.scrollToItem(item)
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    page = window.pages[row]
    assert window.stack.currentWidget() is page and not page.stale, f"the page {title} was not shown"
    return page
