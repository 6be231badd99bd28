"""Add a document from its file: read a .docx laid out by GB/T 9704-2012 and propose the form's fields.

What is read (README §4): the 发文字号 (a line near the top with a 文号, e.g. 白鹤府发〔2025〕12号, possibly beside
签发人), the 标题 (the centred paragraph(s) after the 字号, before the 主送机关 line), the 成文日期 (the last date line
such as 2025年9月22日 near the end) and the 附注 line (（此件公开发布） …). The 发文机关 is taken from the 版头
(白鹤镇人民政府文件 → 白鹤镇人民政府) or the signature line above the date. Nothing is stored: the clerk confirms
the proposal in the form.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models.domain.document_number import normalize_document_number
from models.domain.documents import NOTE_MARKS_BY_ATTRIBUTE, NoteMark
from models.domain.errors import UserError, ValidationError

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,20}[〔\[［(（【]\s*[\d０-９]{4}\s*[〕\]］)）】]\s*[\d０-９]{1,6}\s*号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re.compile(
    r"^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_NOTE = re.compile(r"^[（(]\s*(此件[\u4e00-\u9fff]+?)\s*[）)]$")
_HEAD = re.compile(r"^(?P<issuer>.+?)文件$")
DOC_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
             "函", "纪要", "办法", "规定", "细则", "方案", "规划", "计划", "实施意见")  # fmt: skip
TOP_LINES = 12  # the 字号 is in the 版头
BOTTOM_LINES = 12  # the date and 附注 are near the end
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


@dataclass(frozen=True)
class DocumentProposal:
    number: str = ""
    title: str = ""
    issuer: str = ""
    written: date | None = None
    doc_type: str = ""
    note_mark: str = ""
    attribute: str = ""
    missing: list[str] = field(default_factory=list)  # the fields that could not be read (Chinese labels)


@dataclass(frozen=True)
class _Para:
    text: str
    centred: bool
    size: float  # the largest run size in pt, 0 when unknown


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]


def parse_date_line(text: str) -> date | None:
    compact = re.sub(r"\s+", "", text)
    try:
        if m := _DATE.match(compact):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _CN_DATE.match(compact):
            return date(int("".join(str(_DIGITS[c]) for c in m[1])), _cn_number(m[2]), _cn_number(m[3]))
    except (ValueError, KeyError):
        return None
    return None


def _paragraphs(path: Path) -> list[_Para]:
    from docx import Document as open_docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = open_docx(str(path))
        out = []
        for p in document.paragraphs:
            text = p.text.strip()
            if not text:
                continue
            sizes = [r.font.size.pt for r in p.runs if r.font.size is not None]
            style_size = p.style.font.size.pt if p.style is not None and p.style.font.size is not None else 0.0
            centred = p.alignment == WD_ALIGN_PARAGRAPH.CENTER or (
                p.style is not None and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
            )
            out.append(_Para(text, bool(centred), max(sizes, default=style_size)))
        return out
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except PermissionError:
        raise UserError(f"无法读取“{path.name}”：文件可能正在被其他程序使用或没有读取权限。") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError, OSError):
        raise UserError(
            f"无法读取“{path.name}”：它不是有效的Word文档（.docx），或文件已损坏。请用Word另存为.docx后重试。"
        ) from None


def read_document_file(path: Path) -> DocumentProposal:
    """The proposal for the form read from a GB/T 9704 .docx; a UserError (Chinese) for an unreadable file."""
    if path.suffix.lower() != ".docx":
        raise UserError(f"“{path.name}”不是.docx文件：请选择Word 2007及以后格式的公文（.doc请先另存为.docx）。")
    paras = _paragraphs(path)
    if not paras:
        raise UserError(f"“{path.name}”中没有文字，无法读取公文信息。")
    number, number_at = "", -1
    for i, p in enumerate(paras[:TOP_LINES]):
        if m := _NUMBER.search(re.sub(r"\s+", "", p.text)):
            try:
                number = normalize_document_number(m[0]) or ""
            except ValidationError:
                continue
            number_at = i
            break
    issuer = ""
    for p in paras[: max(number_at, 0) + 1]:
        if m := _HEAD.match(re.sub(r"\s+", "", p.text)):
            issuer = m["issuer"]
            break
    title_lines: list[str] = []
    start = number_at + 1 if number_at >= 0 else 0
    for p in paras[start : start + 6]:
        if p.text.endswith(("：", ":")) and title_lines:  # the 主送机关 line ends the title
            break
        if p.centred or p.size >= 20:
            title_lines.append(p.text)
        elif title_lines:
            break
    title = "".join(title_lines)
    tail = paras[-BOTTOM_LINES:]
    written: date | None = None
    date_at = -1
    for i in range(len(tail) - 1, -1, -1):
        written = parse_date_line(tail[i].text)
        if written is not None:
            date_at = i
            break
    if not issuer and date_at > 0:
        above = tail[date_at - 1].text
        if len(above) <= 30 and not above.endswith(("。", "：")):
            issuer = above
    note = ""
    for p in tail:
        if (m := _NOTE.match(re.sub(r"\s+", "", p.text))) and m[1] in {n.value for n in NoteMark}:
            note = m[1]
    attribute = next((a.value for a, marks in NOTE_MARKS_BY_ATTRIBUTE.items() if note and NoteMark(note) in marks), "")
    doc_type = max((t for t in DOC_TYPES if title.endswith(t)), key=len, default="")
    labels = {"文号": number, "标题": title, "成文日期": written, "附注": note}
    missing = [label for label, value in labels.items() if not value]
    return DocumentProposal(number, title, issuer, written, doc_type, note, attribute, missing)


__all__ = ["DocumentProposal", "read_document_file"]
