"""设置 › 数据库 (issue 13 "and a setting in the GUI"): the local data file or the county server. 测试连接 connects in
the background and says the result in Chinese; a wrong address or a refused connection saves nothing; 保存 keeps the
choice in a small file beside the app's data (not in the database, never with the password), used at the next start;
`--db` still overrides it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton

import main
from models.services import server_config
from tests.conftest import on_postgresql
from tests.gui.navigation import open_page

REFUSED = "postgresql://nobody@127.0.0.1:1/dd_none"  # nothing listens on port 1: refused at once


@pytest.fixture
def server_url(request: pytest.FixtureRequest, database_target) -> Iterator[str]:  # noqa: ANN001
    """A reachable county database: the test's own on the PostgreSQL run, else a fresh one on the session's server."""
    if on_postgresql():
        yield str(database_target)
        return
    with request.getfixturevalue("pg_server").database() as url:
        yield url


def _group(window):  # noqa: ANN001, ANN202
    return open_page(window, "设置").database


def _click(qtbot, button) -> None:  # noqa: ANN001
    """Click the button where the clerk does: a radio button on its round mark (its row may be wider than it)."""
    where = QPoint(8, button.height() // 2) if isinstance(button, QRadioButton) else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)


def _wait_result(qtbot, group) -> str:  # noqa: ANN001
    qtbot.waitUntil(lambda: group.result.text() not in ("", "正在连接服务器…"), timeout=15_000)
    return group.result.text()


def _start_target(*argv: str) -> Path | str:
    return main.resolve_db_path(main.build_parser().parse_args(list(argv)))


def test_database_setting_refused_connection_is_said_in_chinese_and_nothing_is_saved(qtbot, window) -> None:  # noqa: ANN001
    group = _group(window)
    assert group.local_choice.isChecked() and not group.url.isEnabled()
    _click(qtbot, group.server_choice)
    group.url.setText(REFUSED)
    _click(qtbot, group.test_button)
    said = _wait_result(qtbot, group)
    assert said.startswith("无法连接服务器数据库“postgresql://nobody@127.0.0.1:1/dd_none”") and "设置没有保存" in said
    _click(qtbot, group.save_button)
    assert "无法连接服务器数据库" in _wait_result(qtbot, group)
    assert not server_config.config_file().exists()
    group.url.setText("postgresql://nobody@county-server")
    _click(qtbot, group.save_button)
    assert "缺少数据库名" in _wait_result(qtbot, group)
    assert not server_config.config_file().exists()


def test_database_setting_saved_server_is_opened_at_the_next_start_without_the_password(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    server_url: str,
) -> None:
    group = _group(window)
    _click(qtbot, group.server_choice)
    with_password = server_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret@", 1)
    assert "s3cret" in with_password
    group.url.setText(with_password)
    _click(qtbot, group.test_button)
    assert _wait_result(qtbot, group).startswith("连接成功：")
    _click(qtbot, group.save_button)
    said = _wait_result(qtbot, group)
    assert "已保存：下次启动时连接" in said and "密码没有保存" in said and "s3cret" not in said
    stored = server_config.config_file().read_text(encoding="utf-8")
    assert "s3cret" not in stored
    assert _start_target() == server_url  # the next start opens the county database …
    assert _start_target("--db", "/tmp/本机.db") == Path("/tmp/本机.db")  # … unless --db names another
    _click(qtbot, group.local_choice)
    _click(qtbot, group.save_button)
    assert group.result.text() == "已保存：下次启动时使用本机数据文件。"
    assert isinstance(_start_target(), Path)


def test_database_setting_unreachable_server_at_start_offers_the_local_data_file(qtbot) -> None:  # noqa: ANN001
    from gui.app import make_application
    from gui.dialogs.startup_questions import open_database_interactively
    from models import paths
    from tests.gui.test_backup_dialog import click_in_message_box

    make_application()
    server_config.save_choice(REFUSED)
    args = main.build_parser().parse_args([])
    asked = click_in_message_box(qtbot, "改用本机数据文件")
    db = open_database_interactively(args, lambda a, read_only=False: main.open_app_database(a, read_only=read_only))
    try:
        assert asked and asked[0].startswith("无法连接服务器数据库“postgresql://nobody@127.0.0.1:1/dd_none”")
        assert db is not None and not db.is_server and db.path == paths.default_db_path()
        assert server_config.configured_url() is None  # the next start opens the local file too
    finally:
        if db is not None:
            db.close()
