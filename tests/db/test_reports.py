"""The returns computed from a real register (tests/report_register.py): every cell of 表三 of 2025 and of
January 2026 against the tables computed by hand, the identity, 表四, 表二 and the fee, and a constructed break."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from models.db import Database
from models.domain.statistics import (
    AppRecord,
    Period,
    count_table3,
)
from models.entities import Application
from models.services import applications as service
from models.services import reports
from models.services.settings import set_setting
from tests.expected_labels import APPLICANT_TYPES
from tests.report_register import (
    EXPECTED_TABLE4_2025,
    Register,
    build,
    expected_2025,
    expected_2026_01,
)


@pytest.fixture
def register(db: Database) -> Register:
    return build(db)


def table_by_label(result: reports.Table3Result) -> dict[str, list[int]]:
    table = result.table
    return {line.label: table.row(line.key) for line in table.lines() if line.key is not None}


def test_the_register_has_the_hand_computed_result_dates(db: Database, register: Register) -> None:
    x = register.extra
    assert service.get_detail(db, x["G"], today=date(2026, 3, 31)).state.result_date == date(2026, 1, 9)
    assert service.get_detail(db, x["H"], today=date(2026, 3, 31)).state.result_date == date(2026, 1, 1)
    six_two = service.get_detail(db, register.by_code["6.2"], today=date(2026, 3, 31)).state
    assert (six_two.payment_deadline, six_two.result_date) == (date(2025, 9, 9), date(2025, 9, 10))
    six_one = service.get_detail(db, register.by_code["6.1"], today=date(2026, 3, 31)).state
    assert six_one.result_date == date(2025, 8, 21)


def test_annual_table_three_every_cell(db: Database, register: Register) -> None:
    result = reports.table3(db, "2025")
    assert table_by_label(result) == expected_2025()
    assert result.ok, result.summary()
    table = result.table
    for column in (*APPLICANT_TYPES, "总计"):  # the identity, column by column
        assert table.get("new", column) + table.get("carried_in", column) == table.get("total", column) + table.get(
            "carried_out", column
        )


def test_monthly_table_three_every_cell(db: Database, register: Register) -> None:
    ret = reports.monthly_return(db, "2026-01")
    assert table_by_label(ret.table3) == expected_2026_01()
    assert ret.table3.ok
    assert [item.count for item in ret.others] == [0] * 20  # no document, solicitation or interpretation
    assert all(item.note == "" for item in ret.others)


def test_last_years_carry_over_is_this_years_carried_in(db: Database, register: Register) -> None:
    y2025, y2026 = reports.table3(db, "2025").table, reports.table3(db, "2026").table
    assert y2026.row("carried_in") == y2025.row("carried_out")
    dec, jan = reports.table3(db, "2025-12").table, reports.table3(db, "2026-01").table
    assert jan.row("carried_in") == dec.row("carried_out")


def test_the_sql_aggregate_agrees_with_the_record_by_record_count(db: Database, register: Register) -> None:
    with db.reading() as session:
        records = [
            AppRecord(*row)
            for row in session.execute(
                Application.__table__.select().with_only_columns(
                    Application.number,
                    Application.applicant_type,
                    Application.received,
                    Application.result_code,
                    Application.result_date,
                )
            )
        ]
    for key in ("2024", "2025", "2026", "2025-08", "2025-12", "2026-01", "2026-02"):
        assert reports.table3(db, key).table.cells == count_table3(records, Period.parse(key)).cells, key


def test_annual_report_table_four_two_and_fee(db: Database, register: Register) -> None:
    ret = reports.annual_report(db, 2025)
    assert ret.table4 is not None
    groups = ("行政复议", "未经复议直接起诉", "复议后起诉")  # 表四 of the 2021 format
    columns = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    cells = {(g, c): ret.table4.get(g, c) for g in groups for c in columns}
    assert cells == {key: EXPECTED_TABLE4_2025.get(key, 0) for key in cells}
    # E's lawsuit was filed in 2024: counted there, as 尚未审结 (no decision recorded).
    assert reports.annual_report(db, 2024).table4.get("未经复议直接起诉", "尚未审结") == 1  # type: ignore[union-attr]
    assert ret.processing_fee_yuan == 300  # J's fee, paid in 2025 (G's 200 元 was never paid)
    assert ret.table2 is not None and ret.table2.figure("行政事业性收费") == 0
    assert ret.deadline == date(2026, 1, 31)
    assert ret.table2.notes()[0] == "公文登记中没有2025年底前成文的公文，规章、行政规范性文件的件数填0。"


def test_figures_are_kept_per_year_and_the_fee_goes_into_table_two_only_when_set(db: Database) -> None:
    reports.set_figure(db, 2025, "行政许可", "12")
    reports.set_figure(db, 2025, "行政事业性收费（万元）", "1.25")
    assert reports.get_figures(db, 2025) == {"行政许可": 12, "行政处罚": 0, "行政强制": 0, "行政事业性收费": 1.25}
    assert reports.get_figures(db, 2024)["行政许可"] == 0
    with pytest.raises(reports.UserError, match="整数"):
        reports.set_figure(db, 2025, "行政处罚", "1.5")
    with pytest.raises(reports.UserError, match="没有名为"):
        reports.set_figure(db, 2025, "行政审批", "1")
    set_setting(db, "annual_report_deadline", "02-15")
    assert reports.report_deadline(db, 2025) == date(2026, 2, 15)


def test_fee_included_in_table_two_by_setting(db: Database, register: Register) -> None:
    reports.set_figure(db, 2025, "行政事业性收费", "1")
    set_setting(db, "include_fee_in_table2", "1")
    ret = reports.annual_report(db, 2025)
    assert ret.table2 is not None
    assert ret.table2.figure("行政事业性收费") == pytest.approx(1.03)
    assert any("信息处理费300元" in note for note in ret.table2.notes())


def test_an_inconsistent_application_is_listed_not_fixed(db: Database, register: Register) -> None:
    broken = register.by_code["3.5"]  # received 2025-04-03, replied 2025-04-13
    bad_code = register.by_code["5.1"]  # 商业企业, replied in 2025
    with db.transaction() as session:
        session.execute(update(Application).where(Application.number == broken).values(result_date=date(2024, 6, 1)))
        session.execute(update(Application).where(Application.number == bad_code).values(result_code="9.9"))
    result = reports.table3(db, "2025")
    assert not result.ok
    assert {b.number for b in result.breaks} == {broken, bad_code}
    assert any("早于收到日期" in str(b) for b in result.breaks if b.number == broken)
    table = result.table
    # The broken application stays where the rules put it: counted as 新收, in no result row, not carried over.
    assert table.get("new", "自然人") == 5
    assert table.get("3.5", "自然人") == 0
    assert table.get("5.1", "商业企业") == 0
    failing = {f.column for f in result.failures if f.rule == "identity"}
    assert failing == {"自然人", "商业企业", "总计"}
    assert any(broken in line for line in result.summary())


def test_unknown_period_is_refused(db: Database) -> None:
    with pytest.raises(reports.UserError, match="不是有效的报表期间"):
        reports.table3(db, "2025-13")
    with pytest.raises(reports.UserError, match="月报"):
        reports.monthly_return(db, "2025")


def test_details_cover_the_period_and_mask_personal_data(db: Database, register: Register) -> None:
    rows = list(reports.detail_rows(db, "2026-01"))
    x = register.extra
    assert {r.number for r in rows} == {x[k] for k in "BCDFGHI"}
    assert reports.count_details(db, "2026-01") == len(rows)
    for row in rows:
        assert "*" in row.id_number and row.id_number.startswith("500235")
        assert row.applicant_type in APPLICANT_TYPES
    person = next(r for r in rows if r.number == x["F"])
    assert person.applicant == "张**"
    assert (person.placement.new, person.placement.carried_out) == (True, True)
