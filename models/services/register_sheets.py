"""What the 征求意见 and 政策解读 sheets share on top of `models.services.tabular`: the import report, cell
problems from a register's ValidationError, and the export of a register without personal data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporters.doc_properties import set_xlsx_properties
from models.db import Database
from models.domain.errors import ValidationError
from models.domain.tabular import Problem, Table, error_text
from models.services import audit, tabular
from models.services.profile import get_profile

IMPORT_ACTOR = "表格导入"


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, what was added)
    skipped: list[str] = field(default_factory=list)  # one Chinese line per skipped row
    ignored_columns: list[str] = field(default_factory=list)


def problem(table: Table, row: int, error: ValidationError, fallback: str) -> Problem:
    """A register rule's refusal as a cell problem: under its own column when the field is one, else `fallback`."""
    column = error.field if error.field in table.headers else fallback
    return Problem(row, column, error_text(error))


def export(
    db: Database, table: Table, path: str | Path, rows: Iterable[Mapping[str, Any]], *, total: int, title: str
) -> Path:
    """The register's rows in its import format (nothing personal to mask), atomically; the export is audited."""
    unit = get_profile(db).unit_name.strip()
    saved = tabular.write_export(
        table,
        path,
        rows,
        total=total,
        full=True,
        mark=lambda workbook: set_xlsx_properties(workbook, title=title, author=unit),
    )
    audit.log(db, audit.EXPORT, table="file", record=saved.name, detail=f"导出{title}{total}条 → {saved}")
    return saved
