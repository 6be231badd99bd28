"""公文 register: adding, editing, 三审三校, publishing, voiding, the yearly review, reading and listing.

Every public function is one user action and one transaction. The rules live in models.domain.documents and
models.domain.document_number; this module checks a change with them, stores it and refreshes the cached
publication clock (publish_from, publish_due, publish_state, on_time, calendar_uncertain) so lists are plain SQL.
The clock is also refreshed after a change of the holiday calendar and once a day (`refresh_if_new_day`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain import documents as rules
from models.domain import limits
from models.domain.document_number import normalize_document_number, parse_document_number
from models.domain.documents import (
    Attribute,
    Decision,
    DocState,
    PublishState,
    Review,
    ReviewDecision,
    ReviewStage,
)
from models.domain.errors import UserError, ValidationError
from models.domain.workdays import WorkCalendar
from models.entities import (
    Application,
    Document,
    DocumentReview,
    DocumentReviewDecision,
    Interpretation,
    Solicitation,
)
from models.services import sql_portable
from models.services.concurrency import expect_version
from models.services.document_catalogue import path_of_node
from models.services.holidays import load_calendar
from models.services.settings import current_actor, get_setting, set_setting

# -- the form -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInput:
    """The document form (Chinese labels in FIELD_LABELS)."""

    number: str = ""
    title: str = ""
    issuer: str = ""
    written: date | None = None
    doc_type: str = ""
    category: str = "其他"
    attribute: str = "主动公开"
    note_mark: str = "此件公开发布"
    withhold_reason: str = ""
    basis_code: str = ""
    catalogue_node_id: int | None = None
    interpreter: str = ""
    needs_interpretation: bool = False
    valid_until: date | None = None
    state: str = "现行有效"
    state_changed: date | None = None
    published: date | None = None
    publish_column: str = ""
    publish_url: str = ""
    department: str = ""
    note: str = ""


FIELD_LABELS: dict[str, str] = {
    "number": "文号",
    "title": "标题",
    "issuer": "发文机关",
    "written": "成文日期",
    "doc_type": "文种",
    "category": "类别",
    "attribute": "公开属性",
    "note_mark": "附注",
    "withhold_reason": "不公开理由",
    "basis_code": "依据",
    "catalogue_node_id": "公开目录",
    "interpreter": "解读主体",
    "needs_interpretation": "需要解读",
    "valid_until": "有效期至",
    "state": "状态",
    "state_changed": "状态变更日期",
    "published": "发布日期",
    "publish_column": "发布栏目/网址",
    "publish_url": "网址",
    "department": "承办科室",
    "note": "备注",
}
_LENGTHS = {"title": 300, "issuer": 100, "doc_type": 20, "withhold_reason": 2000, "interpreter": 100,
            "publish_column": 200, "publish_url": 500, "department": 60, "note": 2000}  # fmt: skip


def clean_input(data: DocumentInput, reviews: Sequence[Review], *, today: date) -> DocumentInput:
    """The checked and trimmed form, or a ValidationError naming the first wrong field."""
    values = {f.name: getattr(data, f.name) for f in fields(DocumentInput)}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    values["number"] = normalize_document_number(values["number"]) or ""
    if not values["title"]:
        raise ValidationError("标题", "请填写公文标题。")
    for name, limit in _LENGTHS.items():
        if len(values[name]) > limit:
            raise ValidationError(FIELD_LABELS[name], f"内容过长（最多{limit}个字符，实际{len(values[name])}个）。")
    written = values["written"]
    if written is None:
        raise ValidationError("成文日期", "请填写成文日期。")
    limits.check_date("成文日期", written, today=today)
    if written > today:
        raise ValidationError("成文日期", f"成文日期{written.isoformat()}晚于今天。")
    rules.parse_category(values["category"])
    attribute = rules.parse_attribute(values["attribute"])
    note_mark = rules.parse_note_mark(values["note_mark"])
    row = rules.check_disclosure(attribute, note_mark, values["withhold_reason"], values["basis_code"])
    values["basis_code"] = row.code if row is not None else ""
    state = rules.parse_state(values["state"])
    rules.check_state(state, values["state_changed"], written, today=today)
    if state is DocState.IN_FORCE:
        values["state_changed"] = None
    valid_until = values["valid_until"]
    if valid_until is not None and valid_until < written:
        raise ValidationError("有效期至", f"有效期至{valid_until.isoformat()}早于成文日期{written.isoformat()}。")
    rules.check_publication(values["published"], written, reviews, today=today)
    return DocumentInput(**values)


# -- reading ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewEntry:
    stage: str
    reviewer: str
    day: date


@dataclass(frozen=True)
class DecisionEntry:
    year: int
    decision: str
    decided_by: str
    decided_on: date
    reason: str


@dataclass(frozen=True)
class LinkedInterpretation:
    id: int
    title: str
    forms: tuple[str, ...]
    published: date | None


@dataclass(frozen=True)
class LinkedSolicitation:
    id: int
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class AskingApplication:
    number: str
    received: date
    applicant_name: str
    content: str
    status: str


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    fields: DocumentInput
    catalogue_path: str
    reviews: list[ReviewEntry]
    decisions: list[DecisionEntry]
    clock: rules.PublicationClock
    validity: rules.ValidityState
    interpretations: list[LinkedInterpretation]
    solicitations: list[LinkedSolicitation]
    applications: list[AskingApplication]
    voided_at: datetime | None = None
    void_reason: str = ""
    version: int = 1  # the stored version: the form passes it back when saving (optimistic concurrency)

    @property
    def number(self) -> str:
        return self.fields.number

    @property
    def next_stage(self) -> ReviewStage | None:
        done = {r.stage for r in self.reviews}
        return next((s for s in rules.STAGE_ORDER if s.value not in done), None)


def _input_of(doc: Document) -> DocumentInput:
    values = {f.name: getattr(doc, f.name) for f in fields(DocumentInput)}
    values["number"] = doc.number or ""
    return DocumentInput(**values)


def _domain_reviews(doc: Document) -> list[Review]:
    return [Review(ReviewStage(r.stage), r.reviewer, r.day) for r in doc.reviews]


def _domain_decisions(session: Session, doc: Document) -> list[ReviewDecision]:
    rows = session.scalars(select(DocumentReviewDecision).where(DocumentReviewDecision.document_id == doc.id))
    return [ReviewDecision(r.year, Decision(r.decision), r.decided_on, r.clock_from) for r in rows]


def _clock(session: Session, doc: Document, calendar: WorkCalendar, today: date) -> rules.PublicationClock:
    return rules.publication_clock(
        Attribute(doc.attribute), doc.written, doc.published, _domain_decisions(session, doc), calendar, today
    )


def _refresh_cache(session: Session, doc: Document, calendar: WorkCalendar, today: date) -> rules.PublicationClock:
    clock = _clock(session, doc, calendar, today)
    doc.publish_from = clock.start
    doc.publish_due = clock.due
    doc.publish_state = clock.state.value
    doc.on_time = {PublishState.ON_TIME: True, PublishState.LATE: False}.get(clock.state)
    doc.calendar_uncertain = bool(clock.uncertain_years)
    return clock


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def asking_applications(session: Session, doc: Document) -> list[AskingApplication]:
    """Applications whose 申请内容 names this document: its 文号 or its full 标题 appears in the content
    (a plain LIKE; a title shorter than 6 characters is too common to match on)."""
    needles = [n for n in (doc.number or "", doc.title if len(doc.title) >= 6 else "") if n]
    if not needles:
        return []
    rows = session.scalars(
        select(Application)
        .where(
            Application.voided_at.is_(None), or_(*(Application.content.like(_like(n), escape="\\") for n in needles))
        )
        .order_by(Application.received, Application.id)
        .limit(200)
    )
    return [AskingApplication(a.number, a.received, a.applicant_name, a.content, a.status) for a in rows]


def _detail_of(session: Session, doc: Document, calendar: WorkCalendar, today: date) -> DocumentDetail:
    decisions = session.scalars(
        select(DocumentReviewDecision)
        .where(DocumentReviewDecision.document_id == doc.id)
        .order_by(DocumentReviewDecision.decided_on, DocumentReviewDecision.id)
    ).all()
    interpretations = session.scalars(
        select(Interpretation)
        .where(Interpretation.document_id == doc.id, Interpretation.voided_at.is_(None))
        .order_by(Interpretation.id)
    ).all()
    solicitations = session.scalars(
        select(Solicitation)
        .where(Solicitation.document_id == doc.id, Solicitation.voided_at.is_(None))
        .order_by(Solicitation.start)
    ).all()
    order = {s.value: i for i, s in enumerate(rules.STAGE_ORDER)}
    return DocumentDetail(
        doc.id,
        _input_of(doc),
        path_of_node(session, doc.catalogue_node_id),
        [ReviewEntry(r.stage, r.reviewer, r.day) for r in sorted(doc.reviews, key=lambda r: order[r.stage])],
        [DecisionEntry(d.year, d.decision, d.decided_by, d.decided_on, d.reason) for d in decisions],
        _clock(session, doc, calendar, today),
        rules.validity_state(doc.valid_until, DocState(doc.state), today),
        [LinkedInterpretation(i.id, i.title, tuple(f.form for f in i.forms), i.published) for i in interpretations],
        [LinkedSolicitation(s.id, s.title, s.start, s.end) for s in solicitations],
        asking_applications(session, doc),
        doc.voided_at,
        doc.void_reason,
        doc.version,
    )


def _load(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise UserError("找不到这件公文（可能已被删除），请刷新后重试。")
    return doc


def find_id(db: Database, number: str) -> int:
    """The id of the document with this 文号 (typed in any bracket style); a UserError when there is none."""
    canonical = str(parse_document_number(number))
    with db.reading() as session:
        found = session.scalar(select(Document.id).where(Document.number == canonical))
    if found is None:
        raise UserError(f"找不到文号为“{canonical}”的公文。")
    return found


def get_detail(db: Database, document_id: int, *, today: date | None = None) -> DocumentDetail:
    today = today or date.today()
    calendar = load_calendar(db)
    with db.reading() as session:
        return _detail_of(session, _load(session, document_id), calendar, today)


# -- writing ------------------------------------------------------------------------------------------------


def _ensure_unique(session: Session, number: str, exclude: int | None = None) -> None:
    if not number:
        return
    query = select(Document.id, Document.title).where(Document.number == number)
    if exclude is not None:
        query = query.where(Document.id != exclude)
    other = session.execute(query).first()
    if other is not None:
        raise ValidationError("文号", f"文号“{number}”已登记（《{other.title}》），同一文号只能登记一次。")


def _apply(doc: Document, clean: DocumentInput) -> None:
    for f in fields(DocumentInput):
        setattr(doc, f.name, getattr(clean, f.name))
    if clean.number:
        parts = parse_document_number(clean.number)
        doc.organ_code, doc.number_year, doc.number_seq = parts.organ_code, parts.year, parts.seq
    else:
        doc.number, doc.organ_code, doc.number_year, doc.number_seq = None, "", None, None


def insert_document(
    session: Session,
    clean: DocumentInput,
    reviews: Sequence[Review],
    *,
    calendar: WorkCalendar,
    today: date,
    actor: str = "",
) -> int:
    """Insert a checked document (see `clean_input`) with its reviews in the caller's session (the import uses it)."""
    _ensure_unique(session, clean.number)
    doc = Document(created_by=actor)
    _apply(doc, clean)
    for review in reviews:
        doc.reviews.append(DocumentReview(stage=review.stage.value, reviewer=review.reviewer.strip(), day=review.day,
                                          created_by=actor))  # fmt: skip
    session.add(doc)
    session.flush()
    _refresh_cache(session, doc, calendar, today)
    return doc.id


