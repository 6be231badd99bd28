"""The CJK font for reportlab PDFs: an embedded TrueType font, never the built-in STSong-Light (not embedded).

`register_cjk_font()` registers the first usable font and returns its reportlab name. It looks in
resources/fonts/ (*.ttf, *.ttc: the shipped 文泉驿微米黑), then at the system's fonts (fc-list; the Windows Fonts
folder). reportlab reads TrueType outlines only: a CFF font (Noto/Source Han .otf/.ttc) fails to load and the
next candidate is tried. `missing_glyphs` tells which characters the font cannot draw, so that a writer can
report them instead of dropping them silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from models.domain.errors import UserError
from resources import resource_path

FONT_NAME = "DisclosureCJK"
MISSING_MARK = "〓"  # 缺字符号: printed in place of a character the font lacks
_PROBE = "政府信息公开申请答复"
_WINDOWS_FONTS = ("msyh.ttc", "simsun.ttc", "simhei.ttf", "simkai.ttf", "simfang.ttf", "msyh.ttf")
_registered: dict[str, TTFont] = {}


def _candidates() -> list[Path]:
    found: list[Path] = []
    folder = resource_path("fonts")
    if folder.is_dir():
        found += sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    windir = os.environ.get("WINDIR")
    if windir:
        found += [Path(windir) / "Fonts" / name for name in _WINDOWS_FONTS]
    if shutil.which("fc-list"):
        try:
            result = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
            )
            found += sorted(
                Path(line.split(":")[0].strip())
                for line in result.stdout.splitlines()
                if line.strip().lower().endswith((".ttf:", ".ttc:", ".ttf", ".ttc"))
            )
        except (OSError, subprocess.SubprocessError):
            pass
    return [p for p in dict.fromkeys(found) if p.is_file()]


def _load(path: Path) -> TTFont | None:
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError):  # CFF outlines, a broken file …
        return None
    if any(ord(ch) not in font.face.charToGlyph for ch in _PROBE):
        return None  # not a CJK font
    return font


def register_cjk_font() -> str:
    """Register the CJK font with reportlab (once) and return its name; a UserError when there is none."""
    if FONT_NAME in _registered:
        return FONT_NAME
    for path in _candidates():
        font = _load(path)
        if font is not None:
            pdfmetrics.registerFont(font)
            _registered[FONT_NAME] = font
            return FONT_NAME
    raise UserError(
        "找不到可以嵌入PDF的中文字体（TrueType）。"
        "请重新安装本程序，或在 resources/fonts 中放入一个 .ttf/.ttc 中文字体。"
    )


def missing_glyphs(texts: Iterable[str], name: str = FONT_NAME) -> list[str]:
    """The characters of `texts` the registered font has no glyph for (in order of first appearance)."""
    font = _registered.get(name)
    if font is None:
        return []
    have = font.face.charToGlyph
    seen: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if ch not in seen and not ch.isspace() and ord(ch) not in have:
                seen[ch] = None
    return list(seen)


def printable(text: str, missing: Iterable[str]) -> str:
    """`text` with every missing character replaced by the 缺字 mark (so the gap is visible on paper)."""
    gone = set(missing)
    return "".join(MISSING_MARK if ch in gone else ch for ch in text) if gone else text
