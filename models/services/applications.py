"""依申请公开 register: registering, recording events, voiding, reading, listing.

Every public function is one user action and one transaction. The rules live in models.domain.case; this
module loads the timeline, asks the domain to check it, stores the event, and refreshes the cached clock
columns of the application (status, result, reply_due …) so that lists are plain SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, func, insert, or_, select, text, update
from sqlalchemy import case as case_when
from sqlalchemy.orm import Session, selectinload

from models.db import Database
from models.domain import case, limits
from models.domain.case import CaseState, Event, EventKind, Rules
from models.domain.errors import UserError, ValidationError
from models.domain.identity import ID_TYPES, check_id
from models.domain.similarity import Candidate, find_similar
from models.domain.workdays import WorkCalendar
from models.entities import Application, ApplicationEvent, Attachment, Letter, NumberSequence, new_uuid
from models.services import sql_portable, units
from models.services.concurrency import expect_version
from models.services.holidays import load_calendar
from models.services.locks import ensure_unlocked
from models.services.settings import current_actor, get_setting

# -- registration -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationInput:
    """The registration form (Chinese labels in FIELD_LABELS)."""

    received: date | None = None
    channel: str = "当面"
    mail_kind: str = ""
    applicant_type: str = "自然人"
    applicant_name: str = ""
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    content: str = ""
    delivery_form: str = "纸质"
    handler: str = ""
    note: str = ""


FIELD_LABELS: dict[str, str] = {
    "received": "收到日期",
    "channel": "申请方式",
    "mail_kind": "邮件类型",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "phone": "联系电话",
    "address": "通信地址",
    "postcode": "邮编",
    "email": "电子邮箱",
    "content": "申请内容",
    "delivery_form": "获取方式",
    "handler": "承办人",
    "note": "备注",
}
IMPORT_DETAIL = "台账导入"  # the detail of a bulk-inserted application's audit entry
_INPUT_NAMES = tuple(f.name for f in fields(ApplicationInput))
MAIL_KINDS = ("", "需签收", "平常信函")


def _one_of(label: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ValidationError(label, f"“{value}”无效，应为{'、'.join(a for a in allowed if a)}之一。")
    return value


def clean_input(data: ApplicationInput, *, today: date) -> ApplicationInput:
    """The checked and trimmed registration, or a ValidationError naming the first wrong field."""
    values = {
        f.name: (getattr(data, f.name).strip() if isinstance(getattr(data, f.name), str) else getattr(data, f.name))
        for f in fields(ApplicationInput)
    }
    received = values["received"]
    if received is None:
        raise ValidationError("收到日期", "请填写收到申请的日期。")
    if received > today:
        raise ValidationError("收到日期", "收到日期不能晚于今天。")
    limits.check_date("收到日期", received, today=today)
    _one_of("申请方式", values["channel"], case.CHANNELS)
    _one_of("邮件类型", values["mail_kind"], MAIL_KINDS)
    _one_of("申请人类型", values["applicant_type"], case.APPLICANT_TYPES)
    if not values["applicant_name"]:
        raise ValidationError("申请人", "请填写申请人的姓名或名称。")
    if len(values["applicant_name"]) > 100:
        raise ValidationError("申请人", "姓名或名称过长（最多100字）。")
    if values["id_number"]:
        _one_of("证件类型", values["id_type"], ID_TYPES)
        values["id_number"] = check_id(values["id_type"], values["id_number"], today=today)
    if values["phone"] and not re.fullmatch(r"[\d\-－ ()（）+转]{5,30}", values["phone"]):
        raise ValidationError("联系电话", f"“{values['phone']}”不像电话号码。")
    if values["postcode"] and not re.fullmatch(r"\d{6}", values["postcode"]):
        raise ValidationError("邮编", f"“{values['postcode']}”不是6位数字的邮政编码。")
    if values["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["email"]):
        raise ValidationError("电子邮箱", f"“{values['email']}”不是有效的电子邮箱地址。")
    if not values["content"]:
        raise ValidationError("申请内容", "请填写申请公开的信息名称、文号或特征描述。")
    if values["delivery_form"]:
        _one_of("获取方式", values["delivery_form"], case.DELIVERY_FORMS)
    for name, label in FIELD_LABELS.items():
        if isinstance(values[name], str):
            limits.check_length(label, values[name])
    return ApplicationInput(**values)


def _allocate_number(session: Session, year: int) -> tuple[int, str]:
    """The next 申请编号 of the year, in the caller's transaction: no gaps from failures, never reused."""
    seq = units.next_number(session, f"application:{year}")
    return seq, f"{year}-{seq:04d}"


# -- reading ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    kind: EventKind
    day: date
    data: Mapping[str, Any]
    actor: str
    created_at: datetime | None
    voided: bool
    void_reason: str
    replaces_id: int | None


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    number: str
    fields: ApplicationInput
    state: CaseState
    facts: case.Facts
    timeline: list[TimelineEntry]
    next_actions: list[EventKind] = field(default_factory=list)
    void: VoidMark | None = None  # set when the registration itself was voided
    version: int = 1  # the stored version: a form saving its edit passes it back (optimistic concurrency)


@dataclass(frozen=True)
class VoidMark:
    """Who voided a mistaken registration, when, and why."""

    at: datetime
    by: str
    reason: str


def _rules(db: Database) -> Rules:
    return Rules(extension_once=(get_setting(db, "extension_once") or "1") == "1")


