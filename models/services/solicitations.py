"""征求意见 register: adding, editing, recording the 采纳情况, voiding, listing.

Every public function is one user action and one transaction; the rules live in models.domain.solicitations
(the period in calendar days, BOTH ends counted: 2025-03-01 to 2025-03-30 is 30 days; at least 30 for 重大行政决策
and 7 for 行政规范性文件 unless a 缩短期限理由 is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain import limits
from models.domain import solicitations as rules
from models.domain.errors import UserError, ValidationError
from models.domain.solicitations import Outcome, SolicitationState
from models.entities import Document, Solicitation
from models.services import document_links
from models.services.concurrency import expect_version
from models.services.settings import current_actor

PERIOD_HELP = (
    "征求意见期限按日历日计算，开始日期和截止日期两天都计入（如2025-03-01至2025-03-30为30日）；"
    "重大行政决策不少于30日，行政规范性文件不少于7日，确需缩短的须填写缩短期限理由。"
)
PUBLISHED = "已公布"  # the state filter's short name for 已公布采纳情况
STATE_FILTERS = (
    SolicitationState.NOT_STARTED.value,
    SolicitationState.OPEN.value,
    SolicitationState.PENDING.value,
    PUBLISHED,
)
VOIDED = "已作废"


@dataclass(frozen=True)
class SolicitationInput:
    """The form (without the results, recorded by `record_results`)."""

    title: str = ""  # 草案名称
    document: str = ""  # 关联文件（文号）: a 文号 or "#id"; "" for none
    kind: str = rules.SolicitationKind.OTHER.value  # 类型
    start: date | None = None  # 开始日期
    end: date | None = None  # 截止日期
    channel: str = ""  # 渠道
    shortening_reason: str = ""  # 缩短期限理由
    note: str = ""


@dataclass(frozen=True)
class SolicitationRow:
    id: int
    title: str
    document_id: int | None
    document_number: str
    document_title: str
    kind: str
    start: date
    end: date
    channel: str
    shortening_reason: str
    received: int
    adopted: int
    partly_adopted: int
    rejected: int
    rejection_reason: str
    results_published: date | None
    note: str
    voided_at: datetime | None
    void_reason: str
    version: int = 1  # the stored version: the form passes it back when saving (optimistic concurrency)

    @property
    def days(self) -> int:
        return rules.period_days(self.start, self.end)

    @property
    def shortened(self) -> bool:
        minimum = rules.MINIMUM_DAYS.get(rules.SolicitationKind(self.kind))
        return minimum is not None and self.days < minimum

    def state(self, today: date) -> str:
        if self.voided_at is not None:
            return VOIDED
        return rules.state(self.start, self.end, self.results_published, today).value

    def pending(self, today: date) -> bool:
        return self.voided_at is None and rules.results_pending(self.end, self.results_published, today)

    def outcome(self) -> Outcome:
        return Outcome(
            self.received,
            self.adopted,
            self.partly_adopted,
            self.rejected,
            self.rejection_reason,
            self.results_published,
        )


def clean_input(data: SolicitationInput, *, today: date) -> SolicitationInput:
    """The checked and trimmed form, or a ValidationError naming the first wrong field."""
    title = data.title.strip()
    if not title:
        raise ValidationError("草案名称", "请填写征求意见的草案名称。")
    kind = rules.parse_kind(data.kind)
    if data.start is None:
        raise ValidationError("开始日期", "请填写开始征求意见的日期。")
    if data.end is None:
        raise ValidationError("截止日期", "请填写征求意见的截止日期。")
    limits.check_date("开始日期", data.start, today=today)
    limits.check_date("截止日期", data.end, today=today)
    reason = data.shortening_reason.strip()
    rules.check_period(kind, data.start, data.end, reason)
    clean = SolicitationInput(
        title, data.document.strip(), kind.value, data.start, data.end, data.channel.strip(), reason, data.note.strip()
    )
    for label, value in (("草案名称", clean.title), ("渠道", clean.channel), ("缩短期限理由", reason)):
        limits.check_length(label, value)
    limits.check_length("备注", clean.note)
    return clean


def _columns(solicitation: Solicitation, document: Document | None) -> SolicitationRow:
    return SolicitationRow(
        solicitation.id,
        solicitation.title,
        solicitation.document_id,
        (document.number or "") if document else "",
        document.title if document else "",
        solicitation.kind,
        solicitation.start,
        solicitation.end,
        solicitation.channel,
        solicitation.shortening_reason,
        solicitation.received_count,
        solicitation.adopted_count,
        solicitation.partly_adopted_count,
        solicitation.rejected_count,
        solicitation.rejection_reason,
        solicitation.results_published,
        solicitation.note,
        solicitation.voided_at,
        solicitation.void_reason,
        solicitation.version,
    )


def _load(session: Session, solicitation_id: int) -> Solicitation:
    row = session.get(Solicitation, solicitation_id)
    if row is None:
        raise UserError(f"找不到编号为{solicitation_id}的征求意见。")
    return row


def _apply(session: Session, row: Solicitation, clean: SolicitationInput) -> None:
    document = document_links.resolve(session, clean.document)
    row.document_id = document.id if document else None
    row.title, row.kind, row.channel = clean.title, clean.kind, clean.channel
    assert clean.start is not None and clean.end is not None
    row.start, row.end = clean.start, clean.end
    row.shortening_reason, row.note = clean.shortening_reason, clean.note


def _row(session: Session, row: Solicitation) -> SolicitationRow:
    document = session.get(Document, row.document_id) if row.document_id else None
    return _columns(row, document)


def insert(session: Session, clean: SolicitationInput, outcome: Outcome, *, actor: str) -> Solicitation:
    """Add a checked solicitation with its (checked) results in the caller's transaction (form and import)."""
    row = Solicitation(created_by=actor)
    _apply(session, row, clean)
    _set_outcome(row, outcome)
    session.add(row)
    session.flush()
    return row


