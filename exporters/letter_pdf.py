"""The PDF fallback of a letter (for a PC without Word or WPS): the same text and GB/T 9704 page, drawn with
reportlab in the embedded TrueType CJK font of `exporters.pdf_fonts` (never the non-embedded STSong-Light).

Characters the font lacks (rare ones such as 䶮 or 𠮷) are printed as the 缺字 mark 〓 and listed in
`PdfLetter.missing`, so that the caller tells the clerk — they are never dropped silently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from exporters.letter_docx import signature_indents
from exporters.letter_layout import (
    BODY_PT,
    CHAR_PITCH_PT,
    FOOTER_MM,
    LINE_PITCH_TWIPS,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_NUMBER_PT,
    TITLE_PT,
)
from exporters.pdf_fonts import missing_glyphs, printable, register_cjk_font
from models.domain.letters import SERVICE_KEYS, SERVICE_LABELS, LetterContent, cn_date

LEADING = LINE_PITCH_TWIPS / 20  # 28.95 pt


@dataclass(frozen=True)
class PdfLetter:
    data: bytes
    missing: tuple[str, ...]  # characters printed as 〓


def render_pdf(content: LetterContent) -> PdfLetter:
    font = register_cjk_font()
    texts = content.paragraphs()
    missing = tuple(missing_glyphs(texts, font))

    def text(value: str) -> str:
        return escape(printable(value, missing))

    def style(name: str, size: float = BODY_PT, **kw) -> ParagraphStyle:  # noqa: ANN003
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=kw.pop("leading", LEADING), **kw)

    title = style("title", TITLE_PT, alignment=TA_CENTER, leading=36)
    centred = style("centred", alignment=TA_CENTER)
    plain = style("plain", alignment=TA_LEFT, wordWrap="CJK")
    body = style("body", alignment=TA_JUSTIFY, firstLineIndent=2 * CHAR_PITCH_PT, wordWrap="CJK")
    attachment = style(
        "attachment", alignment=TA_LEFT, leftIndent=5 * CHAR_PITCH_PT, firstLineIndent=-3 * CHAR_PITCH_PT
    )
    attachment_more = style("attachment_more", alignment=TA_LEFT, leftIndent=5 * CHAR_PITCH_PT)

    story: list = [Paragraph(text(content.unit_name), title), Paragraph(text(content.title), title)]
    if content.number:
        story.append(Paragraph(text(content.number), centred))
    story.append(Spacer(0, LEADING))
    if content.table:
        rows = [
            [Paragraph(text(SERVICE_LABELS[k]), centred), Paragraph(text(content.table.get(k, "")), plain)]
            for k in SERVICE_KEYS
        ]
        rows.insert(5, [Paragraph(text("受送达人签名或盖章"), centred), Spacer(0, 3 * LEADING)])
        rows.insert(
            6, [Paragraph(text("签收日期"), centred), Paragraph(text("年　　月　　日"), style("r", alignment=TA_RIGHT))]
        )
        table = Table(rows, colWidths=(50 * mm, 106 * mm))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story += [table, Spacer(0, LEADING)]
    else:
        story.append(Paragraph(text(content.salutation), plain))
        story += [Paragraph(text(p), body) for p in content.body]
        story += [Paragraph(text(p), body) for p in (content.remedy, content.contact) if p]
        if content.attachments:
            story.append(Spacer(0, LEADING))
            story.append(Paragraph(text(content.attachments[0]), attachment))
            story += [Paragraph(text(a), attachment_more) for a in content.attachments[1:]]
        story.append(Spacer(0, 2 * LEADING))
    day = cn_date(content.date)
    unit_right, date_right = signature_indents(content.signature, day)
    closing = [
        Paragraph(text(content.signature), style("unit", alignment=TA_RIGHT, rightIndent=unit_right * CHAR_PITCH_PT)),
        Paragraph(text(day), style("date", alignment=TA_RIGHT, rightIndent=date_right * CHAR_PITCH_PT)),
    ]
    # The signature never stands alone on a page: the last text before it goes with it.
    while story and not isinstance(story[-1], Paragraph | Table):
        closing.insert(0, story.pop())
    if story:
        closing.insert(0, story.pop())
    story.append(KeepTogether(closing))

    def page_number(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        number = f"— {doc.page} —"
        canvas.saveState()
        canvas.setFont(font, PAGE_NUMBER_PT)
        y = FOOTER_MM * mm
        if doc.page % 2:  # odd pages: 右空一字
            canvas.drawRightString(A4[0] - MARGIN_RIGHT_MM * mm - PAGE_NUMBER_PT, y, number)
        else:  # even pages: 左空一字
            canvas.drawString(MARGIN_LEFT_MM * mm + PAGE_NUMBER_PT, y, number)
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=content.register_title,
        author=content.signature,
        invariant=1,
    )
    frame = Frame(
        MARGIN_LEFT_MM * mm,
        MARGIN_BOTTOM_MM * mm,
        A4[0] - (MARGIN_LEFT_MM + MARGIN_RIGHT_MM) * mm,
        A4[1] - (MARGIN_TOP_MM + MARGIN_BOTTOM_MM) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("letter", frames=[frame], onPage=page_number)])
    doc.build(story)
    return PdfLetter(out.getvalue(), missing)
