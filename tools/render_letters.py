"""Render every kind of letter (and the 答复书 of every result) for a reviewer: .docx, PDF (LibreOffice) and
PNG pages (pdftoppm), from sample applications in a temporary database.

    .venv/bin/python tools/render_letters.py DIR [--dpi 70]

DIR/docx/*.docx, DIR/pdf/*.pdf, DIR/png/<name>-<page>.png. Needs LibreOffice (soffice) and poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporters.soffice import convert_to_pdf  # noqa: E402
from models.migrate import open_database  # noqa: E402
from models.services import demo_letters, letters  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="DIR")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args()
    docx_dir, pdf_dir, png_dir = args.out / "docx", args.out / "pdf", args.out / "png"
    for folder in (docx_dir, pdf_dir, png_dir):
        folder.mkdir(parents=True, exist_ok=True)
    files = []
    with tempfile.TemporaryDirectory() as temp:
        db = open_database(Path(temp) / "samples.db")
        try:
            for sample in demo_letters.samples(db):
                out = docx_dir / f"{sample.name}.docx"
                letters.generate(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, out=out)
                files.append(out)
        finally:
            db.close()
    print(f"{len(files)} letters in {docx_dir}")
    pdfs = convert_to_pdf(files, pdf_dir)
    print(f"{len(pdfs)} PDFs in {pdf_dir}")
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): no PNG pages")
        return 0
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(png_dir / pdf.stem)], check=True)
    print(f"{len(list(png_dir.glob('*.png')))} pages in {png_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
