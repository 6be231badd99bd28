"""Checking and masking the applicant's identity document number, phone and name.

A 居民身份证 number is checked by GB 11643-1999: 17 digits, then a check character (ISO 7064 MOD 11-2, "X"
for 10); digits 7–14 are the birth date. A 统一社会信用代码 is checked by GB 32100-2015: 18 characters from
a 31-character set without I, O, Z, S, V; the last one is a MOD 31 check character. Other documents
(passports, travel permits, …) have no public check rule: only the length and the absence of control
characters are checked.

The check functions return the normalized number (spaces removed, full-width characters made half-width,
letters upper-cased) or raise `ValidationError` on the field 证件号码 with a message that says what is wrong.

The mask functions hide most of a number, phone or name for lists, logs and documents shown to third
parties (e.g. the annual report or a published reply).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from models.domain.errors import ValidationError

FIELD = "证件号码"

RESIDENT_ID = "居民身份证"
CREDIT_CODE = "统一社会信用代码"
ID_TYPES = (RESIDENT_ID, CREDIT_CODE, "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他")

OTHER_MAX_LENGTH = 40

_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CHARSET)}
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ORGANIZATION_SUFFIXES = ("公司", "中心", "事务所", "协会", "研究院", "集团", "厂", "社", "所", "院", "会")
_MASKS = ("*", "＊")
ANONYMISED = "已匿名化"  # what retention leaves in place of personal data (models.services.retention)


def _to_half_width(text: str) -> str:
    """Full-width ASCII (Ｘ, １２３) as typed with a Chinese input method becomes half-width."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def _normalize_code(number: str) -> str:
    """Every kind of whitespace removed, full-width made half-width, upper-cased."""
    return "".join(_to_half_width(number).split()).upper()


