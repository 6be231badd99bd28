"""The records of a sync package (issue 13): which tables travel, how a row becomes a record and back, its content
hash, and the check of a record read from a package.

A record is `{"uuid", "hash", "base_hash", "base_version", "fields", "refs"}`:
- `fields`: every column but `id`, `unit_id` and the references, as JSON (dates and times as ISO text);
- `refs`: each reference to another record (`application_id`, `parent_id` …) as that record's `uuid` (or null);
- `hash`: the SHA-256 of the record's content — its fields and references without the columns that are not the
  clerk's (the version, time stamps, the derived cache columns the app recomputes, an attachment's stored path);
- `base_hash` / `base_version`: what the record was when the unit's previous package carried it (null: never
  sent). The server compares its own copy with the base: a copy changed since is a conflict.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Table, Text

from models.audit_capture import ALWAYS_SKIPPED, SKIPPED_COLUMNS
from models.entities import Base


@dataclass(frozen=True)
class TableSpec:
    name: str
    parent: str | None = None  # a child table: the column naming the record it belongs to
    has_file: bool = False  # an attachment: its file travels in the package

    @property
    def table(self) -> Table:
        return Base.metadata.tables[self.name]

    @property
    def owned(self) -> bool:
        """The table carries `unit_id` (the register tables; the others belong to a unit through their parent)."""
        return "unit_id" in self.table.c

    @property
    def ref_columns(self) -> dict[str, str]:
        """Reference column → referenced table (every foreign key but the unit)."""
        return {c.name: next(iter(c.foreign_keys)).column.table.name for c in self.table.c
                if c.foreign_keys and c.name != "unit_id"}  # fmt: skip

    @property
    def field_columns(self) -> list[Any]:
        refs = self.ref_columns
        return [c for c in self.table.c if c.name not in ("id", "unit_id") and c.name not in refs]


# In the order they are written: a record's references come before it.
SPECS: tuple[TableSpec, ...] = (
    TableSpec("catalogue_node", parent="parent_id"),
    TableSpec("document"),
    TableSpec("document_review", parent="document_id"),
    TableSpec("document_review_decision", parent="document_id"),
    TableSpec("document_attachment", parent="document_id", has_file=True),
    TableSpec("application"),
    TableSpec("application_event", parent="application_id"),
    TableSpec("attachment", parent="application_id", has_file=True),
    TableSpec("letter"),
    TableSpec("solicitation"),
    TableSpec("interpretation"),
    TableSpec("interpretation_form", parent="interpretation_id"),
    TableSpec("interpretation_attachment", parent="interpretation_id", has_file=True),
    TableSpec("plan_task"),
)
SPEC_BY_NAME = {spec.name: spec for spec in SPECS}
TABLE_LABELS = {
    "catalogue_node": "目录节点",
    "document": "公文",
    "document_review": "公文审校",
    "document_review_decision": "公文年度审查",
    "document_attachment": "公文附件",
    "application": "申请",
    "application_event": "办理事项",
    "attachment": "申请附件",
    "letter": "文书",
    "solicitation": "征求意见",
    "interpretation": "政策解读",
    "interpretation_form": "解读形式",
    "interpretation_attachment": "解读附件",
    "plan_task": "任务清单",
}
#: columns that travel but are not the clerk's content (not hashed, never a conflict)
LOCAL_COLUMNS = {"version", "stored_path"} | ALWAYS_SKIPPED
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def unhashed(table: str) -> set[str]:
    return LOCAL_COLUMNS | SKIPPED_COLUMNS.get(table, set())


def plain(value: Any) -> Any:
    """A column value as JSON."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def content_hash(table: str, fields: Mapping[str, Any], refs: Mapping[str, Any]) -> str:
    skip = unhashed(table)
    content = {"table": table, "fields": {k: v for k, v in fields.items() if k not in skip}, "refs": dict(refs)}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_record(spec: TableSpec, row: Mapping[str, Any], uuid_of: Mapping[str, Mapping[int, str]]) -> dict[str, Any]:
    """A database row as a record (`uuid_of`: referenced table → id → uuid). No base yet."""
    fields = {c.name: plain(row[c.name]) for c in spec.field_columns}
    refs = {col: (None if row[col] is None else uuid_of[target][row[col]]) for col, target in spec.ref_columns.items()}
    return {"uuid": fields["uuid"], "hash": content_hash(spec.name, fields, refs), "fields": fields, "refs": refs}


