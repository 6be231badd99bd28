"""The PDF of a letter, a GB/T 9704 page like the Word file.

Where LibreOffice is on the PC (`exporters.soffice`), the PDF is the letter's own .docx converted by it: the same
page as the Word file. Otherwise (and when the letter holds a character the PDF fonts lack) reportlab draws it:

- the PC's 公文 fonts when present, else the shipped serif 文鼎PL明体 — never a sans (`pdf_fonts`);
- the 版心 of the Word template: 28 characters × 22 lines, each line 28.95 pt, the title 2号 on 36 pt lines, the
  body 3号 with a first-line indent of two characters, justified; page numbers `— 1 —` in 4号 (odd 右空一字,
  even 左空一字);
- line-breaking rules: no line begins with ，。、；：？！”）》 (and the like) and none ends with “（《 — a comma or
  full stop hangs past the end of a full line, as in Word and LibreOffice; otherwise the character before is taken
  onto the next line — and digits or Latin words are not split;
- the pages broken as LibreOffice breaks the Word file: the closing block (contact line, 附件说明, unit, date)
  keeps at least two lines of 正文 with it (letter_docx.keep_closing_with_text), so both have the same page count.

Characters the fonts lack (rare ones such as 䶮 or 𠮷) are printed as the 缺字 mark 〓 and listed in
`PdfLetter.missing`, so that the caller tells the clerk — they are never dropped silently.
"""

from __future__ import annotations

import io
import math
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from exporters.letter_docx import MIN_TEXT_LINES_WITH_CLOSING, estimated_lines, signature_indents
from exporters.letter_layout import (
    BODY_PT,
    CHAR_PITCH_PT,
    CHARS_PER_LINE,
    FOOTER_MM,
    LINE_PITCH_TWIPS,
    LINES_PER_PAGE,
    MARGIN_LEFT_MM,
    MARGIN_TOP_MM,
    PAGE_NUMBER_PT,
    TEXT_WIDTH_PT,
    TITLE_PT,
)
from exporters.pdf_fonts import LetterFonts, missing_glyphs, printable, register_letter_fonts
from exporters.soffice import convert_to_pdf, find_soffice
from models.domain.errors import UserError
from models.domain.letters import SERVICE_KEYS, SERVICE_LABELS, LetterContent, cn_date, text_width

LEADING = LINE_PITCH_TWIPS / 20  # 28.95 pt
TITLE_LEADING = 36.0
PAGE_HEIGHT_PT = LINES_PER_PAGE * LEADING + 0.5  # the 版心 holds 22 body lines
NO_LINE_START = frozenset("，。、；：？！”’）》〉」』】〕…．,.;:?!)]}%")
NO_LINE_END = frozenset("“‘（《〈「『【〔([{")
HANGING = frozenset("，。、；：？！,.;:?!")  # may hang past the end of a full line (w:overflowPunct)
BODY_INDENT = 2  # characters
TITLE_FACES = ("方正小标宋简体", "华文中宋")  # title fonts drawn as they are; 宋体 and the fallback are made bold
BOLD_STROKE_PT = 0.5
ATTACHMENT_INDENT, ATTACHMENT_HANGING = 5, 3


@dataclass(frozen=True)
class PdfLetter:
    data: bytes
    missing: tuple[str, ...]  # characters printed as 〓


def render_pdf(content: LetterContent, docx: bytes | None = None) -> PdfLetter:
    """The letter's PDF: `docx` converted by LibreOffice when it is given and LibreOffice is found, else drawn."""
    fonts = register_letter_fonts()
    missing = _missing(content, fonts)
    if docx is not None and not missing and find_soffice() is not None:
        converted = _convert(docx)
        if converted is not None:
            return PdfLetter(converted, ())
    if content.table:
        return PdfLetter(_service_pdf(content, fonts, missing), missing)
    return PdfLetter(_draw(content, fonts, missing), missing)


def _missing(content: LetterContent, fonts: LetterFonts) -> tuple[str, ...]:
    titles = [content.unit_name, content.title]
    body = [t for t in content.paragraphs() if t not in titles] + [cn_date(content.date)]
    found = missing_glyphs(titles, fonts.title) + missing_glyphs(body, fonts.body)
    return tuple(dict.fromkeys(found))


