"""征求意见 as a spreadsheet: its columns (the issue's Chinese field names), the template, import and export.

The reading, the all-or-nothing loop and the file side are shared (`models.services.tabular`); this module gives
only the columns and the register's own rules (`solicitations.clean_input`, `check_outcome`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.db import Database
from models.domain import solicitations as rules
from models.domain.errors import ValidationError
from models.domain.solicitations import Outcome
from models.domain.tabular import CHOICE, DATE, INT, Column, Problem, Table
from models.entities import Solicitation
from models.services import document_links, register_sheets, solicitations, tabular
from models.services.register_sheets import ImportReport
from models.services.solicitations import SolicitationInput, SolicitationRow
from models.services.tabular import ROW_KEY

SOLICITATIONS = Table(
    sheet="征求意见",
    noun="征求意见登记表",
    item="征求意见",
    command="solicitations template",
    intro="征求意见登记表填写说明：每行填写一次公开征求意见，第1行的列名不要修改。" + solicitations.PERIOD_HELP,
    columns=(
        Column("草案名称", "title", required=True, help="必填。", example="白鹤镇农村人居环境整治办法（征求意见稿）"),
        Column(
            "关联文件（文号）",
            "document",
            help="选填。已在公文登记中登记的文件的文号。",
            example="白鹤府发〔2025〕3号",
            width=24,
        ),
        Column(
            "类型",
            "kind",
            CHOICE,
            required=True,
            choices=tuple(k.value for k in rules.SolicitationKind),
            help="必填。",
            example="行政规范性文件",
        ),
        Column("开始日期", "start", DATE, required=True, help="必填。", example="2025-03-01"),
        Column(
            "截止日期",
            "end",
            DATE,
            required=True,
            help="必填。" + solicitations.PERIOD_HELP,
            example="2025-03-30",
        ),
        Column("渠道", "channel", help="选填。如镇政府门户网站、公告栏。", example="镇政府门户网站"),
        Column("缩短期限理由", "shortening_reason", help="期限短于规定日数时必填。"),
        Column("收到意见数", "received", INT, help="选填，整数。", example="12"),
        Column("采纳", "adopted", INT, help="选填，整数。", example="5"),
        Column("部分采纳", "partly_adopted", INT, help="选填，整数。", example="3"),
        Column("未采纳", "rejected", INT, help="选填，整数；采纳、部分采纳、未采纳合计不超过收到意见数。", example="4"),
        Column("未采纳理由", "rejection_reason", help="有未采纳的意见且已公布采纳情况时必填。"),
        Column("采纳情况公布日期", "published", DATE, help="选填；不早于截止日期。", example="2025-04-15"),
    ),
)


@dataclass(frozen=True)
class _Planned:
    row: int
    form: SolicitationInput
    outcome: Outcome


def _plan_row(values: Mapping[str, Any], *, today: date, session: Any) -> tuple[_Planned | None, list[Problem]]:
    row = int(values[ROW_KEY])
    attrs, problems = SOLICITATIONS.parse(values, row, today=today)
    if problems:
        return None, problems
    form = SolicitationInput(**{k: attrs.get(k) or v for k, v in SolicitationInput().__dict__.items()})
    outcome = Outcome(
        attrs.get("received") or 0,
        attrs.get("adopted") or 0,
        attrs.get("partly_adopted") or 0,
        attrs.get("rejected") or 0,
        attrs.get("rejection_reason") or "",
        attrs.get("published"),
    )
    try:
        clean = solicitations.clean_input(form, today=today)
        document_links.resolve(session, clean.document)
        assert clean.end is not None
        rules.check_outcome(outcome, clean.end, today=today)
    except ValidationError as error:
        return None, [register_sheets.problem(SOLICITATIONS, row, error, "草案名称")]
    return _Planned(row, clean, outcome), []


def write_template(path: str | Path) -> Path:
    return tabular.write_template(SOLICITATIONS, path, title="征求意见登记表模板")


def import_sheet(db: Database, path: str | Path, *, actor: str = "", today: date | None = None) -> ImportReport:
    """All or nothing: every problem of every row is listed (`SheetProblems`) and nothing is written. A row whose
    草案名称 and 开始日期 are already registered is skipped, so the same file can be imported twice."""
    today = today or date.today()
    sheet = tabular.read_sheet(SOLICITATIONS, path)
    report = ImportReport(ignored_columns=sheet.ignored_columns)
    with db.reading() as session:
        existing = set(
            session.execute(select(Solicitation.title, Solicitation.start).where(Solicitation.voided_at.is_(None)))
        )
        seen: dict[tuple[str, date | None], int] = {}

        def plan(values: Mapping[str, Any]) -> tuple[_Planned | None, list[Problem]]:
            item, problems = _plan_row(values, today=today, session=session)
            if item is None:
                return None, problems
            key = (item.form.title, item.form.start)
            if key in existing:
                report.skipped.append(f"第{item.row}行：“{item.form.title}”（{item.form.start}开始）已登记，跳过。")
                return None, []
            if key in seen:
                return None, [Problem(item.row, "草案名称", f"与第{seen[key]}行的草案名称和开始日期相同。")]
            seen[key] = item.row
            return item, []

        planned = tabular.plan_rows(SOLICITATIONS, sheet.rows, plan)
    with db.transaction() as session:
        for item in planned:
            solicitations.insert(session, item.form, item.outcome, actor=actor or register_sheets.IMPORT_ACTOR)
            report.imported.append((item.row, item.form.title))
    return report


def values_of(row: SolicitationRow) -> dict[str, Any]:
    return {
        "草案名称": row.title,
        "关联文件（文号）": row.document_number,
        "类型": row.kind,
        "开始日期": row.start,
        "截止日期": row.end,
        "渠道": row.channel,
        "缩短期限理由": row.shortening_reason,
        "收到意见数": row.received,
        "采纳": row.adopted,
        "部分采纳": row.partly_adopted,
        "未采纳": row.rejected,
        "未采纳理由": row.rejection_reason,
        "采纳情况公布日期": row.results_published,
    }


def export_sheet(db: Database, path: str | Path, flt: solicitations.ListFilter | None = None) -> int:
    """The (filtered) register in the import format; returns the number of rows."""
    rows = list(
        reversed(solicitations.list_page(db, flt or solicitations.ListFilter()).rows)
    )  # oldest first, like a 登记簿
    register_sheets.export(db, SOLICITATIONS, path, map(values_of, rows), total=len(rows), title="征求意见登记表")
    return len(rows)