def column_value(column: Any, value: Any) -> Any:
    """A record's JSON value as the column's Python value (the record was checked by `record_problem`)."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def record_problem(spec: TableSpec, record: Any) -> str | None:
    """What is wrong with a record read from a package (Chinese: names the field), or None."""
    if not isinstance(record, dict):
        return "记录不是JSON对象"
    expected = {"uuid", "hash", "base_hash", "base_version", "fields", "refs"}
    if set(record) != expected:
        return f"记录的键应为 {sorted(expected)}，实为 {sorted(record)}"
    fields, refs = record["fields"], record["refs"]
    if not isinstance(fields, dict) or not isinstance(refs, dict):
        return "fields 和 refs 应为JSON对象"
    names = {c.name for c in spec.field_columns}
    if set(fields) != names:
        missing, extra = sorted(names - set(fields)), sorted(set(fields) - names)
        return f"字段不符（缺少：{'、'.join(missing) or '无'}；多出：{'、'.join(extra) or '无'}）"
    for column in spec.field_columns:
        problem = _value_problem(column, fields[column.name])
        if problem:
            return f"字段 {column.name}：{problem}"
    if set(refs) != set(spec.ref_columns):
        return f"引用字段应为 {sorted(spec.ref_columns)}，实为 {sorted(refs)}"
    for name, value in refs.items():
        if value is not None and not (isinstance(value, str) and UUID_PATTERN.match(value)):
            return f"引用 {name}：不是有效的uuid"
    for name in spec.ref_columns:
        if refs[name] is None and not spec.table.c[name].nullable:
            return f"引用 {name}：不能为空"
    if not (isinstance(record["uuid"], str) and UUID_PATTERN.match(record["uuid"])) or record["uuid"] != fields["uuid"]:
        return "uuid 无效或与字段 uuid 不一致"
    for key in ("base_hash",):
        if record[key] is not None and not (
            isinstance(record[key], str) and re.fullmatch(r"[0-9a-f]{64}", record[key])
        ):
            return f"{key} 不是有效的SHA-256"
    if record["base_version"] is not None and type(record["base_version"]) is not int:
        return "base_version 应为整数或null"
    if record["hash"] != content_hash(spec.name, fields, refs):
        return "记录内容与其校验值（hash）不符"
    return None


def _value_problem(column: Any, value: Any) -> str | None:  # noqa: C901 - one branch per column type
    kind = column.type
    if value is None:
        return None if column.nullable else "不能为空"
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "应为true或false"
    if isinstance(kind, Integer):
        return None if type(value) is int else "应为整数"
    if isinstance(kind, Float):
        return None if type(value) in (int, float) else "应为数字"
    if isinstance(kind, DateTime):
        return _parses(datetime.fromisoformat, value, "应为日期时间（YYYY-MM-DD HH:MM:SS）")
    if isinstance(kind, Date):
        if not isinstance(value, str) or len(value) != 10:
            return "应为日期（YYYY-MM-DD）"
        return _parses(date.fromisoformat, value, "应为日期（YYYY-MM-DD）")
    if isinstance(kind, JSON):
        return None if isinstance(value, (dict, list)) else "应为JSON对象"
    if isinstance(kind, (String, Text)):
        if not isinstance(value, str):
            return "应为文本"
        length = getattr(kind, "length", None)
        return f"超过{length}个字符" if length and len(value) > length else None
    return None  # pragma: no cover - every column type of the register tables is above


def _parses(parse: Any, value: Any, message: str) -> str | None:
    if not isinstance(value, str):
        return message
    try:
        parse(value)
    except ValueError:
        return message
    return None


def record_label(table: str, fields: Mapping[str, Any]) -> str:
    """What the clerk knows a record by: its number, title, name … (for the conflict list)."""
    for key in ("number", "title", "name", "original_name", "form", "stage", "kind", "content"):
        value = fields.get(key)
        if isinstance(value, str) and value:
            return f"{TABLE_LABELS.get(table, table)} {value[:40]}"
    return f"{TABLE_LABELS.get(table, table)} {fields.get('uuid', '')}"
