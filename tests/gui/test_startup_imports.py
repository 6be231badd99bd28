"""Start-up (issue 12, Speed): the window's shell is painted before the database and the pages load, a plain start
imports none of openpyxl, docx, reportlab, alembic, a page that is not shown computes nothing, and the first start
of a day refreshes the cached deadlines in the background (the visible page then shows the refreshed figures)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import update

from gui.main_window import MainWindow
from models.db import Database
from models.entities import Application
from models.migrate import head_revision, known_revisions, open_database
from models.services import applications
from models.services import reports as reports_service
from models.services.settings import get_setting
from tests.gui.navigation import open_page

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


def _probe(db_path: Path, home: Path) -> dict[str, str]:
    """Start `main.py --db` with the start-up probe; its milestones, name → rest of the line."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DISCLOSURE_DESK_STARTUP_PROBE": "1",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = dict(line.partition(" ")[::2] for line in done.stdout.splitlines() if line.strip())
    return lines


def test_plain_start_paints_the_shell_first_and_imports_no_heavy_library(tmp_path: Path) -> None:
    db_path = tmp_path / "单位.db"
    open_database(db_path).close()  # an existing database at the current schema (a new one would be migrated)
    lines = _probe(db_path, tmp_path / "home")
    assert {"painted", "usable", "daily", "modules"} <= set(lines), lines
    assert float(lines["painted"]) <= float(lines["usable"]) <= float(lines["daily"])
    # SQLAlchemy may be loading beside the first paint (gui/preload.py), never a heavy library
    assert set(lines["painted-with"].split()) <= {"-", "sqlalchemy"}, lines["painted-with"]
    assert lines["modules"] == "-"  # none of openpyxl, docx, docxtpl, reportlab, alembic, icalendar
    # nor SQLAlchemy's PostgreSQL dialect (with asyncio, ~40 ms): a township's file does not need the server's
    # main.py pauses the cyclic garbage collector for the start-up: it runs again once the pages are built
    assert lines["collector"] == "running"
    backups = list((tmp_path / "单位-备份").glob("*.zip"))
    assert len(backups) == 1  # the daily automatic backup, made in the background after the window showed


def test_head_revision_read_from_the_migration_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from models.migrate import _alembic_config

    script = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {s.revision for s in script.walk_revisions()}


def test_the_reports_page_computes_nothing_until_it_is_shown(qtbot, db: Database, monkeypatch) -> None:  # noqa: ANN001
    computed: list[object] = []
    real_return_for = reports_service.return_for
    monkeypatch.setattr(
        reports_service, "return_for", lambda *a, **k: computed.append(a[1]) or real_return_for(*a, **k)
    )
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    page = window.page("报表")
    assert computed == [] and page.stale and page.state.text() == ""

    shown = open_page(window, "报表")  # a real click on 报表 in the navigation
    assert shown is page and len(computed) == 1
    assert "未锁定" in page.state.text() and page.model.rowCount() > 0
    open_page(window, "工作台")
    open_page(window, "报表")
    assert len(computed) == 1  # shown again with nothing changed: not computed again


def _register_overdue(db: Database) -> None:
    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 10, 9), applicant_name="张三", content="申请公开某合同"),
        today=date(2026, 10, 9),
    )  # 20 working days after 2026-10-09 (10-10 is a 调休 working Saturday) is 2026-11-05: overdue on 11-23


def test_after_a_change_only_the_visible_page_reloads_the_others_when_shown(qtbot, db: Database) -> None:  # noqa: ANN001
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dashboard = open_page(window, "工作台")
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：0 件"
    holidays = open_page(window, "节假日")
    _register_overdue(db)
    holidays.data_changed.emit()  # what a page says after it saved something
    assert dashboard.stale and dashboard.todo_buttons["已逾期"].text() == "已逾期：0 件"  # hidden: not reloaded
    assert not holidays.stale
    open_page(window, "工作台")
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：1 件"


def test_first_start_of_the_day_refreshes_deadlines_in_the_background(qtbot, db: Database) -> None:  # noqa: ANN001
    _register_overdue(db)
    with db.transaction() as session:  # yesterday's cache: a due date the clock has since moved past
        session.execute(update(Application).values(reply_due=date(2027, 1, 4)))
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dashboard = open_page(window, "工作台")
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：0 件"  # the stale cache, shown at once

    with qtbot.waitSignal(window.daily_work_done, timeout=20_000):
        window.start_daily_work()  # in the thread pool, with its own sessions
        assert window.daily_work_running
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：1 件"  # the visible page shows the refreshed figure
    assert get_setting(db, "clock_refreshed_on") == TODAY.isoformat()
    backups = list((db.path.parent / f"{db.path.stem}-备份").glob("*.zip"))
    assert bool(backups) != db.is_server  # the automatic daily backup of the file (a server's: pg_dump, none here)
    qtbot.mouseClick(dashboard.todo_buttons["已逾期"], Qt.MouseButton.LeftButton)
    assert window.page("依申请公开").model.rowCount() == 1


def test_the_start_up_preload_imports_sqlalchemy_and_the_dashboards_services_but_no_qt() -> None:
    # gui/preload.py runs in a thread beside Qt's first paint: it never touches Qt (widgets live in the main thread)
    code = (
        "import sys, gui.preload as p; p._import_all(sys.getswitchinterval()); "
        "print(' '.join(n for n in ('sqlalchemy', 'models.entities', 'models.services.dashboard_stats') "
        "if n in sys.modules)); print(any(n.startswith('PySide6') for n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split("\n")[:2] == ["sqlalchemy models.entities models.services.dashboard_stats", "False"]
