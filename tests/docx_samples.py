"""Word files laid out like a real 公文 (GB/T 9704-2012): 版头, 发文字号, title, 主送, body, signature, date, 附注."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def write_gbt9704(
    path: Path,
    *,
    head: str = "白鹤镇人民政府文件",
    number: str = "白鹤府发〔2025〕12号",
    title: tuple[str, ...] = ("白鹤镇人民政府", "关于印发2025年惠民惠农财政补贴资金发放办法的通知"),
    signature: str = "白鹤镇人民政府",
    written: str = "2025年9月22日",
    note: str = "（此件公开发布）",
) -> Path:
    doc = Document()

    def line(text: str, *, centred: bool = False, size: float = 16) -> None:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    line(head, centred=True, size=26)
    line(number, centred=True)
    doc.add_paragraph()
    for part in title:
        line(part, centred=True, size=22)
    line("各村（社区）、镇属各单位：")
    line("现将《2025年惠民惠农财政补贴资金发放办法》印发给你们，请认真贯彻执行。")
    line("附件：2025年惠民惠农财政补贴资金发放办法")
    line(signature)
    line(written)
    line(note)
    doc.save(str(path))
    return path
