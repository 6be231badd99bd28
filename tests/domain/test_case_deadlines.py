"""The deadline engine of models.domain.case on the official 2025/2026 calendars (domain README §1).

Every expected date below was counted by hand from the State Council arrangements (chinesecalendar data):
2025-09-28 (Sun) and 2025-10-11 (Sat) 班, 2025-10-01…10-08 休; 2026-01-01…01-03 休, 2026-01-04 (Sun) 班;
2026-02-14 (Sat) and 2026-02-28 (Sat) 班, 2026-02-15…02-23 休. Other Saturdays and Sundays are rest days.
The comment above each case lists the working days that were counted ("(1)" = the first working day after
the start day; the start day itself never counts).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.domain import case
from models.domain.case import CaseState, DeadlineState, Event, EventKind, Status
from models.domain.results import ROWS_BY_CODE
from models.domain.workdays import WorkCalendar

D = date


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar.standard()


class Timeline:
    """Hand-made events with increasing ids."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, kind: EventKind, day: date, **data: Any) -> int:
        event_id = len(self.events) + 1
        self.events.append(Event(event_id, kind, day, data))
        return event_id


def clock(calendar: WorkCalendar, received: date, timeline: Timeline | None = None, *, today: date) -> CaseState:
    """Replay (so every event is also checked and accepted) and compute; fold must agree with replay."""
    events = timeline.events if timeline else []
    replayed = case.replay(received, events, calendar, today=today)
    folded = case.fold(received, events)
    assert replayed == folded
    return case.compute(folded, calendar, today)


def supplement(t: Timeline, notice: date, deadline: date) -> int:
    return t.add(EventKind.SUPPLEMENT_NOTICE, notice, deadline=deadline, items="请写明文件名称")


def consult(t: Timeline, sent: date, party_kind: str = "第三方") -> int:
    return t.add(EventKind.CONSULTATION_SENT, sent, party_kind=party_kind, party="某某有限公司")


def extend(t: Timeline, day: date, days: int) -> int:
    return t.add(EventKind.EXTENSION, day, days=days, approver="李主任", reason="需要调取档案")


def reply(t: Timeline, day: date, result: str = "予以公开", detail: str = "", **data: Any) -> int:
    return t.add(EventKind.REPLY, day, result=result, detail=detail, doc_number="X政公开〔2025〕1号", **data)


# -- the plain 20 working days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # National Day week 2025: 09-23(1) 24(2) 25(3) 26(4) 28 Sun 班(5) 29(6) 30(7) | 10-01…08 休 |
        # 10-09(8) 10(9) 11 Sat 班(10) 13(11) 14(12) 15(13) 16(14) 17(15) 20(16) 21(17) 22(18) 23(19) 24(20)
        (D(2025, 9, 22), D(2025, 10, 24)),
        # Received on a holiday: counting starts the next day anyway.
        # 10-09(1) 10(2) 11 Sat 班(3) 13–17(4–8) 20–24(9–13) 27–31(14–18) 11-03(19) 11-04(20)
        (D(2025, 10, 1), D(2025, 11, 4)),
        # New Year 2026: 12-26(1) 29(2) 30(3) 31(4) | 01-01…03 休 | 01-04 Sun 班(5) 05–09(6–10) 12–16(11–15)
        # 19(16) 20(17) 21(18) 22(19) 23(20)
        (D(2025, 12, 25), D(2026, 1, 23)),
        # Spring Festival 2026: 02-11(1) 12(2) 13(3) 14 Sat 班(4) | 02-15…23 休 | 24(5) 25(6) 26(7) 27(8)
        # 28 Sat 班(9) 03-02–06(10–14) 09–13(15–19) 16(20)
        (D(2026, 2, 10), D(2026, 3, 16)),
        # The last working day before 春节: 02-14 Sat 班(1) | 休 | 24(2) 25(3) 26(4) 27(5) 28 Sat 班(6)
        # 03-02–06(7–11) 09–13(12–16) 16(17) 17(18) 18(19) 19(20)
        (D(2026, 2, 13), D(2026, 3, 19)),
    ],
)
def test_reply_due_is_the_20th_working_day_across_holidays(
    calendar: WorkCalendar, received: date, expected: date
) -> None:
    state = clock(calendar, received, today=received)
    assert state.reply_due == expected
    assert state.clock_start == received
    assert state.excluded_days == 0
    assert state.extension_days == 0
    assert state.status is Status.IN_PROGRESS
    assert not state.calendar_uncertain


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # 09-23(1) 24(2) 25(3) 26(4) 28 Sun 班(5) 29(6) 30(7): the 调休 Sunday counts (without it: 10-09).
        (D(2025, 9, 22), D(2025, 9, 30)),
        # 10-11 Sat 班(1) 13(2) 14(3) 15(4) 16(5) 17(6) 20(7): the 调休 Saturday counts (without it: 10-21).
        (D(2025, 10, 10), D(2025, 10, 20)),
        # 02-14 Sat 班(1) | 02-15…23 休 | 24(2) 25(3) 26(4) 27(5) 28 Sat 班(6) 03-02(7)
        (D(2026, 2, 13), D(2026, 3, 2)),
    ],
)
def test_supplement_notice_due_is_the_7th_working_day(calendar: WorkCalendar, received: date, expected: date) -> None:
    state = clock(calendar, received, today=received)
    assert state.supplement_notice_due == expected
    assert not state.supplement_notice_late


