"""Units and access (issue 13): every record belongs to a unit; a clerk sees and changes only their unit's records
(every register, every export); the county role (县级) sees every unit and changes nothing; numbers are per unit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.db import Database
from models.domain.errors import UserError
from models.services import (
    applications,
    document_register,
    documents,
    interpretation_sheet,
    interpretations,
    ledger,
    letters,
    plan_tasks,
    reports,
    solicitation_sheet,
    solicitations,
    units,
    users,
)
from models.services.applications import ApplicationInput
from models.services.demo import seed_demo

TODAY = date(2026, 11, 23)
PASSWORD = "county-2026!"


def form(name: str, received: date = date(2026, 3, 2)) -> ApplicationInput:
    return ApplicationInput(
        received=received,
        channel="当面",
        applicant_type="自然人",
        applicant_name=name,
        content="申请公开本镇2025年道路硬化工程的招标文件",
        delivery_form="纸质",
    )


def register(db: Database, name: str) -> str:
    return applications.register(db, form(name), actor="李四", today=date(2026, 3, 2)).number


def sheet_rows(path: Path) -> int:
    """Data rows of an exported sheet: rows with a value in column A below the header block."""
    ws = load_workbook(path, read_only=True).worksheets[0]
    return sum(1 for row in ws.iter_rows(values_only=True) if row and row[0] not in (None, ""))


@pytest.fixture
def two_units(db: Database) -> Database:
    """The demo township in the database's own unit (本单位), and an empty second unit 青山县石桥镇."""
    seed_demo(db, today=TODAY)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    return db


def test_units_a_new_database_has_its_own_unit_and_units_add_lists_them(db: Database) -> None:
    assert [u.code for u in units.list_units(db)] == ["本单位"]
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    assert [(u.code, u.name) for u in units.list_units(db)] == [("本单位", ""), ("石桥镇", "青山县石桥镇人民政府")]
    assert units.current_unit(db).code == "本单位"
    with pytest.raises(UserError, match="已有代码为“石桥镇”的单位"):
        units.add_unit(db, "石桥镇", "重复")


def test_units_a_clerk_of_another_unit_sees_no_record_of_any_register(two_units: Database, tmp_path: Path) -> None:
    db = two_units
    units.use_unit(db, "石桥镇")
    assert applications.list_applications(db, today=TODAY) == []
    assert applications.count_applications(db) == 0
    assert letters.list_letters(db) == []
    assert documents.list_documents(db) == []
    assert solicitations.list_solicitations(db, today=TODAY) == []
    assert interpretations.list_interpretations(db) == []
    assert plan_tasks.list_tasks(db, today=TODAY) == []
    assert reports.count_details(db, "2026") == 0
    with pytest.raises(UserError):
        applications.get_detail(db, "2026-0001", today=TODAY)  # the demo's first application is not this unit's
    # every export of the registers is empty for this unit
    assert ledger.export_ledger(db, tmp_path / "台账.xlsx") == 0
    assert plan_tasks.export_sheet(db, tmp_path / "任务.xlsx") == 0
    assert solicitation_sheet.export_sheet(db, tmp_path / "征求意见.xlsx") == 0
    assert interpretation_sheet.export_sheet(db, tmp_path / "解读.xlsx") == 0
    document_register.export_register(db, tmp_path / "发文.xlsx")
    assert "关于" not in "".join(
        str(c) for row in load_workbook(tmp_path / "发文.xlsx").worksheets[0].iter_rows(values_only=True) for c in row
    )

    units.use_unit(db, "本单位")  # back home: the demo's records are all there
    assert applications.count_applications(db) == 40
    assert letters.list_letters(db)
    assert documents.list_documents(db)
    assert solicitations.list_solicitations(db, today=TODAY)
    assert interpretations.list_interpretations(db)
    assert plan_tasks.list_tasks(db, today=TODAY)
    assert ledger.export_ledger(db, tmp_path / "台账2.xlsx") == 40


def test_units_application_numbers_are_per_unit_each_unit_starts_at_0001(db: Database) -> None:
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    assert register(db, "周国庆") == "2026-0001"
    assert register(db, "徐长林") == "2026-0002"
    units.use_unit(db, "石桥镇")
    assert register(db, "李晓梅") == "2026-0001"
    assert [r.applicant_name for r in applications.list_applications(db)] == ["李晓梅"]
    units.use_unit(db, "本单位")
    assert sorted(r.applicant_name for r in applications.list_applications(db)) == ["周国庆", "徐长林"]
    assert applications.get_detail(db, "2026-0001").fields.applicant_name == "周国庆"


def test_units_a_clerk_cannot_change_another_units_application(db: Database) -> None:
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    units.use_unit(db, "石桥镇")
    register(db, "李晓梅")
    units.use_unit(db, "本单位")
    with pytest.raises(UserError):  # not found in this unit: nothing changed
        applications.edit_registration(db, "2026-0001", form("改名"), today=date(2026, 3, 3))
    units.use_unit(db, "石桥镇")
    assert applications.get_detail(db, "2026-0001").fields.applicant_name == "李晓梅"


def test_units_signed_in_clerk_works_in_their_own_unit(db: Database) -> None:
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    users.add_user(db, "王管理", "管理员", PASSWORD)
    users.add_user(db, "石桥小李", "录入员", PASSWORD)
    units.set_user_unit(db, "石桥小李", "石桥镇")
    register(db, "周国庆")  # 本单位, nobody signed in
    users.set_login_enabled(db, True)
    users.sign_in(db, "石桥小李", PASSWORD)
    assert units.current_unit(db).code == "石桥镇"
    assert applications.list_applications(db) == []
    assert register(db, "李晓梅") == "2026-0001"
    users.sign_out(db)
    assert units.current_unit(db).code == "本单位"


def test_units_county_user_sees_every_unit_read_only_and_is_refused_any_write(db: Database, tmp_path: Path) -> None:
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    register(db, "周国庆")
    units.use_unit(db, "石桥镇")
    register(db, "李晓梅")
    users.add_user(db, "王管理", "管理员", PASSWORD)
    users.add_user(db, "县政务公开办", "县级", PASSWORD)
    users.set_login_enabled(db, True)
    users.sign_in(db, "县政务公开办", PASSWORD)
    assert units.current_unit(db) is None
    assert sorted(r.applicant_name for r in applications.list_applications(db)) == ["周国庆", "李晓梅"]
    assert ledger.export_ledger(db, tmp_path / "全县台账.xlsx") == 2
    with pytest.raises(UserError, match="县级账号只能查看"):
        register(db, "张三")
    with pytest.raises(UserError, match="县级账号只能查看"):
        units.add_unit(db, "新单位", "")
    users.sign_out(db)
    assert applications.count_applications(db) == 1  # 石桥镇 (the chosen unit): nothing was added