def add_document(
    db: Database,
    data: DocumentInput,
    *,
    reviews: Sequence[Review] = (),
    actor: str = "",
    today: date | None = None,
) -> DocumentDetail:
    """Register a document (its 三审三校 so far may come along, e.g. from an import)."""
    today = today or date.today()
    actor = current_actor(db, actor)
    rules.check_reviews(reviews, today=today)
    clean = clean_input(data, reviews, today=today)
    calendar = load_calendar(db)
    with db.transaction() as session:
        document_id = insert_document(session, clean, reviews, calendar=calendar, today=today, actor=actor)
    return get_detail(db, document_id, today=today)


def edit_document(
    db: Database,
    document_id: int,
    data: DocumentInput,
    *,
    actor: str = "",
    today: date | None = None,
    version: int | None = None,
) -> DocumentDetail:
    """Change a document; `version` is the version the form loaded (a later save by someone else: ConflictError)."""
    today = today or date.today()
    calendar = load_calendar(db)
    with db.transaction() as session:
        doc = _load(session, document_id)
        if doc.voided_at is not None:
            raise UserError("这件公文已作废，不能修改。")
        clean = clean_input(data, _domain_reviews(doc), today=today)
        mine = {f.name: getattr(clean, f.name) for f in fields(DocumentInput)} | {"number": clean.number or None}
        expect_version(doc, version, mine, FIELD_LABELS)
        _ensure_unique(session, clean.number, exclude=doc.id)
        _apply(doc, clean)
        _refresh_cache(session, doc, calendar, today)
    return get_detail(db, document_id, today=today)