def test_supplement_notice_on_the_7th_working_day_is_not_late(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 30), D(2025, 10, 20))  # 7th working day after 09-22 (see above)
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 9))
    assert not state.supplement_notice_late


# -- 补正 -------------------------------------------------------------------------------------------------


def test_awaiting_supplement_stops_the_clock(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 25), D(2025, 10, 17))
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 10))
    assert state.status is Status.AWAITING_SUPPLEMENT
    assert state.clock_start is None
    assert state.reply_due is None
    assert state.deadline_state is DeadlineState.PAUSED
    assert state.working_days_left is None
    assert state.is_open


def test_clock_restarts_on_receipt_of_the_supplement(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 25), D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 15))
    # From 10-15 (Wed): 16(1) 17(2) 20–24(3–7) 27–31(8–12) 11-03–07(13–17) 10(18) 11(19) 12(20)
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 15))
    assert state.clock_start == D(2025, 10, 15)
    assert state.reply_due == D(2025, 11, 12)
    assert state.status is Status.IN_PROGRESS
    assert state.deadline_state is DeadlineState.NORMAL
    # The 补正告知 due still counts from the original receipt (09-30, see above).
    assert state.supplement_notice_due == D(2025, 9, 30)


# -- consultations (条例第32–34条) --------------------------------------------------------------------------
# Received 2025-11-03 (Mon). Without exclusions: 11-04–07(1–4) 10–14(5–9) 17–21(10–14) 24–28(15–19) 12-01(20).
# Further working days after 12-01: 12-02(21) 03(22) 04(23) 05(24) 08(25) 09(26) 10(27) 11(28) 12(29)
# 15(30) 16(31) 17(32) 18(33) 19(34) 22(35) 23(36) 24(37). No holiday in November or December 2025.
NOV3 = D(2025, 11, 3)


def test_no_exclusion_base_case(calendar: WorkCalendar) -> None:
    assert clock(calendar, NOV3, today=NOV3).reply_due == D(2025, 12, 1)


