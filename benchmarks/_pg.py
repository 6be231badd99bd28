"""A PostgreSQL server for the benchmarks: the one named by `--pg-url` / DISCLOSURE_DESK_BENCH_PG_URL (a URL to a
database the benchmark may CREATE DATABASE from, e.g. `postgresql://postgres@/postgres?host=/tmp`), else a throwaway
cluster (initdb + pg_ctl on a private socket folder, no TCP, trust auth, deleted at the end; as root it runs as the
user `postgres`). Also pg_dump / pg_restore of a benchmark database (the cache of the generated data)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "DISCLOSURE_DESK_BENCH_PG_URL"


class Unavailable(RuntimeError):
    """No PostgreSQL server to measure on (the message says why, in Chinese)."""


def bin_path(name: str) -> str:
    """A PostgreSQL program, from the newest server installation first (pg_dump must not be older than the server)."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found:
        return found
    raise Unavailable(
        f"未安装 PostgreSQL 服务器程序（找不到 {name}）：请安装 Debian 软件包 postgresql，或用 --pg-url 指定服务器"
    )


def installed() -> bool:
    try:
        bin_path("initdb")
        bin_path("pg_ctl")
    except Unavailable:
        return False
    return True


def run_as_server_user() -> list[str]:
    """The command prefix that runs a server program as `postgres` when we are root (the server refuses root)."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Cluster:
    """A throwaway cluster in a temporary folder named `folder_prefix…` (see the module docstring); the tests'
    clusters (tests/conftest.py) are these too."""

    def __init__(self, folder_prefix: str = "dd-bench-pg-") -> None:
        initdb, pg_ctl = bin_path("initdb"), bin_path("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix=folder_prefix))
        self.data = self.folder / "data"
        self.prefix = run_as_server_user()
        if self.prefix:
            shutil.chown(self.folder, "postgres")
        try:
            self._run(initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")  # fmt: skip
            options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
            self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.admin_url = f"postgresql://postgres@/postgres?host={self.folder}"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop(self) -> None:
        try:
            self._run(bin_path("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def server(url: str | None = None) -> Iterator[str]:
    """The admin URL of the given server (argument, then the environment), else of a throwaway cluster."""
    given = url or os.environ.get(ENV_URL)
    if given:
        yield given
        return
    cluster = Cluster()
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


def _libpq(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def url_of(admin_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def execute(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def create(admin_url: str, name: str) -> str:
    """A new empty database `name` (dropped first if left over) and its URL."""
    execute(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    return url_of(admin_url, name)


def drop(admin_url: str, name: str) -> None:
    execute(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def dump(url: str, target: Path) -> None:
    """pg_dump in the custom format (compressed, restorable in parallel)."""
    subprocess.run([bin_path("pg_dump"), "-Fc", "-Z", "1", "-f", str(target), "-d", _libpq(url)], check=True,
                   capture_output=True)  # fmt: skip


def restore(source: Path, url: str) -> None:
    subprocess.run([bin_path("pg_restore"), "--no-owner", "-j", "2", "-d", _libpq(url), str(source)], check=True,
                   capture_output=True)  # fmt: skip
