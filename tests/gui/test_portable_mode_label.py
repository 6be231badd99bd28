"""Portable mode is visible (issue 12, Packaging): the status bar and the about box say 便携模式 when the database
lives in the `数据` folder beside the program, and say nothing of it otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.main_window import MainWindow
from models import paths
from models.migrate import open_database
from tests.gui.conftest import TODAY


def _about_text(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    about = next(a for top in window.menuBar().actions() for a in top.menu().actions() if a.text() == "关于(&A)")
    about.trigger()
    return shown[0]


@pytest.mark.parametrize("portable", [True, False], ids=["数据-folder", "user-data-folder"])
def test_portable_mode_status_bar_and_about_box_say_便携模式(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    portable: bool,  # noqa: ANN001
) -> None:
    program = tmp_path / "U盘"
    program.mkdir()
    if portable:
        (program / "数据").mkdir()
    monkeypatch.delenv(paths.ENV_HOME)
    monkeypatch.setattr(paths, "app_dir", lambda: program)
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "用户数据"))
    db = open_database(paths.default_db_path())
    try:
        window = MainWindow(db, today=TODAY)
        qtbot.addWidget(window)
        window.show()
        assert ("便携模式" in window.db_label.text()) is portable
        assert ("便携模式" in _about_text(window, monkeypatch)) is portable
        window.close()
    finally:
        db.close()
