"""The refusals of models.domain.case (replay/check): impossible facts are refused with a Chinese message naming
the field; late but possible facts are accepted and marked.

Dates counted by hand on the official calendar (see test_case_deadlines.py for the holiday weeks):
- received 2025-09-22 → 补正告知 due 09-30 (09-23 24 25 26 28(Sun 班) 29 30), reply due 10-24
  (09-23…30 = 7, 10-09 10 11(Sat 班) = 10, 13–17 = 15, 20–24 = 20);
- with a 10-day extension: 10-27 28 29 30 31 11-03 04 05 06 07 → 11-07; with 20 days: 11-10…14 (35), 17…21 (40)
  → 11-21;
- received 2025-11-03, fee notice 2025-11-10 (receipt not recorded): payment deadline = 20th working day after
  11-10: 11–14 (4) 17–21 (9) 24–28 (14) 12-01–05 (19) 12-08 (20) → 2025-12-08.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.domain import case
from models.domain.case import Event, EventKind, Rules
from models.domain.errors import UserError, ValidationError
from models.domain.workdays import WorkCalendar

D = date
SEP22 = D(2025, 9, 22)
NOV3 = D(2025, 11, 3)
DEFAULT_RULES = Rules()


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar.standard()


class Timeline:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, kind: EventKind, day: date, **data: Any) -> int:
        event_id = len(self.events) + 1
        self.events.append(Event(event_id, kind, day, data))
        return event_id

    def event(self, kind: EventKind, day: date, **data: Any) -> Event:
        """A new event, not added (for case.check)."""
        return Event(len(self.events) + 1, kind, day, data)


def refused(
    calendar: WorkCalendar, received: date, t: Timeline, *, today: date, rules: Rules = DEFAULT_RULES
) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        case.replay(received, t.events, calendar, today=today, rules=rules)
    error = caught.value
    assert isinstance(error, UserError)
    assert error.message.startswith(f"{error.field}：")
    return error


def accepted(
    calendar: WorkCalendar, received: date, t: Timeline, *, today: date, rules: Rules = DEFAULT_RULES
) -> case.CaseState:
    facts = case.replay(received, t.events, calendar, today=today, rules=rules)
    return case.compute(facts, calendar, today)


def extension(t: Timeline, day: date, days: int, **extra: Any) -> int:
    data: dict[str, Any] = {"days": days, "approver": "李主任", "reason": "需要调取档案"}
    data.update(extra)
    return t.add(EventKind.EXTENSION, day, **data)


def reply(t: Timeline, day: date, result: str = "予以公开", detail: str = "", **data: Any) -> int:
    return t.add(EventKind.REPLY, day, result=result, detail=detail, **data)


def fee_notice(t: Timeline, day: date, **data: Any) -> int:
    return t.add(EventKind.FEE_NOTICE, day, amount=100, method="按件", **data)


# -- dates --------------------------------------------------------------------------------------------------


def test_reply_before_receipt_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 9, 19))
    error = refused(calendar, SEP22, t, today=D(2025, 9, 23))
    assert error.field == "答复日期"
    assert "早于收到申请日期" in error.message


def test_fact_in_the_future_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 10))
    error = refused(calendar, SEP22, t, today=D(2025, 10, 9))
    assert error.field == "答复日期"
    assert "晚于今天" in error.message


def test_served_before_the_reply_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 10), served=D(2025, 10, 9))
    error = refused(calendar, SEP22, t, today=D(2025, 10, 10))
    assert error.field == "送达日期"
    assert "早于答复日期" in error.message


def test_nothing_but_service_and_litigation_after_closing(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 10))
    extension(t, D(2025, 10, 13), 5)
    error = refused(calendar, SEP22, t, today=D(2025, 10, 13))
    assert error.field == "延期答复"
    assert "已办结" in error.message


# -- 具体情形 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "detail"),
    [
        ("不予公开", "本机关不掌握相关政府信息"),  # a 无法提供 detail
        ("予以公开", "属于国家秘密"),
        ("不予处理", ""),
        ("其他处理", "重复申请"),
    ],
)
def test_detail_that_does_not_belong_to_the_result_is_refused(calendar: WorkCalendar, result: str, detail: str) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 10), result=result, detail=detail)
    error = refused(calendar, SEP22, t, today=D(2025, 10, 10))
    assert error.field == "具体情形"
    assert f"不属于办理结果“{result}”" in error.message


# -- extensions -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, 21, 30])
def test_extension_outside_1_to_20_working_days_is_refused(calendar: WorkCalendar, days: int) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 20), days)
    error = refused(calendar, SEP22, t, today=D(2025, 10, 20))
    assert error.field == "延期工作日数"
    assert "1到20" in error.message


def test_extension_of_20_working_days_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 20), 20)
    assert accepted(calendar, SEP22, t, today=D(2025, 10, 20)).reply_due == D(2025, 11, 21)


def test_extension_after_the_due_date_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 27), 10)  # due 10-24
    error = refused(calendar, SEP22, t, today=D(2025, 10, 27))
    assert error.field == "延期告知日期"
    assert "届满前" in error.message
    assert "2025年10月24日" in error.message


def test_extension_on_the_due_date_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 24), 10)
    assert accepted(calendar, SEP22, t, today=D(2025, 10, 24)).reply_due == D(2025, 11, 7)


def test_extension_needs_an_approver(calendar: WorkCalendar) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 20), 10, approver=" ")
    error = refused(calendar, SEP22, t, today=D(2025, 10, 20))
    assert error.field == "审批人"


def test_second_extension_is_refused_while_the_once_only_setting_is_on(calendar: WorkCalendar) -> None:
    t = Timeline()
    extension(t, D(2025, 10, 20), 10)
    extension(t, D(2025, 11, 3), 5)
    error = refused(calendar, SEP22, t, today=D(2025, 11, 3))
    assert error.field == "延期答复"
    assert "只能延期一次" in error.message


def test_second_extension_allowed_up_to_a_total_of_20_when_the_setting_is_off(calendar: WorkCalendar) -> None:
    rules = Rules(extension_once=False)
    t = Timeline()
    extension(t, D(2025, 10, 20), 10)  # due 10-24 → 11-07
    extension(t, D(2025, 11, 3), 10)  # before 11-07; total 20 → 11-21
    state = accepted(calendar, SEP22, t, today=D(2025, 11, 3), rules=rules)
    assert state.extension_days == 20
    assert state.reply_due == D(2025, 11, 21)
    extension(t, D(2025, 11, 10), 1)  # the 21st day
    error = refused(calendar, SEP22, t, today=D(2025, 11, 10), rules=rules)
    assert error.field == "延期工作日数"
    assert "合计不得超过20个工作日" in error.message
    assert "已延期20个" in error.message


def test_second_extension_over_the_total_is_refused_when_the_setting_is_off(calendar: WorkCalendar) -> None:
    rules = Rules(extension_once=False)
    t = Timeline()
    extension(t, D(2025, 10, 20), 12)
    extension(t, D(2025, 11, 3), 9)  # 12 + 9 = 21
    error = refused(calendar, SEP22, t, today=D(2025, 11, 3), rules=rules)
    assert error.field == "延期工作日数"
    assert "已延期12个" in error.message


def test_second_extension_must_come_before_the_extended_due_date(calendar: WorkCalendar) -> None:
    rules = Rules(extension_once=False)
    t = Timeline()
    extension(t, D(2025, 10, 20), 10)  # due 11-07
    extension(t, D(2025, 11, 10), 5)
    error = refused(calendar, SEP22, t, today=D(2025, 11, 10), rules=rules)
    assert error.field == "延期告知日期"
    assert "2025年11月7日" in error.message


def test_second_delay_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.DELAY, D(2025, 10, 10), until=D(2025, 12, 31), reason="数量明显超过合理范围")
    t.add(EventKind.DELAY, D(2025, 10, 13), until=D(2026, 1, 31), reason="数量明显超过合理范围")
    error = refused(calendar, SEP22, t, today=D(2025, 10, 13))
    assert error.field == "延迟答复"


# -- 补正 -----------------------------------------------------------------------------------------------------


def test_second_supplement_notice_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 9))
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 10, 10), deadline=D(2025, 10, 24))
    error = refused(calendar, SEP22, t, today=D(2025, 10, 10))
    assert error.field == "补正告知"
    assert "只能发出一次" in error.message


def test_second_supplement_notice_is_refused_by_check(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 10, 17))
    facts = case.fold(SEP22, t.events)
    new = t.event(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 26), deadline=D(2025, 10, 20))
    with pytest.raises(ValidationError) as caught:
        case.check(facts, new, calendar, today=D(2025, 9, 26))
    assert caught.value.field == "补正告知"
    assert "一次性告知" in caught.value.message


def test_supplement_notice_needs_a_deadline_after_the_notice(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 9, 25))
    error = refused(calendar, SEP22, t, today=D(2025, 9, 25))
    assert error.field == "补正期限"


def test_supplement_received_without_notice_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_RECEIVED, D(2025, 9, 25))
    error = refused(calendar, SEP22, t, today=D(2025, 9, 25))
    assert error.field == "补正收到日期"


@pytest.mark.parametrize("day", [D(2025, 10, 10), D(2025, 10, 17)])
def test_closing_as_supplement_expired_before_the_deadline_has_passed_is_refused(
    calendar: WorkCalendar, day: date
) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_EXPIRED, day)
    error = refused(calendar, SEP22, t, today=D(2025, 10, 17))
    assert error.field == "结案日期"
    assert "尚未届满" in error.message
    assert "逾期未补正" in error.message
    assert "最早2025年10月18日" in error.message


def test_closing_as_supplement_expired_the_day_after_the_deadline_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_EXPIRED, D(2025, 10, 18))
    state = accepted(calendar, SEP22, t, today=D(2025, 10, 18))
    assert state.result is not None and state.result.code == "6.1"


# -- fees -----------------------------------------------------------------------------------------------------


def test_payment_before_the_notice_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 11, 10))
    t.add(EventKind.FEE_PAID, D(2025, 11, 7))
    error = refused(calendar, NOV3, t, today=D(2025, 11, 10))
    assert error.field == "缴费日期"
    assert "尚未发出收费通知" in error.message


def test_payment_before_the_notice_is_refused_by_check(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 11, 10))
    facts = case.fold(NOV3, t.events)
    with pytest.raises(ValidationError) as caught:
        case.check(facts, t.event(EventKind.FEE_PAID, D(2025, 11, 7)), calendar, today=D(2025, 11, 10))
    assert caught.value.field == "缴费日期"
    assert "早于收费通知日期" in caught.value.message


def test_fee_notice_after_the_due_date_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 10, 27))  # due 10-24
    error = refused(calendar, SEP22, t, today=D(2025, 10, 27))
    assert error.field == "收费通知日期"
    assert "答复期限2025年10月24日内发出" in error.message


def test_fee_notice_on_the_due_date_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 10, 24))
    state = accepted(calendar, SEP22, t, today=D(2025, 10, 24))
    assert state.status is case.Status.AWAITING_PAYMENT


def test_second_fee_notice_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 11, 10))
    fee_notice(t, D(2025, 11, 11))
    error = refused(calendar, NOV3, t, today=D(2025, 11, 11))
    assert error.field == "收费通知"


@pytest.mark.parametrize("day", [D(2025, 11, 28), D(2025, 12, 8)])
def test_closing_as_fee_expired_before_the_deadline_has_passed_is_refused(calendar: WorkCalendar, day: date) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 11, 10))
    t.add(EventKind.FEE_EXPIRED, day)
    error = refused(calendar, NOV3, t, today=D(2025, 12, 8))
    assert error.field == "结案日期"
    assert "缴费期限2025年12月8日尚未届满" in error.message


def test_closing_as_fee_expired_after_the_deadline_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    fee_notice(t, D(2025, 11, 10))
    t.add(EventKind.FEE_EXPIRED, D(2025, 12, 9))
    state = accepted(calendar, NOV3, t, today=D(2025, 12, 9))
    assert state.result is not None and state.result.code == "6.2"


# -- consultations --------------------------------------------------------------------------------------------


def test_no_answer_before_the_party_deadline_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = t.add(EventKind.CONSULTATION_SENT, D(2025, 11, 5), party_kind="第三方", party="某公司")
    t.add(EventKind.CONSULTATION_NO_ANSWER, D(2025, 11, 26), ref=ref)  # deadline 11-26 (15 wd after 11-05)
    error = refused(calendar, NOV3, t, today=D(2025, 11, 26))
    assert error.field == "逾期未提出意见"
    assert "尚未届满" in error.message


def test_consultation_with_an_unknown_party_kind_is_refused(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.CONSULTATION_SENT, D(2025, 11, 5), party_kind="邻居", party="某某")
    error = refused(calendar, NOV3, t, today=D(2025, 11, 5))
    assert error.field == "征求对象类型"


# -- late but possible: accepted and marked --------------------------------------------------------------------


def test_reply_served_after_the_due_date_is_accepted_and_marked_late(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 27), served=D(2025, 10, 28))  # due 10-24
    state = accepted(calendar, SEP22, t, today=D(2025, 10, 28))
    assert state.status is case.Status.ANSWERED
    assert state.on_time is False


def test_service_recorded_after_closing_is_accepted(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 24))
    t.add(EventKind.SERVED, D(2025, 10, 29), method="邮政邮寄")
    state = accepted(calendar, SEP22, t, today=D(2025, 10, 29))
    assert state.served == D(2025, 10, 29)
    assert state.on_time is False


def test_supplement_notice_after_the_7th_working_day_is_accepted_and_marked_late(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 10, 9), deadline=D(2025, 10, 24))  # due 09-30
    state = accepted(calendar, SEP22, t, today=D(2025, 10, 9))
    assert state.supplement_notice_late is True
    assert state.status is case.Status.AWAITING_SUPPLEMENT


def test_overdue_open_application_still_accepts_a_reply(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 11, 3), result="无法提供", detail="本机关不掌握相关政府信息")
    state = accepted(calendar, SEP22, t, today=D(2025, 11, 3))
    assert state.on_time is False
    assert state.result is not None and state.result.code == "4.1"


# -- the check replays the whole timeline --------------------------------------------------------------------------


def test_removing_the_notice_a_supplement_depends_on_no_longer_replays(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.SUPPLEMENT_NOTICE, D(2025, 9, 25), deadline=D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 9))
    accepted(calendar, SEP22, t, today=D(2025, 10, 9))
    without_notice = Timeline()
    without_notice.events = [e for e in t.events if e.kind is not EventKind.SUPPLEMENT_NOTICE]
    error = refused(calendar, SEP22, without_notice, today=D(2025, 10, 9))
    assert error.field == "补正收到日期"
