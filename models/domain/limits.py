"""Plausibility limits every input passes, whatever its source (the registration form, an imported ledger).

- Dates: nothing before 2000-01-01 (the 条例 dates from 2008, no register here goes back further; a year 1 or
  1900 is a typing or Excel error), and nothing more than a year after today (no receipt is in the future at
  all: `applications.clean_input` refuses a 收到日期 after today).
- 申请编号: YYYY-NNNN with a year from 2000 to next year and a sequence number from 1.
- Text lengths: the limits stated in the ledger template's 填写说明, one table for the form and the ledger, so a
  value that is accepted is never cut when it is exported (an Excel cell holds 32,767 characters).
"""

from __future__ import annotations

import re
from datetime import date

from models.domain.errors import ValidationError

EARLIEST = date(2000, 1, 1)

TEXT_LIMITS: dict[str, int] = {  # Chinese field label → the most characters accepted
    "申请编号": 11,
    "申请人": 100,
    "证件号码": 40,
    "联系电话": 30,
    "通信地址": 200,
    "邮编": 6,
    "电子邮箱": 100,
    "申请内容": 5000,
    "承办人": 50,
    "具体情形": 100,
    "答复文号": 100,
    "备注": 2000,
    # 征求意见 and 政策解读 registers (issue 10)
    "草案名称": 300,
    "关联文件（文号）": 80,
    "渠道": 200,
    "缩短期限理由": 1000,
    "未采纳理由": 2000,
    "解读标题": 300,
    "解读主体": 100,
    "网址": 500,
}

_NUMBER = re.compile(r"(\d{4})-(\d{4,6})")


def latest(today: date) -> date:
    """The last date accepted: the same day next year (28 February for 29 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def check_date(field: str, day: date, *, today: date) -> date:
    """The date, or a ValidationError when it is before 2000 or more than a year after today."""
    if day < EARLIEST:
        raise ValidationError(field, f"日期{day.isoformat()}早于2000年1月1日，请核对（是否把年份写错了？）。")
    if day > latest(today):
        raise ValidationError(field, f"日期{day.isoformat()}晚于今天一年以上，请核对。")
    return day


def check_length(field: str, text: str) -> str:
    """The text, or a ValidationError when it is longer than the limit of its field (fields without one pass)."""
    limit = TEXT_LIMITS.get(field)
    if limit is not None and len(text) > limit:
        raise ValidationError(field, f"内容过长（最多{limit}个字符，实际{len(text)}个），请精简后再填写。")
    return text


def limit_note(field: str) -> str:
    """The sentence the ledger template's 填写说明 states for a field: 最多5000个字符。 ("" without a limit)."""
    limit = TEXT_LIMITS.get(field)
    return f"最多{limit}个字符。" if limit is not None else ""


def check_application_number(text: str, *, today: date) -> tuple[int, int]:
    """(year, sequence number) of a 申请编号 like 2025-0001, or a ValidationError on the field 申请编号."""
    match = _NUMBER.fullmatch(text)
    if match is None or int(match[2]) == 0 or text != f"{match[1]}-{int(match[2]):04d}":
        raise ValidationError("申请编号", f"“{text}”格式不对，应为“年份-4位序号”，如2025-0001。")
    year = int(match[1])
    if not EARLIEST.year <= year <= latest(today).year:
        raise ValidationError("申请编号", f"“{text}”的年份{year}不合理（应在2000年到{latest(today).year}年之间）。")
    return year, int(match[2])
