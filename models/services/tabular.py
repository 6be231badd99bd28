"""A register's .xlsx: reading its sheet, writing its template and its exports (shared by every register).

The columns and the cell rules are declared once per register as a `models.domain.tabular.Table` (see that
module's docstring for an example); this module does the file side for any table:

- `read_sheet(table, path)`: the data sheet (named `table.sheet`, else the first sheet) through the safe reader
  `exporters.xlsx_safe.open_xlsx` (a damaged file is a Chinese `UserError`, never a traceback). The header row is
  checked (a header twice, a required column missing → refused, naming the template command); unknown headers
  are returned as `ignored_columns`; empty rows are left out; each row is header → cell value plus `ROW_KEY` →
  its sheet row number.
- `plan_rows(table, rows, plan)`: all or nothing. The register's `plan` converts a row (`Table.parse`), adds its
  own rules and returns what to write; the problems of ALL rows are collected and refused together as
  `SheetProblems` before anything is written.
- `write_template(table, path, title=…)`: the empty data sheet (bold headers, frozen first row, widths, text
  format where `as_text`, drop-down lists for choices) and a 填写说明 sheet: per column its help, the limit the
  import applies (date range, length) and an example.
- `write_export(table, path, rows, …)`: the same sheets with the rows, streamed to the file (openpyxl write-only
  mode: memory does not grow with the rows); personal columns (`Column.mask`) masked unless `full`, every cell
  by the rules of `safe_cell` (`streamed_cell`: text such as "=1+1" stays text, never a formula), the file's
  properties set by the register's `mark` (e.g. `export_marks.mark_ledger_export`: title, unit, time, full-data
  notice), saved atomically. The register logs the export (`export_marks.log_export`).

Usage, for a register with a `Table` called FILES::

    write_template(FILES, "发文登记簿模板.xlsx", title="发文登记簿模板")
    def plan(values):  # → (what to write or None to skip the row, its problems)
        attrs, problems = FILES.parse(values, values[ROW_KEY], today=today)
        return attrs, problems + my_rules(attrs)

    planned = plan_rows(FILES, read_sheet(FILES, path).rows, plan)  # SheetProblems lists every problem
    ...write everything planned in one transaction...
    write_export(FILES, out, (values_of(d) for d in docs), total=n, full=full, mark=lambda wb: ...)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from models.domain.errors import UserError
from models.domain.tabular import CHOICE, DATE, Problem, SheetProblems, Table, cell_text

if TYPE_CHECKING:  # openpyxl is imported when a sheet is read or written, never at the GUI's start
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

Progress = Callable[[int, int], None]
Planned = TypeVar("Planned")

HELP_SHEET_NAME = "填写说明"
ROW_KEY = "__row__"  # read_sheet: the sheet row number of each dict


@dataclass(frozen=True)
class SheetRows:
    rows: list[dict[str, Any]]
    ignored_columns: list[str]


def read_sheet(table: Table, path: str | Path) -> SheetRows:
    """The data rows of the register's sheet as header → value (plus ROW_KEY), and the unknown headers."""
    from exporters.xlsx_safe import open_xlsx

    with open_xlsx(Path(path), read_only=True, data_only=True) as workbook:
        return _read_rows(table, workbook)


class MissingColumnsError(UserError):
    """The first row lacks required columns. The message names what the clerk clicks for a template (the GUI
    shows it); the command line names its own command instead (`cli_message`)."""

    def __init__(self, table: Table, missing: list[str]) -> None:
        self.missing_text = f"第1行应为{table.noun}的列名，缺少：{'、'.join(missing)}。"
        self.command, self.noun = table.command, table.noun
        action = table.template_action or f"下载{table.noun}模板"
        super().__init__(f"{self.missing_text}可以先{action}，把数据复制进去再导入。")

    def cli_message(self) -> str:
        return f"{self.missing_text}可以用“{self.command} 文件名.xlsx”生成{self.noun}模板，把数据复制进去再导入。"


