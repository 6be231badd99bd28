"""A full backup: a consistent database snapshot plus the folders kept beside it, in one zip."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import UserError
from models.services import applications, attachments
from models.services.backup import backup_to


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
