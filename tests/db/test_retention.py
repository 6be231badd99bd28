"""Issue 9 §5: closed applications older than N years are anonymised in one step; the statistics stay the same;
the ledger export can mask names and addresses; a --full export says inside the file what it holds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from models.db import Database
from models.domain.case import APPLICANT_TYPES
from models.domain.errors import UserError
from models.domain.statistics import TABLE4_COLUMNS, TABLE4_GROUPS
from models.entities import Application, ApplicationEvent
from models.services import applications, audit, ledger, reports, retention
from models.services.applications import ApplicationInput
from tests.report_register import EXPECTED_TABLE4_2025, Register, build, expected_2025, expected_2026_01

LATER = date(2031, 6, 30)  # five years after 2026-06-30


@pytest.fixture
def register(db: Database) -> Register:
    return build(db)


def _table3(db: Database, period: str) -> dict[str, list[int]]:
    table = reports.table3(db, period).table
    return {line.label: table.row(line.key) for line in table.lines() if line.key is not None}


def _table4(db: Database, year: int) -> dict[tuple[str, str], int]:
    ret = reports.annual_report(db, year)
    assert ret.table4 is not None
    return {(g, c): ret.table4.get(g, c) for g in TABLE4_GROUPS for c in TABLE4_COLUMNS}


def test_retention_anonymise_keeps_the_annual_and_monthly_tables_identical(db: Database, register: Register) -> None:
    assert _table3(db, "2025") == expected_2025()
    numbers = retention.anonymise(db, 5, today=LATER)
    assert len(numbers) >= 20
    assert _table3(db, "2025") == expected_2025()
    assert _table3(db, "2026-01") == expected_2026_01()
    assert _table4(db, 2025) == {key: EXPECTED_TABLE4_2025.get(key, 0) for key in _table4(db, 2025)}
    assert reports.annual_report(db, 2025).processing_fee_yuan == 300


def test_retention_replaces_every_personal_field_and_keeps_dates_and_results(db: Database, register: Register) -> None:
    number = register.by_code["1"]
    before = applications.get_detail(db, number, today=LATER)
    retention.anonymise(db, 5, today=LATER)
    after = applications.get_detail(db, number, today=LATER)
    assert (after.fields.applicant_name, after.fields.id_number, after.fields.phone) == ("已匿名化",) * 3
    assert after.fields.received == before.fields.received
    assert after.fields.applicant_type == before.fields.applicant_type
    assert after.state.result_date == before.state.result_date
    assert after.state.result == before.state.result
    found = applications.list_applications(db, applications.ListFilter(text="张三丰"), today=LATER)
    assert [(r.number, r.is_open) for r in found] == [(register.extra["F"], True)]  # only the one still open


def test_retention_leaves_open_and_recent_applications_alone(db: Database) -> None:
    form = ApplicationInput(received=date(2025, 3, 3), applicant_name="赵六", phone="13900001111", content="申请公开")
    open_number = applications.register(db, form, today=date(2025, 3, 3)).number
    assert retention.anonymise(db, 1, today=date(2031, 1, 1)) == []  # still open after years: never anonymised
    assert applications.get_detail(db, open_number, today=date(2031, 1, 1)).fields.applicant_name == "赵六"


def test_retention_scrubs_old_values_in_the_timeline_and_logs_masked_values_only(db: Database) -> None:
    from models.domain.case import EventKind

    form = ApplicationInput(received=date(2025, 3, 3), applicant_name="赵六", phone="13900001111", content="申请公开")
    number = applications.register(db, form, today=date(2025, 3, 3)).number
    changed = ApplicationInput(
        received=date(2025, 3, 3), applicant_name="赵七", phone="13900001111", content="申请公开"
    )
    applications.edit_registration(db, number, changed, today=date(2025, 3, 4))
    applications.record_event(db, number, EventKind.REPLY, date(2025, 3, 10),
                              {"result": "予以公开", "detail": "", "served": "2025-03-10", "method": "直接"},
                              today=date(2025, 3, 10))  # fmt: skip
    assert retention.anonymise(db, 5, today=date(2030, 3, 10)) == [number]
    with db.reading() as session:
        data = [e.data for e in session.scalars(select(ApplicationEvent))]
        app = session.scalars(select(Application)).one()
        assert app.applicant_name == app.phone == "已匿名化"
    assert "赵" not in json.dumps(data, ensure_ascii=False)
    log = json.dumps([r.as_json() for r in audit.entries(db)], ensure_ascii=False)
    assert "赵六" not in log and "赵七" not in log and "13900001111" not in log
    anonymised = [r for r in audit.entries(db) if r.action == "匿名化"]
    assert anonymised[0].changes["applicant_name"] == ["赵*", "已匿名化"]
    assert anonymised[-1].record == "1件"


def test_retention_without_years_or_setting_is_refused(db: Database) -> None:
    with pytest.raises(UserError, match="请指定保存年限"):
        retention.anonymise(db)
    with pytest.raises(UserError, match="保存年限应为1到100年"):
        retention.anonymise(db, 0)
    retention.set_retention_years(db, 10)
    assert retention.retention_years(db) == 10


def test_retention_counts_by_applicant_type_are_kept(db: Database, register: Register) -> None:
    with db.reading() as session:
        before = sorted(session.scalars(select(Application.applicant_type)))
    retention.anonymise(db, 5, today=LATER)
    with db.reading() as session:
        assert sorted(session.scalars(select(Application.applicant_type))) == before
    assert set(before) <= set(APPLICANT_TYPES)


# -- exports ---------------------------------------------------------------------------------------------


@pytest.fixture
def one(db: Database) -> str:
    form = ApplicationInput(
        received=date(2025, 3, 3),
        applicant_name="张三",
        id_number="110101199003074258",
        phone="13812345678",
        address="青山县白鹤镇幸福路12号",
        content="申请公开",
    )
    return applications.register(db, form, today=date(2025, 3, 3)).number


def _row(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["台账"]
    headers = [c.value for c in ws[1]]
    return dict(zip(headers, [c.value for c in ws[2]], strict=True))


def test_full_export_says_inside_the_file_that_it_holds_full_personal_data(
    db: Database, one: str, tmp_path: Path
) -> None:
    path = tmp_path / "台账.xlsx"
    ledger.export_ledger(db, path, full=True)
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.keywords == "含完整个人信息"
    assert workbook.properties.subject == "含完整个人信息"
    notice = "本文件含完整个人信息（证件号码、联系电话），请妥善保管，不得对外提供。"
    assert workbook["台账"].oddHeader.center.text == notice
    assert workbook["填写说明"]["A2"].value == notice
    assert _row(path)["证件号码"] == "110101199003074258"
    entry = audit.entries(db)[-1]
    assert (entry.action, entry.record) == ("导出", "台账.xlsx")
    assert "含完整个人信息" in entry.detail
    assert len(ledger.read_ledger(path)) == 1  # the file still imports: row 1 stays the column names


def test_masked_export_has_no_full_data_mark(db: Database, one: str, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    ledger.export_ledger(db, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.keywords is None
    assert workbook["台账"].oddHeader.center.text is None
    assert _row(path)["证件号码"] == "110101********4258"
    assert "证件号码、联系电话已遮盖" in audit.entries(db)[-1].detail


def test_mask_names_export_masks_name_and_address(db: Database, one: str, tmp_path: Path) -> None:
    path = tmp_path / "对外名单.xlsx"
    ledger.export_ledger(db, path, mask_names=True)
    row = _row(path)
    assert (row["申请人"], row["通信地址"], row["联系电话"]) == ("张*", "青山县白鹤镇****", "138****5678")
    with pytest.raises(UserError, match="不能同时选择"):
        ledger.export_ledger(db, tmp_path / "x.xlsx", full=True, mask_names=True)
    assert not (tmp_path / "x.xlsx").exists()
