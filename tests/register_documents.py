"""Documents for the 征求意见 / 政策解读 tests, stored directly through the ORM (the 公文 service is built apart)."""

from __future__ import annotations

from datetime import date

from models.db import Database
from models.entities import Document


def add_document(
    db: Database,
    number: str | None,
    title: str,
    *,
    category: str = "行政规范性文件",
    written: date = date(2025, 3, 3),
    published: date | None = None,
    needs_interpretation: bool = False,
    voided: bool = False,
) -> int:
    with db.transaction() as session:
        document = Document(
            number=number,
            title=title,
            written=written,
            category=category,
            attribute="主动公开",
            note_mark="此件公开发布",
            published=published,
            needs_interpretation=needs_interpretation,
        )
        if voided:
            from datetime import datetime

            document.voided_at = datetime(2025, 3, 5, 9, 0)
        session.add(document)
        session.flush()
        return document.id