def _convert(docx: bytes) -> bytes | None:
    """The .docx converted by LibreOffice; None when the conversion fails (reportlab then draws the letter)."""
    with tempfile.TemporaryDirectory(prefix="dd-letter-") as temp:
        source = Path(temp) / "letter.docx"
        source.write_bytes(docx)
        try:
            (pdf,) = convert_to_pdf([source], Path(temp) / "pdf", timeout=120)
            return pdf.read_bytes()
        except (UserError, OSError, ValueError, subprocess.SubprocessError):
            return None


# -- lines ----------------------------------------------------------------------------------------------------


ASCII_WIDTH = 0.49  # a Latin letter or digit of the body font, in characters (proportional glyphs)
AUTOSPACE = 0.27  # the space Word and LibreOffice put between Chinese and Latin text or digits


def _units(ch: str) -> float:
    return ASCII_WIDTH if ch.isascii() and not ch.isspace() else text_width(ch)


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _digit_or_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _advance(prev: str, ch: str) -> float:
    """Width of `ch` after `prev`, autospace included."""
    space = (
        AUTOSPACE
        if prev and ((_ideograph(prev) and _digit_or_latin(ch)) or (_digit_or_latin(prev) and _ideograph(ch)))
        else 0.0
    )
    return _units(ch) + space


def break_lines(text: str, first: float, rest: float) -> list[str]:
    """`text` cut into lines of at most `first` (then `rest`) character widths, by the line-breaking rules."""
    chars = list(text)
    lines: list[str] = []
    start, width = 0, first
    while start < len(chars):
        end, used = start, 0.0
        while end < len(chars):
            step = _advance(chars[end - 1] if end > start else "", chars[end])
            if used + step > width + 1e-9:
                break
            used += step
            end += 1
        if end == start:
            end = start + 1  # a character wider than the line: put it alone
        if end < len(chars) and chars[end] in HANGING and not _bad_break(chars, end + 1):
            end += 1  # a comma or full stop hangs past the line end (as in Word and LibreOffice)
        while end < len(chars) and end - start > 1 and _bad_break(chars, end):
            end -= 1
        lines.append("".join(chars[start:end]))
        start, width = end, rest
    return lines or [""]


def _bad_break(chars: list[str], end: int) -> bool:
    if end >= len(chars):
        return False
    before, after = chars[end - 1], chars[end]
    return after in NO_LINE_START or before in NO_LINE_END or (_digit_or_latin(before) and _digit_or_latin(after))


@dataclass
class _Para:
    lines: list[str]
    font: str
    size: float
    pitch: float  # character pitch in pt
    leading: float
    align: str  # left, justify, center, right
    left: float = 0.0  # first-line and following-line left indents in characters
    left_first: float = 0.0
    right: float = 0.0
    role: str = "text"  # head, text, closing
    bold: bool = False  # 宋体 (or the fallback) standing in for 小标宋: drawn bold (filled and stroked)
    widths: list[float] = field(default_factory=list)  # available width per line in characters


def _paragraph(text: str, fonts: LetterFonts, role: str, align: str = "justify", **indents: float) -> _Para:
    left_first = indents.get("left_first", 0.0)
    left = indents.get("left", 0.0)
    right = indents.get("right", 0.0)
    first, rest = CHARS_PER_LINE - left_first - right, CHARS_PER_LINE - left - right
    lines = break_lines(text, first, rest) if text else [""]
    widths = [first] + [rest] * (len(lines) - 1)
    return _Para(
        lines, fonts.body, BODY_PT, CHAR_PITCH_PT, LEADING, align, left, left_first, right, role=role, widths=widths
    )


def _title(text: str, fonts: LetterFonts) -> _Para:
    per_line = math.floor(TEXT_WIDTH_PT / TITLE_PT)
    lines = break_lines(text, per_line, per_line)
    bold = fonts.families[1] not in TITLE_FACES
    return _Para(
        lines, fonts.title, TITLE_PT, TITLE_PT, TITLE_LEADING, "center", role="head", widths=[per_line] * 3, bold=bold
    )


