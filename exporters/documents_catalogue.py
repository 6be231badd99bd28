"""The unit's published lists of documents (dataclasses in, files out; no session):

- the catalogue of 行政规范性文件 by 状态 (现行有效 · 已修改 · 已废止 · 已失效; the lists of 继续有效、废止和失效
  normative documents the unit publishes, README §6) as .xlsx (one sheet per 状态) and as PDF (embedded CJK font);
- the 主动公开目录: the 公开目录 tree with the documents on each node, as .xlsx.
Every cell goes through `safe_cell` (text never becomes a formula); files are written atomically with properties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from exporters.doc_properties import set_xlsx_properties
from exporters.xlsx_safe import atomic_save, safe_cell

STATES = ("现行有效", "已修改", "已废止", "已失效")
NORMATIVE_HEADERS = (
    "序号",
    "文号",
    "标题",
    "发文机关",
    "成文日期",
    "有效期至",
    "状态",
    "状态变更日期",
    "发布日期",
    "网址",
)
CATALOGUE_HEADERS = ("公开目录", "文号", "标题", "发文机关", "成文日期", "发布日期", "网址")


@dataclass(frozen=True)
class ListedDocument:
    number: str
    title: str
    issuer: str
    written: date
    valid_until: date | None
    state: str
    state_changed: date | None
    published: date | None
    url: str


@dataclass(frozen=True)
class CatalogueSection:
    path: str  # 政府信息公开目录 › 惠民惠农资金
    documents: Sequence[ListedDocument]


def normative_title(unit_name: str) -> str:
    return f"{unit_name}行政规范性文件目录"


def _normative_cells(index: int, doc: ListedDocument) -> tuple[Any, ...]:
    return (index, doc.number, doc.title, doc.issuer, doc.written, doc.valid_until, doc.state, doc.state_changed,
            doc.published, doc.url)  # fmt: skip


def _header_row(ws: Any, row: int, headers: Sequence[str]) -> None:
    from openpyxl.styles import Font, PatternFill

    for col, header in enumerate(headers, start=1):
        cell = safe_cell(ws, row, col, header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")


def write_normative_xlsx(
    path: str | Path, groups: Mapping[str, Sequence[ListedDocument]], *, unit_name: str, as_of: date
) -> Path:
    """One sheet per 状态 (in the order 现行有效, 已修改, 已废止, 已失效), a title line, then the documents."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for state in STATES:
        ws = workbook.create_sheet(state)
        rows = groups.get(state, ())
        safe_cell(
            ws, 1, 1, f"{normative_title(unit_name)}（{state}，截至{as_of.isoformat()}，共{len(rows)}件）"
        ).font = Font(bold=True, size=13)
        _header_row(ws, 2, NORMATIVE_HEADERS)
        for index, doc in enumerate(rows, start=1):
            for col, value in enumerate(_normative_cells(index, doc), start=1):
                safe_cell(ws, index + 2, col, value)
        for letter, width in zip("ABCDEFGHIJ", (6, 24, 48, 20, 12, 12, 10, 13, 12, 36), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A3"
    set_xlsx_properties(workbook, title=normative_title(unit_name), author=unit_name)
    return atomic_save(workbook, path)


def write_normative_pdf(
    path: str | Path, groups: Mapping[str, Sequence[ListedDocument]], *, unit_name: str, as_of: date
) -> Any:
    """The same catalogue as a landscape A4 PDF with the embedded CJK font; returns a `report_pdf.PdfResult`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from exporters.pdf_fonts import missing_glyphs, register_cjk_font
    from exporters.report_pdf import _GRID, PdfResult, _build, _Text

    font = register_cjk_font()
    texts = [unit_name, *NORMATIVE_HEADERS, *STATES]
    texts += [str(v) for rows in groups.values() for doc in rows for v in _normative_cells(0, doc) if v]
    missing = missing_glyphs(texts)
    t = _Text(font, missing, size=8)
    title = normative_title(unit_name)
    story: list[Any] = [t(f"{title}（截至{as_of.isoformat()}）", t.title)]
    widths = (10, 38, 78, 30, 19, 19, 14, 19, 19, 20)
    for state in STATES:
        rows = groups.get(state, ())
        story.append(t(f"{state}（{len(rows)}件）", t.heading))
        data: list[list[Any]] = [[t.num(h) for h in NORMATIVE_HEADERS]]
        for index, doc in enumerate(rows, start=1):
            data.append([_cell(t, v) for v in _normative_cells(index, doc)])
        if not rows:
            data.append([t("（无）"), *["" for _ in NORMATIVE_HEADERS[1:]]])
        table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1, splitInRow=1)
        style = [*_GRID, ("FONT", (0, 0), (-1, -1), font), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7"))]
        table.setStyle(TableStyle(style))
        story += [table, Spacer(1, 3 * mm)]
    pages = _build(path, story, pagesize=landscape(A4), header=(unit_name, title), font=font)
    return PdfResult(Path(path), pages, missing)


def _cell(t: Any, value: Any) -> Any:
    """A table cell: a Paragraph with the CJK font, or "" for an empty value."""
    if value is None or value == "":
        return ""
    return t(value.isoformat() if isinstance(value, date) else value)


def write_public_catalogue_xlsx(path: str | Path, sections: Sequence[CatalogueSection], *, unit_name: str) -> Path:
    """主动公开目录: each node of the 公开目录 with its 主动公开 documents (a node without documents is listed too)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    ws = workbook.active
    ws.title = "主动公开目录"
    title = f"{unit_name}主动公开目录"
    safe_cell(ws, 1, 1, title).font = Font(bold=True, size=13)
    _header_row(ws, 2, CATALOGUE_HEADERS)
    row = 3
    for section in sections:
        if not section.documents:
            safe_cell(ws, row, 1, section.path)
            row += 1
        for doc in section.documents:
            values = (section.path, doc.number, doc.title, doc.issuer, doc.written, doc.published, doc.url)
            for col, value in enumerate(values, start=1):
                safe_cell(ws, row, col, value)
            row += 1
    for letter, width in zip("ABCDEFG", (36, 24, 48, 20, 12, 12, 36), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    set_xlsx_properties(workbook, title=title, author=unit_name)
    return atomic_save(workbook, path)
