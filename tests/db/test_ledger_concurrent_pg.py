"""Two clerks importing their 台账 into one server at the same time (issue 13: many units on one PostgreSQL
server; the bulk import of issue 12): 4 processes — 2 per unit — each import 30 rows over two years at once.
Every row is stored once, in its unit; each unit's numbers are 2025-0001 … 2025-0030 and 2026-0001 … 2026-0030,
none twice, none missing. Run on PostgreSQL (a throwaway cluster) and on one SQLite file."""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from models.migrate import open_database
from models.services import applications, ledger, units
from tests.db.test_ledger import base, write_ledger

TODAY = date(2026, 3, 31)
UNITS = ("本单位", "石桥镇")
PER_UNIT, ROWS_PER_YEAR = 2, 15  # processes per unit; rows of each year in each process's ledger


def _sheet(folder: Path, code: str, worker: int) -> tuple[Path, list[str]]:
    rows = [
        base("", f"{year}-03-{day + 1:02d}", 申请人=f"{code}申请人{worker}-{year}-{day}")
        for year in (2025, 2026)
        for day in range(ROWS_PER_YEAR)
    ]
    return write_ledger(folder / f"{code}-{worker}.xlsx", rows), [r["申请人"] for r in rows]


def _import(target: str, code: str, sheet: str, start: multiprocessing.synchronize.Barrier, out: object) -> None:
    db = open_database(Path(target) if "://" not in target else target)
    try:
        units.choose(db, code)
        start.wait(timeout=60)  # every process is connected and ready: the imports start together
        report = ledger.validate_and_import(db, sheet, actor="李四", today=TODAY)
        out.put((code, sheet, [row.number for row in report.imported], ""))  # type: ignore[attr-defined]
    except Exception as error:  # noqa: BLE001 - sent back to the test as text
        out.put((code, sheet, [], f"{type(error).__name__}: {error}"))  # type: ignore[attr-defined]
    finally:
        db.close()


@pytest.fixture(params=["postgresql", "sqlite"])
def shared_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "county.db")
        return
    if not (shutil.which("initdb") or any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))):
        pytest.skip("PostgreSQL server programs not installed (Debian package postgresql)")
    with request.getfixturevalue("pg_server").database() as url:
        yield url


def test_two_clerks_importing_at_once_lose_no_row_and_share_no_number(shared_database: str, tmp_path: Path) -> None:
    target = shared_database
    db = open_database(Path(target) if "://" not in target else target)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    db.close()
    jobs = [(code, *_sheet(tmp_path, code, w)) for code in UNITS for w in range(PER_UNIT)]
    context = multiprocessing.get_context("fork")
    start, out = context.Barrier(len(jobs)), context.Queue()
    workers = [context.Process(target=_import, args=(target, code, str(sheet), start, out)) for code, sheet, _ in jobs]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)

    assert [error for *_, error in results if error] == []
    expected = sorted(f"{year}-{n:04d}" for year in (2025, 2026) for n in range(1, PER_UNIT * ROWS_PER_YEAR + 1))
    db = open_database(Path(target) if "://" not in target else target)
    try:
        for code in UNITS:
            handed_out = [number for c, _, numbers, _ in results if c == code for number in numbers]
            assert sorted(handed_out) == expected  # no number twice, none missing, per unit and year
            units.choose(db, code)
            stored = applications.list_applications(db, today=TODAY)
            assert sorted(row.number for row in stored) == expected
            names = {row.applicant_name for row in stored}
            assert names == {name for c, _, sent in jobs if c == code for name in sent}  # every row, in its unit
            for number in ("2025-0001", "2026-0030"):  # each its own timeline: ids never shared between imports
                timeline = applications.get_detail(db, number, today=TODAY).timeline
                assert [(e.kind.value, e.day.year) for e in timeline] == [("登记", int(number[:4]))]
    finally:
        db.close()
