"""Benchmark: the 期限日历 page's month view redrawn with 10,000 open deadlines in the month shown (the data of
`bench_calendar_month`). Target (issue 11): ≤ 100 ms (median).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_calendar_view [--open 10000] [--closed 50000]

Timed, median of several runs, offscreen at 1280×700:
- redraw: the cells rebuilt from the loaded month (filters applied), the grid and agenda models reset, and the grid
  painted (`QWidget.grab()`, which paints every cell through the delegate);
- filter: the same after choosing a 承办人 (every item tested);
- reload (for information): the month read from the database (`days_between`, six weeks) and redrawn.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from benchmarks.bench_applications_list import median_ms
from benchmarks.bench_calendar_month import MONTH, TODAY, YEAR, generate

TARGET_MS = 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=10_000, help="open deadlines planted in the month")
    parser.add_argument("--closed", type=int, default=50_000, help="answered applications of earlier years")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from gui.app import make_application
    from gui.pages.calendar_page import CalendarPage
    from models.migrate import open_database

    path = Path(tempfile.mkdtemp()) / "bench.db"
    print(f"generating {args.open} open deadlines + {args.closed} closed applications … ", end="", flush=True)
    seconds, planted = generate(path, args.open, args.closed)
    print(f"{seconds:.1f} s ({planted} deadlines planted in {YEAR}-{MONTH:02d})")
    app = make_application()
    db = open_database(path)
    page = CalendarPage(db, today=TODAY)
    page.resize(1280, 700)
    page.show()
    app.processEvents()
    items = sum(len(c.items) for c in page.grid.grid_model.cells() if c.in_month)

    def redraw() -> None:
        page._fill_views()
        page.grid.grab()

    redraw_ms = median_ms(redraw)
    page.owner_filter.setCurrentText("李四")
    filter_ms = median_ms(redraw)
    page.owner_filter.setCurrentIndex(0)
    reload_ms = median_ms(lambda: (page.refresh(), page.grid.grab()), runs=5)
    ok = max(redraw_ms, filter_ms) <= TARGET_MS
    verdict = "ok" if ok else "TOO SLOW"
    print(f"month view {YEAR}-{MONTH:02d}: {items} items shown")
    print(f"  redraw (model reset + paint): median {redraw_ms:.1f} ms  target ≤ {TARGET_MS} ms  {verdict}")
    print(f"  redraw with the 承办人 filter: median {filter_ms:.1f} ms")
    print(f"  reload from the database + redraw (information): median {reload_ms:.1f} ms")
    page.close()
    db.close()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
