"""Opening a database file: create, upgrade with a backup, refuse what is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from models.db import Database, make_engine
from models.domain.errors import UserError
from models.entities import Base
from models.migrate import _alembic_config, current_revision, head_revision, open_database

pytestmark = pytest.mark.real_migrations  # every new database here is built by Alembic itself (tests/conftest.py)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backups(folder: Path) -> list[Path]:
    """Every backup made anywhere under `folder` (the automatic ones live in `<stem>-备份/`)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and ("备份" in p.name or ".backup-" in p.name))


def _database_in(backup: Path, into: Path) -> Path:
    with zipfile.ZipFile(backup) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".db") and "/" not in n)
        archive.extract(name, into)
    return into / name


#: a township's 单位信息 as an older release stored it (one row, no unit_id)
OLD_PROFILE_INSERT = (
    "INSERT INTO unit_profile (id, unit_name, seal_name, number_prefix, review_organ, court,"
    " contact_person, contact_phone, address, postcode)"
    " VALUES (1, '白鹤镇人民政府', '白鹤镇人民政府', '白鹤镇政府信息公开', '青山县人民政府',"
    " '青山县人民法院', '李晓梅', '023-55671234', '政府街18号', '404100')"
)


def upgrade_to(path: Path, revision: str) -> None:
    """A new SQLite file at `revision` of the schema (an older release's database)."""
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.commit()
    finally:
        engine.dispose()


def test_empty_file_gets_every_table_and_column_of_the_model(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    try:
        inspector = inspect(db.engine)
        # The full-text index (a virtual table and its shadow tables) lives beside the ORM tables.
        tables = {t for t in inspector.get_table_names() if not t.startswith("application_fts")}
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_name": lambda name, kind, _p: not (name or "").startswith("application_fts")}
            )
            assert compare_metadata(context, Base.metadata) == []
        for name, table in Base.metadata.tables.items():
            columns = {c["name"]: c for c in inspector.get_columns(name)}
            assert set(columns) == {c.name for c in table.columns}, name
            for column in table.columns:
                assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
            primary = inspector.get_pk_constraint(name)["constrained_columns"]
            assert primary == [c.name for c in table.primary_key.columns], name
    finally:
        db.close()
    assert current_revision(tmp_path / "new.db") == head_revision()
    assert _backups(tmp_path) == []  # nothing to back up in a new file


def test_the_migrations_build_the_models_schema_on_the_engine_under_test(db: Database) -> None:
    """SQLite, or PostgreSQL on the PostgreSQL pass: the same migrations give the same tables and columns."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, _p: not (name or "").startswith("application_fts")}
        )
        diff = compare_metadata(context, Base.metadata)
    # PostgreSQL keeps index names beside table names: 0007 names the one constraint called "interpretation_form"
    # differently there (the same two columns stay unique)
    renamed = [
        d for d in diff if d[0] in {"add_constraint", "remove_constraint"} and d[1].table.name == "interpretation_form"
    ]
    assert [d for d in diff if d not in renamed] == []
    assert len(renamed) in (0, 2)


def test_reopening_a_current_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    open_database(path).close()
    open_database(path).close()
    assert _backups(tmp_path) == []


def test_older_database_is_backed_up_then_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade_to(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute(OLD_PROFILE_INSERT)
    conn.close()

    db = open_database(path)
    try:
        with db.engine.connect() as c:
            assert c.execute(text("SELECT unit_name, postcode FROM unit_profile")).all() == [
                ("白鹤镇人民政府", "404100")
            ]
            assert "holiday_override" in inspect(c).get_table_names()
    finally:
        db.close()
    assert current_revision(path) == head_revision()

    backups = _backups(tmp_path)
    assert len(backups) == 1
    assert backups[0].parent.name == "old-备份"
    assert "-升级前-0001" in backups[0].name
    with sqlite3.connect(_database_in(backups[0], tmp_path / "extracted")) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert old.execute("SELECT unit_name FROM unit_profile").fetchall() == [("白鹤镇人民政府",)]
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    old.close()
    assert "holiday_override" not in tables  # the backup is the database as it was


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path, journal_mode: str) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = _digest(path)

    with pytest.raises(UserError, match="更新版本") as caught:
        open_database(path)

    assert "9999" in caught.value.message
    assert _digest(path) == before
    assert _backups(tmp_path) == []


def test_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("申请登记表：这不是数据库\n" * 50, encoding="utf-8")
    before = _digest(path)
    with pytest.raises(UserError, match="不是有效的数据库文件"):
        open_database(path)
    assert _digest(path) == before
    assert _backups(tmp_path) == []


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)  # default rollback journal, like most programs' files
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(UserError, match="不是政务公开工作台的数据库"):
        open_database(path)
    assert _digest(path) == before
    assert _backups(tmp_path) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    with pytest.raises(UserError, match="文件夹不存在"):
        open_database(missing / "app.db")
    assert not missing.exists()


@pytest.mark.sqlite_only
def test_wal_and_foreign_keys_are_on(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def _old_database_with_a_profile(path: Path) -> None:
    upgrade_to(path, "0001")
    conn = sqlite3.connect(path)
    conn.execute(OLD_PROFILE_INSERT)
    conn.commit()
    conn.close()


def test_a_failed_migration_keeps_one_pre_migration_copy_however_often_it_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    _old_database_with_a_profile(path)

    def broken_upgrade(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr("alembic.command.upgrade", broken_upgrade)  # imported by models.migrate when it upgrades
    for _attempt in range(3):
        with pytest.raises(UserError, match="数据库结构升级失败，原文件未被删除") as caught:
            open_database(path)
    backups = _backups(tmp_path)
    assert len(backups) == 1
    assert str(backups[0]) in caught.value.message  # the clerk is told where the copy is
    with sqlite3.connect(_database_in(backups[0], tmp_path / "x")) as old:
        assert old.execute("SELECT unit_name FROM unit_profile").fetchall() == [("白鹤镇人民政府",)]
    old.close()

    monkeypatch.undo()  # the next attempt succeeds and still makes no second copy
    open_database(path).close()
    assert len(_backups(tmp_path)) == 1
    assert current_revision(path) == head_revision()


def test_a_zero_byte_database_file_is_refused_not_reused_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "disclosure.db"
    path.write_bytes(b"")
    with pytest.raises(UserError, match="是空的（0字节）") as caught:
        open_database(path)
    assert "删除或改名" in caught.value.full_text()
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disclosure.db"]


def _damage(path: Path) -> None:
    """Overwrite the b-tree pages after the schema with garbage: the header stays valid, the data does not."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(2 * page_size, len(data), page_size):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_untouched_and_the_newest_verified_backup_is_named(tmp_path: Path) -> None:
    from models.services import applications
    from models.services.backup import auto_backup

    path = tmp_path / "disclosure.db"
    db = open_database(path)
    from datetime import date, datetime

    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 11, 2), applicant_name="张三", content="申请公开某合同"),
        today=date(2026, 11, 23),
    )
    db.close()
    backup = auto_backup(path, now=datetime(2026, 11, 23, 8, 0))
    assert backup is not None
    _damage(path)
    before = _digest(path)

    with pytest.raises(UserError, match="已损坏（完整性检查未通过），程序没有写入它") as caught:
        open_database(path)

    message = caught.value.message
    assert str(backup) in message
    assert "2026-11-23 08:00" in message and "申请1" in message
    assert "backup restore" not in message  # the window speaks of its button, the command line of its command
    assert f'backup restore "{backup}" --yes' in caught.value.cli_hint
    assert _digest(path) == before
