"""Issue 9 §5: every create, change and void is in the audit log with user, time, record and old → new values;
personal data only masked; the log cannot be changed, not even with SQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from models.db import Database
from models.domain.case import EventKind
from models.services import applications, audit, locks
from models.services.applications import ApplicationInput
from models.services.settings import set_setting

TODAY = date(2025, 3, 10)
ID_NUMBER = "110101199003074258"


def _form(**more: object) -> ApplicationInput:
    data = {
        "received": date(2025, 3, 3),
        "applicant_name": "张三",
        "id_number": ID_NUMBER,
        "phone": "13812345678",
        "address": "青山县白鹤镇幸福路12号",
        "content": "申请公开幸福路改造规划",
    }
    data.update(more)
    return ApplicationInput(**data)  # type: ignore[arg-type]


@pytest.fixture
def registered(db: Database) -> str:
    set_setting(db, "operator", "李会计")
    return applications.register(db, _form(), today=TODAY).number


def _log_text(db: Database) -> str:
    return json.dumps([r.as_json() for r in audit.entries(db)], ensure_ascii=False)


def test_audit_create_is_logged_with_user_time_record_and_masked_values(db: Database, registered: str) -> None:
    before = datetime.now().replace(microsecond=0)
    created = [r for r in audit.entries(db) if r.table == "application"]
    assert [(r.action, r.user, r.record) for r in created] == [("新增", "李会计", "2025-0001")]
    entry = created[0]
    assert (datetime.now() - entry.at).total_seconds() < 60 and entry.at >= before.replace(second=0)
    assert entry.changes["applicant_name"] == [None, "张*"]
    assert entry.changes["id_number"] == [None, "110101********4258"]
    assert entry.changes["phone"] == [None, "138****5678"]
    assert entry.changes["address"] == [None, "***"]
    assert entry.changes["received"] == [None, "2025-03-03"]
    assert "status" not in entry.changes  # a derived cache column, never typed
    registration = [r for r in audit.entries(db) if r.table == "application_event"]
    assert [(r.action, r.record, r.detail) for r in registration] == [("新增", "2025-0001", "登记（事件1）")]


def test_audit_change_shows_old_and_new_value_and_never_the_clear_personal_data(db: Database, registered: str) -> None:
    applications.edit_registration(
        db, registered, _form(applicant_name="李四", content="申请公开道路规划"), today=TODAY
    )
    change = [r for r in audit.entries(db) if r.action == "修改" and r.table == "application"]
    assert len(change) == 1
    assert change[0].changes == {
        "applicant_name": ["张*", "李*"],
        "content": ["申请公开幸福路改造规划", "申请公开道路规划"],
    }
    assert change[0].changes_text() == "申请人：张* → 李*；申请内容：申请公开幸福路改造规划 → 申请公开道路规划"
    log = _log_text(db)
    for clear in ("张三", "李四", ID_NUMBER, "13812345678", "幸福路12号"):
        assert clear not in log


def test_audit_void_is_logged_as_void_with_the_reason(db: Database, registered: str) -> None:
    applications.record_event(db, registered, EventKind.SUPPLEMENT_NOTICE, date(2025, 3, 4),
                              {"deadline": "2025-03-20"}, today=TODAY)  # fmt: skip
    event_id = applications.get_detail(db, registered, today=TODAY).timeline[-1].id
    applications.void_event(db, event_id, "录错了申请", today=TODAY)
    voids = [r for r in audit.entries(db) if r.action == "作废"]
    assert len(voids) == 1
    assert voids[0].record == "2025-0001"
    assert voids[0].changes["void_reason"] == ["", "录错了申请"]
    assert voids[0].changes["voided_by"] == ["", "李会计"]


def test_audit_recomputing_the_clocks_adds_no_entry(db: Database, registered: str) -> None:
    count = len(audit.entries(db))
    applications.recompute_all(db, today=date(2025, 6, 1))
    assert len(audit.entries(db)) == count


def test_audit_a_refused_change_leaves_no_entry(db: Database, registered: str) -> None:
    locks.lock(db, "2025-03")
    count = len(audit.entries(db))
    with pytest.raises(Exception, match="已锁定"):
        applications.edit_registration(db, registered, _form(applicant_name="李四"), today=TODAY)
    assert [r.action for r in audit.entries(db)[count:]] == []


def test_audit_log_refuses_update_and_delete_even_with_sql(db: Database, registered: str) -> None:
    refused = [
        ("UPDATE audit_log SET \"user\" = 'x'", "审计日志不能修改"),
        ("DELETE FROM audit_log", "审计日志不能删除"),
    ]
    for statement, message in refused:  # plain SQL on a connection of its own, past the app's services
        with db.engine.connect() as conn, pytest.raises(DBAPIError, match=message):
            conn.execute(text(statement))
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log WHERE \"user\" = '李会计'")).scalar() >= 2


def test_audit_service_offers_no_way_to_change_or_delete_an_entry() -> None:
    public = {name for name in dir(audit) if not name.startswith("_") and callable(getattr(audit, name))}
    assert not {n for n in public if any(w in n.lower() for w in ("delete", "update", "remove", "edit", "clear"))}


def test_audit_filters_by_date_user_and_record(db: Database, registered: str) -> None:
    audit.log(db, "导出", record="台账.xlsx", detail="导出台账", user="王五", at=datetime(2024, 12, 31, 23, 59))
    assert [r.user for r in audit.entries(db, audit.AuditFilter(user="王五"))] == ["王五"]
    assert [r.record for r in audit.entries(db, audit.AuditFilter(end=date(2024, 12, 31)))] == ["台账.xlsx"]
    assert all(r.record == "2025-0001" for r in audit.entries(db, audit.AuditFilter(record="0001")))
    assert len(audit.entries(db, audit.AuditFilter(record="0001"))) == 2  # the application and its 登记


def test_audit_export_writes_text_cells_never_formulas(db: Database, registered: str, tmp_path) -> None:  # noqa: ANN001
    audit.log(db, "导出", record='=HYPERLINK("http://x")', detail="=1+1", user="@SUM(A1)")
    out = tmp_path / "日志.xlsx"
    count = audit.export_xlsx(db, out)
    workbook = openpyxl.load_workbook(out)
    ws = workbook["审计日志"]
    assert [c.value for c in ws[1]] == [
        "序号",
        "时间",
        "用户",
        "操作",
        "记录类型",
        "记录",
        "修改内容（原值 → 新值）",
        "说明",
    ]
    assert ws.max_row == count + 1
    last = ws[ws.max_row]
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert any(c.value == "=1+1" for c in last)
    assert workbook.properties.title == "审计日志"
    assert audit.entries(db)[-1].action == "导出"  # exporting the log is itself logged


def test_audit_a_generated_letter_is_logged_with_its_number(db: Database) -> None:
    from models.domain.letters import LetterKind
    from models.services import demo_letters, letters

    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.2")
    letter = letters.generate(db, number, LetterKind.REPLY, today=demo_letters.TODAY)
    issued = [r for r in audit.entries(db) if r.action == "生成文书"]
    assert [r.record for r in issued] == [letter.number]
    assert issued[0].record.endswith("〔2025〕1号")


def test_audit_a_bulk_delete_is_logged_with_its_row_count(db: Database) -> None:
    from sqlalchemy import delete

    from models.domain.workdays import DayKind
    from models.entities import HolidayOverride
    from models.services import holidays

    holidays.set_manual_day(db, date(2027, 10, 1), DayKind.REST, "国庆节")
    holidays.set_manual_day(db, date(2027, 10, 9), DayKind.WORK, "国庆节")
    added = [r.record for r in audit.entries(db) if r.action == "新增" and r.table == "holiday_override"]
    assert added == ["2027-10-01", "2027-10-09"]
    with db.transaction() as session:
        session.execute(delete(HolidayOverride).where(HolidayOverride.day >= date(2027, 10, 1)))
    last = audit.entries(db)[-1]
    assert (last.action, last.table, last.detail) == ("删除", "holiday_override", "批量删除2条")
