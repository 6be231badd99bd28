"""文号 (发文字号, GB/T 9704-2012 §7.2.4): 机关代字 + 〔年份〕 + 序号 + 号, e.g. 巫山府办发〔2022〕41号.

A clerk types the year's brackets as they come: 〔〕 (the standard's), [] ［］ () （） 【】, even mixed; digits may be
full-width (２０２２) and the 序号 may have leading zeros (041号) or lack its 号. All of these parse to the same
number, and `str()` gives the one canonical form: 〔〕 around the year, the 序号 without leading zeros, then 号.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.domain.errors import ValidationError

FIELD = "文号"
FIRST_YEAR = 1949
LAST_YEAR = 2100

_OPEN = re.escape("〔[［(（【")
_CLOSE = re.escape("〕]］)）】")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PATTERN = re.compile(rf"^(?P<organ>[^{_OPEN}{_CLOSE}]+?)[{_OPEN}](?P<year>\d{{4}})[{_CLOSE}](?P<seq>\d{{1,6}})号?$")
_HAS_HAN = re.compile(r"[\u4e00-\u9fff]")
EXAMPLE = "巫山府办发〔2022〕41号"


@dataclass(frozen=True)
class DocumentNumber:
    organ_code: str  # 机关代字, e.g. 巫山府办发
    year: int  # 年份
    seq: int  # 序号

    def __str__(self) -> str:
        return format_document_number(self.organ_code, self.year, self.seq)


def format_document_number(organ_code: str, year: int, seq: int) -> str:
    """The canonical 文号: 巫山府办发〔2022〕41号."""
    return f"{organ_code}〔{year}〕{seq}号"


def parse_document_number(text: str, *, field: str = FIELD) -> DocumentNumber:
    """Parse a typed 文号; a ValidationError (Chinese, naming `field`) for anything that is not one."""
    typed = text.strip()
    compact = re.sub(r"\s+", "", typed).translate(_FULL_WIDTH_DIGITS)
    if not compact:
        raise ValidationError(field, f"请填写文号，例如“{EXAMPLE}”。")
    match = _PATTERN.match(compact)
    if match is None:
        raise ValidationError(
            field, f"“{typed}”不是有效的文号：应为机关代字、用六角括号括起的4位年份和序号，例如“{EXAMPLE}”。"
        )
    organ = match["organ"]
    if not _HAS_HAN.search(organ) or organ[-1].isdigit():
        raise ValidationError(field, f"“{typed}”的机关代字“{organ}”不正确，例如“巫山府办发”。")
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(field, f"“{typed}”的年份{year}不正确（应在{FIRST_YEAR}—{LAST_YEAR}年之间）。")
    seq = int(match["seq"])
    if seq < 1:
        raise ValidationError(field, f"“{typed}”的序号应从1开始。")
    return DocumentNumber(organ, year, seq)


def normalize_document_number(text: str, *, field: str = FIELD) -> str | None:
    """The canonical 文号 for a typed one, or None when the field is left empty (a document without 文号)."""
    if not text.strip():
        return None
    return str(parse_document_number(text, field=field))
