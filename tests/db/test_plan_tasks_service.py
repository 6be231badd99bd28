"""任务清单 (issue 11) in the database: proposals stored, progress and 佐证 recorded, the list filtered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.db import Database
from models.domain.errors import ValidationError
from models.domain.plan_tasks import propose_tasks
from models.entities import PlanTask
from models.services import plan_tasks
from tests.register_documents import add_document

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


def test_confirmed_yunyang_proposals_are_listed_by_unit(db: Database) -> None:
    text = (PLANS / "yunyang_2021_task_list.txt").read_text(encoding="utf-8")
    stored = plan_tasks.confirm_proposals(db, propose_tasks(text, 2021).tasks, 2021)
    assert stored == 93
    finance = plan_tasks.list_tasks(db, unit="县财政局", today=date(2021, 6, 1))
    subsidy = next(t for t in finance if t.content.startswith("公开纳入“一卡通”管理"))
    assert subsidy.publish_path == "政府网站>政府信息公开目录>惠民惠农资金"
    assert all(t.status == "未开始" and t.plan_year == 2021 for t in finance)


def test_progress_with_a_registered_document_links_it_as_evidence(db: Database) -> None:
    doc_id = add_document(db, "白鹤府办发〔2022〕12号", "关于公开惠民惠农资金的通知", published=date(2022, 6, 20))
    task = plan_tasks.add(
        db, plan_tasks.TaskInput("公开惠民惠农补贴发放信息", "县财政局", "2022年6月底前"), 2022, today=date(2022, 6, 1)
    )
    assert task.due == date(2022, 6, 30)
    assert plan_tasks.list_tasks(db, overdue=True, today=date(2022, 7, 1))[0].id == task.id
    row = plan_tasks.update_progress(
        db,
        task.id,
        status="已完成",
        completed=date(2022, 6, 20),
        evidence_number="白鹤府办发〔2022〕12号",
        today=date(2022, 7, 1),
    )
    assert row.status == "已完成"
    with db.reading() as session:
        assert session.get(PlanTask, task.id).evidence_document_id == doc_id  # type: ignore[union-attr]
    assert plan_tasks.list_tasks(db, overdue=True, today=date(2022, 7, 1)) == []


def test_done_without_a_completion_date_is_refused(db: Database) -> None:
    task = plan_tasks.add(db, plan_tasks.TaskInput("更新政务公开专区"), 2022, today=date(2022, 6, 1))
    with pytest.raises(ValidationError, match="状态为已完成时请填写完成日期"):
        plan_tasks.update_progress(db, task.id, status="已完成", today=date(2022, 7, 1))
    assert plan_tasks.list_tasks(db)[0].status == "未开始"
