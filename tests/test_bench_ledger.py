"""benchmarks/bench_ledger.py: the figures `benchmarks.run` reads (issue 12, benchmark report), on a tiny register."""

from __future__ import annotations

from pathlib import Path

from benchmarks import bench_ledger


def test_measure_returns_the_import_and_export_figures_with_their_openpyxl_baselines(tmp_path: Path) -> None:
    rows = bench_ledger.measure(tmp_path, count=40, export_count=40, memory_count=None, runs=1)

    assert [r["figure"] for r in rows] == ["ledger import 40 rows", "ledger export 40 rows"]
    for row in rows:
        assert set(row) == {"figure", "value", "unit", "baseline", "ratio", "goal", "met"}
        assert row["unit"] == "ms" and row["value"] > 0 and row["baseline"] > 0
        assert isinstance(row["met"], bool)
    assert [r["goal"] for r in rows] == ["≤ 3×", "≤ 2×"]
