"""Issue 12 (使用说明): `manual --out FILE.pdf` renders docs/使用说明.md to a PDF with every chapter; a bad output
path is a Chinese error with exit code 2 and nothing written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.runner import Cli

CHAPTERS = (
    "政务公开工作台使用说明",
    "一、第一次使用",
    "二、登记申请",
    "三、期限",
    "四、文书",
    "五、月报",
    "六、年度报告",
    "七、公文、征求意见、政策解读",
    "八、期限日历和任务清单",
    "九、节假日",
    "十、备份和恢复",
    "十一、便携模式",
    "十二、一年的节奏",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_manual_cli_writes_a_pdf_with_every_chapter_heading(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "使用说明.pdf"
    code, stdout, stderr = cli("manual", "--out", str(out))
    assert (code, stderr) == (0, "")
    assert f"已生成使用说明：{out}" in stdout
    text = pdf_text(out)
    for chapter in CHAPTERS:
        assert chapter in text, chapter
    # the rules the clerk must find in it, as the law states them
    flat = text.replace("\n", "")
    for rule in ("7个工作日", "20个工作日", "1月31日", "已暂停计时", "备份全部数据", "“数据”文件夹"):
        assert rule in flat, rule
    assert "**" not in text and "`" not in text  # the Markdown marks are rendered, not printed


def test_manual_cli_broken_output_path_is_a_chinese_error_exit_2(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "没有这个文件夹" / "使用说明.pdf"
    code, stdout, stderr = cli("manual", "--out", str(out))
    assert code == 2 and stdout == ""
    assert stderr.startswith("错误：文件夹不存在：") and "没有这个文件夹" in stderr
    assert not out.parent.exists()
    code, _out, stderr = cli("manual", "--out", str(tmp_path / "说明.docx"))
    assert code == 2 and "输出文件应以 .pdf 结尾" in stderr
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == []  # nothing written, no database either


def test_manual_cli_missing_source_is_a_chinese_error(cli: Cli, tmp_path: Path) -> None:
    code, _out, stderr = cli("manual", "--out", str(tmp_path / "a.pdf"), "--source", str(tmp_path / "无.md"))
    assert code == 2 and "找不到使用说明的源文件" in stderr
    assert not (tmp_path / "a.pdf").exists()
