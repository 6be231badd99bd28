"""Benchmark: the annual report over 50,000 applications (issue 5: under 1 s, median).

Measures `reports.annual_report` — the data of every table (表三 with its checks and the applications that break
them, 表四 and the fees from the events, 表二) — against the raw SQL aggregate of 表三 alone run through sqlite3,
and, separately, the writing of the xlsx file (with its 明细 sheet).

    .venv/bin/python -m benchmarks.bench_reports [--count 50000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.generate import generate

TODAY = date(2026, 11, 23)
YEAR = 2025
RUNS = 11


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    args = parser.parse_args()

    from models.domain.statistics import Period
    from models.migrate import open_database
    from models.services import reports

    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.db"
    print(f"generating {args.count} applications … ", end="", flush=True)
    print(f"{generate(path, args.count, today=TODAY):.1f} s")
    db = open_database(path)
    raw = sqlite3.connect(path)
    statement = reports.aggregate_statement(Period.year(YEAR))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    sql = str(compiled)

    report = reports.annual_report(db, YEAR)
    in_scope = reports.count_details(db, str(YEAR))
    print(
        f"{YEAR}: {report.table3.table.get('new')} received, {in_scope} in the year's 表三, "
        f"checks ok: {report.table3.ok}"
    )

    app_ms = median_ms(lambda: reports.annual_report(db, YEAR))
    sql_ms = median_ms(lambda: raw.execute(sql).fetchall())
    out = folder / "年报.xlsx"
    write_ms = median_ms(lambda: reports.export_return(db, str(YEAR), out), runs=3)
    ok = app_ms < 1000
    print(f"{'case':44s} {'median':>10s}")
    print(
        f"{'annual report data (all tables + checks)':44s} {app_ms:8.1f}ms  "
        f"target < 1000 ms: {'ok' if ok else 'TOO SLOW'}"
    )
    print(f"{'raw SQL aggregate of 表三 (sqlite3)':44s} {sql_ms:8.1f}ms  ratio {app_ms / sql_ms:.1f}x")
    print(f"{'xlsx file incl. 明细 (' + str(in_scope) + ' rows), 3 runs':44s} {write_ms:8.1f}ms")
    db.close()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
