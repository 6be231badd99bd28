"""公文 rules (domain README §6, 条例第14–18、26条, county plans): pure functions, no database and no clock.

- 公开属性 ↔ 附注: 主动公开 goes with 此件公开发布, 此件删减后公开 or 此件脱密后公开; 依申请公开 with 此件依申请公开;
  不予公开 with 此件不公开. Every 附注 but 此件公开发布 needs a 不公开理由 and a 依据 chosen from the exemption rows of
  table 三 (3.1–3.8): the plans (云阳 2021 §(一)) ask for the reason of 脱密后、依申请、删减后 and 不公开 alike.
- 三审三校 (巫山 2022 §(二)): 初审 (信息录入员) → 复审 (科室负责人) → 终审 (分管或主要领导), in that order, by three
  different people, on non-decreasing dates; a document is 已发布 only on or after its 终审.
- Publication due (条例第26条 “形成或者变更之日起20个工作日内”; 巫山 2022: “成文日期之后20个工作日内”): the 20th
  working day after 成文日期 for a 主动公开 document, or after the start date of the latest 转为主动公开 decision of
  the yearly review (条例第18条); counted like every deadline of README §1 (the start day never counts).
- Validity: a 现行有效 document is listed from 30 days before its 有效期至 (and once past it, until its 状态 changes).
- 表二 (第二十条第（一）项) for 规章 and 行政规范性文件: 本年制发 = 成文日期 in the year; 本年废止 = 已废止 with its
  废止日期 in the year; 现行有效 = in force on 31 December (written by then, not yet 废止/失效/修改 by then, and its
  有效期至, if any, not before then). Voided registrations are left out by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from models.domain.case import DUE_SOON_DAYS  # 3个工作日内到期: one rule for every register
from models.domain.errors import ValidationError
from models.domain.results import ALL_ROWS, ResultRow
from models.domain.statistics import DOCUMENT_COLUMNS, DOCUMENT_ROWS
from models.domain.workdays import WorkCalendar

PUBLISH_DAYS = 20  # 条例第26条
VALIDITY_WARNING_DAYS = 30


class Category(StrEnum):
    NORMATIVE = "行政规范性文件"
    POLICY = "政策性文件"
    RULES = "规章"
    OTHER = "其他"


class Attribute(StrEnum):
    PROACTIVE = "主动公开"
    ON_REQUEST = "依申请公开"
    WITHHELD = "不予公开"


class NoteMark(StrEnum):
    PUBLISH = "此件公开发布"
    ON_REQUEST = "此件依申请公开"
    REDACTED = "此件删减后公开"
    DECLASSIFIED = "此件脱密后公开"
    WITHHELD = "此件不公开"


class DocState(StrEnum):
    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REPEALED = "已废止"
    EXPIRED = "已失效"


class ReviewStage(StrEnum):
    FIRST = "初审"
    SECOND = "复审"
    FINAL = "终审"


class Decision(StrEnum):
    KEEP = "维持"
    DISCLOSE = "转为主动公开"


class PublishState(StrEnum):
    NONE = ""  # not due for proactive publication
    NORMAL = "正常"
    DUE_SOON = "3个工作日内到期"
    OVERDUE = "已逾期"
    ON_TIME = "按时发布"
    LATE = "逾期发布"


class ValidityState(StrEnum):
    NONE = ""
    EXPIRING = "30日内到期"
    PAST = "已过有效期"


NOTE_MARKS_BY_ATTRIBUTE: dict[Attribute, tuple[NoteMark, ...]] = {
    Attribute.PROACTIVE: (NoteMark.PUBLISH, NoteMark.REDACTED, NoteMark.DECLASSIFIED),
    Attribute.ON_REQUEST: (NoteMark.ON_REQUEST,),
    Attribute.WITHHELD: (NoteMark.WITHHELD,),
}
STAGE_ORDER: tuple[ReviewStage, ...] = (ReviewStage.FIRST, ReviewStage.SECOND, ReviewStage.FINAL)
STAGE_ROLES = {ReviewStage.FIRST: "信息录入员", ReviewStage.SECOND: "科室负责人", ReviewStage.FINAL: "分管或主要领导"}
EXEMPTION_ROWS: tuple[ResultRow, ...] = tuple(row for row in ALL_ROWS if row.result == "不予公开")


def _choice(enum: type[StrEnum], value: str, field: str) -> StrEnum:
    try:
        return enum(value.strip())
    except ValueError:
        raise ValidationError(
            field, f"应为{'、'.join(m.value for m in enum if m.value)}之一，收到“{value}”。"
        ) from None


def parse_category(value: str) -> Category:
    return Category(_choice(Category, value, "类别"))


def parse_attribute(value: str) -> Attribute:
    return Attribute(_choice(Attribute, value, "公开属性"))


def parse_note_mark(value: str) -> NoteMark:
    return NoteMark(_choice(NoteMark, value, "附注"))


def parse_state(value: str) -> DocState:
    return DocState(_choice(DocState, value, "状态"))


def exemption_row(code: str) -> ResultRow:
    """The exemption row (3.1–3.8) a 依据 names, by its code or its 具体情形; ValidationError otherwise."""
    typed = code.strip()
    for row in EXEMPTION_ROWS:
        if typed in (row.code, row.detail, row.label):
            return row
    choices = "；".join(f"{row.code} {row.detail}" for row in EXEMPTION_ROWS)
    raise ValidationError("依据", f"应为不予公开的情形之一（{choices}），收到“{code}”。")


# -- 公开属性 and 附注 --------------------------------------------------------------------------------------


def check_disclosure(attribute: Attribute, note_mark: NoteMark, reason: str, basis_code: str) -> ResultRow | None:
    """Refuse an 附注 that contradicts the 公开属性, and a missing reason or 依据; returns the 依据's row."""
    allowed = NOTE_MARKS_BY_ATTRIBUTE[attribute]
    if note_mark not in allowed:
        raise ValidationError(
            "附注",
            f"公开属性为“{attribute}”的公文，附注应为{'、'.join(f'“{m}”' for m in allowed)}，不能是“{note_mark}”。",
        )
    if note_mark is NoteMark.PUBLISH:
        if reason.strip() or basis_code.strip():
            raise ValidationError("不公开理由", "附注为“此件公开发布”的公文不填写不公开理由和依据。")
        return None
    if not reason.strip():
        raise ValidationError("不公开理由", f"附注为“{note_mark}”的公文须写明不公开（或不完全公开）的理由。")
    if not basis_code.strip():
        raise ValidationError("依据", f"附注为“{note_mark}”的公文须选择依据（条例第十四至十六条的情形）。")
    return exemption_row(basis_code)


