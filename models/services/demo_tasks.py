"""--demo: the 任务清单 of the county's 政务公开工作要点 as a township receives it — one task of each kind the
clerk meets (done with its 佐证, in progress, overdue, recurring, 长期), added through the real service."""

from __future__ import annotations

from datetime import date, timedelta

from models.db import Database
from models.services import plan_tasks
from models.services.plan_tasks import DONE, IN_PROGRESS, LONG_TERM, NOT_STARTED, TaskInput

ACTOR = "李晓梅"
UNIT = "白鹤镇党政办公室"


def demo_tasks(today: date) -> list[TaskInput]:
    year = today.year
    done_on = today - timedelta(days=20)
    return [
        TaskInput(
            "公开惠民惠农财政补贴资金发放信息",
            UNIT,
            f"{year}年6月底前",
            "政府信息公开目录>惠民惠农资金",
            DONE,
            done_on,
            evidence_url="http://www.example.gov.cn/bhz/zwgk/hmhn/1.html",
        ),
        TaskInput("按季度更新政府信息公开目录", UNIT, "每季度", "政府信息公开目录", IN_PROGRESS),
        TaskInput(
            "公开本镇年度财政预算、决算和“三公”经费",
            "白鹤镇财政所",
            f"{year}年3月底前",  # past in the demo year: shown as overdue
            "政府信息公开目录>法定主动公开内容>财政信息>预算/决算",
            NOT_STARTED,
        ),
        TaskInput("落实政策文件与解读材料同步起草、同步审签、同步发布", UNIT, "长期坚持", "政府信息公开目录>政策解读",
                  LONG_TERM),
        TaskInput("编制并公布本镇政府信息公开工作年度报告", UNIT, f"{year + 1}年1月31日前", "政府信息公开年报",
                  NOT_STARTED, note="县政务公开办统一报送"),
        TaskInput("每月更新镇村公告栏的惠民政策和办事指南", "各村（社区）", "每月", "镇村公告栏", IN_PROGRESS),
    ]  # fmt: skip


def seed_tasks(db: Database, *, today: date) -> int:
    """Add the demo tasks (once: nothing is added when the plan year already has tasks)."""
    if plan_tasks.list_tasks(db, year=today.year, today=today):
        return 0
    for task in demo_tasks(today):
        plan_tasks.add(db, task, today.year, actor=ACTOR, today=today)
    return len(demo_tasks(today))