def add(
    db: Database, data: SolicitationInput, *, outcome: Outcome | None = None, actor: str = "", today: date | None = None
) -> SolicitationRow:
    """Register a solicitation (optionally with its results); refused when the period is too short."""
    today = today or date.today()
    clean = clean_input(data, today=today)
    if outcome is not None:
        assert clean.end is not None
        rules.check_outcome(outcome, clean.end, today=today)
    with db.transaction() as session:
        row = insert(session, clean, outcome or Outcome(), actor=current_actor(db, actor))
        return _row(session, row)


#: the form's columns by their Chinese names (a save conflict lists them)
FORM_LABELS = {"title": "草案名称", "document_id": "关联文件", "kind": "类型", "start": "开始日期", "end": "截止日期",
               "channel": "渠道", "shortening_reason": "缩短期限理由", "note": "备注"}  # fmt: skip


def edit(
    db: Database,
    solicitation_id: int,
    data: SolicitationInput,
    *,
    today: date | None = None,
    version: int | None = None,
) -> SolicitationRow:
    """Change the form's fields; the recorded results must still fit the new period. `version` is the version the
    form loaded: a later save by someone else raises a ConflictError (both versions), nothing is saved."""
    today = today or date.today()
    clean = clean_input(data, today=today)
    with db.transaction() as session:
        row = _load(session, solicitation_id)
        document = document_links.resolve(session, clean.document)
        mine = {key: getattr(clean, key) for key in FORM_LABELS if key != "document_id"}
        expect_version(row, version, mine | {"document_id": document.id if document else None}, FORM_LABELS)
        _refuse_voided(row)
        assert clean.end is not None
        rules.check_outcome(_columns(row, None).outcome(), clean.end, today=today)
        _apply(session, row, clean)
        session.flush()
        return _row(session, row)


def _set_outcome(row: Solicitation, outcome: Outcome) -> None:
    row.received_count, row.adopted_count = outcome.received, outcome.adopted
    row.partly_adopted_count, row.rejected_count = outcome.partly_adopted, outcome.rejected
    row.rejection_reason, row.results_published = outcome.rejection_reason.strip(), outcome.published


def record_results(
    db: Database, solicitation_id: int, outcome: Outcome, *, today: date | None = None
) -> SolicitationRow:
    """登记采纳情况: 收到意见数, 采纳 / 部分采纳 / 未采纳, 未采纳理由, 采纳情况公布日期."""
    today = today or date.today()
    limits.check_length("未采纳理由", outcome.rejection_reason.strip())
    with db.transaction() as session:
        row = _load(session, solicitation_id)
        _refuse_voided(row)
        if outcome.published is not None:
            limits.check_date("采纳情况公布日期", outcome.published, today=today)
        rules.check_outcome(outcome, row.end, today=today)
        _set_outcome(row, outcome)
        session.flush()
        return _row(session, row)


