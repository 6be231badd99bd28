"""Writing user text into Excel safely, and saving a workbook without ever leaving a half-written file.

- Text that starts with = + - @ would be taken for a formula (CSV/DDE injection, and openpyxl itself turns a
  leading "=" into a formula): it is stored as a string cell with the quote prefix, so Excel shows it as typed.
  Error-looking text such as "#N/A" is kept as a string too.
- Control characters that openpyxl refuses (IllegalCharacterError) are dropped; tab, line feed and carriage
  return are kept.
- Dates are real dates with the number format yyyy-mm-dd.
- `atomic_save` writes a temporary file in the target folder and renames it over the target: a crash or a
  refusal leaves the old file (or no file), never a truncated one.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters.atomic_file import atomic_write

DATE_FORMAT = "yyyy-mm-dd"
FORMULA_PREFIXES = ("=", "+", "-", "@")


def clean_text(text: str) -> str:
    """The text without the control characters that a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def safe_cell(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write `value` into (row, col): text never becomes a formula, dates become real dates."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT + " hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        text = clean_text(str(value))
        cell.value = text
        if cell.data_type != "s":  # "=…" became a formula, "#N/A" an error
            cell.data_type = "s"
        if text.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"
            cell.quotePrefix = True
    return cell


def atomic_save(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save to `path` through a temporary file in the same folder and os.replace; returns the path.

    A target held open by Excel or WPS (PermissionError) becomes a UserError; nothing is left behind.
    """
    return atomic_write(path, workbook.save, program="Excel或WPS")
