"""Optimistic concurrency (issue 13): every editable register record has a `version` (SQLAlchemy
`version_id_col`). Saving a record that someone else saved since it was loaded raises `ConflictError`, which
names the record and shows, field by field, the stored value and the one being saved; nothing is overwritten.

Two places check it: `check_versions` (before every flush: the object's loaded version against the stored row)
and `expect_version` (a service given the version a form loaded). The UPDATE itself is guarded by
`version_id_col` as the last line.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from models.domain.errors import UserError

SKIPPED = {"id", "version", "uuid", "unit_id", "created_at", "updated_at"}
#: the registers the audit log does not name (its TABLE_LABELS come first)
REGISTER_NAMES = {"document": "公文", "solicitation": "征求意见", "interpretation": "政策解读", "plan_task": "任务"}


def record_name(obj: Any) -> str:
    """What the clerk calls the record: 申请2026-0001, 公文“…”."""
    from models.services.audit import TABLE_LABELS

    kind = TABLE_LABELS.get(obj.__tablename__) or REGISTER_NAMES.get(obj.__tablename__, "记录")
    number = getattr(obj, "number", None)
    if number:
        return f"{kind}{number}"
    title = getattr(obj, "title", None) or getattr(obj, "content", None) or ""
    return f"{kind}“{str(title)[:30]}”" if title else f"{kind}（编号{obj.id}）"


def _label(column: str) -> str:
    from models.services.applications import FIELD_LABELS
    from models.services.audit import COLUMN_LABELS

    return FIELD_LABELS.get(column) or COLUMN_LABELS.get(column) or column


def _text(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class ConflictError(UserError):
    """Someone else saved the record since it was loaded: both versions are shown, nothing was saved."""

    def __init__(self, name: str, loaded: int, stored: int, differences: list[tuple[str, Any, Any]]) -> None:
        self.record, self.loaded_version, self.stored_version = name, loaded, stored
        self.differences = differences
        lines = [
            f"{label}：已保存的是“{_text(theirs)}”，您要保存的是“{_text(mine)}”" for label, theirs, mine in differences
        ]
        super().__init__(
            f"{name}在您打开后已被他人修改并保存（您打开的是第{loaded}版，现在是第{stored}版）。"
            "为避免覆盖他人的修改，您的修改没有保存。请关闭后重新打开这条记录，核对后再修改。",
            details=lines or ["（双方修改的内容相同或只改了其他信息）"],
        )


def _differences(
    obj: Any, stored: Mapping[str, Any], mine: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> list[tuple[str, Any, Any]]:
    named = labels or {}
    return [
        (named.get(k) or _label(k), stored.get(k), v)
        for k, v in mine.items()
        if k not in SKIPPED and stored.get(k) != v
    ]


def _values(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def check_versions(session: Session) -> None:
    """Before a flush: every changed versioned record must still be at the version it was loaded with."""
    for obj in list(session.dirty):
        mapper = inspect(obj).mapper
        if mapper.version_id_col is None or not session.is_modified(obj, include_collections=False):
            continue
        table = mapper.local_table
        row = session.connection().execute(select(table).where(table.c.id == obj.id)).mappings().first()
        if row is None or row["version"] == obj.version:
            continue
        raise ConflictError(record_name(obj), obj.version, row["version"], _differences(obj, dict(row), _values(obj)))


def expect_version(
    obj: Any, loaded: int | None, mine: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> None:
    """A service saving `mine` (column → value) over `obj` for a form that loaded version `loaded` (None: no
    check): refused when the stored record is newer. `labels`: the Chinese names of the register's columns."""
    if loaded is None or obj.version == loaded:
        return
    stored = _values(obj)
    raise ConflictError(record_name(obj), loaded, obj.version, _differences(obj, stored, mine, labels))