def _root_ids(rows: Sequence[ApplicationEvent]) -> dict[int, int]:
    """Each event's identity on the timeline: a correction keeps the id of the event it (finally) replaces,
    so references to it (征求意见 answers, 复议 results) and its place among same-day events survive."""
    replaces = {r.id: r.replaces_id for r in rows}
    roots: dict[int, int] = {}
    for row in rows:
        root = row.id
        while replaces.get(root) is not None:
            root = replaces[root]  # type: ignore[assignment]
        roots[row.id] = root
    return roots


def _domain_events(rows: Sequence[ApplicationEvent], *, all_rows: Sequence[ApplicationEvent] = ()) -> list[Event]:
    roots = _root_ids(list(all_rows) or rows)
    return [Event(roots.get(r.id, r.id), EventKind(r.kind), r.day, r.data or {}) for r in rows if r.voided_at is None]


def facts_of(app: Application) -> case.Facts:
    """The facts of an application's timeline, folded the one way the register does (corrections keep the
    identity of the event they replace). Used by lists, reports and letters alike."""
    return facts_from(app.received, list(app.events))


def facts_from(received: date, rows: Sequence[Any]) -> case.Facts:
    """`facts_of` from plain rows: the application's events in id order, as ORM objects or as rows of the columns
    id, replaces_id, kind, day, data, voided_at (the 期限日历 reads many timelines without loading the ORM)."""
    return case.fold(received, _domain_events(rows))


def _input_of(app: Application) -> ApplicationInput:
    return ApplicationInput(**{f.name: getattr(app, f.name) for f in fields(ApplicationInput)})


def _cache_values(state: CaseState) -> dict[str, Any]:
    """The derived (cache) columns of an application in `state`."""
    return {
        "status": state.status.value,
        "result": state.result.result if state.result else "",
        "detail": state.result.detail if state.result else "",
        "result_code": state.result.code if state.result else "",
        "result_date": state.result_date,
        "reply_due": state.reply_due,
        "supplement_notice_due": state.supplement_notice_due,
        "paused": state.deadline_state is case.DeadlineState.PAUSED,
        "served": state.served,
        "on_time": state.on_time,
        "calendar_uncertain": state.calendar_uncertain,
    }


def _refresh_cache(app: Application, facts: case.Facts, state: CaseState) -> None:
    for name, value in _cache_values(state).items():
        setattr(app, name, value)


def _load(session: Session, number: str) -> Application:
    app = session.scalars(select(Application).where(Application.number == number.strip())).first()
    if app is None:
        raise UserError(f"找不到申请编号为“{number}”的申请。")
    return app


def next_actions(facts: case.Facts, state: CaseState) -> list[EventKind]:
    """The buttons the detail page offers, most likely first."""
    if state.status is case.Status.ARCHIVED:
        return [EventKind.REVIEW_FILED, EventKind.LAWSUIT_FILED]
    if facts.closed:
        serve = [] if facts.reply is None or facts.reply.served else [EventKind.SERVED]
        return serve + [EventKind.ARCHIVED, EventKind.REVIEW_FILED, EventKind.LAWSUIT_FILED]
    if facts.awaiting_supplement:
        return [EventKind.SUPPLEMENT_RECEIVED, EventKind.SUPPLEMENT_EXPIRED, EventKind.WITHDRAWN]
    actions: list[EventKind] = []
    if facts.supplement_notice is None:
        actions.append(EventKind.SUPPLEMENT_NOTICE)
    actions.append(EventKind.REPLY)
    if any(c.pending for c in facts.consultations):
        actions[:0] = [EventKind.CONSULTATION_ANSWERED]
        actions += [EventKind.CONSULTATION_DELIVERED, EventKind.CONSULTATION_NO_ANSWER]
    actions.append(EventKind.CONSULTATION_SENT)
    if facts.fee is None:
        actions.append(EventKind.FEE_NOTICE)
    elif facts.fee.pending:
        actions[:0] = [EventKind.FEE_PAID]
        actions += [EventKind.FEE_RECEIVED, EventKind.FEE_EXPIRED]
    if not facts.extensions:
        actions.append(EventKind.EXTENSION)
    if facts.reasons_request is None:
        actions.append(EventKind.REASONS_REQUEST)
    elif facts.reasons_answered is None and facts.reasons_no_answer is None:
        actions += [EventKind.REASONS_ANSWERED, EventKind.REASONS_NO_ANSWER]
    if facts.delay_until is None:
        actions.append(EventKind.DELAY)
    actions.append(EventKind.WITHDRAWN)
    return actions


def _detail_of(app: Application, calendar: WorkCalendar, today: date) -> ApplicationDetail:
    rows = list(app.events)
    facts = facts_of(app)
    state = case.compute(facts, calendar, today)
    timeline = [
        TimelineEntry(
            r.id,
            EventKind(r.kind),
            r.day,
            dict(r.data or {}),
            r.actor,
            r.created_at,
            r.voided_at is not None,
            r.void_reason,
            r.replaces_id,
        )
        for r in sorted(rows, key=lambda r: (r.day, r.id))
    ]
    if app.voided_at is not None:
        void = VoidMark(app.voided_at, app.voided_by, app.void_reason)
        return ApplicationDetail(app.id, app.number, _input_of(app), state, facts, timeline, [], void, app.version)
    actions = next_actions(facts, state)
    return ApplicationDetail(app.id, app.number, _input_of(app), state, facts, timeline, actions, version=app.version)


def get_detail(db: Database, number: str, *, today: date | None = None) -> ApplicationDetail:
    today = today or date.today()
    calendar = load_calendar(db)
    with db.reading() as session:
        return _detail_of(_load(session, number), calendar, today)