# -- 三审三校 ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    stage: ReviewStage
    reviewer: str
    day: date


def check_reviews(reviews: Sequence[Review], *, today: date | None = None) -> None:
    """Stages in order 初审 → 复审 → 终审 without gaps or repeats, three different names, dates not going back."""
    by_stage: dict[ReviewStage, Review] = {}
    for item in reviews:
        if item.stage in by_stage:
            raise ValidationError(item.stage.value, f"{item.stage}已登记，不能重复登记。")
        by_stage[item.stage] = item
    previous: Review | None = None
    for stage in STAGE_ORDER:
        review = by_stage.get(stage)
        if review is None:
            later = [s for s in STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :] if s in by_stage]
            if later:
                raise ValidationError(later[0].value, f"须先完成{stage}（{STAGE_ROLES[stage]}），再登记{later[0]}。")
            return
        name = review.reviewer.strip()
        if not name:
            raise ValidationError(stage.value, f"请填写{stage}人姓名（{STAGE_ROLES[stage]}）。")
        if today is not None and review.day > today:
            raise ValidationError(stage.value, f"{stage}日期{review.day.isoformat()}晚于今天。")
        if previous is not None:
            for earlier in STAGE_ORDER[: STAGE_ORDER.index(stage)]:
                if by_stage[earlier].reviewer.strip() == name:
                    raise ValidationError(stage.value, f"三审三校须由三个不同的人完成，{name}已担任{earlier}。")
            if review.day < previous.day:
                raise ValidationError(
                    stage.value,
                    f"{stage}日期{review.day.isoformat()}早于{previous.stage}日期{previous.day.isoformat()}。",
                )
        previous = review


def final_review(reviews: Iterable[Review]) -> Review | None:
    return next((r for r in reviews if r.stage is ReviewStage.FINAL), None)


def check_publication(published: date | None, written: date, reviews: Sequence[Review], *, today: date) -> None:
    """A 发布日期 needs the 终审 first, and can be neither before 成文日期 or 终审 nor after today."""
    if published is None:
        return
    final = final_review(reviews)
    if final is None:
        raise ValidationError("发布日期", "三审三校尚未完成终审，不能登记为已发布。")
    if published < final.day:
        raise ValidationError("发布日期", f"发布日期{published.isoformat()}早于终审日期{final.day.isoformat()}。")
    if published < written:
        raise ValidationError("发布日期", f"发布日期{published.isoformat()}早于成文日期{written.isoformat()}。")
    if published > today:
        raise ValidationError("发布日期", f"发布日期{published.isoformat()}晚于今天。")


# -- 状态 -----------------------------------------------------------------------------------------------


def check_state(state: DocState, changed: date | None, written: date, *, today: date) -> None:
    """A 状态 other than 现行有效 needs the date it took effect (废止日期 …), not before 成文日期 nor after today."""
    if state is DocState.IN_FORCE:
        return
    label = "废止日期" if state is DocState.REPEALED else f"{state.value[1:]}日期"
    if changed is None:
        raise ValidationError(label, f"状态为“{state}”的公文须填写{label}。")
    if changed < written:
        raise ValidationError(label, f"{label}{changed.isoformat()}早于成文日期{written.isoformat()}。")
    if changed > today:
        raise ValidationError(label, f"{label}{changed.isoformat()}晚于今天。")


