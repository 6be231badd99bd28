"""The 台账 (ledger) in Excel: template, all-or-nothing import, export.

The ledger has one row per application and the 27 columns of `LEDGER_COLUMNS` (the headers are an interface:
other tools read and write them). Import maps the columns to timeline events and checks every row with the
same rules as the forms (registration by `applications.clean_input`, events by `case.replay` on the real
holiday calendar); only when no row has a problem is anything written, in one transaction. Export is the
inverse mapping, so export → import into an empty database gives the same applications.

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from exporters.doc_properties import set_xlsx_properties
from exporters.xlsx_safe import atomic_save, open_xlsx, safe_cell
from models.db import Database
from models.domain import case, limits
from models.domain.case import Event, EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.identity import CREDIT_CODE, RESIDENT_ID, check_resident_id, is_masked, mask_id, mask_phone
from models.domain.personal_data import mask_address, mask_name
from models.domain.results import RESULTS, find_row
from models.domain.workdays import WorkCalendar
from models.entities import Application
from models.services import applications, locks
from models.services.applications import ApplicationDetail, ApplicationInput, ListFilter
from models.services.export_marks import log_export, mark_ledger_export
from models.services.holidays import load_calendar
from models.services.profile import get_profile

Progress = Callable[[int, int], None]

SHEET_NAME = "台账"
HELP_SHEET_NAME = "填写说明"
IMPORT_ACTOR = "台账导入"
CONSULTED_PARTY = "第三方（台账导入）"
ROW_KEY = "__row__"  # read_ledger: the sheet row number of each dict

LEDGER_COLUMNS: tuple[str, ...] = (
    "申请编号",
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "通信地址",
    "申请内容",
    "补正告知日期",
    "补正期限",
    "补正收到日期",
    "征求意见发出日期",
    "征求意见回复日期",
    "延期告知日期",
    "延期工作日数",
    "收费通知日期",
    "缴费日期",
    "答复日期",
    "办理结果",
    "具体情形",
    "答复文号",
    "送达日期",
    "复议结果",
    "诉讼类型",
    "诉讼结果",
    "备注",
)

# header → LedgerRow attribute
_ATTRS: dict[str, str] = {
    "申请编号": "number",
    "收到日期": "received",
    "申请方式": "channel",
    "申请人类型": "applicant_type",
    "申请人": "applicant_name",
    "证件号码": "id_number",
    "联系电话": "phone",
    "通信地址": "address",
    "申请内容": "content",
    "补正告知日期": "supplement_notice",
    "补正期限": "supplement_deadline",
    "补正收到日期": "supplement_received",
    "征求意见发出日期": "consultation_sent",
    "征求意见回复日期": "consultation_answered",
    "延期告知日期": "extension_notice",
    "延期工作日数": "extension_days",
    "收费通知日期": "fee_notice",
    "缴费日期": "fee_paid",
    "答复日期": "reply_day",
    "办理结果": "result",
    "具体情形": "detail",
    "答复文号": "doc_number",
    "送达日期": "served",
    "复议结果": "review_result",
    "诉讼类型": "lawsuit_kind",
    "诉讼结果": "lawsuit_result",
    "备注": "note",
}
DATE_COLUMNS = frozenset(
    {
        "收到日期",
        "补正告知日期",
        "补正期限",
        "补正收到日期",
        "征求意见发出日期",
        "征求意见回复日期",
        "延期告知日期",
        "收费通知日期",
        "缴费日期",
        "答复日期",
        "送达日期",
    }
)
REQUIRED_COLUMNS = ("收到日期", "申请方式", "申请人类型", "申请人", "申请内容")
TEXT_FORMAT_COLUMNS = ("申请编号", "证件号码", "联系电话", "答复文号")  # stored as text: Excel spoils long numbers
CHOICES: dict[str, tuple[str, ...]] = {
    "申请方式": case.CHANNELS,
    "申请人类型": case.APPLICANT_TYPES,
    "办理结果": RESULTS,
    "复议结果": case.LITIGATION_RESULTS,
    "诉讼类型": case.LAWSUIT_KINDS,
    "诉讼结果": case.LITIGATION_RESULTS,
}
_WIDTHS = {"申请人": 14, "通信地址": 28, "申请内容": 40, "具体情形": 24, "答复文号": 22, "备注": 30, "证件号码": 22}
PENDING = "尚未审结"

_HELP: dict[str, tuple[str, str]] = {  # header → (说明, 示例)
    "申请编号": (
        "年份-4位序号，年份为收到日期的年份；留空则导入时按收到年份自动编号。再次导入时以此列识别已有申请。",
        "2025-0001",
    ),
    "收到日期": ("必填。收到申请之日（当面提交之日、签收之日或双方确认之日）。", "2025-03-03"),
    "申请方式": ("必填。" + "、".join(case.CHANNELS) + "之一。", "当面"),
    "申请人类型": ("必填。" + "、".join(case.APPLICANT_TYPES) + "之一。", "自然人"),
    "申请人": ("必填。姓名或单位名称。", "张三"),
    "证件号码": (
        "居民身份证或统一社会信用代码等；请设为文本格式，以免Excel把长数字改掉。含*的（已遮盖的导出数据）照原样导入。",
        "110101199003074258",
    ),
    "联系电话": ("手机或固定电话。", "13800138000"),
    "通信地址": ("", "X县X镇X路1号"),
    "申请内容": ("必填。申请公开的信息名称、文号或特征描述。", "2024年X村道路硬化工程招标文件"),
    "补正告知日期": ("发出补正告知之日；与补正期限一起填写。", "2025-03-05"),
    "补正期限": ("告知申请人的补正截止日期。", "2025-03-20"),
    "补正收到日期": ("收到申请人补正材料之日。", "2025-03-10"),
    "征求意见发出日期": ("向第三方发出征求意见书之日。", "2025-03-12"),
    "征求意见回复日期": ("收到第三方意见之日。", "2025-03-20"),
    "延期告知日期": ("告知申请人延期答复之日（须在原答复期限内）；与延期工作日数一起填写。", "2025-04-01"),
    "延期工作日数": ("延长的工作日数，1到20。", "10"),
    "收费通知日期": ("申请人收到收费通知之日。", ""),
    "缴费日期": ("申请人缴费之日。", ""),
    "答复日期": ("作出答复之日；逾期未补正、逾期未缴费、申请人撤回等不出具答复书的，填写结案之日。", "2025-04-15"),
    "办理结果": ("、".join(RESULTS) + "之一；填写了答复日期的必填。", "部分公开"),
    "具体情形": (
        "年报表三的具体情形，不写序号，如：属于国家秘密、重复申请、逾期不补正、逾期未缴费、其他。"
        "予以公开、部分公开不填。其他处理且备注含“撤回”、无答复文号的，按申请人撤回导入。",
        "",
    ),
    "答复文号": ("答复书的文号。", "X镇政府信息公开〔2025〕3号"),
    "送达日期": ("答复书送达申请人之日（判断是否按时答复以送达日期为准）。", "2025-04-16"),
    "复议结果": ("申请人申请行政复议的，填写" + "、".join(case.LITIGATION_RESULTS) + "之一。", ""),
    "诉讼类型": ("申请人提起行政诉讼的，填写" + "、".join(case.LAWSUIT_KINDS) + "之一。", ""),
    "诉讼结果": ("、".join(case.LITIGATION_RESULTS) + "之一；须同时填写诉讼类型。", ""),
    "备注": ("其他需要说明的情况。", ""),
}


# -- problems -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}]：{self.message}"


class LedgerProblems(UserError):
    """The ledger was refused; `problems` lists every problem found (nothing was imported)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            f"台账中有{len(problems)}处问题，未导入任何申请。请修改后重新导入：", details=[str(p) for p in problems]
        )
        self.problems = list(problems)


