"""A register as a spreadsheet, without the file: its columns, the conversion of cells and their problems.

A register (the 台账 of applications, and next to it the 公文, 征求意见 and 政策解读 registers) declares its
columns once as a `Table` of `Column`s; everything that only depends on the columns lives here and in
`models.services.tabular` (reading and writing the .xlsx), so no register repeats another:

- `Column`: the Chinese header (an interface: spelled exactly as the issue and the template spell it), the
  attribute it fills, its kind (`TEXT`, `DATE`, `INT`, `CHOICE`, `BOOL`), whether it is required, its choices,
  the 填写说明 text and example, and whether it is personal data (`mask`, applied in exports unless full).
  Text lengths come from `models.domain.limits.TEXT_LIMITS` by header (one table for the forms and the
  imports: a new register adds its fields' limits there).
- `Table.parse(values, row, today=…)`: one row (header → cell value) converted to attribute → value, with every
  problem of a single cell: bad dates, dates before 2000 or more than a year ahead, non-integers, unknown
  choices, text over its limit, required cells left empty. A register then adds its own rules (pairs of columns,
  numbers, timelines) as more `Problem`s for the same row.
- `Problem` prints as ``第N行 [列名]：说明``; `SheetProblems` is the refusal listing every problem of the sheet
  (the caller collects the problems of ALL rows before raising it: all or nothing).

Example (a register with two columns)::

    FILES = Table(
        sheet="发文登记", noun="发文登记簿", item="公文", command="documents template",
        intro="发文登记簿填写说明：每行填写一件公文，第1行的列名不要修改。",
        columns=(
            Column("文号", "number", required=True, help="必填。如巫山府办发〔2022〕41号。", example="…〔2022〕41号"),
            Column("成文日期", "written", DATE, required=True, help="必填。", example="2022-03-01"),
        ),
    )
    attrs, problems = FILES.parse({"文号": "…", "成文日期": "2022-3-1"}, 2, today=today)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from models.domain import limits
from models.domain.errors import UserError, ValidationError

TEXT, DATE, INT, CHOICE, BOOL = "text", "date", "int", "choice", "bool"
YES, NO = "是", "否"
DATE_LIMIT_NOTE = "不早于2000年1月1日，不晚于导入之日一年后。"


@dataclass(frozen=True)
class Column:
    """One column of a register's sheet (see the module docstring)."""

    header: str
    attr: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""  # the 填写说明 sentence(s); the limit (date range, length) is added after it
    example: str = ""  # a date column's example is written as ISO text (2025-03-01)
    mask: Callable[[str], str] | None = None  # personal data: masked in exports unless full
    mask_on_request: bool = False  # masked only when the clerk asks (names, addresses), not by default
    as_text: bool = False  # the column is formatted as text (long numbers Excel would spoil)
    width: int | None = None
    convert: Callable[[Any], str] | None = None  # a text column's own cell → text (ValueError with Chinese text)

    def limit_note(self) -> str:
        """The limit the import applies, as the template's 填写说明 states it."""
        if self.kind == DATE:
            return DATE_LIMIT_NOTE
        return limits.limit_note(self.header)

    @property
    def max_length(self) -> int | None:
        return limits.TEXT_LIMITS.get(self.header)

    def column_width(self) -> int:
        if self.width is not None:
            return self.width
        return 13 if self.kind == DATE else max(10, len(self.header) * 2 + 2)

    def parse(self, raw: Any, *, today: date) -> Any:
        """The cell converted to the attribute's value; ValueError / ValidationError with a Chinese message."""
        if self.kind == DATE:
            day = parse_date(raw)
            return None if day is None else limits.check_date(self.header, day, today=today)
        if self.kind == INT:
            return parse_int(raw)
        if self.kind == BOOL:
            return parse_bool(raw)
        text = self.convert(raw) if self.convert is not None else cell_text(raw)
        return limits.check_length(self.header, text)

    def choice_problem(self, value: Any) -> str:
        """Why a parsed value is not one of the column's choices ("" when it is, or when the cell is empty)."""
        if self.kind != CHOICE or not value or value in self.choices:
            return ""
        return f"“{value}”无效，应为{'、'.join(self.choices)}之一。"

    def export_value(self, value: Any, *, full: bool, mask_names: bool) -> Any:
        """The value as an export writes it: personal data masked unless `full`, yes/no as 是/否."""
        if self.kind == BOOL and isinstance(value, bool):
            return YES if value else NO
        if self.mask is None or full or not isinstance(value, str) or not value:
            return value
        if self.mask_on_request and not mask_names:
            return value
        return self.mask(value)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}]：{self.message}"


