"""工作台 figures (issue 11): this month's new and answered applications, the charts' data (applications per month
over the last 12 months, results by 办理结果 for the year, the on-time rate), 今日待办 and the tray's morning
decision. Today = 2026-11-23; the last 12 months are 2025-12 … 2026-11.

Fixture (received → 答复, 送达):
- A 2026-11-02, open                                   new this month
- B 2026-10-12 → 予以公开 2026-10-20, served 10-20      on time
- C 2026-09-01 → 不予公开 2026-11-10, served 11-10      late (due about 2026-09-29), answered this month
- D 2026-11-03 → 部分公开 2026-11-16, served 11-16      on time, new and answered this month
- E 2025-12-15 → 无法提供 2026-01-05, served 01-05      on time
- F 2025-11-20 → 予以公开 2025-12-01, served 12-01      before the 12 months and answered in 2025
- G 2026-11-04, voided                                 counts nowhere
- H 2026-11-05 → 予以公开 2026-11-18, not served yet    answered this month, on time not judged yet
"""

from __future__ import annotations

from datetime import date, datetime

from models.db import Database
from models.domain.case import EventKind
from models.services import applications, dashboard_stats
from tests.db.test_applications_service import form as application_form
from tests.db.test_deadline_calendar import _fixture as calendar_fixture

D = date
TODAY = D(2026, 11, 23)


def _register(db: Database, received: date, name: str) -> str:
    return applications.register(db, application_form(received=received, applicant_name=name), today=received).number


def _reply(db: Database, number: str, day: date, result: str, detail: str = "", served: date | None = None) -> None:
    data = {"result": result, "detail": detail, "method": "直接"}
    if served is not None:
        data["served"] = served
    applications.record_event(db, number, EventKind.REPLY, day, data, today=day)


def _fixture(db: Database) -> None:
    _register(db, D(2026, 11, 2), "甲")
    _reply(db, _register(db, D(2026, 10, 12), "乙"), D(2026, 10, 20), "予以公开", served=D(2026, 10, 20))
    _reply(db, _register(db, D(2026, 9, 1), "丙"), D(2026, 11, 10), "不予公开", "属于国家秘密", D(2026, 11, 10))
    _reply(db, _register(db, D(2026, 11, 3), "丁"), D(2026, 11, 16), "部分公开", served=D(2026, 11, 16))
    _reply(db, _register(db, D(2025, 12, 15), "戊"), D(2026, 1, 5), "无法提供", "本机关不掌握相关政府信息",
           D(2026, 1, 5))  # fmt: skip
    _reply(db, _register(db, D(2025, 11, 20), "己"), D(2025, 12, 1), "予以公开", served=D(2025, 12, 1))
    applications.void_application(db, _register(db, D(2026, 11, 4), "庚"), "重复登记")
    _reply(db, _register(db, D(2026, 11, 5), "辛"), D(2026, 11, 18), "予以公开")


def test_dashboard_counts_this_months_new_and_answered_applications(db: Database) -> None:
    _fixture(db)
    month = dashboard_stats.month_counts(db, TODAY)
    assert (month.month, month.new, month.answered) == ("2026-11", 3, 3)
    flt = applications.ListFilter(received_month="2026-11")
    assert sorted(r.applicant_name for r in applications.list_applications(db, flt, today=TODAY)) == ["丁", "甲", "辛"]
    flt = applications.ListFilter(answered_month="2026-11")
    assert sorted(r.applicant_name for r in applications.list_applications(db, flt, today=TODAY)) == ["丁", "丙", "辛"]


def test_chart_applications_per_month_over_the_last_12_months(db: Database) -> None:
    _fixture(db)
    assert dashboard_stats.applications_per_month(db, TODAY) == [
        ("2025-12", 1),
        ("2026-01", 0),
        ("2026-02", 0),
        ("2026-03", 0),
        ("2026-04", 0),
        ("2026-05", 0),
        ("2026-06", 0),
        ("2026-07", 0),
        ("2026-08", 0),
        ("2026-09", 1),
        ("2026-10", 1),
        ("2026-11", 3),
    ]
    january = dashboard_stats.applications_per_month(db, D(2026, 1, 10))
    assert january[0] == ("2025-02", 0) and january[-2:] == [("2025-12", 1), ("2026-01", 0)]