def iter_details(
    db: Database, *, year: int | None = None, today: date | None = None, batch: int = 500
) -> Iterator[ApplicationDetail]:
    """Every application (of the year of receipt `year`) in number order, with its events loaded in batches:
    one calendar and one session for an export or a report, not one per application. Voided registrations are
    left out (they count nowhere)."""
    today = today or date.today()
    calendar = load_calendar(db)
    with db.reading() as session:
        query = (
            select(Application)
            .where(_not_voided())
            .options(selectinload(Application.events))
            .order_by(Application.year, Application.seq)
        )
        if year is not None:
            query = query.where(Application.year == year)
        for app in session.scalars(query.execution_options(yield_per=batch)):
            yield _detail_of(app, calendar, today)


@dataclass(frozen=True)
class CaseFacts:
    """An application's registration and the facts of its timeline (what a ledger row shows; no clock)."""

    number: str
    fields: ApplicationInput
    facts: case.Facts


def iter_facts(db: Database, *, year: int | None = None, batch: int = 1000) -> Iterator[CaseFacts]:
    """`iter_details` without the clock and the timeline entries, read as plain rows in batches (no ORM objects):
    every not voided application (of the year of receipt `year`) in number order, for a long export."""
    names = [f.name for f in fields(ApplicationInput)]
    query = select(Application.id, Application.number, *(getattr(Application, n) for n in names)).where(_not_voided())
    if year is not None:
        query = query.where(Application.year == year)
    query = query.order_by(Application.year, Application.seq)
    columns = (ApplicationEvent.id, ApplicationEvent.replaces_id, ApplicationEvent.kind, ApplicationEvent.day)
    with db.reading() as session:
        for apps in session.execute(query.execution_options(yield_per=batch)).partitions():
            events: dict[int, list[Any]] = {}
            ids = [app[0] for app in apps]
            timeline = select(
                ApplicationEvent.application_id, *columns, ApplicationEvent.data, ApplicationEvent.voided_at
            ).where(ApplicationEvent.application_id.in_(ids))
            for row in session.execute(timeline.order_by(ApplicationEvent.id)):
                events.setdefault(row.application_id, []).append(row)
            for app in apps:
                form = ApplicationInput(**dict(zip(names, app[2:], strict=True)))
                assert form.received is not None
                yield CaseFacts(app.number, form, facts_from(form.received, events.get(app.id, [])))


# -- writing ------------------------------------------------------------------------------------------------


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items() if v is not None}


def _recheck(app: Application, events: list[Event], calendar: WorkCalendar, rules: Rules, today: date) -> None:
    facts = case.replay(app.received, events, calendar, today=today, rules=rules)
    _refresh_cache(app, facts, case.compute(facts, calendar, today))


@dataclass(frozen=True)
class Registered:
    number: str
    state: CaseState


def register(db: Database, data: ApplicationInput, *, actor: str = "", today: date | None = None) -> Registered:
    """Register a new application; it gets the next 申请编号 of the year of receipt."""
    today = today or date.today()
    actor = current_actor(db, actor)
    clean = clean_input(data, today=today)
    assert clean.received is not None
    calendar = load_calendar(db)
    with db.transaction() as session:
        return insert_application(session, clean, [], calendar=calendar, rules=_rules(db), today=today, actor=actor)


def edit_registration(
    db: Database,
    number: str,
    data: ApplicationInput,
    *,
    actor: str = "",
    today: date | None = None,
    version: int | None = None,
) -> ApplicationDetail:
    """Change registration fields; the old and new values are kept on the timeline (修改登记信息).

    `version` is the version the form loaded: when someone saved the application since, a `ConflictError` shows
    both versions and nothing is saved."""
    today = today or date.today()
    actor = current_actor(db, actor)
    clean = clean_input(data, today=today)
    calendar = load_calendar(db)
    with db.transaction() as session:
        app = _load(session, number)
        expect_version(app, version, {f.name: getattr(clean, f.name) for f in fields(ApplicationInput)})
        old = _input_of(app)
        changes = {
            FIELD_LABELS[f.name]: {"old": _plain(getattr(old, f.name)), "new": _plain(getattr(clean, f.name))}
            for f in fields(ApplicationInput)
            if getattr(old, f.name) != getattr(clean, f.name)
        }
        if not changes:
            raise UserError("没有修改任何内容。")
        if clean.received is not None and clean.received.year != app.year:
            raise ValidationError(
                "收到日期", f"申请编号{app.number}属于{app.year}年，收到日期不能改到其他年份；请作废本登记后重新登记。"
            )
        before = (app.received, app.result_date)
        for f in fields(ApplicationInput):
            setattr(app, f.name, getattr(clean, f.name))
        session.flush()
        _recheck(app, _domain_events(list(app.events)), calendar, _rules(db), today)
        ensure_unlocked(session, *before, app.received, app.result_date)  # a submitted return stays as it was
        session.add(
            ApplicationEvent(
                application_id=app.id, kind=EventKind.EDITED.value, day=today, data={"changes": changes}, actor=actor
            )
        )
    return get_detail(db, number, today=today)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def record_event(
    db: Database,
    number: str,
    kind: EventKind,
    day: date,
    data: Mapping[str, Any] | None = None,
    *,
    actor: str = "",
    today: date | None = None,
    replaces: int | None = None,
    reason: str = "",
) -> ApplicationDetail:
    """Add a fact to the timeline (or correct an earlier one with `replaces`). Refused facts change nothing."""
    today = today or date.today()
    actor = current_actor(db, actor)
    data = _jsonable(data or {})
    calendar = load_calendar(db)
    with db.transaction() as session:
        app = _load(session, number)
        rows = list(app.events)
        pending_id = 10**12
        old: ApplicationEvent | None = None
        if replaces is not None:
            old = next((r for r in rows if r.id == replaces and r.voided_at is None), None)
            if old is None:
                raise UserError("要更正的事件不存在或已作废。")
            if old.kind == EventKind.REGISTERED.value:
                raise UserError("登记事件不能更正或作废；登记信息有误请用“修改登记信息”。")
            if not reason.strip():
                raise ValidationError("更正理由", "请写明更正的理由。")
            pending_id = _root_ids(rows)[replaces]  # the correction takes the place of the event it replaces
            rows = [r for r in rows if r.id != replaces]
        if kind in (EventKind.REGISTERED, EventKind.EDITED):
            raise UserError("登记和修改登记信息不是办理事项，请用登记表单。")
        pending = Event(pending_id, kind, day, data)
        before = app.result_date
        _recheck(app, [*_domain_events(rows, all_rows=app.events), pending], calendar, _rules(db), today)
        ensure_unlocked(session, app.received, before, app.result_date, day, old.day if old is not None else None)
        event = ApplicationEvent(
            application_id=app.id, kind=kind.value, day=day, data=data, actor=actor, replaces_id=replaces
        )
        session.add(event)
        if old is not None:
            old.voided_at, old.voided_by, old.void_reason = datetime.now(), actor, f"更正：{reason.strip()}"
    return get_detail(db, number, today=today)


