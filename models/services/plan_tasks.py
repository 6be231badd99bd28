"""任务清单 (issue 11): the tasks of the county's plan, their progress and 佐证, as a register and a 落实情况表.

Proposals come from `models.domain.plan_tasks.propose_tasks` (pasted plan text); the sheet import/export uses the
shared tabular mechanism (`models.services.tabular`), all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain import limits
from models.domain.errors import UserError, ValidationError
from models.domain.plan_tasks import NONE, ONGOING, STATUSES, TaskProposal, parse_deadline
from models.domain.tabular import CHOICE, DATE, Column, Problem, Table
from models.entities import Document, PlanTask
from models.services import attachments, audit, document_links
from models.services.concurrency import expect_version
from models.services.profile import get_profile

if TYPE_CHECKING:
    from models.services.register_sheets import ImportReport

# The sheet functions import openpyxl (through models.services.tabular) when called: the window imports this
# module at start-up for the task list, which needs no spreadsheet library.

NOT_STARTED, IN_PROGRESS, DONE, LONG_TERM = STATUSES

TASKS = Table(
    sheet="任务清单",
    noun="任务清单",
    item="任务",
    command="tasks template",
    template_action="在“任务清单”页点“下载导入模板…”下载任务清单模板",
    intro="任务清单填写说明：每行填写一项政务公开任务，第1行的列名不要修改。",
    columns=(
        Column("任务内容", "content", required=True, help="必填。", example="公开惠民惠农补贴发放信息", width=50),
        Column("责任单位", "unit", help="选填。", example="县财政局", width=20),
        Column(
            "完成时限",
            "deadline",
            help="选填。如2022年6月底前、年底前、每季度、长期坚持。",
            example="2022年6月底前",
            width=16,
        ),
        Column("公开路径", "publish_path", help="选填。", example="政府网站>政务公开>政府信息公开目录>惠民惠农资金"),
        Column("状态", "status", CHOICE, choices=STATUSES, help="选填，默认未开始。", example=NOT_STARTED),
        Column("完成日期", "completed", DATE, help="状态为已完成时必填。", example="2022-06-20"),
        Column("佐证文号", "evidence_number", help="选填。", example="白鹤府办发〔2022〕12号"),
        Column("佐证网址", "evidence_url", help="选填。", example="http://www.example.gov.cn/zwgk/1.html"),
        Column("备注", "note", help="选填。"),
    ),
)
ATTACHMENT_PREFIX = "附件："  # 佐证网址 holding a file copied into the data folder instead of a web address
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_YEAR_IN_TITLE = re.compile(r"(20\d\d)年(?:度)?政务公开")
REPORT_HEADERS = ("序号", "任务内容", "责任单位", "完成时限", "公开路径", "落实情况", "完成日期", "佐证", "备注")


@dataclass(frozen=True)
class TaskRow:
    id: int
    plan_year: int
    content: str
    unit: str
    deadline: str
    due: date | None
    recurrence: str
    publish_path: str
    status: str
    completed: date | None
    evidence_number: str
    evidence_url: str
    note: str
    version: int = 1  # the stored version: the progress dialog passes it back when saving (optimistic concurrency)

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status not in (DONE, LONG_TERM)

    def as_json(self, today: date) -> dict[str, Any]:
        return {
            "id": self.id,
            "plan_year": self.plan_year,
            "content": self.content,
            "unit": self.unit,
            "deadline": self.deadline,
            "due": self.due.isoformat() if self.due else None,
            "recurrence": self.recurrence,
            "publish_path": self.publish_path,
            "status": self.status,
            "completed": self.completed.isoformat() if self.completed else None,
            "evidence_number": self.evidence_number,
            "evidence_url": self.evidence_url,
            "note": self.note,
            "overdue": self.overdue(today),
        }


@dataclass(frozen=True)
class TaskInput:
    content: str
    unit: str = ""
    deadline: str = ""
    publish_path: str = ""
    status: str = NOT_STARTED
    completed: date | None = None
    evidence_number: str = ""
    evidence_url: str = ""
    note: str = ""


def _row(task: PlanTask) -> TaskRow:
    return TaskRow(
        task.id,
        task.plan_year,
        task.content,
        task.unit,
        task.deadline_text,
        task.due,
        task.recurrence,
        task.publish_path,
        task.status,
        task.completed,
        task.evidence_number,
        task.evidence_url,
        task.note,
        task.version,
    )


def check_progress(status: str, completed: date | None, *, today: date) -> None:
    """状态 and 完成日期 agree: 已完成 needs its date, a date needs 已完成, and no date lies ahead."""
    if status not in STATUSES:
        raise ValidationError("状态", f"状态“{status}”无效，应为{'、'.join(STATUSES)}之一。")
    if status == DONE and completed is None:
        raise ValidationError("完成日期", "状态为已完成时请填写完成日期。")
    if completed is not None and status != DONE:
        raise ValidationError("完成日期", "只有已完成的任务才填写完成日期。")
    if completed is not None and completed > today:
        raise ValidationError("完成日期", "完成日期不能晚于今天。")


def _apply(session: Session, task: PlanTask, data: TaskInput, plan_year: int, *, today: date) -> None:
    content = data.content.strip()
    if not content:
        raise ValidationError("任务内容", "请填写任务内容。")
    check_progress(data.status, data.completed, today=today)
    deadline = parse_deadline(data.deadline, plan_year) if data.deadline.strip() else None
    task.plan_year = plan_year
    task.content = limits.check_length("任务内容", content)
    task.unit = data.unit.strip()
    task.deadline_text = data.deadline.strip()
    task.due = deadline.due if deadline else None
    task.recurrence = deadline.recurrence if deadline else NONE
    task.publish_path = data.publish_path.strip()
    task.status = data.status
    task.completed = data.completed
    task.evidence_number = data.evidence_number.strip()
    task.evidence_url = data.evidence_url.strip()
    task.note = data.note.strip()
    document = _evidence_document(session, task.evidence_number)
    task.evidence_document_id = document.id if document is not None else None


def _evidence_document(session: Session, number: str) -> Document | None:
    """The 公文 of the register with this 文号, when there is one (a 文号 from elsewhere is kept as text)."""
    try:
        return document_links.resolve(session, number, field="佐证文号")
    except ValidationError:
        return None


def add(db: Database, data: TaskInput, plan_year: int, *, actor: str = "", today: date | None = None) -> TaskRow:
    today = today or date.today()
    with db.transaction() as session:
        task = PlanTask(created_by=actor)
        _apply(session, task, data, plan_year, today=today)
        session.add(task)
        session.flush()
        return _row(task)


def confirm_proposals(db: Database, proposals: Sequence[TaskProposal], plan_year: int, *, actor: str = "") -> int:
    """Stores the proposed tasks (all in one transaction); 长期 tasks start as 长期. Returns how many."""
    with db.transaction() as session:
        for proposal in proposals:
            deadline = proposal.deadline
            session.add(
                PlanTask(
                    plan_year=plan_year,
                    content=proposal.content,
                    unit=proposal.unit,
                    deadline_text=deadline.text,
                    due=deadline.due,
                    recurrence=deadline.recurrence,
                    publish_path=proposal.publish_path,
                    status=LONG_TERM if deadline.recurrence == ONGOING else NOT_STARTED,
                    evidence_number="",
                    evidence_url="",
                    note="",
                    created_by=actor,
                )
            )
    return len(proposals)


#: the progress dialog's columns by their Chinese names (a save conflict lists them)
PROGRESS_LABELS = {"status": "状态", "completed": "完成日期", "evidence_number": "佐证文号", "evidence_url": "佐证网址",
                   "note": "备注"}  # fmt: skip


def _load(session: Session, task_id: int) -> PlanTask:
    task = session.get(PlanTask, task_id)
    if task is None or task.voided_at is not None:
        raise UserError(f"找不到编号为{task_id}的任务。")
    return task


def update_progress(
    db: Database,
    task_id: int,
    *,
    status: str,
    completed: date | None = None,
    evidence_number: str = "",
    evidence_url: str = "",
    note: str | None = None,
    today: date | None = None,
    version: int | None = None,
) -> TaskRow:
    """Records how far a task has got: 状态, 完成日期 and its 佐证 (文号 of a 公文 and/or a URL). `version` is the
    version the dialog loaded: a later save by someone else raises a ConflictError (both versions), nothing saved."""
    today = today or date.today()
    check_progress(status, completed, today=today)
    check_evidence_url(evidence_url)
    with db.transaction() as session:
        task = _load(session, task_id)
        mine = {"status": status, "completed": completed, "evidence_number": evidence_number.strip(),
                "evidence_url": evidence_url.strip()} | ({} if note is None else {"note": note.strip()})  # fmt: skip
        expect_version(task, version, mine, PROGRESS_LABELS)
        task.status, task.completed = status, completed
        task.evidence_number, task.evidence_url = evidence_number.strip(), evidence_url.strip()
        document = _evidence_document(session, task.evidence_number)
        task.evidence_document_id = document.id if document is not None else None
        if note is not None:
            task.note = note.strip()
        return _row(task)


def get(db: Database, task_id: int) -> TaskRow:
    with db.reading() as session:
        return _row(_load(session, task_id))


def check_evidence_url(url: str) -> None:
    """佐证网址 is empty, a web address (http:// or https://) or a stored attachment (`attach_evidence`)."""
    url = url.strip()
    if url and not url.startswith(ATTACHMENT_PREFIX) and not _URL.fullmatch(url):
        raise ValidationError("佐证网址", f"“{url[:40]}”不是网址，请填写以http://或https://开头的网址。")


def attach_evidence(db: Database, task_id: int, source: Path) -> str:
    """Copies `source` into the data folder (as attachments are, by their SHA-256) and returns the 佐证网址 value
    that names it (附件：任务清单-ID/…); the task itself is updated by `update_progress`."""
    with db.reading() as session:
        _load(session, task_id)
    target, _sha = attachments.store_copy(db, f"任务清单-{task_id}", source)
    return ATTACHMENT_PREFIX + attachments.stored_relative(db, target).replace("\\", "/")


def evidence_file(db: Database, url: str) -> Path | None:
    """The stored file a 佐证网址 of the form 附件：… names (None for a web address or nothing)."""
    if not url.startswith(ATTACHMENT_PREFIX):
        return None
    return attachments.stored_absolute(db, url.removeprefix(ATTACHMENT_PREFIX))


def plan_year_of(text: str, default: int) -> int:
    """The plan year named in pasted text (“2021年政务公开…”), else `default`."""
    found = _YEAR_IN_TITLE.search(text)
    return int(found[1]) if found else default


def void(db: Database, task_id: int) -> None:
    with db.transaction() as session:
        _load(session, task_id).voided_at = datetime.now()


def list_tasks(
    db: Database,
    *,
    unit: str = "",
    status: str = "",
    overdue: bool = False,
    year: int | None = None,
    today: date | None = None,
) -> list[TaskRow]:
    """The tasks in plan order; `unit` matches part of the 责任单位, `overdue` keeps those past their date."""
    today = today or date.today()
    query = select(PlanTask).where(PlanTask.voided_at.is_(None))
    if unit:
        query = query.where(PlanTask.unit.contains(unit))
    if status:
        query = query.where(PlanTask.status == status)
    if year is not None:
        query = query.where(PlanTask.plan_year == year)
    with db.reading() as session:
        rows = [_row(t) for t in session.scalars(query.order_by(PlanTask.plan_year, PlanTask.id))]
    return [r for r in rows if r.overdue(today)] if overdue else rows


# -- sheets ---------------------------------------------------------------------------------------------------


def write_template(path: str | Path) -> Path:
    from models.services import tabular

    return tabular.write_template(TASKS, path, title="任务清单模板")


def _plan_row(values: Mapping[str, Any], plan_year: int, *, today: date) -> tuple[TaskInput | None, list[Problem]]:
    from models.services import register_sheets
    from models.services.tabular import ROW_KEY

    row = int(values[ROW_KEY])
    attrs, problems = TASKS.parse(values, row, today=today)
    if problems:
        return None, problems
    data = TaskInput(**{k: attrs.get(k) or v for k, v in TaskInput(content="").__dict__.items()})
    try:
        check_progress(data.status, data.completed, today=today)
    except ValidationError as error:
        return None, [register_sheets.problem(TASKS, row, error, "状态")]
    return data, []


def import_sheet(
    db: Database, path: str | Path, plan_year: int, *, actor: str = "", today: date | None = None
) -> ImportReport:
    """All or nothing: every problem of every row is listed (`SheetProblems`) and nothing is written. A row whose
    任务内容 is already in the plan year's list is skipped, so the same file can be imported twice."""
    from models.services import register_sheets, tabular
    from models.services.tabular import ROW_KEY

    today = today or date.today()
    sheet = tabular.read_sheet(TASKS, path)
    report = register_sheets.ImportReport(ignored_columns=sheet.ignored_columns)
    existing = {r.content for r in list_tasks(db, year=plan_year, today=today)}
    seen: dict[str, int] = {}

    def plan(values: Mapping[str, Any]) -> tuple[tuple[int, TaskInput] | None, list[Problem]]:
        data, problems = _plan_row(values, plan_year, today=today)
        if data is None:
            return None, problems
        row = int(values[ROW_KEY])
        if data.content in existing:
            report.skipped.append(f"第{row}行：“{data.content[:20]}”已在任务清单中，跳过。")
            return None, []
        if data.content in seen:
            return None, [Problem(row, "任务内容", f"与第{seen[data.content]}行的任务内容相同。")]
        seen[data.content] = row
        return (row, data), []

    planned = tabular.plan_rows(TASKS, sheet.rows, plan)
    with db.transaction() as session:
        for row, data in planned:
            task = PlanTask(created_by=actor or register_sheets.IMPORT_ACTOR)
            _apply(session, task, data, plan_year, today=today)
            session.add(task)
            report.imported.append((row, data.content))
    return report


def values_of(row: TaskRow) -> dict[str, Any]:
    return {
        "任务内容": row.content,
        "责任单位": row.unit,
        "完成时限": row.deadline,
        "公开路径": row.publish_path,
        "状态": row.status,
        "完成日期": row.completed,
        "佐证文号": row.evidence_number,
        "佐证网址": row.evidence_url,
        "备注": row.note,
    }


def export_sheet(db: Database, path: str | Path, *, year: int | None = None) -> int:
    """The task list in the import format; returns the number of rows."""
    from models.services import register_sheets

    rows = list_tasks(db, year=year)
    register_sheets.export(db, TASKS, path, map(values_of, rows), total=len(rows), title="任务清单")
    return len(rows)


def write_report(db: Database, path: str | Path, *, year: int | None = None, today: date | None = None) -> int:
    """落实情况表 for the county's check: one row per task with its 落实情况 (状态, overdue ones marked), saved
    atomically. Returns the number of tasks."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from exporters.doc_properties import set_xlsx_properties
    from exporters.xlsx_safe import atomic_save, safe_cell

    today = today or date.today()
    rows = list_tasks(db, year=year, today=today)
    unit_name = get_profile(db).unit_name.strip()
    years = sorted({r.plan_year for r in rows})
    title = f"{unit_name}{'、'.join(map(str, years))}{'年' if years else ''}政务公开任务落实情况表"

    workbook = Workbook()
    ws = workbook.active
    ws.title = "落实情况"
    safe_cell(ws, 1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(REPORT_HEADERS))
    for col, header in enumerate(REPORT_HEADERS, start=1):
        safe_cell(ws, 2, col, header).font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        state = row.status + ("（逾期）" if row.overdue(today) else "")
        evidence = "；".join(x for x in (row.evidence_number, row.evidence_url) if x)
        cells = (
            number,
            row.content,
            row.unit,
            row.deadline,
            row.publish_path,
            state,
            row.completed,
            evidence,
            row.note,
        )
        for col, value in enumerate(cells, start=1):
            cell = safe_cell(ws, number + 2, col, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHI", (6, 50, 20, 16, 36, 12, 12, 30, 20), strict=True):
        ws.column_dimensions[letter].width = width
    set_xlsx_properties(workbook, title=title, author=unit_name)
    saved = atomic_save(workbook, path)
    audit.log(db, audit.EXPORT, table="file", record=saved.name, detail=f"导出任务落实情况表{len(rows)}条 → {saved}")
    return len(rows)
