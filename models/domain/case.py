"""An application's workflow: its events, the facts they establish, its deadlines, and the refusals.

Pure functions over plain data (no database, no clock): the service layer passes the events, the calendar and
`today`. One place for every deadline rule of 条例第30–35条 and README §1:

- 补正告知 due: the 7th working day after 收到日期.
- Reply due: the N-th working day after the clock start (收到日期, or the 补正收到 date), with
  N = 20 + excluded working days + extension working days; a 延迟答复 date, once set, is the due date.
- Excluded: the working days in (sent, end] of each consultation — end = the answer date or the consultation's
  own deadline, whichever comes first (15 working days after the party received the letter; the sending date
  stands in when delivery is not recorded; for another organ the date the clerk expects) — and in (received, paid]
  of a fee notice. Overlapping periods count once. While a consultation or a fee is pending, its period runs to
  `today` (the safe, earliest due date) and the clock shows 已暂停计时.
- Payment deadline: the 20th working day after the applicant received the fee notice.
- Applicant periods given as a calendar date (补正期限, 说明理由期限) that end on a rest day end on the next working
  day instead (民诉法第85条, README §1 申请人期间的末日); a closing by lapse is refused before the day after it.
- Timeliness is judged by service (235号): the 送达日期 must be on or before the due date.

Every new event is checked by replaying the whole timeline (`replay`), so a correction or a void that would
leave an impossible history is refused just like a wrong new fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from models.domain.errors import ValidationError
from models.domain.results import FEE_EXPIRED, OTHER, SUPPLEMENT_EXPIRED, ResultRow, find_row
from models.domain.workdays import WorkCalendar

REPLY_DAYS = 20
SUPPLEMENT_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
PAYMENT_DAYS = 20
MAX_EXTENSION_DAYS = 20
DUE_SOON_DAYS = 3

CHANNELS = ("当面", "邮寄", "网络平台", "电子邮件", "传真", "其他")
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
DELIVERY_FORMS = ("纸质", "电子", "邮寄", "自行领取")
SERVICE_METHODS = ("直接", "委托", "邮政邮寄", "电子")
PARTY_KINDS = ("第三方", "共同制作机关", "其他机关")
LITIGATION_RESULTS = ("维持", "纠正", "其他", "尚未审结")
LAWSUIT_KINDS = ("未经复议直接起诉", "复议后起诉")

# How the date of receipt is fixed for each channel (条例第31条; 国办公开办函〔2015〕207号).
RECEIPT_RULES = {
    "当面": "当面提交的，以提交之日为收到申请之日。",
    "邮寄": "挂号信、EMS等需签收的邮件，以本机关签收之日为收到日期；平常信函（含误投的邮件）须当日与申请人确认，"
    "以确认之日为收到日期，联系不上申请人的，自恢复联络之日起算。",
    "网络平台": "通过互联网渠道提交的，以双方确认之日为收到日期。",
    "电子邮件": "通过电子邮件提交的，以双方确认之日为收到日期。",
    "传真": "通过传真提交的，以双方确认之日为收到日期。",
    "其他": "以本机关实际收到并能确认申请内容之日为收到日期，并在备注中说明。",
}


class EventKind(StrEnum):
    REGISTERED = "登记"
    EDITED = "修改登记信息"
    SUPPLEMENT_NOTICE = "补正告知"
    SUPPLEMENT_RECEIVED = "补正收到"
    SUPPLEMENT_EXPIRED = "逾期未补正"
    CONSULTATION_SENT = "发出征求意见"
    CONSULTATION_DELIVERED = "征求意见书送达"
    CONSULTATION_ANSWERED = "收到意见"
    CONSULTATION_NO_ANSWER = "逾期未提出意见"
    EXTENSION = "延期答复"
    DELAY = "延迟答复"
    FEE_NOTICE = "收费通知"
    FEE_RECEIVED = "申请人收到收费通知"
    FEE_PAID = "缴费"
    FEE_EXPIRED = "逾期未缴费"
    REPLY = "答复"
    SERVED = "送达"
    WITHDRAWN = "申请人撤回"
    ARCHIVED = "归档"
    REVIEW_FILED = "行政复议"
    REVIEW_DECIDED = "复议结果"
    LAWSUIT_FILED = "行政诉讼"
    LAWSUIT_DECIDED = "诉讼结果"
    REASONS_REQUEST = "要求说明理由"  # 第35条: the applicant is asked to explain, with a period (a date)
    REASONS_ANSWERED = "申请人说明理由"
    REASONS_NO_ANSWER = "逾期未说明理由"
    LETTER = "出具文书"  # a letter generated for the case: a record only, no effect on the clock


# Events that may still be recorded after the case is closed.
AFTER_CLOSE = {
    EventKind.SERVED,
    EventKind.ARCHIVED,
    EventKind.REVIEW_FILED,
    EventKind.REVIEW_DECIDED,
    EventKind.LAWSUIT_FILED,
    EventKind.LAWSUIT_DECIDED,
    EventKind.EDITED,
    EventKind.LETTER,
}


class Status(StrEnum):
    IN_PROGRESS = "办理中"
    AWAITING_SUPPLEMENT = "等待补正"
    CONSULTING = "征求意见中"
    AWAITING_PAYMENT = "等待缴费"
    ANSWERED = "已答复"
    CLOSED = "已结案"
    WITHDRAWN = "已撤回"
    ARCHIVED = "已归档"


OPEN_STATUSES = (Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT, Status.CONSULTING, Status.AWAITING_PAYMENT)


class DeadlineState(StrEnum):
    NORMAL = "正常"
    DUE_SOON = "3个工作日内到期"
    OVERDUE = "已逾期"
    PAUSED = "已暂停计时"


@dataclass(frozen=True)
class Event:
    """One recorded fact. `data` holds the kind's fields (dates as date objects)."""

    id: int
    kind: EventKind
    day: date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Consultation:
    id: int
    party_kind: str
    party: str
    sent: date
    expected: date | None = None
    delivered: date | None = None
    answered: date | None = None
    no_answer: date | None = None

    @property
    def pending(self) -> bool:
        return self.answered is None and self.no_answer is None