def void_event(
    db: Database, event_id: int, reason: str, *, actor: str = "", today: date | None = None
) -> ApplicationDetail:
    """Void a wrong event with a reason. Refused when the rest of the timeline would not stand without it."""
    today = today or date.today()
    actor = current_actor(db, actor)
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废的理由。")
    calendar = load_calendar(db)
    with db.transaction() as session:
        row = session.get(ApplicationEvent, event_id)
        if row is None or row.voided_at is not None:
            raise UserError("要作废的事件不存在或已作废。")
        if row.kind == EventKind.REGISTERED.value:
            raise UserError("登记事件不能作废；登记信息有误请用“修改登记信息”。")
        app = row.application
        rest = [r for r in app.events if r.id != event_id]
        before = app.result_date
        try:
            _recheck(app, _domain_events(rest, all_rows=app.events), calendar, _rules(db), today)
        except ValidationError as error:
            raise UserError(f"不能作废：作废后其他事件不再成立（{error.message}）。请先作废依赖它的事件。") from None
        ensure_unlocked(session, app.received, before, app.result_date, row.day)
        row.voided_at, row.voided_by, row.void_reason = datetime.now(), actor, reason.strip()
        number = app.number
    return get_detail(db, number, today=today)


def _not_voided():  # noqa: ANN202 - SQL condition
    return Application.voided_at.is_(None)


def void_application(db: Database, number: str, reason: str, *, actor: str = "") -> None:
    """作废登记: a mistaken registration keeps its number and its history, with who voided it, when and why,
    and is left out of every list, count, ledger and return from then on. Refused while one of its letters
    is still valid (void the letter in 文书登记 first) or when it would change a submitted (locked) return."""
    actor = current_actor(db, actor)
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废这件登记的理由。")
    with db.transaction() as session:
        app = _load(session, number)
        if app.voided_at is not None:
            raise UserError(f"申请{app.number}已于{app.voided_at:%Y-%m-%d}作废。")
        valid_letters = session.scalar(
            select(func.count(Letter.id)).where(Letter.application_id == app.id, Letter.voided_at.is_(None))
        )
        if valid_letters:
            raise UserError(
                f"申请{app.number}还有{valid_letters}份有效文书，请先在“文书登记”中作废这些文书，再作废登记。"
            )
        ensure_unlocked(session, app.received, app.result_date)
        app.voided_at, app.voided_by, app.void_reason = datetime.now().replace(microsecond=0), actor, reason.strip()


def delete_application(db: Database, number: str) -> None:
    """删除登记: only a registration on which nothing else was recorded (no event besides 登记, no letter, no
    attachment) can be deleted; otherwise it is refused and the clerk voids it instead. The number is not
    handed out again."""
    with db.transaction() as session:
        app = _load(session, number)
        recorded = [EventKind(e.kind).value for e in app.events if e.kind != EventKind.REGISTERED.value]
        letters = session.scalar(select(func.count(Letter.id)).where(Letter.application_id == app.id)) or 0
        files = session.scalar(select(func.count(Attachment.id)).where(Attachment.application_id == app.id)) or 0
        if recorded or letters or files:
            what = "、".join([*dict.fromkeys(recorded), *(["文书"] if letters else []), *(["附件"] if files else [])])
            raise UserError(f"申请{app.number}已登记了{what}，不能删除；登记有误请“作废登记”并写明理由。")
        ensure_unlocked(session, app.received)
        for event in list(app.events):
            session.delete(event)
        session.flush()
        session.delete(app)


def recompute_all(db: Database, *, today: date | None = None, only_open: bool = True) -> int:
    """Refresh the cached clock of applications (after a change of the holiday calendar, or a new day)."""
    today = today or date.today()
    calendar = load_calendar(db)
    count = 0
    with db.transaction() as session:
        query = select(Application)
        if only_open:
            query = query.where(Application.status.in_([s.value for s in case.OPEN_STATUSES]))
        for app in session.scalars(query):
            facts = facts_of(app)
            _refresh_cache(app, facts, case.compute(facts, calendar, today))
            count += 1
    return count


