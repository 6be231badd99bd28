"""GB/T 9704-2012 page layout of the letters, and the built-in Word templates laid out with it.

`build_template(kind)` lays out one kind's template with python-docx: A4, margins 37/35/28/26 mm, a document
grid of 22 lines × 28 characters (w:docGrid linesAndChars), every line exactly 28.95 pt, title 2号 (22 pt),
body 3号 (16 pt), page numbers `— 1 —` in 4号宋体 (14 pt) with different odd and even footers (odd 右空一字,
even 左空一字), and the signature block: 附件说明, the unit name centred over the 成文日期 右空四字 (the
exact indents are set when a letter is rendered, from the real lengths). The closing block (contact line,
附件说明, blank lines, unit, date) keeps with the next paragraph and keeps its lines together, so that it never
stands alone on a page; the renderer ties the last two lines of 正文 to it (GB/T 9704 7.3.5). The 送达回证 table
has its column widths in the grid (w:tblGrid) as well as in the cells, with a fixed layout.

The placeholders are docxtpl (Jinja) tags; `tools/build_templates.py` writes the files into
resources/templates/, and a test checks that the committed files are what this module builds.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from models.domain.letters import ALL_KINDS, KINDS, LetterKind

# -- GB/T 9704 numbers ---------------------------------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
FOOTER_MM = 25  # the page number's 一字线 about 7 mm below the 版心
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_TWIPS = 579  # 28.95 pt: 22 lines fill the 225 mm 版心
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72
CHAR_PITCH_PT = TEXT_WIDTH_PT / CHARS_PER_LINE  # 15.79 pt: 28 characters of 16 pt need the grid
CHAR_TWIPS = round(CHAR_PITCH_PT * 20)
# w:charSpace: the grid pitch minus the default font size, in 1/4096 pt (Word's way to 28 characters a line).
CHAR_SPACE = round((CHAR_PITCH_PT - BODY_PT) * 4096)
# LibreOffice (7.4) misreads a negative charSpace and sets each 3号 character in two grid cells (18 a line), so
# the paragraphs do not snap to the character grid; instead every body run is condensed by 0.3 pt, which puts 28
# characters on a line in Word, WPS and LibreOffice alike (16 − 0.3 = 15.7 pt ≤ 15.79 pt).
CONDENSE_TWENTIETHS = -6

# Paragraph styles the renderer recognises (style ids).
STYLE_TITLE = "DDTitle"
STYLE_NUMBER = "DDNumber"
STYLE_SALUTATION = "DDSalutation"
STYLE_BODY = "DDBody"
STYLE_ATTACHMENT = "DDAttachment"
STYLE_ATTACHMENT_MORE = "DDAttachmentMore"
STYLE_CLOSING = "DDClosing"
STYLE_BLANK = "DDBlank"
STYLE_SIGNATURE = "DDSignature"
STYLE_DATE = "DDDate"
STYLE_TABLE_TEXT = "DDTableText"
STYLE_PAGE_NUMBER = "DDPageNumber"

DEFAULT_BODY_FONT = "仿宋_GB2312"
DEFAULT_TITLE_FONT = "方正小标宋简体"
FIXED_TIME = _dt.datetime(2025, 1, 1, 0, 0, 0)


def template_name(kind: LetterKind) -> str:
    return f"{LetterKind(kind).value}.docx"


# -- low-level helpers ---------------------------------------------------------------------------------------


def set_run_fonts(  # noqa: C901
    rpr,  # noqa: ANN001 - a w:rPr element
    east_asia: str,
    *,
    size_pt: float | None = None,
    bold: bool | None = None,
    condense: bool | None = None,
) -> None:
    """East-Asian (and Latin) font, hint and size on a w:rPr element (python-docx has no East-Asian API).

    `condense` sets the body's character spacing (CONDENSE_TWENTIETHS) that makes 28 characters fit a line in
    every renderer, or removes it (False)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        _insert_in_order(rpr, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            element = rpr.find(qn(tag))
            if bold and element is None:
                _insert_in_order(rpr, OxmlElement(tag))
            elif not bold and element is not None:
                rpr.remove(element)
    if condense is not None:
        element = rpr.find(qn("w:spacing"))
        if condense and element is None:
            element = OxmlElement("w:spacing")
            _insert_in_order(rpr, element)
        if condense:
            element.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
        elif element is not None:
            rpr.remove(element)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                _insert_in_order(rpr, element)
            element.set(qn("w:val"), str(round(size_pt * 2)))


# The order of w:rPr children the schema requires (Word refuses a file that breaks it).
_RPR_ORDER = [
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
]


def _insert_in_order(rpr, element) -> None:  # noqa: ANN001
    tag = element.tag
    names = [qn(n) for n in _RPR_ORDER]
    position = names.index(tag) if tag in names else len(names)
    for index, child in enumerate(rpr):
        if child.tag in names and names.index(child.tag) > position:
            rpr.insert(index, element)
            return
    rpr.append(element)


def set_indent(paragraph_or_ppr, **chars: float) -> None:  # noqa: ANN001
    """Indents in characters (left, right, firstLine, hanging): w:*Chars for Word's grid, twips for the rest."""
    ppr = paragraph_or_ppr._p.get_or_add_pPr() if isinstance(paragraph_or_ppr, Paragraph) else paragraph_or_ppr
    ind = ppr.get_or_add_ind()
    for name, value in chars.items():
        ind.set(qn(f"w:{name}Chars"), str(round(value * 100)))
        ind.set(qn(f"w:{name}"), str(round(value * CHAR_TWIPS)))


def _style(doc: DocumentObject, style_id: str, name: str, *, size: float, font: str, align=None, bold=False):  # noqa: ANN001, ANN202
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    if align is not None:
        fmt.alignment = align
    set_run_fonts(style.element.get_or_add_rPr(), font, size_pt=size, bold=bold or None, condense=size == BODY_PT)
    return style


def _page_setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_MM)
    section.gutter = Mm(0)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    doc.settings.odd_and_even_pages_header_footer = True


