"""County aggregation: two units' returns summed cell by cell, the units listed; a malformed file refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from models.db import Database
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import profile, reports
from models.services.merge import merge_returns, read_return
from tests.report_register import build, expected_2025

NOW = datetime(2026, 3, 31, 9, 0)


def unit_return(tmp_path: Path, name: str, period: str, *, fill: bool = True) -> Path:
    db = open_database(tmp_path / f"{name}.db")
    try:
        profile.set_field(db, "单位名称", name)
        if fill:
            build(db)
        out = tmp_path / f"{name}-{period}.xlsx"
        reports.export_return(db, period, out, now=NOW)
        return out
    finally:
        db.close()


def test_merge_sums_two_returns_and_lists_the_units(tmp_path: Path, db: Database) -> None:
    first = unit_return(tmp_path, "甲镇人民政府", "2025")
    second = unit_return(tmp_path, "乙镇人民政府", "2025")
    out = tmp_path / "全县.xlsx"
    result = merge_returns([first, second], out, unit_name="青山县", now=NOW)
    assert result.units == [("甲镇人民政府", "2025"), ("乙镇人民政府", "2025")]
    assert result.report.table3.ok and result.warnings == []
    merged = read_return(out)
    assert merged.unit_name == "青山县" and merged.units == result.units
    table = merged.table3
    for line in table.lines():
        if line.key is not None:
            assert table.row(line.key) == [2 * v for v in expected_2025()[line.label]], line.label
    assert merged.table4 is not None and merged.table4.get("行政复议", "总计") == 4
    assert merged.fee_yuan == 600
    # A merged return can itself be merged (into a larger one) and keeps its units.
    third = unit_return(tmp_path, "丙镇人民政府", "2025", fill=False)
    again = merge_returns([out, third], tmp_path / "全市.xlsx", now=NOW)
    assert [u for u, _ in again.units] == ["甲镇人民政府", "乙镇人民政府", "丙镇人民政府"]
    with pytest.raises(UserError, match="重复汇总"):
        merge_returns([out, first], tmp_path / "重复.xlsx", now=NOW)


def test_merge_rejects_a_malformed_file_and_mixed_periods(tmp_path: Path, db: Database) -> None:
    good = unit_return(tmp_path, "甲镇人民政府", "2025-03", fill=False)
    bad = tmp_path / "乙镇.xlsx"
    workbook = openpyxl.load_workbook(good)
    ws = workbook["表三申请情况"]
    row = next(c.row for c in ws["A"] if c.value == "（一）予以公开")
    ws.cell(row, 2).value = "三"
    info = workbook["说明"]
    next(r for r in info.iter_rows() if r[0].value == "单位名称")[1].value = "乙镇人民政府"
    workbook.save(bad)
    plain = tmp_path / "随便.xlsx"
    openpyxl.Workbook().save(plain)
    out = tmp_path / "汇总.xlsx"
    with pytest.raises(UserError) as caught:
        merge_returns([good, bad, plain], out, now=NOW)
    details = "\n".join(caught.value.details)
    assert "乙镇.xlsx：工作表“表三申请情况”“（一）予以公开”行“自然人”列不是数字（“三”）" in details
    assert "随便.xlsx：缺少工作表“说明”" in details
    assert "甲镇" not in details
    assert not out.exists()
    annual = unit_return(tmp_path, "丙镇人民政府", "2025", fill=False)
    with pytest.raises(UserError, match="报告期不同"):
        merge_returns([good, annual], out, now=NOW)
