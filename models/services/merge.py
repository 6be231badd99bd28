"""County aggregation: read the returns of several units, check each file's structure, sum the tables cell by
cell, and write the merged return with the list of units included.

A return is recognised by its fixed sheet names, the 说明 sheet (报表类型, 单位名称, 报告期), and in each table
the verbatim row labels in column A and the column headings (see exporters.report_xlsx). Every problem of every
file is reported (one Chinese line each) and nothing is written then. The merged file has the same structure
(without 明细), so it can itself be merged again (a town's merged return into the county's): its units are
listed in 说明 as 汇总单位 rows and are carried over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from exporters import report_xlsx as layout
from exporters.xlsx_safe import UnreadableXlsx, open_xlsx
from models.domain.errors import UserError
from models.domain.statistics import (
    ADDED_OTHER_LABELS,
    COLUMNS,
    CONTENT_HEADER,
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    FEE_KEY,
    FIGURE_SECTIONS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    TABLE4_ROW_LABELS,
    OtherItem,
    Period,
    Return,
    Table2,
    Table3,
    Table3Result,
    Table4,
    check_table3,
    empty_table4,
    other_items,
    sum_tables3,
    table3_lines,
)

Progress = Callable[[int, int], None]


@dataclass
class UnitReturn:
    """One unit's return as read from its file."""

    path: Path
    period: Period
    unit_name: str
    table3: Table3
    table2: Table2 | None = None
    table4: Table4 | None = None
    others: list[OtherItem] = field(default_factory=list)
    fee_yuan: int = 0
    units: list[tuple[str, str]] = field(default_factory=list)  # a merged file's own units


@dataclass
class MergeResult:
    path: Path
    report: Return
    units: list[tuple[str, str]]
    warnings: list[str] = field(default_factory=list)


