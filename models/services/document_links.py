"""Finding the 公文 a 征求意见 or a 政策解读 is linked to: by its id or by its 文号 as the clerk types it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.document_number import normalize_document_number
from models.domain.errors import ValidationError
from models.entities import Document

LINK_FIELD = "关联文件（文号）"


@dataclass(frozen=True)
class LinkedDocument:
    id: int
    number: str  # 文号 ("" for a document without one)
    title: str
    category: str
    published: date | None
    needs_interpretation: bool

    @property
    def label(self) -> str:
        return f"{self.number}《{self.title}》" if self.number else f"《{self.title}》"


def linked(document: Document) -> LinkedDocument:
    return LinkedDocument(
        document.id,
        document.number or "",
        document.title,
        document.category,
        document.published,
        bool(document.needs_interpretation),
    )


def resolve(session: Session, ref: str | int | None, *, field: str = LINK_FIELD) -> Document | None:
    """The document named by `ref`: an id (int, or "#12"), or a 文号 in any bracket style; None when empty.
    A ValidationError naming `field` when there is no such (non-voided) document."""
    if ref is None or (isinstance(ref, str) and not ref.strip()):
        return None
    if isinstance(ref, int) or ref.strip().lstrip("#").isdigit():
        doc_id = ref if isinstance(ref, int) else int(ref.strip().lstrip("#"))
        document = session.get(Document, doc_id)
        if document is None or document.voided_at is not None:
            raise ValidationError(field, f"找不到编号为{doc_id}的公文。")
        return document
    number = normalize_document_number(ref, field=field)
    document = session.scalars(select(Document).where(Document.number == number)).first()
    if document is None or document.voided_at is not None:
        raise ValidationError(field, f"公文登记中没有文号为“{number}”的公文，请先登记该公文或核对文号。")
    return document


def find_document(db: Database, ref: str | int | None) -> LinkedDocument | None:
    """For forms: the document `ref` names (see `resolve`), read in its own session."""
    with db.reading() as session:
        document = resolve(session, ref)
        return None if document is None else linked(document)
