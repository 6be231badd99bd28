"""期限日历 (issue 11): the calendar holds exactly the deadlines of a fixture register on the right days.

Fixture built through the services; every expected date counted by hand on the official calendar
(shared/domain/holidays/days.csv: 2025-09-28 Sun 班, 10-01…10-08 休, 10-11 Sat 班). Today = 2025-10-09 (Thu);
"3个工作日内到期" = due no later than the 3rd working day after today: 10-10, 10-11 (班), 10-13 → 10-13.

- A1 received 2025-09-22 (Mon): 答复 due 20 working days later = 2025-10-24 (README §1 worked example).
- A2 received 2025-10-09: 补正告知 due 7 working days later: 10, 11 (班), 13, 14, 15, 16, 17 → 2025-10-17.
- A3 received 2025-09-22, 征求第三方意见 sent 2025-09-26 (Fri): the party's 15 working days: 28 (班) 1, 29, 30,
  10-09 4, 10, 11 (班) 6, 13–17 11, 20–23 15 → 2025-10-23; the 答复 clock is paused (no 答复 item).
- D1 行政规范性文件 成文 2025-09-22, not published: publication due 2025-10-24; its 政策解读 (三同步) due the same day.
- D2 有效期至 2025-10-15 (成文 2025-09-01: its publication due 2025-09-28 lies outside October).
- S1 征求意见 2025-09-10 … 2025-10-10: closing 10-10; adoption results pending from 10-11.
- 月报 每月5日前 → 2025-10-05 (past: 已逾期).
"""

from __future__ import annotations

from datetime import date

import pytest

from models.db import Database
from models.domain.case import EventKind
from models.domain.documents import ReviewStage
from models.domain.errors import UserError
from models.services import applications, documents, solicitations
from models.services import deadline_calendar as calendar
from models.services.documents import DocumentInput
from models.services.solicitations import SolicitationInput
from tests.db.test_applications_service import form as application_form

D = date
TODAY = D(2025, 10, 9)


def _fixture(db: Database) -> dict[str, str]:
    a1 = applications.register(db, application_form(received=D(2025, 9, 22)), today=D(2025, 9, 22)).number
    a2 = applications.register(db, application_form(received=TODAY, applicant_name="李华"), today=TODAY).number
    a3 = applications.register(db, application_form(received=D(2025, 9, 22), applicant_name="张三"),
                               today=D(2025, 9, 22)).number  # fmt: skip
    applications.record_event(
        db, a3, EventKind.CONSULTATION_SENT, D(2025, 9, 26), {"party_kind": "第三方", "party": "白鹤建筑公司"},
        today=D(2025, 9, 26),
    )  # fmt: skip
    documents.add_document(
        db,
        DocumentInput(number="白鹤府发〔2025〕12号", title="惠民惠农财政补贴资金发放办法", issuer="白鹤镇人民政府",
                      written=D(2025, 9, 22), doc_type="通知", category="行政规范性文件"),
        today=D(2025, 9, 23),
    )  # fmt: skip
    documents.add_document(
        db,
        DocumentInput(number="白鹤府发〔2025〕2号", title="防汛抗旱应急预案", issuer="白鹤镇人民政府",
                      written=D(2025, 9, 1), doc_type="通知", valid_until=D(2025, 10, 15)),
        today=D(2025, 9, 5),
    )  # fmt: skip
    s1 = solicitations.add(
        db,
        SolicitationInput(title="白鹤镇集镇管理办法（征求意见稿）", kind="重大行政决策", start=D(2025, 9, 10),
                          end=D(2025, 10, 10), channel="镇政府门户网站"),
        today=D(2025, 9, 10),
    )  # fmt: skip
    return {"a1": a1, "a2": a2, "a3": a3, "s1": str(s1.id)}


def _rows(db: Database, start: date, end: date, today: date = TODAY) -> list[tuple[str, str, str, str, str]]:
    return [
        (i.due.isoformat(), i.register, i.key, i.what, i.state)
        for i in calendar.list_items(db, start, end, today=today)
    ]


def test_calendar_holds_exactly_the_fixture_deadlines_on_the_right_days(db: Database) -> None:
    k = _fixture(db)
    assert _rows(db, D(2025, 10, 1), D(2025, 10, 31)) == [
        ("2025-10-05", "报表", "2025-10", "月报：2025年10月", "已逾期"),
        ("2025-10-10", "征求意见", k["s1"], "征求意见截止：《白鹤镇集镇管理办法（征求意见稿）》", "3个工作日内到期"),
        ("2025-10-11", "征求意见", k["s1"], "公布采纳情况：《白鹤镇集镇管理办法（征求意见稿）》", "3个工作日内到期"),
        ("2025-10-15", "公文", "白鹤府发〔2025〕2号", "有效期届满：《防汛抗旱应急预案》", "正常"),
        ("2025-10-17", "依申请公开", k["a2"], "补正告知期限", "正常"),
        ("2025-10-23", "依申请公开", k["a3"], "第三方答复期限：白鹤建筑公司", "正常"),
        ("2025-10-24", "依申请公开", k["a1"], "答复期限", "正常"),
        ("2025-10-24", "公文", "白鹤府发〔2025〕12号", "公开发布期限：《惠民惠农财政补贴资金发放办法》", "正常"),
        ("2025-10-24", "政策解读", "白鹤府发〔2025〕12号", "政策解读（三同步）：《惠民惠农财政补贴资金发放办法》",
         "正常"),
    ]  # fmt: skip