def test_consultation_answered_early_excludes_sent_to_answered(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = consult(t, D(2025, 11, 5))
    t.add(EventKind.CONSULTATION_ANSWERED, D(2025, 11, 12), ref=ref, opinion="同意公开")
    # Excluded: (11-05, 11-12] = 06 07 10 11 12 → 5 (the party's deadline, 11-26, is later). N = 25 → 12-08.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 12))
    assert state.excluded_days == 5
    assert state.reply_due == D(2025, 12, 8)
    assert state.status is Status.IN_PROGRESS
    assert state.deadline_state is DeadlineState.NORMAL


def test_consultation_never_answered_runs_to_15_working_days_after_delivery(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = consult(t, D(2025, 11, 5))
    t.add(EventKind.CONSULTATION_DELIVERED, D(2025, 11, 7), ref=ref)
    t.add(EventKind.CONSULTATION_NO_ANSWER, D(2025, 12, 1), ref=ref)
    # Party's deadline: from 11-07 (Fri): 10–14(1–5) 17–21(6–10) 24–28(11–15) → 11-28.
    # Excluded: (11-05, 11-28] = 06 07 (2) 10–14 (7) 17–21 (12) 24–28 (17) → 17. N = 37 → 12-24.
    state = clock(calendar, NOV3, t, today=D(2025, 12, 1))
    item = case.fold(NOV3, t.events).consultations[0]
    assert case.consultation_deadline(item, calendar) == (D(2025, 11, 28), ())
    assert state.excluded_days == 17
    assert state.reply_due == D(2025, 12, 24)
    assert state.deadline_state is DeadlineState.NORMAL


def test_consultation_without_delivery_counts_from_the_sending_date(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = consult(t, D(2025, 11, 5))
    t.add(EventKind.CONSULTATION_NO_ANSWER, D(2025, 11, 27), ref=ref)
    # Party's deadline: from 11-05: 06(1) 07(2) 10–14(3–7) 17–21(8–12) 24(13) 25(14) 26(15) → 11-26.
    # Excluded: (11-05, 11-26] → 15. N = 35 → 12-22.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 27))
    item = case.fold(NOV3, t.events).consultations[0]
    assert case.consultation_deadline(item, calendar) == (D(2025, 11, 26), ())
    assert state.excluded_days == 15
    assert state.reply_due == D(2025, 12, 22)


def test_late_answer_counts_only_to_the_party_deadline(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = consult(t, D(2025, 11, 5))
    t.add(EventKind.CONSULTATION_ANSWERED, D(2025, 12, 3), ref=ref, opinion="不同意公开")
    # end = min(answer 12-03, deadline 11-26) = 11-26 → 15 excluded, N = 35 → 12-22.
    state = clock(calendar, NOV3, t, today=D(2025, 12, 3))
    assert state.excluded_days == 15
    assert state.reply_due == D(2025, 12, 22)


def test_overlapping_consultations_count_once(calendar: WorkCalendar) -> None:
    t = Timeline()
    first = consult(t, D(2025, 11, 5))
    second = t.add(EventKind.CONSULTATION_SENT, D(2025, 11, 10), party_kind="共同制作机关", party="县财政局")
    t.add(EventKind.CONSULTATION_ANSWERED, D(2025, 11, 12), ref=first)
    t.add(EventKind.CONSULTATION_ANSWERED, D(2025, 11, 14), ref=second)
    # (11-05, 11-12] = 06 07 10 11 12 (5) and (11-10, 11-14] = 11 12 13 14 (4): union 06 07 10 11 12 13 14 → 7
    # (not 9). N = 27 → 12-10.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 14))
    assert state.excluded_days == 7
    assert state.reply_due == D(2025, 12, 10)


def test_pending_consultation_pauses_the_clock_and_runs_to_today(calendar: WorkCalendar) -> None:
    t = Timeline()
    consult(t, D(2025, 11, 5))
    # Today 11-10: excluded (11-05, 11-10] = 06 07 10 → 3; N = 23 → 12-04.
    # Left: (11-10, 12-04] = 11–14 (4) 17–21 (9) 24–28 (14) 12-01–04 (18) → 18.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 10))
    assert state.status is Status.CONSULTING
    assert state.deadline_state is DeadlineState.PAUSED
    assert state.excluded_days == 3
    assert state.reply_due == D(2025, 12, 4)
    assert state.working_days_left == 18


def test_pending_consultation_stops_counting_at_the_party_deadline(calendar: WorkCalendar) -> None:
    t = Timeline()
    consult(t, D(2025, 11, 5))
    # Today 12-01, no answer recorded: the period ends at the deadline 11-26 → 15 excluded, N = 35 → 12-22.
    state = clock(calendar, NOV3, t, today=D(2025, 12, 1))
    assert state.deadline_state is DeadlineState.PAUSED
    assert state.excluded_days == 15
    assert state.reply_due == D(2025, 12, 22)


# -- fees ---------------------------------------------------------------------------------------------------


def test_fee_notice_date_stands_in_for_receipt(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=200, method="按件")
    t.add(EventKind.FEE_PAID, D(2025, 11, 17))
    # Payment deadline from 11-10: 11–14(1–4) 17–21(5–9) 24–28(10–14) 12-01–05(15–19) 08(20) → 12-08.
    # Excluded (11-10, 11-17] = 11 12 13 14 17 → 5; N = 25 → 12-08.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 17))
    assert state.payment_deadline == D(2025, 12, 8)
    assert state.excluded_days == 5
    assert state.reply_due == D(2025, 12, 8)
    assert state.status is Status.IN_PROGRESS


@pytest.mark.parametrize("as_event", [True, False])
def test_fee_counts_from_the_day_the_applicant_received_it(calendar: WorkCalendar, as_event: bool) -> None:
    t = Timeline()
    if as_event:
        t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=100, method="按件")
        t.add(EventKind.FEE_RECEIVED, D(2025, 11, 12))
    else:
        t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=100, method="按件", received=D(2025, 11, 12))
    t.add(EventKind.FEE_PAID, D(2025, 11, 14))
    # Payment deadline from 11-12: 13(1) 14(2) 17–21(3–7) 24–28(8–12) 12-01–05(13–17) 08(18) 09(19) 10(20).
    # Excluded (11-12, 11-14] = 13 14 → 2 (11-10…11-12 is not excluded); N = 22 → 12-03.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 14))
    assert state.payment_deadline == D(2025, 12, 10)
    assert state.excluded_days == 2
    assert state.reply_due == D(2025, 12, 3)


def test_pending_fee_pauses_the_clock(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=100, method="按件")
    # Today 11-14: excluded (11-10, 11-14] = 11 12 13 14 → 4; N = 24 → 12-05.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 14))
    assert state.status is Status.AWAITING_PAYMENT
    assert state.deadline_state is DeadlineState.PAUSED
    assert state.excluded_days == 4
    assert state.reply_due == D(2025, 12, 5)


def test_consultation_and_fee_overlap_count_once(calendar: WorkCalendar) -> None:
    t = Timeline()
    ref = consult(t, D(2025, 11, 5))
    t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=100, method="按件")
    t.add(EventKind.CONSULTATION_ANSWERED, D(2025, 11, 12), ref=ref)
    t.add(EventKind.FEE_PAID, D(2025, 11, 17))
    # (11-05, 11-12] = 06 07 10 11 12 and (11-10, 11-17] = 11 12 13 14 17: union 06 07 10 11 12 13 14 17 → 8.
    # N = 28 → 12-11.
    state = clock(calendar, NOV3, t, today=D(2025, 11, 17))
    assert state.excluded_days == 8
    assert state.reply_due == D(2025, 12, 11)


# -- extension and delay -------------------------------------------------------------------------------------


def test_extension_moves_the_due_date_by_its_working_days(calendar: WorkCalendar) -> None:
    t = Timeline()
    extend(t, D(2025, 10, 20), 10)
    # 20th working day after 09-22 = 10-24; then 27(21) 28(22) 29(23) 30(24) 31(25) 11-03(26) 04(27) 05(28)
    # 06(29) 07(30) → 11-07.
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 20))
    assert state.extension_days == 10
    assert state.reply_due == D(2025, 11, 7)


