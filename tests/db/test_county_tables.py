"""County-wide tables (issue 13): the county role produces the monthly and annual tables directly from every
unit's records, and they hold the same figures as `report merge` of the units' own returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.db import Database
from models.services import applications, county, merge, reports, units
from models.services.applications import ApplicationInput
from models.services.demo import seed_demo

TODAY = date(2026, 11, 23)


@pytest.fixture
def county_db(db: Database) -> Database:
    """白鹤镇 (the demo: 40 applications, documents, solicitations …) and 石桥镇 (three applications of 2026)."""
    seed_demo(db, today=TODAY)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    units.use_unit(db, "石桥镇")
    for name, received in (("甲", date(2026, 3, 2)), ("乙", date(2026, 3, 16)), ("丙", date(2026, 9, 1))):
        data = ApplicationInput(
            received=received,
            channel="当面",
            applicant_type="自然人",
            applicant_name=name,
            content="申请公开本镇2025年道路硬化工程的招标文件",
        )
        applications.register(db, data, today=received)
    units.use_unit(db, "本单位")
    return db


def _units_returns(db: Database, period: str, folder: Path) -> list[Path]:
    paths = []
    for code in ("本单位", "石桥镇"):
        units.use_unit(db, code)
        paths.append(reports.export_return(db, period, folder / f"{code}-{period}.xlsx").files[0])
    units.use_unit(db, "本单位")
    return paths


@pytest.mark.parametrize("month", ["2026-03", "2026-09"])
def test_county_monthly_table_equals_report_merge_of_the_units_returns(
    county_db: Database, tmp_path: Path, month: str
) -> None:
    merged = merge.merge_returns(_units_returns(county_db, month, tmp_path), tmp_path / "merged.xlsx").report
    direct = county.county_return(county_db, month)
    assert direct.table3.table.cells == merged.table3.table.cells
    assert [(o.label, o.count) for o in direct.others] == [(o.label, o.count) for o in merged.others]
    assert sorted(name for name, _ in direct.units) == ["青山县白鹤镇人民政府", "青山县石桥镇人民政府"]
    assert sorted(name for name, _ in direct.units) == sorted(name for name, _ in merged.units)


def test_county_annual_table_equals_report_merge_of_the_units_returns(county_db: Database, tmp_path: Path) -> None:
    merged = merge.merge_returns(_units_returns(county_db, "2026", tmp_path), tmp_path / "merged.xlsx").report
    direct = county.county_return(county_db, "2026")
    assert direct.table3.table.cells == merged.table3.table.cells
    assert direct.table4 is not None and merged.table4 is not None
    assert direct.table4.cells == merged.table4.cells
    assert direct.table2 is not None and merged.table2 is not None
    assert direct.table2.documents == merged.table2.documents
    # the direct table counts the new applications of both units: 白鹤镇's own and 石桥镇's three
    own = reports.table3(county_db, "2026").table.get("new")
    units.use_unit(county_db, "石桥镇")
    assert reports.table3(county_db, "2026").table.get("new") == 3
    assert direct.table3.table.get("new") == own + 3


def test_county_user_gets_the_county_table_but_writes_nothing(county_db: Database) -> None:
    before = county.county_return(county_db, "2026-03").table3.table.cells
    units.use_unit(county_db, "石桥镇")
    assert reports.return_for(county_db, "2026-03").table3.table.cells != before  # one unit is not the county
    after = county.county_return(county_db, "2026-03").table3.table.cells
    assert after == before
    assert units.current_unit(county_db).code == "石桥镇"  # the county view ended with the call
