"""Issue 8 acceptance: `tools/render_letters.py` renders every kind of letter and the 答复书 of every result, and its
output shows no page with only the 落款 (it exits 1 when a check fails). It stopped with a traceback once a
second valid 答复书 was refused (it asked for a preview after issuing the reply)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exporters.soffice import find_soffice

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    (find_soffice() is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="needs LibreOffice and poppler-utils (scripts/setup.sh installs them for the tests; CI always has them)",
)


def test_render_letters_tool_shows_no_page_with_only_the_closing_block(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "render_letters.py"), str(tmp_path / "out"), "--dpi", "20"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if "页（不经LibreOffice绘制" in line]
    names = {line.split(":")[0].strip("✗ ").strip() for line in lines}
    assert {"receipt", "supplement", "extension", "fee", "reasons", "reasons_request", "service"} <= names
    assert {"reply-3.1", "reply-4.1", "reply-5.4", "reply-6.2"} <= names
    assert not any(line.startswith("✗") for line in lines)
    for line in lines:
        if "落款页正文" in line:
            assert int(line.split("落款页正文")[1].rstrip("行")) >= 2, line