def test_answered_application_and_published_document_show_as_done(db: Database) -> None:
    k = _fixture(db)
    applications.record_event(
        db, k["a2"], EventKind.SUPPLEMENT_NOTICE, D(2025, 10, 13), {"deadline": D(2025, 10, 27)}, today=D(2025, 10, 13)
    )
    doc_id = documents.find_id(db, "白鹤府发〔2025〕12号")
    for stage, person, day in ((ReviewStage.FIRST, "张录入", 13), (ReviewStage.SECOND, "王科长", 14),
                               (ReviewStage.FINAL, "刘镇长", 15)):  # fmt: skip
        documents.record_review(db, doc_id, stage, person, D(2025, 10, day), today=D(2025, 10, 20))
    documents.publish(db, doc_id, D(2025, 10, 20), today=D(2025, 10, 20))
    oct21 = D(2025, 10, 21)
    rows = {(r[2], r[3]): r[4] for r in _rows(db, D(2025, 10, 17), D(2025, 10, 24), oct21)}
    assert rows[(k["a2"], "补正告知期限")] == "已完成"
    assert rows[("白鹤府发〔2025〕12号", "公开发布期限：《惠民惠农财政补贴资金发放办法》")] == "已完成"
    # published without interpretations: the 三同步 item now falls on the publication day, 2025-10-20 (overdue)
    interp = [r for r in _rows(db, D(2025, 10, 1), D(2025, 10, 31), oct21) if r[1] == "政策解读"]
    assert [(r[0], r[4]) for r in interp] == [("2025-10-20", "已逾期")]


def test_monthly_return_and_annual_report_days_are_unit_settings(db: Database) -> None:
    calendar.set_monthly_return_day(db, 10)
    reports = [r for r in _rows(db, D(2025, 12, 1), D(2026, 1, 31)) if r[1] == "报表"]
    assert [(r[0], r[3]) for r in reports] == [
        ("2025-12-10", "月报：2025年12月"),
        ("2026-01-10", "月报：2026年1月"),
        ("2026-01-31", "年度报告：2025年"),
    ]
    with pytest.raises(UserError, match="月报截止日"):
        calendar.set_monthly_return_day(db, 32)


def test_voided_application_leaves_the_calendar(db: Database) -> None:
    k = _fixture(db)
    applications.void_application(db, k["a1"], "重复登记")
    keys = {r[2] for r in _rows(db, D(2025, 10, 1), D(2025, 10, 31))}
    assert k["a1"] not in keys and k["a2"] in keys


def test_end_before_start_is_refused_in_chinese(db: Database) -> None:
    with pytest.raises(UserError, match="早于开始日期"):
        calendar.list_items(db, D(2025, 10, 31), D(2025, 10, 1))


def test_fee_payment_deadline_of_a_paused_application_is_on_the_calendar(db: Database) -> None:
    # 收费通知 2025-09-26 (Fri): 20 working days: 28 (班) 1, 29, 30 3, 10-09 4, 10, 11 (班) 6, 13–17 11, 20–24 16,
    # 27–30 20 → 2025-10-30; the 答复 clock is paused meanwhile.
    number = applications.register(db, application_form(received=D(2025, 9, 22)), today=D(2025, 9, 22)).number
    applications.record_event(
        db, number, EventKind.FEE_NOTICE, D(2025, 9, 26), {"amount": 100, "method": "按件"}, today=D(2025, 9, 26)
    )
    rows = [r for r in _rows(db, D(2025, 10, 1), D(2025, 10, 31)) if r[1] == "依申请公开"]
    assert rows == [("2025-10-30", "依申请公开", number, "缴费期限", "正常")]


def test_plan_tasks_fall_on_their_deadline_and_period_ends(db: Database) -> None:
    from models.services import plan_tasks
    from models.services.plan_tasks import TaskInput

    dated = plan_tasks.add(
        db, TaskInput("公开2025年惠民惠农资金发放情况", "财政办", "2025年10月底前"), 2025, today=TODAY
    )
    quarterly = plan_tasks.add(db, TaskInput("更新政府信息公开指南", "党政办", "每季度"), 2025, today=TODAY)
    plan_tasks.add(db, TaskInput("做好政策解读", "各单位", "长期"), 2025, today=TODAY)
    rows = [r for r in _rows(db, D(2025, 10, 1), D(2025, 12, 31)) if r[1] == "任务清单"]
    assert rows == [
        ("2025-10-31", "任务清单", str(dated.id), "任务：公开2025年惠民惠农资金发放情况", "正常"),
        ("2025-12-31", "任务清单", str(quarterly.id), "任务：更新政府信息公开指南（每季度）", "正常"),
    ]
