"""Render every kind of letter (and the 答复书 of every result) for a reviewer: .docx, PDF (LibreOffice), the PDF
drawn without LibreOffice (reportlab, the fallback) and PNG pages (pdftoppm), from sample applications in a
temporary database.

    .venv/bin/python tools/render_letters.py DIR [--dpi 70]

DIR/docx/*.docx, DIR/pdf/*.pdf, DIR/pdf-drawn/*.pdf, DIR/png/<name>-<page>.png, DIR/png-drawn/<name>-<page>.png.
For every letter it prints the page count of both PDFs and how many lines of 正文 stand on the page of the 落款
(GB/T 9704 7.3.5: never fewer than two on a letter of several pages), and exits 1 when a check fails.
Needs LibreOffice (soffice) and poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporters.letter_pdf import render_pdf  # noqa: E402
from exporters.soffice import convert_to_pdf  # noqa: E402
from models.domain.letters import LetterContent  # noqa: E402
from models.migrate import open_database  # noqa: E402
from models.services import demo_letters, letters  # noqa: E402

CLOSING_STARTS = ("联系人", "附件")


def _page_texts(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    pages = [[line for line in page if not line.startswith("—")] for page in pages]
    return [page for page in pages if page]


def _text_lines_with_closing(pages: list[list[str]], signature: str) -> int:
    last = [line.replace(" ", "") for line in pages[-1]]
    unit = max((i for i, line in enumerate(last) if line == signature.replace(" ", "")), default=len(last))
    return next((i for i, line in enumerate(last[:unit]) if line.startswith(CLOSING_STARTS)), unit)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="DIR")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args()
    docx_dir, pdf_dir, png_dir = args.out / "docx", args.out / "pdf", args.out / "png"
    for folder in (docx_dir, pdf_dir, png_dir):
        folder.mkdir(parents=True, exist_ok=True)
    drawn_dir, drawn_png = args.out / "pdf-drawn", args.out / "png-drawn"
    for folder in (drawn_dir, drawn_png):
        folder.mkdir(parents=True, exist_ok=True)
    files, contents = [], {}
    with tempfile.TemporaryDirectory() as temp:
        db = open_database(Path(temp) / "samples.db")
        try:
            for sample in demo_letters.samples(db):
                out = docx_dir / f"{sample.name}.docx"
                # The preview first: once the 答复书 is issued, a second one is refused (one valid reply).
                preview = letters.preview(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY)
                result = letters.generate(
                    db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, out=out
                )
                contents[sample.name] = _with_number(preview, result.number)
                (drawn_dir / f"{sample.name}.pdf").write_bytes(render_pdf(contents[sample.name]).data)
                files.append(out)
        finally:
            db.close()
    print(f"{len(files)} letters in {docx_dir}, the drawn PDFs in {drawn_dir}")
    pdfs = convert_to_pdf(files, pdf_dir)
    print(f"{len(pdfs)} PDFs in {pdf_dir}")
    failed = 0
    if shutil.which("pdftotext") is not None:
        for pdf in pdfs:
            content = contents[pdf.stem]
            converted, drawn = _page_texts(pdf), _page_texts(drawn_dir / pdf.name)
            with_closing = _text_lines_with_closing(converted, content.signature)
            ok = len(converted) == len(drawn) and (len(converted) == 1 or with_closing >= 2)
            failed += not ok
            closing = f"，落款页正文{with_closing}行" if len(converted) > 1 else ""
            print(
                f"{'  ' if ok else '✗ '}{pdf.stem}: {len(converted)}页（不经LibreOffice绘制：{len(drawn)}页）{closing}"
            )
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): no PNG pages")
        return 1 if failed else 0
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(png_dir / pdf.stem)], check=True)
        drawn = drawn_dir / pdf.name
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(drawn), str(drawn_png / pdf.stem)], check=True)
    print(f"{len(list(png_dir.glob('*.png')))} pages in {png_dir}, {len(list(drawn_png.glob('*.png')))} in {drawn_png}")
    return 1 if failed else 0


def _with_number(content: LetterContent, number: str) -> LetterContent:
    import dataclasses

    return dataclasses.replace(content, number=number)


if __name__ == "__main__":
    sys.exit(main())