def _letter(content: LetterContent, fonts: LetterFonts, missing: tuple[str, ...]) -> list[_Para]:
    def p(value: str) -> str:
        return printable(value, missing)

    paras = [_title(p(content.unit_name), fonts), _title(p(content.title), fonts)]
    if content.number:
        paras.append(_paragraph(p(content.number), fonts, "head", "center"))
    paras.append(_paragraph("", fonts, "head", "left"))
    paras.append(_paragraph(p(content.salutation), fonts, "head", "left"))
    # "特此答复。" (content.closing) is a paragraph of 正文 of its own after the remedy, as in the Word letter.
    for text in (*content.body, content.remedy, content.closing if content.remedy else ""):
        if text:
            paras.append(_paragraph(p(text), fonts, "text", left_first=BODY_INDENT))
    if content.contact:
        paras.append(_paragraph(p(content.contact), fonts, "closing", left_first=BODY_INDENT))
    if content.attachments:
        paras.append(_paragraph("", fonts, "closing", "left"))
        first = ATTACHMENT_INDENT - ATTACHMENT_HANGING
        paras.append(
            _paragraph(p(content.attachments[0]), fonts, "closing", "left", left_first=first, left=ATTACHMENT_INDENT)
        )
        for item in content.attachments[1:]:
            paras.append(
                _paragraph(p(item), fonts, "closing", "left", left_first=ATTACHMENT_INDENT, left=ATTACHMENT_INDENT)
            )
    paras += [_paragraph("", fonts, "closing", "left"), _paragraph("", fonts, "closing", "left")]
    day = cn_date(content.date)
    unit_right, date_right = signature_indents(content.signature, day)
    paras.append(_paragraph(p(content.signature), fonts, "closing", "right", right=unit_right))
    paras.append(_paragraph(p(day), fonts, "closing", "right", right=date_right))
    return paras


# -- pages ----------------------------------------------------------------------------------------------------


def _keep_start(paras: list[_Para]) -> int:
    """The first paragraph of the closing chain: the closing block and the paragraphs holding its last two lines
    of 正文 (the same walk as letter_docx.keep_closing_with_text)."""
    lines = 0
    for index in range(len(paras) - 1, -1, -1):
        para = paras[index]
        if para.role == "closing" or not "".join(para.lines).strip():
            continue
        if para.role == "head":
            return index + 1
        lines += estimated_lines("".join(para.lines))  # the estimate the .docx was given its keeps by
        if lines >= MIN_TEXT_LINES_WITH_CLOSING:
            return index
    return 0


def paginate(paras: list[_Para]) -> list[list[tuple[_Para, int]]]:
    """Pages of (paragraph, line index): lines fill each page; the closing chain (from the paragraph holding the
    last two lines of 正文 to the date) moves to the next page as a whole when it does not fit — as LibreOffice
    moves a paragraph that keeps with the next one."""
    pages: list[list[tuple[_Para, int]]] = [[]]
    used = 0.0

    def put(para: _Para, line: int) -> None:
        nonlocal used
        if used + para.leading > PAGE_HEIGHT_PT and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append((para, line))
        used += para.leading

    keep = _keep_start(paras)
    for para in paras[:keep]:
        for line in range(len(para.lines)):
            put(para, line)
    chain = sum(p.leading * len(p.lines) for p in paras[keep:])
    if used + chain > PAGE_HEIGHT_PT and pages[-1] and chain <= PAGE_HEIGHT_PT:
        pages.append([])
        used = 0.0
    for para in paras[keep:]:
        for line in range(len(para.lines)):
            put(para, line)
    return pages


