"""任务清单: a thin table model over the service's task rows. An overdue task says so in its 状态 (“未开始（逾期）”)
and is red; a recurring task shows its 周期."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from gui.table_models.register_rows_model import RegisterRowsModel
from models.domain.plan_tasks import NONE
from models.services.plan_tasks import ATTACHMENT_PREFIX, TaskRow

OVERDUE_MARK = "（逾期）"


def deadline_text(row: TaskRow) -> str:
    """完成时限 as written, with its date when the plan names one: 2022年6月底前（2022-06-30）."""
    if row.due is None:
        return row.deadline or "—"
    due = row.due.isoformat()
    return f"{row.deadline}（{due}）" if row.deadline and row.deadline != due else due


def url_text(url: str) -> str:
    """A 佐证网址 as shown: a stored attachment by the file's own name (附件：通知.pdf), not its hashed path."""
    if url.startswith(ATTACHMENT_PREFIX):
        return ATTACHMENT_PREFIX + url.rsplit("/", 1)[-1].split("_", 1)[-1]
    return url


def evidence_text(row: TaskRow) -> str:
    return "；".join(x for x in (row.evidence_number, url_text(row.evidence_url)) if x) or "—"


class TasksTableModel(RegisterRowsModel[TaskRow]):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.COLUMNS: tuple[tuple[str, Callable[[Any], str]], ...] = (
            ("任务内容", lambda r: r.content),
            ("责任单位", lambda r: r.unit or "—"),
            ("完成时限", deadline_text),
            ("周期", lambda r: "—" if r.recurrence == NONE else r.recurrence),
            ("公开路径", lambda r: r.publish_path or "—"),
            ("状态", lambda r: r.status + (OVERDUE_MARK if r.overdue(self.today) else "")),
            ("完成日期", lambda r: r.completed.isoformat() if r.completed else "—"),
            ("佐证", evidence_text),
            ("备注", lambda r: r.note or "—"),
        )

    def warn(self, row: TaskRow) -> bool:
        return row.overdue(self.today)
