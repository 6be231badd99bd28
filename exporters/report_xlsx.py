"""The returns in Excel: the annual report (表二, 表三, 表四), the monthly return, the county's merged return.

Layout (an interface: county offices and `models.services.merge` read it back):
- every 表 in its own sheet with a fixed name (SHEETS); a title row, a unit/period row, then the table;
- 表三: column A holds the row labels verbatim (一、本年新收… （七）总计 …), the header rows hold the column
  headings (申请人情况 → 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计); the top-left note is verbatim;
- 表二: column A 信息内容 (规章 … 行政事业性收费), the headings of each section in its 信息内容 row;
- 表四: one row per kind of case (行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）) and the columns
  结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 (the official table turned on its side so that every row and
  column is found by its heading);
- 明细: a flat data sheet (one header row, no merged cells), personal data masked by the caller;
- 说明: 项目 → 内容 (报表类型, 单位名称, 报告期 …, the check results, and for a merged return the units).

Every numeric cell is a number (0 included); user text goes through `safe_cell` (never a formula); the file is
written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.doc_properties import set_xlsx_properties
from exporters.xlsx_safe import atomic_save, safe_cell
from models.domain.case import APPLICANT_TYPES
from models.domain.statistics import (
    APPLICANT_HEADER,
    CONTENT_HEADER,
    DETAIL_HEADERS,
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    DOCUMENTS_SECTION,
    FIGURE_SECTIONS,
    FORMAT_NAME,
    IDENTITY_NOTE,
    ORGANIZATION_HEADER,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    TABLE4_ROW_LABELS,
    TOTAL_COLUMN,
    DetailRow,
    Return,
    detail_values,
    figure_value,
)

Progress = Callable[[int, int], None]

SHEET_TABLE2 = "表二主动公开"
SHEET_TABLE3 = "表三申请情况"
SHEET_TABLE4 = "表四复议诉讼"
SHEET_OTHERS = "公开与解读"
SHEET_DETAILS = "明细"
SHEET_INFO = "说明"
ANNUAL_SHEETS = (SHEET_TABLE2, SHEET_TABLE3, SHEET_TABLE4, SHEET_DETAILS, SHEET_INFO)
MONTHLY_SHEETS = (SHEET_TABLE3, SHEET_OTHERS, SHEET_DETAILS, SHEET_INFO)

TITLE2 = "二、主动公开政府信息情况"
TITLE3 = "三、收到和处理政府信息公开申请情况"
TITLE4 = "四、政府信息公开行政复议、行政诉讼情况"
TITLE_OTHERS = "主动公开、征求意见和政策解读情况"
CASE_HEADER = "案件类别"
OTHERS_HEADERS = ("项目", "数量", "说明")

# 说明 sheet keys
INFO_HEADERS = ("项目", "内容")
KEY_KIND = "报表类型"
KEY_UNIT = "单位名称"
KEY_PERIOD = "报告期"
KEY_RANGE = "统计期间"
KEY_FORMAT = "格式"
KEY_GENERATED = "生成时间"
KEY_PROGRAM = "生成程序"
KEY_CHECK = "勾稽关系检查"
KEY_CHECK_LINE = "检查结果"
KEY_NOTE = "注"
KEY_DEADLINE = "报送截止日期"
KEY_LOCKED = "已锁定（已报送）"
KEY_FEE = "信息处理费（元）"
KEY_UNIT_COUNT = "汇总单位数"
KEY_MERGED_UNIT = "汇总单位"

TABLE3_HEADER_ROWS = (3, 4, 5)
TABLE3_FIRST_ROW = 6

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(ws: Worksheet, title: str, ret: Return, width: int) -> None:
    safe_cell(ws, 1, 1, title).font = _TITLE
    safe_cell(ws, 2, 1, f"单位：{ret.unit_name}　　报告期：{ret.period.label}")
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _head(ws: Worksheet, row: int, col: int, value: str) -> None:
    cell = safe_cell(ws, row, col, value)
    cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEAD_FILL, _CENTER, _BOX


def _box_range(ws: Worksheet, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col):
        for cell in row:
            cell.border = _BOX


def write_table3(ws: Worksheet, ret: Return) -> None:
    ws.title = SHEET_TABLE3
    table = ret.table3.table
    width = 1 + len(APPLICANT_TYPES) + 1
    _title(ws, TITLE3, ret, width)
    top, middle, bottom = TABLE3_HEADER_ROWS
    _head(ws, top, 1, IDENTITY_NOTE)
    ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    _head(ws, top, 2, APPLICANT_HEADER)
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=width)
    _head(ws, middle, 2, APPLICANT_TYPES[0])
    ws.merge_cells(start_row=middle, start_column=2, end_row=bottom, end_column=2)
    _head(ws, middle, 3, ORGANIZATION_HEADER)
    ws.merge_cells(start_row=middle, start_column=3, end_row=middle, end_column=width - 1)
    for offset, name in enumerate(APPLICANT_TYPES[1:]):
        _head(ws, bottom, 3 + offset, name)
    _head(ws, middle, width, TOTAL_COLUMN)
    ws.merge_cells(start_row=middle, start_column=width, end_row=bottom, end_column=width)
    _box_range(ws, top, bottom, 1, width)
    row = TABLE3_FIRST_ROW
    for line in table.lines():
        label = safe_cell(ws, row, 1, line.label)
        label.alignment = Alignment(indent=line.level * 2, vertical="center", wrap_text=True)
        if line.key is None or line.level == 0:
            label.font = _BOLD
        if line.key is not None:
            for col, column in enumerate((*APPLICANT_TYPES, TOTAL_COLUMN), start=2):
                safe_cell(ws, row, col, table.get(line.key, column)).alignment = Alignment(horizontal="center")
        row += 1
    _box_range(ws, TABLE3_FIRST_ROW, row - 1, 1, width)
    ws.column_dimensions["A"].width = 62
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.row_dimensions[top].height = 30
    ws.freeze_panes = ws.cell(row=TABLE3_FIRST_ROW, column=2)


def write_table2(ws: Worksheet, ret: Return) -> None:
    ws.title = SHEET_TABLE2
    table = ret.table2
    assert table is not None
    _title(ws, TITLE2, ret, 4)
    row = 3

    def section(name: str) -> None:
        nonlocal row
        _head(ws, row, 1, name)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1

    section(DOCUMENTS_SECTION)
    for col, header in enumerate((CONTENT_HEADER, *DOCUMENT_COLUMNS), start=1):
        _head(ws, row, col, header)
    row += 1
    for name in DOCUMENT_ROWS:
        safe_cell(ws, row, 1, name)
        for col, column in enumerate(DOCUMENT_COLUMNS, start=2):
            safe_cell(ws, row, col, table.document(name, column))
        row += 1
    for name, header, keys in FIGURE_SECTIONS:
        section(name)
        _head(ws, row, 1, CONTENT_HEADER)
        _head(ws, row, 2, header)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
        for key in keys:
            safe_cell(ws, row, 1, key)
            safe_cell(ws, row, 2, figure_value(key, table.figure(key)))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            row += 1
    _box_range(ws, 3, row - 1, 1, 4)
    for note in table.notes():
        row += 1
        safe_cell(ws, row, 1, f"注：{note}")
    ws.column_dimensions["A"].width = 30
    for letter in "BCD":
        ws.column_dimensions[letter].width = 18


def write_table4(ws: Worksheet, ret: Return) -> None:
    ws.title = SHEET_TABLE4
    table = ret.table4
    assert table is not None
    width = 1 + len(TABLE4_COLUMNS)
    _title(ws, TITLE4, ret, width)
    _head(ws, 3, 1, CASE_HEADER)
    for col, column in enumerate(TABLE4_COLUMNS, start=2):
        _head(ws, 3, col, column)
    for row, group in enumerate(TABLE4_GROUPS, start=4):
        safe_cell(ws, row, 1, TABLE4_ROW_LABELS[group])
        for col, column in enumerate(TABLE4_COLUMNS, start=2):
            safe_cell(ws, row, col, table.get(group, column))
    _box_range(ws, 3, 3 + len(TABLE4_GROUPS), 1, width)
    ws.column_dimensions["A"].width = 32
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12


def write_others(ws: Worksheet, ret: Return) -> None:
    ws.title = SHEET_OTHERS
    _title(ws, TITLE_OTHERS, ret, 3)
    for col, header in enumerate(OTHERS_HEADERS, start=1):
        _head(ws, 3, col, header)
    for row, item in enumerate(ret.others, start=4):
        safe_cell(ws, row, 1, item.label)
        safe_cell(ws, row, 2, item.count)
        safe_cell(ws, row, 3, item.note)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["C"].width = 30


def write_details(ws: Worksheet, rows: Iterable[DetailRow], *, total: int = 0, progress: Progress | None = None) -> int:
    """The flat 明细 sheet; returns the number of rows."""
    ws.title = SHEET_DETAILS
    for col, header in enumerate(DETAIL_HEADERS, start=1):
        cell = safe_cell(ws, 1, col, header)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, value in enumerate(detail_values(row), start=1):
            safe_cell(ws, count + 1, col, value)
        if progress is not None and count % 200 == 0:
            progress(count, total)
    widths = {"申请编号": 11, "申请人": 14, "证件号码": 22, "申请内容": 40, "具体情形": 24, "表三行": 30}
    for col, header in enumerate(DETAIL_HEADERS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(header, 12)
    ws.freeze_panes = "B2"
    return count


def info_rows(ret: Return, *, generated: datetime, program: str) -> list[tuple[str, object, object]]:
    start, end = ret.period.start, ret.period.end
    rows: list[tuple[str, object, object]] = [
        (KEY_KIND, ret.period.kind_label, None),
        (KEY_UNIT, ret.unit_name, None),
        (KEY_PERIOD, ret.period.key, None),
        (KEY_RANGE, f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日", None),
        (KEY_FORMAT, FORMAT_NAME, None),
        (KEY_GENERATED, generated.replace(microsecond=0), None),
        (KEY_PROGRAM, program, None),
        (KEY_CHECK, "通过" if ret.table3.ok else "未通过", None),
    ]
    rows += [(KEY_CHECK_LINE, line.strip(), None) for line in ret.table3.summary()]
    if ret.is_annual:
        rows.append((KEY_FEE, ret.processing_fee_yuan, None))
        if ret.deadline is not None:
            rows.append((KEY_DEADLINE, ret.deadline, None))
        if ret.table2 is not None:
            rows += [(KEY_NOTE, f"表二：{note}", None) for note in ret.table2.notes()]
    rows += [(KEY_NOTE, f"{item.label}：{item.note}", None) for item in ret.others if item.note]
    if not ret.units:
        rows.append((KEY_LOCKED, "是" if ret.locked else "否", None))
    else:
        rows.append((KEY_UNIT_COUNT, len(ret.units), None))
        rows += [(KEY_MERGED_UNIT, unit, period) for unit, period in ret.units]
    return rows


def write_info(ws: Worksheet, ret: Return, *, generated: datetime, program: str) -> None:
    ws.title = SHEET_INFO
    for col, header in enumerate(INFO_HEADERS, start=1):
        cell = safe_cell(ws, 1, col, header)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    for row, (key, value, extra) in enumerate(info_rows(ret, generated=generated, program=program), start=2):
        safe_cell(ws, row, 1, key)
        safe_cell(ws, row, 2, value)
        if extra is not None:
            safe_cell(ws, row, 3, extra)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 90


def write_return(
    path: str | Path,
    ret: Return,
    *,
    details: Iterable[DetailRow] | None = None,
    detail_total: int = 0,
    generated: datetime,
    program: str = "",
    progress: Progress | None = None,
) -> Path:
    """Write an annual or monthly return (with the 明细 sheet when `details` is given); atomically. The file's
    properties: the return's title, the unit as author, `generated` as the creation time."""
    workbook = Workbook()
    set_xlsx_properties(workbook, title=ret.title, author=ret.unit_name, created=generated, subject=FORMAT_NAME)
    first = workbook.active
    if ret.is_annual:
        write_table2(first, ret)
        write_table3(workbook.create_sheet(), ret)
        write_table4(workbook.create_sheet(), ret)
    else:
        write_table3(first, ret)
        write_others(workbook.create_sheet(), ret)
    if details is not None:
        write_details(workbook.create_sheet(), details, total=detail_total, progress=progress)
    write_info(workbook.create_sheet(), ret, generated=generated, program=program)
    for sheet in workbook.worksheets:  # only one selected tab, or Excel opens the sheets grouped
        sheet.sheet_view.tabSelected = sheet.title == SHEET_TABLE3
    workbook.active = workbook.sheetnames.index(SHEET_TABLE3)
    return atomic_save(workbook, path)