@dataclass
class Fee:
    notice: date
    amount: int
    method: str
    received: date | None = None
    paid: date | None = None
    expired: date | None = None

    @property
    def clock_from(self) -> date:
        return self.received or self.notice

    @property
    def pending(self) -> bool:
        return self.paid is None and self.expired is None


@dataclass
class Reply:
    day: date
    row: ResultRow
    basis: str = ""
    doc_number: str = ""
    method: str = ""
    served: date | None = None


@dataclass
class Litigation:
    id: int
    filed: date
    body: str
    kind: str = ""  # lawsuits: 未经复议直接起诉 | 复议后起诉
    result: str = "尚未审结"
    decided: date | None = None


@dataclass
class Facts:
    """What the (non-voided) events establish, folded in order."""

    received: date
    supplement_notice: date | None = None
    supplement_deadline: date | None = None
    supplement_received: date | None = None
    supplement_expired: date | None = None
    consultations: list[Consultation] = field(default_factory=list)
    extensions: list[tuple[date, int]] = field(default_factory=list)
    delay_notice: date | None = None
    delay_until: date | None = None
    reasons_request: date | None = None  # 第35条 要求说明理由
    reasons_deadline: date | None = None  # the period given (as typed; see applicant_period_end)
    reasons_answered: date | None = None
    reasons_no_answer: date | None = None
    fee: Fee | None = None
    reply: Reply | None = None
    withdrawn: date | None = None
    archived: date | None = None
    reviews: list[Litigation] = field(default_factory=list)
    lawsuits: list[Litigation] = field(default_factory=list)

    @property
    def extension_days(self) -> int:
        return sum(days for _, days in self.extensions)

    @property
    def awaiting_supplement(self) -> bool:
        return (
            self.supplement_notice is not None and self.supplement_received is None and self.supplement_expired is None
        )

    @property
    def closing(self) -> tuple[ResultRow, date] | None:
        """The result row and the result date (the date that decides the year in table 三)."""
        if self.reply is not None:
            return self.reply.row, self.reply.day
        if self.supplement_expired is not None:
            return SUPPLEMENT_EXPIRED, self.supplement_expired
        if self.fee is not None and self.fee.expired is not None:
            return FEE_EXPIRED, self.fee.expired
        if self.withdrawn is not None:
            return OTHER, self.withdrawn
        return None

    @property
    def closed(self) -> bool:
        return self.closing is not None


