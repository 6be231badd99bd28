"""On a county server database (PostgreSQL) the window's backup and restore are refused up front with the Chinese
message of the SQLite-only features (the county's IT backs the server up with pg_dump): no file is asked for, no
backup dialog opens."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.dialogs.backup_dialog import BackupDialog
from models.db import Database
from tests.conftest import on_postgresql

SAID = "服务器数据库请由县信息化人员用 pg_dump 备份和恢复，本程序只备份本机的数据库文件。"


@pytest.fixture
def server_window(window, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    if not on_postgresql():  # the SQLite run: the same window, told its database is a server's
        monkeypatch.setattr(Database, "is_server", property(lambda _db: True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: pytest.fail("a file was asked for"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: pytest.fail("a folder was asked for"))
    return window


def _action(window, text: str):  # noqa: ANN001, ANN202
    found = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions() if a.text() == text]
    assert found, f"no menu action {text}"
    return found[0]


@pytest.mark.parametrize("menu_text", ["备份与恢复(&R)…", "备份全部数据(&B)…"])
def test_server_database_backup_menu_is_refused_up_front_in_chinese(qtbot, server_window, menu_text: str) -> None:  # noqa: ANN001
    _action(server_window, menu_text).trigger()
    box = server_window.findChild(QMessageBox, "server_backup_refused")
    assert box is not None and box.isVisible()
    assert box.text() == SAID
    assert server_window.findChild(BackupDialog) is None
    box.close()
