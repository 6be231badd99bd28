"""The audit log (审计日志): who did what, when, to which record, with the old → new values.

Changes of the stored records (create, change, void, delete) are captured by `models.audit_capture` on every
flush; actions that change no record — exports, backups, restores, logins — are written with `log`. The log is
append-only: this module has no update or delete, and SQLite triggers refuse both (migration 0006). Personal
data is kept masked only (张*, 110101********1234, addresses as ***): the log can be exported and outlives
anonymisation, so it never holds what anonymisation removes. Passwords are never logged.

Actions (the `action` column): 新增, 修改, 作废, 删除, 生成文书, 匿名化, 导出, 备份, 恢复, 登录, 登录失败, 退出登录.
"""

from __future__ import annotations

import getpass
import json
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models.db import Database
from models.entities import AuditEntry, Setting

CREATE, CHANGE, VOID, DELETE = "新增", "修改", "作废", "删除"
LETTER, ANONYMISE, EXPORT, BACKUP, RESTORE = "生成文书", "匿名化", "导出", "备份", "恢复"
LOGIN, LOGIN_FAILED, LOGOUT = "登录", "登录失败", "退出登录"

#: table → what the clerk calls its records
TABLE_LABELS = {
    "application": "申请",
    "application_event": "办理事项",
    "letter": "文书",
    "attachment": "附件",
    "setting": "设置",
    "unit_profile": "单位信息",
    "holiday_override": "节假日",
    "holiday_year": "节假日年度",
    "annual_figure": "表二数据",
    "period_lock": "报表锁定",
    "period_lock_log": "锁定日志",
    "app_user": "用户",
    "file": "文件",
    "database": "数据库",
}

#: other columns by their Chinese names (the register's fields are named by `applications.FIELD_LABELS`)
COLUMN_LABELS = {
    "number": "编号",
    "year": "年度",
    "seq": "序号",
    "kind": "类型",
    "day": "日期",
    "data": "内容",
    "actor": "经办人",
    "voided_at": "作废时间",
    "voided_by": "作废人",
    "void_reason": "作废理由",
    "title": "标题",
    "file_path": "文件",
    "created_by": "生成人",
    "key": "项目",
    "value": "值",
    "period": "期间",
    "locked_by": "锁定人",
    "action": "操作",
    "reason": "理由",
    "name": "用户名",
    "role": "角色",
    "disabled": "停用",
    "replaces_id": "更正的事件",
}

# The user signed in on an open database (optional login); keyed by the engine, which lives as long as the db.
_signed_in: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def set_user(db: Database, name: str | None) -> None:
    """Remember who is signed in on `db` (None: nobody); every later entry names them."""
    if name:
        _signed_in[db.engine] = name
    else:
        _signed_in.pop(db.engine, None)


def signed_in(db: Database) -> str:
    """The user signed in on `db`, "" when nobody is (login off)."""
    return _signed_in.get(db.engine, "")


def current_user(db: Database, session: Session | None = None) -> str:
    """Who acts: the signed-in user, else the operator set in 设置, else the computer account, marked as such."""
    name = signed_in(db)
    if name:
        return name
    query = select(Setting.value).where(Setting.key == "operator")
    if session is not None:
        operator = session.connection().execute(query).scalar()
    else:
        with db.reading() as reading:
            operator = reading.execute(query).scalar()
    if operator and operator.strip():
        return str(operator).strip()
    try:  # no person known: name the computer account as such, never as if it were the clerk (issue 8)
        login = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name available (service accounts)
        return ""
    return f"（电脑账户 {login}）" if login else ""


def jsonable(value: Any) -> Any:
    """A value as the log stores it: dates as ISO text, everything else as JSON knows it."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def log(
    db: Database,
    action: str,
    *,
    record: str = "",
    table: str = "",
    detail: str = "",
    changes: Mapping[str, Any] | None = None,
    user: str | None = None,
    at: datetime | None = None,
) -> None:
    """Write one entry for an action that changes no record (an export, a backup, a login …).

    `detail` says what in words (e.g. 导出台账（含完整个人信息）→ 台账.xlsx); never put a password or unmasked
    personal data in it."""
    with db.transaction() as session:
        session.info["audit_off"] = True  # the entry itself is not captured again
        session.add(
            AuditEntry(
                at=at or now(),
                user=user if user is not None else current_user(db, session),
                action=action,
                table_name=table,
                record=record[:100],
                changes=jsonable(dict(changes or {})),
                detail=detail,
            )
        )


# -- reading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    user: str
    action: str
    table: str
    record: str
    changes: dict[str, Any]
    detail: str

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)

    def changes_text(self) -> str:
        """字段：旧 → 新；… with the Chinese field names where known."""
        from models.services.applications import FIELD_LABELS  # the register's field names, one place

        parts = []
        for key, change in self.changes.items():
            label = FIELD_LABELS.get(key) or COLUMN_LABELS.get(key, key)
            if isinstance(change, list) and len(change) == 2:
                parts.append(f"{label}：{_shown(change[0])} → {_shown(change[1])}")
            else:
                parts.append(f"{label}：{_shown(change)}")
        return "；".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(sep=" "),
            "user": self.user,
            "action": self.action,
            "table": self.table,
            "record": self.record,
            "changes": self.changes,
            "detail": self.detail,
        }


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None  # first day included
    end: date | None = None  # last day included
    user: str = ""
    record: str = ""  # a part of the record key (申请编号, 字号 …)
    action: str = ""


def entries(db: Database, flt: AuditFilter = AuditFilter(), *, limit: int | None = None) -> list[AuditRecord]:  # noqa: B008
    """The entries matching `flt`, oldest first (the newest `limit` when a limit is given)."""
    query = select(AuditEntry)
    if flt.start is not None:
        query = query.where(AuditEntry.at >= datetime.combine(flt.start, time.min))
    if flt.end is not None:
        query = query.where(AuditEntry.at <= datetime.combine(flt.end, time.max))
    if flt.user.strip():
        query = query.where(AuditEntry.user == flt.user.strip())
    if flt.record.strip():
        query = query.where(AuditEntry.record.contains(flt.record.strip(), autoescape=True))
    if flt.action.strip():
        query = query.where(AuditEntry.action == flt.action.strip())
    newest_first = query.order_by(AuditEntry.id.desc())
    query = newest_first.limit(limit) if limit is not None else newest_first
    with db.reading() as session:
        rows = [
            AuditRecord(r.id, r.at, r.user, r.action, r.table_name, r.record, dict(r.changes or {}), r.detail)
            for r in session.scalars(query)
        ]
    return sorted(rows, key=lambda r: r.id)


def users_in_log(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(u for u in session.scalars(select(AuditEntry.user).distinct()) if u)


def export_xlsx(db: Database, path: Any, flt: AuditFilter = AuditFilter()) -> int:  # noqa: B008
    """Write the entries matching `flt` to an Excel file (text never becomes a formula); the export is logged."""
    from exporters.audit_xlsx import write_audit_xlsx
    from models.services.profile import get_profile

    rows = entries(db, flt)
    saved = write_audit_xlsx(rows, path, unit=get_profile(db).unit_name)
    log(db, EXPORT, table="file", record=saved.name, detail=f"导出审计日志 {len(rows)} 条 → {saved}")
    return len(rows)


__all__ = [
    "AuditFilter",
    "AuditRecord",
    "current_user",
    "entries",
    "export_xlsx",
    "log",
    "set_user",
    "signed_in",
]