@dataclass(frozen=True)
class CaseState:
    """Everything the app shows about an application's clock, computed for one `today`."""

    status: Status
    supplement_notice_due: date
    supplement_notice_late: bool
    clock_start: date | None
    excluded_days: int
    extension_days: int
    reply_due: date | None
    payment_deadline: date | None
    deadline_state: DeadlineState | None
    working_days_left: int | None
    served: date | None
    on_time: bool | None  # judged by service; None while not served
    result: ResultRow | None
    result_date: date | None
    uncertain_years: tuple[int, ...]
    supplement_deadline: date | None = None  # the 补正期限 as it ends (moved past rest days)

    @property
    def calendar_uncertain(self) -> bool:
        return bool(self.uncertain_years)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _fmt(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


#: the Chinese names of an event's typed values, for a message that names the field
_DATA_LABELS = {
    "deadline": "期限",
    "received": "收到日期",
    "served": "送达日期",
    "until": "延迟至",
    "expected": "预计日期",
    "approved": "批准日期",
    "days": "延期工作日数",
    "amount": "收费金额",
}


def _date(data: Mapping[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_DATA_LABELS.get(key, key), f"“{value}”不是有效的日期（YYYY-MM-DD）。") from None


def _int(data: Mapping[str, Any], key: str, default: int) -> int:
    """A whole number typed for the event (a number or its digits); a ValidationError for anything else."""
    value = data.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isascii() and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValidationError(_DATA_LABELS.get(key, key), f"“{value}”不是整数。")


def consultation_deadline(item: Consultation, calendar: WorkCalendar) -> tuple[date | None, tuple[int, ...]]:
    """The party's own deadline: 15 working days after it received the letter (the sending date stands in)."""
    if item.party_kind == "其他机关":
        return item.expected, ()
    result = calendar.add_working_days(item.delivered or item.sent, CONSULTATION_DAYS)
    return result.value, result.uncertain_years


def payment_deadline(fee: Fee, calendar: WorkCalendar) -> tuple[date, tuple[int, ...]]:
    result = calendar.add_working_days(fee.clock_from, PAYMENT_DAYS)
    return applicant_period_end(result.value, calendar), result.uncertain_years


def applicant_period_end(last_day: date, calendar: WorkCalendar) -> date:
    """The day an applicant's period given as a date really ends: a rest day moves it to the next working day
    (期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期 — 民诉法第85条, README §1)."""
    day = last_day
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def supplement_deadline(facts: Facts, calendar: WorkCalendar) -> date | None:
    """The 补正期限 as it ends (moved past rest days)."""
    if facts.supplement_deadline is None:
        return None
    return applicant_period_end(facts.supplement_deadline, calendar)


def reasons_deadline(facts: Facts, calendar: WorkCalendar) -> date | None:
    """The period to explain the reasons (第35条) as it ends (moved past rest days)."""
    if facts.reasons_deadline is None:
        return None
    return applicant_period_end(facts.reasons_deadline, calendar)


def reasons_established(facts: Facts, calendar: WorkCalendar) -> bool:
    """A (五)4 reply may say the reasons were judged unreasonable: a request was made and the applicant answered
    it, or stayed silent past the period (第35条)."""
    if facts.reasons_request is None:
        return False
    if facts.reasons_answered is not None:
        return True
    deadline = reasons_deadline(facts, calendar)
    return facts.reasons_no_answer is not None and deadline is not None and facts.reasons_no_answer > deadline


def reply_due_before(facts: Facts, calendar: WorkCalendar, *, day: date, without: str) -> date | None:
    """The reply due date as it stood before the fact `without` ("extension": the last extension; "fee": the
    fee notice) — the limit that fact had to respect (its own check uses the same clock)."""
    before = replace(facts, extensions=facts.extensions[:-1]) if without == "extension" else replace(facts, fee=None)
    return compute(before, calendar, day).reply_due


# -- folding ------------------------------------------------------------------------------------------------
def fold(received: date, events: Iterable[Event]) -> Facts:
    """The facts established by `events` (already without voided ones), applied in timeline order."""
    facts = Facts(received=received)
    for event in sorted(events, key=lambda e: (e.day, e.id)):
        _apply(facts, event)
    return facts


def _find(items: Sequence[Any], ref: Any) -> Any:
    for item in items:
        if item.id == ref:
            return item
    return None


def _apply(facts: Facts, event: Event) -> None:  # noqa: C901 - one branch per kind, on purpose
    kind, day, data = event.kind, event.day, event.data
    if kind is EventKind.SUPPLEMENT_NOTICE:
        facts.supplement_notice, facts.supplement_deadline = day, _date(data, "deadline")
    elif kind is EventKind.SUPPLEMENT_RECEIVED:
        facts.supplement_received = day
    elif kind is EventKind.SUPPLEMENT_EXPIRED:
        facts.supplement_expired = day
    elif kind is EventKind.CONSULTATION_SENT:
        facts.consultations.append(
            Consultation(
                event.id, data.get("party_kind", "第三方"), data.get("party", ""), day, _date(data, "expected")
            )
        )
    elif kind in (EventKind.CONSULTATION_DELIVERED, EventKind.CONSULTATION_ANSWERED, EventKind.CONSULTATION_NO_ANSWER):
        item = _find(facts.consultations, data.get("ref"))
        if item is not None:
            attr = {
                EventKind.CONSULTATION_DELIVERED: "delivered",
                EventKind.CONSULTATION_ANSWERED: "answered",
                EventKind.CONSULTATION_NO_ANSWER: "no_answer",
            }[kind]
            setattr(item, attr, day)
    elif kind is EventKind.EXTENSION:
        facts.extensions.append((day, _int(data, "days", 0)))
    elif kind is EventKind.DELAY:
        facts.delay_notice, facts.delay_until = day, _date(data, "until")
    elif kind is EventKind.REASONS_REQUEST:
        facts.reasons_request, facts.reasons_deadline = day, _date(data, "deadline")
    elif kind is EventKind.REASONS_ANSWERED:
        facts.reasons_answered = day
    elif kind is EventKind.REASONS_NO_ANSWER:
        facts.reasons_no_answer = day
    elif kind is EventKind.FEE_NOTICE:
        facts.fee = Fee(day, _int(data, "amount", 0), str(data.get("method", "")), _date(data, "received"))
    elif kind is EventKind.FEE_RECEIVED and facts.fee is not None:
        facts.fee.received = day
    elif kind is EventKind.FEE_PAID and facts.fee is not None:
        facts.fee.paid = day
    elif kind is EventKind.FEE_EXPIRED and facts.fee is not None:
        facts.fee.expired = day
    elif kind is EventKind.REPLY:
        row = find_row(str(data.get("result", "")), str(data.get("detail", "")))
        if row is not None:
            facts.reply = Reply(
                day,
                row,
                str(data.get("basis", "")),
                str(data.get("doc_number", "")),
                str(data.get("method", "")),
                _date(data, "served"),
            )
    elif kind is EventKind.LETTER and facts.reply is not None:
        # The 字号 of the valid 答复书 issued for the reply is the reply's 答复文号 (ledger, 送达回证, reports);
        # a voided letter's event is voided with it, so the one still valid names the reply.
        if data.get("letter_kind") == "reply" and data.get("doc_number"):
            facts.reply.doc_number = str(data["doc_number"])
    elif kind is EventKind.SERVED and facts.reply is not None:
        facts.reply.served = day
        if data.get("method"):
            facts.reply.method = str(data["method"])
    elif kind is EventKind.WITHDRAWN:
        facts.withdrawn = day
    elif kind is EventKind.ARCHIVED:
        facts.archived = day
    elif kind is EventKind.REVIEW_FILED:
        facts.reviews.append(Litigation(event.id, day, str(data.get("organ", ""))))
    elif kind is EventKind.LAWSUIT_FILED:
        facts.lawsuits.append(Litigation(event.id, day, str(data.get("court", "")), str(data.get("kind", ""))))
    elif kind in (EventKind.REVIEW_DECIDED, EventKind.LAWSUIT_DECIDED):
        items = facts.reviews if kind is EventKind.REVIEW_DECIDED else facts.lawsuits
        item = _find(items, data.get("ref"))
        if item is not None:
            item.result, item.decided = str(data.get("result", "")), day


# -- deadlines ----------------------------------------------------------------------------------------------
def compute(facts: Facts, calendar: WorkCalendar, today: date) -> CaseState:
    """The clock of an application on `today`."""
    uncertain: set[int] = set()
    notice_due = calendar.add_working_days(facts.received, SUPPLEMENT_NOTICE_DAYS)
    uncertain.update(notice_due.uncertain_years)
    closing = facts.closing
    open_case = closing is None
    paused = False

    periods: list[tuple[date, date]] = []
    for item in facts.consultations:
        deadline, years = consultation_deadline(item, calendar)
        uncertain.update(years)
        if item.answered is not None:
            end = item.answered if deadline is None else min(item.answered, deadline)
        elif item.no_answer is not None:
            end = deadline or item.no_answer
        else:  # pending: runs to today, at most to the party's deadline
            end = today if deadline is None else min(today, deadline)
            paused = paused or open_case
        if end > item.sent:
            periods.append((item.sent, end))

    pay_deadline: date | None = None
    if facts.fee is not None:
        pay_deadline, years = payment_deadline(facts.fee, calendar)
        uncertain.update(years)
        if facts.fee.paid is not None:
            end = facts.fee.paid
        elif facts.fee.expired is not None:
            end = facts.fee.expired
        else:
            end = min(today, pay_deadline)
            paused = paused or open_case
        if end > facts.fee.clock_from:
            periods.append((facts.fee.clock_from, end))

    excluded = calendar.working_days_in_periods(periods)
    uncertain.update(excluded.uncertain_years)

    clock_start: date | None
    reply_due: date | None
    if facts.awaiting_supplement or facts.supplement_expired is not None:
        clock_start, reply_due = None, None
        paused = paused or open_case
    else:
        clock_start = facts.supplement_received or facts.received
        if facts.delay_until is not None:
            reply_due = facts.delay_until
        else:
            due = calendar.add_working_days(clock_start, REPLY_DAYS + excluded.value + facts.extension_days)
            uncertain.update(due.uncertain_years)
            reply_due = due.value

    served = facts.reply.served if facts.reply is not None else None
    on_time: bool | None = None
    if facts.reply is not None and reply_due is not None:
        if served is not None:
            on_time = served <= reply_due
        elif facts.reply.day > reply_due:
            on_time = False

    deadline_state: DeadlineState | None = None
    left: int | None = None
    if open_case and reply_due is not None:
        counted = calendar.working_days_between(today, reply_due)
        uncertain.update(counted.uncertain_years)
        left = counted.value
    if open_case:
        if paused:
            deadline_state = DeadlineState.PAUSED
        elif reply_due is not None and today > reply_due:
            deadline_state = DeadlineState.OVERDUE
        elif left is not None and left <= DUE_SOON_DAYS:
            deadline_state = DeadlineState.DUE_SOON
        else:
            deadline_state = DeadlineState.NORMAL

    result_date = closing[1] if closing else None
    if closing is not None and facts.reply is None:
        # README §2: a case closed without a reply letter counts in table 三 from the day after the lapsed deadline.
        moved = supplement_deadline(facts, calendar)
        if closing[0] is SUPPLEMENT_EXPIRED and moved is not None:
            result_date = moved + timedelta(days=1)
        elif closing[0] is FEE_EXPIRED and pay_deadline is not None:
            result_date = pay_deadline + timedelta(days=1)

    return CaseState(
        status=_status(facts),
        supplement_notice_due=notice_due.value,
        supplement_notice_late=facts.supplement_notice is not None and facts.supplement_notice > notice_due.value,
        clock_start=clock_start,
        excluded_days=excluded.value,
        extension_days=facts.extension_days,
        reply_due=reply_due,
        payment_deadline=pay_deadline,
        deadline_state=deadline_state,
        working_days_left=left,
        served=served,
        on_time=on_time,
        result=closing[0] if closing else None,
        result_date=result_date,
        uncertain_years=tuple(sorted(uncertain)),
        supplement_deadline=supplement_deadline(facts, calendar),
    )


def _status(facts: Facts) -> Status:
    if facts.archived is not None:
        return Status.ARCHIVED
    if facts.withdrawn is not None:
        return Status.WITHDRAWN
    if facts.reply is not None:
        return Status.ANSWERED
    if facts.closing is not None:
        return Status.CLOSED
    if facts.awaiting_supplement:
        return Status.AWAITING_SUPPLEMENT
    if any(c.pending for c in facts.consultations):
        return Status.CONSULTING
    if facts.fee is not None and facts.fee.pending:
        return Status.AWAITING_PAYMENT
    return Status.IN_PROGRESS


# -- checks -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rules:
    """Local settings that change what is accepted."""

    extension_once: bool = True


def replay(
    received: date, events: Sequence[Event], calendar: WorkCalendar, *, today: date, rules: Rules = Rules()
) -> Facts:
    """Check every event in timeline order against the facts before it; return the final facts.

    Raises `ValidationError` naming the field of the first event that cannot stand.
    """
    ordered = sorted(events, key=lambda e: (e.day, e.id))
    facts = Facts(received=received)
    for event in ordered:
        check(facts, event, calendar, today=today, rules=rules)
        _apply(facts, event)
    return facts


def check(facts: Facts, event: Event, calendar: WorkCalendar, *, today: date, rules: Rules = Rules()) -> None:  # noqa: C901
    """Refuse an event that cannot follow `facts`. Late but possible facts pass (they are marked, not refused)."""
    kind, day, data = event.kind, event.day, event.data
    label = kind.value
    if kind in (EventKind.REGISTERED, EventKind.EDITED, EventKind.LETTER):
        return
    if day < facts.received:
        raise ValidationError(f"{label}日期", f"{_fmt(day)}早于收到申请日期{_fmt(facts.received)}。")
    if day > today:
        raise ValidationError(f"{label}日期", f"{_fmt(day)}晚于今天（{_fmt(today)}），不能登记尚未发生的事实。")
    if facts.closed and kind not in AFTER_CLOSE:
        raise ValidationError(label, "该申请已办结，不能再登记此事项（如需更正，请先作废办结事件）。")

    if kind is EventKind.SUPPLEMENT_NOTICE:
        if facts.supplement_notice is not None:
            raise ValidationError(
                "补正告知",
                f"补正告知只能发出一次（条例第三十条：一次性告知），本申请已于{_fmt(facts.supplement_notice)}发出。",
            )
        deadline = _date(data, "deadline")
        if deadline is None:
            raise ValidationError("补正期限", "请填写告知申请人的补正期限（一个具体日期）。")
        if deadline <= day:
            raise ValidationError("补正期限", f"补正期限{_fmt(deadline)}应晚于告知日期{_fmt(day)}。")
    elif kind is EventKind.SUPPLEMENT_RECEIVED:
        if facts.supplement_notice is None:
            raise ValidationError("补正收到日期", "尚未发出补正告知，不能登记收到补正。")
        if facts.supplement_received is not None or facts.supplement_expired is not None:
            raise ValidationError("补正收到日期", "补正已登记办结，不能重复登记。")
        if day < facts.supplement_notice:
            raise ValidationError("补正收到日期", f"{_fmt(day)}早于补正告知日期{_fmt(facts.supplement_notice)}。")
    elif kind is EventKind.SUPPLEMENT_EXPIRED:
        if not facts.awaiting_supplement:
            raise ValidationError("逾期未补正", "没有等待中的补正告知。")
        assert facts.supplement_deadline is not None
        ends = applicant_period_end(facts.supplement_deadline, calendar)
        if day <= ends:
            moved = "" if ends == facts.supplement_deadline else f"（{_fmt(facts.supplement_deadline)}是休息日，顺延）"
            raise ValidationError(
                "结案日期",
                f"补正期限{_fmt(ends)}{moved}尚未届满，不能按“逾期未补正”结案"
                f"（最早{_fmt(ends + timedelta(days=1))}）。",
            )
    elif kind is EventKind.CONSULTATION_SENT:
        party_kind = data.get("party_kind")
        if party_kind not in PARTY_KINDS:
            raise ValidationError("征求对象类型", f"应为{'、'.join(PARTY_KINDS)}之一。")
        if not str(data.get("party", "")).strip():
            raise ValidationError("征求对象", "请填写被征求意见的第三方或机关名称。")
        if party_kind == "其他机关":
            expected = _date(data, "expected")
            if expected is None or expected <= day:
                raise ValidationError(
                    "预计答复日期", "征求其他机关意见没有法定期限，请填写晚于发出日期的预计答复日期。"
                )
    elif kind in (EventKind.CONSULTATION_DELIVERED, EventKind.CONSULTATION_ANSWERED, EventKind.CONSULTATION_NO_ANSWER):
        item = _find(facts.consultations, data.get("ref"))
        if item is None:
            raise ValidationError(label, "找不到对应的征求意见。")
        if day < item.sent:
            raise ValidationError(f"{label}日期", f"{_fmt(day)}早于征求意见书发出日期{_fmt(item.sent)}。")
        if kind is EventKind.CONSULTATION_DELIVERED and item.delivered is not None:
            raise ValidationError("送达日期", "该征求意见书的送达日期已登记。")
        if kind is not EventKind.CONSULTATION_DELIVERED and not item.pending:
            raise ValidationError(label, "该征求意见已有结果，不能重复登记。")
        if kind is EventKind.CONSULTATION_NO_ANSWER:
            deadline, _ = consultation_deadline(item, calendar)
            if deadline is not None and day <= deadline:
                raise ValidationError(
                    "逾期未提出意见", f"对方的意见期限{_fmt(deadline)}尚未届满，不能登记为逾期未提出意见。"
                )
    elif kind is EventKind.EXTENSION:
        days = _int(data, "days", 0)
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise ValidationError("延期工作日数", f"应为1到{MAX_EXTENSION_DAYS}之间的整数。")
        if rules.extension_once and facts.extensions:
            raise ValidationError("延期答复", "本单位设置为只能延期一次，本申请已经延期过。")
        if facts.extension_days + days > MAX_EXTENSION_DAYS:
            raise ValidationError(
                "延期工作日数",
                f"延长的期限合计不得超过{MAX_EXTENSION_DAYS}个工作日（条例第三十三条），已延期{facts.extension_days}个。",
            )
        if not str(data.get("approver", "")).strip():
            raise ValidationError("审批人", "延期须经政府信息公开工作机构负责人同意，请填写审批人。")
        approved = _date(data, "approved")
        if approved is not None and approved > day:
            raise ValidationError("审批日期", f"审批日期{_fmt(approved)}晚于告知日期{_fmt(day)}。")
        due = compute(facts, calendar, day).reply_due
        if due is not None and day > due:
            raise ValidationError("延期告知日期", f"延期须在原答复期限{_fmt(due)}届满前告知申请人。")
    elif kind is EventKind.DELAY:
        until = _date(data, "until")
        if until is None or until <= day:
            raise ValidationError("延迟答复期限", "请填写晚于告知日期的延迟答复日期。")
        if not str(data.get("reason", "")).strip():
            raise ValidationError("延迟理由", "请写明申请数量、频次明显超过合理范围的理由（条例第三十五条）。")
        if facts.delay_until is not None:
            raise ValidationError("延迟答复", "本申请已确定延迟答复期限。")
    elif kind is EventKind.REASONS_REQUEST:
        if facts.reasons_request is not None:
            raise ValidationError("要求说明理由", f"本申请已于{_fmt(facts.reasons_request)}要求申请人说明理由。")
        deadline = _date(data, "deadline")
        if deadline is None or deadline <= day:
            raise ValidationError("说明理由期限", "请填写晚于告知日期的说明理由期限（一个具体日期）。")
    elif kind in (EventKind.REASONS_ANSWERED, EventKind.REASONS_NO_ANSWER):
        if facts.reasons_request is None:
            raise ValidationError(label, "尚未要求申请人说明理由（第三十五条），不能登记此事项。")
        if facts.reasons_answered is not None or facts.reasons_no_answer is not None:
            raise ValidationError(label, "申请人说明理由已有结果，不能重复登记。")
        if day < facts.reasons_request:
            raise ValidationError(f"{label}日期", f"{_fmt(day)}早于要求说明理由日期{_fmt(facts.reasons_request)}。")
        if kind is EventKind.REASONS_NO_ANSWER:
            period_end = reasons_deadline(facts, calendar)
            if period_end is not None and day <= period_end:
                raise ValidationError(
                    "逾期未说明理由", f"说明理由期限{_fmt(period_end)}尚未届满，不能登记为逾期未说明理由。"
                )
    elif kind is EventKind.FEE_NOTICE:
        if facts.fee is not None:
            raise ValidationError("收费通知", "本申请已发出收费通知。")
        if _int(data, "amount", -1) < 0:
            raise ValidationError("收费金额", "金额不能为负数。")
        due = compute(facts, calendar, day).reply_due
        if due is not None and day > due:
            raise ValidationError("收费通知日期", f"收费通知须在答复期限{_fmt(due)}内发出。")
        received = _date(data, "received")
        if received is not None and received < day:
            raise ValidationError("收到收费通知日期", f"{_fmt(received)}早于通知日期{_fmt(day)}。")
        if received is not None and received > today:
            raise ValidationError("收到收费通知日期", f"{_fmt(received)}晚于今天。")
    elif kind in (EventKind.FEE_RECEIVED, EventKind.FEE_PAID, EventKind.FEE_EXPIRED):
        fee = facts.fee
        if fee is None:
            raise ValidationError(f"{label}日期", "尚未发出收费通知。")
        if kind is EventKind.FEE_RECEIVED:
            if fee.received is not None:
                raise ValidationError("收到收费通知日期", "已登记。")
            if not fee.pending:
                raise ValidationError(
                    "收到收费通知日期", "收费已有结果（已缴费或已按逾期未缴处理），不能再登记收到日期。"
                )
            if day < fee.notice:
                raise ValidationError("收到收费通知日期", f"{_fmt(day)}早于通知日期{_fmt(fee.notice)}。")
        elif not fee.pending:
            raise ValidationError(label, "收费已有结果（已缴费或已按逾期未缴处理）。")
        elif kind is EventKind.FEE_PAID and day < fee.clock_from:
            raise ValidationError("缴费日期", f"{_fmt(day)}早于收费通知日期{_fmt(fee.clock_from)}。")
        elif kind is EventKind.FEE_EXPIRED:
            deadline, _ = payment_deadline(fee, calendar)
            if day <= deadline:
                raise ValidationError("结案日期", f"缴费期限{_fmt(deadline)}尚未届满，不能按“逾期未缴费”结案。")
    elif kind is EventKind.REPLY:
        result, detail = str(data.get("result", "")), str(data.get("detail", ""))
        if find_row(result, detail) is None:
            raise ValidationError("具体情形", f"“{detail or '（空）'}”不属于办理结果“{result}”。")
        method = data.get("method") or ""
        if method and method not in SERVICE_METHODS:
            raise ValidationError("送达方式", f"应为{'、'.join(SERVICE_METHODS)}之一。")
        served = _date(data, "served")
        if served is not None and served < day:
            raise ValidationError("送达日期", f"{_fmt(served)}早于答复日期{_fmt(day)}。")
        if served is not None and served > today:
            raise ValidationError("送达日期", f"{_fmt(served)}晚于今天。")
    elif kind is EventKind.SERVED:
        if facts.reply is None:
            raise ValidationError("送达日期", "尚未登记答复，不能登记送达。")
        if day < facts.reply.day:
            raise ValidationError("送达日期", f"{_fmt(day)}早于答复日期{_fmt(facts.reply.day)}。")
        method = data.get("method") or ""
        if method and method not in SERVICE_METHODS:
            raise ValidationError("送达方式", f"应为{'、'.join(SERVICE_METHODS)}之一。")
    elif kind is EventKind.ARCHIVED:
        if not facts.closed:
            raise ValidationError("归档", "申请尚未办结，不能归档。")
        if facts.archived is not None:
            raise ValidationError("归档", "已归档。")
    elif kind is EventKind.REVIEW_FILED:
        if not str(data.get("organ", "")).strip():
            raise ValidationError("复议机关", "请填写复议机关。")
    elif kind is EventKind.LAWSUIT_FILED:
        if data.get("kind") not in LAWSUIT_KINDS:
            raise ValidationError("诉讼类型", f"应为{'、'.join(LAWSUIT_KINDS)}之一。")
    elif kind in (EventKind.REVIEW_DECIDED, EventKind.LAWSUIT_DECIDED):
        items = facts.reviews if kind is EventKind.REVIEW_DECIDED else facts.lawsuits
        item = _find(items, data.get("ref"))
        if item is None:
            raise ValidationError(label, "找不到对应的复议或诉讼。")
        if data.get("result") not in LITIGATION_RESULTS:
            raise ValidationError("结果", f"应为{'、'.join(LITIGATION_RESULTS)}之一。")
        if day < item.filed:
            raise ValidationError(f"{label}日期", f"{_fmt(day)}早于提起日期{_fmt(item.filed)}。")