# -- the 20-working-day clock ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDecision:
    """A yearly-review decision; `clock_from` is the start of the new clock (the decision date when None)."""

    year: int
    decision: Decision
    decided_on: date
    clock_from: date | None = None

    @property
    def starts(self) -> date:
        return self.clock_from or self.decided_on


def publication_start(attribute: Attribute, written: date, decisions: Iterable[ReviewDecision]) -> date | None:
    """The day the 20-working-day clock counts from: the latest 转为主动公开, else 成文日期 for 主动公开, else None."""
    turned = [d.starts for d in decisions if d.decision is Decision.DISCLOSE]
    if turned:
        return max(turned)
    return written if attribute is Attribute.PROACTIVE else None


@dataclass(frozen=True)
class PublicationClock:
    start: date | None
    due: date | None
    state: PublishState
    working_days_left: int | None = None  # open clocks: negative once overdue
    late_days: int | None = None  # working days past the due date (overdue, or published late)
    uncertain_years: tuple[int, ...] = ()

    def label(self) -> str:
        """What the list shows: 正常 · 3个工作日内到期 · 逾期N个工作日 · 已发布（按时） · 已发布（逾期N个工作日）."""
        late = f"逾期{self.late_days}个工作日" if self.late_days else "已逾期"
        return {
            PublishState.NONE: "",
            PublishState.NORMAL: "正常",
            PublishState.DUE_SOON: "3个工作日内到期",
            PublishState.OVERDUE: late,
            PublishState.ON_TIME: "已发布（按时）",
            PublishState.LATE: f"已发布（{late}）",
        }[self.state]


def publication_clock(
    attribute: Attribute,
    written: date,
    published: date | None,
    decisions: Iterable[ReviewDecision],
    calendar: WorkCalendar,
    today: date,
) -> PublicationClock:
    """The due date and state of a document's proactive publication (条例第26条)."""
    start = publication_start(attribute, written, decisions)
    if start is None:
        return PublicationClock(None, None, PublishState.NONE)
    due = calendar.add_working_days(start, PUBLISH_DAYS)
    uncertain = set(due.uncertain_years)
    if published is not None:
        if published <= due.value:
            return PublicationClock(start, due.value, PublishState.ON_TIME, uncertain_years=due.uncertain_years)
        late = calendar.working_days_between(due.value, published)
        uncertain.update(late.uncertain_years)
        return PublicationClock(start, due.value, PublishState.LATE, None, late.value, tuple(sorted(uncertain)))
    left = calendar.working_days_between(today, due.value)
    uncertain.update(left.uncertain_years)
    years = tuple(sorted(uncertain))
    if today > due.value:
        return PublicationClock(start, due.value, PublishState.OVERDUE, left.value, -left.value, years)
    state = PublishState.DUE_SOON if left.value <= DUE_SOON_DAYS else PublishState.NORMAL
    return PublicationClock(start, due.value, state, left.value, None, years)


# -- validity ---------------------------------------------------------------------------------------------


def validity_state(valid_until: date | None, state: DocState, today: date) -> ValidityState:
    """现行有效 documents within 30 days of their 有效期至 (or past it, still marked 现行有效) are listed."""
    if valid_until is None or state is not DocState.IN_FORCE:
        return ValidityState.NONE
    if valid_until < today:
        return ValidityState.PAST
    if valid_until <= today + timedelta(days=VALIDITY_WARNING_DAYS):
        return ValidityState.EXPIRING
    return ValidityState.NONE


# -- 表二 ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountedDocument:
    """What 表二 needs of a (not voided) document."""

    category: Category
    written: date
    state: DocState
    state_changed: date | None = None
    valid_until: date | None = None


def in_force_on(document: CountedDocument, day: date) -> bool:
    if document.written > day:
        return False
    if document.valid_until is not None and document.valid_until < day:
        return False
    if document.state is DocState.IN_FORCE:
        return True
    # Changed later than `day`: it was still in force that day.
    return document.state_changed is not None and document.state_changed > day


def table_two_documents(documents: Iterable[CountedDocument], year: int) -> dict[tuple[str, str], int]:
    """表二 第二十条第（一）项, keyed like `statistics.Table2.documents`: (规章|行政规范性文件, column) → count."""
    issued, repealed, in_force = DOCUMENT_COLUMNS
    cells = {(row, column): 0 for row in DOCUMENT_ROWS for column in DOCUMENT_COLUMNS}
    year_end = date(year, 12, 31)
    for document in documents:
        row = document.category.value
        if row not in DOCUMENT_ROWS:
            continue
        if document.written.year == year:
            cells[(row, issued)] += 1
        if document.state is DocState.REPEALED and document.state_changed and document.state_changed.year == year:
            cells[(row, repealed)] += 1
        if in_force_on(document, year_end):
            cells[(row, in_force)] += 1
    return cells
