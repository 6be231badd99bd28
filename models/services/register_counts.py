"""The counts the returns and the dashboard take from the 公文, 征求意见 and 政策解读 registers.

Straight SQL over the entities (voided registrations count nowhere), independent of the registers' own services:
- the monthly return: documents by 附注 (成文日期 in the month); solicitations started, closed and with their
  采纳情况 published in the month, and the opinions of the latter; interpretations published in the month, in
  all and by 形式 (an interpretation in two forms counts once in each form's row);
- 表二 第二十条第（一）项: the 规章 and 行政规范性文件 written by 31 December, counted by
  `documents.table_two_documents`;
- the yearly review (条例第18条): the documents not proactively disclosed, with the year's decision, and the
  solicitations whose period was shortened below the minimum, with the reason;
- the dashboard: documents awaiting 三审 or publication, overdue publication, solicitations whose results are
  pending, documents flagged by 三同步.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from models.db import Database
from models.domain import documents as doc_rules
from models.domain.results import ROWS_BY_CODE
from models.domain.solicitations import MINIMUM_DAYS, SolicitationKind, period_days
from models.domain.statistics import (
    DOCUMENT_ROWS,
    INTERPRETATIONS,
    OPINIONS_ADOPTED,
    OPINIONS_PARTLY,
    OPINIONS_RECEIVED,
    OPINIONS_REJECTED,
    SOLICITATIONS,
    SOLICITATIONS_CLOSED,
    SOLICITATIONS_PUBLISHED,
    Period,
)
from models.entities import (
    Document,
    DocumentReviewDecision,
    Interpretation,
    InterpretationForm,
    Solicitation,
)
from models.services.documents import final_review_done
from models.services.interpretations import sync_candidates

_D, _S, _I = Document, Solicitation, Interpretation


def _within(column, period: Period):  # noqa: ANN001, ANN202 - SQL expression
    return and_(column >= period.start, column <= period.end)


def _count(condition):  # noqa: ANN001, ANN202 - SQL expression
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# -- the monthly return -----------------------------------------------------------------------------------------


def monthly_counts(session: Session, period: Period) -> dict[str, int]:
    """The 公开与解读 rows of a month, keyed by their labels (statistics.OTHER_LABELS)."""
    counts: dict[str, int] = {}
    notes = select(_D.note_mark, func.count(_D.id)).where(_D.voided_at.is_(None), _within(_D.written, period))
    for note_mark, count in session.execute(notes.group_by(_D.note_mark)):
        counts[f"公文（{note_mark}）"] = int(count)
    published = _within(_S.results_published, period)
    row = session.execute(
        select(
            _count(_within(_S.start, period)),
            _count(_within(_S.end, period)),
            _count(published),
            *(
                func.coalesce(func.sum(case((published, column), else_=0)), 0)
                for column in (_S.received_count, _S.adopted_count, _S.partly_adopted_count, _S.rejected_count)
            ),
        ).where(_S.voided_at.is_(None))
    ).one()
    labels: tuple[str, ...] = (SOLICITATIONS, SOLICITATIONS_CLOSED, SOLICITATIONS_PUBLISHED, OPINIONS_RECEIVED)
    labels += (OPINIONS_ADOPTED, OPINIONS_PARTLY, OPINIONS_REJECTED)
    counts.update({label: int(value) for label, value in zip(labels, row, strict=True)})
    live = and_(_I.voided_at.is_(None), _within(_I.published, period), _D.voided_at.is_(None))
    in_month = select(func.count(_I.id)).join(_D, _D.id == _I.document_id).where(live)
    counts[INTERPRETATIONS] = int(session.scalar(in_month) or 0)
    by_form = (
        select(InterpretationForm.form, func.count(func.distinct(_I.id)))
        .join(_I, _I.id == InterpretationForm.interpretation_id)
        .join(_D, _D.id == _I.document_id)
        .where(live)
        .group_by(InterpretationForm.form)
    )
    for form, count in session.execute(by_form):
        counts[f"{INTERPRETATIONS}（{form}）"] = int(count)
    return counts


# -- 表二 ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableTwoDocuments:
    cells: dict[tuple[str, str], int]
    registered: bool  # the register holds documents written by the end of the year


def table_two(session: Session, year: int) -> TableTwoDocuments:
    """规章 and 行政规范性文件: 本年制发 / 本年废止 / 现行有效 of `year`, from the register."""
    year_end = date(year, 12, 31)
    known = and_(_D.voided_at.is_(None), _D.written <= year_end)
    registered = bool(session.scalar(select(exists().where(known))))
    query = select(_D.category, _D.written, _D.state, _D.state_changed, _D.valid_until).where(
        known, _D.category.in_(DOCUMENT_ROWS)
    )
    documents = [
        doc_rules.CountedDocument(
            doc_rules.Category(category), written, doc_rules.DocState(state), state_changed, valid_until
        )
        for category, written, state, state_changed, valid_until in session.execute(query)
        if state in doc_rules.DocState._value2member_map_
    ]
    return TableTwoDocuments(doc_rules.table_two_documents(documents, year), registered)


# -- the yearly review -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithheldRow:
    """A document not proactively disclosed, and what the yearly review of `year` decided about it."""

    number: str
    title: str
    written: date
    category: str
    attribute: str
    note_mark: str
    reason: str  # 不公开理由
    basis: str  # 依据: the exemption row, e.g. "3.1 属于国家秘密"
    decision: str  # 维持 · 转为主动公开 · "" (not reviewed yet)
    decided_by: str
    decided_on: date | None
    decision_reason: str
    clock_from: date | None  # 转为主动公开: the new 20-working-day clock starts here
    publish_due: date | None


@dataclass(frozen=True)
class ShortenedRow:
    """A solicitation whose period is shorter than the minimum of its 类型, with the recorded reason."""

    title: str
    kind: str
    start: date
    end: date
    days: int
    minimum: int
    reason: str
    channel: str


@dataclass(frozen=True)
class YearlyReview:
    year: int
    withheld: list[WithheldRow]
    shortened: list[ShortenedRow]


def _basis(code: str) -> str:
    row = ROWS_BY_CODE.get(code.strip())
    return f"{row.code} {row.detail}" if row is not None else code


def yearly_review(db: Database, year: int) -> YearlyReview:
    """The review of `year`: every document written by its end and not proactively disclosed (依申请公开 or 不予公开,
    unless turned to 主动公开 by an earlier year's review), or decided in that year's review; and the solicitations
    started in the year with a shortened period."""
    year_end = date(year, 12, 31)
    decided = DocumentReviewDecision
    this_year = and_(decided.document_id == _D.id, decided.year == year)
    earlier = aliased(DocumentReviewDecision)
    turned_before = exists().where(
        earlier.document_id == _D.id, earlier.year < year, earlier.decision == doc_rules.Decision.DISCLOSE.value
    )
    withheld_now = and_(_D.written <= year_end, _D.attribute != doc_rules.Attribute.PROACTIVE.value, ~turned_before)
    query = (
        select(_D, decided)
        .outerjoin(decided, this_year)
        .where(_D.voided_at.is_(None), or_(withheld_now, decided.id.is_not(None)))
        .order_by(_D.written, _D.id)
    )
    with db.reading() as session:
        withheld = [
            WithheldRow(
                number=doc.number or "",
                title=doc.title,
                written=doc.written,
                category=doc.category,
                attribute=doc.attribute,
                note_mark=doc.note_mark,
                reason=doc.withhold_reason,
                basis=_basis(doc.basis_code),
                decision=decision.decision if decision else "",
                decided_by=decision.decided_by if decision else "",
                decided_on=decision.decided_on if decision else None,
                decision_reason=decision.reason if decision else "",
                clock_from=(decision.clock_from or decision.decided_on)
                if decision and decision.decision == doc_rules.Decision.DISCLOSE.value
                else None,
                publish_due=doc.publish_due,
            )
            for doc, decision in session.execute(query)
        ]
        solicitations = session.execute(
            select(_S.title, _S.kind, _S.start, _S.end, _S.shortening_reason, _S.channel)
            .where(_S.voided_at.is_(None), _within(_S.start, Period.year(year)))
            .order_by(_S.start, _S.id)
        ).all()
    shortened = []
    for title, kind, start, end, reason, channel in solicitations:
        minimum = MINIMUM_DAYS.get(SolicitationKind(kind)) if kind in SolicitationKind._value2member_map_ else None
        days = period_days(start, end)
        if minimum is not None and days < minimum:
            shortened.append(ShortenedRow(title, kind, start, end, days, minimum, reason, channel))
    return YearlyReview(year, withheld, shortened)


# -- the dashboard -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterTodo:
    awaiting_review: int  # due for publication, not published, 三审 not finished (no 终审)
    awaiting_publication: int  # due for publication, 终审 done, not published yet
    overdue: int  # not published past the 20-working-day due date
    solicitations_pending: int  # past the 截止日期, 采纳情况 not published
    interpretations_missing: int  # 三同步: fewer than two forms published in time


def register_todo(db: Database, today: date) -> RegisterTodo:
    final_done = final_review_done()
    to_publish = and_(_D.voided_at.is_(None), _D.publish_due.is_not(None), _D.published.is_(None))
    with db.reading() as session:  # each count on its index (migration 0012), not one scan of every document
        review, publication, overdue = session.execute(
            select(_count(~final_done), _count(final_done), _count(_D.publish_due < today)).where(to_publish)
        ).one()
        missing = session.scalar(  # exactly the documents interpretations.sync_flags lists
            select(func.count(_D.id)).where(_D.voided_at.is_(None), sync_candidates())
        )
        pending = session.scalar(
            select(func.count(_S.id)).where(_S.voided_at.is_(None), _S.results_published.is_(None), _S.end < today)
        )
    return RegisterTodo(int(review), int(publication), int(overdue), int(pending or 0), int(missing or 0))