def record_review(
    db: Database,
    document_id: int,
    stage: ReviewStage,
    reviewer: str,
    day: date,
    *,
    actor: str = "",
    today: date | None = None,
) -> DocumentDetail:
    """Record one step of 三审三校 (初审 → 复审 → 终审, three different names, dates not going back)."""
    today = today or date.today()
    actor = current_actor(db, actor)
    with db.transaction() as session:
        doc = _load(session, document_id)
        if doc.voided_at is not None:
            raise UserError("这件公文已作废，不能登记审核。")
        if day < doc.written:
            raise ValidationError(stage.value, f"{stage}日期{day.isoformat()}早于成文日期{doc.written.isoformat()}。")
        rules.check_reviews([*_domain_reviews(doc), Review(stage, reviewer, day)], today=today)
        doc.reviews.append(DocumentReview(stage=stage.value, reviewer=reviewer.strip(), day=day, created_by=actor))
    return get_detail(db, document_id, today=today)


def publish(
    db: Database,
    document_id: int,
    day: date,
    *,
    column: str = "",
    url: str = "",
    today: date | None = None,
) -> DocumentDetail:
    """Mark the document 已发布 on `day` (refused before its 终审), with the column and address."""
    today = today or date.today()
    with db.reading() as session:
        doc = _load(session, document_id)
        data = _input_of(doc)
    changes = {
        "published": day,
        "publish_column": column or data.publish_column,
        "publish_url": url or data.publish_url,
    }
    return edit_document(db, document_id, _replace(data, **changes), today=today)


