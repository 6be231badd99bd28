"""Capturing every create, change, void and delete of a stored record into the audit log, generically.

`install_audit(db)` (called by `Database`) listens to `after_flush` of the database's sessions: at that point the
objects still carry their old and new values and new rows have their ids. The entries are inserted through the
same connection, so they are committed or rolled back together with the change itself.

Left out: the derived cache columns of an application (status, deadlines …: recomputed, never typed), time
stamps, the internal number sequences, the audit log itself, and the login bookkeeping of users (password hash,
failed attempts, lock-out: a login is logged as such). Personal fields are masked (`models.domain.personal_data`).
A session may set `session.info["audit_action"]` (e.g. 匿名化) to name its changes, or `["audit_off"]`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from models.domain.personal_data import mask_column, mask_event_data
from models.entities import Application, ApplicationEvent, AuditEntry

if TYPE_CHECKING:
    from models.db import Database

_PLAIN = (bool, int, float)
CASE_EVENTS = "办理事项"  # the key of a bulk-inserted application's events in its entry (`new_case_entry`)
SKIPPED_TABLES = {"audit_log", "number_sequence"}
SKIPPED_COLUMNS: dict[str, set[str]] = {
    "application": {
        "status",
        "result",
        "detail",
        "result_code",
        "result_date",
        "reply_due",
        "supplement_notice_due",
        "paused",
        "served",
        "on_time",
        "calendar_uncertain",
        "created_at",
    },
    "app_user": {"password_hash", "failed_attempts", "locked_until", "created_at"},
    "document": {"publish_from", "publish_due", "publish_state", "on_time", "calendar_uncertain"},  # derived
}
ALWAYS_SKIPPED = {"created_at", "updated_at", "imported_at", "added_at"}
# bookkeeping of the app, not a choice of the clerk
SKIPPED_SETTINGS = {"clock_refreshed_on", "document_clock_refreshed_on"}


def install_audit(db: Database) -> None:
    """Capture the changes made through `db`'s sessions into its audit log."""

    def after_flush(session: Session, _context: Any) -> None:
        if session.info.get("audit_off"):
            return
        write_entries(db, session, _entries(session))

    def bulk_statement(state: ORMExecuteState) -> Any:
        """A bulk UPDATE/DELETE bypasses the flush: logged as one entry with the number of rows."""
        if not (state.is_update or state.is_delete) or state.session.info.get("audit_off"):
            return None
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", "")
        if not name or name in SKIPPED_TABLES:
            return None
        result = state.invoke_statement()
        verb = "删除" if state.is_delete else "修改"
        from models.services.audit import current_user, now

        entry: dict[str, Any] = {"action": verb, "table_name": name, "record": "", "changes": {}, "at": now()}
        entry["user"] = state.session.info.get("audit_user") or current_user(db, state.session)
        entry["detail"] = f"批量{verb}{getattr(result, 'rowcount', -1)}条"
        state.session.connection().execute(insert(AuditEntry), [entry])
        return result

    event.listen(db._sessions, "after_flush", after_flush)  # noqa: SLF001 - the Database's own sessionmaker
    event.listen(db._sessions, "do_orm_execute", bulk_statement)  # noqa: SLF001


