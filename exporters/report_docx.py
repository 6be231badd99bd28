"""The annual report as a Word document (python-docx), ready for the clerk to write the narrative parts into.

The six parts of the 2021 format (一、总体情况 … 六、其他需要报告的事项) as headings; 表二, 表三 and 表四 each in
a table of its own in the official layout (merged header cells, row labels verbatim, every number written out,
0 included); 信息处理费 collected in the year filled in under 六. The East-Asian font is set on every run
(w:eastAsia, w:hint) because Word has no font fallback for Chinese text. Written atomically.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from exporters.atomic_file import atomic_write
from exporters.doc_properties import set_docx_properties
from exporters.fonts import choose_fonts
from models.domain.annual_text import PLACEHOLDER_MARK, AnnualText, default_text
from models.domain.case import APPLICANT_TYPES
from models.domain.statistics import (
    APPLICANT_HEADER,
    COLUMNS,
    CONTENT_HEADER,
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    DOCUMENTS_SECTION,
    FIGURE_SECTIONS,
    IDENTITY_NOTE,
    LAWSUIT,
    ORGANIZATION_HEADER,
    REVIEW,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    Return,
    figure_value,
)

HEADINGS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
HEADING_FONT = "黑体"  # first-level headings: 3号黑体 (GB/T 9704); on every Chinese Windows
TABLE_FONT = "宋体"


def _set_font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


class _Writer:
    def __init__(self) -> None:
        self.doc = Document()
        choice = choose_fonts()  # the body and title fonts this PC has (shared with the letters)
        self.body, self.title_font, self.title_bold = choice.body, choice.title, choice.title_bold
        self.heading_font, self.table_font = HEADING_FONT, TABLE_FONT
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.PORTRAIT
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = self.body
        normal.font.size = Pt(16)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), self.body)

    def paragraph(self, text: str, *, font: str | None = None, size: float = 16, bold: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        run = paragraph.add_run(text)
        _set_font(run, font or self.body, size, bold=bold)
        if PLACEHOLDER_MARK in text:  # still to be written: the clerk sees it at a glance
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return paragraph

    def text(self, text: str) -> None:
        """The clerk's text: one paragraph per non-empty line."""
        for line in text.splitlines():
            if line.strip():
                self.paragraph(line.strip())

    def title(self, text: str) -> None:
        """The report's title in Word's "Title" style, so that a reader of published reports (and the navigation
        pane) finds it as the document's title; the style is made plain black without the template's rule."""
        style = self.doc.styles["Title"]
        style.font.color.rgb = RGBColor(0, 0, 0)
        p_pr = style.element.get_or_add_pPr()
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)
        paragraph = self.doc.add_paragraph(style="Title")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        _set_font(run, self.title_font, 22, bold=self.title_bold)
        run.font.color.rgb = RGBColor(0, 0, 0)

    def heading(self, text: str) -> None:
        paragraph = self.doc.add_heading(level=1)
        paragraph.paragraph_format.first_line_indent = Pt(32)
        run = paragraph.add_run(text)
        _set_font(run, self.heading_font, 16)
        run.font.color.rgb = RGBColor(0, 0, 0)

    def cell(self, cell: _Cell, text: Any, *, center: bool = True, size: float = 9) -> None:
        paragraph = cell.paragraphs[0]
        for extra in cell.paragraphs[1:]:  # merged cells keep the paragraphs of every part
            extra._element.getparent().remove(extra._element)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        _set_font(paragraph.add_run(str(text)), self.table_font, size)

    def table(self, rows: int, cols: int, widths_mm: list[float]) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)  # the grid: what Word and LibreOffice lay the table out by
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table


def _merge(table: Table, top: int, left: int, bottom: int, right: int) -> _Cell:
    return table.cell(top, left).merge(table.cell(bottom, right))


def _table2(w: _Writer, ret: Return) -> None:
    t2 = ret.table2
    assert t2 is not None
    rows = 4 + sum(2 + len(keys) for _s, _h, keys in FIGURE_SECTIONS)
    table = w.table(rows, 4, [50, 34, 34, 34])
    w.cell(_merge(table, 0, 0, 0, 3), DOCUMENTS_SECTION)
    for col, header in enumerate((CONTENT_HEADER, *DOCUMENT_COLUMNS)):
        w.cell(table.cell(1, col), header)
    r = 2
    for name in DOCUMENT_ROWS:
        w.cell(table.cell(r, 0), name)
        for col, column in enumerate(DOCUMENT_COLUMNS, start=1):
            w.cell(table.cell(r, col), t2.document(name, column))
        r += 1
    for section, header, keys in FIGURE_SECTIONS:
        w.cell(_merge(table, r, 0, r, 3), section)
        w.cell(table.cell(r + 1, 0), CONTENT_HEADER)
        w.cell(_merge(table, r + 1, 1, r + 1, 3), header)
        r += 2
        for key in keys:
            w.cell(table.cell(r, 0), key)
            w.cell(_merge(table, r, 1, r, 3), figure_value(key, t2.figure(key)))
            r += 1


