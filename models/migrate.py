"""Opening a database file: create or upgrade its schema safely.

Rules (STYLE §5): an existing database is copied to a backup before any migration; a database written by a
newer version of the app is refused and left untouched; a failed migration never deletes anything — the
user gets the path of the backup. Migrations run with foreign keys off (batch mode on SQLite would otherwise
delete child rows) and `PRAGMA foreign_key_check` runs afterwards.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from models.db import Database, make_engine
from models.domain.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def current_revision(path: Path) -> str | None:
    engine = make_engine(path, wal=False)  # only reads: a refused file must stay byte-for-byte unchanged
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def backup_database(path: Path, label: str) -> Path:
    """A consistent copy of the database next to it (SQLite online backup, all pages at once)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix or '.db'}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.backup-{label}-{stamp}-{counter}{path.suffix or '.db'}")
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    log.info("backed up %s to %s", path, target)
    return target


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at `path`; return it ready for use."""
    path = Path(path).expanduser().resolve()
    if not path.parent.is_dir():
        raise UserError(f"数据库所在文件夹不存在：{path.parent}")
    existed = path.exists() and path.stat().st_size > 0

    try:
        current = current_revision(path) if existed else None
        tables = _table_names(path) if existed else set()
    except DatabaseError:
        raise UserError(f"“{path}”不是有效的数据库文件，程序没有改动它。") from None

    head = head_revision()
    if current is not None and current not in known_revisions():
        raise UserError(
            f"数据库“{path.name}”由更新版本的政务公开工作台创建（结构版本 {current}），"
            f"本程序（结构版本 {head}）无法打开，也不会修改它。请升级程序后再打开。"
        )
    if current is None and tables - {"alembic_version"}:
        raise UserError(f"“{path}”不是政务公开工作台的数据库，程序没有改动它。")

    if current != head:
        backup = backup_database(path, current or "empty") if existed else None
        _upgrade(path, backup)
    return Database(path=path, engine=make_engine(path))


def _table_names(path: Path) -> set[str]:
    engine = make_engine(path, wal=False)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _upgrade(path: Path, backup: Path | None) -> None:
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
            problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")
    except Exception as exc:
        log.exception("migration of %s failed", path)
        where = f"升级前的备份保存在：{backup}" if backup else "数据库是新建的，没有数据受影响。"
        raise UserError(f"数据库结构升级失败，原文件未被删除。{where}\n错误：{exc}") from exc
    finally:
        engine.dispose()