def test_delay_date_replaces_the_due_date(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.DELAY, D(2025, 10, 10), until=D(2025, 12, 31), reason="申请数量明显超过合理范围")
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 27))
    assert state.reply_due == D(2025, 12, 31)
    assert state.deadline_state is DeadlineState.NORMAL  # 10-27 would be overdue without the delay


# -- the live clock ------------------------------------------------------------------------------------------
# Received 2025-09-22, due 2025-10-24 (Fri).


@pytest.mark.parametrize(
    ("today", "expected_state", "left"),
    [
        (D(2025, 10, 20), DeadlineState.NORMAL, 4),  # (10-20, 10-24] = 21 22 23 24
        (D(2025, 10, 21), DeadlineState.DUE_SOON, 3),  # 22 23 24
        (D(2025, 10, 23), DeadlineState.DUE_SOON, 1),  # 24
        (D(2025, 10, 24), DeadlineState.DUE_SOON, 0),  # the due date itself
        (D(2025, 10, 27), DeadlineState.OVERDUE, -1),  # (10-24, 10-27] = 27
        (D(2025, 10, 31), DeadlineState.OVERDUE, -5),  # 27 28 29 30 31
        # In the holiday week: (09-30, 10-24] = 10-09(1) 10(2) 11 Sat 班(3) 13–17(4–8) 20–24(9–13) → 13.
        (D(2025, 9, 30), DeadlineState.NORMAL, 13),
    ],
)
def test_deadline_state_and_working_days_left(
    calendar: WorkCalendar, today: date, expected_state: DeadlineState, left: int
) -> None:
    state = clock(calendar, D(2025, 9, 22), today=today)
    assert state.reply_due == D(2025, 10, 24)
    assert state.deadline_state is expected_state
    assert state.working_days_left == left


