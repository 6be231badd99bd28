"""Opening a database file: create or upgrade its schema safely.

Rules (STYLE §5): an existing database is checked first (`PRAGMA quick_check`): a zero-byte file, a file that is
not SQLite and a damaged database are refused and never written to (the damaged one with the newest verified
backup named). It is backed up (models.services.backup, into `<stem>-备份/`) before any migration — one
pre-migration copy however many attempts fail; a database written by a newer version of the app is refused and
left untouched; a failed migration never deletes anything — the user gets the path of the backup. Migrations
run with foreign keys off (batch mode on SQLite would otherwise delete child rows) and `PRAGMA foreign_key_check`
runs afterwards.

Start-up cost: the stored revision is read with plain sqlite3 and the head revision from the migration files'
`revision = "…"` lines, so that Alembic (≈0.12 s to import) is loaded only when the database needs an upgrade.

A server database (`postgresql://…`, see models.db) runs the same migrations through Alembic, its revision read
through SQLAlchemy; the file checks and the pre-migration file backup do not apply (the county backs its server
up with pg_dump; PostgreSQL runs each migration in a transaction, so a failed one leaves the schema as it was).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain.errors import UserError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

    from models.db import Database
    from models.services.backup import BackupInfo

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*["']?([^"'\s]+?)["']?\s*$""", re.M)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision of every migration file (read as text: no Alembic import)."""
    graph: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m[1], m[2]) for m in _REVISION_LINE.finditer(script.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    """The newest revision: the one no other migration builds on (tests check it against Alembic's own head)."""
    graph = _revision_graph()
    heads = set(graph) - set(graph.values())
    assert len(heads) == 1, f"migrations must form one line, heads: {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def _check_ours(current: str | None, tables: set[str], database: str, not_ours: str) -> None:
    """Refuse (never touch) a database of a newer release, or one holding another program's tables.
    `database` names it in the first message (数据库“x”), `not_ours` begins the second."""
    if current is not None and current not in known_revisions():
        raise UserError(
            f"{database}由更新版本的政务公开工作台创建（结构版本 {current}），"
            f"本程序（结构版本 {head_revision()}）无法打开，也不会修改它。请升级程序后再打开。"
        )
    if current is None and tables - {"alembic_version"}:
        raise UserError(f"{not_ours}不是政务公开工作台的数据库，程序没有改动它。")


def _read_only(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot write: a refused file must stay byte-for-byte unchanged."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def current_revision(path: Path) -> str | None:
    """The revision stored in the database's `alembic_version` table (None: a new or foreign database)."""
    conn = _read_only(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone():
            return None
        rows = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    finally:
        conn.close()
    if len(rows) > 1:
        raise sqlite3.DatabaseError(f"more than one schema revision: {rows}")
    return rows[0] if rows else None


class DamagedDatabaseError(UserError):
    """The database fails `PRAGMA quick_check`: it is not written to; `backup` is the newest verified backup."""

    def __init__(
        self, path: Path, problems: list[str], backup: BackupInfo | None, *, what: str = "已损坏（完整性检查未通过）"
    ) -> None:
        self.path, self.problems, self.backup = path, problems, backup
        message = f"数据库“{path}”{what}，程序没有写入它。"
        if backup is not None:
            when = f"{backup.created:%Y-%m-%d %H:%M}" if backup.created else ""
            message += (
                f"\n最新的已验证备份：{backup.path}（{when}，{backup.counts_text()}），可以用它恢复。"
                "\n恢复时原文件会改名保留在原文件夹中，不会删除。"
            )
            hint = f'恢复命令：main.py --db "{path}" backup restore "{backup.path}" --yes'
        else:
            message += "\n没有找到可用的自动备份；如有另外保存的备份，请交给技术人员恢复。"
            hint = "恢复您保存的其他备份：main.py backup restore 备份文件 --yes"
        super().__init__(message, details=problems[:5], cli_hint=hint)


def integrity_problems(path: Path) -> list[str]:
    """`PRAGMA quick_check` on the file, read-only; [] when it is sound."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            result = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if result == ["ok"] else result


_early_checks: dict[Path, tuple[threading.Thread, list[list[str]]]] = {}


def start_integrity_check(path: Path | str) -> None:
    """Start `PRAGMA quick_check` of an existing database in a thread (SQLite runs it without holding the GIL), so
    that it overlaps the window's start-up imports; `open_database` then takes its result instead of checking
    again. Nothing happens for a missing or empty file."""
    path = Path(path).expanduser().resolve()
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    result: list[list[str]] = []
    thread = threading.Thread(target=lambda: result.append(integrity_problems(path)), daemon=True)
    _early_checks[path] = (thread, result)
    thread.start()


def _integrity_problems_once(path: Path) -> list[str]:
    early = _early_checks.pop(path, None)
    if early is not None:
        early[0].join()
        if early[1]:
            return early[1][0]
    return integrity_problems(path)


def _check_file(path: Path) -> None:
    """Refuse, untouched, a zero-byte file, a file that is not SQLite, and a damaged database (with the newest
    verified backup to offer)."""
    if path.stat().st_size == 0:
        backup = _newest_verified_backup(path)
        raise DamagedDatabaseError(
            path,
            ["可能是复制或保存时中断了。如确实要新建数据库，请先把这个空文件删除或改名。"],
            backup,
            what="是空的（0字节），程序没有把它当作新数据库使用",
        )
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != SQLITE_HEADER:
        raise UserError(f"“{path}”不是有效的数据库文件，程序没有改动它。")
    problems = _integrity_problems_once(path)
    if problems:
        log.error("database %s failed quick_check: %s", path, problems[:5])
        raise DamagedDatabaseError(path, problems, _newest_verified_backup(path))


def _newest_verified_backup(path: Path) -> BackupInfo | None:
    from models.services.backup import newest_verified_backup  # loaded only for a refused file

    return newest_verified_backup(path)


def open_database(path: Path | str, *, read_only: bool = False) -> Database:
    """Open (creating if needed) and migrate the database at `path` (a file, or a server URL); return it ready for use.

    `read_only=True` (a second window on a database already open) opens without migrating; SQLite refuses writes.
    """
    from models.db import Database, is_server_url, make_engine

    if is_server_url(path):
        return open_server_database(str(path), read_only=read_only)

    path = Path(path).expanduser().resolve()
    if not path.parent.is_dir():
        raise UserError(f"数据库所在文件夹不存在：{path.parent}")
    existed = path.exists()
    if existed:
        _check_file(path)

    try:
        current = current_revision(path) if existed else None
        tables = _table_names(path) if existed else set()
    except sqlite3.DatabaseError:
        raise UserError(f"“{path}”不是有效的数据库文件，程序没有改动它。") from None

    head = head_revision()
    _check_ours(current, tables, f"数据库“{path.name}”", f"“{path}”")

    if read_only:
        if current != head:
            raise UserError(f"数据库“{path.name}”需要先升级结构，不能以只读方式打开。请关闭另一个窗口后重试。")
        return Database(path=path, engine=make_engine(path, read_only=True), read_only=True)
    if current != head:
        from models.services.backup import PRE_MIGRATION, labelled_backup  # loaded only to migrate

        label = f"{PRE_MIGRATION}-{current}"
        backup = labelled_backup(path, label, reuse=True) if current is not None else None
        _upgrade(path, backup)
        if backup is not None:  # done: the next migration from this version (after a restore) gets its own copy
            with contextlib.suppress(OSError):
                os.replace(backup, backup.with_name(f"{backup.stem}-已完成{backup.suffix}"))
    return Database(path=path, engine=make_engine(path))


def _table_names(path: Path) -> set[str]:
    conn = _read_only(path)
    try:
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        return {r[0] for r in conn.execute(query)}
    finally:
        conn.close()


def _upgrade(path: Path, backup: Path | None) -> None:
    from alembic import command
    from sqlalchemy import text

    from models.db import make_engine

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


def open_server_database(target: str, *, read_only: bool = False) -> Database:
    """Open and migrate a PostgreSQL database: the same checks as for a file (a newer version's or another
    program's database is refused untouched), read through SQLAlchemy."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    from models.db import Database, make_server_engine, safe_url_text, server_home, server_url

    url = server_url(target)
    shown = safe_url_text(url)
    engine = make_server_engine(url, read_only=read_only)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))] if (
                "alembic_version" in tables) else []  # fmt: skip
    except DBAPIError as error:
        engine.dispose()
        reason = str(error.orig or error).strip().splitlines()[0] if (error.orig or error) else ""
        raise UserError(
            f"无法连接服务器数据库“{shown}”。请检查服务器地址、数据库名和用户名，或联系县信息化人员。\n原因：{reason}"
        ) from None
    current = rows[0] if rows else None
    head = head_revision()
    try:
        _check_ours(current, tables, f"服务器数据库“{shown}”", f"服务器数据库“{shown}”中有其他程序的数据表，")
        if current != head:
            if read_only:
                raise UserError(f"服务器数据库“{shown}”需要先升级结构，不能以只读方式打开。")
            _upgrade_server(engine, shown)
    except BaseException:
        engine.dispose()
        raise
    home = server_home(url)
    home.parent.mkdir(parents=True, exist_ok=True)  # its letters and templates are kept beside this name
    return Database(path=home, engine=engine, read_only=read_only, url=url)


def _upgrade_server(engine: Engine, shown: str) -> None:
    from alembic import command

    try:
        with engine.connect() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
    except Exception as exc:
        log.exception("migration of %s failed", shown)
        raise UserError(f"服务器数据库“{shown}”结构升级失败，已回滚到升级前的结构。\n错误：{exc}") from exc
