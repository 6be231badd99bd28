"""Issue 8, letters layout: the PDF is a GB/T 9704 page too — the PC's 公文 fonts or a serif fallback (never a
sans), 28 characters × 22 lines, the line-breaking rules, and converted by LibreOffice where it is installed."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from exporters import pdf_fonts
from exporters.letter_pdf import break_lines, render_pdf
from exporters.soffice import find_soffice
from models.domain.letters import LetterContent
from models.migrate import open_database
from models.services import demo_letters, letters
from tests.exporters.test_letter_page_ends import _pages

pytestmark = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)

NO_LINE_START = "，。、；：？！”）》"  # issue 8: no line begins with these
NO_LINE_END = "“（《"  # … and none ends with these
FULL_LINE = "本机关于收到您的申请经审查现答复如下根据政府信息公开条例规定"  # 30 characters, no punctuation


@pytest.fixture(scope="module")
def reply(tmp_path_factory: pytest.TempPathFactory) -> LetterContent:
    db = open_database(tmp_path_factory.mktemp("pdf") / "p.db")
    try:
        sample = next(s for s in demo_letters.samples(db) if s.name == "reply-1")
        return letters.preview(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY)
    finally:
        db.close()


def _fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]


@pytest.mark.parametrize("prefix", range(31))
def test_line_breaking_rules_hold_wherever_the_punctuation_falls(prefix: int) -> None:
    text = "甲" * prefix + "您申请获取“道路硬化工程的招标文件”（见附件），依据《条例》第三十六条；是否公开？否！" * 3
    lines = break_lines(text, 26, 28)
    assert "".join(lines) == text
    for index, line in enumerate(lines):
        if index:
            assert line[0] not in NO_LINE_START, lines
        assert line[-1] not in NO_LINE_END, lines
        assert len(line) <= (26 if index == 0 else 28) + 1  # at most one hanging comma or full stop


def test_line_breaking_examples() -> None:
    assert break_lines("甲" * 28 + "，乙", 28, 28) == ["甲" * 28 + "，", "乙"]  # a comma hangs
    assert break_lines("甲" * 28 + "）乙", 28, 28) == ["甲" * 27, "甲）乙"]  # 甲 goes down with the bracket
    assert break_lines("甲" * 27 + "“乙”", 28, 28) == ["甲" * 27, "“乙”"]  # an opening quote never ends a line
    assert break_lines("甲" * 26 + "2025年", 28, 28) == ["甲" * 26, "2025年"]  # digits are not split


def test_drawn_pdf_is_28_characters_by_22_lines(reply: LetterContent, tmp_path: Path) -> None:
    long = dataclasses.replace(reply, body=(FULL_LINE * 40,), attachments=())
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(long).data)
    pages = _pages(path)
    full = pages[1]  # page 2: body text only
    assert len(full) == 22
    assert {len(text) for _y, text in full} == {28}
    # Each line on its own grid line, 28.95 pt apart (the pdftotext positions, in lines from the top).
    assert [round(y) for y, _text in full] == list(range(22))


def test_drawn_pdf_uses_a_serif_never_a_sans(reply: LetterContent, tmp_path: Path) -> None:
    fonts = pdf_fonts.register_letter_fonts()
    path = tmp_path / "reply.pdf"
    path.write_bytes(render_pdf(reply).data)
    names = _fonts(path)
    assert names and all(" yes " in row for row in names)  # embedded
    assert not any(sans in row for row in names for sans in ("WenQuanYi", "Hei", "Sans", "YaHei"))
    if not any(pdf_fonts.font_files(f) for f in ("仿宋_GB2312", "仿宋", "宋体", "方正小标宋简体", "华文中宋")):
        assert fonts.families == ("文鼎PL明体", "文鼎PL明体", "文鼎PL明体")
        assert all("UMing" in row for row in names)


def test_pdf_takes_the_pcs_gongwen_fonts_when_it_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = Path(pdf_fonts.resource_path("fonts", "uming.ttc"))  # a TrueType file standing in for simfang.ttf
    installed = {"仿宋": [stand_in], "宋体": [stand_in]}
    monkeypatch.setattr(pdf_fonts, "font_files", lambda family: installed.get(family, []))
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "_registered_family", {})
    assert pdf_fonts.register_letter_fonts().families == ("仿宋", "宋体", "宋体")
    installed["仿宋_GB2312"] = [stand_in]
    installed["方正小标宋简体"] = [stand_in]
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "_registered_family", {})
    assert pdf_fonts.register_letter_fonts().families == ("仿宋_GB2312", "方正小标宋简体", "宋体")


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_is_the_word_file_converted_when_libreoffice_is_there(reply: LetterContent, tmp_path: Path) -> None:
    from exporters.fonts import choose_fonts
    from exporters.letter_docx import render_letter

    docx = render_letter(letters.builtin_template(reply.kind), reply.context(), choose_fonts())
    path = tmp_path / "converted.pdf"
    path.write_bytes(render_pdf(reply, docx=docx).data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LibreOffice" in info  # the producer
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "政府信息公开申请答复书" in text.replace("\n", "")


def _closing_follows_the_remedy(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "closing.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    remedy_end = flat.index("向青山县人民法院提起行政诉讼。")
    closing = flat.index("特此答复。")
    assert remedy_end < closing < flat.index("联系人：李晓梅")
    assert flat.count("特此答复。") == 1


def test_drawn_pdf_has_the_closing_phrase_after_the_remedy(reply: LetterContent, tmp_path: Path) -> None:
    """Issue 8, wording: "特此答复。" after the remedy paragraph — in the PDF drawn without LibreOffice too."""
    _closing_follows_the_remedy(render_pdf(reply).data, tmp_path)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_converted_pdf_has_the_closing_phrase_after_the_remedy(reply: LetterContent, tmp_path: Path) -> None:
    from exporters.fonts import choose_fonts
    from exporters.letter_docx import render_letter

    docx = render_letter(letters.builtin_template(reply.kind), reply.context(), choose_fonts())
    _closing_follows_the_remedy(render_pdf(reply, docx=docx).data, tmp_path)


def test_service_form_pdf_embeds_only_the_letter_fonts(tmp_path: Path) -> None:
    db = open_database(tmp_path / "s.db")
    try:
        sample = next(s for s in demo_letters.samples(db) if s.name == "service")
        content = letters.preview(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY)
    finally:
        db.close()
    path = tmp_path / "service.pdf"
    path.write_bytes(render_pdf(content).data)
    names = _fonts(path)
    assert names and all(" yes " in row for row in names) and not any("Helvetica" in row for row in names)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "送达回证" in text and "受送达人签名或盖章" in text.replace("\n", "")
