"""Document properties (title, author, creation time) of every .docx and .xlsx the app writes.

python-docx's default template says author "python-docx", a 2013 creation date and a comment naming the library;
openpyxl says author "openpyxl". A county reviewer sorting files by title or author must see the letter's or the
return's own title and the unit that wrote it, never a library's defaults (PITFALLS.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

APP_NAME = "政务公开工作台"


def _now(created: datetime | None) -> datetime:
    # Both formats store local wall time without a zone; drop microseconds (xlsx keeps seconds only).
    return (created or datetime.now()).replace(microsecond=0, tzinfo=None)


def set_docx_properties(
    document: Any, *, title: str, author: str, created: datetime | None = None, subject: str = "", keywords: str = ""
) -> None:
    """Title, author (the unit), created/modified = `created` (default now) on a python-docx Document."""
    props = document.core_properties
    when = _now(created)
    props.title = title
    props.author = author or APP_NAME
    props.last_modified_by = author or APP_NAME
    props.created = when
    props.modified = when
    props.subject = subject
    props.keywords = keywords
    props.comments = ""
    props.category = ""
    props.revision = 1


def set_xlsx_properties(
    workbook: Any, *, title: str, author: str, created: datetime | None = None, subject: str = "", keywords: str = ""
) -> None:
    """The same on an openpyxl Workbook (normal or write-only)."""
    props = workbook.properties
    when = _now(created)
    props.title = title
    props.creator = author or APP_NAME
    props.lastModifiedBy = author or APP_NAME
    props.created = when
    props.modified = when
    props.subject = subject or None
    props.keywords = keywords or None
    props.description = None