def _table3(w: _Writer, ret: Return) -> None:
    t3 = ret.table3.table
    lines = t3.lines()
    data_rows = [line for line in lines if line.key is not None]
    table = w.table(3 + len(data_rows), 10, [13, 16, 38] + [12.5] * 7)
    w.cell(_merge(table, 0, 0, 2, 2), IDENTITY_NOTE, size=8)
    w.cell(_merge(table, 0, 3, 0, 9), APPLICANT_HEADER)
    w.cell(_merge(table, 1, 3, 2, 3), APPLICANT_TYPES[0])
    w.cell(_merge(table, 1, 4, 1, 8), ORGANIZATION_HEADER)
    w.cell(_merge(table, 1, 9, 2, 9), COLUMNS[-1])
    for col, name in enumerate(APPLICANT_TYPES[1:], start=4):
        w.cell(table.cell(2, col), name)
    open_spans: dict[int, tuple[str, int]] = {}
    r = 3

    def close(column: int) -> None:
        if column in open_spans:
            label, first = open_spans.pop(column)
            if r > first:
                w.cell(_merge(table, first, column, r - 1, column), label, center=False)

    for line in lines:
        if line.key is None:
            close(line.level)
            open_spans[line.level] = (line.label, r)
            continue
        if line.level == 0:
            close(1)
            close(0)
            w.cell(_merge(table, r, 0, r, 2), line.label, center=False)
        elif line.level == 1:
            close(1)
            w.cell(_merge(table, r, 1, r, 2), line.label, center=False)
        else:
            w.cell(table.cell(r, 2), line.label, center=False)
        for col, column in enumerate(COLUMNS, start=3):
            w.cell(table.cell(r, col), t3.get(line.key, column))
        r += 1


def _table4(w: _Writer, ret: Return) -> None:
    t4 = ret.table4
    assert t4 is not None
    n = len(TABLE4_COLUMNS)
    table = w.table(4, 3 * n, [10.4] * (3 * n))
    w.cell(_merge(table, 0, 0, 0, n - 1), REVIEW)
    w.cell(_merge(table, 0, n, 0, 3 * n - 1), LAWSUIT)
    for col, column in enumerate(TABLE4_COLUMNS):
        w.cell(_merge(table, 1, col, 2, col), column, size=8)
    w.cell(_merge(table, 1, n, 1, 2 * n - 1), TABLE4_GROUPS[1], size=8)
    w.cell(_merge(table, 1, 2 * n, 1, 3 * n - 1), TABLE4_GROUPS[2], size=8)
    for offset in (n, 2 * n):
        for col, column in enumerate(TABLE4_COLUMNS):
            w.cell(table.cell(2, offset + col), column, size=8)
    for col, (group, column) in enumerate((g, c) for g in TABLE4_GROUPS for c in TABLE4_COLUMNS):
        w.cell(table.cell(3, col), t4.get(group, column))


def write_annual_docx(
    path: str | Path, ret: Return, *, text: AnnualText | None = None, created: datetime | None = None
) -> Path:
    """The annual report's Word version: the title (a real heading and the document's title property), the six
    parts with the clerk's text of 一、五、六 (default: the draft from the figures and the placeholders), the three
    tables, the 信息处理费 under 六."""
    text = text or default_text(ret)
    w = _Writer()
    year = ret.period.start.year
    set_docx_properties(
        w.doc, title=ret.title, author=ret.unit_name, created=created, subject=f"{year}年政府信息公开工作年度报告"
    )
    w.title(ret.title)
    w.paragraph(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）要求，由{ret.unit_name}编制。本报告所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。"
    )
    w.heading(HEADINGS[0])
    w.text(text.summary)
    w.heading(HEADINGS[1])
    _table2(w, ret)
    if ret.table2 is not None:
        for note in ret.table2.notes():
            w.paragraph(f"注：{note}", size=10.5)
    w.heading(HEADINGS[2])
    _table3(w, ret)
    w.heading(HEADINGS[3])
    _table4(w, ret)
    w.heading(HEADINGS[4])
    w.text(text.problems)
    w.heading(HEADINGS[5])
    w.paragraph(f"本年度收取信息处理费{ret.processing_fee_yuan}元。")
    w.text(text.other)
    return atomic_write(path, lambda temp: w.doc.save(str(temp)))
