"""The CJK fonts for reportlab PDFs: embedded TrueType fonts, never the built-in STSong-Light (not embedded).

Letters (`register_letter_fonts`) are GB/T 9704 pages: the PC's 公文 fonts when it has them — body 仿宋_GB2312 →
仿宋 (simfang.ttf) → 宋体, title 方正小标宋简体 → 华文中宋 → 宋体 (simsun.ttc), page numbers 宋体 — found by
family name (`exporters.fonts.font_files`); else the serif 文鼎PL明体 (AR PL UMing CN, resources/fonts/uming.ttc,
Arphic Public License) shipped with the app. Never a sans (黑体, 微软雅黑, 文泉驿微米黑) for a letter.

`register_cjk_font()` (reports) registers the first usable font and returns its reportlab name. It looks in
resources/fonts/ (the shipped 文泉驿微米黑), then at the system's fonts (fc-list; the Windows Fonts folder).
reportlab reads TrueType outlines only: a CFF font (Noto/Source Han .otf/.ttc) fails to load and the next
candidate is tried. `missing_glyphs` tells which characters the font cannot draw, so that a writer can
report them instead of dropping them silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from exporters.fonts import BODY_CHAIN, PAGE_NUMBER_FONT, TITLE_CHAIN, font_files
from models.domain.errors import UserError
from resources import resource_path

FONT_NAME = "DisclosureCJK"
MISSING_MARK = "〓"  # 缺字符号: printed in place of a character the font lacks
_PROBE = "政府信息公开申请答复"
_WINDOWS_FONTS = ("msyh.ttc", "simsun.ttc", "simhei.ttf", "simkai.ttf", "simfang.ttf", "msyh.ttf")
_registered: dict[str, TTFont] = {}
SERIF_FALLBACK = "uming.ttc"  # AR PL UMing: subfont 0 is the simplified-Chinese face (UMingCN)
SERIF_FALLBACK_NAME = "文鼎PL明体"
LETTER_BODY, LETTER_TITLE, LETTER_PAGE_NUMBER = "DDLetterBody", "DDLetterTitle", "DDLetterPageNumber"


@dataclass(frozen=True)
class LetterFonts:
    """reportlab names of the registered fonts, and the family each one is (for the clerk and the tests)."""

    body: str
    title: str
    page_number: str
    families: tuple[str, str, str]  # body, title, page number


def _register_family(name: str, chain: tuple[str, ...]) -> str:
    """Register under `name` the first installed family of `chain` that reportlab can embed, else the shipped
    serif; returns the family used."""
    if name in _registered:
        return _registered_family[name]
    for family in chain:
        for path in font_files(family):
            font = _load(path, name)
            if font is not None:
                return _keep(name, font, family)
    font = _load(resource_path("fonts", SERIF_FALLBACK), name)
    if font is None:
        shipped = resource_path("fonts", SERIF_FALLBACK)
        raise UserError(f"找不到可以嵌入PDF的中文宋体/仿宋字体：{shipped} 缺失或损坏。请重新安装本程序。")
    return _keep(name, font, SERIF_FALLBACK_NAME)


_registered_family: dict[str, str] = {}


def _keep(name: str, font: TTFont, family: str) -> str:
    pdfmetrics.registerFont(font)
    _registered[name] = font
    _registered_family[name] = family
    return family


def register_letter_fonts() -> LetterFonts:
    """The body, title and page-number fonts of a letter PDF, registered with reportlab (once per process)."""
    families = (
        _register_family(LETTER_BODY, BODY_CHAIN),
        _register_family(LETTER_TITLE, TITLE_CHAIN),
        _register_family(LETTER_PAGE_NUMBER, (PAGE_NUMBER_FONT,)),
    )
    return LetterFonts(LETTER_BODY, LETTER_TITLE, LETTER_PAGE_NUMBER, families)


def _candidates() -> list[Path]:
    found: list[Path] = []
    folder = resource_path("fonts")
    if folder.is_dir():
        found += sorted(
            p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc") and p.name != SERIF_FALLBACK
        )
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


def _load(path: Path, name: str = FONT_NAME) -> TTFont | None:
    try:
        font = TTFont(name, str(path), subfontIndex=0)
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