def _defaults(doc: DocumentObject) -> None:
    """Normal and the document defaults: 3号仿宋, Chinese language, exact 28.95 pt lines."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        set_run_fonts(rpr_default, DEFAULT_BODY_FONT, size_pt=BODY_PT)
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            _insert_in_order(rpr_default, lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        lang.set(qn("w:bidi"), "ar-SA")
    normal = doc.styles["Normal"]
    set_run_fonts(normal.element.get_or_add_rPr(), DEFAULT_BODY_FONT, size_pt=BODY_PT, condense=True)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    fmt.widow_control = False
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    normal.element.get_or_add_pPr().insert_element_before(
        snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"
    )


def _styles(doc: DocumentObject) -> None:
    _defaults(doc)
    center, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    title = _style(doc, STYLE_TITLE, "DD Title", size=TITLE_PT, font=DEFAULT_TITLE_FONT, align=center)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.keep_with_next = True
    _style(doc, STYLE_NUMBER, "DD Number", size=BODY_PT, font=DEFAULT_BODY_FONT, align=center)
    _style(doc, STYLE_SALUTATION, "DD Salutation", size=BODY_PT, font=DEFAULT_BODY_FONT, align=left)
    body = _style(doc, STYLE_BODY, "DD Body", size=BODY_PT, font=DEFAULT_BODY_FONT)
    set_indent(body.element.get_or_add_pPr(), firstLine=2)
    attachment = _style(doc, STYLE_ATTACHMENT, "DD Attachment", size=BODY_PT, font=DEFAULT_BODY_FONT, align=left)
    attachment.paragraph_format.keep_with_next = True
    set_indent(attachment.element.get_or_add_pPr(), left=5, hanging=3)  # 附件：1.… then 2.… under 1.
    more = _style(doc, STYLE_ATTACHMENT_MORE, "DD Attachment More", size=BODY_PT, font=DEFAULT_BODY_FONT, align=left)
    more.paragraph_format.keep_with_next = True
    set_indent(more.element.get_or_add_pPr(), left=5)
    # The contact line, the 附件说明 and the blank lines stay on the page of the signature (GB/T 9704: the
    # signature and the date never stand alone on a page).
    closing = _style(doc, STYLE_CLOSING, "DD Closing", size=BODY_PT, font=DEFAULT_BODY_FONT)
    closing.paragraph_format.keep_with_next = True
    set_indent(closing.element.get_or_add_pPr(), firstLine=2)
    blank = _style(doc, STYLE_BLANK, "DD Blank", size=BODY_PT, font=DEFAULT_BODY_FONT, align=left)
    blank.paragraph_format.keep_with_next = True
    signature = _style(doc, STYLE_SIGNATURE, "DD Signature", size=BODY_PT, font=DEFAULT_BODY_FONT, align=right)
    signature.paragraph_format.keep_with_next = True
    set_indent(signature.element.get_or_add_pPr(), right=4)
    date = _style(doc, STYLE_DATE, "DD Date", size=BODY_PT, font=DEFAULT_BODY_FONT, align=right)
    # No line of the closing block is split from the rest of its paragraph either (a long unit name, a contact
    # line of two lines); the renderer adds keep-with-next to the last two lines of 正文 (letter_docx).
    for style in (closing, attachment, more, signature, date):
        style.paragraph_format.keep_together = True
    set_indent(date.element.get_or_add_pPr(), right=4)
    _style(doc, STYLE_TABLE_TEXT, "DD Table Text", size=BODY_PT, font=DEFAULT_BODY_FONT, align=left)
    number = _style(doc, STYLE_PAGE_NUMBER, "DD Page Number", size=PAGE_NUMBER_PT, font="宋体")
    number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _page_number_paragraph(paragraph: Paragraph, *, odd: bool) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.style = STYLE_PAGE_NUMBER
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    # 右空一字 / 左空一字: one character of the page number's own size.
    ind = ppr.get_or_add_ind()
    side = "right" if odd else "left"
    ind.set(qn(f"w:{side}Chars"), "100")
    ind.set(qn(f"w:{side}"), str(PAGE_NUMBER_PT * 20))

    def run(text: str | None = None, *, field: str | None = None, char: str | None = None) -> None:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        set_run_fonts(rpr, "宋体", size_pt=PAGE_NUMBER_PT)
        r.append(rpr)
        if char is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), char)
            r.append(element)
        elif field is not None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = field
            r.append(element)
        else:
            element = OxmlElement("w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            r.append(element)
        paragraph._p.append(r)

    run("— ")
    run(char="begin")
    run(field=" PAGE ")
    run(char="separate")
    run("1")
    run(char="end")
    run(" —")


def _footers(doc: DocumentObject) -> None:
    section = doc.sections[0]
    _page_number_paragraph(section.footer.paragraphs[0], odd=True)
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)


def _para(doc: DocumentObject, text: str, style: str | None = None) -> Paragraph:
    paragraph = doc.add_paragraph(text)
    if style is not None:
        paragraph.style = doc.styles[style]
    return paragraph


def _tag(doc: DocumentObject, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears when rendered."""
    _para(doc, "{%p " + tag + " %}", "DD Body")


