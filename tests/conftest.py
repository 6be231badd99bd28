"""Shared fixtures: every test runs with its own app home folder, never the user's real folders.

In CI (the environment variable CI set, as .ci/run does) a skipped test is a failure: everything the suite needs
is in the repository or installed by scripts/setup.sh, so a skip there means a test silently did not run.

The engine: SQLite by default; `DISCLOSURE_DESK_TEST_DB=postgresql` (or `--engine=postgresql`) makes every fixture
that creates the app's database (`db`, `database_target`, the CLI's) create a fresh PostgreSQL database per test, on
a throwaway cluster started once per session (initdb + pg_ctl on a private socket folder), or on the server of
`DISCLOSURE_DESK_TEST_PG_URL` (a URL to a database the tests may CREATE DATABASE from, e.g.
`postgresql://postgres@/postgres?host=/tmp`). Tests about SQLite files themselves (backups of the file, WAL,
quick_check, kill -9, the portable folder, the upgrade fixtures) are marked `sqlite_only` and DESELECTED on the
PostgreSQL run (reported as "deselected", never as a skip: in CI a skip is a failure, and a deselection is what was
asked for). Tests that open their own `tmp_path / "x.db"` keep running on SQLite in both runs, so the PostgreSQL run
deselects every test that does not get the engine's database (fixture `database_target`, behind `db`, `cli`,
`window` …, or `pg_server`): on PostgreSQL it would repeat its SQLite run exactly.

Speed: Alembic's migrations take about a second per new SQLite file, so each session (each pytest-xdist worker)
migrates ONE template with the real migrations and every new database a test opens is a copy of it (with its own
unit uuid, as a fresh migration draws one), unless the test is marked `real_migrations` (the migration tests
themselves). Under pytest-xdist the slowest tests (RUN_FIRST) start first, so that no worker waits on them at the
end."""

from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Before anything can create a QApplication: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import models.migrate  # noqa: E402
from benchmarks._pg import Cluster, bin_path, run_as_server_user  # noqa: E402
from models.db import Database  # noqa: E402
from models.migrate import open_database  # noqa: E402
from models.paths import ENV_HOME  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"  # public documents (State Council notices) the tests read


ENV_ENGINE = "DISCLOSURE_DESK_TEST_DB"
ENV_PG_URL = "DISCLOSURE_DESK_TEST_PG_URL"
PG_TEMPLATE = f"dd_template_{os.getpid()}"  # migrated once per session: each test's database is a copy of it
ENGINE_FIXTURES = ("database_target", "pg_server")  # a test without one of them never sees the engine under test
# The slowest tests (subprocesses: the frozen build, kill -9, the benchmark report): under pytest-xdist they start
# first, one after the other on the worker that gets the first chunk of tests, while the other workers run the rest
# (so they never run at the same time as each other, and no worker waits on them at the end).
RUN_FIRST = (
    "tests/test_frozen_build.py",
    "tests/test_kill9.py",
    "tests/test_benchmarks_run.py",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine", choices=("sqlite", "postgresql"), default=None, help=f"database engine (default: ${ENV_ENGINE})"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself; not run on PostgreSQL")
    config.addinivalue_line(
        "markers", "real_migrations: new SQLite databases are migrated by Alembic, not copied from the template"
    )
    if config.getoption("--engine"):
        os.environ[ENV_ENGINE] = config.getoption("--engine")


def pytest_sessionstart(session: pytest.Session) -> None:  # after pytest's faulthandler plugin set up its own
    """With DISCLOSURE_DESK_CRASH_DIR (scripts/test.sh sets it), a process that dies of a fatal signal writes every
    thread's stack to a file there, which the script prints at its very end: the head of the dump (the thread that
    crashed, the test it ran) would otherwise scroll out of a CI log's tail."""
    folder = os.environ.get("DISCLOSURE_DESK_CRASH_DIR")
    if not folder:
        return
    import faulthandler

    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    handle = open(Path(folder) / f"{worker}-{os.getpid()}.txt", "w", encoding="utf-8")  # noqa: SIM115 - kept open
    session.config._crash_dump_file = handle  # type: ignore[attr-defined]  # written to until the process exits
    faulthandler.enable(file=handle, all_threads=True)


