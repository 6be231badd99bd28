"""The 依申请公开 register through models.services.applications on a real database.

Expected dates are counted by hand on the official calendar (see tests/domain/test_case_deadlines.py):
- received 2025-09-22 → 补正告知 due 09-30 (09-23 24 25 26 28(Sun 班) 29 30); reply due 10-24
  (… 10-09 10 11(Sat 班) = 10, 13–17 = 15, 20–24 = 20);
- received 2025-11-03 → reply due 12-01 (11-04…07 = 4, 10–14 = 9, 17–21 = 14, 24–28 = 19, 12-01 = 20);
- received 2026-02-10 → reply due 2026-03-16 (02-11 12 13 14(Sat 班) = 4 | 02-15…23 休 | 24…27 = 8, 28(Sat 班) = 9,
  03-02…06 = 14, 09…13 = 19, 16 = 20).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from models.db import Database
from models.domain.case import DeadlineState, EventKind, Status
from models.domain.errors import UserError, ValidationError
from models.domain.identity import resident_id_check_char
from models.domain.workdays import DayKind, WorkCalendar
from models.services import applications as service
from models.services import holidays
from models.services.applications import ApplicationInput, ListFilter
from models.services.settings import set_setting

D = date
SEP22 = D(2025, 9, 22)
NOV3 = D(2025, 11, 3)


def resident_id(first17: str = "11010519900307123") -> str:
    return first17 + resident_id_check_char(first17)


def form(**changes: Any) -> ApplicationInput:
    base = ApplicationInput(
        received=SEP22,
        channel="当面",
        applicant_type="自然人",
        applicant_name="王小明",
        id_type="居民身份证",
        id_number=resident_id(),
        phone="138-0000-0000",
        address="X县白鹤镇正街1号",
        postcode="404100",
        email="wxm@example.com",
        content="申请公开2025年白鹤镇道路硬化工程的招标文件及合同",
        delivery_form="纸质",
        handler="李四",
    )
    return replace(base, **changes)


def register(db: Database, *, today: date | None = None, **changes: Any) -> str:
    data = form(**changes)
    assert data.received is not None
    return service.register(db, data, actor="李四", today=today or data.received).number


def row_of(db: Database, number: str) -> service.ApplicationRow:
    rows = [r for r in service.list_applications(db, today=D(2026, 6, 1)) if r.number == number]
    assert len(rows) == 1
    return rows[0]


def numbers(db: Database, flt: ListFilter, *, today: date) -> list[str]:
    rows = service.list_applications(db, flt, today=today, sort="number", descending=False)
    assert service.count_applications(db, flt, today=today) == len(rows)
    return [r.number for r in rows]


# -- numbers --------------------------------------------------------------------------------------------------


def test_numbers_are_per_year_of_receipt(db: Database) -> None:
    assert register(db) == "2025-0001"
    assert register(db, received=D(2025, 12, 31)) == "2025-0002"
    assert register(db, received=D(2026, 1, 5)) == "2026-0001"
    # A late registration of a 2025 receipt continues the 2025 series.
    assert register(db, received=D(2025, 12, 30), today=D(2026, 1, 6)) == "2025-0003"


def test_refused_registration_takes_no_number(db: Database) -> None:
    assert register(db) == "2025-0001"
    good = resident_id("11010519900307123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        register(db, id_number=bad)
    assert caught.value.field == "证件号码"
    assert "校验位" in caught.value.message
    assert register(db) == "2025-0002"
    assert [r.number for r in service.list_applications(db, today=SEP22)] == ["2025-0002", "2025-0001"]


@pytest.mark.parametrize(
    ("changes", "field", "phrase"),
    [
        ({"received": D(2025, 9, 23)}, "收到日期", "不能晚于今天"),
        ({"received": None}, "收到日期", "请填写"),
        ({"applicant_name": "   "}, "申请人", "请填写"),
        ({"postcode": "40410"}, "邮编", "6位数字"),
        ({"postcode": "40410a"}, "邮编", "6位数字"),
        ({"email": "wxm@example"}, "电子邮箱", "不是有效的电子邮箱"),
        ({"email": "wxm example.com"}, "电子邮箱", "不是有效的电子邮箱"),
        ({"content": ""}, "申请内容", "请填写"),
        ({"channel": "电话"}, "申请方式", "无效"),
        ({"id_number": "1101051990030712"}, "证件号码", "18位"),
    ],
)
def test_clean_input_refusals(changes: dict[str, Any], field: str, phrase: str) -> None:
    with pytest.raises(ValidationError) as caught:
        service.clean_input(form(**changes), today=SEP22)
    assert caught.value.field == field
    assert phrase in caught.value.message


def test_clean_input_trims_and_normalizes() -> None:
    lower_x = "11010519900307100"
    check = resident_id_check_char(lower_x)
    clean = service.clean_input(form(applicant_name="  王小明 ", id_number=f" {lower_x}{check.lower()} "), today=SEP22)
    assert clean.applicant_name == "王小明"
    assert clean.id_number == lower_x + check


def test_register_computes_the_first_clock(db: Database) -> None:
    registered = service.register(db, form(), actor="李四", today=SEP22)
    assert registered.state.reply_due == D(2025, 10, 24)
    assert registered.state.supplement_notice_due == D(2025, 9, 30)
    detail = service.get_detail(db, registered.number, today=SEP22)
    assert [e.kind for e in detail.timeline] == [EventKind.REGISTERED]
    assert detail.timeline[0].actor == "李四"
    assert detail.timeline[0].created_at is not None
    row = row_of(db, registered.number)
    assert (row.status, row.reply_due, row.paused) == (Status.IN_PROGRESS.value, D(2025, 10, 24), False)


# -- events -------------------------------------------------------------------------------------------------


def test_record_event_stores_the_fact_and_refreshes_the_cache(db: Database) -> None:
    number = register(db)
    detail = service.record_event(
        db,
        number,
        EventKind.EXTENSION,
        D(2025, 10, 20),
        {"days": 10, "approver": "李主任"},
        actor="李四",
        today=D(2025, 10, 20),
    )
    # 10-24 + 10 working days: 27 28 29 30 31 11-03 04 05 06 07 → 11-07.
    assert detail.state.reply_due == D(2025, 11, 7)
    assert detail.timeline[-1].kind is EventKind.EXTENSION
    assert detail.timeline[-1].actor == "李四"
    assert row_of(db, number).reply_due == D(2025, 11, 7)


def test_dates_survive_the_json_column(db: Database) -> None:
    number = register(db)
    service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), {"deadline": D(2025, 10, 17)}, today=D(2025, 9, 25)
    )
    # The stored ISO date is read back as a date: closing before the deadline is still refused.
    with pytest.raises(ValidationError) as caught:
        service.record_event(db, number, EventKind.SUPPLEMENT_EXPIRED, D(2025, 10, 17), today=D(2025, 10, 17))
    assert caught.value.field == "结案日期"
    detail = service.record_event(db, number, EventKind.SUPPLEMENT_EXPIRED, D(2025, 10, 20), today=D(2025, 10, 20))
    assert detail.state.result is not None and detail.state.result.code == "6.1"
    # Result date: the day after the 补正期限 10-17 (README §2), not the day the closing was recorded.
    assert (row_of(db, number).result, row_of(db, number).result_date) == ("其他处理", D(2025, 10, 18))
    assert row_of(db, number).status == Status.CLOSED.value


@pytest.mark.parametrize(
    ("kind", "day", "data", "field"),
    [
        (EventKind.REPLY, D(2025, 9, 19), {"result": "予以公开", "detail": ""}, "答复日期"),
        (EventKind.REPLY, D(2025, 10, 10), {"result": "不予公开", "detail": "重复申请"}, "具体情形"),
        (EventKind.EXTENSION, D(2025, 10, 10), {"days": 21, "approver": "李主任"}, "延期工作日数"),
        (EventKind.EXTENSION, D(2025, 10, 27), {"days": 5, "approver": "李主任"}, "延期告知日期"),
        (EventKind.FEE_NOTICE, D(2025, 10, 27), {"amount": 100, "method": "按件"}, "收费通知日期"),
        (EventKind.FEE_PAID, D(2025, 10, 10), {}, "缴费日期"),
    ],
)
def test_refused_event_stores_nothing(
    db: Database, kind: EventKind, day: date, data: dict[str, Any], field: str
) -> None:
    number = register(db)
    before_row = row_of(db, number)
    before = service.get_detail(db, number, today=D(2025, 10, 27))
    with pytest.raises(ValidationError) as caught:
        service.record_event(db, number, kind, day, data, today=D(2025, 10, 27))
    assert caught.value.field == field
    after = service.get_detail(db, number, today=D(2025, 10, 27))
    assert len(after.timeline) == len(before.timeline) == 1
    assert row_of(db, number) == before_row


def test_second_extension_follows_the_setting(db: Database) -> None:
    number = register(db)
    service.record_event(
        db, number, EventKind.EXTENSION, D(2025, 10, 20), {"days": 10, "approver": "李主任"}, today=D(2025, 10, 20)
    )
    with pytest.raises(ValidationError) as caught:
        service.record_event(
            db, number, EventKind.EXTENSION, D(2025, 11, 3), {"days": 5, "approver": "李主任"}, today=D(2025, 11, 3)
        )
    assert caught.value.field == "延期答复"
    set_setting(db, "extension_once", "0")
    detail = service.record_event(
        db, number, EventKind.EXTENSION, D(2025, 11, 3), {"days": 5, "approver": "李主任"}, today=D(2025, 11, 3)
    )
    # 11-07 + 5: 10 11 12 13 14 → 11-14.
    assert detail.state.reply_due == D(2025, 11, 14)


def test_late_service_is_accepted_and_marked(db: Database) -> None:
    number = register(db)
    service.record_event(
        db, number, EventKind.REPLY, D(2025, 10, 24), {"result": "予以公开", "detail": ""}, today=D(2025, 10, 24)
    )
    detail = service.record_event(
        db, number, EventKind.SERVED, D(2025, 10, 27), {"method": "邮政邮寄"}, today=D(2025, 10, 27)
    )
    assert detail.state.on_time is False
    assert detail.state.served == D(2025, 10, 27)
    row = row_of(db, number)
    assert (row.on_time, row.status) == (False, Status.ANSWERED.value)


def test_correction_voids_the_old_event_with_its_reason(db: Database) -> None:
    number = register(db)
    wrong = service.record_event(
        db, number, EventKind.REPLY, D(2025, 10, 20), {"result": "予以公开", "detail": ""}, today=D(2025, 10, 20)
    )
    wrong_id = wrong.timeline[-1].id
    with pytest.raises(ValidationError) as caught:
        service.record_event(
            db,
            number,
            EventKind.REPLY,
            D(2025, 10, 20),
            {"result": "无法提供", "detail": "本机关不掌握相关政府信息"},
            today=D(2025, 10, 21),
            replaces=wrong_id,
        )
    assert caught.value.field == "更正理由"
    detail = service.record_event(
        db,
        number,
        EventKind.REPLY,
        D(2025, 10, 20),
        {"result": "无法提供", "detail": "本机关不掌握相关政府信息"},
        actor="王五",
        today=D(2025, 10, 21),
        replaces=wrong_id,
        reason="办理结果填错",
    )
    old = next(e for e in detail.timeline if e.id == wrong_id)
    new = detail.timeline[-1]
    assert old.voided and old.void_reason == "更正：办理结果填错"
    assert not new.voided and new.replaces_id == wrong_id and new.actor == "王五"
    assert old.data == {"result": "予以公开", "detail": ""}  # the old values are kept, not overwritten
    assert detail.state.result is not None and detail.state.result.code == "4.1"
    assert row_of(db, number).result == "无法提供"
    # A voided event cannot be corrected again.
    with pytest.raises(UserError, match="不存在或已作废"):
        service.record_event(
            db,
            number,
            EventKind.REPLY,
            D(2025, 10, 20),
            {"result": "予以公开", "detail": ""},
            today=D(2025, 10, 21),
            replaces=wrong_id,
            reason="再改",
        )


def test_refused_correction_changes_nothing(db: Database) -> None:
    number = register(db)
    first = service.record_event(
        db, number, EventKind.EXTENSION, D(2025, 10, 20), {"days": 10, "approver": "李主任"}, today=D(2025, 10, 20)
    )
    with pytest.raises(ValidationError):
        service.record_event(
            db,
            number,
            EventKind.EXTENSION,
            D(2025, 10, 20),
            {"days": 25, "approver": "李主任"},
            today=D(2025, 10, 21),
            replaces=first.timeline[-1].id,
            reason="天数填错",
        )
    detail = service.get_detail(db, number, today=D(2025, 10, 21))
    assert not any(e.voided for e in detail.timeline)
    assert detail.state.reply_due == D(2025, 11, 7)


def test_void_event_with_reason(db: Database) -> None:
    number = register(db)
    detail = service.record_event(
        db, number, EventKind.EXTENSION, D(2025, 10, 20), {"days": 10, "approver": "李主任"}, today=D(2025, 10, 20)
    )
    event_id = detail.timeline[-1].id
    with pytest.raises(ValidationError) as caught:
        service.void_event(db, event_id, "  ", today=D(2025, 10, 21))
    assert caught.value.field == "作废理由"
    detail = service.void_event(db, event_id, "误录", actor="王五", today=D(2025, 10, 21))
    entry = next(e for e in detail.timeline if e.id == event_id)
    assert entry.voided and entry.void_reason == "误录"
    assert detail.state.reply_due == D(2025, 10, 24)
    assert row_of(db, number).reply_due == D(2025, 10, 24)
    with pytest.raises(UserError, match="已作废"):
        service.void_event(db, event_id, "再次作废", today=D(2025, 10, 21))


def test_registration_event_cannot_be_voided(db: Database) -> None:
    number = register(db)
    registered = service.get_detail(db, number, today=SEP22).timeline[0]
    with pytest.raises(UserError, match="登记事件不能作废"):
        service.void_event(db, registered.id, "误录", today=SEP22)


def test_registration_event_cannot_be_voided_by_a_correction(db: Database) -> None:
    number = register(db)
    registered = service.get_detail(db, number, today=SEP22).timeline[0]
    with pytest.raises(UserError, match="登记事件不能更正"):
        service.record_event(
            db,
            number,
            EventKind.WITHDRAWN,
            D(2025, 9, 23),
            {},
            today=D(2025, 9, 23),
            replaces=registered.id,
            reason="误录",
        )
    detail = service.get_detail(db, number, today=D(2025, 9, 23))
    assert [(e.kind, e.voided) for e in detail.timeline] == [(EventKind.REGISTERED, False)]


def test_voiding_a_notice_that_a_later_fact_depends_on_is_refused(db: Database) -> None:
    number = register(db)
    notice = service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), {"deadline": D(2025, 10, 17)}, today=D(2025, 9, 25)
    ).timeline[-1]
    service.record_event(db, number, EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 9), today=D(2025, 10, 9))
    with pytest.raises(UserError) as caught:
        service.void_event(db, notice.id, "误录", today=D(2025, 10, 10))
    assert "不能作废" in caught.value.message
    assert "补正收到日期" in caught.value.message
    detail = service.get_detail(db, number, today=D(2025, 10, 10))
    assert not any(e.voided for e in detail.timeline)
    # From 10-09: 10(1) 11 Sat 班(2) 13–17(3–7) 20–24(8–12) 27–31(13–17) 11-03(18) 04(19) 05(20) → 11-05.
    assert detail.state.clock_start == D(2025, 10, 9)
    assert detail.state.reply_due == D(2025, 11, 5)


# -- editing the registration ------------------------------------------------------------------------------------


def test_edit_registration_records_old_and_new_values(db: Database) -> None:
    number = register(db)
    detail = service.edit_registration(
        db, number, form(phone="023-12345678", postcode="404000"), actor="王五", today=D(2025, 9, 25)
    )
    edited = detail.timeline[-1]
    assert edited.kind is EventKind.EDITED
    assert edited.actor == "王五"
    assert edited.day == D(2025, 9, 25)
    assert edited.data == {
        "changes": {
            "联系电话": {"old": "138-0000-0000", "new": "023-12345678"},
            "邮编": {"old": "404100", "new": "404000"},
        }
    }
    assert detail.fields.phone == "023-12345678"


def test_edit_of_the_received_date_moves_the_clock(db: Database) -> None:
    number = register(db)
    detail = service.edit_registration(db, number, form(received=D(2025, 9, 26)), today=D(2025, 9, 26))
    assert detail.timeline[-1].data["changes"] == {"收到日期": {"old": "2025-09-22", "new": "2025-09-26"}}
    # From 09-26: 28 Sun 班(1) 29(2) 30(3) 10-09(4) 10(5) 11 Sat 班(6) 13–17(7–11) 20–24(12–16) 27 28 29 30(17–20).
    assert detail.state.reply_due == D(2025, 10, 30)
    assert row_of(db, number).reply_due == D(2025, 10, 30)


def test_edit_keeps_the_search_index_current(db: Database) -> None:
    number = register(db)
    service.edit_registration(
        db, number, form(applicant_name="欧阳娜娜", content="申请公开县医院药品采购合同"), today=D(2025, 9, 25)
    )
    today = D(2025, 9, 25)
    assert numbers(db, ListFilter(text="欧阳娜娜"), today=today) == [number]
    assert numbers(db, ListFilter(text="药品采购"), today=today) == [number]
    assert numbers(db, ListFilter(text="王小明"), today=today) == []
    assert numbers(db, ListFilter(text="道路硬化"), today=today) == []


def test_edit_without_changes_is_refused(db: Database) -> None:
    number = register(db)
    with pytest.raises(UserError, match="没有修改任何内容"):
        service.edit_registration(db, number, form(applicant_name=" 王小明 "), today=D(2025, 9, 25))
    assert len(service.get_detail(db, number, today=D(2025, 9, 25)).timeline) == 1


def test_edit_that_breaks_the_timeline_is_refused(db: Database) -> None:
    number = register(db)
    service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), {"deadline": D(2025, 10, 17)}, today=D(2025, 9, 25)
    )
    with pytest.raises(ValidationError) as caught:
        service.edit_registration(db, number, form(received=D(2025, 9, 26)), today=D(2025, 9, 26))
    assert caught.value.field == "补正告知日期"
    detail = service.get_detail(db, number, today=D(2025, 9, 26))
    assert detail.fields.received == SEP22
    assert [e.kind for e in detail.timeline] == [EventKind.REGISTERED, EventKind.SUPPLEMENT_NOTICE]


def test_edit_cannot_move_the_receipt_to_another_year(db: Database) -> None:
    number = register(db, received=D(2025, 12, 31), today=D(2026, 1, 5))
    with pytest.raises(ValidationError) as caught:
        service.edit_registration(db, number, form(received=D(2026, 1, 4)), today=D(2026, 1, 5))
    assert caught.value.field == "收到日期"


# -- the detail page ------------------------------------------------------------------------------------------------


def test_next_actions_follow_the_state(db: Database) -> None:
    number = register(db)
    actions = service.get_detail(db, number, today=SEP22).next_actions
    assert actions[:2] == [EventKind.SUPPLEMENT_NOTICE, EventKind.REPLY]
    assert {EventKind.CONSULTATION_SENT, EventKind.FEE_NOTICE, EventKind.EXTENSION, EventKind.WITHDRAWN} <= set(actions)

    detail = service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), {"deadline": D(2025, 10, 17)}, today=D(2025, 9, 25)
    )
    assert detail.next_actions == [EventKind.SUPPLEMENT_RECEIVED, EventKind.SUPPLEMENT_EXPIRED, EventKind.WITHDRAWN]

    detail = service.record_event(db, number, EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 9), today=D(2025, 10, 9))
    assert EventKind.SUPPLEMENT_NOTICE not in detail.next_actions
    assert detail.next_actions[0] is EventKind.REPLY

    detail = service.record_event(
        db,
        number,
        EventKind.CONSULTATION_SENT,
        D(2025, 10, 10),
        {"party_kind": "第三方", "party": "某公司"},
        today=D(2025, 10, 10),
    )
    assert detail.next_actions[0] is EventKind.CONSULTATION_ANSWERED
    assert EventKind.CONSULTATION_NO_ANSWER in detail.next_actions

    detail = service.record_event(
        db, number, EventKind.REPLY, D(2025, 10, 13), {"result": "予以公开", "detail": ""}, today=D(2025, 10, 13)
    )
    assert detail.next_actions == [
        EventKind.SERVED,
        EventKind.ARCHIVED,
        EventKind.REVIEW_FILED,
        EventKind.LAWSUIT_FILED,
    ]
    detail = service.record_event(db, number, EventKind.SERVED, D(2025, 10, 14), today=D(2025, 10, 14))
    assert detail.next_actions[0] is EventKind.ARCHIVED
    detail = service.record_event(db, number, EventKind.ARCHIVED, D(2025, 10, 15), today=D(2025, 10, 15))
    assert detail.state.status is Status.ARCHIVED
    assert detail.next_actions == [EventKind.REVIEW_FILED, EventKind.LAWSUIT_FILED]


def test_unknown_number_is_a_user_error(db: Database) -> None:
    with pytest.raises(UserError, match="找不到申请编号"):
        service.get_detail(db, "2025-9999", today=SEP22)


# -- lists ------------------------------------------------------------------------------------------------------


@pytest.fixture
def register_of_five(db: Database) -> dict[str, str]:
    """Five applications of different kinds; today is 2025-11-10 for the clocks below."""
    a = register(db, applicant_name="张三", content="申请公开2025年白鹤镇财政预算执行情况")  # 2025-0001, due 10-24
    b = register(
        db,
        received=NOV3,
        applicant_type="商业企业",
        applicant_name="重庆某某建设有限公司",
        id_type="统一社会信用代码",
        id_number="",
        content="请公开白鹤镇道路硬化工程的中标通知书",
    )  # 2025-0002, due 12-01
    c = register(db, received=NOV3, applicant_name="李四", content="要求公开县医院药品采购合同")  # 2025-0003
    d = register(
        db, received=D(2026, 2, 10), applicant_name="赵六", content="申请公开2026年财政预算", today=D(2026, 2, 10)
    )  # 2026-0001, due 2026-03-16
    e = register(db, received=D(2025, 10, 9), applicant_name="张三丰", content="申请公开武术协会登记资料")
    # e: 2025-0004; from 10-09: 10(1) 11 Sat 班(2) 13–17(3–7) 20–24(8–12) 27–31(13–17) 11-03(18) 04(19) 05(20).
    service.record_event(
        db, a, EventKind.REPLY, D(2025, 10, 20), {"result": "予以公开", "detail": ""}, today=D(2025, 10, 20)
    )
    service.record_event(
        db, c, EventKind.FEE_NOTICE, D(2025, 11, 5), {"amount": 100, "method": "按件"}, today=D(2025, 11, 5)
    )
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_register_of_five_has_the_expected_numbers(register_of_five: dict[str, str]) -> None:
    assert register_of_five == {
        "a": "2025-0001",
        "b": "2025-0002",
        "c": "2025-0003",
        "d": "2026-0001",
        "e": "2025-0004",
    }


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (ListFilter(), ["2025-0001", "2025-0002", "2025-0003", "2025-0004", "2026-0001"]),
        # ≥ 3 characters: the trigram index (name, content or number).
        (ListFilter(text="财政预算"), ["2025-0001", "2026-0001"]),
        (ListFilter(text="中标通知书"), ["2025-0002"]),
        (ListFilter(text="张三丰"), ["2025-0004"]),
        (ListFilter(text="2026-0001"), ["2026-0001"]),
        (ListFilter(text="建设有限公司"), ["2025-0002"]),
        # 1–2 characters: LIKE.
        (ListFilter(text="张三"), ["2025-0001", "2025-0004"]),
        (ListFilter(text="合同"), ["2025-0003"]),
        (ListFilter(text="赵"), ["2026-0001"]),
        (ListFilter(text="%"), []),
        (ListFilter(year=2025), ["2025-0001", "2025-0002", "2025-0003", "2025-0004"]),
        (ListFilter(year=2026), ["2026-0001"]),
        (ListFilter(result="予以公开"), ["2025-0001"]),
        (ListFilter(applicant_type="商业企业"), ["2025-0002"]),
        (ListFilter(status="未办结"), ["2025-0002", "2025-0003", "2025-0004", "2026-0001"]),
        (ListFilter(status=Status.ANSWERED.value), ["2025-0001"]),
        (ListFilter(status=Status.AWAITING_PAYMENT.value), ["2025-0003"]),
        (ListFilter(year=2025, status="未办结", text="张三"), ["2025-0004"]),
    ],
)
def test_list_filters(db: Database, register_of_five: dict[str, str], flt: ListFilter, expected: list[str]) -> None:
    assert numbers(db, flt, today=D(2025, 11, 10)) == expected


def test_overdue_and_due_within_filters(db: Database, register_of_five: dict[str, str]) -> None:
    today = D(2025, 11, 10)
    # e is due 11-05 and still open: overdue. b is due 12-01. c waits for payment (paused). d is due 2026-03-16.
    assert numbers(db, ListFilter(overdue=True), today=today) == ["2025-0004"]
    assert numbers(db, ListFilter(deadline_state=DeadlineState.OVERDUE.value), today=today) == ["2025-0004"]
    assert numbers(db, ListFilter(deadline_state=DeadlineState.PAUSED.value), today=today) == ["2025-0003"]
    # Within 15 working days of 11-10: 11–14 (4) 17–21 (9) 24–28 (14) 12-01 (15) → limit 12-01. c (paused) is cached
    # with its safe earliest due date as of the fee notice on 11-05: nothing excluded yet → 12-01, so it is listed.
    assert numbers(db, ListFilter(due_within=15), today=today) == ["2025-0002", "2025-0003", "2025-0004"]
    assert numbers(db, ListFilter(due_within=14), today=today) == ["2025-0004"]
    # After recompute_all on 11-10, c's fee period (11-05, 11-10] = 06 07 10 is excluded → N = 23 → 12-04.
    service.recompute_all(db, today=today)
    assert row_of(db, register_of_five["c"]).reply_due == D(2025, 12, 4)
    assert numbers(db, ListFilter(due_within=15), today=today) == ["2025-0002", "2025-0004"]
    # On 11-26, b (due 12-01) is 3 working days away: 27 28 12-01.
    assert numbers(db, ListFilter(deadline_state=DeadlineState.DUE_SOON.value), today=D(2025, 11, 26)) == ["2025-0002"]


def test_list_sorting_and_paging(db: Database, register_of_five: dict[str, str]) -> None:
    rows = service.list_applications(db, today=D(2025, 11, 10), sort="number", descending=True, limit=2, offset=1)
    assert [r.number for r in rows] == ["2025-0004", "2025-0003"]
    rows = service.list_applications(db, today=D(2025, 11, 10), sort="received", descending=False)
    assert [r.number for r in rows][:2] == ["2025-0001", "2025-0004"]


def test_live_clock_states(db: Database, register_of_five: dict[str, str]) -> None:
    calendar = WorkCalendar.standard()
    rows = {r.number: r for r in service.list_applications(db, today=D(2025, 11, 10))}
    a, b, c, e = (rows[register_of_five[k]] for k in "abce")

    assert service.live_clock(a, calendar, D(2025, 11, 10)) == service.LiveClock("", None, False)
    # b: due 12-01; on 11-10: (11-10, 12-01] = 11–14 (4) 17–21 (9) 24–28 (14) 12-01 (15).
    assert service.live_clock(b, calendar, D(2025, 11, 10)) == service.LiveClock("正常", 15, False)
    # On 11-26: 27 28 12-01 → 3.
    assert service.live_clock(b, calendar, D(2025, 11, 26)) == service.LiveClock("3个工作日内到期", 3, False)
    assert service.live_clock(b, calendar, D(2025, 12, 1)) == service.LiveClock("3个工作日内到期", 0, False)
    # On 12-03: (12-01, 12-03] = 02 03 → -2.
    assert service.live_clock(b, calendar, D(2025, 12, 3)) == service.LiveClock("已逾期", -2, False)
    # e: due 11-05; on 11-10: (11-05, 11-10] = 06 07 10 → -3.
    assert service.live_clock(e, calendar, D(2025, 11, 10)) == service.LiveClock("已逾期", -3, False)
    assert service.live_clock(c, calendar, D(2025, 11, 10)).state == "已暂停计时"


def test_uncertain_due_date_is_marked_in_the_list(db: Database) -> None:
    # From 2026-12-15: 16 17 18 21–25 28–31 (12); 2027 by weekends only: 01-01 (13) 04–08 (18) 11 (19) 12 (20).
    number = register(db, received=D(2026, 12, 15), today=D(2026, 12, 15))
    row = row_of(db, number)
    assert row.reply_due == D(2027, 1, 12)
    assert row.calendar_uncertain is True
    clock = service.live_clock(row, WorkCalendar.standard(), D(2026, 12, 16))
    assert clock.uncertain is True


# -- no stale deadlines -------------------------------------------------------------------------------------------


def test_recompute_all_after_a_manual_holiday(db: Database) -> None:
    open_one = register(db)  # due 10-24
    closed = register(db, applicant_name="李四")
    service.record_event(
        db, closed, EventKind.REPLY, D(2025, 10, 10), {"result": "予以公开", "detail": ""}, today=D(2025, 10, 10)
    )
    closed_before = row_of(db, closed)
    holidays.set_manual_day(db, D(2025, 10, 20), DayKind.REST, "本地放假")
    assert service.recompute_all(db, today=D(2025, 10, 10)) == 1
    # One working day fewer in the window: … 17(15) | 10-20 休 | 21(16) 22(17) 23(18) 24(19) 27(20) → 10-27.
    assert row_of(db, open_one).reply_due == D(2025, 10, 27)
    assert service.get_detail(db, open_one, today=D(2025, 10, 10)).state.reply_due == D(2025, 10, 27)
    assert row_of(db, closed) == closed_before
    # Removing the manual day brings the official due date back.
    holidays.set_manual_day(db, D(2025, 10, 20), None)
    service.recompute_all(db, today=D(2025, 10, 10))
    assert row_of(db, open_one).reply_due == D(2025, 10, 24)


def test_recompute_all_clears_the_uncertainty_once_the_year_is_known(db: Database) -> None:
    number = register(db, received=D(2026, 12, 15), today=D(2026, 12, 15))
    assert row_of(db, number).calendar_uncertain is True
    # A (hypothetical) 2027 arrangement: 01-01 休 only. With the year covered, 01-01 no longer counts:
    # … 2026-12-31 (12) | 01-01 休 | 04–08 (13–17) 11 (18) 12 (19) 13 (20) → 2027-01-13.
    holidays.set_manual_day(db, D(2027, 1, 1), DayKind.REST, "元旦")
    from models.entities import HolidayYear

    with db.transaction() as session:
        session.add(HolidayYear(year=2027, source="manual"))
    service.recompute_all(db, today=D(2026, 12, 16))
    row = row_of(db, number)
    assert row.reply_due == D(2027, 1, 13)
    assert row.calendar_uncertain is False


# -- duplicates ------------------------------------------------------------------------------------------------


def test_earlier_similar_finds_the_same_applicant_only(db: Database) -> None:
    road = "申请公开2025年白鹤镇道路硬化工程的招标文件及合同"
    mine = register(db, content=road)
    register(db, applicant_name="李四", id_number="", content=road)
    register(db, content="要求公开县医院药品采购合同")
    found = service.earlier_similar(
        db, applicant_name="王小明", id_number=resident_id(), content="请公开白鹤镇2025年道路硬化工程招标文件和合同"
    )
    assert [f.number for f in found] == [mine]
    assert found[0].similarity >= 0.35
    assert found[0].received == SEP22
    # By name alone (no ID number typed yet).
    found = service.earlier_similar(db, applicant_name="王小明", content=road)
    assert [f.number for f in found] == [mine]
    assert found[0].similarity == 1.0
    # The application itself is left out.
    assert service.earlier_similar(db, applicant_name="王小明", content=road, exclude=mine) == []
    # Nothing to compare.
    assert service.earlier_similar(db, applicant_name="", content=road) == []
    assert service.earlier_similar(db, applicant_name="王小明", content="  ") == []


def test_earlier_similar_ignores_a_namesake_with_another_id_number(db: Database) -> None:
    road = "申请公开2025年白鹤镇道路硬化工程的招标文件及合同"
    other_person = resident_id("50023519850101002")
    register(db, applicant_name="张三", id_number=other_person, content=road)
    mine = register(db, applicant_name="张三", id_number=resident_id(), content=road)
    found = service.earlier_similar(db, applicant_name="张三", id_number=resident_id(), content=road)
    assert [f.number for f in found] == [mine]


def test_correcting_a_notice_keeps_its_place_before_a_same_day_receipt(db: Database) -> None:
    number = register(db)
    notice = service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 24), {"deadline": D(2025, 10, 9)}, today=D(2025, 9, 24)
    ).timeline[-1]
    service.record_event(db, number, EventKind.SUPPLEMENT_RECEIVED, D(2025, 9, 24), {}, today=D(2025, 9, 24))
    detail = service.record_event(
        db,
        number,
        EventKind.SUPPLEMENT_NOTICE,
        D(2025, 9, 24),
        {"deadline": D(2025, 10, 15)},
        today=D(2025, 9, 25),
        replaces=notice.id,
        reason="补正期限写错",
    )
    assert detail.facts.supplement_deadline == D(2025, 10, 15)
    assert detail.facts.supplement_received == D(2025, 9, 24)


def test_correcting_an_answered_consultation_keeps_the_answer_attached(db: Database) -> None:
    number = register(db)
    sent = service.record_event(
        db,
        number,
        EventKind.CONSULTATION_SENT,
        D(2025, 9, 23),
        {"party_kind": "第三方", "party": "甲公司"},
        today=D(2025, 9, 23),
    ).timeline[-1]
    ref = service.get_detail(db, number, today=D(2025, 9, 23)).facts.consultations[0].id
    service.record_event(
        db, number, EventKind.CONSULTATION_ANSWERED, D(2025, 9, 26), {"ref": ref}, today=D(2025, 9, 26)
    )
    detail = service.record_event(
        db,
        number,
        EventKind.CONSULTATION_SENT,
        D(2025, 9, 23),
        {"party_kind": "第三方", "party": "甲建材有限公司"},
        today=D(2025, 9, 26),
        replaces=sent.id,
        reason="第三方名称写错",
    )
    (consultation,) = detail.facts.consultations
    assert consultation.party == "甲建材有限公司"
    assert consultation.answered == D(2025, 9, 26)
    # Excluded: the working days in (09-23, 09-26] = 24, 25, 26 → the due moves 3 working days past 10-24.
    assert detail.state.excluded_days == 3
    assert detail.state.reply_due == D(2025, 10, 29)


# -- a mistaken registration: voided (kept, counted nowhere) or deleted (nothing else recorded) ---------------


def test_gui_void_registration_keeps_history_and_leaves_every_count_and_report(db: Database, tmp_path) -> None:
    import openpyxl

    from models.services import ledger, reports

    kept = register(db, applicant_name="王小明")
    wrong = register(db, applicant_name="张错登")
    service.record_event(db, wrong, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 24), {"deadline": D(2025, 10, 15)},
                         actor="李四", today=D(2025, 9, 24))  # fmt: skip
    assert service.count_applications(db, ListFilter(year=2025), today=NOV3) == 2
    assert reports.table3(db, "2025").table.get("new") == 2

    with pytest.raises(ValidationError, match="作废理由"):
        service.void_application(db, wrong, "  ", actor="李四")
    service.void_application(db, wrong, "重复登记了同一份申请", actor="李四")

    detail = service.get_detail(db, wrong, today=NOV3)
    assert detail.void is not None and (detail.void.reason, detail.void.by) == ("重复登记了同一份申请", "李四")
    assert [e.kind for e in detail.timeline] == [EventKind.REGISTERED, EventKind.SUPPLEMENT_NOTICE]  # history kept
    assert detail.next_actions == []
    assert numbers(db, ListFilter(), today=NOV3) == [kept]  # lists by default
    assert numbers(db, ListFilter(status="已作废"), today=NOV3) == [wrong]  # found on purpose
    assert service.count_applications(db, ListFilter(deadline_state=DeadlineState.PAUSED), today=NOV3) == 0
    assert reports.table3(db, "2025").table.get("new") == 1  # 表三, annual
    assert reports.monthly_return(db, "2025-09").table3.table.get("new") == 1  # monthly return
    out = tmp_path / "台账.xlsx"
    assert ledger.export_ledger(db, out, year=2025) == 1
    cells = {c.value for row in openpyxl.load_workbook(out).worksheets[0].iter_rows() for c in row}
    assert kept in cells and wrong not in cells
    with pytest.raises(UserError, match="已于"):
        service.void_application(db, wrong, "再作废一次", actor="李四")
    assert register(db, applicant_name="赵新") == "2025-0003"  # the voided number is never handed out again


def test_gui_void_registration_is_refused_while_a_letter_is_valid(db: Database) -> None:
    from models.domain.letters import LetterKind
    from models.services import demo_letters, letters

    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.1", today=D(2026, 11, 23))
    letters.generate(db, number, LetterKind.RECEIPT, today=D(2026, 11, 23))
    with pytest.raises(UserError, match="有效文书"):
        service.void_application(db, number, "登记错了", actor="李四")
    assert service.get_detail(db, number, today=D(2026, 11, 23)).void is None


def test_gui_delete_registration_only_while_nothing_else_was_recorded(db: Database) -> None:
    bare = register(db, applicant_name="王小明")
    busy = register(db, applicant_name="张三")
    service.record_event(db, busy, EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 24), {"deadline": D(2025, 10, 15)},
                         actor="李四", today=D(2025, 9, 24))  # fmt: skip
    with pytest.raises(UserError, match="补正告知.*不能删除"):
        service.delete_application(db, busy)
    service.delete_application(db, bare)
    with pytest.raises(UserError, match="找不到"):
        service.get_detail(db, bare)
    assert numbers(db, ListFilter(), today=NOV3) == [busy]
    assert service.list_applications(db, ListFilter(text="王小明")) == []  # gone from the search index too
    assert register(db, applicant_name="赵新") == "2025-0003"  # its number is not reused


def test_gui_operator_the_computer_login_is_never_recorded(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "Administrator")
    number = service.register(db, form(), today=SEP22).number
    assert [e.actor for e in service.get_detail(db, number).timeline] == [""]
    set_setting(db, "operator", "李晓梅")
    number = service.register(db, form(applicant_name="张三"), today=SEP22).number
    assert [e.actor for e in service.get_detail(db, number).timeline] == ["李晓梅"]


def test_gui_void_migration_0005_keeps_the_data_and_the_search_of_an_0004_database(tmp_path) -> None:
    import sqlite3

    from alembic import command

    from models.db import make_engine
    from models.migrate import _alembic_config, open_database

    path = tmp_path / "old.db"
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO application (number, year, seq, received, channel, mail_kind, applicant_type,"
            " applicant_name, id_type, id_number, phone, address, postcode, email, content, delivery_form, handler,"
            " note, status, result, detail, result_code, paused, calendar_uncertain)"
            " VALUES ('2025-0001', 2025, 1, '2025-09-22', '当面', '', '自然人', '王小明', '', '', '', '', '', '',"
            " '申请公开道路硬化工程合同', '纸质', '', '', '办理中', '', '', '', 0, 0)"
        )
    conn.close()

    db = open_database(path)  # upgraded to 0005 (with a backup)
    try:
        (row,) = service.list_applications(db, ListFilter(text="道路硬化"))  # the full-text index still works
        assert row.number == "2025-0001" and row.voided_at is None
        service.void_application(db, "2025-0001", "测试数据", actor="李四")
        assert service.list_applications(db, ListFilter(text="道路硬化")) == []
        assert service.get_detail(db, "2025-0001").void is not None
    finally:
        db.close()