# -- lists --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    text: str = ""
    year: int | None = None
    status: str = ""  # a Status value, "未办结" (open), VOIDED (only voided registrations), or ""
    deadline_state: str = ""  # a DeadlineState value or ""
    result: str = ""
    applicant_type: str = ""
    overdue: bool = False
    due_within: int | None = None
    received_month: str = ""  # YYYY-MM: received in that month (工作台: 本月新登记)
    answered_month: str = ""  # YYYY-MM: 办理结果 given in that month (工作台: 本月已答复)


def month_bounds(text: str) -> tuple[date, date]:
    year, month = (int(part) for part in text.split("-"))
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), following - timedelta(days=1)


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    number: str
    received: date
    applicant_type: str
    applicant_name: str
    id_number: str
    content: str
    status: str
    result: str
    detail: str
    result_date: date | None
    reply_due: date | None
    supplement_notice_due: date | None
    paused: bool
    on_time: bool | None
    calendar_uncertain: bool
    voided_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.voided_at is None and self.status in {s.value for s in case.OPEN_STATUSES}

    @property
    def shown_status(self) -> str:
        return VOIDED if self.voided_at is not None else self.status


VOIDED = "已作废"  # the status filter that shows voided registrations (left out of every other list)


_ROW_COLUMNS = [getattr(Application, f.name) for f in fields(ApplicationRow)]
SORT_COLUMNS = {
    "number": (Application.year, Application.seq),
    "received": (Application.received, Application.id),
    "applicant_name": (Application.applicant_name,),
    "status": (Application.status,),
    "reply_due": (Application.reply_due,),
    "result": (Application.result,),
}


def _open_condition():  # noqa: ANN202
    return Application.status.in_([s.value for s in case.OPEN_STATUSES])


def _text_match_ids(session: Session, needle: str) -> list[int]:
    """The ids whose number, applicant or content contain `needle`: one pass, reused by count and page."""
    if session.get_bind().dialect.name == "postgresql":  # ILIKE over the pg_trgm indexes (any length)
        like = sql_portable.like_pattern(needle)
        columns = (Application.applicant_name, Application.content, Application.number)
        return list(session.scalars(select(Application.id).where(or_(*(c.ilike(like, escape="\\") for c in columns)))))
    if len(needle) >= 3:  # trigram index
        phrase = '"' + needle.replace('"', '""') + '"'
        query = text("SELECT rowid FROM application_fts WHERE application_fts MATCH :q").bindparams(q=phrase)
        return list(session.scalars(query))
    # The trigram index finds nothing for 1–2 characters: scan with LIKE.
    like = sql_portable.like_pattern(needle)
    scan = select(Application.id).where(
        or_(
            Application.applicant_name.like(like, escape="\\"),
            Application.content.like(like, escape="\\"),
            Application.number.like(like, escape="\\"),
        )
    )
    return list(session.scalars(scan))


def _filtered(query, flt: ListFilter, calendar: WorkCalendar, today: date, text_ids: list[int] | None):  # noqa: ANN001, ANN202
    if text_ids is not None:
        query = query.where(sql_portable.id_in(Application.id, text_ids))
    query = query.where(Application.voided_at.is_not(None) if flt.status == VOIDED else _not_voided())
    if flt.year is not None:
        query = query.where(Application.year == flt.year)
    if flt.status == "未办结":
        query = query.where(_open_condition())
    elif flt.status and flt.status != VOIDED:
        query = query.where(Application.status == flt.status)
    if flt.result:
        query = query.where(Application.result == flt.result)
    if flt.applicant_type:
        query = query.where(Application.applicant_type == flt.applicant_type)
    if flt.received_month:
        query = query.where(Application.received.between(*month_bounds(flt.received_month)))
    if flt.answered_month:
        query = query.where(Application.result_date.between(*month_bounds(flt.answered_month)))
    state = case.DeadlineState.OVERDUE if flt.overdue else flt.deadline_state
    if state:
        query = query.where(_deadline_condition(case.DeadlineState(state), today, calendar))
    if flt.due_within is not None:
        limit = calendar.add_working_days(today, flt.due_within).value
        query = query.where(_open_condition(), Application.reply_due.is_not(None), Application.reply_due <= limit)
    return query


def _deadline_condition(state: case.DeadlineState, today: date, calendar: WorkCalendar) -> Any:
    """The open, non-voided cases in a 期限状态 today (the list's filter and the 工作台's counts)."""
    if state == case.DeadlineState.PAUSED:
        return and_(_open_condition(), or_(Application.paused.is_(True), Application.reply_due.is_(None)))
    running = and_(_open_condition(), Application.paused.is_(False), Application.reply_due.is_not(None))
    soon = calendar.add_working_days(today, case.DUE_SOON_DAYS).value
    due = {
        case.DeadlineState.OVERDUE: Application.reply_due < today,
        case.DeadlineState.DUE_SOON: and_(Application.reply_due >= today, Application.reply_due <= soon),
        case.DeadlineState.NORMAL: Application.reply_due > soon,
    }[state]
    return and_(running, due)


