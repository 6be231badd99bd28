"""benchmarks/bench_sync.py (issue 13's figure in the report): a second report in the same kept work folder
measures again instead of reporting an error (its SQLite baseline imports into new county files each run)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import bench_sync


def test_measured_twice_in_the_same_work_folder(tmp_path: Path, pg_server) -> None:  # noqa: ANN001
    url = pg_server.admin.render_as_string(hide_password=False)
    for _ in range(2):
        (row,) = bench_sync.measure(records=50, runs=1, pg_url=url, work=tmp_path)
        assert row["met"] and row["value"] > 0 and row["baseline"] > 0, row
