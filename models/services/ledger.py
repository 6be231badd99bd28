"""The 台账 (ledger) in Excel: template, all-or-nothing import, export.

The ledger has one row per application and the 27 columns of `LEDGER` (`LEDGER_COLUMNS` are their headers, an
interface: other tools read and write them). Reading the sheet, converting cells, listing problems, refusing all
or nothing, the template with its 填写说明, masking and safe cells are the registers' shared part
(`models.domain.tabular`, `models.services.tabular`); this module declares the columns and the applications'
own rules. Import maps the columns to timeline events and checks every row with the
same rules as the forms (registration by `applications.clean_input`, events by `case.replay` on the real
holiday calendar); only when no row has a problem is anything written, in one transaction and in bulk
(`applications.insert_applications`: a few statements, the clock of each case computed once from the facts the
check replayed, one audit entry per application listing its events). Export is the inverse mapping, so export →
import into an empty database gives the same applications; it streams the rows (openpyxl write-only mode).

Column → event mapping (import; export reads the same facts back):

- 补正告知日期 + 补正期限 → 补正告知 (deadline); 补正收到日期 → 补正收到.
- 征求意见发出日期 → 发出征求意见 to 第三方 "第三方（台账导入）"; 征求意见回复日期 → 收到意见 for it. (An export
  writes the date the clerk recorded 逾期未提出意见 here too: the excluded period is the same either way.)
- 延期告知日期 + 延期工作日数 → 延期答复 (approver "台账导入").
- 收费通知日期 (the day the applicant received the notice) → 收费通知 on that day, received that day, amount
  0 (the ledger has no amount); 缴费日期 → 缴费.
- 答复日期 + 办理结果 + 具体情形: 其他处理/逾期不补正 (6.1) → 逾期未补正 on 答复日期; 其他处理/逾期未缴费 (6.2) →
  逾期未缴费; 其他处理/其他 with 备注 containing 撤回 → 申请人撤回; each of these only when the row has no
  答复文号 and no 送达日期 (a closing without a reply letter) — otherwise 答复 (result, detail, 答复文号, 送达日期).
- 复议结果 → 行政复议 (organ: 复议机关 of the unit profile) + 复议结果; 诉讼类型/诉讼结果 → 行政诉讼 (court: 诉讼法院
  of the profile) + 诉讼结果. The ledger has no dates for these: the latest date of the row stands in.

A masked 证件号码 or 联系电话 (containing *, from an export without --full) is accepted as it is, without the
checksum: the full number is not known. The ledger has no 证件类型: an 18-character number of a 自然人 is taken as
a 居民身份证, of an organization as a 统一社会信用代码 (or a 居民身份证 when it is one), anything else as 其他.

Not in the ledger (so not carried by an export → import): 邮件类型, 证件类型, 邮编, 电子邮箱, 获取方式, 承办人,
征求意见 details (party, delivery), further consultations or extensions, 延迟答复, fee amount, 送达方式, 归档.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models.db import Database
from models.domain import case, limits
from models.domain.case import Event, EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.identity import CREDIT_CODE, RESIDENT_ID, check_resident_id, is_masked, mask_id, mask_phone
from models.domain.personal_data import mask_address, mask_name
from models.domain.results import RESULTS, find_row
from models.domain.tabular import CHOICE, DATE, INT, Column, Problem, SheetProblems, Table, cell_text, error_text
from models.domain.tabular import parse_date as parse_date
from models.domain.workdays import WorkCalendar
from models.entities import Application
from models.services import applications, collector, locks, tabular
from models.services.applications import ApplicationDetail, ApplicationInput, CaseFacts, ListFilter
from models.services.export_marks import log_export, mark_ledger_export
from models.services.holidays import load_calendar
from models.services.profile import get_profile
from models.services.tabular import ROW_KEY, Progress

IMPORT_ACTOR = "台账导入"
CONSULTED_PARTY = "第三方（台账导入）"
PENDING = "尚未审结"


def _id_number_text(value: Any) -> str:
    """证件号码: refuse a long number Excel stored as a number (its last digits are lost)."""
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool) and len(str(value)) > 15):
        raise ValueError("该号码被Excel保存成了数字，后几位可能已经丢失。请把该列设为“文本”格式后重新填写该号码。")
    return cell_text(value)


def _mask_code(mask: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: text if is_masked(text) else mask(text)


def _date(header: str, attr: str, help: str, example: str = "") -> Column:
    return Column(header, attr, DATE, help=help, example=example)


def _choice(
    header: str,
    attr: str,
    choices: tuple[str, ...],
    before: str,
    after: str,
    *,
    required: bool = False,
    example: str = "",
) -> Column:
    """A drop-down column whose 填写说明 lists its choices between `before` and `after`."""
    return Column(header, attr, CHOICE, required, choices, before + "、".join(choices) + after, example)


LEDGER = Table(
    sheet="台账",
    noun="台账",
    item="申请",
    command="applications template",
    intro="台账填写说明：在“台账”工作表中每行填写一件申请，第1行的列名不要修改。日期写成2025-03-01的格式。",
    template_action="在“依申请公开”页点“下载台账模板…”下载台账模板",
    columns=(
        Column(
            "申请编号",
            "number",
            as_text=True,
            help="年份-4位序号，年份为收到日期的年份；留空则导入时按收到年份自动编号。再次导入时以此列识别已有申请。",
            example="2025-0001",
        ),
        Column(
            "收到日期",
            "received",
            DATE,
            required=True,
            help="必填。收到申请之日（当面提交之日、签收之日或双方确认之日）。",
            example="2025-03-03",
        ),
        _choice("申请方式", "channel", case.CHANNELS, "必填。", "之一。", required=True, example="当面"),
        _choice(
            "申请人类型", "applicant_type", case.APPLICANT_TYPES, "必填。", "之一。", required=True, example="自然人"
        ),
        Column(
            "申请人",
            "applicant_name",
            required=True,
            mask=mask_name,
            mask_on_request=True,
            width=14,
            help="必填。姓名或单位名称。",
            example="张三",
        ),
        Column(
            "证件号码",
            "id_number",
            as_text=True,
            mask=_mask_code(mask_id),
            convert=_id_number_text,
            width=22,
            help="居民身份证或统一社会信用代码等；请设为文本格式，以免Excel把长数字改掉。含*的（已遮盖的导出数据）照原样导入。",
            example="110101199003074258",
        ),
        Column(
            "联系电话",
            "phone",
            as_text=True,
            mask=_mask_code(mask_phone),
            help="手机或固定电话。",
            example="13800138000",
        ),
        Column("通信地址", "address", mask=mask_address, mask_on_request=True, width=28, example="X县X镇X路1号"),
        Column(
            "申请内容",
            "content",
            required=True,
            width=40,
            help="必填。申请公开的信息名称、文号或特征描述。",
            example="2024年X村道路硬化工程招标文件",
        ),
        _date("补正告知日期", "supplement_notice", "发出补正告知之日；与补正期限一起填写。", "2025-03-05"),
        _date("补正期限", "supplement_deadline", "告知申请人的补正截止日期。", "2025-03-20"),
        _date("补正收到日期", "supplement_received", "收到申请人补正材料之日。", "2025-03-10"),
        _date("征求意见发出日期", "consultation_sent", "向第三方发出征求意见书之日。", "2025-03-12"),
        _date("征求意见回复日期", "consultation_answered", "收到第三方意见之日。", "2025-03-20"),
        _date(
            "延期告知日期",
            "extension_notice",
            "告知申请人延期答复之日（须在原答复期限内）；与延期工作日数一起填写。",
            "2025-04-01",
        ),
        Column("延期工作日数", "extension_days", INT, help="延长的工作日数，1到20。", example="10"),
        _date("收费通知日期", "fee_notice", "申请人收到收费通知之日。"),
        _date("缴费日期", "fee_paid", "申请人缴费之日。"),
        _date(
            "答复日期",
            "reply_day",
            "作出答复之日；逾期未补正、逾期未缴费、申请人撤回等不出具答复书的，填写结案之日。",
            "2025-04-15",
        ),
        _choice("办理结果", "result", RESULTS, "", "之一；填写了答复日期的必填。", example="部分公开"),
        Column(
            "具体情形",
            "detail",
            width=24,
            help="年报表三的具体情形，不写序号，如：属于国家秘密、重复申请、逾期不补正、逾期未缴费、其他。"
            "予以公开、部分公开不填。其他处理且备注含“撤回”、无答复文号的，按申请人撤回导入。",
        ),
        Column(
            "答复文号",
            "doc_number",
            as_text=True,
            width=22,
            help="答复书的文号。",
            example="X镇政府信息公开〔2025〕3号",
        ),
        _date("送达日期", "served", "答复书送达申请人之日（判断是否按时答复以送达日期为准）。", "2025-04-16"),
        _choice("复议结果", "review_result", case.LITIGATION_RESULTS, "申请人申请行政复议的，填写", "之一。"),
        _choice("诉讼类型", "lawsuit_kind", case.LAWSUIT_KINDS, "申请人提起行政诉讼的，填写", "之一。"),
        _choice("诉讼结果", "lawsuit_result", case.LITIGATION_RESULTS, "", "之一；须同时填写诉讼类型。"),
        Column("备注", "note", width=30, help="其他需要说明的情况。"),
    ),
)
LEDGER_COLUMNS: tuple[str, ...] = LEDGER.headers
_ATTRS = {c.header: c.attr for c in LEDGER.columns}


LedgerProblems = SheetProblems  # the refusal of a ledger (its message names 台账 and 申请)


# -- one row ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    """One ledger row, parsed (cells converted, nothing checked against the rules yet)."""

    row: int
    number: str = ""
    received: date | None = None
    channel: str = ""
    applicant_type: str = ""
    applicant_name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    content: str = ""
    supplement_notice: date | None = None
    supplement_deadline: date | None = None
    supplement_received: date | None = None
    consultation_sent: date | None = None
    consultation_answered: date | None = None
    extension_notice: date | None = None
    extension_days: int | None = None
    fee_notice: date | None = None
    fee_paid: date | None = None
    reply_day: date | None = None
    result: str = ""
    detail: str = ""
    doc_number: str = ""
    served: date | None = None
    review_result: str = ""
    lawsuit_kind: str = ""
    lawsuit_result: str = ""
    note: str = ""

    @classmethod
    def parse(cls, values: Mapping[str, Any], row: int, *, today: date) -> tuple[LedgerRow, list[Problem]]:
        """The row from header → cell value, and the problems of single cells (bad dates, unknown choices, dates
        before 2000 or more than a year ahead, text over its length limit…)."""
        parsed, problems = LEDGER.parse(values, row, today=today)
        item = cls(row=row, **parsed)
        problems += item._number_problems(today)
        flagged = {p.column for p in problems}  # no second problem caused by a cell already reported
        problems += [p for p in item._pairing_problems() if p.column not in flagged]
        return item, problems

    def _number_problems(self, today: date) -> list[Problem]:
        if not self.number:
            return []
        try:
            year, _seq = limits.check_application_number(self.number, today=today)
        except ValidationError as error:
            return [Problem(self.row, "申请编号", error_text(error))]
        if self.received is not None and year != self.received.year:
            return [
                Problem(
                    self.row,
                    "申请编号",
                    f"编号“{self.number}”的年份与收到日期{self.received.isoformat()}的年份（{self.received.year}）不一致。",
                )
            ]
        return []

    def _pairing_problems(self) -> list[Problem]:
        """Columns that only make sense together."""
        out: list[Problem] = []

        def need(present: Any, missing: Any, missing_header: str, text: str) -> None:
            if present not in (None, "") and missing in (None, ""):
                out.append(Problem(self.row, missing_header, text))

        need(self.supplement_notice, self.supplement_deadline, "补正期限", "填写了补正告知日期，请填写补正期限。")
        need(self.supplement_deadline, self.supplement_notice, "补正告知日期", "填写了补正期限，请填写补正告知日期。")
        need(
            self.consultation_answered,
            self.consultation_sent,
            "征求意见发出日期",
            "填写了征求意见回复日期，请填写征求意见发出日期。",
        )
        need(self.extension_notice, self.extension_days, "延期工作日数", "填写了延期告知日期，请填写延期工作日数。")
        need(self.extension_days, self.extension_notice, "延期告知日期", "填写了延期工作日数，请填写延期告知日期。")
        need(self.reply_day, self.result, "办理结果", "填写了答复日期，请填写办理结果。")
        for header, value in (("办理结果", self.result), ("答复文号", self.doc_number), ("送达日期", self.served)):
            need(value, self.reply_day, "答复日期", f"填写了{header}，请填写答复日期。")
        need(self.lawsuit_result, self.lawsuit_kind, "诉讼类型", "填写了诉讼结果，请填写诉讼类型。")
        if self.result in RESULTS:
            if find_row(self.result, self.detail) is None:
                if self.detail:
                    text = f"“{self.detail}”不属于办理结果“{self.result}”。"
                else:
                    text = f"办理结果为“{self.result}”的，请填写具体情形。"
                out.append(Problem(self.row, "具体情形", text))
        elif self.detail and not self.result:
            out.append(Problem(self.row, "办理结果", "填写了具体情形，请填写办理结果。"))
        return out

    # -- registration and events --

    def registration(self) -> tuple[ApplicationInput, str, str]:
        """The registration form, and the masked 证件号码 / 联系电话 to store as they are ("" when not masked)."""
        masked_id = self.id_number if is_masked(self.id_number) else ""
        masked_phone = self.phone if is_masked(self.phone) else ""
        form = ApplicationInput(
            received=self.received,
            channel=self.channel,
            applicant_type=self.applicant_type,
            applicant_name=self.applicant_name,
            id_type=_guess_id_type(self.applicant_type, self.id_number) if self.id_number else "",
            id_number="" if masked_id else self.id_number,
            phone="" if masked_phone else self.phone,
            address=self.address,
            content=self.content,
            delivery_form="",
            note=self.note,
        )
        return form, masked_id, masked_phone

    def closing_kind(self) -> EventKind | None:
        if self.reply_day is None:
            return None
        row = find_row(self.result, self.detail)
        if row is None:
            return None
        letter = bool(self.doc_number) or self.served is not None
        if not letter and row.code == "6.1":
            return EventKind.SUPPLEMENT_EXPIRED
        if not letter and row.code == "6.2":
            return EventKind.FEE_EXPIRED
        if not letter and row.code == "6.3" and "撤回" in self.note:
            return EventKind.WITHDRAWN
        return EventKind.REPLY

    def events(self, *, review_organ: str, court: str) -> list[tuple[Event, str]]:
        """The timeline this row describes, each event with the column it comes from. Ids are provisional:
        they fix the order of events of the same day, and the `ref` of an event that names another one."""
        out: list[tuple[Event, str]] = []

        def add(kind: EventKind, day: date, data: dict[str, Any], column: str) -> int:
            event_id = len(out) + 1
            out.append((Event(event_id, kind, day, data), column))
            return event_id

        if self.supplement_notice is not None and self.supplement_deadline is not None:
            add(
                EventKind.SUPPLEMENT_NOTICE,
                self.supplement_notice,
                {"deadline": self.supplement_deadline.isoformat()},
                "补正告知日期",
            )
        if self.supplement_received is not None:
            add(EventKind.SUPPLEMENT_RECEIVED, self.supplement_received, {}, "补正收到日期")
        if self.consultation_sent is not None:
            ref = add(
                EventKind.CONSULTATION_SENT,
                self.consultation_sent,
                {"party_kind": "第三方", "party": CONSULTED_PARTY},
                "征求意见发出日期",
            )
            if self.consultation_answered is not None:
                add(EventKind.CONSULTATION_ANSWERED, self.consultation_answered, {"ref": ref}, "征求意见回复日期")
        if self.extension_notice is not None and self.extension_days is not None:
            add(
                EventKind.EXTENSION,
                self.extension_notice,
                {"days": self.extension_days, "approver": IMPORT_ACTOR},
                "延期告知日期",
            )
        if self.fee_notice is not None:
            add(
                EventKind.FEE_NOTICE,
                self.fee_notice,
                {"amount": 0, "received": self.fee_notice.isoformat()},
                "收费通知日期",
            )
        if self.fee_paid is not None:
            add(EventKind.FEE_PAID, self.fee_paid, {}, "缴费日期")
        kind = self.closing_kind()
        if kind is EventKind.REPLY:
            row = find_row(self.result, self.detail)
            assert row is not None and self.reply_day is not None
            data: dict[str, Any] = {"result": row.result, "detail": row.detail}
            if self.doc_number:
                data["doc_number"] = self.doc_number
            if self.served is not None:
                data["served"] = self.served.isoformat()
            add(EventKind.REPLY, self.reply_day, data, "答复日期")
        elif kind is not None:
            assert self.reply_day is not None
            add(kind, self.reply_day, {}, "办理结果")
        last_day = max(d for d in (self.received, *(e.day for e, _ in out), self.served) if d is not None)
        if self.review_result:
            ref = add(EventKind.REVIEW_FILED, last_day, {"organ": review_organ}, "复议结果")
            if self.review_result != PENDING:
                add(EventKind.REVIEW_DECIDED, last_day, {"ref": ref, "result": self.review_result}, "复议结果")
        if self.lawsuit_kind:
            ref = add(EventKind.LAWSUIT_FILED, last_day, {"kind": self.lawsuit_kind, "court": court}, "诉讼类型")
            if self.lawsuit_result and self.lawsuit_result != PENDING:
                add(EventKind.LAWSUIT_DECIDED, last_day, {"ref": ref, "result": self.lawsuit_result}, "诉讼结果")
        return out


def _guess_id_type(applicant_type: str, number: str) -> str:
    """The ledger has no 证件类型: guess it from the applicant type and the shape of the number."""
    compact = "".join(number.split()).upper()
    if len(compact) != 18:
        return "其他"
    looks_resident = re.fullmatch(r"[\d*＊]{17}[\dX*＊]", compact) is not None
    if applicant_type == "自然人":
        return RESIDENT_ID if looks_resident else "其他"
    if looks_resident and not is_masked(compact):
        try:
            check_resident_id(compact, today=date.max)
            return RESIDENT_ID
        except ValidationError:
            pass
    return CREDIT_CODE


# -- reading ------------------------------------------------------------------------------------------------


MissingColumnsError = tabular.MissingColumnsError  # the CLI names its command instead of the button


def read_sheet(path: str | Path) -> tabular.SheetRows:
    """The data rows of the ledger (sheet 台账, else the first sheet) as header → value, plus unknown headers."""
    return tabular.read_sheet(LEDGER, path)


def read_ledger(path: str | Path) -> list[dict[str, Any]]:
    """The data rows (header → cell value, plus ROW_KEY → the sheet row number); empty rows are left out."""
    return read_sheet(path).rows


# -- import -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedRow:
    row: int
    number: str
    status: str


@dataclass
class ImportReport:
    imported: list[ImportedRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # 第N行 申请编号…已存在，跳过
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Planned:
    row: LedgerRow
    form: ApplicationInput
    events: list[Event]
    facts: case.Facts  # the replayed timeline: the clock is computed from it once, when the row is written


_FIELD_COLUMNS = {  # a ValidationError field that is not itself a header → the header to report it under
    "结案日期": "答复日期",
    "逾期未补正日期": "答复日期",
    "逾期未缴费日期": "答复日期",
    "申请人撤回日期": "答复日期",
    "发出征求意见日期": "征求意见发出日期",
    "收到意见日期": "征求意见回复日期",
    "收费通知": "收费通知日期",
    "补正告知": "补正告知日期",
    "延期答复": "延期告知日期",
}


def _event_problem(row: int, error: ValidationError, column: str) -> Problem:
    if error.field in _ATTRS:
        return Problem(row, error.field, error_text(error))
    if error.field in _FIELD_COLUMNS:
        return Problem(row, _FIELD_COLUMNS[error.field], error_text(error))
    return Problem(row, column, error.message)


def _check_events(
    item: LedgerRow, events: list[tuple[Event, str]], calendar: WorkCalendar, rules: case.Rules, today: date
) -> case.Facts | Problem:
    """The facts of the row's timeline, or the first event that cannot stand (checked in timeline order, like
    case.replay) as a Problem."""
    assert item.received is not None
    ordered = sorted(events, key=lambda pair: (pair[0].day, pair[0].id))
    try:
        return case.replay(item.received, [e for e, _ in ordered], calendar, today=today, rules=rules)
    except ValidationError:
        pass
    for index, (event, column) in enumerate(ordered):
        facts = case.fold(item.received, [e for e, _ in ordered[:index]])
        try:
            case.check(facts, event, calendar, today=today, rules=rules)
        except ValidationError as error:
            return _event_problem(item.row, error, column)
    return Problem(item.row, "收到日期", "办理过程的日期前后矛盾，请核对。")  # not reached


def _locked_problem(item: LedgerRow, events: list[tuple[Event, str]], locked: set[str]) -> Problem | None:
    """A row whose dates fall in a submitted (locked) month or year would change that return."""
    for day, column in [(item.received, "收到日期"), *((e.day, c) for e, c in events)]:
        period = locks.first_locked([day], locked)
        if period is not None:
            return Problem(item.row, column, locks.locked_message(period))
    return None


def _closing_prerequisites(item: LedgerRow) -> list[Problem]:
    kind = item.closing_kind()
    if kind is EventKind.SUPPLEMENT_EXPIRED and item.supplement_notice is None:
        return [Problem(item.row, "补正告知日期", "按“逾期不补正”结案的，请填写补正告知日期和补正期限。")]
    if kind is EventKind.FEE_EXPIRED and item.fee_notice is None:
        return [Problem(item.row, "收费通知日期", "按“逾期未缴费”结案的，请填写收费通知日期。")]
    return []


def _existing(db: Database) -> tuple[set[str], set[tuple[date, str, str]]]:
    with db.reading() as session:
        numbers = set(session.scalars(select(Application.number)))
        keys = {
            (r.received, r.applicant_name, r.content)
            for r in session.execute(select(Application.received, Application.applicant_name, Application.content))
        }
    return numbers, keys


def validate_and_import(
    db: Database,
    path: str | Path,
    *,
    actor: str = "",
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the ledger, all or nothing. Raises `LedgerProblems` listing every problem (nothing written).

    Rows whose 申请编号 exists are skipped; a row without 申请编号 is skipped when an application with the same
    收到日期, 申请人 and 申请内容 exists (so importing the same file twice creates nothing the second time).
    """
    with collector.paused():  # 10⁵ short-lived cells, rows and entries
        return _validate_and_import(db, path, actor=actor, today=today, progress=progress)


