"""Starting the GUI: QApplication, CJK font, excepthook, database (one window per database; a damaged one offers
its newest verified backup), first-run dialog, screenshots."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gui.errors import install_excepthook
from models.db import Database
from models.services import profile as profile_service
from models.version import APP_NAME

log = logging.getLogger("gui")

PREFERRED_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimSun")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
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


def run_gui(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Database]) -> int:
    app = make_application()
    install_excepthook()
    from gui.dialogs.backup_dialog import open_database_interactively  # asks when open elsewhere or damaged

    db = open_database_interactively(args, open_db)
    if db is None:
        return 2

    from gui.dialogs.first_run_dialog import FirstRunDialog
    from gui.main_window import MainWindow

    window = MainWindow(db)
    if db.read_only:
        window.setWindowTitle(f"{window.windowTitle()}（只读）")
    if args.screenshot:
        for path in save_screenshots(window, args.screenshot):
            print(path)
        db.close()
        return 0
    window.show()
    if not profile_service.get_profile(db).is_complete() and FirstRunDialog(db, window).exec():
        window.refresh_all()
    code = app.exec()
    db.close()
    return code