def on_postgresql() -> bool:
    return os.environ.get(ENV_ENGINE, "sqlite").lower() in ("postgresql", "postgres", "pg")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: every worker sorts the same way
        first = sorted((item for item in items if item.nodeid.startswith(RUN_FIRST)),
                       key=lambda item: RUN_FIRST.index(item.nodeid.split("::")[0]))  # fmt: skip
        items[:] = first + [item for item in items if item not in first]
    if not on_postgresql():
        return
    kept = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only") is None
        and any(name in getattr(item, "fixturenames", ()) for name in ENGINE_FIXTURES)
    ]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Cluster(Cluster):
    """A throwaway PostgreSQL cluster (benchmarks/_pg.py: temporary folder, private socket, no TCP, trust auth,
    deleted at the end) in a folder named after this process, so that the next session can stop the clusters of
    test processes that ended without their teardown."""

    def __init__(self) -> None:
        self._stop_orphans()
        super().__init__(folder_prefix=f"dd-pg-{os.getpid()}-")  # the pid: see _stop_orphans

    @staticmethod
    def _stop_orphans() -> None:
        """Stop and delete the clusters of test processes that ended without their teardown (a pytest-xdist worker
        ended by pytest-timeout): their folders are named after the process."""
        for folder in Path(tempfile.gettempdir()).glob("dd-pg-*-*"):
            found = re.fullmatch(r"dd-pg-(\d+)-\w+", folder.name)
            if found is None or _process_alive(int(found[1])):
                continue
            if (folder / "data" / "postmaster.pid").exists():
                stop = [*run_as_server_user(), bin_path("pg_ctl"), "-D", str(folder / "data"), "-m", "immediate"]
                subprocess.run([*stop, "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            shutil.rmtree(folder, ignore_errors=True)


class PgServer:
    """Creates a fresh, migrated database per test (a copy of the session's template) and drops it after."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.admin = make_url(admin_url)
        self._names = itertools.count(1)
        self._execute(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)", f"CREATE DATABASE {PG_TEMPLATE}")
        open_database(self.url_of(PG_TEMPLATE)).close()

    def _execute(self, *statements: str, database: str | None = None) -> None:
        import psycopg

        url = self.admin.set(drivername="postgresql", **({"database": database} if database else {}))
        with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def url_of(self, name: str) -> str:
        return self.admin.set(database=name).render_as_string(hide_password=False)

    def create(self) -> str:
        name = f"dd_test_{os.getpid()}_{next(self._names)}"
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}")
        self._execute(f"UPDATE unit SET uuid = '{uuid.uuid4()}'", database=name)  # as a fresh migration draws one
        return self.url_of(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._execute(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    @contextmanager
    def database(self) -> Iterator[str]:
        """A fresh migrated database for the block (its URL), dropped after it."""
        url = self.create()
        try:
            yield url
        finally:
            self.drop(url)

    def close(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The PostgreSQL server of this session (started here unless DISCLOSURE_DESK_TEST_PG_URL names one)."""
    given = os.environ.get(ENV_PG_URL)
    cluster = None if given else _Cluster()
    try:
        server = PgServer(given or cluster.admin_url)  # type: ignore[union-attr]
        yield server
        server.close()  # a given server keeps nothing of this session
    finally:
        if cluster is not None:
            cluster.stop()


def copy_migrated(template: Path, path: Path) -> None:
    """`path` becomes a freshly migrated database: a copy of the template with a unit uuid of its own."""
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE unit SET uuid = ?", (str(uuid.uuid4()),))
    finally:
        conn.close()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest schema by Alembic, once per session (per xdist worker)."""
    folder = tmp_path_factory.mktemp("migrated-template")
    path = folder / "template.db"
    open_database(path).close()
    leftovers = [p.name for p in folder.iterdir() if p != path]
    assert not leftovers, f"the template must be one closed file, found also {leftovers}"
    return path


@pytest.fixture(autouse=True)
def _new_databases_from_template(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new SQLite file that open_database would migrate from nothing gets a copy of `migrated_template` instead
    (the same schema, made by the same migrations once per session); an existing file is upgraded as always."""
    if request.node.get_closest_marker("real_migrations"):
        return
    template: Path = request.getfixturevalue("migrated_template")
    upgrade = models.migrate._upgrade

    def upgrade_or_copy(path: Path, backup: Path | None) -> None:
        if backup is None and not path.exists():
            copy_migrated(template, path)
        else:
            upgrade(path, backup)

    monkeypatch.setattr(models.migrate, "_upgrade", upgrade_or_copy)


@pytest.fixture
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """Where the app's database of this test lives: `<tmp>/test.db`, or on PostgreSQL a fresh database's URL."""
    if not on_postgresql():
        yield tmp_path / "test.db"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    with server.database() as url:
        yield url


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """DISCLOSURE_DESK_HOME points into tmp_path; log handlers opened during the test are closed after it."""
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_HOME, str(home))
    root = logging.getLogger()
    before = list(root.handlers)
    yield home
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def db(database_target: Path | str) -> Iterator[Database]:
    """A fresh database migrated to the newest schema (SQLite file or PostgreSQL database: see the engine above)."""
    database = open_database(database_target)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def shared_domain() -> Path:
    """The folder of the official texts the tests read, in the repository: `holidays/2025-notice.txt`,
    `holidays/2026-notice.txt` (the State Council notices) and `holidays/days.csv` (the days they define)."""
    return TEST_DATA


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # noqa: ANN201 - pluggy wrapper
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"
