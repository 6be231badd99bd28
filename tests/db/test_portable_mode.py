"""Portable mode (issue 12, Packaging): when a folder `数据` stands beside the executable, the app keeps its
database, letters, backups, unit templates and logs there — it runs from a USB stick with no installation.
Without that folder everything goes to the user data folder; `--db` still names any database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import paths
from models.migrate import open_database
from models.services.letters import letters_dir, templates_dir
from tests.conftest import REPO_ROOT


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake folder of the executable (as on a USB stick); the test home override is lifted and the user data
    folders point into tmp_path, so that nothing can reach the real ones."""
    folder = tmp_path / "U盘" / "政务公开工作台"
    folder.mkdir(parents=True)
    monkeypatch.delenv(paths.ENV_HOME)
    monkeypatch.setattr(paths, "app_dir", lambda: folder)
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "用户数据"))
    monkeypatch.setattr(paths.platformdirs, "user_log_dir", lambda *a, **k: str(tmp_path / "用户日志"))
    return folder


def test_portable_mode_keeps_database_letters_backups_templates_and_logs_in_数据(program: Path) -> None:
    data = program / "数据"
    data.mkdir()
    assert paths.is_portable()
    assert paths.default_db_path() == data / "disclosure.db"
    assert paths.demo_db_path() == data / "demo.db"
    assert paths.log_dir() == data / "日志"
    db = open_database(paths.default_db_path())
    try:
        assert letters_dir(db) == data / "答复文书"
        assert templates_dir(db) == data / "disclosure-模板"
        assert paths.backups_dir(db.path) == data / "disclosure-备份"
    finally:
        db.close()
    assert (data / "disclosure.db").is_file()
    assert not (program.parent.parent / "用户数据").exists()


def test_portable_mode_off_without_数据_the_user_data_folder_is_used(program: Path, tmp_path: Path) -> None:
    assert not paths.is_portable()
    assert paths.default_db_path() == tmp_path / "用户数据" / "disclosure.db"
    assert paths.log_dir() == tmp_path / "用户日志"
    assert not (program / "数据").exists()  # never created on its own: portable mode is the clerk's choice


def test_portable_mode_needs_a_folder_a_file_named_数据_is_not_one(program: Path, tmp_path: Path) -> None:
    (program / "数据").write_text("不是文件夹", encoding="utf-8")
    assert not paths.is_portable()
    assert paths.default_db_path() == tmp_path / "用户数据" / "disclosure.db"


def test_portable_mode_frozen_program_looks_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "政务公开工作台" / "DisclosureDesk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.delenv(paths.ENV_APP_DIR, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.app_dir() == exe.parent.resolve()


def test_portable_mode_from_source_looks_beside_main_py(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_APP_DIR, raising=False)
    assert paths.app_dir() == REPO_ROOT
    assert (paths.app_dir() / "main.py").is_file()


def _run_main(args: list[str], app: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != paths.ENV_HOME}
    env |= {
        paths.ENV_APP_DIR: str(app),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),  # where platformdirs would put the data when not portable
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "HOME": str(tmp_path / "home"),
    }
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_portable_mode_a_command_run_from_the_stick_writes_only_into_数据(tmp_path: Path) -> None:
    app = tmp_path / "U盘"
    data = app / "数据"
    data.mkdir(parents=True)
    done = _run_main(["profile", "show"], app, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "单位名称" in done.stdout
    assert (data / "disclosure.db").is_file()
    assert list((data / "disclosure-备份").iterdir())  # the daily automatic backup, beside the database
    assert (data / "日志" / "disclosure-desk.log").is_file()
    assert not (tmp_path / "xdg-data").exists() and not (tmp_path / "home").exists()


def test_portable_mode_db_option_still_wins(tmp_path: Path) -> None:
    app = tmp_path / "U盘"
    (app / "数据").mkdir(parents=True)
    chosen = tmp_path / "另存" / "镇政府.db"
    chosen.parent.mkdir()
    done = _run_main(["--db", str(chosen), "profile", "show"], app, tmp_path)
    assert done.returncode == 0, done.stderr
    assert chosen.is_file()
    assert not (app / "数据" / "disclosure.db").exists()
