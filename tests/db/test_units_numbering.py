"""Numbers stay unique per unit and year under concurrent allocation (issue 13): 2 units × 4 processes × 25
registrations at once → each unit's numbers are 2026-0001 … 2026-0100, none twice, none missing. On the engine
under test (SQLite, or PostgreSQL on its pass); the year's number row does not exist before: the first numbers of
each unit are taken by four processes at once."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

from models.migrate import open_database
from models.services import applications, units

PROCESSES_PER_UNIT, EACH = 4, 25


def _register_many(target: Path | str, code: str, worker: int) -> list[str]:
    db = open_database(target)
    try:
        units.choose(db, code)
        numbers = []
        for i in range(EACH):
            data = applications.ApplicationInput(
                received=date(2026, 3, 2),
                channel="网络平台",
                applicant_type="自然人",
                applicant_name=f"申请人{worker}-{i}",
                content="申请公开本镇2025年道路硬化工程的招标文件",
            )
            try:
                numbers.append(applications.register(db, data, actor="李四", today=date(2026, 3, 2)).number)
            except Exception as error:  # a UserError does not pickle back to the pool: send its text
                raise RuntimeError(f"{type(error).__name__}: {error}") from None
        return numbers
    finally:
        db.close()


def test_units_numbers_unique_per_unit_and_year_under_parallel_processes(database_target: Path | str) -> None:
    path = database_target
    db = open_database(path)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    db.close()
    jobs = [(path, code, w) for code in ("本单位", "石桥镇") for w in range(PROCESSES_PER_UNIT)]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:  # fresh processes, each its own connection
        results = pool.starmap_async(_register_many, jobs).get(timeout=600)
    expected = [f"2026-{n:04d}" for n in range(1, PROCESSES_PER_UNIT * EACH + 1)]
    per_unit = PROCESSES_PER_UNIT
    for unit_results in (results[:per_unit], results[per_unit:]):
        handed_out = [number for worker in unit_results for number in worker]
        assert sorted(handed_out) == expected  # no duplicate, no gap
    db = open_database(path)
    try:
        for code in ("本单位", "石桥镇"):
            units.choose(db, code)
            stored = sorted(row.number for row in applications.list_applications(db))
            assert stored == expected
            names = {applications.get_detail(db, n).fields.applicant_name for n in stored}
            assert len(names) == PROCESSES_PER_UNIT * EACH
    finally:
        db.close()
