"""PDF print-outs: the CJK font is embedded (pdffonts), the text extracts (pdftotext), A4, page numbers, the
unit name and period in the header; characters the font lacks are reported, not dropped."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from exporters.pdf_fonts import MISSING_MARK, register_cjk_font
from exporters.report_pdf import write_ledger_pdf
from models.db import Database
from models.services import profile, reports
from tests.report_register import build

pytestmark = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def pdftext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_size(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(line for line in out.splitlines() if line.startswith("Page size"))


def assert_cjk_embedded(path: Path) -> None:
    fonts = pdffonts(path)
    cjk = [f for f in fonts if "WenQuanYi" in f[0] or "CJK" in f[0] or "Hei" in f[0] or "Song" in f[0]]
    assert cjk, fonts
    for font in cjk:
        assert font[-5] == "yes", font  # the "emb" column


def test_tables_pdf_embeds_the_font_and_the_text_extracts(db: Database, tmp_path: Path) -> None:
    build(db)
    profile.set_field(db, "单位名称", "青山县白鹤镇人民政府")
    out = tmp_path / "年报.pdf"
    result = reports.export_return(db, "2025", tmp_path / "年报.xlsx", pdf=out)
    assert out in result.files and result.warnings == []
    assert_cjk_embedded(out)
    assert "595.276 x 841.89 pts (A4)" in page_size(out)
    text = pdftext(out)
    for phrase in (
        "青山县白鹤镇人民政府",
        "2025年",
        "三、收到和处理政府信息公开申请情况",
        "（七）总计",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "勾稽关系检查：通过",
    ):
        assert phrase in text, phrase
    pages = text.count("\f")
    numbers = re.findall(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页", text)
    assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)]


def test_monthly_pdf(db: Database, tmp_path: Path) -> None:
    build(db)
    out = tmp_path / "月报.pdf"
    reports.export_return(db, "2026-01", tmp_path / "月报.xlsx", pdf=out)
    assert_cjk_embedded(out)
    text = pdftext(out)
    assert "2026年1月" in text and "一、本月新收政府信息公开申请数量" in text


def test_ledger_pdf_masks_names_and_prints_landscape(db: Database, tmp_path: Path) -> None:
    build(db)
    out = tmp_path / "台账.pdf"
    result = reports.export_ledger_pdf(db, out, year=2025)
    assert result.details == 27
    assert_cjk_embedded(out)
    assert "841.89 x 595.276 pts (A4)" in page_size(out)
    text = pdftext(out, "-layout")
    assert "依申请公开政府信息台账" in text and "2025-0001" in text
    assert "张**" in text and "张三丰" not in text
    assert "500235" not in text  # no ID numbers at all


def test_missing_glyphs_are_reported_not_dropped(tmp_path: Path) -> None:
    register_cjk_font()
    out = tmp_path / "台账.pdf"
    rows = [("2025-0001", "2025-03-03", "自然人", "李*", "申请公开䶮字号文件", "已答复", "", "", "", "", "")]
    result = write_ledger_pdf(out, rows, unit_name="白鹤镇", period_label=f"{date(2025, 1, 1).year}年")
    assert result.missing_glyphs == ["䶮"]
    assert "䶮" in result.warning()
    assert f"申请公开{MISSING_MARK}字号文件" in pdftext(out)


def content_column(path: Path) -> str:
    """The text of the ledger's 申请内容 column, page after page, without the repeated header cell, the page
    footer, spaces or line breaks. The column starts 15 + 19 + 18 + 16 + 24 = 92 mm from the left edge and is
    62 mm wide; the crop takes 2 mm more on each side (the cell padding), and no text of the neighbours."""
    x, width = round(90 / 25.4 * 72), round(66 / 25.4 * 72)
    text = pdftext(path, "-x", str(x), "-y", "0", "-W", str(width), "-H", "600")
    out = []
    for page in text.split("\f"):
        flat = "".join(page.split())
        if "申请内容" in flat:
            body = flat.split("申请内容", 1)[1].replace("申请内容", "")  # the header cell, repeated on every page
            out.append(re.sub(r"第\d+页共\d+页$", "", body))
    return "".join(out)


def test_ledger_row_taller_than_a_page_continues_on_the_next_page(tmp_path: Path) -> None:
    """Issue 9 §2: a 申请内容 of about 1,000 characters (and up to the 5,000 the template allows) used to stop the
    print-out (LayoutError); the row is split across pages and not a character is lost."""
    out = tmp_path / "台账.pdf"
    long_text = ("申请公开二〇二四年度村道路硬化工程招标文件及验收报告" * 200)[:4999] + "完"
    rows = [
        ("2025-0001", "2025-03-03", "自然人", "李*", "村道路工程资料", "办理中", "2025-03-31", "", "", "", ""),
        ("2025-0002", "2025-03-04", "自然人", "王*", long_text, "办理中", "2025-04-01", "", "", "", ""),
        ("2025-0003", "2025-03-05", "自然人", "赵*", "末行申请", "办理中", "2025-04-02", "", "", "", ""),
    ]
    result = write_ledger_pdf(out, rows, unit_name="白鹤镇人民政府", period_label="2025年")
    assert result.pages >= 3
    column = content_column(out)
    assert "村道路工程资料" + long_text + "末行申请" in column  # every character, in order, across the pages
    text = pdftext(out)
    assert "2025-0002" in text and "共 3 件" in text


def test_ledger_row_of_a_thousand_characters_prints(tmp_path: Path) -> None:
    out = tmp_path / "台账.pdf"
    content = "关于道路硬化工程的招标文件" * 77  # 1,001 characters: one row taller than a landscape page
    rows = [("2025-0001", "2025-03-03", "自然人", "李*", content, "办理中", "2025-03-31", "", "", "", "")]
    result = write_ledger_pdf(out, rows, unit_name="白鹤镇人民政府", period_label="2025年")
    assert result.pages == 2
    assert content in content_column(out)