def _draw(content: LetterContent, fonts: LetterFonts, missing: tuple[str, ...]) -> bytes:
    paras = _letter(content, fonts, missing)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=fonts.body, initialFontSize=BODY_PT)
    canvas.setTitle(content.register_title)
    canvas.setAuthor(content.signature)
    pages = paginate(paras)
    for number, page in enumerate(pages, start=1):
        y = A4[1] - MARGIN_TOP_MM * mm
        for para, index in page:
            y -= para.leading
            _draw_line(canvas, para, index, y)
        _page_number(canvas, fonts, number)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_line(canvas: Canvas, para: _Para, index: int, line_bottom: float) -> None:
    text = para.lines[index]
    if not text:
        return
    baseline = line_bottom + (para.leading - para.size) / 2 + para.size * 0.12
    left_chars = para.left_first if index == 0 else para.left
    avail = para.widths[index] * CHAR_PITCH_PT if para.size == BODY_PT else TEXT_WIDTH_PT
    steps = [_advance(text[i - 1] if i else "", ch) * para.pitch for i, ch in enumerate(text)]
    natural = sum(steps)
    x0 = MARGIN_LEFT_MM * mm + left_chars * CHAR_PITCH_PT
    gap = 0.0
    if para.align == "center":
        x0 = MARGIN_LEFT_MM * mm + (TEXT_WIDTH_PT - natural) / 2
    elif para.align == "right":
        x0 = MARGIN_LEFT_MM * mm + TEXT_WIDTH_PT - para.right * CHAR_PITCH_PT - natural
    elif para.align == "justify" and index < len(para.lines) - 1 and len(text) > 1 and natural < avail:
        gap = (avail - natural) / (len(text) - 1)
    canvas.saveState()
    canvas.setFont(para.font, para.size)
    if para.bold:
        canvas.setLineWidth(BOLD_STROKE_PT)
    x = x0
    for index_in_line, ch in enumerate(text):
        x += steps[index_in_line] - _units(ch) * para.pitch  # the autospace before it
        if para.bold:
            glyph = canvas.beginText(x, baseline)
            glyph.setTextRenderMode(2)  # fill and stroke
            glyph.textOut(ch)
            canvas.drawText(glyph)
        else:
            canvas.drawString(x, baseline, ch)
        x += _units(ch) * para.pitch + gap
    canvas.restoreState()


def _page_number(canvas: Canvas, fonts: LetterFonts, number: int) -> None:
    text = f"— {number} —"
    canvas.setFont(fonts.page_number, PAGE_NUMBER_PT)
    y = FOOTER_MM * mm
    if number % 2:  # odd pages: 右空一字
        canvas.drawRightString(MARGIN_LEFT_MM * mm + TEXT_WIDTH_PT - PAGE_NUMBER_PT, y, text)
    else:  # even pages: 左空一字
        canvas.drawString(MARGIN_LEFT_MM * mm + PAGE_NUMBER_PT, y, text)


# -- 送达回证 (a table) -----------------------------------------------------------------------------------------


def _service_pdf(content: LetterContent, fonts: LetterFonts, missing: tuple[str, ...]) -> bytes:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    def text(value: str) -> str:
        return escape(printable(value, missing))

    def style(name: str, font: str = fonts.body, size: float = BODY_PT, **kw) -> ParagraphStyle:  # noqa: ANN003
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=kw.pop("leading", LEADING), **kw)

    title = style("title", fonts.title, TITLE_PT, alignment=TA_CENTER, leading=TITLE_LEADING)
    centred = style("centred", alignment=TA_CENTER, wordWrap="CJK")
    plain = style("plain", alignment=TA_LEFT, wordWrap="CJK")
    rows = [
        [Paragraph(text(SERVICE_LABELS[k]), centred), Paragraph(text(content.table.get(k, "")), plain)]
        for k in SERVICE_KEYS
    ]
    rows.insert(5, [Paragraph(text("受送达人签名或盖章"), centred), Spacer(0, 3 * LEADING)])
    rows.insert(
        6, [Paragraph(text("签收日期"), centred), Paragraph(text("年　　月　　日"), style("r", alignment=TA_RIGHT))]
    )
    table = Table(rows, colWidths=(50 * mm, 106 * mm))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.body),
            ]
        )
    )
    day = cn_date(content.date)
    unit_right, date_right = signature_indents(content.signature, day)
    story = [Paragraph(text(content.unit_name), title), Paragraph(text(content.title), title), Spacer(0, LEADING)]
    story += [table, Spacer(0, 2 * LEADING)]
    unit_style = style("unit", alignment=TA_RIGHT, rightIndent=unit_right * CHAR_PITCH_PT)
    date_style = style("date", alignment=TA_RIGHT, rightIndent=date_right * CHAR_PITCH_PT)
    story += [Paragraph(text(content.signature), unit_style), Paragraph(text(day), date_style)]

    def page_number(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        _page_number(canvas, fonts, doc.page)
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=content.register_title,
        author=content.signature,
        invariant=1,
        initialFontName=fonts.body,
        initialFontSize=BODY_PT,
    )
    frame = Frame(
        MARGIN_LEFT_MM * mm,
        A4[1] - MARGIN_TOP_MM * mm - PAGE_HEIGHT_PT,
        TEXT_WIDTH_PT,
        PAGE_HEIGHT_PT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("letter", frames=[frame], onPage=page_number)])
    doc.build(story)
    return out.getvalue()