def change_state(
    db: Database, document_id: int, state: str, day: date | None, *, today: date | None = None
) -> DocumentDetail:
    """Change the 状态 (已修改 · 已废止 · 已失效) with the date it took effect."""
    today = today or date.today()
    with db.reading() as session:
        data = _input_of(_load(session, document_id))
    return edit_document(db, document_id, _replace(data, state=state, state_changed=day), today=today)


def _replace(data: DocumentInput, **changes: object) -> DocumentInput:
    values = {f.name: getattr(data, f.name) for f in fields(DocumentInput)}
    values.update(changes)
    return DocumentInput(**values)  # type: ignore[arg-type]


def void_document(db: Database, document_id: int, reason: str, *, actor: str = "") -> None:
    """作废: a mistaken registration is kept with who, when and why, and left out of every list and count."""
    actor = current_actor(db, actor)
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废这件公文登记的理由。")
    with db.transaction() as session:
        doc = _load(session, document_id)
        if doc.voided_at is not None:
            raise UserError(f"这件公文已于{doc.voided_at:%Y-%m-%d}作废。")
        doc.voided_at, doc.voided_by, doc.void_reason = datetime.now().replace(microsecond=0), actor, reason.strip()


# -- yearly review (条例第18条) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewCandidate:
    id: int
    number: str
    title: str
    written: date
    attribute: str
    note_mark: str
    withhold_reason: str
    basis_code: str
    decision: str  # this year's decision, "" while none is recorded
    decided_by: str
    decided_on: date | None


