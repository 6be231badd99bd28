"""Issue 9 §3: a locked database, a second window, temporary files — what the clerk sees, and what is kept."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from exporters.atomic_file import atomic_write, sweep_stale_temp_files
from models import db as db_module
from models.db import InstanceLock
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import applications


def _input(name: str = "张三") -> applications.ApplicationInput:
    return applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同")


def test_database_locked_a_second_writer_waits_then_is_told_to_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)
    db = open_database(tmp_path / "d.db")
    other = sqlite3.connect(tmp_path / "d.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is in the middle of a write
    try:
        started = time.monotonic()
        with pytest.raises(UserError, match="正忙") as caught:
            applications.register(db, _input(), today=date(2026, 11, 23))
        waited = time.monotonic() - started
        assert "本次修改没有保存，请稍后重试" in caught.value.message
        assert "0.3秒" in caught.value.message
        assert waited >= 0.25  # it waited for the other writer before giving up
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert applications.count_applications(db) == 0
    applications.register(db, _input(), today=date(2026, 11, 23))  # the retry succeeds
    assert applications.count_applications(db) == 1
    db.close()


def test_a_second_window_on_the_same_database_is_detected_until_the_first_closes(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    first, second = InstanceLock(path), InstanceLock(path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_the_lock_of_a_killed_window_does_not_stay_behind(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    code = f"from models.db import InstanceLock; import os; InstanceLock(r'{path}').acquire(); os._exit(0)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
    lock = InstanceLock(path)
    assert lock.acquire()
    lock.release()


def test_a_database_opened_read_only_refuses_a_save_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    open_database(path).close()
    readonly = open_database(path, read_only=True)
    try:
        with pytest.raises(UserError, match="只读方式打开") as caught:
            applications.register(readonly, _input(), today=date(2026, 11, 23))
        assert "本次修改没有保存" in caught.value.message
        assert applications.count_applications(readonly) == 0
    finally:
        readonly.close()


def test_a_failed_write_leaves_no_temporary_file_beside_the_target(tmp_path: Path) -> None:
    def fail(path: Path) -> None:
        path.write_bytes(b"half a report")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(tmp_path / "年报.xlsx", fail)
    assert list(tmp_path.iterdir()) == []


def test_start_up_sweeps_stale_temporary_files_of_ended_processes_only(tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(ended.stdout)
    letters = tmp_path / "答复文书" / "2026"
    letters.mkdir(parents=True)
    stale = [tmp_path / f".disclosure.~dd{dead_pid}.ab12cd.tmp", letters / f".答复书.~dd{dead_pid}.x9y8z7.tmp"]
    live = tmp_path / f".年报.~dd{os.getpid()}.qwerty.tmp"  # this process is still writing it
    old_style = tmp_path / ".告知书.k2j3h4g5.tmp"
    attachment_copy = letters / "tmpab12cd34.part"  # an interrupted attachment copy
    mine_but_user = tmp_path / "笔记.tmp"  # not named by atomic_file: the clerk's own file
    for path in [*stale, live, old_style, attachment_copy, mine_but_user]:
        path.write_bytes(b"x")
    day_ago = time.time() - 2 * 24 * 3600
    for path in (old_style, attachment_copy):
        os.utime(path, (day_ago, day_ago))

    removed = sweep_stale_temp_files([tmp_path], recursive=[tmp_path / "答复文书"])

    assert sorted(removed) == sorted([*stale, old_style, attachment_copy])
    assert live.exists() and mine_but_user.exists()


def test_library_temporary_files_go_to_the_apps_own_folder_never_the_system_temp(tmp_path: Path) -> None:
    import tempfile

    from exporters.atomic_file import private_temp_dir

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    root = tmp_path / "data" / "tmp"
    left = root / ended.stdout.strip()  # left by a killed run: holds a worksheet with personal data
    left.mkdir(parents=True)
    (left / "openpyxl.abc.xml").write_text("张三 500235198001011234", encoding="utf-8")
    system_default = tempfile.gettempdir()

    with private_temp_dir(root) as mine:
        assert not left.exists()
        with tempfile.NamedTemporaryFile(prefix="openpyxl.") as handle:
            assert Path(handle.name).parent == mine
        assert os.environ["TMPDIR"] == str(mine)

    assert tempfile.gettempdir() == system_default
    assert list(root.iterdir()) == []