def _validate_and_import(
    db: Database, path: str | Path, *, actor: str, today: date | None, progress: Progress | None
) -> ImportReport:
    today = today or date.today()
    sheet = read_sheet(path)
    report = ImportReport(ignored_columns=sheet.ignored_columns)
    calendar = load_calendar(db)
    rules = applications.load_rules(db)
    unit = get_profile(db)
    review_organ = unit.review_organ.strip() or "复议机关"
    court = unit.court.strip() or "人民法院"
    numbers, keys = _existing(db)
    locked = locks.locked_periods(db)
    total = len(sheet.rows) * 2
    number_rows: dict[str, int] = {}

    def plan(values: Mapping[str, Any]) -> tuple[_Planned | None, list[Problem]]:
        item, problems = LedgerRow.parse(values, int(values[ROW_KEY]), today=today)
        if item.number and item.number in numbers:
            report.skipped.append(f"第{item.row}行：申请编号{item.number}已存在，跳过。")
            return None, []
        if item.number and item.number in number_rows:
            problems.append(Problem(item.row, "申请编号", f"与第{number_rows[item.number]}行的申请编号重复。"))
        elif item.number:
            number_rows[item.number] = item.row
        if not item.number and (item.received, item.applicant_name, item.content) in keys:
            report.skipped.append(f"第{item.row}行：已有收到日期、申请人和申请内容都相同的申请，视为已导入，跳过。")
            return None, []
        problems = problems or _closing_prerequisites(item)
        if problems:
            return None, problems
        form, masked_id, masked_phone = item.registration()
        try:
            clean = applications.clean_input(form, today=today)
        except ValidationError as error:
            return None, [_event_problem(item.row, error, "申请人")]
        clean = replace(clean, id_number=masked_id or clean.id_number, phone=masked_phone or clean.phone)
        events = item.events(review_organ=review_organ, court=court)
        facts = _check_events(item, events, calendar, rules, today)
        if isinstance(facts, Problem):
            return None, [facts]
        problem = _locked_problem(item, events, locked)
        if problem is not None:
            return None, [problem]
        return _Planned(item, clean, [e for e, _ in events], facts), []

    planned = tabular.plan_rows(LEDGER, sheet.rows, plan, progress=progress, total=total)
    try:
        _write(db, planned, report, calendar=calendar, today=today, actor=actor)
    except IntegrityError:
        raise UserError(
            "导入期间数据库中的申请被修改（可能另一个窗口同时在登记），未导入任何申请。请重新导入。"
        ) from None
    if progress is not None:
        progress(total, total)
    return report


