"""A full backup: a consistent database snapshot plus the folders kept beside it, in one zip; verified, kept
30 daily + 12 monthly, restored with the current database kept aside; nothing in the system temp folder."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from models.domain.errors import UserError
from models.services import applications, attachments
from models.services import backup as backups
from models.services.backup import backup_to

pytestmark = pytest.mark.sqlite_only  # backups are zips of the SQLite file (a server: pg_dump)


def test_the_backup_holds_the_database_and_the_attachments(db, tmp_path: Path) -> None:
    number = applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 11, 2), applicant_name="张三", content="申请公开某合同"),
        today=date(2026, 11, 23),
    ).number
    scan = tmp_path / "信封.jpg"
    scan.write_bytes(b"jpeg bytes")
    attachments.add_attachment(db, number, scan, "信封")
    steps: list[tuple[int, int]] = []
    out = backup_to(db, tmp_path / "备份.zip", progress=lambda d, t: steps.append((d, t)))
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert db.path.name in names
        assert any(n.endswith("信封.jpg") for n in names)
        archive.extract(db.path.name, tmp_path / "restored")
    restored = sqlite3.connect(tmp_path / "restored" / db.path.name)
    assert restored.execute("SELECT number, applicant_name FROM application").fetchall() == [(number, "张三")]
    restored.close()
    assert steps[-1][0] == steps[-1][1] == len(names)


def test_a_backup_name_must_be_a_zip(db, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=".zip"):
        backup_to(db, tmp_path / "备份.db")
    assert not (tmp_path / "备份.db").exists()


def test_written_files_get_the_normal_mode_not_the_temporary_files_0600(db, tmp_path: Path) -> None:
    import os
    import sys

    if sys.platform == "win32":
        pytest.skip("POSIX file modes")
    umask = os.umask(0o022)
    try:
        out = backup_to(db, tmp_path / "备份.zip")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644


# -- verify, retention, automatic backups, restore --------------------------------------------------------------


def _register(db, name: str = "张三") -> str:  # noqa: ANN001
    return applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同"),
        today=date(2026, 11, 23),
    ).number


def test_verify_reports_the_record_counts_of_a_sound_backup(db, tmp_path: Path) -> None:
    _register(db)
    _register(db, "李四")
    info = backups.verify_backup(backup_to(db, tmp_path / "b.zip"))
    assert info.verified
    assert info.counts["application"] == 2
    assert "申请2" in info.counts_text()


def test_a_backup_with_a_damaged_database_fails_verification(db, tmp_path: Path) -> None:
    _register(db)
    good = backup_to(db, tmp_path / "good.zip")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == db.path.name:
                data = data[:4096] + b"\x00" * 4096 + data[8192:]
            target.writestr(item, data)
    with pytest.raises(UserError, match="bad.zip"):
        backups.verify_backup(bad)
    (tmp_path / "junk.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="不是有效的备份文件"):
        backups.verify_backup(tmp_path / "junk.zip")


def test_retention_keeps_30_daily_and_12_monthly_backups(tmp_path: Path) -> None:
    folder = tmp_path / "disclosure-备份"
    folder.mkdir()
    day = date(2025, 1, 1)
    while day <= date(2026, 11, 27):
        (folder / f"政务公开工作台备份-disclosure-{day:%Y%m%d}-080000.zip").write_bytes(b"x")
        day = date.fromordinal(day.toordinal() + 1)
    (folder / "政务公开工作台备份-disclosure-20261127-170000.zip").write_bytes(b"x")  # a second one today
    (folder / "政务公开工作台备份-disclosure-20250301-090000-升级前-0003.zip").write_bytes(b"x")  # labelled: kept

    backups.prune_backups(folder)

    kept = sorted(p.name.removeprefix("政务公开工作台备份-disclosure-").removesuffix(".zip") for p in folder.iterdir())
    daily = [f"{d:%Y%m%d}-080000" for d in (date(2026, 10, 29 + i) for i in range(3))]
    daily += [f"202611{d:02d}-080000" for d in range(1, 27)]
    daily += ["20261127-170000"]  # the newest of 11-27, not the 08:00 one
    monthly = ["20251231-080000"] + [
        f"2026{m:02d}{last:02d}-080000"
        for m, last in [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30)]
    ]
    assert kept == sorted(daily + monthly + ["20250301-090000-升级前-0003"])
    assert len(kept) == 30 + 10 + 1


def test_the_automatic_backup_runs_once_a_day_into_the_folder_beside_the_database(db) -> None:
    _register(db)
    first = backups.auto_backup(db.path, now=datetime(2026, 11, 23, 8, 0))
    again = backups.auto_backup(db.path, now=datetime(2026, 11, 23, 17, 0))
    next_day = backups.auto_backup(db.path, now=datetime(2026, 11, 24, 8, 0))
    assert first is not None and first.parent == db.path.parent / "test-备份"
    assert again is None
    assert next_day is not None
    assert [b.created for b in backups.list_backups(first.parent)] == [
        datetime(2026, 11, 24, 8, 0),
        datetime(2026, 11, 23, 8, 0),
    ]


def test_restore_brings_back_records_and_attachments_and_keeps_the_current_database_aside(db, tmp_path: Path) -> None:
    number = _register(db)
    scan = tmp_path / "信封.jpg"
    scan.write_bytes(b"jpeg bytes")
    attachments.add_attachment(db, number, scan, "信封")
    saved = backup_to(db, tmp_path / "b.zip")
    _register(db, "李四")  # after the backup: gone after the restore, but kept in the file set aside
    for stored in (db.path.parent / "test-附件").rglob("*.jpg"):
        stored.unlink()
    db.close()

    result = backups.restore_backup(saved, db.path)

    restored = sqlite3.connect(db.path)
    assert restored.execute("SELECT applicant_name FROM application").fetchall() == [("张三",)]
    restored.close()
    assert [p.read_bytes() for p in (db.path.parent / "test-附件").rglob("*信封.jpg")] == [b"jpeg bytes"]
    assert result.kept_aside is not None and result.kept_aside.parent == db.path.parent
    aside = sqlite3.connect(result.kept_aside)
    assert sorted(r[0] for r in aside.execute("SELECT applicant_name FROM application")) == ["张三", "李四"]
    aside.close()
    assert result.pre_restore_backup is not None
    assert backups.verify_backup(result.pre_restore_backup).counts["application"] == 2


def test_restore_of_a_broken_backup_changes_nothing(db, tmp_path: Path) -> None:
    _register(db)
    db.close()
    before = db.path.read_bytes()
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(UserError, match="不是有效的备份文件"):
        backups.restore_backup(broken, db.path)
    assert db.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("test")) == ["test.db"]


def test_backup_verify_and_restore_leave_nothing_in_the_system_temp_folder(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    _register(db)
    out = tmp_path / "out"
    out.mkdir()
    saved = backup_to(db, out / "b.zip")
    backups.verify_backup(saved)
    db.close()
    backups.restore_backup(saved, db.path)
    assert list(system_temp.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["b.zip"]  # no temporary file left beside it either


def test_restore_writes_only_into_the_databases_own_folders(db, tmp_path: Path) -> None:
    _register(db)
    good = backup_to(db, tmp_path / "good.zip")
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("../outside.txt", "x")
        target.writestr("test-附件/../../outside2.txt", "x")
        target.writestr("/etc/outside3.txt", "x")
        target.writestr("Windows/System32/outside4.txt", "x")
    work = tmp_path / "work"
    work.mkdir()
    restored = work / "test.db"

    backups.restore_backup(hostile, restored)

    assert sorted(p.name for p in tmp_path.rglob("outside*.txt")) == []
    assert not Path("/etc/outside3.txt").exists()
    assert sorted(p.name for p in work.iterdir()) == ["test.db"]
