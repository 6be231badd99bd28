"""Issue 12 (`--demo` shows every page populated): the main window over the demo database shows rows on every page
that has a list, the unit on 工作台 and 设置."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTableView

from gui.app import make_application
from gui.main_window import MainWindow
from models.db import Database
from models.services.demo import seed_demo

TODAY = date(2026, 11, 23)


def test_demo_shows_every_page_populated_in_the_window(qtbot, db: Database) -> None:  # noqa: ANN001
    make_application()
    seed_demo(db, today=TODAY)
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    empty: list[str] = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        page.refresh()
        views = [v for v in page.findChildren(QTableView) if v.model() is not None and v.isVisibleTo(page)]
        if views and not any(v.model().rowCount() > 0 for v in views):
            empty.append(page.title)
    assert empty == [], f"demo pages without rows: {empty}"
    dashboard = window.page("工作台")
    assert dashboard.unit_name.text() == "青山县白鹤镇人民政府"
    assert [t for t, b in dashboard.todo_buttons.items() if not b.text().endswith("：0 件")], "no to-do"
    assert window.page("设置").form.edits["复议机关"].text() == "青山县人民政府"
