"""Every kind of letter through LibreOffice (one soffice run for all): the page count, the text on the pages,
28 characters a line, the page numbers, and a signature block that never stands alone on a page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporters.soffice import convert_to_pdf, find_soffice
from models.migrate import open_database
from models.services import demo_letters, letters

# On a developer's PC without LibreOffice these tests skip; in CI (CI=true) they must run, so they never skip there.
pytestmark = pytest.mark.skipif(
    (find_soffice() is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: bash scripts/setup.sh installs them",
)

# Measured with fonts-noto-cjk (the CJK font scripts/setup.sh installs).
PAGES = {
    "receipt": 1,
    "supplement": 2,
    "extension": 1,
    "consultation": 2,
    "third_party_notice": 2,
    "coproducer": 1,
    "fee": 2,
    "reasons": 1,
    "reasons_request": 1,
    "service": 1,
    "reply-1": 2,
    "reply-1-published": 1,
    "reply-3.4": 2,  # the case's own reasons (issue 8, rule 4): the remedy and 特此答复 go over with the 落款
    "reply-4.1": 2,
    "reply-6.2": 2,
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, str]]]:
    folder = tmp_path_factory.mktemp("lo")
    db = open_database(folder / "lo.db")
    try:
        files = {}
        for sample in demo_letters.samples(db):
            if sample.name in PAGES:
                out = folder / f"{sample.name}.docx"
                letters.generate(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, out=out)
                files[sample.name] = out
    finally:
        db.close()
    converted = convert_to_pdf(list(files.values()), folder / "pdf", timeout=240)
    yield {name: (pdf, _pdftotext(pdf)) for name, pdf in zip(files, converted, strict=True)}


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_kind_converts_with_its_page_count_and_text(pdfs, name: str) -> None:
    pdf, text = pdfs[name]
    assert _pages(pdf) == PAGES[name]
    flat = text.replace("\n", "")
    assert "青山县白鹤镇人民政府" in flat
    assert re.search(r"—\s*1\s*—", text)
    if PAGES[name] > 1:
        assert re.search(r"—\s*2\s*—", text)
    last_page = text.split("\f")[PAGES[name] - 1]
    lines = [line for line in last_page.splitlines() if line.strip() and not line.startswith("—")]
    assert lines[-2:] == ["青山县白鹤镇人民政府", lines[-1]] and lines[-1].startswith("2025")
    assert len(lines) > 2, "the signature block must not stand alone on a page"


def test_second_page_of_the_reply_holds_text_with_the_closing_block(pdfs) -> None:
    """GB/T 9704 7.3.5: the 落款 on page 2 of the 3.4 答复书 comes with the remedy and 特此答复。, never alone."""
    page = pdfs["reply-3.4"][1].split("\f")[1]
    lines = [line for line in page.splitlines() if line.strip() and not line.startswith("—")]
    contact = next(i for i, line in enumerate(lines) if line.startswith("联系人"))
    assert contact >= 2
    flat = "".join(lines[:contact])
    assert flat.startswith("如对本答复不服，应当自收到本答复之日起六十日内先向青山县人民政府申请行政复议")
    assert flat.endswith("特此答复。")


def test_reply_text_in_the_pdf(pdfs) -> None:
    flat = pdfs["reply-3.4"][1].replace("\n", "")
    assert "政府信息公开申请答复书" in flat
    assert "白鹤镇政府信息公开〔2025〕" in flat
    assert "第十五条、第三十六条第（三）项" in flat
    assert "应当自收到本答复之日起六十日内先向青山县人民政府申请行政复议" in flat


def test_body_lines_hold_28_characters(pdfs) -> None:
    text = pdfs["reply-3.4"][1]
    widths = [len(line) for line in text.splitlines() if line and not any(c.isascii() for c in line)]
    assert max(widths) == 28
