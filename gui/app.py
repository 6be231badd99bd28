"""Starting the GUI: QApplication, CJK font, excepthook, the window's shell drawn first, then the database (one
window per database; a damaged one offers its newest verified backup), first-run dialog, screenshots.

A plain start imports neither SQLAlchemy nor any page before the shell is painted, and none of openpyxl, docx,
reportlab or alembic at all (tests/gui/test_startup_imports.py). DISCLOSURE_DESK_STARTUP_PROBE=1 prints the
start-up milestones and quits (gui/startup_probe.py)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QThreadPool, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gui import pyside_imports

pyside_imports.install()  # before the window's modules, SQLAlchemy and the pages are imported

from gui import preload  # noqa: E402
from gui.errors import install_excepthook  # noqa: E402
from gui.screen_fit import install_dialog_fitting  # noqa: E402
from gui.startup_probe import StartupProbe, probe_enabled  # noqa: E402
from models.version import APP_NAME  # noqa: E402

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.db import Database

log = logging.getLogger("gui")

PREFERRED_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimSun")


def qt_translation_file(name: str = "qtbase_zh_CN.qm") -> Path | None:
    """Qt's own Chinese translation (OK/Cancel/Yes/No, context menus, file dialogs) from PySide6's translations
    folder; PyInstaller puts it in the same place inside the frozen app (build.spec)."""
    import PySide6

    folders = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).parent / "Qt" / "translations",
    ]
    if getattr(sys, "frozen", False):
        folders.append(Path(getattr(sys, "_MEIPASS", "")) / "PySide6" / "Qt" / "translations")
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def install_translations(app: QApplication) -> bool:
    """Load Qt's zh_CN translation once; False (logged) when it is missing (Qt's buttons then stay English)."""
    if getattr(app, "_qt_translator", None) is not None:
        return True
    path = qt_translation_file()
    translator = QTranslator(app)
    if path is None or not translator.load(str(path)):
        log.warning("Qt zh_CN translation not found: Qt's own buttons stay English")
        return False
    app.installTranslator(translator)
    app._qt_translator = translator  # type: ignore[attr-defined]  # kept alive with the application
    return True


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    install_translations(app)
    install_dialog_fitting(app)
    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            app.setFont(font)
            break
    return app


def save_screenshots(window, directory: Path) -> list[Path]:  # noqa: ANN001 - MainWindow (import cycle)
    """Grab a PNG of every page of the main window into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    window.show()
    saved = []
    for row, page in enumerate(window.pages):
        window.show_page(row)
        app.processEvents()
        path = directory / f"{row + 1:02d}-{page.title}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved


def run_gui(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    *,
    before_open: Callable[[], None] | None = None,
) -> int:
    """Draw the shell of the main window first; after its first paint open the database, build the pages (the
    visible one loads) and ask the first-run questions; then the start of the day's work runs in the background.
    SQLAlchemy and the 工作台's modules are imported beside the first paint (gui/preload.py); `before_open()` is called
    after the shell is painted, beside the end of that import, just before the database is opened."""
    app = make_application()
    install_excepthook()
    from gui.main_window import MainWindow, after_next_paint

    window = MainWindow()
    from models.services.collector import resume_after_start_up

    window.pages_attached.connect(resume_after_start_up)  # main.py paused the collector for the start-up
    probe = None
    if probe_enabled():
        probe = StartupProbe(
            window,
            usable=lambda: bool(window.pages) and not window.pages[0].stale,  # 工作台 is the first page
            daily_running=lambda: window.daily_work_running or window.attaching,
        )
        window.daily_work_done.connect(probe.daily_done)
    if args.screenshot:
        code = _open_into(window, args, open_db, probe)
        return 0 if code is None else code
    outcome: list[int] = []

    def open_after_first_paint() -> None:
        if window.db is None and not outcome:
            if before_open is not None:  # e.g. the database's quick_check (SQLite, without the GIL): beside the preload
                before_open()
            preloading.join()
            code = _open_into(window, args, open_db, probe)
            if code is not None:
                outcome.append(code)
                app.exit(code)
            elif probe is not None and window.pages:
                probe.watch(window.pages[0])  # the 工作台: its first paint shows the counts

    after_next_paint(window, open_after_first_paint)
    if probe is not None:
        probe.watch(window)  # after: Qt calls the last installed filter first
    window.show()
    preloading = preload.start()  # SQLAlchemy, our tables, the 工作台's services: while Qt paints the shell
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()  # the start of the day's work, if the window closed meanwhile
    if window.db is not None:
        window.db.close()
    return outcome[0] if outcome else code


def _open_into(
    window: MainWindow, args: argparse.Namespace, open_db: Callable, probe: StartupProbe | None
) -> int | None:
    """Open the database into the shell; an exit code when the app is to stop, None when it runs on."""
    from gui.dialogs.login_dialog import login_if_enabled
    from gui.dialogs.startup_questions import open_database_interactively  # open elsewhere, damaged …

    db = open_database_interactively(args, open_db, window)
    if db is None:
        return 2
    if not args.screenshot and not login_if_enabled(db):  # optional login (issue 9 §5): gave up → quit
        db.close()
        return 0
    window.attach(db, staged=not args.screenshot)
    if db.read_only:
        window.setWindowTitle(f"{window.windowTitle()}（只读）")
    if args.screenshot:
        for path in save_screenshots(window, args.screenshot):
            print(path)
        db.close()
        window.db = None
        return 0
    if probe is None:
        code = _first_run_questions(window, db, args)
        if code is not None:  # portable chosen in the wizard: the next start opens the 数据 folder
            window.close()
            db.close()
            window.db = None
            return code
    # every open case's deadline, the automatic backup: in the background once all pages are built
    if window.attaching:
        window.pages_attached.connect(window.start_daily_work)
    else:
        window.start_daily_work()
    return None


def _first_run_questions(window: MainWindow, db: Database, args: argparse.Namespace) -> int | None:
    """The first-run wizard on an empty profile (never for --demo or a read-only second window); then 今日待办 and
    the tray's morning notice. An exit code when the app is to stop (portable mode chosen: restart)."""
    from gui.dialogs.first_run_wizard import FirstRunWizard, needs_first_run

    if not getattr(args, "demo", False) and not db.read_only and needs_first_run(db):
        wizard = FirstRunWizard(db, window)  # 单位信息, 经办人, data folder, login, 台账; cancel stores nothing
        if wizard.exec():
            window.refresh_all()
        if wizard.restart_needed:
            return 0
    from PySide6.QtCore import Qt

    from gui.dialogs.today_todo import show_at_start
    from gui.tray import install_tray

    # 今日待办 once the day's deadlines are refreshed (the first start of a day refreshes them in the background)
    window.daily_work_done.connect(lambda: show_at_start(window), Qt.ConnectionType.SingleShotConnection)
    window.tray = install_tray(window)  # type: ignore[attr-defined]  # the morning notice while the app is open
    return None
