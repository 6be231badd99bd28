"""PDF print-outs with reportlab: the statistics tables (表二, 表三, 表四 in the official layout) and the
application ledger. A4 (the ledger in landscape), an embedded CJK TrueType font (`pdf_fonts`), the unit name and
the period in the header of every page, 第N页 共M页 in the footer. Characters the font lacks are printed as 〓
and returned to the caller to report. Written atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from exporters.atomic_file import atomic_write
from exporters.pdf_fonts import missing_glyphs, printable, register_cjk_font
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

Progress = Callable[[int, int], None]

LEDGER_HEADERS: tuple[str, ...] = (
    "申请编号",
    "收到日期",
    "申请人类型",
    "申请人",
    "申请内容",
    "状态",
    "答复期限",
    "办理结果",
    "具体情形",
    "结果日期",
    "按时",
)
_LEDGER_WIDTHS_MM = (19, 18, 16, 24, 62, 14, 18, 15, 38, 18, 10)
_MARGIN = 15 * mm
_GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


@dataclass
class PdfResult:
    path: Path
    pages: int = 0
    missing_glyphs: list[str] = field(default_factory=list)

    def warning(self) -> str:
        if not self.missing_glyphs:
            return ""
        return f"注意：字体中没有以下字符，PDF中以“〓”代替，请在纸面上手工补写：{'、'.join(self.missing_glyphs)}"


class _Text:
    """Paragraph factory with the CJK font; every text passes through the missing-glyph replacement."""

    def __init__(self, font: str, missing: Iterable[str], size: float = 8) -> None:
        self.font, self.missing = font, list(missing)
        self.body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK")
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.title = ParagraphStyle(
            "title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=4 * mm
        )
        self.heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=16, spaceBefore=4 * mm)

    def __call__(self, text: Any, style: ParagraphStyle | None = None) -> Paragraph:
        value = printable(str(text), self.missing)
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(value, style or self.body)

    def num(self, value: Any) -> Paragraph:
        return self(value, self.center)


def _numbered_canvas(header_left: str, header_right: str, font: str) -> type[pdfcanvas.Canvas]:
    class NumberedCanvas(pdfcanvas.Canvas):
        """Two passes: the pages are kept until the end so that every footer can say 共M页."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", font)  # no stray (non-embedded) Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 9)
            self.drawString(_MARGIN, height - 10 * mm, header_left)
            self.drawRightString(width - _MARGIN, height - 10 * mm, header_right)
            self.setStrokeColor(colors.grey)
            self.line(_MARGIN, height - 11.5 * mm, width - _MARGIN, height - 11.5 * mm)
            self.drawCentredString(width / 2, 8 * mm, f"第 {self._pageNumber} 页  共 {total} 页")
            self.restoreState()

    return NumberedCanvas


def _build(
    path: str | Path, story: list[Flowable], *, pagesize: tuple[float, float], header: tuple[str, str], font: str
) -> int:
    pages = 0

    def write(temp: Path) -> None:
        nonlocal pages
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=pagesize,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=18 * mm,
            bottomMargin=16 * mm,
            title=header[1],
            author=header[0],
        )
        doc.build(story, canvasmaker=_numbered_canvas(header[0], header[1], font))
        pages = doc.page

    atomic_write(path, write, program="PDF阅读器")
    return pages


# -- the statistics tables -----------------------------------------------------------------------------------


def _table3(ret: Return, t: _Text) -> Table:
    table = ret.table3.table
    orgs = list(APPLICANT_TYPES[1:])
    rows: list[list[Any]] = [
        [t(IDENTITY_NOTE), "", "", t.num(APPLICANT_HEADER), *[""] * 6],
        ["", "", "", t.num(APPLICANT_TYPES[0]), t.num(ORGANIZATION_HEADER), "", "", "", "", t.num(COLUMNS[-1])],
        ["", "", "", "", *[t.num(o) for o in orgs], ""],
    ]
    spans = [((0, 0), (2, 2)), ((3, 0), (9, 0)), ((3, 1), (3, 2)), ((4, 1), (8, 1)), ((9, 1), (9, 2))]
    # A heading line (三、本年度办理结果, （三）不予公开 …) has no row of its own: it is a cell spanning its rows.
    open_spans: dict[int, tuple[str, int]] = {}  # column → (label, first row)

    def close(column: int) -> None:
        if column in open_spans:
            label, first = open_spans.pop(column)
            if len(rows) > first:
                rows[first][column] = t(label)
                spans.append(((column, first), (column, len(rows) - 1)))

    for line in table.lines():
        if line.key is None:
            close(line.level)
            open_spans[line.level] = (line.label, len(rows))
            continue
        r = len(rows)
        numbers = [t.num(table.get(line.key, column)) for column in COLUMNS]
        if line.level == 0:
            close(1)
            close(0)
            rows.append([t(line.label), "", "", *numbers])
            spans.append(((0, r), (2, r)))
        elif line.level == 1:
            close(1)
            rows.append(["", t(line.label), "", *numbers])
            spans.append(((1, r), (2, r)))
        else:
            rows.append(["", "", t(line.label), *numbers])
    widths = [16 * mm, 20 * mm, 46 * mm] + [14 * mm] * 7
    out = Table(rows, colWidths=widths, repeatRows=3)
    out.setStyle(TableStyle(_GRID + [("SPAN", a, b) for a, b in spans]))
    return out


