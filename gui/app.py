"""Starting the GUI: QApplication, CJK font, excepthook, database (one window per database; a damaged one offers
its newest verified backup), first-run dialog, screenshots."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from gui.errors import install_excepthook
from gui.screen_fit import install_dialog_fitting
from models.db import Database
from models.version import APP_NAME

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


def install_startup_probe(app: QApplication, window: QWidget) -> None:
    """DISCLOSURE_DESK_STARTUP_PROBE=1 (benchmarks.run): print `painted <time.time()>` at the window's first paint
    and `usable <time>` when the event loop first goes idle after it with no background job left, then quit."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QThreadPool

    stamps: dict[str, float] = {}

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                stamps.setdefault("painted", time.time())
            return False

    def idle() -> None:
        if "painted" in stamps and "usable" not in stamps and QThreadPool.globalInstance().activeThreadCount() == 0:
            stamps["usable"] = time.time()
            print(f"painted {stamps['painted']:.6f}\nusable {stamps['usable']:.6f}", flush=True)
            app.quit()

    window._startup_probe = Probe(window)  # type: ignore[attr-defined]  # kept alive with the window
    window.installEventFilter(window._startup_probe)  # type: ignore[attr-defined]
    QAbstractEventDispatcher.instance().aboutToBlock.connect(idle)


def run_gui(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Database]) -> int:
    app = make_application()
    install_excepthook()
    from gui.dialogs.backup_dialog import open_database_interactively  # asks when open elsewhere or damaged

    db = open_database_interactively(args, open_db)
    if db is None:
        return 2

    from gui.dialogs.first_run_wizard import FirstRunWizard, needs_first_run
    from gui.dialogs.login_dialog import login_if_enabled
    from gui.main_window import MainWindow

    if not args.screenshot and not login_if_enabled(db):  # optional login (issue 9 §5): gave up → quit
        db.close()
        return 0
    window = MainWindow(db)
    if db.read_only:
        window.setWindowTitle(f"{window.windowTitle()}（只读）")
    if args.screenshot:
        for path in save_screenshots(window, args.screenshot):
            print(path)
        db.close()
        return 0
    if os.environ.get("DISCLOSURE_DESK_STARTUP_PROBE"):
        install_startup_probe(app, window)
    window.show()
    if not getattr(args, "demo", False) and not db.read_only and needs_first_run(db):
        wizard = FirstRunWizard(db, window)  # 单位信息, 经办人, data folder, login, 台账; cancel stores nothing
        if wizard.exec():
            window.refresh_all()
        if wizard.restart_needed:  # portable chosen: the next start opens the database in the 数据 folder
            window.close()
            db.close()
            return 0
    from gui.dialogs.today_todo import show_at_start
    from gui.tray import install_tray

    show_at_start(window)  # 今日待办: overdue and due within 3 working days, once after the window appears
    window.tray = install_tray(window)  # the morning notice while the app is open
    code = app.exec()
    db.close()
    return code
