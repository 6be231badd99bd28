"""Engine and sessions. Nothing happens at import time; `open_database` (models.migrate) is the way in.

SQLite is opened with WAL, foreign keys on and a busy timeout; every write goes through `Database.transaction()`.
A writer that still finds the database locked after the busy timeout gets a Chinese `UserError` (retry), never a
traceback; a write to a database opened read-only likewise. `InstanceLock` tells a second window on the same
database that one is open already (an OS lock on `<db>.lock`, released by the OS when the process ends).

A county server database is named by a URL (`postgresql://USER@HOST/DB`, `postgresql:///DB?host=/tmp` for a local
socket) instead of a path: same models, same migrations. The SQLite-only features (WAL, the instance lock, the
file checks and backups) do not apply there; `Database.path` is then a name in the user data folder beside which
the letters and templates of that server database are kept.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from models.domain.errors import UserError
from models.paths import is_server_url

__all__ = ["Database", "InstanceLock", "SecondInstanceError", "is_server_url", "make_engine", "make_server_engine"]

BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another writer before it is told to retry


def server_url(target: str) -> URL:
    """The SQLAlchemy URL of a server database, always with the psycopg (3) driver."""
    from sqlalchemy.engine import make_url

    url = make_url(target.strip().replace("postgres://", "postgresql://", 1))
    if not url.database:
        raise UserError(
            f"服务器数据库地址“{safe_url_text(target)}”缺少数据库名，例如 postgresql://用户名@服务器/数据库名。"
        )
    return url.set(drivername="postgresql+psycopg")


def safe_url_text(target: str | URL) -> str:
    """The URL as shown to the user: the password is never printed."""
    from sqlalchemy.engine import make_url

    try:
        url = make_url(str(target)) if isinstance(target, str) else target
    except Exception:  # noqa: BLE001 - not a URL at all: shown as typed (it holds no parsed password)
        return str(target)
    return url.set(drivername=url.drivername.split("+")[0]).render_as_string(hide_password=True)


def server_home(url: URL) -> Path:
    """Where the files of a server database live on this PC (letters, templates, exports): the user data folder,
    in a name derived from the server and the database name. A name, not a file: nothing is created here."""
    from models import paths

    host = str(url.host or url.query.get("host") or "local").strip("/").replace("/", "_").replace(":", "_")
    name = re.sub(r"[^\w.-]", "_", f"{url.database}@{host}")
    return paths.data_dir() / "服务器数据库" / name


def make_server_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine on a PostgreSQL database. A writer waits `BUSY_TIMEOUT_MS` for a row lock, then is told to retry;
    `read_only=True` makes the server refuse every write."""
    options = f"-c lock_timeout={int(BUSY_TIMEOUT_MS)}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    from models.entities import add_postgresql_options

    add_postgresql_options()
    return create_engine(url, future=True, pool_pre_ping=True, connect_args={"options": options})


def make_engine(path: Path, *, foreign_keys: bool = True, wal: bool = True, read_only: bool = False) -> Engine:
    """`wal=False` for a look at a file that may not be ours: switching to WAL rewrites the file header.
    `read_only=True` opens the file so that SQLite itself refuses every write."""
    if read_only:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
            future=True,
        )
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")  # read at connect: tests shorten it
        if wal and not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    return engine


def user_error_for(error: DBAPIError, path: Path) -> UserError | None:
    """The Chinese message for a locked or read-only database; None for anything else (a bug)."""
    text = str(error.orig if error.orig is not None else error).lower()
    if "lock timeout" in text:  # PostgreSQL: another clerk's transaction holds the rows
        return UserError(
            f"服务器数据库“{path.name}”中的这些记录正被另一位用户修改，等待{BUSY_TIMEOUT_MS / 1000:g}秒后仍未完成。"
            "本次修改没有保存，请稍后重试。"
        )
    if "read-only transaction" in text:
        return UserError(f"服务器数据库“{path.name}”是以只读方式打开的，本次修改没有保存。")
    if "locked" in text or "busy" in text:
        return UserError(
            f"数据库“{path.name}”正忙：另一个窗口或程序正在写入，等待{BUSY_TIMEOUT_MS / 1000:g}秒后仍未完成。"
            "本次修改没有保存，请稍后重试。"
        )
    if "readonly" in text or "read-only" in text:
        return UserError(
            f"数据库“{path.name}”是以只读方式打开的（它已在另一个窗口中打开），本次修改没有保存。"
            "请在那个窗口中操作，或关闭它后重新打开本程序。"
        )
    return None


@dataclass
class Database:
    """An open, migrated database: a SQLite file, or a server database (`url` set; `path` is then its home in the
    user data folder, see `server_home`)."""

    path: Path
    engine: Engine
    read_only: bool = False
    instance_lock: InstanceLock | None = None  # held by a window for as long as it has the database open
    url: URL | None = None

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_name(self) -> str:
        """What the window and messages call this database: the file path, or the URL without its password."""
        return safe_url_text(self.url) if self.url is not None else str(self.path)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from models.audit_capture import install_audit  # entities are imported only once a database opens

        install_audit(self)  # every create, change and void goes to the audit log
        from models.services.units import install_units

        install_units(self)  # every session sees and changes only the current unit's records (issue 13)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except DBAPIError as error:
            known = user_error_for(error, self.path)
            if known is None:
                raise
            raise known from error
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing is committed."""
        session = self._sessions()
        try:
            yield session
        except DBAPIError as error:
            known = user_error_for(error, self.path)
            if known is None:
                raise
            raise known from error
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
        if self.instance_lock is not None:
            self.instance_lock.release()


class SecondInstanceError(UserError):
    """The database is already open in another window (its InstanceLock is held)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库“{path}”已在另一个政务公开工作台窗口中打开。同时在两个窗口中修改同一数据库可能互相覆盖，"
            "请切换到那个窗口；也可以在这里以只读方式查看。"
        )
        self.path = path


class InstanceLock:
    """An exclusive OS lock on `<db>.lock` held while a window works on the database (like QLockFile, without
    Qt). The OS drops it when the process ends, so a crash never leaves a stale lock behind."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(db_path).with_name(Path(db_path).name + ".lock")
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another process (or another window of this one) holds it."""
        if self._handle is not None:
            return True
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the life of the lock
        try:
            _lock_file(handle)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock_file(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