def review_candidates(db: Database, year: int) -> list[ReviewCandidate]:
    """Documents written by the end of `year` that are not proactively disclosed (依申请公开 · 不予公开, or
    主动公开 with a 删减/脱密 附注), with the decision recorded for `year` if any; a document turned 主动公开 by
    that year's review stays on that year's list with its decision."""
    with db.reading() as session:
        decided_ids = select(DocumentReviewDecision.document_id).where(DocumentReviewDecision.year == year)
        docs = session.scalars(
            select(Document)
            .where(
                Document.voided_at.is_(None),
                Document.written <= date(year, 12, 31),
                or_(
                    Document.attribute != Attribute.PROACTIVE.value,
                    Document.note_mark != rules.NoteMark.PUBLISH.value,
                    Document.id.in_(decided_ids),
                ),
            )
            .order_by(Document.written, Document.id)
        ).all()
        decided = {
            d.document_id: d
            for d in session.scalars(
                select(DocumentReviewDecision)
                .where(DocumentReviewDecision.year == year)
                .order_by(DocumentReviewDecision.id)
            )
        }
        out = []
        for doc in docs:
            d = decided.get(doc.id)
            out.append(
                ReviewCandidate(
                    doc.id,
                    doc.number or "",
                    doc.title,
                    doc.written,
                    doc.attribute,
                    doc.note_mark,
                    doc.withhold_reason,
                    doc.basis_code,
                    d.decision if d else "",
                    d.decided_by if d else "",
                    d.decided_on if d else None,
                )  # fmt: skip
            )
        return out


def record_decision(
    db: Database,
    document_id: int,
    year: int,
    decision: Decision,
    *,
    decided_by: str,
    decided_on: date,
    reason: str = "",
    today: date | None = None,
) -> DocumentDetail:
    """Record the yearly review's decision. 转为主动公开 makes the document 主动公开 (附注 此件公开发布) and starts
    a new 20-working-day clock from the decision date."""
    today = today or date.today()
    if not decided_by.strip():
        raise ValidationError("审查人", "请填写作出审查决定的人。")
    if decided_on > today:
        raise ValidationError("审查日期", f"审查日期{decided_on.isoformat()}晚于今天。")
    calendar = load_calendar(db)
    with db.transaction() as session:
        doc = _load(session, document_id)
        if doc.voided_at is not None:
            raise UserError("这件公文已作废。")
        if decided_on < doc.written:
            raise ValidationError(
                "审查日期", f"审查日期{decided_on.isoformat()}早于成文日期{doc.written.isoformat()}。"
            )
        already = session.scalar(
            select(DocumentReviewDecision.id).where(
                DocumentReviewDecision.document_id == doc.id, DocumentReviewDecision.year == year
            )
        )
        if already is not None:
            raise UserError(f"这件公文{year}年度的审查决定已登记。")
        if doc.attribute == Attribute.PROACTIVE.value and doc.note_mark == rules.NoteMark.PUBLISH.value:
            raise UserError("这件公文已是主动公开，不需要年度审查。")
        session.add(
            DocumentReviewDecision(
                document_id=doc.id,
                year=year,
                decision=decision.value,
                decided_by=decided_by.strip(),
                decided_on=decided_on,
                reason=reason.strip(),
                clock_from=decided_on if decision is Decision.DISCLOSE else None,
            )  # fmt: skip
        )
        if decision is Decision.DISCLOSE:
            doc.attribute, doc.note_mark = Attribute.PROACTIVE.value, rules.NoteMark.PUBLISH.value
            doc.withhold_reason, doc.basis_code, doc.published = "", "", None
        session.flush()
        _refresh_cache(session, doc, calendar, today)
    return get_detail(db, document_id, today=today)


# -- the cached clock ---------------------------------------------------------------------------------------


def recompute_all(db: Database, *, today: date | None = None) -> int:
    """Refresh the cached publication clock of every document with one (after a calendar change, or a new day)."""
    today = today or date.today()
    calendar = load_calendar(db)
    count = 0
    with db.transaction() as session:
        for doc in session.scalars(
            select(Document).where(or_(Document.publish_due.is_not(None), Document.attribute == "主动公开"))
        ):
            _refresh_cache(session, doc, calendar, today)
            count += 1
    return count


