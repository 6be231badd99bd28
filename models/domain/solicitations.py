"""征求意见 rules: the period, the counts of adopted opinions, and the results still to be published.

Period minimums: 重大行政决策 “一般不少于30日” (重大行政决策程序暂行条例第15条), 行政规范性文件 “一般不少于7日”
(county plans, e.g. 巫山县2022年方案 §(三)); a shorter period is allowed only when a 缩短期限理由 is recorded
(“因情况紧急等原因需要缩短期限的，公开征求意见时要予以说明”). 其他 solicitations have no minimum.

Counting convention: calendar days (日, not 工作日), BOTH the 开始日期 and the 截止日期 counted, i.e.
`(截止日期 − 开始日期) + 1`: 2025-03-01 to 2025-03-30 is 30 days. Why: the plans do not spell out a counting rule;
they require the notice to state “提出意见的方式和期限” — the window “自X月X日至X月X日” in which the public may
submit — and call that window the 期限 that must be “不少于30日”. The public can comment on the first day as well as
on the last, so each day of the stated window is a day of the period. (The 民诉法第85条 rule, start day not
counted, is for periods that run from an event such as receiving a letter; this period is a published window.)
The period end is not moved off a rest day: the window is the one the unit announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.domain.errors import ValidationError


class SolicitationKind(StrEnum):
    MAJOR_DECISION = "重大行政决策"
    NORMATIVE = "行政规范性文件"
    OTHER = "其他"


class SolicitationState(StrEnum):
    NOT_STARTED = "未开始"
    OPEN = "征求中"
    PENDING = "待公布采纳情况"
    DONE = "已公布采纳情况"


MINIMUM_DAYS: dict[SolicitationKind, int] = {SolicitationKind.MAJOR_DECISION: 30, SolicitationKind.NORMATIVE: 7}


def parse_kind(value: str) -> SolicitationKind:
    try:
        return SolicitationKind(value.strip())
    except ValueError:
        choices = "、".join(k.value for k in SolicitationKind)
        raise ValidationError("类型", f"应为{choices}之一，收到“{value}”。") from None


def period_days(start: date, end: date) -> int:
    """Calendar days of the window, both ends counted: 2025-03-01 … 2025-03-30 → 30."""
    return (end - start).days + 1


def check_period(kind: SolicitationKind, start: date, end: date, shortening_reason: str = "") -> int:
    """Refuse a window that ends before it starts, or is shorter than the minimum without a reason; its length."""
    if end < start:
        raise ValidationError("截止日期", f"截止日期{end.isoformat()}早于开始日期{start.isoformat()}。")
    days = period_days(start, end)
    minimum = MINIMUM_DAYS.get(kind)
    if minimum is not None and days < minimum and not shortening_reason.strip():
        raise ValidationError(
            "截止日期",
            f"征求意见期限为{days}日（{start.isoformat()}至{end.isoformat()}，首尾两日均计入），"
            f"{kind}一般不少于{minimum}日；确需缩短的，请填写缩短期限理由。",
        )
    return days


@dataclass(frozen=True)
class Outcome:
    received: int = 0  # 收到意见数
    adopted: int = 0  # 采纳
    partly_adopted: int = 0  # 部分采纳
    rejected: int = 0  # 未采纳
    rejection_reason: str = ""  # 未采纳理由
    published: date | None = None  # 采纳情况公布日期


def check_outcome(outcome: Outcome, end: date, *, today: date) -> None:
    """Counts are whole numbers ≥ 0 whose 采纳 + 部分采纳 + 未采纳 do not exceed 收到意见数; the results are published
    no earlier than the 截止日期 and not in the future, with the reason when opinions were not adopted."""
    labels = {"收到意见数": outcome.received, "采纳": outcome.adopted, "部分采纳": outcome.partly_adopted}
    labels["未采纳"] = outcome.rejected
    for label, value in labels.items():
        if value < 0:
            raise ValidationError(label, f"不能小于0，收到{value}。")
    handled = outcome.adopted + outcome.partly_adopted + outcome.rejected
    if handled > outcome.received:
        raise ValidationError(
            "收到意见数",
            f"采纳{outcome.adopted}条、部分采纳{outcome.partly_adopted}条、未采纳{outcome.rejected}条，"
            f"合计{handled}条，多于收到的{outcome.received}条意见。",
        )
    if outcome.published is None:
        return
    if outcome.published < end:
        raise ValidationError(
            "采纳情况公布日期", f"{outcome.published.isoformat()}早于征求意见截止日期{end.isoformat()}。"
        )
    if outcome.published > today:
        raise ValidationError("采纳情况公布日期", f"{outcome.published.isoformat()}晚于今天。")
    if outcome.rejected and not outcome.rejection_reason.strip():
        raise ValidationError("未采纳理由", "公布采纳情况时，不予采纳的意见须说明理由。")


def state(start: date, end: date, results_published: date | None, today: date) -> SolicitationState:
    if results_published is not None:
        return SolicitationState.DONE
    if today < start:
        return SolicitationState.NOT_STARTED
    if today <= end:
        return SolicitationState.OPEN
    return SolicitationState.PENDING


def results_pending(end: date, results_published: date | None, today: date) -> bool:
    """After the 截止日期, a solicitation whose 采纳情况 is not published is listed as pending."""
    return results_published is None and today > end
