"""Render a letter: a docxtpl template and a plain context in, a finished .docx out.

- docxtpl renders with autoescape=True (PITFALLS: with the default, `张三 <&>` silently became `>`).
- Then every run of the body, the tables and the footers gets its East-Asian font (w:eastAsia + w:hint) and
  its size: title 2号 in the title font (bold when 宋体 stands in), page numbers 4号宋体, the rest 3号 in the
  body font — fonts chosen from the PC's fonts (`exporters.fonts`).
- The signature block is placed from the real lengths: the 成文日期 右空四字 and the unit name centred over it
  (when the name is longer than the date, the name 右空二字 and the date centred under it).
- `write_letter` writes through a temporary file and os.replace (a file held open by Word → a UserError).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from exporters.atomic_file import atomic_write
from exporters.fonts import FontChoice
from exporters.letter_layout import (
    BODY_PT,
    CHAR_TWIPS,
    PAGE_NUMBER_PT,
    STYLE_DATE,
    STYLE_PAGE_NUMBER,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    TITLE_PT,
    set_run_fonts,
)
from models.domain.errors import UserError
from models.domain.letters import text_width

SIGNATURE_RIGHT_CHARS = 4  # 成文日期右空四字 (a sealed letter)
MIN_RIGHT_CHARS = 2


def _open(template: Path) -> DocxTemplate:
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()  # docxtpl opens the file lazily: open it here, where a bad file is named
        return tpl
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise UserError(f"不是有效的Word文档（.docx）：{template}（{error}）") from None
    except OSError as error:
        raise UserError(f"无法读取模板文件：{template}（{error.strerror or error}）") from None


def template_variables(template: Path) -> set[str]:
    """The placeholders a template uses (loop variables excluded); a UserError for a broken template."""
    tpl = _open(template)
    try:
        return set(tpl.get_undeclared_template_variables())
    except TemplateError as error:
        line = f"（第{error.lineno}行）" if getattr(error, "lineno", None) else ""
        raise UserError(f"模板中的占位符有语法错误{line}：{error.message}") from None


def render_letter(template: Path, context: Mapping[str, Any], fonts: FontChoice) -> bytes:
    """The rendered .docx as bytes."""
    tpl = _open(template)
    try:
        tpl.render(dict(context), autoescape=True)
    except TemplateError as error:
        raise UserError(f"文书模板有错误，无法生成：{error.message}。可在设置中恢复内置模板。") from None
    document = tpl.docx
    apply_fonts(document, fonts)
    place_signature(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_letter(template: Path, context: Mapping[str, Any], path: Path, fonts: FontChoice) -> Path:
    data = render_letter(template, context, fonts)
    return atomic_write(path, lambda temp: temp.write_bytes(data), program="Word或WPS")


# -- fonts on every run ---------------------------------------------------------------------------------------


def _parts(document) -> list:  # noqa: ANN001 - a python-docx Document
    """The XML roots holding runs: the body and every header and footer."""
    roots = [document.element.body]
    seen = set()
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                roots.append(element)
    return roots


def _style_of(run) -> str:  # noqa: ANN001 - a w:r element
    paragraph = run
    while paragraph is not None and paragraph.tag != qn("w:p"):
        paragraph = paragraph.getparent()
    if paragraph is None:
        return ""
    ppr = paragraph.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val"), "") if style is not None else ""


def apply_fonts(document, fonts: FontChoice) -> None:  # noqa: ANN001 - a python-docx Document
    body_root = document.element.body
    for root in _parts(document):
        in_footer = root is not body_root
        for run in root.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = run.makeelement(qn("w:rPr"), {})
                run.insert(0, rpr)
            style = _style_of(run)
            if style == STYLE_TITLE:
                set_run_fonts(rpr, fonts.title, size_pt=TITLE_PT, bold=fonts.title_bold, condense=False)
            elif in_footer or style == STYLE_PAGE_NUMBER:
                set_run_fonts(rpr, fonts.page_number, size_pt=PAGE_NUMBER_PT, condense=False)
            else:
                set_run_fonts(rpr, fonts.body, size_pt=BODY_PT, condense=True)


# -- the signature block ------------------------------------------------------------------------------------


def _text(paragraph) -> str:  # noqa: ANN001
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _set_right(paragraph, chars: float) -> None:  # noqa: ANN001
    ind = paragraph.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:rightChars"), str(round(chars * 100)))
    ind.set(qn("w:right"), str(round(chars * CHAR_TWIPS)))


def signature_indents(unit: str, day: str) -> tuple[float, float]:
    """Right indents (in characters) of the unit name and the date: the date 右空四字 and the name centred over
    it; a name longer than fits that way is set 右空二字 and the date centred under it."""
    unit_w, date_w = text_width(unit), text_width(day)
    unit_right = SIGNATURE_RIGHT_CHARS + (date_w - unit_w) / 2
    date_right = float(SIGNATURE_RIGHT_CHARS)
    if unit_right < MIN_RIGHT_CHARS:
        unit_right = MIN_RIGHT_CHARS
        date_right = MIN_RIGHT_CHARS + (unit_w - date_w) / 2
    return unit_right, date_right


def place_signature(document) -> None:  # noqa: ANN001
    paragraphs = list(document.element.body.iter(qn("w:p")))
    signatures = [p for p in paragraphs if _style_of(p) == STYLE_SIGNATURE]
    dates = [p for p in paragraphs if _style_of(p) == STYLE_DATE]
    if not signatures or not dates:
        return  # a unit's own template without the styles: leave its layout alone
    unit, day = signatures[-1], dates[-1]
    unit_right, date_right = signature_indents(_text(unit), _text(day))
    _set_right(unit, unit_right)
    _set_right(day, date_right)
    # The signature never stands alone on a page: the last line of text before it (and the blank lines in
    # between) keep with it.
    before = paragraphs[: paragraphs.index(unit)]
    for paragraph in reversed(before):
        if paragraph.getparent() is not document.element.body:
            break  # a table cell (送达回证): the table itself comes first
        paragraph.get_or_add_pPr().keepNext_val = True
        if _text(paragraph).strip():
            break
