"""The month of the 期限日历 printed on A4 landscape: a grid of the weeks (一…日) with each day's 休/班 mark and its
items (state text, not colour alone), then the full list of the month's items (a day's cell shows the first few
and 另N项). Title “YYYY年M月 期限日历 — 单位名称”; the embedded CJK font of the other PDFs; written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from exporters.pdf_fonts import missing_glyphs, printable, register_cjk_font
from exporters.report_pdf import _GRID, PdfResult, _build, _Text
from models.domain.deadline_calendar import (
    STATE_COLOUR,
    STATE_LEGEND,
    STATE_TAG,
    UNCERTAIN_TIP,
    WEEKDAY_NAMES,
    DeadlineItem,
)

CELL_ITEMS = 5  # items printed in a day's cell; the rest are counted (另N项) and listed after the grid
CELL_WIDTH = 38 * mm
CELL_TEXT_WIDTH = CELL_WIDTH - 4 * mm  # an item's text is cut to one line of its cell
ITEM_SIZE = 7
LIST_HEADERS = ("日期", "状态", "登记簿", "编号", "事项", "承办人")
_LIST_WIDTHS_MM = (22, 30, 22, 32, 131, 30)


class PrintedDay(Protocol):  # models.services.deadline_calendar.CalendarDay (frozen: read-only here)
    @property
    def day(self) -> date: ...
    @property
    def mark(self) -> str: ...  # 休 | 班 | ""
    @property
    def uncertain(self) -> bool: ...
    @property
    def items(self) -> list[DeadlineItem]: ...


@dataclass
class CalendarPdfResult(PdfResult):
    items: int = 0


def calendar_title(year: int, month: int, unit_name: str) -> str:
    title = f"{year}年{month}月 期限日历"
    return f"{title} — {unit_name}" if unit_name else title


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fit(text: str, font: str) -> str:
    """`text` cut (with …) to one line of a day's cell."""
    if stringWidth(text, font, ITEM_SIZE) <= CELL_TEXT_WIDTH:
        return text
    while text and stringWidth(text + "…", font, ITEM_SIZE) > CELL_TEXT_WIDTH:
        text = text[:-1]
    return text + "…"


def _item_line(item: DeadlineItem, missing: list[str], font: str) -> str:
    line = _escape(_fit(printable(f"{STATE_TAG[item.state]}{item.key} {item.what}", missing), font))
    return f'<font color="{STATE_COLOUR[item.state]}">{line}</font>'


def _cell(day: PrintedDay, month: int, styles: tuple[ParagraphStyle, ParagraphStyle], missing: list[str]) -> list:
    """The day number, its 休/班 mark (? when the year has no holiday data) and the first items; a day of the
    previous or next month shows only its number (its items belong to that month's print)."""
    head_style, item_style = styles
    font = item_style.fontName
    head = f"<b>{day.day.day}</b>"
    if day.mark:
        head += f"　<font color='{'#2E7D32' if day.mark == '休' else '#C62828'}'>{day.mark}</font>"
    if day.uncertain:
        head += "　?"
    if day.day.month != month:
        return [Paragraph(f"<font color='#9E9E9E'>{head}</font>", head_style)]
    lines = [_item_line(item, missing, font) for item in day.items[:CELL_ITEMS]]
    if len(day.items) > CELL_ITEMS:
        lines.append(f"另{len(day.items) - CELL_ITEMS}项（见清单）")
    return [Paragraph(head, head_style), *(Paragraph(line, item_style) for line in lines)]


def write_calendar_pdf(
    path: str | Path, year: int, month: int, days: Sequence[PrintedDay], *, unit_name: str
) -> CalendarPdfResult:
    """`days`: the six weeks of the month's grid (Monday first), each with its items."""
    font = register_cjk_font()
    in_month = [d for d in days if d.day.month == month]
    items = [item for d in in_month for item in d.items]
    texts = [unit_name, STATE_LEGEND, *(i.what for i in items), *(i.key for i in items), *(i.owner for i in items)]
    missing = missing_glyphs(texts)
    t = _Text(font, missing, size=8)
    title = calendar_title(year, month, unit_name)
    head_style = ParagraphStyle("day", fontName=font, fontSize=9, leading=11)
    item_style = ParagraphStyle("item", fontName=font, fontSize=ITEM_SIZE, leading=ITEM_SIZE * 1.23)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    while weeks and all(d.day.month != month for d in weeks[-1]):
        weeks.pop()  # a sixth week wholly in the next month is not printed
    grid: list[list[Any]] = [[t.num(name) for name in WEEKDAY_NAMES]]
    grid += [[_cell(d, month, (head_style, item_style), missing) for d in week] for week in weeks]
    usable = landscape(A4)[1] - 34 * mm - 31 * mm  # page margins; title, weekday header and legend
    table = Table(grid, colWidths=[CELL_WIDTH] * 7, rowHeights=[7 * mm] + [usable / len(weeks)] * len(weeks))
    style = [*_GRID, ("VALIGN", (0, 1), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7"))]
    table.setStyle(TableStyle(style))
    story: list[Any] = [t(title, t.title), table, Spacer(1, 2 * mm)]
    notes = STATE_LEGEND + "；休：法定节假日放假，班：调休上班。"
    if any(d.uncertain for d in in_month):
        notes += f"？：{UNCERTAIN_TIP}，休/班标记和期限可能不准确。"
    story.append(t(notes))
    story += [PageBreak(), t(f"本月期限清单（共{len(items)}项）", t.heading), Spacer(1, 2 * mm)]
    rows: list[list[Any]] = [[t.num(h) for h in LIST_HEADERS]]
    for item in items:
        rows.append([t(item.due.isoformat()), t(item.state), t(item.register), t(item.key), t(item.what),
                     t(item.owner) if item.owner else ""])  # fmt: skip
    if not items:
        rows.append([t("（本月没有期限）"), *[""] * (len(LIST_HEADERS) - 1)])
    listing = Table(rows, colWidths=[w * mm for w in _LIST_WIDTHS_MM], repeatRows=1, splitInRow=1)
    listing.setStyle(TableStyle([*_GRID, ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7"))]))
    story.append(listing)
    pages = _build(path, story, pagesize=landscape(A4), header=(unit_name, title), font=font)
    return CalendarPdfResult(Path(path), pages, missing, len(items))