def _table4(ret: Return, t: _Text) -> Table:
    table = ret.table4
    assert table is not None
    n = len(TABLE4_COLUMNS)
    rows: list[list[Any]] = [
        [t.num(REVIEW), *[""] * (n - 1), t.num(LAWSUIT), *[""] * (2 * n - 1)],
        [*[t.num(c) for c in TABLE4_COLUMNS], t.num(TABLE4_GROUPS[1]), *[""] * (n - 1)]
        + [t.num(TABLE4_GROUPS[2]), *[""] * (n - 1)],
        [*[""] * n, *[t.num(c) for c in TABLE4_COLUMNS], *[t.num(c) for c in TABLE4_COLUMNS]],
        [t.num(table.get(g, c)) for g in TABLE4_GROUPS for c in TABLE4_COLUMNS],
    ]
    spans = [((0, 0), (n - 1, 0)), ((n, 0), (3 * n - 1, 0)), ((n, 1), (2 * n - 1, 1)), ((2 * n, 1), (3 * n - 1, 1))]
    spans += [((c, 1), (c, 2)) for c in range(n)]
    out = Table(rows, colWidths=[12 * mm] * (3 * n))
    out.setStyle(TableStyle(_GRID + [("SPAN", a, b) for a, b in spans]))
    return out


def _table2(ret: Return, t: _Text) -> Table:
    table = ret.table2
    assert table is not None
    rows: list[list[Any]] = [
        [t(DOCUMENTS_SECTION), "", "", ""],
        [t(CONTENT_HEADER), *[t.num(c) for c in DOCUMENT_COLUMNS]],
    ]
    spans = [((0, 0), (3, 0))]
    for name in DOCUMENT_ROWS:
        rows.append([t(name), *[t.num(table.document(name, c)) for c in DOCUMENT_COLUMNS]])
    for section, header, keys in FIGURE_SECTIONS:
        spans.append(((0, len(rows)), (3, len(rows))))
        rows.append([t(section), "", "", ""])
        spans.append(((1, len(rows)), (3, len(rows))))
        rows.append([t(CONTENT_HEADER), t.num(header), "", ""])
        for key in keys:
            spans.append(((1, len(rows)), (3, len(rows))))
            rows.append([t(key), t.num(figure_value(key, table.figure(key))), "", ""])
    out = Table(rows, colWidths=[50 * mm, 40 * mm, 40 * mm, 40 * mm])
    out.setStyle(TableStyle(_GRID + [("SPAN", a, b) for a, b in spans]))
    return out


def _return_texts(ret: Return) -> list[str]:
    from models.domain.statistics import table3_lines

    texts = [ret.unit_name, ret.period.label, IDENTITY_NOTE, *COLUMNS, ORGANIZATION_HEADER, APPLICANT_HEADER]
    texts += [line.label for line in table3_lines(ret.period.kind)]
    texts += ret.table3.summary()
    return texts


def write_tables_pdf(path: str | Path, ret: Return) -> PdfResult:
    """表二 (annual), 表三 and 表四 (annual) in the official layout, with the check results."""
    font = register_cjk_font()
    missing = missing_glyphs(_return_texts(ret))
    t = _Text(font, missing)
    story: list[Flowable] = [t(ret.title, t.title)]
    if ret.table2 is not None:
        story += [t("二、主动公开政府信息情况", t.heading), Spacer(1, 2 * mm), _table2(ret, t)]
        story += [t(f"注：{note}") for note in ret.table2.notes()]
        story.append(PageBreak())  # 表三 on a page of its own
    story += [t("三、收到和处理政府信息公开申请情况", t.heading), Spacer(1, 2 * mm), _table3(ret, t)]
    story.append(Spacer(1, 2 * mm))
    if ret.table3.ok:
        story.append(t("勾稽关系检查：通过（第一项加第二项之和，等于第三项加第四项之和）。"))
    else:
        story.append(t("勾稽关系检查：未通过。"))
        story += [t(line) for line in ret.table3.summary()]
    if ret.table4 is not None:
        story += [t("四、政府信息公开行政复议、行政诉讼情况", t.heading), Spacer(1, 2 * mm), _table4(ret, t)]
    pages = _build(path, story, pagesize=A4, header=(ret.unit_name, ret.period.label), font=font)
    return PdfResult(Path(path), pages, missing)


# -- the ledger ----------------------------------------------------------------------------------------------


def write_ledger_pdf(
    path: str | Path,
    rows: Sequence[Sequence[Any]],
    *,
    unit_name: str,
    period_label: str,
    progress: Progress | None = None,
) -> PdfResult:
    """The application ledger, one line per application (`rows` in LEDGER_HEADERS order, personal data already
    masked by the caller), landscape A4."""
    font = register_cjk_font()
    texts = [unit_name, period_label, *LEDGER_HEADERS]
    texts += [str(v) for row in rows for v in row if v is not None]
    missing = missing_glyphs(texts)
    t = _Text(font, missing, size=7.5)
    data: list[list[Any]] = [[t.num(h) for h in LEDGER_HEADERS]]
    for index, row in enumerate(rows, start=1):
        data.append([t("" if v is None else v) for v in row])
        if progress is not None and index % 200 == 0:
            progress(index, len(rows))
    # splitInRow: a row taller than a page (a 申请内容 of a thousand characters) continues on the next page
    # instead of stopping the whole print-out; its cells start at the top so the number heads the row.
    table = Table(data, colWidths=[w * mm for w in _LEDGER_WIDTHS_MM], repeatRows=1, splitInRow=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")), ("VALIGN", (0, 1), (-1, -1), "TOP")]
    table.setStyle(TableStyle(_GRID + style))
    story: list[Flowable] = [t(f"{unit_name}依申请公开政府信息台账（{period_label}）", t.title), table]
    story.append(Spacer(1, 3 * mm))
    story.append(t(f"共 {len(rows)} 件。申请人姓名已遮盖；证件号码、联系电话不打印。"))
    pages = _build(path, story, pagesize=landscape(A4), header=(unit_name, period_label), font=font)
    if progress is not None:
        progress(len(rows), len(rows))
    return PdfResult(Path(path), pages, missing)
