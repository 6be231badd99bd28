"""Locking a submitted period: edits that would change a locked return are refused; unlocking is logged."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.identity import resident_id_check_char
from models.services import applications as service
from models.services import ledger, locks, reports
from models.services.applications import ApplicationInput
from models.services.ledger import LEDGER_COLUMNS

TODAY = date(2025, 6, 30)
MARCH = "2025年3月的月报已锁定（已报送），不能修改影响该月报的记录；如确需修改，请先解锁并说明理由。"


def _form(received: date, **more: object) -> ApplicationInput:
    first17 = "11010519900307123"
    return ApplicationInput(
        received=received,
        applicant_name="王小明",
        id_type="居民身份证",
        id_number=first17 + resident_id_check_char(first17),
        content="申请公开道路硬化工程招标文件",
        **more,  # type: ignore[arg-type]
    )


def _register(db: Database, received: date) -> str:
    return service.register(db, _form(received), actor="李四", today=TODAY).number


def test_lock_refuses_changes_to_a_locked_month_and_unlock_is_logged(db: Database) -> None:
    february = _register(db, date(2025, 2, 20))
    march = _register(db, date(2025, 3, 10))
    april = _register(db, date(2025, 4, 2))
    locks.lock(db, "2025-03", actor="李四", now=datetime(2025, 4, 5, 9, 0))
    assert locks.is_locked(db, "2025-03")

    with pytest.raises(UserError) as caught:  # a reply to a March application changes March's carry-over
        service.record_event(db, march, EventKind.REPLY, date(2025, 4, 8), {"result": "予以公开"}, today=TODAY)
    assert caught.value.message == MARCH
    with pytest.raises(UserError, match="月报已锁定"):  # a new application received in March
        service.register(db, _form(date(2025, 3, 31)), today=TODAY)
    with pytest.raises(UserError, match="月报已锁定"):  # a registration edit of a March application
        service.edit_registration(db, march, _form(date(2025, 3, 10), phone="13800138000"), today=TODAY)
    with pytest.raises(UserError, match="月报已锁定"):  # moving an April application into March
        service.edit_registration(db, april, _form(date(2025, 3, 31)), today=TODAY)
    service.record_event(
        db, april, EventKind.SUPPLEMENT_NOTICE, date(2025, 4, 3), {"deadline": date(2025, 4, 20)}, today=TODAY
    )
    # Nothing was written by the refused actions.
    assert service.get_detail(db, march, today=TODAY).state.result is None
    assert len(service.list_applications(db, today=TODAY)) == 3

    # A February application still open at the end of March is answered in April: March's return stays true.
    detail = service.record_event(db, february, EventKind.REPLY, date(2025, 4, 7), {"result": "予以公开"}, today=TODAY)
    reply = next(e.id for e in detail.timeline if e.kind is EventKind.REPLY)
    with pytest.raises(UserError, match="月报已锁定"):  # correcting the reply date into March would not
        service.record_event(
            db,
            february,
            EventKind.REPLY,
            date(2025, 3, 25),
            {"result": "予以公开"},
            today=TODAY,
            replaces=reply,
            reason="日期写错",
        )
    assert service.get_detail(db, february, today=TODAY).state.result_date == date(2025, 4, 7)

    with pytest.raises(ValidationError, match="理由"):
        locks.unlock(db, "2025-03", "  ")
    assert locks.is_locked(db, "2025-03")
    locks.unlock(db, "2025-03", "县里退回更正", actor="王五", now=datetime(2025, 4, 9, 10, 30))
    service.record_event(db, march, EventKind.REPLY, date(2025, 4, 8), {"result": "予以公开"}, today=TODAY)
    log = locks.lock_log(db, "2025-03")
    assert [(e.action, e.actor, e.reason, e.at) for e in log] == [
        ("锁定", "李四", "", datetime(2025, 4, 5, 9, 0)),
        ("解锁", "王五", "县里退回更正", datetime(2025, 4, 9, 10, 30)),
    ]


def test_void_in_a_locked_year_is_refused(db: Database) -> None:
    number = _register(db, date(2024, 12, 20))
    detail = service.record_event(db, number, EventKind.REPLY, date(2025, 1, 6), {"result": "予以公开"}, today=TODAY)
    reply = next(e.id for e in detail.timeline if e.kind is EventKind.REPLY)
    locks.lock(db, "2024")
    with pytest.raises(UserError) as caught:  # voiding the reply would make it open again at the end of 2024…
        service.void_event(db, reply, "录错了", today=TODAY)
    assert "2024年的年度报告已锁定" in caught.value.message
    with pytest.raises(UserError, match="已经锁定"):
        locks.lock(db, "2024")
    with pytest.raises(UserError, match="没有锁定"):
        locks.unlock(db, "2023", "理由")
    with pytest.raises(UserError, match="年度报告已锁定"):  # the 表二 figures of a submitted year
        reports.set_figure(db, 2024, "行政许可", "3")
    assert [lock.period for lock in locks.list_locks(db)] == ["2024"]


def test_ledger_import_into_a_locked_month_is_refused_row_by_row(db: Database, tmp_path: Path) -> None:
    locks.lock(db, "2025-03")
    path = tmp_path / "台账.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "台账"
    ws.append(list(LEDGER_COLUMNS))
    values = {
        "收到日期": "2025-03-03",
        "申请方式": "当面",
        "申请人类型": "自然人",
        "申请人": "王小明",
        "申请内容": "某文件",
    }
    ws.append([values.get(h) for h in LEDGER_COLUMNS])
    values["收到日期"] = "2025-04-03"
    ws.append([values.get(h) for h in LEDGER_COLUMNS])
    workbook.save(path)
    with pytest.raises(ledger.LedgerProblems) as caught:
        ledger.validate_and_import(db, path, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [f"第2行 [收到日期]：{MARCH}"]
    assert service.list_applications(db, today=TODAY) == []