def count_by_deadline_state(
    db: Database, states: Sequence[case.DeadlineState], *, today: date, calendar: WorkCalendar
) -> dict[case.DeadlineState, int]:
    """How many cases are in each of `states` today: one query, the same conditions as the list's filter."""
    counts = [
        func.coalesce(func.sum(case_when((_deadline_condition(state, today, calendar), 1), else_=0)), 0)
        for state in states
    ]
    with db.reading() as session:
        row = session.execute(select(*counts).where(_not_voided(), _open_condition())).one()
    return {state: int(value) for state, value in zip(states, row, strict=True)}


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[ApplicationRow]


def list_page(
    db: Database,
    flt: ListFilter = ListFilter(),
    *,
    today: date | None = None,
    sort: str = "number",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
    calendar: WorkCalendar | None = None,
    with_total: bool = True,
) -> Page:
    """One page of the list and the total count, in one session (the text is matched once).

    SQL over the cached columns; sorting and paging in SQL.
    """
    today = today or date.today()
    calendar = calendar or load_calendar(db)
    order = [c.desc() if descending else c.asc() for c in SORT_COLUMNS.get(sort, SORT_COLUMNS["number"])]
    with db.reading() as session:
        needle = flt.text.strip()
        text_ids = _text_match_ids(session, needle) if needle else None
        total = -1
        if with_total:
            total = int(
                session.scalar(_filtered(select(func.count(Application.id)), flt, calendar, today, text_ids)) or 0
            )
        if limit == 0:  # a count only
            return Page(total, [])
        query = _filtered(select(*_ROW_COLUMNS), flt, calendar, today, text_ids).order_by(*order, Application.id.desc())
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return Page(total, [ApplicationRow(*row) for row in session.execute(query)])


def count_applications(
    db: Database, flt: ListFilter = ListFilter(), *, today: date | None = None, calendar: WorkCalendar | None = None
) -> int:
    return list_page(db, flt, today=today, calendar=calendar, limit=0).total


def list_applications(
    db: Database,
    flt: ListFilter = ListFilter(),
    *,
    today: date | None = None,
    sort: str = "number",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
    calendar: WorkCalendar | None = None,
) -> list[ApplicationRow]:
    """Rows for the list (see `list_page`)."""
    return list_page(
        db,
        flt,
        today=today,
        sort=sort,
        descending=descending,
        limit=limit,
        offset=offset,
        calendar=calendar,
        with_total=False,
    ).rows


@dataclass(frozen=True)
class LiveClock:
    """The today-dependent part of a row: computed when shown, never stored."""

    state: str  # a DeadlineState value, or "" for a closed application
    working_days_left: int | None
    uncertain: bool


def days_left_text(days: int) -> str:
    """How a count of working days left reads: `5` → 剩余5个工作日, `-3` → 逾期3个工作日 (never a negative number)."""
    return f"逾期{-days}个工作日" if days < 0 else f"剩余{days}个工作日"


def live_clock(row: ApplicationRow, calendar: WorkCalendar, today: date) -> LiveClock:
    if not row.is_open:
        return LiveClock("", None, row.calendar_uncertain)
    if row.paused or row.reply_due is None:
        left = calendar.working_days_between(today, row.reply_due) if row.reply_due else None
        return LiveClock(case.DeadlineState.PAUSED.value, left.value if left else None, row.calendar_uncertain)
    counted = calendar.working_days_between(today, row.reply_due)
    if today > row.reply_due:
        state = case.DeadlineState.OVERDUE
    elif counted.value <= case.DUE_SOON_DAYS:
        state = case.DeadlineState.DUE_SOON
    else:
        state = case.DeadlineState.NORMAL
    return LiveClock(state.value, counted.value, row.calendar_uncertain or counted.uncertain)


# -- duplicates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EarlierApplication:
    number: str
    received: date
    content: str
    status: str
    result: str
    detail: str
    similarity: float


def earlier_similar(
    db: Database, *, applicant_name: str, id_number: str = "", content: str, exclude: str = ""
) -> list[EarlierApplication]:
    """Earlier applications of the same applicant with similar content (help for 不予重复处理)."""
    if not content.strip() or not (applicant_name.strip() or id_number.strip()):
        return []
    by_name = Application.applicant_name == applicant_name.strip()
    if id_number.strip():  # a namesake with another ID number is another applicant
        same_applicant = or_(Application.id_number == id_number.strip(), and_(by_name, Application.id_number == ""))
    else:
        same_applicant = by_name
    with db.reading() as session:
        query = select(Application).where(same_applicant, _not_voided())
        if exclude:
            query = query.where(Application.number != exclude)
        apps = session.scalars(query.limit(500)).all()
        candidates = [Candidate(a, a.content) for a in apps]
        found = find_similar(content, candidates)
        similar = [(c.key, score) for c, score in found if isinstance(c.key, Application)]
        return [
            EarlierApplication(a.number, a.received, a.content, a.status, a.result, a.detail, round(score, 2))
            for a, score in similar
        ]


__all__ = [
    "ApplicationDetail",
    "ApplicationInput",
    "ApplicationRow",
    "EarlierApplication",
    "FIELD_LABELS",
    "ListFilter",
    "LiveClock",
    "count_applications",
    "days_left_text",
    "delete_application",
    "earlier_similar",
    "edit_registration",
    "get_detail",
    "list_applications",
    "live_clock",
    "record_event",
    "recompute_all",
    "register",
    "replace",
    "void_application",
    "void_event",
]


