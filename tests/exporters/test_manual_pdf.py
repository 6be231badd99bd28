"""Issue 12 (使用说明): the Markdown subset of exporters/manual_pdf — headings, paragraphs, lists, bold, code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exporters.manual_pdf import inline, parse, render_manual


def test_manual_markdown_subset_blocks() -> None:
    blocks = parse("# 标题\n\n第一行\n第二行\n\n## 一、章\n### 小节\n- 甲\n- 乙\n  续行\n1. 第一步\n2. 第二步\n")
    assert [(b.kind, b.text, b.mark) for b in blocks] == [
        ("h1", "标题", ""),
        ("p", "第一行第二行", ""),  # Chinese lines join without a space
        ("h2", "一、章", ""),
        ("h3", "小节", ""),
        ("bullet", "甲", ""),
        ("bullet", "乙续行", ""),
        ("number", "第一步", "1"),
        ("number", "第二步", "2"),
    ]


def test_manual_inline_bold_code_and_escaping() -> None:
    assert inline("按 **F1** 打开 `--demo` <数据>") == (
        '按 <b>F1</b> 打开 <font backColor="#eeeeee">--demo</font> &lt;数据&gt;'
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_manual_pdf_renders_lists_and_bold(tmp_path: Path) -> None:
    source = tmp_path / "说明.md"
    source.write_text("# 说明\n\n## 一、开始\n\n- 补正：**7个工作日**\n1. 登记申请\n", encoding="utf-8")
    out = render_manual(tmp_path / "说明.pdf", source)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "• 补正：7个工作日" in text and "1. 登记申请" in text and "一、开始" in text
