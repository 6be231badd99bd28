"""使用说明.pdf: docs/使用说明.md rendered with reportlab and the embedded CJK font.

A small Markdown subset is understood: `#`/`##`/`###` headings, paragraphs (consecutive lines), `- ` bullet lists,
`1. ` numbered lists, `**bold**` and `` `code` ``. Anything else is printed as plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from exporters.atomic_file import atomic_write
from models.domain.errors import UserError

MANUAL_SOURCE = Path(__file__).resolve().parents[1] / "docs" / "使用说明.md"
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.、]\s+(.*)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "h1", "h2", "h3", "p", "bullet", "number"
    text: str
    mark: str = ""  # the number of a numbered item


def parse(markdown: str) -> list[Block]:
    """The blocks of the supported subset, in order."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", "".join(line.strip() for line in paragraph)))
            paragraph.clear()

    for line in markdown.splitlines():
        if not line.strip():
            flush()
            continue
        if heading := _HEADING.match(line):
            flush()
            blocks.append(Block(f"h{len(heading.group(1))}", heading.group(2).strip()))
        elif bullet := _BULLET.match(line):
            flush()
            blocks.append(Block("bullet", bullet.group(1).strip()))
        elif numbered := _NUMBERED.match(line):
            flush()
            blocks.append(Block("number", numbered.group(2).strip(), numbered.group(1)))
        elif blocks and blocks[-1].kind in ("bullet", "number") and not paragraph and line.startswith("  "):
            last = blocks.pop()  # a continuation line of a list item
            blocks.append(Block(last.kind, last.text + line.strip(), last.mark))
        else:
            paragraph.append(line)
    flush()
    return blocks


def inline(text: str) -> str:
    """reportlab paragraph markup for `**bold**` and `` `code` `` (everything else escaped)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"`(.+?)`", r'<font backColor="#eeeeee">\1</font>', out)


def headings(markdown: str) -> list[str]:
    """The chapter headings (`#` and `##`), for the table of contents and the tests."""
    return [b.text for b in parse(markdown) if b.kind in ("h1", "h2")]


def _story(blocks: list[Block], font: str) -> list[object]:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from exporters.pdf_fonts import missing_glyphs, printable

    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK", spaceAfter=2 * mm)
    styles = {
        "h1": ParagraphStyle("h1", parent=body, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6 * mm),
        "h2": ParagraphStyle("h2", parent=body, fontSize=15, leading=22, spaceBefore=5 * mm, spaceAfter=2 * mm),
        "h3": ParagraphStyle("h3", parent=body, fontSize=12.5, leading=19, spaceBefore=3 * mm),
        "p": ParagraphStyle("p", parent=body, firstLineIndent=22),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=1 * mm),
    }
    styles["number"] = ParagraphStyle("number", parent=styles["bullet"], leftIndent=20)
    missing = missing_glyphs(b.text for b in blocks)
    story: list[object] = []
    for block in blocks:
        text = inline(printable(block.text, missing))
        if block.kind in ("h1", "h2", "h3"):
            text = f"<b>{text}</b>"
        bullet = {"bullet": "•", "number": f"{block.mark}."}.get(block.kind)
        story.append(Paragraph(text, styles[block.kind], bulletText=bullet))
        if block.kind == "h1":
            story.append(Spacer(1, 2 * mm))
    return story


def _write(blocks: list[Block], target: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from exporters.pdf_fonts import register_cjk_font

    font = register_cjk_font()
    title = next((b.text for b in blocks if b.kind == "h1"), "使用说明")

    def page_number(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=title,
        author="政务公开工作台",
        subject="使用说明",
        creator="政务公开工作台",
    )
    doc.build(_story(blocks, font), onFirstPage=page_number, onLaterPages=page_number)


def render_manual(out: str | Path, source: str | Path | None = None) -> Path:
    """Render the manual (default docs/使用说明.md) to the PDF `out`, atomically; returns the path."""
    source_path = Path(source) if source is not None else MANUAL_SOURCE
    try:
        markdown = source_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"找不到使用说明的源文件：{source_path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"无法读取使用说明的源文件：{source_path}（{error}）") from None
    blocks = parse(markdown)
    if not blocks:
        raise UserError(f"使用说明的源文件是空的：{source_path}")
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应以 .pdf 结尾：{target}")
    return atomic_write(target, lambda temp: _write(blocks, temp), program="PDF阅读器")