def test_closed_application_has_no_live_clock(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 20), served=D(2025, 10, 21))
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 11, 30))
    assert not state.is_open
    assert state.deadline_state is None
    assert state.working_days_left is None


# -- timeliness by service (235号) ---------------------------------------------------------------------------


def test_reply_dated_in_time_but_served_late_is_late(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 24), method="邮政邮寄")
    t.add(EventKind.SERVED, D(2025, 10, 27), method="邮政邮寄")
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 27))
    assert state.served == D(2025, 10, 27)
    assert state.on_time is False


def test_reply_served_on_the_due_date_is_on_time(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 24), method="直接", served=D(2025, 10, 24))
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 24))
    assert state.served == D(2025, 10, 24)
    assert state.on_time is True


def test_unserved_reply_is_undecided_until_it_is_late(calendar: WorkCalendar) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 23))
    assert clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 23)).on_time is None
    late = Timeline()
    reply(late, D(2025, 10, 27))
    assert clock(calendar, D(2025, 9, 22), late, today=D(2025, 10, 27)).on_time is False


# -- calendar uncertainty --------------------------------------------------------------------------------------


def test_due_date_in_2027_is_uncertain(calendar: WorkCalendar) -> None:
    # From 2026-12-15 (Tue): 16(1) 17(2) 18(3) 21–25(4–8) 28(9) 29(10) 30(11) 31(12); 2027 has no holiday data,
    # so weekends alone: 01-01 Fri(13) 04–08(14–18) 11(19) 12(20) → 2027-01-12.
    state = clock(calendar, D(2026, 12, 15), today=D(2026, 12, 16))
    assert state.reply_due == D(2027, 1, 12)
    assert state.calendar_uncertain is True
    assert state.uncertain_years == (2027,)


def test_due_date_inside_2026_is_certain(calendar: WorkCalendar) -> None:
    # From 2026-12-01 (Tue): 02–04(1–3) 07–11(4–8) 14–18(9–13) 21–25(14–18) 28(19) 29(20) → 2026-12-29.
    state = clock(calendar, D(2026, 12, 1), today=D(2026, 12, 2))
    assert state.reply_due == D(2026, 12, 29)
    assert state.calendar_uncertain is False
    assert state.uncertain_years == ()