def refresh_if_new_day(db: Database, *, today: date | None = None) -> bool:
    """Recompute the cached states once per day (正常 → 3个工作日内到期 → 已逾期 move with the date)."""
    today = today or date.today()
    if get_setting(db, "document_clock_refreshed_on") == today.isoformat():
        return False
    recompute_all(db, today=today)
    set_setting(db, "document_clock_refreshed_on", today.isoformat())
    return True


# -- lists --------------------------------------------------------------------------------------------------

OVERDUE = "已逾期"
DUE_SOON = "3个工作日内到期"
UNPUBLISHED = "未发布"
AWAITING_REVIEW = "待审核"  # due for publication, not published, 三审 without 终审 (工作台: 公文待审核)
AWAITING_PUBLICATION = "待发布"  # due for publication, 终审 done, not published (工作台: 公文待发布)
PUBLISH_FILTERS = (OVERDUE, DUE_SOON, UNPUBLISHED, AWAITING_REVIEW, AWAITING_PUBLICATION)


def final_review_done():  # noqa: ANN201 - SQL condition on Document
    """The document has its 终审 (the last of 三审三校)."""
    return exists().where(DocumentReview.document_id == Document.id, DocumentReview.stage == ReviewStage.FINAL.value)


@dataclass(frozen=True)
class DocumentFilter:
    text: str = ""  # in 文号, 标题 or 发文机关
    category: str = ""
    attribute: str = ""
    state: str = ""
    publish: str = ""  # one of PUBLISH_FILTERS, or ""
    catalogue_node_ids: tuple[int, ...] = ()  # a node and its branch (document_catalogue.subtree_ids)
    year: int | None = None  # year of 成文日期
    expiring: bool = False  # 现行有效 and within 30 days of 有效期至 (or past it)
    voided: bool = False  # only voided registrations


@dataclass(frozen=True)
class DocumentRow:
    id: int
    number: str | None
    title: str
    issuer: str
    written: date
    category: str
    attribute: str
    note_mark: str
    state: str
    valid_until: date | None
    published: date | None
    publish_due: date | None
    on_time: bool | None
    department: str
    catalogue_node_id: int | None
    calendar_uncertain: bool
    voided_at: datetime | None


_ROW_COLUMNS = [getattr(Document, f.name) for f in fields(DocumentRow)]
SORT_COLUMNS = {
    "number": (Document.number_year, Document.organ_code, Document.number_seq),
    "title": (Document.title,),
    "written": (Document.written,),
    "publish_due": (Document.publish_due,),
    "state": (Document.state,),
}


SMALL_MATCH = 2000  # up to this many text matches, the page is read by id; beyond, by the index of the sort


def _text_condition(needle: str):  # noqa: ANN202 - SQL condition
    """文号, 标题 or 发文机关 contains `needle` (instr: no wildcard to escape, and twice as fast as LIKE … ESCAPE)."""
    columns = (Document.title, Document.number, Document.issuer)
    return or_(*(sql_portable.contains_text(column, needle) for column in columns))


def _filtered(  # noqa: ANN202
    query,  # noqa: ANN001
    flt: DocumentFilter,
    calendar: WorkCalendar,
    today: date,
    text_ids: list[int] | None = None,
    *,
    by_ids: bool = True,
):
    query = query.where(Document.voided_at.is_not(None) if flt.voided else Document.voided_at.is_(None))
    if text_ids is not None and by_ids:
        query = query.where(sql_portable.id_in(Document.id, text_ids))
    elif flt.text.strip():
        query = query.where(_text_condition(flt.text.strip()))
    if flt.category:
        query = query.where(Document.category == flt.category)
    if flt.attribute:
        query = query.where(Document.attribute == flt.attribute)
    if flt.state:
        query = query.where(Document.state == flt.state)
    if flt.year is not None:
        query = query.where(Document.written >= date(flt.year, 1, 1), Document.written <= date(flt.year, 12, 31))
    if flt.catalogue_node_ids:
        query = query.where(Document.catalogue_node_id.in_(flt.catalogue_node_ids))
    waiting = [Document.publish_due.is_not(None), Document.published.is_(None)]
    if flt.publish == OVERDUE:
        query = query.where(*waiting, Document.publish_due < today)
    elif flt.publish == DUE_SOON:
        soon = calendar.add_working_days(today, rules.DUE_SOON_DAYS).value
        query = query.where(*waiting, Document.publish_due >= today, Document.publish_due <= soon)
    elif flt.publish == UNPUBLISHED:
        query = query.where(*waiting)
    elif flt.publish == AWAITING_REVIEW:
        query = query.where(*waiting, ~final_review_done())
    elif flt.publish == AWAITING_PUBLICATION:
        query = query.where(*waiting, final_review_done())
    if flt.expiring:
        query = query.where(
            Document.state == DocState.IN_FORCE.value,
            Document.valid_until.is_not(None),
            Document.valid_until <= today + timedelta(days=rules.VALIDITY_WARNING_DAYS),
        )
    return query


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[DocumentRow]


