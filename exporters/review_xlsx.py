"""The yearly review (年度审查清单) in Excel: the documents not proactively disclosed with the year's decision
(条例第18条), and the solicitations whose period was shortened, with the reason.

Two flat sheets (one header row each, no merged cells above the headers, so the county can filter them) and a 说明
sheet; user text through `safe_cell` (never a formula), dates as dates, numbers as numbers; written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.doc_properties import set_xlsx_properties
from exporters.xlsx_safe import atomic_save, safe_cell

if TYPE_CHECKING:
    from models.services.register_counts import YearlyReview

SHEET_WITHHELD = "不予公开审查"
SHEET_SHORTENED = "缩短征求意见期限"
SHEET_INFO = "说明"
NOT_REVIEWED = "未审查"

WITHHELD_HEADERS: tuple[tuple[str, int], ...] = (
    ("文号", 24),
    ("标题", 40),
    ("成文日期", 12),
    ("类别", 14),
    ("公开属性", 12),
    ("附注", 16),
    ("不公开理由", 36),
    ("依据", 26),
    ("审查决定", 14),
    ("决定人", 10),
    ("决定日期", 12),
    ("审查说明", 30),
    ("重新起算日", 12),
    ("发布期限", 12),
)
SHORTENED_HEADERS: tuple[tuple[str, int], ...] = (
    ("草案名称", 40),
    ("类型", 14),
    ("开始日期", 12),
    ("截止日期", 12),
    ("期限（日）", 10),
    ("一般不少于（日）", 14),
    ("缩短期限理由", 40),
    ("渠道", 20),
)

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(ws: Worksheet, title: str, headers: tuple[tuple[str, int], ...], rows: Sequence[Sequence[object]]) -> None:
    ws.title = title
    for col, (header, width) in enumerate(headers, start=1):
        cell = safe_cell(ws, 1, col, header)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            safe_cell(ws, row, col, value).alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"


def write_review_xlsx(
    path: str | Path, review: YearlyReview, *, unit: str, generated: datetime, program: str = ""
) -> Path:
    """Write the yearly review of `review.year` to `path` (atomically)."""
    title = f"{unit}{review.year}年度政府信息公开审查清单"
    workbook = Workbook()
    set_xlsx_properties(workbook, title=title, author=unit, created=generated, subject="年度审查清单")
    withheld = [
        [
            r.number,
            r.title,
            r.written,
            r.category,
            r.attribute,
            r.note_mark,
            r.reason,
            r.basis,
            r.decision or NOT_REVIEWED,
            r.decided_by,
            r.decided_on,
            r.decision_reason,
            r.clock_from,
            r.publish_due,
        ]
        for r in review.withheld
    ]
    _sheet(workbook.active, SHEET_WITHHELD, WITHHELD_HEADERS, withheld)
    shortened = [[r.title, r.kind, r.start, r.end, r.days, r.minimum, r.reason, r.channel] for r in review.shortened]
    _sheet(workbook.create_sheet(), SHEET_SHORTENED, SHORTENED_HEADERS, shortened)
    undecided = sum(1 for r in review.withheld if not r.decision)
    info: list[list[object]] = [
        ["报表类型", "年度审查清单"],
        ["单位名称", unit],
        ["审查年度", review.year],
        ["不予公开（含依申请公开）公文", len(review.withheld)],
        ["其中尚未审查", undecided],
        ["缩短期限的征求意见", len(review.shortened)],
        ["生成时间", generated.replace(microsecond=0)],
        ["生成程序", program],
        ["注", "征求意见期限按日历日计算，开始日期和截止日期均计入。"],
    ]
    _sheet(workbook.create_sheet(), SHEET_INFO, (("项目", 28), ("内容", 60)), info)
    return atomic_save(workbook, path)
