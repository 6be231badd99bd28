"""Benchmark: a 1,000-record sync package imported into PostgreSQL (issue 13, goal ≤ 5 s).

A unit's register is generated on SQLite (`benchmarks.generate`: applications with their events) until it holds at
least `records` records; its first sync package (everything) is exported, then imported — the whole
`sync.import_package`: checks, comparison and the one transaction — into a fresh PostgreSQL database that knows the
unit (median of `runs`, each into a new database). The baseline is the same import into a fresh SQLite file.

PostgreSQL: the server of `pg_url` (a URL of a database the benchmark may CREATE DATABASE from, e.g.
`postgresql://postgres@/postgres?host=/tmp`), else a throwaway cluster (`benchmarks._pg.Cluster`, as the county
benchmark's).

    .venv/bin/python -m benchmarks.bench_sync [--records 1000] [--runs 3] [--pg-url URL]

`measure(*, records=1000, runs=3, pg_url=None, work=None) -> list[dict]` returns one row (figure, value, unit,
baseline, baseline_label, ratio, goal, met) for `benchmarks.run`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

GOAL_SECONDS = 5.0
TODAY = date(2026, 11, 23)


def _unit_package(work: Path, records: int) -> tuple[Path, str, int]:
    """A generated unit's first sync package with at least `records` records: (path, unit uuid, record count)."""
    from benchmarks.generate import generate
    from models.migrate import open_database
    from models.services import sync, units

    count = max(records // 4, 1)  # an application has about three events
    while True:
        path = work / f"unit-{count}.db"
        if not path.exists():
            generate(path, count, today=TODAY)
        db = open_database(path)
        try:
            out = work / f"packages-{count}"
            out.mkdir(exist_ok=True)
            result = sync.export_package(db, out, since_last=False)
            unit = units.current_unit(db)
            assert unit is not None
        finally:
            db.close()
        if result.records >= records:
            return result.path, unit.uuid, result.records
        count = count * records // max(result.records, 1) + 1


def _import_seconds(target: Path | str, package: Path, unit_uuid: str) -> float:
    from models.migrate import open_database
    from models.services import sync, units

    db = open_database(target)
    try:
        units.add_unit(db, "同步单位", "基准测试单位", unit_uuid=unit_uuid)
        started = time.perf_counter()
        result = sync.import_package(db, package)
        seconds = time.perf_counter() - started
        assert result.inserted > 0 and not result.conflicts
        return seconds
    finally:
        db.close()


class _Server:
    """Fresh databases on a PostgreSQL server (given, or a throwaway cluster started here)."""

    def __init__(self, pg_url: str | None) -> None:
        from sqlalchemy.engine import make_url

        self.cluster = None
        if pg_url is None:
            from benchmarks._pg import Cluster

            self.cluster = Cluster()
            pg_url = self.cluster.admin_url
        self.admin = make_url(pg_url)
        self.names = (f"dd_bench_sync_{os.getpid()}_{n}" for n in itertools.count(1))
        self.made: list[str] = []

    def _execute(self, statement: str) -> None:
        import psycopg

        url = self.admin.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(statement)

    def fresh(self) -> str:
        name = next(self.names)
        self._execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        return self.admin.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        try:
            for name in self.made:
                self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        finally:
            if self.cluster is not None:
                self.cluster.stop()


def measure(
    *, records: int = 1000, runs: int = 3, pg_url: str | None = None, work: Path | None = None
) -> list[dict[str, Any]]:
    """The import time of a `records`-record package into PostgreSQL (median of `runs`), SQLite as the baseline."""
    work = Path(work or tempfile.mkdtemp(prefix="bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    package, unit_uuid, count = _unit_package(work, records)
    server = _Server(pg_url)
    try:
        pg = statistics.median(_import_seconds(server.fresh(), package, unit_uuid) for _ in range(max(runs, 1)))
    finally:
        server.close()
    with tempfile.TemporaryDirectory(prefix="bench-sync-sqlite-") as fresh:  # a new county file each run (the
        # report's work folder is kept between reports: a file from the last one already holds the unit)
        sqlite = statistics.median(
            _import_seconds(Path(fresh) / f"county-{n}.db", package, unit_uuid) for n in range(max(runs, 1))
        )
    return [
        {
            "figure": f"同步包导入 PostgreSQL（{count:,} 条记录）",
            "value": round(pg, 2),
            "unit": "s",
            "baseline": round(sqlite, 2),
            "baseline_label": "同一同步包导入 SQLite",
            "ratio": round(pg / sqlite, 2) if sqlite else 0.0,
            "goal": f"≤ {GOAL_SECONDS:g} s",
            "met": pg <= GOAL_SECONDS,
        }
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args()
    for row in measure(records=args.records, runs=args.runs, pg_url=args.pg_url):
        met = "yes" if row["met"] else "NO"
        print(
            f"{row['figure']}: {row['value']} s (SQLite {row['baseline']} s, ×{row['ratio']}) goal {row['goal']} {met}"
        )


if __name__ == "__main__":
    main()
