"""`backup create|list|verify|restore` and the start-up checks, through main.main() as a clerk types them."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from models import db as db_module
from models.db import InstanceLock
from models.migrate import open_database
from models.services import demo_letters
from tests.cli.runner import Cli


def _names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = sorted(r[0] for r in conn.execute("SELECT applicant_name FROM application"))
    conn.close()
    return names


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    db = open_database(tmp_path / "disclosure.db")
    demo_letters.ensure_profile(db)
    demo_letters.register(db, applicant="张三")
    demo_letters.register(db, applicant="李四")
    db.close()
    return Cli(tmp_path / "disclosure.db", capsys)


def test_backup_create_writes_one_verified_file_and_list_shows_it(cli: Cli, tmp_path: Path) -> None:
    usb = tmp_path / "U盘"
    usb.mkdir()
    code, out, err = cli("backup", "create", str(usb))
    assert (code, err) == (0, "")
    made = list(usb.iterdir())
    assert len(made) == 1 and made[0].name.startswith("政务公开工作台备份-disclosure-") and made[0].suffix == ".zip"
    assert f"已备份并验证：{made[0]}" in out
    assert "申请2" in out
    code, out, _ = cli("backup", "list", str(usb))
    assert code == 0 and made[0].name in out and "申请2" in out


def test_backup_list_without_a_folder_shows_the_daily_automatic_backup(cli: Cli) -> None:
    cli("applications", "list")  # any command starts the day with an automatic backup
    code, out, err = cli("backup", "list")
    assert (code, err) == (0, "")
    assert "disclosure-备份" in out and "申请2" in out
    assert len(out.strip().splitlines()) == 1
    cli("applications", "list")  # not a second one the same day
    assert len(cli("backup", "list")[1].strip().splitlines()) == 1


def test_backup_verify_gives_the_counts_or_a_chinese_error(cli: Cli, tmp_path: Path) -> None:
    cli("backup", "create", str(tmp_path / "b.zip"))
    code, out, err = cli("backup", "verify", str(tmp_path / "b.zip"))
    assert (code, err) == (0, "")
    assert "备份完好" in out and "申请2" in out and re.search(r"结构版本 \d{4}）", out)
    broken = tmp_path / "坏.zip"
    broken.write_bytes((tmp_path / "b.zip").read_bytes()[:300])
    code, out, err = cli("backup", "verify", str(broken))
    assert code == 2 and out == ""
    assert err.startswith("错误：") and "坏.zip" in err and "Traceback" not in err


def test_backup_restore_needs_yes_and_then_keeps_the_current_database_aside(cli: Cli, tmp_path: Path) -> None:
    cli("backup", "create", str(tmp_path / "b.zip"))
    db = open_database(cli.db_path)
    demo_letters.register(db, applicant="王五")
    db.close()
    before = cli.db_path.read_bytes()

    code, out, err = cli("backup", "restore", str(tmp_path / "b.zip"))
    assert code == 2 and "请加 --yes" in err
    assert cli.db_path.read_bytes() == before

    code, out, err = cli("backup", "restore", str(tmp_path / "b.zip"), "--yes")
    assert (code, err) == (0, "")
    assert _names(cli.db_path) == ["张三", "李四"]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("disclosure.恢复前-") and p.suffix == ".db"]
    assert len(kept) == 1 and f"原数据库已改名保留：{kept[0]}" in out
    assert _names(kept[0]) == ["张三", "李四", "王五"]


def test_backup_restore_is_refused_while_a_window_has_the_database_open(cli: Cli, tmp_path: Path) -> None:
    cli("backup", "create", str(tmp_path / "b.zip"))
    window = InstanceLock(cli.db_path)
    assert window.acquire()
    try:
        before = cli.db_path.read_bytes()
        code, out, err = cli("backup", "restore", str(tmp_path / "b.zip"), "--yes")
        assert code == 2 and "正在政务公开工作台窗口中打开，请先关闭窗口再恢复" in err
        assert cli.db_path.read_bytes() == before
    finally:
        window.release()


def test_a_damaged_database_names_the_backup_and_the_restore_command_exit_2(cli: Cli, tmp_path: Path) -> None:
    cli("applications", "list")  # the daily automatic backup
    data = bytearray(cli.db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(2 * page, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    cli.db_path.write_bytes(bytes(data))

    code, out, err = cli("applications", "list")
    assert code == 2 and out == ""
    assert "已损坏（完整性检查未通过），程序没有写入它" in err
    assert cli.db_path.read_bytes() == bytes(data)
    command = err.split("恢复命令：main.py ", 1)[1].splitlines()[0]
    assert command.endswith("--yes") and "disclosure-备份" in command
    backup_file = command.split('backup restore "', 1)[1].split('"', 1)[0]

    code, out, err = cli("backup", "restore", backup_file, "--yes")
    assert (code, err) == (0, "")
    assert _names(cli.db_path) == ["张三", "李四"]
    damaged = [p for p in tmp_path.iterdir() if p.name.startswith("disclosure.损坏-") and p.suffix == ".db"]
    assert len(damaged) == 1 and damaged[0].read_bytes() == bytes(data)  # kept aside, never deleted
    assert cli("applications", "list")[0] == 0


def test_a_locked_database_gives_a_retry_message_and_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    cli("applications", "list")  # the daily backup is done: the next command only writes the register
    other = sqlite3.connect(cli.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = cli("profile", "set", "联系人", "王小明")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert "正忙" in err and "请稍后重试" in err and "Traceback" not in err