def _write(
    db: Database, planned: list[_Planned], report: ImportReport, *, calendar: WorkCalendar, today: date, actor: str
) -> None:
    """Everything in one transaction, in bulk: the given numbers are reserved first, then the rows are inserted."""
    items = [applications.NewApplication(p.form, p.events, p.facts, p.row.number or None) for p in planned]
    with db.transaction() as session:
        registered = applications.insert_applications(db, session, items, calendar=calendar, today=today, actor=actor)
    for plan, done in zip(planned, registered, strict=True):
        report.imported.append(ImportedRow(plan.row.row, done.number, done.state.status.value))


# -- export -------------------------------------------------------------------------------------------------


def ledger_values(detail: ApplicationDetail, *, full: bool = False, mask_names: bool = False) -> dict[str, Any]:
    """The ledger row of an application (header → value), the inverse of the import mapping: 证件号码 and 联系电话
    masked unless `full`; `mask_names` also masks 申请人 and 通信地址 (张*, 青山县白鹤镇****) for a list that leaves
    the office."""
    return LEDGER.export_row(_values(detail), full=full, mask_names=mask_names)


def _values(detail: ApplicationDetail | CaseFacts) -> dict[str, Any]:
    """The ledger row of an application, unmasked."""
    fields, facts = detail.fields, detail.facts
    values: dict[str, Any] = {
        "申请编号": detail.number,
        "收到日期": fields.received,
        "申请方式": fields.channel,
        "申请人类型": fields.applicant_type,
        "申请人": fields.applicant_name,
        "证件号码": fields.id_number,
        "联系电话": fields.phone,
        "通信地址": fields.address,
        "申请内容": fields.content,
        "补正告知日期": facts.supplement_notice,
        "补正期限": facts.supplement_deadline,
        "补正收到日期": facts.supplement_received,
        "备注": fields.note,
    }
    if facts.consultations:
        first = facts.consultations[0]
        values["征求意见发出日期"] = first.sent
        values["征求意见回复日期"] = first.answered or first.no_answer
    if facts.extensions:
        values["延期告知日期"] = facts.extensions[0][0]
        values["延期工作日数"] = facts.extension_days
    if facts.fee is not None:
        values["收费通知日期"] = facts.fee.clock_from
        values["缴费日期"] = facts.fee.paid
    closing = facts.closing
    if closing is not None:
        row, day = closing
        values.update({"答复日期": day, "办理结果": row.result, "具体情形": row.detail})
        if facts.reply is not None:
            values["答复文号"] = facts.reply.doc_number
            values["送达日期"] = facts.reply.served
        elif row.code == "6.3" and facts.withdrawn is not None and "撤回" not in fields.note:
            values["备注"] = f"{fields.note}；申请人撤回" if fields.note else "申请人撤回"
    if facts.reviews:
        values["复议结果"] = facts.reviews[-1].result or PENDING
    if facts.lawsuits:
        values["诉讼类型"] = facts.lawsuits[-1].kind
        values["诉讼结果"] = facts.lawsuits[-1].result or PENDING
    return values