class _Problems(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _grid(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def _number(value: Any, where: str, problems: list[str], *, whole: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}不是数字（“{_text(value)}”）")
        return 0
    if value < 0 or (whole and not float(value).is_integer()):
        problems.append(f"{where}应为不小于0的{'整数' if whole else '数'}（{value}）")
        return 0
    return int(value) if whole else float(value)


def _row_index(grid: list[tuple[Any, ...]], label: str, start: int = 0) -> int | None:
    for index in range(start, len(grid)):
        if grid[index] and _text(grid[index][0]) == label:
            return index
    return None


def _header_columns(grid: list[tuple[Any, ...]], headers: Sequence[str], rows: range) -> dict[str, int]:
    found: dict[str, int] = {}
    for r in rows:
        if r >= len(grid):
            break
        for c, value in enumerate(grid[r]):
            text = _text(value)
            if text in headers and text not in found:
                found[text] = c
    return found


def _read_info(ws: Worksheet) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    info: dict[str, Any] = {}
    units: list[tuple[str, str]] = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if not row or row[0] is None:
            continue
        key = _text(row[0])
        value = row[1] if len(row) > 1 else None
        if key == layout.KEY_MERGED_UNIT:
            units.append((_text(value), _text(row[2]) if len(row) > 2 else ""))
        elif key not in info:
            info[key] = value
    return info, units


def _read_table3(ws: Worksheet, period: Period, problems: list[str]) -> Table3:
    grid = _grid(ws)
    columns = _header_columns(grid, COLUMNS, range(0, 8))
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        problems.append(f"工作表“{layout.SHEET_TABLE3}”缺少列标题：{'、'.join(missing)}")
        return Table3(period)
    cells: dict[tuple[str, str], int] = {}
    position = 0
    for line in table3_lines(period.kind):
        index = _row_index(grid, line.label, position)
        if index is None:
            problems.append(f"工作表“{layout.SHEET_TABLE3}”找不到行“{line.label}”（或行的顺序不对）")
            continue
        position = index + 1
        if line.key is None:
            continue
        for column, c in columns.items():
            value = grid[index][c] if c < len(grid[index]) else None
            where = f"工作表“{layout.SHEET_TABLE3}”“{line.label}”行“{column}”列"
            cells[(line.key, column)] = int(_number(value, where, problems))
    return Table3(period, cells)


def _read_table2(ws: Worksheet, year: int, problems: list[str]) -> Table2:
    grid = _grid(ws)
    sheet = f"工作表“{layout.SHEET_TABLE2}”"
    table = Table2(year)
    header_row = _row_index(grid, CONTENT_HEADER)
    columns = _header_columns(grid, DOCUMENT_COLUMNS, range(header_row or 0, (header_row or 0) + 1))
    missing = [c for c in DOCUMENT_COLUMNS if c not in columns]
    if header_row is None or missing:
        problems.append(f"{sheet}缺少列标题：{'、'.join(missing or DOCUMENT_COLUMNS)}")
        return table
    for name in DOCUMENT_ROWS:
        index = _row_index(grid, name)
        if index is None:
            problems.append(f"{sheet}找不到行“{name}”")
            continue
        for column, c in columns.items():
            value = grid[index][c] if c < len(grid[index]) else None
            table.documents[(name, column)] = int(_number(value, f"{sheet}“{name}”行“{column}”列", problems))
    for _section, header, keys in FIGURE_SECTIONS:
        for key in keys:
            index = _row_index(grid, key)
            if index is None:
                problems.append(f"{sheet}找不到行“{key}”")
                continue
            value = grid[index][1] if len(grid[index]) > 1 else None
            where = f"{sheet}“{key}”行“{header}”"
            table.figures[key] = _number(value, where, problems, whole=key != FEE_KEY)
    return table


def _read_table4(ws: Worksheet, year: int, problems: list[str]) -> Table4:
    grid = _grid(ws)
    sheet = f"工作表“{layout.SHEET_TABLE4}”"
    table = empty_table4(year)
    columns = _header_columns(grid, TABLE4_COLUMNS, range(0, 6))
    missing = [c for c in TABLE4_COLUMNS if c not in columns]
    if missing:
        problems.append(f"{sheet}缺少列标题：{'、'.join(missing)}")
        return table
    for group in TABLE4_GROUPS:
        label = TABLE4_ROW_LABELS[group]
        index = _row_index(grid, label)
        if index is None:
            problems.append(f"{sheet}找不到行“{label}”")
            continue
        for column, c in columns.items():
            value = grid[index][c] if c < len(grid[index]) else None
            table.cells[(group, column)] = int(_number(value, f"{sheet}“{label}”行“{column}”列", problems))
    return table


def _read_others(ws: Worksheet, problems: list[str]) -> list[OtherItem]:
    grid = _grid(ws)
    out = []
    for item in other_items():
        index = _row_index(grid, item.label)
        if index is None:
            if item.label in ADDED_OTHER_LABELS:  # a return written before these rows existed: they were 0
                continue
            problems.append(f"工作表“{layout.SHEET_OTHERS}”找不到行“{item.label}”")
            continue
        value = grid[index][1] if len(grid[index]) > 1 else None
        count = int(_number(value, f"工作表“{layout.SHEET_OTHERS}”“{item.label}”行", problems))
        note = _text(grid[index][2]) if len(grid[index]) > 2 else ""
        out.append(OtherItem(item.label, count, note))
    return out


def read_return(path: str | Path) -> UnitReturn:
    """One return file, checked; raises _Problems listing what is wrong with it."""
    path = Path(path)
    try:
        with open_xlsx(path, read_only=True, data_only=True) as workbook:
            return _read_workbook(path, workbook)
    except UnreadableXlsx as error:
        raise _Problems([error.reason]) from None


def _read_workbook(path: Path, workbook: Any) -> UnitReturn:
    """The sheets of an opened return, checked (see `read_return`)."""
    names = set(workbook.sheetnames)
    if layout.SHEET_INFO not in names:
        raise _Problems([f"缺少工作表“{layout.SHEET_INFO}”：不是本程序生成的报表"])
    info, units = _read_info(workbook[layout.SHEET_INFO])
    problems: list[str] = []
    kind, unit, period_text = (_text(info.get(k)) for k in (layout.KEY_KIND, layout.KEY_UNIT, layout.KEY_PERIOD))
    if not unit:
        problems.append(f"工作表“{layout.SHEET_INFO}”没有填写{layout.KEY_UNIT}")
    try:
        period = Period.parse(period_text)
    except UserError:
        raise _Problems(problems + [f"工作表“{layout.SHEET_INFO}”的{layout.KEY_PERIOD}“{period_text}”无效"]) from None
    if kind != period.kind_label:
        problems.append(f"报表类型“{kind}”与报告期“{period_text}”不符")
    required = layout.ANNUAL_SHEETS if period.kind == "year" else layout.MONTHLY_SHEETS
    missing = [s for s in required if s not in names and s != layout.SHEET_DETAILS]  # 明细 is not summed
    if missing:
        raise _Problems(problems + [f"缺少工作表：{'、'.join(missing)}"])
    result = UnitReturn(path, period, unit, _read_table3(workbook[layout.SHEET_TABLE3], period, problems))
    result.units = units
    if period.kind == "year":
        result.table2 = _read_table2(workbook[layout.SHEET_TABLE2], period.start.year, problems)
        result.table4 = _read_table4(workbook[layout.SHEET_TABLE4], period.start.year, problems)
        fee = info.get(layout.KEY_FEE, 0)
        result.fee_yuan = int(_number(fee if fee is not None else 0, f"{layout.KEY_FEE}", problems))
    else:
        result.others = _read_others(workbook[layout.SHEET_OTHERS], problems)
    if problems:
        raise _Problems(problems)
    return result


def _sum_table2(year: int, tables: list[Table2]) -> Table2:
    out = Table2(year, documents_registered=True)  # the units' own counts, as they reported them
    for table in tables:
        for cell, count in table.documents.items():
            out.documents[cell] = out.documents.get(cell, 0) + count
        for name, amount in table.figures.items():
            out.figures[name] = out.figures.get(name, 0.0) + amount
    out.figures[FEE_KEY] = round(out.figures.get(FEE_KEY, 0), 4)
    return out


def _sum_table4(year: int, tables: list[Table4]) -> Table4:
    out = empty_table4(year)
    for table in tables:
        for key in out.cells:
            out.cells[key] += table.get(*key)
    return out


def _sum_others(items: list[list[OtherItem]]) -> list[OtherItem]:
    totals: dict[str, int] = {}
    notes: dict[str, str] = {}
    for unit_items in items:
        for item in unit_items:
            totals[item.label] = totals.get(item.label, 0) + item.count
            if item.note:
                notes[item.label] = item.note
    return [OtherItem(i.label, totals.get(i.label, 0), notes.get(i.label, "")) for i in other_items({})]


def merge_returns(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    unit_name: str = "",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> MergeResult:
    """Sum the returns in `paths` (all of one kind and period) into `out`. A UserError listing every problem of
    every file when any file is not a well-formed return; nothing is written then."""
    if not paths:
        raise UserError("请选择要汇总的报表文件。")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件名应以.xlsx结尾：{out}")
    returns: list[UnitReturn] = []
    problems: list[str] = []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(index, len(paths) + 1)
        if Path(path).resolve() == out.resolve():
            problems.append(f"{Path(path).name}：与输出文件是同一个文件")
            continue
        try:
            returns.append(read_return(path))
        except _Problems as error:
            problems += [f"{Path(path).name}：{line}" for line in error.lines]
    if problems:
        raise UserError("以下文件不是完整的报表（或已被改动），没有汇总：", details=problems)
    periods = {r.period for r in returns}
    if len(periods) > 1:
        listed = "；".join(f"{r.path.name}：{r.period.kind_label}{r.period.label}" for r in returns)
        raise UserError("只能汇总同一报告期的同一种报表，这些文件的报告期不同：", details=[listed])
    period = returns[0].period
    units: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    duplicates: list[str] = []
    for r in returns:
        for name, unit_period in r.units or [(r.unit_name, r.period.key)]:
            if name in seen:
                duplicates.append(f"“{name}”同时出现在{seen[name]}和{r.path.name}中")
            seen[name] = r.path.name
            units.append((name, unit_period))
    if duplicates:
        raise UserError("同一单位的报表不能重复汇总：", details=duplicates)
    warnings = []
    for r in returns:
        failures = check_table3(r.table3)
        if failures:
            warnings += [f"{r.unit_name}（{r.path.name}）：{f}" for f in failures]
    table = sum_tables3(period, [r.table3 for r in returns])
    name = unit_name.strip() or f"汇总（{len(units)}个单位）"
    report = Return(
        period=period,
        unit_name=name,
        table3=Table3Result(table, check_table3(table)),
        units=units,
    )
    if period.kind == "year":
        year = period.start.year
        report = Return(
            period=period,
            unit_name=name,
            table3=report.table3,
            table2=_sum_table2(year, [r.table2 for r in returns if r.table2 is not None]),
            table4=_sum_table4(year, [r.table4 for r in returns if r.table4 is not None]),
            processing_fee_yuan=sum(r.fee_yuan for r in returns),
            units=units,
        )
    else:
        report = Return(
            period=period,
            unit_name=name,
            table3=report.table3,
            others=_sum_others([r.others for r in returns]),
            units=units,
        )
    from models.services.reports import PROGRAM

    written = layout.write_return(out, report, generated=now or datetime.now(), program=PROGRAM)
    if progress is not None:
        progress(len(paths) + 1, len(paths) + 1)
    return MergeResult(written, report, units, warnings)
