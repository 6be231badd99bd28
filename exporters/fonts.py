"""Which Chinese fonts the letters use, chosen at run time from the fonts installed on this PC.

A .docx has no font fallback list (PITFALLS): the East-Asian font of every run must name a font the PC has.
GB/T 9704 wants 仿宋_GB2312 for the body and 方正小标宋简体 for the title; many PCs have only the fonts that
come with Windows, so we fall back: body 仿宋_GB2312 → 仿宋 → 宋体; title 方正小标宋简体 → 华文中宋 → 宋体 (bold).

Installed fonts: on Windows the family names read from the files in %WINDIR%\\Fonts and the user's font folder
(the `name` table, which also holds the Chinese names); elsewhere `fc-list`. The result is cached per process.
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BODY_CHAIN = ("仿宋_GB2312", "仿宋", "宋体")
TITLE_CHAIN = ("方正小标宋简体", "华文中宋", "宋体")
PAGE_NUMBER_FONT = "宋体"

# The names a family is known by (Chinese and English names in the font files and in fc-list).
ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "仿宋": ("仿宋", "FangSong", "Fangsong"),
    "宋体": ("宋体", "SimSun"),
    "方正小标宋简体": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
    "华文中宋": ("华文中宋", "STZhongsong"),
}
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@dataclass(frozen=True)
class FontChoice:
    body: str
    title: str
    title_bold: bool  # 宋体 stands in for 小标宋 only when bold
    page_number: str = PAGE_NUMBER_FONT


def choose_fonts(installed: Iterable[str] | None = None) -> FontChoice:
    """The first font of each chain that is installed; 宋体 (on every Chinese Windows) when none is."""
    names = {n.casefold() for n in (installed_families() if installed is None else installed)}

    def first(chain: tuple[str, ...]) -> str:
        for family in chain:
            if any(alias.casefold() in names for alias in ALIASES.get(family, (family,))):
                return family
        return chain[-1]

    title = first(TITLE_CHAIN)
    return FontChoice(body=first(BODY_CHAIN), title=title, title_bold=title == "宋体")


@functools.cache
def installed_font_files() -> dict[str, tuple[Path, ...]]:
    """Every installed font file by family name (casefolded, every language the font gives)."""
    index: dict[str, list[Path]] = {}
    if sys.platform == "win32":
        for folder in font_folders():
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if path.suffix.lower() in FONT_SUFFIXES:
                        for name in family_names(path):
                            index.setdefault(name.casefold(), []).append(path)
    else:
        for path, names in _fc_list_files():
            for name in names:
                index.setdefault(name.casefold(), []).append(path)
    return {name: tuple(dict.fromkeys(paths)) for name, paths in index.items()}


def font_files(family: str) -> list[Path]:
    """The installed files of `family` (any of its ALIASES), in a stable order."""
    index = installed_font_files()
    found: list[Path] = []
    for alias in ALIASES.get(family, (family,)):
        found += index.get(alias.casefold(), ())
    return list(dict.fromkeys(found))


def _fc_list_files() -> list[tuple[Path, set[str]]]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, ":", "file", "family"], capture_output=True, text=True, encoding="utf-8", timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    out = []
    for line in result.stdout.splitlines():
        path, _, families = line.partition(": ")
        names = {name.strip().replace("\\-", "-") for name in families.split(",") if name.strip()}
        if path and names:
            out.append((Path(path.rstrip(":")), names))
    return sorted(out, key=lambda item: str(item[0]))


@functools.cache
def installed_families() -> frozenset[str]:
    """Every family name (in every language the font gives) of the fonts installed on this PC."""
    if sys.platform == "win32":
        return frozenset(_windows_families())
    return frozenset(_fc_list_families())


def font_folders() -> list[Path]:
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _windows_families() -> set[str]:
    names: set[str] = set()
    for folder in font_folders():
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix.lower() in FONT_SUFFIXES:
                names |= family_names(path)
    return names


def _fc_list_families() -> set[str]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, encoding="utf-8", timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    names: set[str] = set()
    for line in result.stdout.splitlines():
        names |= {name.strip().replace("\\-", "-") for name in line.split(",") if name.strip()}
    return names


# -- reading the `name` table (family names) of TrueType/OpenType files and collections ---------------------


def family_names(path: Path) -> set[str]:
    """The family names (name IDs 1 and 16, every language) of a .ttf/.otf/.ttc; empty when unreadable."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = struct.unpack(f">{count}I", handle.read(4 * count))
            else:
                offsets = (0,)
            names: set[str] = set()
            for offset in offsets[:16]:
                names |= _names_at(handle, offset)
            return names
    except (OSError, struct.error, ValueError):
        return set()


def _names_at(handle, offset: int) -> set[str]:  # noqa: ANN001 - a binary file
    handle.seek(offset)
    _version, num_tables = struct.unpack(">IH", handle.read(6))
    handle.seek(offset + 12)
    directory = handle.read(16 * num_tables)
    for i in range(num_tables):
        tag, _checksum, table_offset, length = struct.unpack(">4sIII", directory[16 * i : 16 * i + 16])
        if tag == b"name":
            handle.seek(table_offset)
            return _parse_name_table(handle.read(min(length, 1 << 20)))
    return set()


def _parse_name_table(data: bytes) -> set[str]:
    _format, count, string_offset = struct.unpack(">HHH", data[:6])
    names: set[str] = set()
    for i in range(count):
        platform, encoding, _language, name_id, length, offset = struct.unpack(
            ">HHHHHH", data[6 + 12 * i : 18 + 12 * i]
        )
        if name_id not in (1, 16):
            continue
        raw = data[string_offset + offset : string_offset + offset + length]
        if platform == 3 or platform == 0:
            text = raw.decode("utf-16-be", errors="ignore")
        elif platform == 1 and encoding == 0:
            text = raw.decode("mac_roman", errors="ignore")
        else:
            continue
        if text.strip():
            names.add(text.strip())
    return names
