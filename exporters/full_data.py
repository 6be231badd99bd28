"""Marking a file that holds full personal data: inside the file, not only in its name.

A `--full` export says so in a header line (printed on every page and shown by Excel in the page layout),
in the document properties (subject and keywords 含完整个人信息, searchable in Explorer), and wherever the
caller puts `FULL_DATA_NOTICE` as a visible line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from exporters.doc_properties import set_xlsx_properties

FULL_DATA_KEYWORDS = "含完整个人信息"
FULL_DATA_NOTICE = "本文件含完整个人信息（证件号码、联系电话），请妥善保管，不得对外提供。"


def mark_full_personal_data(
    workbook: Any, *, title: str, author: str, sheets: Iterable[Any] = (), created: datetime | None = None
) -> None:
    """Properties (title, author, subject/keywords 含完整个人信息) and the notice as page header of `sheets`."""
    set_xlsx_properties(
        workbook, title=title, author=author, created=created, subject=FULL_DATA_KEYWORDS, keywords=FULL_DATA_KEYWORDS
    )
    for ws in sheets:
        ws.oddHeader.center.text = FULL_DATA_NOTICE
        ws.evenHeader.center.text = FULL_DATA_NOTICE
        ws.firstHeader.center.text = FULL_DATA_NOTICE