def preview_event(
    db: Database,
    number: str,
    kind: EventKind,
    day: date,
    data: Mapping[str, Any] | None = None,
    *,
    today: date | None = None,
) -> CaseState:
    """What the clock would be if the event were recorded (for live due dates in forms). Stores nothing;
    raises the same ValidationError that `record_event` would."""
    today = today or date.today()
    calendar = load_calendar(db)
    with db.reading() as session:
        app = _load(session, number)
        events = [*_domain_events(list(app.events)), Event(10**12, kind, day, _jsonable(data or {}))]
        facts = case.replay(app.received, events, calendar, today=today, rules=_rules(db))
        return case.compute(facts, calendar, today)


def preview_received(db: Database, number: str, received: date, *, today: date | None = None) -> CaseState:
    """The clock of an application as it would be with another 收到日期 and all its recorded events (extensions,
    补正, 征求意见 …), for the edit form. Stores nothing; raises the ValidationError saving would raise."""
    today = today or date.today()
    calendar = load_calendar(db)
    with db.reading() as session:
        app = _load(session, number)
        facts = case.replay(received, _domain_events(list(app.events)), calendar, today=today, rules=_rules(db))
        return case.compute(facts, calendar, today)


def position_in_month(db: Database, number: str) -> int:
    """The position k of this application among the same applicant's applications received in the same
    calendar month (for the 按件 fee: one application, one position)."""
    with db.reading() as session:
        app = _load(session, number)
        first = app.received.replace(day=1)
        same = (
            Application.id_number == app.id_number
            if app.id_number
            else Application.applicant_name == app.applicant_name
        )
        earlier = select(func.count(Application.id)).where(
            same,
            _not_voided(),
            Application.received >= first,
            or_(
                Application.received < app.received,
                (Application.received == app.received) & (Application.seq <= app.seq),
            ),
        )
        return int(session.scalar(earlier) or 1)


# -- bulk import (the ledger): several registrations with their events in the caller's transaction ----------


def load_rules(db: Database) -> Rules:
    """The local settings that change what the domain accepts (for checks made outside this module)."""
    return _rules(db)


def insert_application(
    session: Session,
    clean: ApplicationInput,
    events: Sequence[Event],
    *,
    calendar: WorkCalendar,
    rules: Rules,
    today: date,
    actor: str = "",
    number: str | None = None,
) -> Registered:
    """Register `clean` (already checked by `clean_input`) with its timeline, in the caller's session.

    `number` is a given 申请编号 "YYYY-NNNN" (already reserved in the year's sequence), or None for the next one;
    many registrations at once (the ledger import) go through `insert_applications`.
    The ids of `events` are provisional: they fix the order of events of the same day and the `ref` of an event
    that names another one; the stored ids replace them. The timeline is checked again (`case.replay`): a
    ValidationError rolls the caller's whole transaction back.
    """
    assert clean.received is not None
    if number is None:
        seq, number = _allocate_number(session, clean.received.year)
    else:
        seq = int(number.split("-")[1])
    app = Application(
        number=number,
        year=clean.received.year,
        seq=seq,
        **{f.name: getattr(clean, f.name) for f in fields(ApplicationInput)},
    )
    session.add(app)
    session.flush()
    session.add(
        ApplicationEvent(
            application_id=app.id, kind=EventKind.REGISTERED.value, day=clean.received, data={}, actor=actor
        )
    )
    stored_ids: dict[int, int] = {}
    stored: list[Event] = []
    for event in sorted(events, key=lambda e: e.id):
        data = _jsonable(event.data)
        if "ref" in data:
            data["ref"] = stored_ids[data["ref"]]
        row = ApplicationEvent(application_id=app.id, kind=event.kind.value, day=event.day, data=data, actor=actor)
        session.add(row)
        session.flush()
        stored_ids[event.id] = row.id
        stored.append(Event(row.id, event.kind, event.day, data))
    facts = case.replay(clean.received, stored, calendar, today=today, rules=rules)
    state = case.compute(facts, calendar, today)
    _refresh_cache(app, facts, state)
    ensure_unlocked(session, clean.received, state.result_date, *(e.day for e in stored))
    return Registered(number, state)


@dataclass(frozen=True)
class NewApplication:
    """One registration of a bulk insert: `clean` (checked by `clean_input`), its timeline `events` (provisional
    ids, as for `insert_application`), the `facts` their `case.replay` returned, and a given 申请编号 or None."""

    clean: ApplicationInput
    events: Sequence[Event]
    facts: case.Facts
    number: str | None = None


