"""Units and access (issue 13): every register record belongs to a unit, a clerk sees and changes only their own
unit's records, the county role (县级) sees every unit and changes nothing.

Enforced in one place, on the database's sessions (`install_units`, called when a database opens):
- every ORM SELECT, UPDATE and DELETE of a register entity gets `unit_id = <current unit>` added
  (`with_loader_criteria`), so every list, get, count, report and export of every register is filtered without
  each service repeating it;
- a record added without a unit gets the current unit; a change to another unit's record is refused;
- a county user's session refuses every write of a register record, with a Chinese message.

The current unit is the signed-in user's unit; else the unit chosen with `use_unit` (setting `current_unit`, its
code); else the first unit (a township database has one). Number sequences are per unit: `next_number`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from sqlalchemy import Engine, event, func, insert, select, update
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from models.domain.errors import UserError, ValidationError
from models.entities import (
    Application,
    ApplicationEvent,
    Attachment,
    CatalogueNode,
    Document,
    DocumentAttachment,
    DocumentReview,
    DocumentReviewDecision,
    Interpretation,
    InterpretationAttachment,
    InterpretationForm,
    Letter,
    NumberSequence,
    PlanTask,
    Setting,
    Solicitation,
    Unit,
    UnitProfile,
    User,
)

if TYPE_CHECKING:
    from models.db import Database

COUNTY = "县级"
SETTING = "current_unit"
#: the register entities that carry `unit_id` (filtered by unit)
OWNED: tuple[type, ...] = (Application, Letter, Document, Solicitation, Interpretation, PlanTask, CatalogueNode)
#: records a county user may not write (the registers, their children, numbering, the unit's returns)
REGISTER_RECORDS: tuple[type, ...] = (
    *OWNED,
    ApplicationEvent,
    Attachment,
    DocumentReview,
    DocumentReviewDecision,
    DocumentAttachment,
    InterpretationForm,
    InterpretationAttachment,
    NumberSequence,
    UnitProfile,
)
READ_ONLY_MESSAGE = "县级账号只能查看各单位的登记，不能新增、修改或作废记录（{what}）。请由该单位的办理人员操作。"


@dataclass(frozen=True)
class UnitInfo:
    id: int
    uuid: str
    code: str
    name: str


@dataclass(frozen=True)
class Access:
    """Whose records a session sees: `unit_id` None means every unit (county, read-only)."""

    unit_id: int | None
    read_only: bool

    @property
    def county(self) -> bool:
        return self.unit_id is None


# (signed-in user, setting generation) → Access, per open database
_cache: weakref.WeakKeyDictionary[Engine, tuple[tuple[str, int], Access]] = weakref.WeakKeyDictionary()
_generation: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
# a unit chosen for this open database only (a command's process), before the setting
_chosen: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


def _resolve(db: Database, connection: Any) -> Access:
    from models.services.audit import signed_in

    user = signed_in(db)
    key = (user, _generation.get(db.engine, 0))
    cached = _cache.get(db.engine)
    if cached is not None and cached[0] == key:
        return cached[1]
    access = _compute(connection, user, _chosen.get(db.engine))
    _cache[db.engine] = (key, access)
    return access


def _compute(connection: Any, user: str, chosen: int | None) -> Access:
    if user:
        row = connection.execute(select(User.role, User.unit_id).where(User.name == user)).first()
        if row is not None and row.role == COUNTY:
            return Access(None, True)
        if row is not None and row.unit_id is not None:
            return Access(int(row.unit_id), False)
    if chosen is not None:
        return Access(chosen, False)
    code = connection.execute(select(Setting.value).where(Setting.key == SETTING)).scalar()
    if code:
        chosen = connection.execute(select(Unit.id).where(Unit.code == code)).scalar()
        if chosen is not None:
            return Access(int(chosen), False)
    first = connection.execute(select(func.min(Unit.id))).scalar()
    if first is None:  # a database made without the migrations' first unit
        connection.execute(insert(Unit).values(uuid=_new_uuid(), code="本单位", name=""))
        first = connection.execute(select(func.min(Unit.id))).scalar()
    return Access(int(first), False)


def _new_uuid() -> str:
    from models.entities import new_uuid

    return new_uuid()


def access(db: Database) -> Access:
    """The access of `db`'s sessions now (the signed-in user's, else the chosen unit's)."""
    with db.engine.connect() as connection:
        result = _resolve(db, connection)
        connection.commit()
        return result


def session_access(session: Session) -> Access:
    """The access of a session of an open database (set by `install_units`)."""
    if "unit_access" not in session.info:
        session.connection()  # begins the transaction: `install_units` marks the session then
    found = session.info.get("unit_access")
    if found is None:  # pragma: no cover - every Database installs it
        raise RuntimeError("units are not installed on this session")
    return found(session)


