"""What several command groups print the same way: JSON, the .xlsx output check, and an import's report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.domain.errors import UserError

if TYPE_CHECKING:
    from models.services.register_sheets import ImportReport


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def xlsx_path(path: Path) -> Path:
    """`path` when it names an .xlsx file (checked before anything is written)."""
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件名应以.xlsx结尾：{path}")
    return path


def print_import_report(report: ImportReport, *, items: str) -> None:
    """Each imported row, each skipped line, ignored columns, then the totals (`items`: e.g. 件政策解读)."""
    for row, title in report.imported:
        print(f"第{row}行 → {title}")
    for line in report.skipped:
        print(line)
    if report.ignored_columns:
        print(f"注意：以下列不是登记表的列，已忽略：{'、'.join(report.ignored_columns)}")
    print(f"已导入 {len(report.imported)} {items}，跳过 {len(report.skipped)} 行。")