def resident_id_check_char(first17: str) -> str:
    """The 18th character of a 居民身份证 number whose first 17 characters are digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _RESIDENT_WEIGHTS, strict=True))
    return _RESIDENT_CHECK[total % 11]


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are in `CREDIT_CHARSET`."""
    if len(first17) != 17 or any(c not in _CREDIT_VALUES for c in first17):
        raise ValueError("first17 must be 17 characters of CREDIT_CHARSET")
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def check_resident_id(number: str, *, today: date) -> str:
    """The normalized 居民身份证 number, or `ValidationError` saying what is wrong with it."""
    n = _normalize_code(number)
    if not n:
        raise ValidationError(FIELD, "请填写身份证号码")
    if len(n) != 18:
        if len(n) == 15 and n.isascii() and n.isdigit():
            raise ValidationError(FIELD, "身份证号码应为18位，15位的旧号码已停止使用，请填写18位号码")
        raise ValidationError(FIELD, f"身份证号码应为18位，实际为{len(n)}位")
    for position, c in enumerate(n[:17], start=1):
        if not (c.isascii() and c.isdigit()):
            raise ValidationError(FIELD, f"身份证号码前17位应为数字，第{position}位是“{c}”")
    last = n[17]
    if not (last == "X" or (last.isascii() and last.isdigit())):
        raise ValidationError(FIELD, f"身份证号码第18位应为数字或X，实际为“{last}”")
    birth_text = n[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise ValidationError(FIELD, f"身份证号码中的出生日期{birth_text}无效") from None
    if birth.year < 1900:
        raise ValidationError(FIELD, f"身份证号码中的出生日期{birth_text}早于1900年，请核对")
    if birth > today:
        raise ValidationError(FIELD, f"身份证号码中的出生日期{birth_text}晚于今天，请核对")
    expected = resident_id_check_char(n[:17])
    if last != expected:
        raise ValidationError(FIELD, f"身份证号码校验位应为{expected}，实际为{last}，请核对")
    return n


def check_credit_code(code: str) -> str:
    """The normalized 统一社会信用代码, or `ValidationError` saying what is wrong with it."""
    n = _normalize_code(code)
    if not n:
        raise ValidationError(FIELD, "请填写统一社会信用代码")
    if len(n) != 18:
        raise ValidationError(FIELD, f"统一社会信用代码应为18位，实际为{len(n)}位")
    for position, c in enumerate(n, start=1):
        if c not in _CREDIT_VALUES:
            raise ValidationError(
                FIELD,
                f"统一社会信用代码第{position}位“{c}”不是有效字符（只用数字和除I、O、Z、S、V以外的大写字母）",
            )
    expected = credit_code_check_char(n[:17])
    if n[17] != expected:
        raise ValidationError(FIELD, f"统一社会信用代码校验位应为{expected}，实际为{n[17]}，请核对")
    return n


def _check_other(number: str) -> str:
    """Passports, travel permits and other documents: 1–40 characters, no control or invisible characters."""
    n = number.strip()
    for position, c in enumerate(n, start=1):
        if unicodedata.category(c) in ("Cc", "Cf"):
            raise ValidationError(FIELD, f"证件号码第{position}位含有不可见的控制字符，请重新输入")
    if len(n) > OTHER_MAX_LENGTH:
        raise ValidationError(FIELD, f"证件号码最多{OTHER_MAX_LENGTH}个字符，实际为{len(n)}个")
    return n


def check_id(id_type: str, number: str, *, today: date) -> str:
    """The normalized number for the document type; an empty (or blank) number is allowed and gives ""."""
    if id_type not in ID_TYPES:
        raise ValidationError("证件类型", f"未知的证件类型“{id_type}”，应为：" + "、".join(ID_TYPES))
    if not number.strip():
        return ""
    if id_type == RESIDENT_ID:
        return check_resident_id(number, today=today)
    if id_type == CREDIT_CODE:
        return check_credit_code(number)
    return _check_other(number)


def mask_id(number: str) -> str:
    """18 characters or more: first 6 and last 4 kept (110101********1234); 5–17: first 2 and last 2 kept;
    2–4: only the first kept; a single character is hidden; "" stays ""."""
    n = number.strip()
    if n == ANONYMISED:
        return n
    if len(n) >= 18:
        return n[:6] + "*" * (len(n) - 10) + n[-4:]
    if len(n) >= 5:
        return n[:2] + "*" * (len(n) - 4) + n[-2:]
    if len(n) >= 2:
        return n[0] + "*" * (len(n) - 1)
    return "*" * len(n)


def mask_phone(phone: str) -> str:
    """An 11-digit mobile keeps its first 3 and last 4 digits (138****5678); another phone keeps its last 4
    characters; a phone of 4 characters or fewer is hidden entirely. Spaces and dashes in a mobile are dropped."""
    p = phone.strip()
    if p == ANONYMISED:
        return p
    compact = "".join(c for c in _to_half_width(p) if not c.isspace() and c != "-")
    if len(compact) == 11 and compact.isascii() and compact.isdigit() and compact[0] == "1":
        return compact[:3] + "****" + compact[-4:]
    if len(p) <= 4:
        return "*" * len(p)
    return "*" * (len(p) - 4) + p[-4:]


def is_organization_name(name: str) -> bool:
    """A name longer than 4 characters that ends like an organization (公司, 中心, 事务所, …)."""
    n = name.strip()
    return len(n) > 4 and n.endswith(_ORGANIZATION_SUFFIXES)


def mask_name(name: str) -> str:
    """A person keeps the first character (张三 → 张*, 欧阳娜娜 → 欧***); an organization is not masked."""
    n = name.strip()
    if not n or n == ANONYMISED or is_organization_name(n):
        return n
    if len(n) == 1:
        return "*"
    return n[0] + "*" * (len(n) - 1)


def is_masked(number: str) -> bool:
    """Whether the text was masked (contains * or its full-width form), so it must not be saved as a number."""
    return any(m in number for m in _MASKS)
