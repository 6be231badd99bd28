"""Issue 12 (`--demo` shows every page populated): the demo database, opened headless, has rows in every register
and every page of the window — the 任务清单 and the 期限日历 included."""

from __future__ import annotations

from datetime import date

from models.db import Database
from models.services import (
    applications,
    deadline_calendar,
    documents,
    holidays,
    interpretations,
    letters,
    plan_tasks,
    profile,
    solicitations,
)
from models.services.demo import seed_demo

TODAY = date(2026, 11, 23)


def test_demo_shows_every_page_populated_each_register_has_rows(db: Database) -> None:
    assert seed_demo(db, today=TODAY)
    assert profile.get_profile(db).unit_name == "青山县白鹤镇人民政府"  # 工作台 and 设置
    assert applications.list_applications(db, today=TODAY)  # 依申请公开
    assert documents.list_documents(db)  # 公文
    assert solicitations.list_solicitations(db, today=TODAY)  # 征求意见
    assert interpretations.list_interpretations(db)  # 政策解读
    assert letters.list_letters(db)  # 文书登记
    days, _complete = holidays.list_year(db, 2026)  # 节假日
    assert days and date(2026, 6, 27) in {d.day for d in days if d.source == "手工设置"}
    tasks = plan_tasks.list_tasks(db, today=TODAY)  # 任务清单
    assert {t.status for t in tasks} == {"未开始", "进行中", "已完成", "长期"}
    assert [t.content for t in tasks if t.overdue(TODAY)] == ["公开本镇年度财政预算、决算和“三公”经费"]


def test_demo_shows_every_page_populated_the_deadline_calendar_has_every_register(db: Database) -> None:
    seed_demo(db, today=TODAY)
    items = deadline_calendar.list_items(db, date(2026, 1, 1), date(2027, 1, 31), today=TODAY)
    registers = {item.register for item in items}
    assert {"依申请公开", "公文", "征求意见", "任务清单"} <= registers
    task_dues = {item.due for item in items if item.register == "任务清单"}
    assert {date(2026, 6, 30), date(2026, 3, 31), date(2027, 1, 31)} <= task_dues  # 6月底前, 3月底前, 1月31日前


def test_demo_plan_tasks_are_added_once(db: Database) -> None:
    from models.services.demo_tasks import seed_tasks

    first = seed_tasks(db, today=TODAY)
    assert first == 6 and seed_tasks(db, today=TODAY) == 0
    assert len(plan_tasks.list_tasks(db, today=TODAY)) == 6