def _read_rows(table: Table, workbook: Any) -> SheetRows:
    sheet = workbook[table.sheet] if table.sheet in workbook.sheetnames else workbook.worksheets[0]
    sheet.reset_dimensions()  # some programs write a wrong <dimension>: it would cut rows short
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    headers = [cell_text(h) for h in first]
    seen: set[str] = set()
    for header in headers:
        if header and header in seen:
            raise UserError(f"第1行的列名“{header}”出现了两次，请删除重复的列。")
        seen.add(header)
    missing = [c.header for c in table.columns if c.required and c.header not in seen]
    if missing:
        raise MissingColumnsError(table, missing)
    names = set(table.headers)
    known = {i: h for i, h in enumerate(headers) if h in names}
    ignored = [h for h in headers if h and h not in names]
    out: list[dict[str, Any]] = []
    for number, values in enumerate(rows, start=2):
        record = {h: (values[i] if i < len(values) else None) for i, h in known.items()}
        record = {h: (v.strip() if isinstance(v, str) else v) for h, v in record.items()}
        if all(v is None or v == "" for v in record.values()):
            continue
        record[ROW_KEY] = number
        out.append(record)
    return SheetRows(out, ignored)


def plan_rows(
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    plan: Callable[[Mapping[str, Any]], tuple[Planned | None, list[Problem]]],
    *,
    progress: Progress | None = None,
    total: int | None = None,
) -> list[Planned]:
    """All or nothing: every row goes through `plan` (its values → what to write, or None to skip it, and its
    problems); when any row has a problem, `SheetProblems` lists the problems of ALL rows, else the planned items
    are returned (for the caller to write in one transaction). `progress(done, total)` before each row."""
    problems: list[Problem] = []
    planned: list[Planned] = []
    for done, values in enumerate(rows):
        if progress is not None:
            progress(done, len(rows) if total is None else total)
        item, row_problems = plan(values)
        problems += row_problems
        if item is not None and not row_problems:
            planned.append(item)
    if problems:
        raise SheetProblems(problems, noun=table.noun, item=table.item)
    return planned


# -- writing ------------------------------------------------------------------------------------------------