# -- cell values --------------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_EXCEL_EPOCH = date(1899, 12, 30)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    """A date from an Excel date cell, a text date (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301) or
    an Excel serial number; None when empty; ValueError with a Chinese message otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期，应为YYYY-MM-DD（如2025-03-01）。")
    if isinstance(value, int | float):
        if float(value).is_integer() and 19000101 <= value <= 29991231:
            value = str(int(value))
        elif 1 <= value < 2958466:  # an Excel serial day number in a cell without a date format
            return _EXCEL_EPOCH + timedelta(days=int(value))
        else:
            raise ValueError(f"“{_text(value)}”不是日期，应为YYYY-MM-DD（如2025-03-01）。")
    text = str(value).strip().replace("－", "-").replace("／", "/").replace("．", ".")
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise ValueError(f"“{text}”不是存在的日期。") from None
    raise ValueError(f"“{text}”不是有效日期，应为YYYY-MM-DD（如2025-03-01）。")


def _parse_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是整数。")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise ValueError(f"“{text}”不是整数。")


def _code_text(header: str, value: Any) -> str:
    """证件号码 and 联系电话: refuse a long number Excel stored as a number (its last digits are lost)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        digits = str(int(value)) if float(value).is_integer() else str(value)
        if header == "证件号码" and (isinstance(value, float) or len(digits) > 15):
            raise ValueError("该号码被Excel保存成了数字，后几位可能已经丢失。请把该列设为“文本”格式后重新填写该号码。")
        return digits
    return _text(value)


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
        parsed: dict[str, Any] = {}
        problems: list[Problem] = []
        for header, attr in _ATTRS.items():
            raw = values.get(header)
            try:
                if header in DATE_COLUMNS:
                    parsed[attr] = parse_date(raw)
                    if parsed[attr] is not None:
                        limits.check_date(header, parsed[attr], today=today)
                elif header == "延期工作日数":
                    parsed[attr] = _parse_int(raw)
                elif header in ("证件号码", "联系电话"):
                    parsed[attr] = limits.check_length(header, _code_text(header, raw))
                else:
                    parsed[attr] = limits.check_length(header, _text(raw))
            except ValidationError as error:
                parsed.pop(attr, None)
                problems.append(Problem(row, header, _error_text(error)))
            except ValueError as error:
                problems.append(Problem(row, header, str(error)))
        item = cls(row=row, **parsed)
        for header in REQUIRED_COLUMNS:
            attr = _ATTRS[header]
            if header not in [p.column for p in problems] and not getattr(item, attr):
                problems.append(Problem(row, header, f"请填写{header}。"))
        for header, allowed in CHOICES.items():
            value = getattr(item, _ATTRS[header])
            if value and value not in allowed:
                problems.append(Problem(row, header, f"“{value}”无效，应为{'、'.join(allowed)}之一。"))
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
            return [Problem(self.row, "申请编号", _error_text(error))]
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


@dataclass(frozen=True)
class LedgerSheet:
    rows: list[dict[str, Any]]
    ignored_columns: list[str]


def read_sheet(path: str | Path) -> LedgerSheet:
    """The data rows of the ledger (sheet 台账, else the first sheet) as header → value, plus unknown headers."""
    path = Path(path)
    with open_xlsx(path, read_only=True, data_only=True) as workbook:
        return _read_rows(workbook)


class MissingColumnsError(UserError):
    """The first row lacks required columns. The message names the window's 下载台账模板…; the command line
    names its own command instead (`cli_message`)."""

    def __init__(self, missing: list[str]) -> None:
        self.missing_text = f"第1行应为台账的列名，缺少：{'、'.join(missing)}。"
        super().__init__(self.missing_text + "可以点“下载台账模板…”保存台账模板，把数据复制进去再导入。")

    def cli_message(self) -> str:
        return self.missing_text + "可以用“applications template 文件名.xlsx”生成台账模板，把数据复制进去再导入。"


def _read_rows(workbook: Any) -> LedgerSheet:
    """The header row checked, then the data rows (see `read_sheet`)."""
    sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
    sheet.reset_dimensions()  # some programs write a wrong <dimension>: it would cut rows short
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    headers = [_text(h) for h in first]
    seen: set[str] = set()
    for header in headers:
        if header and header in seen:
            raise UserError(f"第1行的列名“{header}”出现了两次，请删除重复的列。")
        seen.add(header)
    missing = [h for h in REQUIRED_COLUMNS if h not in seen]
    if missing:
        raise MissingColumnsError(missing)
    known = {i: h for i, h in enumerate(headers) if h in _ATTRS}
    ignored = [h for h in headers if h and h not in _ATTRS]
    out: list[dict[str, Any]] = []
    for number, values in enumerate(rows, start=2):
        record = {h: (values[i] if i < len(values) else None) for i, h in known.items()}
        record = {h: (v.strip() if isinstance(v, str) else v) for h, v in record.items()}
        if all(v is None or v == "" for v in record.values()):
            continue
        record[ROW_KEY] = number
        out.append(record)
    return LedgerSheet(out, ignored)


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


def _error_text(error: ValidationError) -> str:
    prefix = f"{error.field}："
    return error.message[len(prefix) :] if error.message.startswith(prefix) else error.message


def _event_problem(row: int, error: ValidationError, column: str) -> Problem:
    if error.field in _ATTRS:
        return Problem(row, error.field, _error_text(error))
    if error.field in _FIELD_COLUMNS:
        return Problem(row, _FIELD_COLUMNS[error.field], _error_text(error))
    return Problem(row, column, error.message)


def _check_events(
    item: LedgerRow, events: list[tuple[Event, str]], calendar: WorkCalendar, rules: case.Rules, today: date
) -> Problem | None:
    """The first event that cannot stand (checked in timeline order, like case.replay), as a Problem."""
    assert item.received is not None
    ordered = sorted(events, key=lambda pair: (pair[0].day, pair[0].id))
    try:
        case.replay(item.received, [e for e, _ in ordered], calendar, today=today, rules=rules)
        return None
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
    problems: list[Problem] = []
    planned: list[_Planned] = []
    number_rows: dict[str, int] = {}
    for done, values in enumerate(sheet.rows, start=1):
        if progress is not None:
            progress(done - 1, total)
        item, row_problems = LedgerRow.parse(values, int(values[ROW_KEY]), today=today)
        if item.number and item.number in numbers:
            report.skipped.append(f"第{item.row}行：申请编号{item.number}已存在，跳过。")
            continue
        if item.number and item.number in number_rows:
            row_problems.append(Problem(item.row, "申请编号", f"与第{number_rows[item.number]}行的申请编号重复。"))
        elif item.number:
            number_rows[item.number] = item.row
        if not item.number and (item.received, item.applicant_name, item.content) in keys:
            report.skipped.append(f"第{item.row}行：已有收到日期、申请人和申请内容都相同的申请，视为已导入，跳过。")
            continue
        if not row_problems:
            row_problems = _closing_prerequisites(item)
        if row_problems:
            problems += row_problems
            continue
        form, masked_id, masked_phone = item.registration()
        try:
            clean = applications.clean_input(form, today=today)
        except ValidationError as error:
            problems.append(_event_problem(item.row, error, "申请人"))
            continue
        clean = replace(clean, id_number=masked_id or clean.id_number, phone=masked_phone or clean.phone)
        events = item.events(review_organ=review_organ, court=court)
        problem = _check_events(item, events, calendar, rules, today) or _locked_problem(item, events, locked)
        if problem is not None:
            problems.append(problem)
            continue
        planned.append(_Planned(item, clean, [e for e, _ in events]))
    if problems:
        raise LedgerProblems(problems)

    try:
        step = None if progress is None else (lambda done: progress(len(sheet.rows) + done, total))
        _write(db, planned, report, calendar=calendar, rules=rules, today=today, actor=actor, step=step)
    except IntegrityError:
        raise UserError(
            "导入期间数据库中的申请被修改（可能另一个窗口同时在登记），未导入任何申请。请重新导入。"
        ) from None
    if progress is not None:
        progress(total, total)
    return report


def _write(
    db: Database,
    planned: list[_Planned],
    report: ImportReport,
    *,
    calendar: WorkCalendar,
    rules: case.Rules,
    today: date,
    actor: str,
    step: Callable[[int], None] | None,
) -> None:
    """Everything in one transaction: the given numbers are reserved first, then the rows are inserted."""
    with db.transaction() as session:
        for plan in planned:
            if plan.row.number:
                year, seq = plan.row.number.split("-")
                applications.reserve_number(session, int(year), int(seq))
        for done, plan in enumerate(planned, start=1):
            registered = applications.insert_application(
                session,
                plan.form,
                plan.events,
                number=plan.row.number or None,
                calendar=calendar,
                rules=rules,
                today=today,
                actor=actor,
            )
            report.imported.append(ImportedRow(plan.row.row, registered.number, registered.state.status.value))
            if step is not None:
                step(done)


# -- export -------------------------------------------------------------------------------------------------


def ledger_values(detail: ApplicationDetail, *, full: bool = False, mask_names: bool = False) -> dict[str, Any]:
    """The ledger row of an application (header → value), the inverse of the import mapping. `mask_names`
    also masks 申请人 and 通信地址 (张*, 青山县白鹤镇****) for a list that leaves the office."""
    fields, facts = detail.fields, detail.facts
    if mask_names:
        fields = replace(fields, applicant_name=mask_name(fields.applicant_name), address=mask_address(fields.address))
    values: dict[str, Any] = {
        "申请编号": detail.number,
        "收到日期": fields.received,
        "申请方式": fields.channel,
        "申请人类型": fields.applicant_type,
        "申请人": fields.applicant_name,
        "证件号码": fields.id_number if full or is_masked(fields.id_number) else mask_id(fields.id_number),
        "联系电话": fields.phone if full or is_masked(fields.phone) else mask_phone(fields.phone),
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


def _prepare_sheet(ws: Worksheet, rows: int = 2000) -> None:
    """Headers, frozen header row, widths, text format for long numbers, drop-down lists."""
    ws.title = SHEET_NAME
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, header in enumerate(LEDGER_COLUMNS, start=1):
        cell = safe_cell(ws, 1, col, header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        letter = get_column_letter(col)
        width = _WIDTHS.get(header, 13 if header in DATE_COLUMNS else max(10, len(header) * 2 + 2))
        ws.column_dimensions[letter].width = width
        if header in TEXT_FORMAT_COLUMNS:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    last = max(rows, 2) + 1
    for header, allowed in CHOICES.items():
        letter = get_column_letter(LEDGER_COLUMNS.index(header) + 1)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(allowed) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="无效的值",
            error=f"{header}应为：{'、'.join(allowed)}",
        )
        validation.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(validation)


def _limit_help(column: str) -> str:
    """The limits the import applies, stated where the clerk reads the rules (dates, lengths)."""
    if column in DATE_COLUMNS:
        return "不早于2000年1月1日，不晚于导入之日一年后。"
    return limits.limit_note(column)


def _fill_help(ws: Worksheet) -> None:
    ws.title = HELP_SHEET_NAME
    intro = "台账填写说明：在“台账”工作表中每行填写一件申请，第1行的列名不要修改。日期写成2025-03-01的格式。"
    safe_cell(ws, 1, 1, intro)
    ws.cell(row=1, column=1).font = Font(bold=True)
    headers = ("列名", "填写说明", "示例")
    for col, header in enumerate(headers, start=1):
        cell = safe_cell(ws, 3, col, header)
        cell.font = Font(bold=True)
    for index, column in enumerate(LEDGER_COLUMNS, start=4):
        explanation, example = _HELP[column]
        explanation = "".join(part for part in (explanation, _limit_help(column)) if part)
        safe_cell(ws, index, 1, column)
        safe_cell(ws, index, 2, explanation)
        if column in DATE_COLUMNS and example:
            safe_cell(ws, index, 3, date.fromisoformat(example))
        else:
            safe_cell(ws, index, 3, example)
        ws.cell(row=index, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 30
    ws.freeze_panes = "A4"


def write_template(path: str | Path) -> Path:
    """An empty ledger (sheet 台账) with drop-down lists, and a sheet 填写说明 with an example for every column."""
    workbook = Workbook()
    set_xlsx_properties(workbook, title="依申请公开台账模板", author="")  # no unit yet: the program is the author
    _prepare_sheet(workbook.active)
    _fill_help(workbook.create_sheet(HELP_SHEET_NAME))
    return atomic_save(workbook, path)


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
    workbook = Workbook()
    ws = workbook.active
    _prepare_sheet(ws, rows=total + 500)
    for index, detail in enumerate(applications.iter_details(db, year=year), start=2):
        if progress is not None and index % 100 == 2:
            progress(index - 2, total)
        values = ledger_values(detail, full=full, mask_names=mask_names)
        for col, header in enumerate(LEDGER_COLUMNS, start=1):
            safe_cell(ws, index, col, values.get(header))
    workbook.create_sheet(HELP_SHEET_NAME)
    _fill_help(workbook[HELP_SHEET_NAME])
    mark_ledger_export(db, workbook, full=full, year=year)  # the properties: title, unit, time, full data
    saved = atomic_save(workbook, path)
    log_export(db, "台账", saved, count=total, full=full, masked_names=mask_names)
    if progress is not None:
        progress(total, total)
    return total
