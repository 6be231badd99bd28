"""Rows of the 公文, 征求意见 and 政策解读 registers written straight into the tables (the registers' own services
are not needed to test what the returns count). Every expected count is written out in the tests."""

from __future__ import annotations

from datetime import date, datetime

from models.db import Database
from models.entities import (
    Document,
    DocumentReview,
    DocumentReviewDecision,
    Interpretation,
    InterpretationForm,
    Solicitation,
)

VOIDED = datetime(2026, 1, 5, 9, 0)
_seq = iter(range(1, 10_000))


def document(
    written: date,
    *,
    category: str = "其他",
    attribute: str = "主动公开",
    note_mark: str = "此件公开发布",
    state: str = "现行有效",
    state_changed: date | None = None,
    valid_until: date | None = None,
    voided: bool = False,
    **more: object,
) -> Document:
    n = next(_seq)
    return Document(
        number=f"青山府发〔{written.year}〕{n}号",
        title=f"测试公文{n}",
        written=written,
        category=category,
        attribute=attribute,
        note_mark=note_mark,
        state=state,
        state_changed=state_changed,
        valid_until=valid_until,
        voided_at=VOIDED if voided else None,
        **more,
    )


def solicitation(start: date, end: date, *, kind: str = "其他", voided: bool = False, **more: object) -> Solicitation:
    return Solicitation(
        title=f"测试草案{next(_seq)}", kind=kind, start=start, end=end, voided_at=VOIDED if voided else None, **more
    )


def add(db: Database, *rows: object) -> None:
    with db.transaction() as session:
        session.add_all(rows)


def add_interpretations(db: Database, doc: Document, *items: tuple[date | None, tuple[str, ...], bool]) -> None:
    with db.transaction() as session:
        for published, forms, voided in items:
            session.add(
                Interpretation(
                    document_id=doc.id,
                    title=f"解读{next(_seq)}",
                    published=published,
                    voided_at=VOIDED if voided else None,
                    forms=[InterpretationForm(form=form) for form in forms],
                )
            )


__all__ = ["DocumentReview", "DocumentReviewDecision", "add", "add_interpretations", "document", "solicitation"]