def prepare_sheet(table: Table, ws: WriteOnlyWorksheet, rows: int = 2000) -> None:
    """A streamed (write-only) register sheet up to its rows: widths, text format for long numbers, frozen
    header row, drop-down lists for `rows` rows, and the bold headers as its first row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for col, column in enumerate(table.columns, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.column_width()
        if column.as_text:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    last = max(rows, 2) + 1
    for col, column in enumerate(table.columns, start=1):
        if column.kind != CHOICE:
            continue
        letter = get_column_letter(col)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(column.choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="无效的值",
            error=f"{column.header}应为：{'、'.join(column.choices)}",
        )
        validation.add(f"{letter}2:{letter}{last}")
        ws.data_validations.append(validation)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    centered = Alignment(horizontal="center", vertical="center")
    headers = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, column.header)  # the register's own names: plain text
        cell.font, cell.fill, cell.alignment = bold, fill, centered
        headers.append(cell)
    ws.append(headers)


def fill_help(table: Table, ws: Worksheet) -> None:
    """The 填写说明 sheet: the intro, then per column its explanation with the import's limit, and an example."""
    from openpyxl.styles import Alignment, Font

    from exporters.xlsx_safe import safe_cell

    ws.title = HELP_SHEET_NAME
    safe_cell(ws, 1, 1, table.intro).font = Font(bold=True)
    for col, header in enumerate(("列名", "填写说明", "示例"), start=1):
        safe_cell(ws, 3, col, header).font = Font(bold=True)
    for index, column in enumerate(table.columns, start=4):
        explanation = "".join(part for part in (column.help, column.limit_note()) if part)
        safe_cell(ws, index, 1, column.header)
        safe_cell(ws, index, 2, explanation)
        example = date.fromisoformat(column.example) if column.kind == DATE and column.example else column.example
        safe_cell(ws, index, 3, example)
        ws.cell(row=index, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 30
    ws.freeze_panes = "A4"


def write_template(table: Table, path: str | Path, *, title: str) -> Path:
    """An empty register sheet with drop-down lists, and the 填写说明 sheet with an example for every column."""
    from exporters.doc_properties import set_xlsx_properties

    return _write(
        table,
        path,
        (),
        rows=2000,
        mark=lambda workbook: set_xlsx_properties(workbook, title=title, author=""),  # no unit yet: the app is author
    )


def write_export(
    table: Table,
    path: str | Path,
    rows: Iterable[Mapping[str, Any]],
    *,
    total: int,
    full: bool,
    mark: Callable[[Any], None],
    mask_names: bool = False,
    progress: Progress | None = None,
) -> Path:
    """The rows (header → unmasked value) under the headers, masked unless `full`, then the 填写说明 sheet; `mark`
    sets the file's properties (it gets the workbook). Saved atomically: nothing is written when anything fails.

    The rows are streamed to the file (openpyxl's write-only mode): memory does not grow with their number."""
    from exporters.xlsx_safe import streamed_cell

    columns = list(enumerate(table.columns, start=1))

    def cells(ws: WriteOnlyWorksheet) -> Iterator[list[Any]]:
        for done, values in enumerate(rows):
            if progress is not None and done % 100 == 0:
                progress(done, total)
            yield [
                streamed_cell(ws, done + 2, col, c.export_value(values.get(c.header), full=full, mask_names=mask_names))
                for col, c in columns
            ]

    return _write(table, path, cells, rows=total + 500, mark=mark)


def _write(
    table: Table,
    path: str | Path,
    cells: Callable[[WriteOnlyWorksheet], Iterable[list[Any]]] | tuple[()],
    *,
    rows: int,
    mark: Callable[[Any], None],
) -> Path:
    """The register's workbook, streamed: the data sheet (headers, then the rows `cells` yields) and 填写说明.

    A write-only sheet cannot be edited once written, but a register's `mark` edits the finished workbook (its
    properties, the page header of every sheet, a line on 填写说明): it is given a small normal workbook with both
    sheets (the data sheet without rows), and what it set is carried over to the streamed one — the document
    properties, each sheet's page headers and footers, and the whole 填写说明 sheet."""
    from openpyxl import Workbook

    from exporters.atomic_file import atomic_write

    draft = Workbook()
    draft.active.title = table.sheet
    fill_help(table, draft.create_sheet(HELP_SHEET_NAME))
    mark(draft)

    def write(target: Path) -> None:
        workbook = Workbook(write_only=True)
        workbook.properties = draft.properties
        ws = workbook.create_sheet(table.sheet)
        ws.HeaderFooter = draft[table.sheet].HeaderFooter
        try:
            prepare_sheet(table, ws, rows=rows)
            for row in cells(ws) if callable(cells) else cells:
                ws.append(row)
            _copy_sheet(draft[HELP_SHEET_NAME], workbook.create_sheet(HELP_SHEET_NAME))
            workbook.save(target)
        except BaseException:
            _discard(workbook)
            raise

    return atomic_write(path, write, program="Excel或WPS")


def _discard(workbook: Workbook) -> None:
    """After a failure: end the streamed sheets and remove the part files openpyxl wrote for them."""
    for ws in workbook.worksheets:
        writer = ws._writer  # noqa: SLF001 - openpyxl keeps a streamed sheet's writer here
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def _copy_sheet(source: Worksheet, ws: WriteOnlyWorksheet) -> None:
    """A small normal sheet onto a write-only one: cells with their types and styles, widths, panes, headers."""
    from openpyxl.cell import WriteOnlyCell

    for letter, dimension in source.column_dimensions.items():
        ws.column_dimensions[letter].width = dimension.width
    ws.freeze_panes = source.freeze_panes
    ws.HeaderFooter = source.HeaderFooter
    for row in source.iter_rows():
        out = []
        for cell in row:
            copied = WriteOnlyCell(ws, cell.value)
            copied.data_type = cell.data_type
            if cell.has_style:
                copied.font, copied.fill, copied.border = copy(cell.font), copy(cell.fill), copy(cell.border)
                copied.alignment, copied.protection = copy(cell.alignment), copy(cell.protection)
                copied.number_format, copied.quotePrefix = cell.number_format, cell.quotePrefix
            out.append(copied)
        ws.append(out)
