"""Benchmark: the 台账 import and export against openpyxl's own read and write of the same file (issue 12).

In one run, side by side:

- import: `ledger.validate_and_import` of a 5,000-row ledger (median of 3, each into a fresh database) against
  openpyxl's own read of the same file (read-only, values only). Goal ≤ 3×.
- export: `ledger.export_ledger` of 50,000 applications against openpyxl's own write (write-only) of the same
  cells. Goal ≤ 2×.
- memory: the peak resident memory (ru_maxrss) of a fresh process exporting 100,000 applications. Goal ≤ 400 MB;
  its baseline is the same process before the export (interpreter, libraries, open database).

The ledger to import is the export (with full personal data) of a generated register (`benchmarks.generate`).

    .venv/bin/python -m benchmarks.bench_ledger [--count 5000] [--export-count 50000] [--memory-count 100000]

`measure(...)` returns the figures as rows (figure, value, unit, baseline, ratio, goal, met) for
`benchmarks.run`.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.generate import generate

TODAY = date(2026, 11, 23)
IMPORT_GOAL = 3.0
EXPORT_GOAL = 2.0
MEMORY_GOAL_MB = 400.0


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _register(folder: Path, count: int) -> Path:
    """A generated register of `count` applications in `folder` (reused when it is there already)."""
    path = folder / f"register-{count}.db"
    if not path.exists():
        generate(path, count, today=TODAY)
    return path


def _openpyxl_read(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = sum(1 for _ in workbook["台账"].iter_rows(values_only=True))
    workbook.close()
    return rows


def _openpyxl_write(rows: list[list[Any]], headers: tuple[str, ...], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("台账")
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    workbook.save(path)


def measure_import(folder: Path, count: int = 5000, runs: int = 3) -> list[dict[str, Any]]:
    from models.migrate import open_database
    from models.services import ledger

    source = open_database(_register(folder, count))
    path = folder / f"台账-{count}.xlsx"
    ledger.export_ledger(source, path, full=True)
    source.close()
    ours: list[float] = []
    theirs: list[float] = []
    for run in range(runs):
        theirs.append(_seconds(lambda: _openpyxl_read(path)))
        target = folder / f"import-{count}-{run}.db"
        target.unlink(missing_ok=True)
        db = open_database(target)
        started = time.perf_counter()
        report = ledger.validate_and_import(db, path, today=TODAY)
        ours.append(time.perf_counter() - started)
        db.close()
        if len(report.imported) != count:
            raise SystemExit(f"imported {len(report.imported)} of {count} rows")
        target.unlink()
    return [_row(f"ledger import {count} rows", statistics.median(ours), statistics.median(theirs), IMPORT_GOAL)]


def measure_export(folder: Path, count: int = 50_000, runs: int = 1) -> list[dict[str, Any]]:
    from models.migrate import open_database
    from models.services import applications, ledger

    db = open_database(_register(folder, count))
    cells = [  # the very cells the export writes (masked as it masks them)
        list(ledger.ledger_values(detail).values()) for detail in applications.iter_details(db)
    ]
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        theirs.append(_seconds(lambda: _openpyxl_write(cells, ledger.LEDGER_COLUMNS, folder / "openpyxl.xlsx")))
        ours.append(_seconds(lambda: ledger.export_ledger(db, folder / "台账导出.xlsx")))
    db.close()
    return [_row(f"ledger export {count} rows", statistics.median(ours), statistics.median(theirs), EXPORT_GOAL)]


def measure_memory(folder: Path, count: int = 100_000) -> list[dict[str, Any]]:
    register = _register(folder, count)
    command = [sys.executable, "-m", "benchmarks.bench_ledger", "--export-memory", str(register)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak, base = figures["peak_mb"], figures["baseline_mb"]
    return [
        {
            "figure": f"peak memory, ledger export {count} rows",
            "value": round(peak, 1),
            "unit": "MB",
            "baseline": round(base, 1),
            "ratio": round(peak / base, 2),
            "goal": f"≤ {MEMORY_GOAL_MB:.0f} MB",
            "met": peak <= MEMORY_GOAL_MB,
        }
    ]


def _export_memory(register: Path) -> None:
    """In a fresh process: the resident memory before and at the peak of one export (printed as JSON)."""
    from models.migrate import open_database
    from models.services import applications, ledger

    db = open_database(register)
    applications.count_applications(db, applications.ListFilter())
    before = _max_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        ledger.export_ledger(db, Path(folder) / "台账.xlsx")
    print(json.dumps({"baseline_mb": before, "peak_mb": _max_rss_mb()}))


def _max_rss_mb() -> float:
    """The peak resident memory of this process. Linux keeps ru_maxrss across fork and exec (a subprocess of a big
    parent would report the parent's peak): the process's own high-water mark VmHWM is read where it exists."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _row(figure: str, ours: float, theirs: float, goal: float) -> dict[str, Any]:
    ratio = ours / theirs
    return {
        "figure": figure,
        "value": round(ours * 1000),
        "unit": "ms",
        "baseline": round(theirs * 1000),
        "ratio": round(ratio, 2),
        "goal": f"≤ {goal:g}×",
        "met": ratio <= goal,
    }


def measure(
    folder: Path | None = None,
    *,
    count: int = 5000,
    export_count: int = 50_000,
    memory_count: int | None = 100_000,
    runs: int = 3,
    export_runs: int = 1,
) -> list[dict[str, Any]]:
    """The import, export and memory figures (generated registers are kept in `folder` and reused)."""
    folder = folder or Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    rows = measure_import(folder, count, runs) + measure_export(folder, export_count, export_runs)
    if memory_count:
        rows += measure_memory(folder, memory_count)
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'figure':42s} {'value':>10s} {'baseline':>10s} {'ratio':>7s}  {'goal':10s} met")
    for row in rows:
        value = f"{row['value']} {row['unit']}"
        baseline = f"{row['baseline']} {row['unit']}"
        met = "yes" if row["met"] else "NO"
        print(f"{row['figure']:42s} {value:>10s} {baseline:>10s} {row['ratio']:6.2f}x  {row['goal']:10s} {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description="台账导入、导出的基准测试")
    parser.add_argument("--count", type=int, default=5000, help="rows of the imported ledger")
    parser.add_argument("--export-count", type=int, default=50_000)
    parser.add_argument("--memory-count", type=int, default=100_000, help="0: leave the memory figure out")
    parser.add_argument("--runs", type=int, default=3, help="imports (each into a fresh database)")
    parser.add_argument("--export-runs", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="keep (and reuse) the generated registers here")
    parser.add_argument("--export-memory", type=Path, help=argparse.SUPPRESS)  # the memory figure's subprocess
    args = parser.parse_args()
    if args.export_memory:
        _export_memory(args.export_memory)
        return
    if args.folder:
        args.folder.mkdir(parents=True, exist_ok=True)
    rows = measure(
        args.folder,
        count=args.count,
        export_count=args.export_count,
        memory_count=args.memory_count,
        runs=args.runs,
        export_runs=args.export_runs,
    )
    print_table(rows)


if __name__ == "__main__":
    main()