def test_chart_results_by_category_of_the_2021_table_for_the_year(db: Database) -> None:
    _fixture(db)
    assert dashboard_stats.results_by_category(db, 2026) == [
        ("予以公开", 2),
        ("部分公开", 1),
        ("不予公开", 1),
        ("无法提供", 1),
        ("不予处理", 0),
        ("其他处理", 0),
    ]
    assert dict(dashboard_stats.results_by_category(db, 2025))["予以公开"] == 1


def test_chart_on_time_rate_counts_answers_within_the_deadline(db: Database) -> None:
    _fixture(db)
    rate = dashboard_stats.on_time_rate(db, 2026)
    assert (rate.on_time, rate.answered) == (3, 4)
    assert rate.text == "按时答复率：75.0%（3/4件）"
    assert dashboard_stats.on_time_rate(db, 2024).text == "按时答复率：本年尚无答复"


def test_today_todo_lists_overdue_and_due_soon_items_of_every_register(db: Database) -> None:
    # the 期限日历 fixture on 2025-10-14 (Tue): 3个工作日内 = up to 10-17; the 月报 of 10-05 is past (its completion
    # is not recorded, so 今日待办 leaves it out) and the 征求意见 closing of 10-10 is done. Overdue first.
    k = calendar_fixture(db)
    items = dashboard_stats.today_todo(db, D(2025, 10, 14))
    assert [(i.state, i.due.isoformat(), i.register, i.key, i.what) for i in items] == [
        ("已逾期", "2025-09-28", "公文", "白鹤府发〔2025〕2号", "公开发布期限：《防汛抗旱应急预案》"),
        ("已逾期", "2025-10-11", "征求意见", k["s1"], "公布采纳情况：《白鹤镇集镇管理办法（征求意见稿）》"),
        ("3个工作日内到期", "2025-10-15", "公文", "白鹤府发〔2025〕2号", "有效期届满：《防汛抗旱应急预案》"),
        ("3个工作日内到期", "2025-10-17", "依申请公开", k["a2"], "补正告知期限"),
    ]
    today = dashboard_stats.due_today(dashboard_stats.today_todo(db, D(2025, 10, 15)), D(2025, 10, 15))
    assert dashboard_stats.notice_text(today) == "今日到期1项：公文 有效期届满：《防汛抗旱应急预案》"


def test_tray_notifies_on_the_first_check_after_eight_once_per_day() -> None:
    assert not dashboard_stats.should_notify(datetime(2026, 11, 23, 7, 59), None)
    assert dashboard_stats.should_notify(datetime(2026, 11, 23, 8, 0), None)
    assert dashboard_stats.should_notify(datetime(2026, 11, 23, 14, 30), "2026-11-22")
    assert not dashboard_stats.should_notify(datetime(2026, 11, 23, 14, 30), "2026-11-23")
    assert dashboard_stats.should_notify(datetime(2026, 11, 24, 8, 5), "2026-11-23")


def test_dashboard_tasks_due_lists_only_the_county_plans_overdue_or_due_soon_tasks(db: Database) -> None:
    # the 期限日历 fixture (公文, 征求意见, 依申请公开 items due around 2025-10-14) and a task due by the end of
    # September (9月底前 = 2025-09-30), not done: on 2025-10-14 only the task counts for 任务到期, as 已逾期
    from models.services import plan_tasks
    from models.services.plan_tasks import TaskInput

    calendar_fixture(db)
    task = TaskInput("公开2025年第三季度财政收支情况", "财政办", "2025年9月底前")
    plan_tasks.add(db, task, 2025, today=D(2025, 9, 1))
    items = dashboard_stats.tasks_todo(db, D(2025, 10, 14))
    assert [(i.state, i.due.isoformat(), i.register, i.what) for i in items] == [
        ("已逾期", "2025-09-30", "任务清单", "任务：公开2025年第三季度财政收支情况"),
    ]
