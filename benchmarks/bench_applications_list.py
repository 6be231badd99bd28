"""Benchmark: opening the application list and applying a text filter, with 50,000 applications.

Measures what the clerk waits for — the Qt table model's reload (count + first page + the shown rows'
today-dependent columns) — and compares it with the bare SQL of the same query run through sqlite3.
Target (issue 3): each under 100 ms (median).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_applications_list [--count 50000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate import generate  # noqa: E402

TODAY = date(2026, 11, 23)
RUNS = 21


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

    from PySide6.QtWidgets import QApplication

    from gui.table_models.applications_model import PAGE_SIZE, ApplicationsTableModel
    from models.migrate import open_database
    from models.services.applications import ListFilter

    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.db"
    print(f"generating {args.count} applications … ", end="", flush=True)
    print(f"{generate(path, args.count, today=TODAY):.1f} s")

    QApplication([])
    db = open_database(path)
    model = ApplicationsTableModel(db, today=TODAY)
    raw = sqlite3.connect(path)

    def show_rows() -> None:  # what the view asks for the visible rows (about 30 of them)
        for row in range(min(30, model.rowCount())):
            for column in range(model.columnCount()):
                model.data(model.index(row, column))

    def open_list() -> None:
        model.set_filter(ListFilter())
        show_rows()

    def filter_by(text: str) -> Callable[[], None]:
        def run() -> None:
            model.set_filter(ListFilter(text=text))
            show_rows()

        return run

    columns = "id, number, received, applicant_type, applicant_name, id_number, content, status, result, detail"
    sql_open = [
        ("SELECT count(id) FROM application", ()),
        (f"SELECT {columns} FROM application ORDER BY year DESC, seq DESC, id DESC LIMIT {PAGE_SIZE}", ()),
    ]

    def sql_filter(text: str) -> list[tuple[str, tuple]]:
        if len(text) >= 3:
            where = "id IN (SELECT rowid FROM application_fts WHERE application_fts MATCH ?)"
            param: tuple = (f'"{text}"',)
        else:
            where = "(applicant_name LIKE ? OR content LIKE ? OR number LIKE ?)"
            param = (f"%{text}%",) * 3
        return [
            (f"SELECT count(id) FROM application WHERE {where}", param),
            (f"SELECT {columns} FROM application WHERE {where} ORDER BY year DESC, seq DESC LIMIT {PAGE_SIZE}", param),
        ]

    def bare(queries: list[tuple[str, tuple]]) -> Callable[[], None]:
        return lambda: [raw.execute(q, p).fetchall() for q, p in queries]

    cases = [
        ("open the list", open_list, bare(sql_open)),
        ("filter '道路硬化工程' (FTS trigram)", filter_by("道路硬化工程"), bare(sql_filter("道路硬化工程"))),
        ("filter '张伟' (2 chars, LIKE)", filter_by("张伟"), bare(sql_filter("张伟"))),
        ("filter '2026-01' (number)", filter_by("2026-01"), bare(sql_filter("2026-01"))),
    ]
    print(f"{'case':40s} {'app median':>12s} {'bare SQL':>10s} {'ratio':>7s}  target < 100 ms")
    failed = False
    for name, action, sql in cases:
        app_ms = median_ms(action)
        sql_ms = median_ms(sql)
        ok = app_ms < 100
        failed |= not ok
        print(f"{name:40s} {app_ms:10.1f}ms {sql_ms:8.1f}ms {app_ms / sql_ms:6.1f}x  {'ok' if ok else 'TOO SLOW'}")
    db.close()
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
