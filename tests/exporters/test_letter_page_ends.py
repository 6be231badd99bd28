"""Issue 8, letters layout: no page that holds only the 落款. The closing block (contact line, 附件说明, unit, date)
keeps at least two lines of 正文 with it (GB/T 9704 7.3.5), in LibreOffice's rendering of every kind of letter,
with body lengths chosen to land the closing block across a page end.

Two LibreOffice runs: the first renders each letter with only the last paragraph of its body (one page) and finds
on which line its date stands; the second pads the body with one-line paragraphs before that last paragraph so that
the closing block overflows the page by 1, 3, 5 and 7 lines. The PDF drawn without LibreOffice (reportlab) must
break the same letters into the same pages, by the same rule."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporters.fonts import choose_fonts
from exporters.letter_docx import render_letter
from exporters.letter_pdf import render_pdf
from exporters.soffice import convert_to_pdf, find_soffice
from models.domain.letters import KINDS, LetterContent, cn_date
from models.migrate import open_database
from models.services import demo_letters, letters

pytestmark = pytest.mark.skipif(
    (find_soffice() is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: bash scripts/setup.sh installs them",
)

KIND_SAMPLES = (
    "receipt",
    "supplement",
    "extension",
    "consultation",
    "third_party_notice",
    "coproducer",
    "fee",
    "reasons",
    "reply-1",  # a 答复书 with 附件说明 of two items
)
OVERFLOWS = (1, 3, 5, 7)
LINES_PER_PAGE = 22
LINE_PT = 28.95
TOP_MARGIN_PT = 37 / 25.4 * 72
FILLER = "本段为测试排版用的补充正文用于把落款推到页面末尾"  # 24 characters + 2 of indent: one line each
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")


def _padded(content: LetterContent, lines: int) -> LetterContent:
    filler = tuple(f"{i % 10}{FILLER}" for i in range(lines))
    return dataclasses.replace(content, body=filler + content.body[-1:])


def _render(folder: Path, name: str, content: LetterContent) -> Path:
    path = folder / f"{name}.docx"
    template = letters.builtin_template(content.kind)
    path.write_bytes(render_letter(template, content.context(), choose_fonts()))
    return path


def _pages(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page: (line index from the top of the 版心, text) of every line, the page number left out."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in xml.stdout.split("<page ")[1:]:
        lines = []
        for y, words in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            text = "".join(re.findall(r">([^<]*)</word>", words))
            if not PAGE_NUMBER.match(text):
                lines.append(((float(y) - TOP_MARGIN_PT) / LINE_PT, text))
        pages.append(lines)
    return pages


def _closing_starts(content: LetterContent) -> tuple[str, ...]:
    starts = [content.signature, cn_date(content.date)] + list(content.attachments)
    if content.contact:
        starts.append(content.contact)
    return tuple(s[:8].replace("　", "").replace(" ", "") for s in starts)


def _text_lines_with_closing(content: LetterContent, page: list[tuple[float, str]]) -> int:
    """Lines of 正文 on the page of the closing block, before it."""
    starts = _closing_starts(content)
    for index, (_y, text) in enumerate(page):
        if text.replace(" ", "").startswith(starts):
            return index
    raise AssertionError(f"no closing block on the last page: {page}")


@pytest.fixture(scope="module")
def padded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[LetterContent, Path]]]:
    folder = tmp_path_factory.mktemp("page-ends")
    db = open_database(folder / "p.db")
    try:
        everything: dict[str, LetterContent] = {}
        for sample in demo_letters.samples(db):
            content = letters.preview(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY)
            if KINDS[sample.kind].numbered:
                content = dataclasses.replace(content, number="白鹤镇政府信息公开〔2025〕1号")
            everything[sample.name] = content
        base = {name: everything[name] for name in KIND_SAMPLES}
    finally:
        db.close()
    (folder / "base").mkdir()
    (folder / "padded").mkdir()
    first = [_render(folder / "base", name, _padded(content, 0)) for name, content in base.items()]
    date_line = {}
    for name, pdf in zip(base, convert_to_pdf(first, folder / "base-pdf", timeout=240), strict=True):
        pages = _pages(pdf)
        assert len(pages) == 1, f"{name}: the letter with one paragraph of 正文 should fill one page"
        date_line[name] = int(pages[0][-1][0])  # the date: the last line of the page
    files, contents = [], {}
    for name, content in base.items():
        for overflow in OVERFLOWS:
            lines = LINES_PER_PAGE - 1 - date_line[name] + overflow
            key = f"{name}+{overflow}"
            contents[key] = _padded(content, lines)
            files.append(_render(folder / "padded", key, contents[key]))
    for name, content in everything.items():  # every sample as it is, for the page counts of the PDF
        contents[f"as-is:{name}"] = content
        files.append(_render(folder / "padded", f"as-is-{name}", content))
    pdfs = convert_to_pdf(files, folder / "padded-pdf", timeout=400)
    yield {key: (contents[key], pdf) for key, pdf in zip(contents, pdfs, strict=True)}


@pytest.mark.parametrize("name", KIND_SAMPLES)
def test_no_page_holds_only_the_closing_block(padded, name: str) -> None:
    moved = 0
    for overflow in OVERFLOWS:
        content, pdf = padded[f"{name}+{overflow}"]
        pages = _pages(pdf)
        assert len(pages) >= 2
        assert all(pages), f"{name}+{overflow}: an empty page"
        last = pages[-1]
        with_closing = _text_lines_with_closing(content, last)
        assert with_closing >= 2, f"{name}+{overflow}: only {with_closing} line(s) of 正文 with the 落款: {last}"
        assert last[-1][1].replace(" ", "") == cn_date(content.date)
        moved += with_closing <= 5
    # The paddings did land the closing block at a page end: at least one letter moved only a few lines over.
    assert moved, f"{name}: no padding landed the closing block at a page end"


def _drawn_pages(content: LetterContent, folder: Path) -> list[list[tuple[float, str]]]:
    path = folder / "drawn.pdf"
    path.write_bytes(render_pdf(content).data)  # no .docx given: reportlab draws it
    return _pages(path)


@pytest.mark.parametrize("name", KIND_SAMPLES)
def test_drawn_pdf_breaks_pages_like_libreoffice_near_a_page_end(padded, tmp_path: Path, name: str) -> None:
    for overflow in OVERFLOWS:
        content, pdf = padded[f"{name}+{overflow}"]
        drawn, converted = _drawn_pages(content, tmp_path), _pages(pdf)
        assert [len(p) for p in drawn] == [len(p) for p in converted], f"{name}+{overflow}"
        assert _text_lines_with_closing(content, drawn[-1]) >= 2


def test_drawn_pdf_has_the_page_count_of_the_word_file_for_every_sample(padded, tmp_path: Path) -> None:
    samples = {key: value for key, value in padded.items() if key.startswith("as-is:")}
    assert len(samples) >= 25  # every kind and every result row's 答复书
    different = {}
    for key, (content, pdf) in samples.items():
        drawn, converted = len(_drawn_pages(content, tmp_path)), len(_pages(pdf))
        if drawn != converted:
            different[key] = (drawn, converted)
    assert different == {}