def session_unit(session: Session) -> int:
    """The unit a session writes for; a county session writes for none (refused)."""
    found = session_access(session)
    if found.unit_id is None:
        raise UserError(READ_ONLY_MESSAGE.format(what="编号"))
    return found.unit_id


def install_units(db: Database) -> None:
    """Filter and guard every session of `db` by unit (see the module docstring)."""
    sessions = db._sessions  # noqa: SLF001 - the Database's own sessionmaker, as audit_capture does
    # SQLite without ANALYZE statistics (a township's file never has them) takes `unit_id = ?` for a selective
    # term: with one unit it matched every row, yet the planner chose the unit_id indexes over the ones each query
    # was written for (the 工作台's 三同步 count: 18 s instead of 20 ms at 100,000 documents). PostgreSQL keeps
    # statistics and a county server's unit index is selective: there the plain term.
    sqlite = db.engine.dialect.name == "sqlite"

    def current(session: Session) -> Access:
        return _resolve(db, session.connection())

    @event.listens_for(sessions, "after_begin")
    def _remember(session: Session, _transaction: Any, _connection: Any) -> None:
        session.info["unit_access"] = current

    @event.listens_for(sessions, "do_orm_execute")
    def _filter(state: ORMExecuteState) -> None:
        if not (state.is_select or state.is_update or state.is_delete) or state.execution_options.get("all_units"):
            return
        found = current(state.session)
        if (state.is_update or state.is_delete) and found.read_only and _touches_registers(state):
            raise UserError(READ_ONLY_MESSAGE.format(what="批量修改"))
        if found.unit_id is None:
            return
        unit_id = found.unit_id
        if sqlite:  # `unit_id + 0`: the same rows, but SQLite's planner never picks an index for the unit (see above)
            criteria = [
                with_loader_criteria(entity, lambda cls: cls.unit_id + 0 == unit_id, include_aliases=True)
                for entity in OWNED
            ]
        else:
            criteria = [
                with_loader_criteria(entity, lambda cls: cls.unit_id == unit_id, include_aliases=True)
                for entity in OWNED
            ]
        state.statement = state.statement.options(*criteria)

    @event.listens_for(sessions, "before_flush")
    def _guard(session: Session, _context: Any, _instances: Any) -> None:
        changed = [*session.new, *session.dirty, *session.deleted]
        if not any(isinstance(obj, REGISTER_RECORDS) for obj in changed):
            return
        found = current(session)
        if found.read_only:
            from models.services.audit import TABLE_LABELS

            first = next(obj for obj in changed if isinstance(obj, REGISTER_RECORDS))
            raise UserError(
                READ_ONLY_MESSAGE.format(what=TABLE_LABELS.get(getattr(first, "__tablename__", ""), "登记"))
            )
        for obj in session.new:
            if isinstance(obj, (*OWNED, NumberSequence)) and cast(_Owned, obj).unit_id is None:
                cast(_Owned, obj).unit_id = found.unit_id
        for obj in session.dirty:
            if isinstance(obj, OWNED) and cast(_Owned, obj).unit_id != found.unit_id:
                raise UserError("这条记录属于其他单位，不能修改。")
        from models.services.concurrency import check_versions

        check_versions(session)


class _Owned(Protocol):  # every record of a unit: the register entities and the number sequences
    unit_id: int | None


def _touches_registers(state: ORMExecuteState) -> bool:
    table = getattr(state.statement, "table", None)
    return getattr(table, "name", "") in {getattr(cls, "__tablename__", "") for cls in REGISTER_RECORDS}


# -- numbering ------------------------------------------------------------------------------------------------


def next_number(session: Session, series: str) -> int:
    """The next number of the current unit's `series` (e.g. 'application:2025'), in the caller's transaction.

    The increment is one UPDATE (the row is locked by the database until commit, on SQLite and PostgreSQL
    alike), so concurrent writers never get the same number; a failed transaction gives its number back."""
    unit_id = session_unit(session)
    ensure_sequence(session, unit_id, series)
    key = (NumberSequence.unit_id == unit_id) & (NumberSequence.series == series)
    bump = update(NumberSequence).where(key).values(last=NumberSequence.last + 1)
    session.execute(bump.execution_options(all_units=True, synchronize_session=False))
    return int(session.scalar(select(NumberSequence.last).where(key).execution_options(all_units=True)) or 0)