# -- results ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "detail", "code"),
    [
        ("予以公开", "", "1"),
        ("部分公开", "", "2"),
        ("不予公开", "属于国家秘密", "3.1"),
        ("无法提供", "本机关不掌握相关政府信息", "4.1"),
        ("不予处理", "重复申请", "5.2"),
    ],
)
def test_reply_gives_its_result_row_and_date(calendar: WorkCalendar, result: str, detail: str, code: str) -> None:
    t = Timeline()
    reply(t, D(2025, 10, 20), result=result, detail=detail)
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 21))
    assert state.status is Status.ANSWERED
    assert state.result == ROWS_BY_CODE[code]
    assert state.result_date == D(2025, 10, 20)


def test_supplement_expired_closes_as_6_1(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 25), D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_EXPIRED, D(2025, 10, 20))
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 20))
    assert state.status is Status.CLOSED
    assert state.result is not None and state.result.code == "6.1"
    # README §2: the result date of 逾期不补正 is the day after the 补正期限, not the day it was recorded.
    assert state.result_date == D(2025, 10, 18)
    assert state.reply_due is None
    assert state.deadline_state is None


def test_supplement_expired_recorded_next_year_counts_in_the_year_of_the_lapse(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 12, 2), D(2025, 12, 30))
    t.add(EventKind.SUPPLEMENT_EXPIRED, D(2026, 1, 5))
    state = clock(calendar, D(2025, 12, 1), t, today=D(2026, 1, 5))
    assert state.result is not None and state.result.code == "6.1"
    assert state.result_date == D(2025, 12, 31)
    assert case.fold(D(2025, 12, 1), t.events).closing == (state.result, D(2026, 1, 5))  # the 结案 day itself


def test_fee_expired_closes_as_6_2(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.FEE_NOTICE, D(2025, 11, 10), amount=100, method="按件")
    t.add(EventKind.FEE_EXPIRED, D(2025, 12, 15))
    state = clock(calendar, NOV3, t, today=D(2025, 12, 15))
    assert state.status is Status.CLOSED
    assert state.result is not None and state.result.code == "6.2"
    # README §2: the day after the payment deadline 12-08 (see above), not the day it was recorded.
    assert state.result_date == D(2025, 12, 9)
    assert state.deadline_state is None


def test_reply_with_a_6_1_detail_keeps_the_reply_date(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 25), D(2025, 10, 17))
    reply(t, D(2025, 10, 20), result="其他处理", detail="逾期不补正")
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 20))
    assert state.result is not None and state.result.code == "6.1"
    assert state.result_date == D(2025, 10, 20)


def test_withdrawal_closes_as_6_3(calendar: WorkCalendar) -> None:
    t = Timeline()
    t.add(EventKind.WITHDRAWN, D(2025, 10, 10), reason="申请人书面撤回")
    state = clock(calendar, D(2025, 9, 22), t, today=D(2025, 10, 10))
    assert state.status is Status.WITHDRAWN
    assert state.result is not None and state.result.code == "6.3"
    assert state.result_date == D(2025, 10, 10)
    assert state.deadline_state is None


def test_open_application_has_no_result(calendar: WorkCalendar) -> None:
    state = clock(calendar, D(2025, 9, 22), today=D(2025, 9, 23))
    assert state.result is None
    assert state.result_date is None


def test_fold_applies_events_in_timeline_order_whatever_the_input_order(calendar: WorkCalendar) -> None:
    t = Timeline()
    supplement(t, D(2025, 9, 25), D(2025, 10, 17))
    t.add(EventKind.SUPPLEMENT_RECEIVED, D(2025, 10, 15))
    assert case.fold(D(2025, 9, 22), reversed(t.events)) == case.fold(D(2025, 9, 22), t.events)