def write_entries(db: Database, session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (entries without who and when) through the session's connection, with the session's user
    (looked up once per session), the time and the session's `audit_action`."""
    if not rows or session.info.get("audit_off"):
        return
    from models.services.audit import current_user, now

    if "audit_user" not in session.info:  # once per session: a flush happens many times in an import
        session.info["audit_user"] = current_user(db, session)
    user, at = session.info["audit_user"], now()
    action = session.info.get("audit_action")
    for row in rows:
        row.update(user=user, at=at)
        if action:
            row["action"] = action
    session.connection().execute(insert(AuditEntry), rows)


def new_record_entry(entity: type, values: Mapping[str, Any], record: str) -> dict[str, Any]:
    """The entry a flush would write for a new `entity` row with `values`, for rows inserted in bulk (a bulk
    INSERT bypasses the flush): pass the result to `write_entries`."""
    mapper: Any = inspect(entity)
    table = mapper.local_table.name
    return {
        "action": "新增",
        "table_name": table,
        "record": record[:100],
        "changes": _plain_changes(table, mapper, values, "new"),
        "detail": _detail_of(table, values),
    }


def new_case_entry(values: Mapping[str, Any], events: Sequence[Mapping[str, Any]], *, detail: str) -> dict[str, Any]:
    """One entry for an application inserted in bulk together with its timeline (the ledger import): the
    registration as a flush logs it, and under 办理事项 each event (its id, kind, day, data, actor — masked as a flush
    logs an event) instead of one entry per event."""
    entry = new_record_entry(Application, values, str(values.get("number") or ""))
    mapper = inspect(ApplicationEvent)
    entry["changes"][CASE_EVENTS] = [
        None,
        [
            {"id": e["id"], **{k: new for k, (_, new) in _plain_changes("application_event", mapper, e, "new").items()}}
            for e in events
        ],
    ]
    entry["detail"] = detail
    return entry


def _plain_changes(table: str, mapper: Any, values: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The changes of a new (or deleted) record: every non-empty column but the skipped ones and the ids."""
    changes: dict[str, Any] = {}
    for key in _logged_keys(mapper):
        value = values.get(key)
        if value is None or value == "" or value == {}:
            continue
        logged = _value(table, key, value)
        changes[key] = [None, logged] if kind == "new" else [logged, None]
    return changes


_LOGGED_KEYS: dict[Any, tuple[str, ...]] = {}


def _logged_keys(mapper: Any) -> tuple[str, ...]:
    """The columns of a new or deleted record that the log shows (not the skipped ones, not the ids)."""
    if mapper not in _LOGGED_KEYS:
        skipped = _skipped(mapper.local_table.name) | {"id", "application_id"}
        _LOGGED_KEYS[mapper] = tuple(a.key for a in mapper.column_attrs if a.key not in skipped)
    return _LOGGED_KEYS[mapper]


def _skipped(table: str) -> set[str]:
    return SKIPPED_COLUMNS.get(table, set()) | ALWAYS_SKIPPED


def _value(table: str, column: str, value: Any) -> Any:
    if isinstance(value, str):  # the common cases first, quickly: only an application's personal text is masked
        return mask_column(column, value) if table == "application" else value
    if isinstance(value, _PLAIN):
        return value
    if type(value) is date:
        return value.isoformat()
    from models.services.audit import jsonable

    if table == "application":
        value = mask_column(column, value)
    elif table == "application_event" and column == "data" and isinstance(value, dict):
        value = mask_event_data(value)
    return jsonable(value)


def _dirty_changes(table: str, state: Any) -> tuple[dict[str, Any], bool]:
    """The changed columns of a loaded record (old, new), and whether the change voids it."""
    skipped = _skipped(table)
    changes: dict[str, Any] = {}
    voided = False
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in skipped:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        voided = voided or (key == "voided_at" and old is None and new is not None)
        changes[key] = [_value(table, key, old), _value(table, key, new)]
    return changes, voided


def _entries(session: Session) -> list[dict[str, Any]]:
    numbers: dict[int, str] = session.info.setdefault("audit_numbers", {})
    out: list[dict[str, Any]] = []
    for obj, kind in (
        [(o, "new") for o in session.new]
        + [(o, "dirty") for o in session.dirty]
        + [(o, "deleted") for o in session.deleted]
    ):
        state = inspect(obj)
        table = state.mapper.local_table.name
        if table in SKIPPED_TABLES or (table == "setting" and state.dict.get("key") in SKIPPED_SETTINGS):
            continue
        action = {"new": "新增", "dirty": "修改", "deleted": "删除"}[kind]
        if kind == "dirty":
            changes, voided = _dirty_changes(table, state)
            action = "作废" if voided else action
        else:
            changes = _plain_changes(table, state.mapper, state.dict, kind)
        if kind == "dirty" and not changes:
            continue
        if kind == "new" and table == "letter":
            action = "生成文书"
        out.append(
            {
                "action": action,
                "table_name": table,
                "record": _record_key(session, obj, table, numbers)[:100],
                "changes": changes,
                "detail": _detail(obj, table),
            }
        )
    out.sort(key=lambda r: (r["table_name"] != "application", r["record"]))
    return out


def _application_number(session: Session, application_id: int | None, numbers: dict[int, str]) -> str:
    if application_id is None:
        return ""
    if application_id not in numbers:
        key = inspect(Application).identity_key_from_primary_key((application_id,))
        loaded = session.identity_map.get(key)
        if loaded is not None and loaded.number:
            numbers[application_id] = loaded.number
            return loaded.number
        query = select(Application.number).where(Application.id == application_id)
        numbers[application_id] = session.connection().execute(query).scalar() or ""
    return numbers[application_id]


def _record_key(session: Session, obj: Any, table: str, numbers: dict[int, str]) -> str:
    """What the clerk knows the record by: 申请编号, 字号, the period, the setting's key …"""
    values = inspect(obj).dict
    if table == "application":
        return str(values.get("number") or "")
    if table in ("application_event", "attachment"):
        return _application_number(session, values.get("application_id"), numbers)
    if table == "letter":
        return str(values.get("number") or "") or _application_number(session, values.get("application_id"), numbers)
    if table == "unit_profile":
        return "单位信息"
    if table == "annual_figure":
        return f"{values.get('year')} {values.get('key')}"
    if table == "app_user":
        return str(values.get("name") or "")
    mapper = inspect(obj).mapper
    return " ".join(str(values.get(column.key, "")) for column in mapper.primary_key)


def _detail(obj: Any, table: str) -> str:
    return _detail_of(table, inspect(obj).dict)


def _detail_of(table: str, values: Mapping[str, Any]) -> str:
    if table == "application_event":
        return f"{values.get('kind', '')}（事件{values.get('id', '')}）"
    if table == "letter":
        return f"{values.get('kind', '')}（文书{values.get('id', '')}）"
    if table == "attachment":
        return str(values.get("original_name") or "")
    return ""