def insert_applications(
    db: Database,
    session: Session,
    items: Sequence[NewApplication],
    *,
    calendar: WorkCalendar,
    today: date,
    actor: str = "",
) -> list[Registered]:
    """Register many applications with their timelines in the caller's transaction, in bulk (the ledger import).

    The same rows as one `insert_application` per item, with a few statements instead of several flushes per
    row: the given numbers are reserved first, the others follow in item order from the sequence (no gaps,
    never reused); the clock of each case is computed once from its replayed `facts`; a day in a locked period is
    refused (UserError) as by `insert_application`. A bulk insert bypasses the flush listener of the audit log:
    each application gets one entry, its registration as a flush logs it and its events under 办理事项
    (`audit_capture.new_case_entry`).
    """
    from models.audit_capture import new_case_entry, write_entries
    from models.services.locks import first_locked, locked_message, locked_periods

    numbers = _bulk_numbers(session, items)  # the sequences first: from here on SQLite's write lock is held
    # ids allocated by the database (PostgreSQL's id sequences: two clerks importing at once never share one)
    app_ids = iter(sql_portable.new_ids(session, "application", len(items)))
    event_ids = iter(sql_portable.new_ids(session, "application_event", sum(1 + len(i.events) for i in items)))
    unit_id = units.session_unit(session)
    locked = locked_periods(session)
    apps: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    out: list[Registered] = []
    for item, (number, year, seq) in zip(items, numbers, strict=True):
        clean = item.clean
        assert clean.received is not None
        state = case.compute(item.facts, calendar, today)
        app = {"id": next(app_ids), "uuid": new_uuid(), "unit_id": unit_id, "version": 1}
        app.update(number=number, year=year, seq=seq)
        app.update({name: getattr(clean, name) for name in _INPUT_NAMES})
        apps.append({**app, **_cache_values(state)})
        timeline = [{"id": next(event_ids), "kind": EventKind.REGISTERED.value, "day": clean.received, "data": {}}]
        stored_ids: dict[int, int] = {}
        for event in sorted(item.events, key=lambda e: e.id):
            data = _jsonable(event.data)
            if "ref" in data:
                data["ref"] = stored_ids[data["ref"]]
            stored_ids[event.id] = next(event_ids)
            timeline.append({"id": stored_ids[event.id], "kind": event.kind.value, "day": event.day, "data": data})
        for row in timeline:
            row.update(uuid=new_uuid(), application_id=app["id"], actor=actor, voided_by="", void_reason="")
        events += timeline
        audit.append(new_case_entry(app, timeline, detail=f"{IMPORT_DETAIL}（{len(timeline)}个办理事项）"))
        hit = first_locked([clean.received, state.result_date, *(cast(date, row["day"]) for row in timeline)], locked)
        if hit is not None:
            raise UserError(locked_message(hit))
        out.append(Registered(number, state))
    if apps:
        _insert_in_statements(session, apps)
        session.connection().execute(insert(cast(Table, ApplicationEvent.__table__)), events)
    write_entries(db, session, audit)
    return out


SQLITE_MAX_VARIABLES = 32766  # bound parameters in one statement (SQLite ≥ 3.32)


def _insert_in_statements(session: Session, rows: list[dict[str, Any]]) -> None:
    """INSERT the application rows many to a statement (multi-row VALUES): the search index trigger then runs
    inside a few statements, about five times faster than once per executed row. The values are converted by the
    columns' own types, as an ORM insert converts them."""
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "postgresql":  # psycopg sends the rows in batches itself
        connection.execute(insert(Application), rows)
        return
    keys = list(rows[0])
    columns = [Application.__table__.c[k] for k in keys]
    convert = [c.type.bind_processor(dialect) for c in columns]
    names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    marks = "(" + ", ".join("?" * len(keys)) + ")"
    size = max(1, SQLITE_MAX_VARIABLES // len(keys))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        values = tuple(
            value if process is None else process(value)
            for row in chunk
            for value, process in zip((row[k] for k in keys), convert, strict=True)
        )
        statement = f"INSERT INTO application ({names}) VALUES {', '.join([marks] * len(chunk))}"
        connection.exec_driver_sql(statement, values)


def _bulk_numbers(session: Session, items: Sequence[NewApplication]) -> list[tuple[str, int, int]]:
    """(申请编号, year, seq) of each item: the given numbers reserved in the sequences, then the next numbers of
    the year for the items without one, in item order. Each year's sequence moves in one UPDATE (its row then
    stays locked until commit): two imports at once never hand out the same number."""
    given: dict[int, int] = {}
    wanted: dict[int, int] = {}
    for item in items:
        if item.number:
            year, seq = (int(part) for part in item.number.split("-"))
            given[year] = max(given.get(year, 0), seq)
        else:
            assert item.clean.received is not None
            wanted[item.clean.received.year] = wanted.get(item.clean.received.year, 0) + 1
    following: dict[int, int] = {}  # year → the next number to hand out
    for year in sorted(given.keys() | wanted.keys()):
        count = wanted.get(year, 0)
        following[year] = _reserve(session, f"application:{year}", at_least=given.get(year, 0), count=count) - count + 1
    out: list[tuple[str, int, int]] = []
    for item in items:
        if item.number:
            year, seq = (int(part) for part in item.number.split("-"))
            out.append((item.number, year, seq))
        else:
            assert item.clean.received is not None
            year = item.clean.received.year
            seq, following[year] = following[year], following[year] + 1
            out.append((f"{year}-{seq:04d}", year, seq))
    return out


def _reserve(session: Session, series: str, *, at_least: int, count: int) -> int:
    """Move the current unit's `series` to max(last, at_least) + count in one statement; the new last number.

    The row is made first if missing (INSERT … ON CONFLICT DO NOTHING: a concurrent import making it too waits
    for it instead of failing)."""
    unit_id = units.session_unit(session)
    units.ensure_sequence(session, unit_id, series)
    key = (NumberSequence.unit_id == unit_id) & (NumberSequence.series == series)
    moved = case_when((NumberSequence.last < at_least, at_least), else_=NumberSequence.last) + count
    bump = update(NumberSequence).where(key).values(last=moved)
    session.execute(bump.execution_options(all_units=True, synchronize_session=False))
    return int(session.scalar(select(NumberSequence.last).where(key).execution_options(all_units=True)) or 0)


def refresh_if_new_day(db: Database, *, today: date | None = None) -> bool:
    """Recompute the open applications' cached clock once per day (a pending consultation or fee moves the
    provisional due date every day). Returns True when it ran."""
    from models.services.settings import set_setting

    today = today or date.today()
    if get_setting(db, "clock_refreshed_on") == today.isoformat():
        return False
    recompute_all(db, today=today)
    set_setting(db, "clock_refreshed_on", today.isoformat())
    return True