class SheetProblems(UserError):
    """The sheet was refused; `problems` lists every problem found (nothing was imported)."""

    def __init__(self, problems: Sequence[Problem], *, noun: str, item: str) -> None:
        super().__init__(
            f"{noun}中有{len(problems)}处问题，未导入任何{item}。请修改后重新导入：", details=[str(p) for p in problems]
        )
        self.problems = list(problems)


@dataclass(frozen=True)
class Table:
    """A register's sheet: its name, how its messages name it, and its columns (see the module docstring)."""

    sheet: str  # the data sheet's name (a file without it is read from its first sheet)
    noun: str  # how messages name the file: 台账
    item: str  # how messages name one row: 申请
    command: str  # the CLI command that writes the template, named when the header row is wrong
    intro: str  # the first line of the 填写说明 sheet
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def parse(self, values: Mapping[str, Any], row: int, *, today: date) -> tuple[dict[str, Any], list[Problem]]:
        """Attribute → value for every column (a cell with a problem is left out), and the problems of single
        cells: conversion and limits in column order, then the required cells left empty, then unknown choices
        (an unknown choice stays in the values, so the register's own rules see what was typed)."""
        parsed: dict[str, Any] = {}
        problems: list[Problem] = []
        for column in self.columns:
            try:
                parsed[column.attr] = column.parse(values.get(column.header), today=today)
            except ValidationError as error:
                problems.append(Problem(row, column.header, error_text(error)))
            except ValueError as error:
                problems.append(Problem(row, column.header, str(error)))
        flagged = {p.column for p in problems}
        for column in self.columns:
            if column.required and column.header not in flagged and not parsed.get(column.attr):
                problems.append(Problem(row, column.header, f"请填写{column.header}。"))
        for column in self.columns:
            message = column.choice_problem(parsed.get(column.attr))
            if message:
                problems.append(Problem(row, column.header, message))
        return parsed, problems

    def export_row(self, values: Mapping[str, Any], *, full: bool, mask_names: bool = False) -> dict[str, Any]:
        """Header → value as an export writes it (personal data masked unless `full`)."""
        return {c.header: c.export_value(values.get(c.header), full=full, mask_names=mask_names) for c in self.columns}


def error_text(error: ValidationError) -> str:
    """The message without its leading "字段：" (a problem names its column already)."""
    prefix = f"{error.field}："
    return error.message[len(prefix) :] if error.message.startswith(prefix) else error.message


# -- cell values --------------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_EXCEL_EPOCH = date(1899, 12, 30)
_YES = frozenset({YES, "Y", "YES", "TRUE", "1", "√"})
_NO = frozenset({NO, "N", "NO", "FALSE", "0", "×"})


def cell_text(value: Any) -> str:
    """A cell as text: dates as 2025-03-01, 12.0 as 12, stripped; "" when empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    """A date from an Excel date cell, a text date (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301) or
    an Excel serial number; None when empty; ValueError with a Chinese message otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期，应为YYYY-MM-DD（如2025-03-01）。")
    if isinstance(value, int | float):
        if float(value).is_integer() and 19000101 <= value <= 29991231:
            value = str(int(value))
        elif 1 <= value < 2958466:  # an Excel serial day number in a cell without a date format
            return _EXCEL_EPOCH + timedelta(days=int(value))
        else:
            raise ValueError(f"“{cell_text(value)}”不是日期，应为YYYY-MM-DD（如2025-03-01）。")
    text = str(value).strip().replace("－", "-").replace("／", "/").replace("．", ".")
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise ValueError(f"“{text}”不是存在的日期。") from None
    raise ValueError(f"“{text}”不是有效日期，应为YYYY-MM-DD（如2025-03-01）。")


def parse_int(value: Any) -> int | None:
    """A whole number from a number cell or digits; None when empty; ValueError with a Chinese message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是整数。")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise ValueError(f"“{text}”不是整数。")


def parse_bool(value: Any) -> bool | None:
    """是/否 (also a TRUE/FALSE cell, 1/0, Y/N); None when empty; ValueError with a Chinese message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = cell_text(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"“{cell_text(value)}”无效，应为“{YES}”或“{NO}”。")