def _blank(doc: DocumentObject, style: str = "DD Blank") -> None:
    _para(doc, "", style)


def build_template(kind: LetterKind) -> DocumentObject:
    """The built-in template of one kind."""
    doc = Document()
    # The default template's empty first paragraph: none.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _page_setup(doc)
    _styles(doc)
    _footers(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "政务公开工作台"
    props.title = KINDS[kind].title
    props.created = props.modified = FIXED_TIME
    props.revision = 1

    _para(doc, "{{ unit_name }}", "DD Title")
    _para(doc, "{{ title }}", "DD Title")
    if KINDS[kind].numbered:
        _para(doc, "{{ number }}", "DD Number")
    _blank(doc, "DD Salutation")
    if kind is LetterKind.SERVICE:
        _service_table(doc)
        _blank(doc)
    else:
        _para(doc, "{{ salutation }}", "DD Salutation")
        _tag(doc, "for para in body")
        _para(doc, "{{ para }}", "DD Body")
        _tag(doc, "endfor")
        if kind is not LetterKind.RECEIPT:
            _tag(doc, "if remedy")
            _para(doc, "{{ remedy }}", "DD Body")
            _tag(doc, "endif")
        _tag(doc, "if contact")
        _para(doc, "{{ contact }}", "DD Closing")
        _tag(doc, "endif")
        _tag(doc, "if attachment_first")
        _blank(doc)  # 附件说明: one line below the text
        _para(doc, "{{ attachment_first }}", "DD Attachment")
        _tag(doc, "for item in attachment_rest")
        _para(doc, "{{ item }}", "DD Attachment More")
        _tag(doc, "endfor")
        _tag(doc, "endif")
        _blank(doc)
        _blank(doc)
    _para(doc, "{{ signature }}", "DD Signature")
    _para(doc, "{{ date }}", "DD Date")
    return doc


SERVICE_ROWS = (
    ("送达文书名称及文号", "{{ document }}", 2),
    ("受送达人", "{{ recipient }}", 1),
    ("送达地址", "{{ place }}", 1),
    ("送达方式", "{{ method }}", 1),
    ("送达人", "{{ server }}", 1),
    ("受送达人签名或盖章", "", 3),
    ("签收日期", "年　　月　　日", 1),
    ("备注", "{{ remark }}", 1),
)


SERVICE_COLUMN_WIDTHS = (Mm(50), Mm(106))  # 156 mm: the whole 版心


def _service_table(doc: DocumentObject) -> None:
    table = doc.add_table(rows=len(SERVICE_ROWS), cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = SERVICE_COLUMN_WIDTHS
    # The widths go into the table grid (w:tblGrid/w:gridCol) and the table width as well as into each cell:
    # WPS and LibreOffice lay a table out from its grid, Word from the cells; a fixed layout keeps them.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    for row, (label, value, lines) in zip(table.rows, SERVICE_ROWS, strict=True):
        row.height = Twips(LINE_PITCH_TWIPS * lines + 60)
        for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            paragraph.style = doc.styles["DD Table Text"]
            if text == label:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif value.startswith("年"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                set_indent(paragraph, right=1)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def save_builtin_templates(folder: Path) -> list[Path]:
    """Write every kind's built-in template into `folder` (tools/build_templates.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ALL_KINDS:
        path = folder / template_name(kind)
        buffer = io.BytesIO()
        build_template(kind).save(buffer)
        path.write_bytes(_fixed_zip_times(buffer.getvalue()))
        written.append(path)
    return written


def _fixed_zip_times(data: bytes) -> bytes:
    """The same .docx with fixed entry times, so that rebuilding unchanged templates changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()
