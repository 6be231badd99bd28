"""政策解读 rules: the forms, the dates, and 三同步 (巫山县2022年方案 §(四); domain README §1 政策解读).

三同步 (同步起草、同步审签、同步发布): a 行政规范性文件, or a document marked as needing interpretation, is flagged
until its interpretations cover at least two distinct 形式 (“解读形式不少于2种”), counting only interpretations
published no later than the document itself (while the document is unpublished, any published interpretation counts).
Voided interpretations are left out by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.domain.documents import Category
from models.domain.errors import ValidationError

MINIMUM_FORMS = 2


class Form(StrEnum):
    TEXT = "文字"
    GRAPHIC = "图表图解"
    AUDIO_VIDEO = "音视频"
    PRESS_CONFERENCE = "新闻发布会"
    ONLINE_INTERVIEW = "在线访谈"
    QA = "问答"
    OTHER = "其他"


def parse_forms(values: Iterable[str]) -> tuple[Form, ...]:
    """The 形式 of an interpretation: at least one, each from the list, no repeats (order kept)."""
    forms: list[Form] = []
    for value in values:
        typed = value.strip()
        if not typed:
            continue
        try:
            form = Form(typed)
        except ValueError:
            choices = "、".join(f.value for f in Form)
            raise ValidationError("形式", f"应为{choices}之一，收到“{value}”。") from None
        if form not in forms:
            forms.append(form)
    if not forms:
        raise ValidationError("形式", "请至少选择一种解读形式。")
    return tuple(forms)


def check_dates(approved: date | None, published: date | None, *, today: date) -> None:
    """审签 before 发布, neither in the future."""
    for label, day in (("审签日期", approved), ("发布日期", published)):
        if day is not None and day > today:
            raise ValidationError(label, f"{label}{day.isoformat()}晚于今天。")
    if approved is not None and published is not None and published < approved:
        raise ValidationError("发布日期", f"发布日期{published.isoformat()}早于审签日期{approved.isoformat()}。")


@dataclass(frozen=True)
class PublishedInterpretation:
    forms: tuple[Form, ...]
    published: date | None


@dataclass(frozen=True)
class SyncCheck:
    required: bool  # the document must be interpreted (三同步)
    forms: tuple[Form, ...]  # distinct forms published in time
    late: int  # interpretations published after the document

    @property
    def flagged(self) -> bool:
        return self.required and len(self.forms) < MINIMUM_FORMS

    def message(self) -> str:
        """Empty when not flagged; otherwise what is missing, in Chinese."""
        if not self.flagged:
            return ""
        if self.forms:
            names = "、".join(self.forms)
            text = f"政策解读仅有{len(self.forms)}种形式（{names}），须不少于{MINIMUM_FORMS}种，与文件同步发布"
        else:
            text = f"缺少政策解读（须不少于{MINIMUM_FORMS}种形式，与文件同步发布）"
        if self.late:
            text += f"；另有{self.late}件解读晚于文件发布，不计入"
        return text


def interpretation_required(category: Category, needs_interpretation: bool) -> bool:
    return category is Category.NORMATIVE or needs_interpretation


def sync_check(
    category: Category,
    needs_interpretation: bool,
    document_published: date | None,
    interpretations: Iterable[PublishedInterpretation],
) -> SyncCheck:
    """三同步 for one document: which forms count, and whether the document stays flagged."""
    forms: list[Form] = []
    late = 0
    for item in interpretations:
        if item.published is None:
            continue
        if document_published is not None and item.published > document_published:
            late += 1
            continue
        forms.extend(f for f in item.forms if f not in forms)
    return SyncCheck(interpretation_required(category, needs_interpretation), tuple(forms), late)