def list_page(
    db: Database,
    flt: DocumentFilter = DocumentFilter(),
    *,
    today: date | None = None,
    sort: str = "written",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
    calendar: WorkCalendar | None = None,
    with_total: bool = True,
) -> Page:
    """One page of the list and the total count (SQL over the cached columns; sorting and paging in SQL)."""
    today = today or date.today()
    calendar = calendar or load_calendar(db)
    order = [c.desc() if descending else c.asc() for c in SORT_COLUMNS.get(sort, SORT_COLUMNS["written"])]
    with db.reading() as session:
        text_ids: list[int] | None = None
        if flt.text.strip():  # one scan finds the matching ids with every filter: the count is their number
            text_ids = list(session.scalars(_filtered(select(Document.id), flt, calendar, today, by_ids=False)))
            total = len(text_ids)
        elif with_total:
            total = int(session.scalar(_filtered(select(func.count(Document.id)), flt, calendar, today)) or 0)
        else:
            total = -1
        if limit == 0:  # a count only
            return Page(total, [])
        by_ids = text_ids is not None and len(text_ids) <= SMALL_MATCH
        query = _filtered(select(*_ROW_COLUMNS), flt, calendar, today, text_ids, by_ids=by_ids)
        query = query.order_by(*order, Document.id.desc())
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return Page(total, [DocumentRow(*row) for row in session.execute(query)])


def list_documents(db: Database, flt: DocumentFilter = DocumentFilter(), **kwargs: object) -> list[DocumentRow]:
    return list_page(db, flt, with_total=False, **kwargs).rows  # type: ignore[arg-type]


@dataclass(frozen=True)
class LiveState:
    """The today-dependent publication state of a row: computed when shown, never stored."""

    state: PublishState
    label: str  # 正常 · 3个工作日内到期 · 逾期N个工作日 · 已发布（按时） …
    working_days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.state is PublishState.OVERDUE


def live_state(row: DocumentRow, calendar: WorkCalendar, today: date) -> LiveState:
    if row.publish_due is None:
        return LiveState(PublishState.NONE, "", None)
    if row.published is not None:
        if row.on_time is False:
            late = calendar.working_days_between(row.publish_due, row.published).value
            return LiveState(PublishState.LATE, f"已发布（逾期{late}个工作日）", None)
        return LiveState(PublishState.ON_TIME, "已发布（按时）", None)
    left = calendar.working_days_between(today, row.publish_due).value
    if today > row.publish_due:
        return LiveState(PublishState.OVERDUE, f"逾期{-left}个工作日", left)
    if left <= rules.DUE_SOON_DAYS:
        return LiveState(PublishState.DUE_SOON, f"{left}个工作日内到期" if left else "今天到期", left)
    return LiveState(PublishState.NORMAL, f"正常（剩{left}个工作日）", left)


def expiring_documents(db: Database, *, today: date | None = None) -> list[DocumentRow]:
    """现行有效 documents within 30 days of their 有效期至, or past it (they need a decision on their 状态)."""
    return list_documents(db, DocumentFilter(expiring=True), today=today, sort="written", descending=False)


def count_overdue(db: Database, *, today: date | None = None) -> int:
    """主动公开 documents past their publication due date and not yet published (for the dashboard)."""
    return list_page(db, DocumentFilter(publish=OVERDUE), today=today, limit=0).total
