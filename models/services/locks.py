"""Locking a submitted return's period: '2025-03' (a monthly return) or '2025' (the annual report).

While a period is locked, a change that would alter its return is refused (`ensure_unlocked`, called by the
register's writing functions and the ledger import): a change is refused when the affected application's
收到日期 or 办理结果日期 (before or after the change), or the date of the event itself, falls in a locked month
or year. Unlocking needs a reason; locking and unlocking are both written to the lock log with who and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.domain.statistics import Period
from models.entities import PeriodLock, PeriodLockLog
from models.services.settings import current_actor
from models.services.users import ADMIN, require_current_role

LOCKED, UNLOCKED = "锁定", "解锁"


def _period(period: str | Period) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def locked_message(period: Period) -> str:
    what = "月报" if period.kind == "month" else "年度报告"
    return f"{period.label}的{what}已锁定（已报送），不能修改影响该{what}的记录；如确需修改，请先解锁并说明理由。"


@dataclass(frozen=True)
class LockInfo:
    period: str
    locked_at: datetime | None
    locked_by: str


@dataclass(frozen=True)
class LogEntry:
    period: str
    action: str
    actor: str
    reason: str
    at: datetime | None


def lock(db: Database, period: str | Period, *, actor: str = "", now: datetime | None = None) -> LockInfo:
    """Lock a submitted period; a UserError when it is already locked."""
    p = _period(period)
    who = current_actor(db, actor)
    at = now or datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        if session.get(PeriodLock, p.key) is not None:
            raise UserError(f"{p.label}的{'月报' if p.kind == 'month' else '年度报告'}已经锁定。")
        session.add(PeriodLock(period=p.key, locked_at=at, locked_by=who))
        session.add(PeriodLockLog(period=p.key, action=LOCKED, actor=who, reason="", at=at))
    return LockInfo(p.key, at, who)


def unlock(
    db: Database, period: str | Period, reason: str, *, actor: str = "", now: datetime | None = None
) -> LogEntry:
    """Unlock a period; the reason is required and recorded with who and when."""
    p = _period(period)
    require_current_role(db, ADMIN)  # with login on, only a 管理员 unlocks a submitted period
    if not reason.strip():
        raise ValidationError("解锁理由", "解锁已报送的报表须说明理由（例如：县里退回更正）。")
    who = current_actor(db, actor)
    at = now or datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        row = session.get(PeriodLock, p.key)
        if row is None:
            raise UserError(f"{p.label}的{'月报' if p.kind == 'month' else '年度报告'}没有锁定。")
        session.delete(row)
        session.add(PeriodLockLog(period=p.key, action=UNLOCKED, actor=who, reason=reason.strip(), at=at))
    return LogEntry(p.key, UNLOCKED, who, reason.strip(), at)


def is_locked(db: Database, period: str | Period) -> bool:
    with db.reading() as session:
        return session.get(PeriodLock, _period(period).key) is not None


def list_locks(db: Database) -> list[LockInfo]:
    with db.reading() as session:
        rows = session.scalars(select(PeriodLock).order_by(PeriodLock.period))
        return [LockInfo(r.period, r.locked_at, r.locked_by) for r in rows]


def lock_log(db: Database, period: str | Period | None = None) -> list[LogEntry]:
    with db.reading() as session:
        query = select(PeriodLockLog).order_by(PeriodLockLog.id)
        if period is not None:
            query = query.where(PeriodLockLog.period == _period(period).key)
        return [LogEntry(r.period, r.action, r.actor, r.reason, r.at) for r in session.scalars(query)]


def ensure_unlocked(session_or_db: Session | Database, *days: date | None, what: str = "") -> None:
    """Refuse (UserError) when any of `days` falls in a locked month or year. Pass the affected application's
    收到日期 and 办理结果日期 before and after the change and the event's date; None values are ignored.
    `what` (e.g. 台账第5行) is put before the message."""
    if all(d is None for d in days):
        return
    hit = first_locked(days, locked_periods(session_or_db))
    if hit is not None:
        message = locked_message(hit)
        raise UserError(f"{what}：{message}" if what else message)


def first_locked(days: Iterable[date | None], locked: set[str]) -> Period | None:
    """The first locked period (month before year) that one of `days` falls in, or None."""
    if not locked:
        return None
    for day in sorted(d for d in days if d is not None):
        for period in (Period.month(day.year, day.month), Period.year(day.year)):
            if period.key in locked:
                return period
    return None


def locked_periods(session_or_db: Session | Database) -> set[str]:
    """The keys of the locked periods ('2025-03', '2025')."""
    if isinstance(session_or_db, Database):
        with session_or_db.reading() as session:
            return set(session.scalars(select(PeriodLock.period)))
    return set(session_or_db.scalars(select(PeriodLock.period)))


__all__ = [
    "LockInfo",
    "LogEntry",
    "ensure_unlocked",
    "first_locked",
    "is_locked",
    "list_locks",
    "lock",
    "lock_log",
    "locked_message",
    "locked_periods",
    "unlock",
]