def ensure_sequence(session: Session, unit_id: int, series: str) -> None:
    """Make the unit's `series` row (at 0) if it is missing: INSERT … ON CONFLICT DO NOTHING, so that two clerks
    taking the first number of a new year at once both go on (the second waits for the first's row on
    PostgreSQL) instead of one failing on the primary key."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    missing = dialect.insert(NumberSequence).values(unit_id=unit_id, series=series, last=0)
    session.execute(missing.on_conflict_do_nothing())


# -- the units ------------------------------------------------------------------------------------------------


def _info(unit: Unit) -> UnitInfo:
    return UnitInfo(unit.id, unit.uuid, unit.code, unit.name)


def list_units(db: Database) -> list[UnitInfo]:
    with db.reading() as session:
        return [_info(u) for u in session.scalars(select(Unit).order_by(Unit.id))]


def current_unit(db: Database) -> UnitInfo | None:
    """The unit whose records `db` shows and changes now; None for a county user (every unit)."""
    found = access(db)
    if found.unit_id is None:
        return None
    with db.reading() as session:
        unit = session.get(Unit, found.unit_id)
        assert unit is not None
        return _info(unit)


def get_unit(db: Database, code: str) -> UnitInfo:
    with db.reading() as session:
        unit = session.scalar(select(Unit).where(Unit.code == code.strip()))
        if unit is None:
            raise UserError(f"没有代码为“{code.strip()}”的单位。用 units list 查看已有的单位。")
        return _info(unit)


def add_unit(db: Database, code: str, name: str, *, unit_uuid: str | None = None) -> UnitInfo:
    """A new unit; `unit_uuid`: the uuid the unit has in its own database (so its sync packages are recognised)."""
    code, name = code.strip(), name.strip()
    if unit_uuid is not None:
        from models.services.sync_records import UUID_PATTERN

        unit_uuid = unit_uuid.strip().lower()
        if not UUID_PATTERN.match(unit_uuid):
            raise ValidationError(
                "单位uuid", f"“{unit_uuid}”不是有效的uuid（形如 1b4e28ba-2fa1-11d2-883f-0016d3cca427）。"
            )
    if not code:
        raise ValidationError("单位代码", "请填写单位代码。")
    if len(code) > 100 or len(name) > 100 or any(ord(c) < 32 for c in code + name):
        raise ValidationError("单位代码", "单位代码和名称最多100个字符，不能含控制字符。")
    if access(db).read_only:
        raise UserError(READ_ONLY_MESSAGE.format(what="单位"))
    with db.transaction() as session:
        if session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
            raise ValidationError("单位代码", f"已有代码为“{code}”的单位。")
        if unit_uuid is not None and session.scalar(select(Unit.code).where(Unit.uuid == unit_uuid)) is not None:
            raise ValidationError("单位uuid", f"已有uuid为 {unit_uuid} 的单位。")
        unit = Unit(code=code, name=name) if unit_uuid is None else Unit(code=code, name=name, uuid=unit_uuid)
        session.add(unit)
        session.flush()
        return _info(unit)


def use_unit(db: Database, code: str) -> UnitInfo:
    """Work on the unit `code` from now on (when nobody with a unit of their own is signed in)."""
    unit = get_unit(db, code)
    from models.services.settings import set_setting

    set_setting(db, SETTING, unit.code)
    forget(db)
    return unit


def choose(db: Database, code: str) -> UnitInfo:
    """Work on the unit `code` in this open database only (this process), without changing the setting."""
    unit = get_unit(db, code)
    _chosen[db.engine] = unit.id
    forget(db)
    return unit


@contextmanager
def every_unit(db: Database) -> Iterator[None]:
    """Read every unit's records (read-only) inside the block: the county-wide tables."""
    forget(db)
    _cache[db.engine] = ((audit_user(db), _generation[db.engine]), Access(None, True))
    try:
        yield
    finally:
        forget(db)


def audit_user(db: Database) -> str:
    from models.services.audit import signed_in

    return signed_in(db)


def display_name(db: Database) -> str | None:
    """The current unit's name when the database holds several units (None: one unit, named by its profile)."""
    with db.reading() as session:
        if (session.scalar(select(func.count(Unit.id))) or 0) < 2:
            return None
    unit = current_unit(db)
    return None if unit is None else label(db, unit)


def label(db: Database, unit: UnitInfo) -> str:
    """A unit's name for a return: its name, else its profile's 单位名称, else its code."""
    if unit.name:
        return unit.name
    with db.reading() as session:
        own = session.scalar(select(UnitProfile.unit_name).where(UnitProfile.unit_id == unit.id))
    return (own or "").strip() or unit.code


def forget(db: Database) -> None:
    """Read the current unit again at the next statement (after a sign-in or a change of unit)."""
    _generation[db.engine] = _generation.get(db.engine, 0) + 1


def fixed_by_user(db: Database) -> bool:
    """Whether the signed-in user's own unit is the current unit (a clerk of a unit cannot choose another)."""
    user = audit_user(db)
    if not user:
        return False
    with db.reading() as session:
        return session.scalar(select(User.unit_id).where(User.name == user)) is not None


def set_user_unit(db: Database, user: str, code: str) -> None:
    """The unit whose records `user` sees and changes once signed in."""
    unit = get_unit(db, code)
    with db.transaction() as session:
        row = session.scalar(select(User).where(User.name == user.strip()))
        if row is None:
            raise UserError(f"用户“{user.strip()}”不存在。")
        row.unit_id = unit.id
    forget(db)