def write_template(path: str | Path) -> Path:
    """An empty ledger (sheet 台账) with drop-down lists, and a sheet 填写说明 with an example for every column."""
    return tabular.write_template(LEDGER, path, title="依申请公开台账模板")


def export_ledger(
    db: Database,
    path: str | Path,
    *,
    year: int | None = None,
    full: bool = False,
    mask_names: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the ledger of every application (of `year`) in number order; returns the number of rows.

    证件号码 and 联系电话 are masked unless `full` (the file then says inside that it holds full personal data);
    `mask_names` masks 申请人 and 通信地址 too. Nothing is written when anything fails; the export is audited.
    """
    if full and mask_names:
        raise UserError("“完整个人信息”和“遮盖姓名、地址”不能同时选择。")
    total = applications.count_applications(db, ListFilter(year=year))
    saved = tabular.write_export(
        LEDGER,
        path,
        (_values(case_facts) for case_facts in applications.iter_facts(db, year=year)),
        total=total,
        full=full,
        mask_names=mask_names,
        mark=lambda workbook: mark_ledger_export(db, workbook, full=full, year=year),  # title, unit, time, full
        progress=progress,
    )
    log_export(db, "台账", saved, count=total, full=full, masked_names=mask_names)
    if progress is not None:
        progress(total, total)
    return total
