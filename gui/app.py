"""Starting the GUI: QApplication, CJK font, excepthook, database, first-run dialog, screenshots."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.errors import install_excepthook
from models.db import Database
from models.domain.errors import UserError
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
    try:
        db = open_db(args)
    except UserError as error:
        QMessageBox.critical(None, f"{APP_NAME}：无法打开数据库", error.full_text())
        return 2

    from gui.dialogs.first_run_dialog import FirstRunDialog
    from gui.dialogs.login_dialog import login_if_enabled
    from gui.main_window import MainWindow

    if not args.screenshot and not login_if_enabled(db):  # optional login (issue 9 §5): gave up → quit
        db.close()
        return 0
    window = MainWindow(db)
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
