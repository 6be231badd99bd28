"""政策解读 as a spreadsheet: its columns (the issue's Chinese field names), the template, import and export.

The reading, the all-or-nothing loop and the file side are shared (`models.services.tabular`); this module gives
only the columns and the register's own rules (`interpretations.clean_input`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.db import Database
from models.domain.errors import ValidationError
from models.domain.interpretations import Form
from models.domain.tabular import DATE, Column, Problem, Table
from models.entities import Interpretation
from models.services import document_links, interpretations, register_sheets, tabular
from models.services.interpretations import InterpretationInput, InterpretationRow
from models.services.register_sheets import ImportReport
from models.services.tabular import ROW_KEY

FORMS_SEPARATOR = "、"
_CHOICES = FORMS_SEPARATOR.join(f.value for f in Form)
_SPLIT = re.compile(r"[、，,；;/／\s]+")

INTERPRETATIONS = Table(
    sheet="政策解读",
    noun="政策解读登记表",
    item="政策解读",
    command="interpretations template",
    intro="政策解读登记表填写说明：每行填写一件解读材料，第1行的列名不要修改。" + interpretations.SYNC_HELP,
    columns=(
        Column(
            "关联文件（文号）",
            "document",
            required=True,
            help="必填。所解读文件的文号，该文件须已在公文登记中登记。",
            example="白鹤府发〔2025〕3号",
            width=24,
        ),
        Column("解读标题", "title", required=True, help="必填。", example="一图读懂《白鹤镇农村人居环境整治办法》"),
        Column(
            "形式",
            "forms",
            required=True,
            help=f"必填，可填多种，用“{FORMS_SEPARATOR}”分隔；每种应为{_CHOICES}之一。",
            example="文字、图表图解",
            width=20,
        ),
        Column("解读主体", "interpreter", help="选填。", example="白鹤镇农业服务中心"),
        Column("审签日期", "approved", DATE, help="选填。", example="2025-03-10"),
        Column("发布日期", "published", DATE, help="选填；不早于审签日期。", example="2025-03-12"),
        Column(
            "网址", "url", help="选填，以http://或https://开头。", example="https://www.baihe.gov.cn/zcjd/0312.html"
        ),
    ),
)


@dataclass(frozen=True)
class _Planned:
    row: int
    form: InterpretationInput
    forms: tuple[Form, ...]


def write_template(path: str | Path) -> Path:
    return tabular.write_template(INTERPRETATIONS, path, title="政策解读登记表模板")


def import_sheet(db: Database, path: str | Path, *, actor: str = "", today: date | None = None) -> ImportReport:
    """All or nothing: every problem of every row is listed (`SheetProblems`) and nothing is written. A row whose
    document already has an interpretation with the same 解读标题 is skipped (importing twice adds nothing)."""
    today = today or date.today()
    sheet = tabular.read_sheet(INTERPRETATIONS, path)
    report = ImportReport(ignored_columns=sheet.ignored_columns)
    with db.reading() as session:
        existing = set(
            session.execute(
                select(Interpretation.document_id, Interpretation.title).where(Interpretation.voided_at.is_(None))
            )
        )
        seen: dict[tuple[int, str], int] = {}

        def plan(values: Mapping[str, Any]) -> tuple[_Planned | None, list[Problem]]:
            row = int(values[ROW_KEY])
            attrs, problems = INTERPRETATIONS.parse(values, row, today=today)
            if problems:
                return None, problems
            form = InterpretationInput(
                attrs["document"],
                attrs["title"],
                tuple(_SPLIT.split(attrs["forms"])),
                attrs.get("interpreter") or "",
                attrs.get("approved"),
                attrs.get("published"),
                attrs.get("url") or "",
            )
            try:
                clean, forms = interpretations.clean_input(form, today=today)
                document = document_links.resolve(session, clean.document)
            except ValidationError as error:
                return None, [register_sheets.problem(INTERPRETATIONS, row, error, "解读标题")]
            assert document is not None
            key = (document.id, clean.title)
            if key in existing:
                report.skipped.append(
                    f"第{row}行：{document_links.linked(document).label}已有解读“{clean.title}”，跳过。"
                )
                return None, []
            if key in seen:
                return None, [Problem(row, "解读标题", f"与第{seen[key]}行的关联文件和解读标题相同。")]
            seen[key] = row
            return _Planned(row, clean, forms), []

        planned = tabular.plan_rows(INTERPRETATIONS, sheet.rows, plan)
    with db.transaction() as session:
        for item in planned:
            interpretations.insert(session, item.form, item.forms, actor=actor or register_sheets.IMPORT_ACTOR)
            report.imported.append((item.row, item.form.title))
    return report


def values_of(row: InterpretationRow) -> dict[str, Any]:
    return {
        "关联文件（文号）": row.document.number,
        "解读标题": row.title,
        "形式": row.forms_text,
        "解读主体": row.interpreter,
        "审签日期": row.approved,
        "发布日期": row.published,
        "网址": row.url,
    }


def export_sheet(db: Database, path: str | Path, flt: interpretations.ListFilter | None = None) -> int:
    """The (filtered) register in the import format; returns the number of rows."""
    rows = list(reversed(interpretations.list_page(db, flt or interpretations.ListFilter()).rows))
    register_sheets.export(db, INTERPRETATIONS, path, map(values_of, rows), total=len(rows), title="政策解读登记表")
    return len(rows)
