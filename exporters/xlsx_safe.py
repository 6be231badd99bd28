"""Writing user text into Excel safely, and saving a workbook without ever leaving a half-written file.

- Text that starts with = + - @ would be taken for a formula (CSV/DDE injection, and openpyxl itself turns a
  leading "=" into a formula): it is stored as a string cell with the quote prefix, so Excel shows it as typed.
  Error-looking text such as "#N/A" is kept as a string too.
- Control characters that openpyxl refuses (IllegalCharacterError) are dropped; tab, line feed and carriage
  return are kept.
- Dates are real dates with the number format yyyy-mm-dd.
- `safe_cell` writes into a normal sheet, `streamed_cell` gives what to append to a write-only sheet (a long
  export streams its rows to the file instead of holding every cell in memory); both follow these rules.
- A text longer than an Excel cell holds (32,767 characters) is refused, never cut.
- `atomic_save` writes a temporary file in the target folder and renames it over the target: a crash or a
  refusal leaves the old file (or no file), never a truncated one.
- `open_xlsx` is the edge of every reader: a damaged file (not a zip, a malformed XML part, a corrupt
  shared-strings part …) raises errors that are not openpyxl's own, some only while the rows are iterated
  (read-only mode parses lazily); they all become one `UnreadableXlsx` naming the file.
"""

from __future__ import annotations

import os
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from exporters.atomic_file import atomic_write
from models.domain.errors import UserError

DATE_FORMAT = "yyyy-mm-dd"
FORMULA_PREFIXES = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32_767  # characters in one cell


def clean_text(text: str) -> str:
    """The text without the control characters that a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def safe_cell(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write `value` into (row, col): text never becomes a formula, dates become real dates."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _date_format(value)
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        text = _checked_text(value, row, col)
        cell.value = text
        if cell.data_type != "s":  # "=…" became a formula, "#N/A" an error
            cell.data_type = "s"
        if text.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"
            cell.quotePrefix = True
    return cell


def streamed_cell(ws: WriteOnlyWorksheet, row: int, col: int, value: Any) -> Any:
    """What `safe_cell` writes, for `ws.append` on a write-only (streamed) sheet: the value itself where openpyxl
    stores it as it is, else a `WriteOnlyCell` with the date format, or the text forced to stay text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value)
        cell.number_format = _date_format(value)
        return cell
    if isinstance(value, date | bool | int | float):
        return value  # openpyxl gives a date the format yyyy-mm-dd (DATE_FORMAT) itself
    text = _checked_text(value, row, col)
    if not text.startswith(FORMULA_PREFIXES) and text not in ERROR_CODES:
        return text  # a plain string cell
    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"  # "=…" became a formula, "#N/A" an error
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _date_format(value: date) -> str:
    return DATE_FORMAT + " hh:mm" if isinstance(value, datetime) else DATE_FORMAT


def _checked_text(value: Any, row: int, col: int) -> str:
    """The text without control characters; refused when longer than a cell holds (never cut)."""
    text = clean_text(str(value))
    if len(text) > EXCEL_CELL_LIMIT:  # Excel would cut it (or refuse the file): never export half a text
        raise UserError(
            f"第{row}行第{col}列的内容有{len(text)}个字符，超过Excel单元格的上限{EXCEL_CELL_LIMIT}个，未导出。"
        )
    return text


def atomic_save(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save to `path` through a temporary file in the same folder and os.replace; returns the path.

    A target held open by Excel or WPS (PermissionError) becomes a UserError; nothing is left behind.
    """
    return atomic_write(path, workbook.save, program="Excel或WPS")


# -- reading ------------------------------------------------------------------------------------------------


def _parse_errors() -> tuple[type[BaseException], ...]:
    try:
        from lxml.etree import LxmlError
    except ImportError:  # pragma: no cover - lxml is optional for openpyxl
        return (ParseError,)
    return (ParseError, LxmlError)


# What a damaged .xlsx raises inside openpyxl (PITFALLS: not openpyxl exceptions): the zip layer, the XML parsers,
# and the lookups and conversions openpyxl makes on what it parsed (a shared-string index out of range, a number
# that is not one, a missing part).
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # a read error of the disk or the share the file is on
    InvalidFileException,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,  # UnicodeDecodeError included
    TypeError,
    OverflowError,
    *_parse_errors(),
)
XLSX_HINT = "只支持.xlsx格式；.xls或.et文件请先在Excel或WPS中另存为.xlsx"


class UnreadableXlsx(UserError):
    """The file cannot be read as a workbook; `reason` is the Chinese reason without the file name."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{reason}：{path}")
        self.path, self.reason = path, reason


@contextmanager
def reading_xlsx(path: str | os.PathLike[str]) -> Iterator[None]:
    """Around everything that touches an opened workbook: a damaged part becomes `UnreadableXlsx`."""
    path = Path(path)
    try:
        yield
    except PermissionError:
        raise UnreadableXlsx(path, "文件可能正被Excel或WPS打开，请关闭后重试") from None
    except READ_ERRORS:
        raise UnreadableXlsx(path, f"无法读取这个Excel文件，文件已损坏或不是Excel工作簿（{XLSX_HINT}）") from None


@contextmanager
def open_xlsx(path: str | os.PathLike[str], **options: Any) -> Iterator[Workbook]:
    """`load_workbook(path, **options)` for the duration of the block, closed after it; `UnreadableXlsx` saying
    why not (missing, empty, damaged, locked), also for damage met while the block reads the sheets.

    The file is opened here, not by openpyxl: a load that fails halfway would leave openpyxl's handle open."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise UnreadableXlsx(path, "找不到文件")
    if path.is_dir():
        raise UnreadableXlsx(path, "这是一个文件夹，不是Excel文件")
    if path.stat().st_size == 0:
        raise UnreadableXlsx(path, "文件是空的（0字节），可能没有保存完整，请重新获取该文件")
    with reading_xlsx(path), path.open("rb") as handle:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
            workbook = load_workbook(handle, **options)
        try:
            yield workbook
        finally:
            workbook.close()
