"""Converting letters to PDF with LibreOffice (reviewers' renders and the layout tests).

All files go through ONE `soffice --headless --convert-to pdf` run with a private profile folder (a second
LibreOffice started with the user's profile would wait for, or talk to, the running one). On Linux the
fontconfig file in resources/fontconfig maps 仿宋_GB2312 / 方正小标宋简体 … to an installed CJK font.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from models.domain.errors import UserError
from resources import resource_path

WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((p for p in WINDOWS_PATHS if Path(p).is_file()), None)
    return None


def fontconfig_file() -> Path:
    return resource_path("fontconfig", "fonts.conf")


def convert_to_pdf(files: Sequence[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Convert `files` (docx) into `outdir`; returns the PDF paths in the same order."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError("没有找到LibreOffice（soffice），无法转换为PDF。")
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if sys.platform != "win32":
        env["FONTCONFIG_FILE"] = str(fontconfig_file())
    with tempfile.TemporaryDirectory(prefix="dd-soffice-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *[str(f) for f in files],
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    pdfs = [outdir / (Path(f).stem + ".pdf") for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        raise UserError(f"LibreOffice转换失败（{result.returncode}）：{', '.join(missing)}\n{result.stderr[-2000:]}")
    return pdfs