def _refuse_voided(row: Solicitation) -> None:
    if row.voided_at is not None:
        raise UserError(f"征求意见“{row.title}”已于{row.voided_at:%Y-%m-%d}作废，不能再修改。")


def void(db: Database, solicitation_id: int, reason: str, *, actor: str = "") -> None:
    """作废: a mistaken record is kept with who voided it, when and why, and left out of every list and count."""
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废的理由。")
    actor = current_actor(db, actor)
    with db.transaction() as session:
        row = _load(session, solicitation_id)
        _refuse_voided(row)
        row.voided_at, row.voided_by, row.void_reason = datetime.now().replace(microsecond=0), actor, reason.strip()


def get(db: Database, solicitation_id: int) -> SolicitationRow:
    with db.reading() as session:
        return _row(session, _load(session, solicitation_id))


# -- lists --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    text: str = ""  # in 草案名称, 渠道 or the linked 文号
    state: str = ""  # one of STATE_FILTERS, VOIDED (only voided records) or ""
    kind: str = ""  # a SolicitationKind value or ""
    year: int | None = None  # the year of the 开始日期
    document_id: int | None = None


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[SolicitationRow]


def _state_condition(state: str, today: date) -> ColumnElement[bool]:
    unpublished = Solicitation.results_published.is_(None)
    if state == PUBLISHED or state == SolicitationState.DONE.value:
        return Solicitation.results_published.is_not(None)
    if state == SolicitationState.NOT_STARTED.value:
        return and_(unpublished, Solicitation.start > today)
    if state == SolicitationState.OPEN.value:
        return and_(unpublished, Solicitation.start <= today, Solicitation.end >= today)
    if state == SolicitationState.PENDING.value:
        return and_(unpublished, Solicitation.end < today)
    choices = "、".join(STATE_FILTERS)
    raise UserError(f"状态应为{choices}之一，收到“{state}”。")


def _filtered(query, flt: ListFilter, today: date):  # noqa: ANN001, ANN202
    voided = Solicitation.voided_at.is_not(None)
    query = query.where(voided if flt.state == VOIDED else ~voided)
    if flt.state and flt.state != VOIDED:
        query = query.where(_state_condition(flt.state, today))
    if flt.kind:
        query = query.where(Solicitation.kind == rules.parse_kind(flt.kind).value)
    if flt.year is not None:
        query = query.where(Solicitation.start >= date(flt.year, 1, 1), Solicitation.start <= date(flt.year, 12, 31))
    if flt.document_id is not None:
        query = query.where(Solicitation.document_id == flt.document_id)
    needle = flt.text.strip()
    if needle:
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Solicitation.title.like(like, escape="\\"),
                Solicitation.channel.like(like, escape="\\"),
                Document.number.like(like, escape="\\"),
            )
        )
    return query


def list_page(
    db: Database,
    flt: ListFilter = ListFilter(),
    *,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """One page (latest 开始日期 first) and the total count."""
    today = today or date.today()
    base = select(Solicitation, Document).outerjoin(Document, Solicitation.document_id == Document.id)
    counted = select(func.count(Solicitation.id)).outerjoin(Document, Solicitation.document_id == Document.id)
    with db.reading() as session:
        total = int(session.scalar(_filtered(counted, flt, today)) or 0)
        query = _filtered(base, flt, today).order_by(Solicitation.start.desc(), Solicitation.id.desc())
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return Page(total, [_columns(s, d) for s, d in session.execute(query)])


def list_solicitations(
    db: Database, flt: ListFilter = ListFilter(), *, today: date | None = None
) -> list[SolicitationRow]:
    return list_page(db, flt, today=today).rows


def pending(db: Database, *, today: date | None = None) -> list[SolicitationRow]:
    """After the 截止日期, the solicitations whose 采纳情况 is not published (oldest 截止日期 first)."""
    rows = list_page(db, ListFilter(state=SolicitationState.PENDING.value), today=today).rows
    return sorted(rows, key=lambda r: (r.end, r.id))


__all__ = [
    "ListFilter",
    "PERIOD_HELP",
    "SolicitationInput",
    "SolicitationRow",
    "add",
    "edit",
    "get",
    "list_page",
    "list_solicitations",
    "pending",
    "record_results",
    "void",
]
