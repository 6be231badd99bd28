"""答复书和告知书: which letters an application's facts allow, and what each one says (README §3).

Pure functions over plain data (no database, no clock, no files): the service passes the case, the unit, the
clerk's optional inputs, the allocated 字号 and `today`. The wording cites the articles of the 条例 exactly
(条例摘录.md); the article of each result comes from `models.domain.results` (the one place for
result → article → remedy).
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from models.domain.case import (
    CONSULTATION_DAYS,
    PAYMENT_DAYS,
    REPLY_DAYS,
    CaseState,
    Consultation,
    EventKind,
    Facts,
)
from models.domain.errors import UserError, ValidationError
from models.domain.results import ROWS_BY_CODE, Remedy, ResultRow

LAW = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》"
PUBLISHED_DETAIL = "已主动公开"  # the 36(一) variant of 予以公开 (the ledger's 具体情形 for it)
PUBLISHED_BASIS = "第三十六条第（一）项"
DEFAULT_NUMBER_PATTERN = "{prefix}〔{year}〕{seq}号"
NUMBER_FIELDS = ("prefix", "year", "seq")


class LetterKind(StrEnum):
    REPLY = "reply"
    SUPPLEMENT = "supplement"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    FEE = "fee"
    RECEIPT = "receipt"
    SERVICE = "service"
    THIRD_PARTY_NOTICE = "third_party_notice"
    COPRODUCER = "coproducer"
    REASONS = "reasons"  # 第35条 延迟答复告知书 (the reasonable later date)
    REASONS_REQUEST = "reasons_request"  # 第35条 要求说明理由告知书


@dataclass(frozen=True)
class KindInfo:
    label: str  # the name in the register and in menus
    title: str  # the title line under the unit name
    numbered: bool  # gets a 字号 from the year's sequence


KINDS: dict[LetterKind, KindInfo] = {
    LetterKind.REPLY: KindInfo("答复书", "政府信息公开申请答复书", True),
    LetterKind.SUPPLEMENT: KindInfo("补正申请告知书", "政府信息公开补正申请告知书", True),
    LetterKind.EXTENSION: KindInfo("延期答复告知书", "政府信息公开延期答复告知书", True),
    LetterKind.CONSULTATION: KindInfo("征求意见书", "政府信息公开第三方意见征询函", True),
    LetterKind.FEE: KindInfo("信息处理费收费通知书", "信息处理费收费通知书", True),
    LetterKind.RECEIPT: KindInfo("登记回执", "政府信息公开申请登记回执", False),
    LetterKind.SERVICE: KindInfo("送达回证", "送达回证", False),
    LetterKind.THIRD_PARTY_NOTICE: KindInfo("依申请公开告知书", "依申请公开告知书", True),
    LetterKind.COPRODUCER: KindInfo("征求意见书（共同制作机关）", "政府信息公开征求意见书", True),
    LetterKind.REASONS: KindInfo("延迟答复告知书", "政府信息公开延迟答复告知书", True),
    LetterKind.REASONS_REQUEST: KindInfo("要求说明理由告知书", "政府信息公开要求说明理由告知书", True),
}
CONSULTATION_TITLES = {
    "第三方": "政府信息公开第三方意见征询函",
    "共同制作机关": "政府信息公开征求意见书",
    "其他机关": "政府信息公开征求意见函",
}

# The kinds the CLI's --kind must accept (the issue), then the three the 条例 itself requires.
MAIN_KINDS = (
    LetterKind.REPLY,
    LetterKind.SUPPLEMENT,
    LetterKind.EXTENSION,
    LetterKind.CONSULTATION,
    LetterKind.FEE,
    LetterKind.RECEIPT,
    LetterKind.SERVICE,
)
EXTRA_KINDS = (LetterKind.THIRD_PARTY_NOTICE, LetterKind.COPRODUCER, LetterKind.REASONS_REQUEST, LetterKind.REASONS)
ALL_KINDS = MAIN_KINDS + EXTRA_KINDS


def parse_kind(value: str) -> LetterKind:
    """A kind from its CLI name or its Chinese label."""
    value = value.strip()
    for kind in LetterKind:
        if value in (kind.value, KINDS[kind].label):
            return kind
    names = "、".join(k.value for k in ALL_KINDS)
    raise UserError(f"没有“{value}”这种文书。可用：{names}")


# -- plain data in ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitInfo:
    """What the letters need from the unit profile."""

    unit_name: str
    seal_name: str
    number_prefix: str
    review_organ: str
    court: str
    contact_person: str = ""
    contact_phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class LetterCase:
    """One application as the letters see it. `event_data` holds the data of the last non-voided event of each
    kind; `consultation_data` the data of each consultation's sending event, by the consultation's id."""

    number: str
    applicant_name: str
    applicant_type: str
    channel: str
    received: date
    content: str
    address: str
    facts: Facts
    state: CaseState
    event_data: Mapping[EventKind, Mapping[str, Any]] = field(default_factory=dict)
    consultation_data: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    reply_letter_number: str = ""  # the 字号 of the issued (not voided) 答复书, for the 送达回证
    letter_dates: Mapping[LetterKind, date] = field(default_factory=dict)  # latest valid letter of each kind
    extension_limit: date | None = None  # the reply due date before the last extension (延期告知的最后一天)
    fee_limit: date | None = None  # the reply due date the fee notice had to respect
    reasons_deadline: date | None = None  # 第35条 说明理由期限 as it ends (moved past rest days)
    reasons_established: bool = False  # request + answer (or silence past the period) recorded


@dataclass(frozen=True)
class LetterInputs:
    """What the clerk may add when generating (all optional; a letter that needs one says so)."""

    letter_date: date | None = None  # 成文日期; default: the date of the event the letter is about
    published_where: str = ""  # 已主动公开 / 公开出版物: where and how to get it
    provision: str = ""  # 予以公开: how the information is provided
    provided_part: str = ""  # 部分公开: the part provided
    refused_part: str = ""  # 部分公开: the part not provided
    refused_ground: str = ""  # 部分公开: the result code (3.1–3.7) of the ground for the refused part
    reasons: str = ""  # the facts and reasons in the clerk's words
    organ: str = ""  # the competent organ (无法提供, 行政查询事项, 信访渠道)
    organ_contact: str = ""
    attachments: tuple[str, ...] = ()
    consultation: int | None = None  # which consultation (its id); default: the latest
    pay_how: str = ""  # 收费: how to pay
    place: str = ""  # 送达回证: 送达地址
    server: str = ""  # 送达回证: 送达人
    basis: str = ""  # 其他处理 (六)3: the basis of what was decided (default: the one typed with the reply)
    late: bool = False  # the clerk confirms a 答复书 / 收费通知 dated after its statutory deadline (逾期)


INPUT_LABELS: dict[str, str] = {
    "letter_date": "成文日期",
    "published_where": "获取方式、途径（网址、栏目或地点）",
    "provision": "提供方式",
    "provided_part": "予以公开的部分",
    "refused_part": "不予公开的部分",
    "refused_ground": "不予公开部分的理由类型",
    "reasons": "事实和理由",
    "organ": "有关机关或渠道",
    "organ_contact": "该机关的联系方式",
    "attachments": "附件（每行一个）",
    "consultation": "征求意见",
    "pay_how": "缴费方式",
    "place": "送达地址",
    "server": "送达人",
    "basis": "处理依据",
    "late": "逾期出具",
}


# -- small formats ------------------------------------------------------------------------------------------


def cn_date(day: date) -> str:
    """2025年9月22日: Arabic numerals, no leading zeros (GB/T 9704 成文日期)."""
    return f"{day.year}年{day.month}月{day.day}日"


NUMBER_EXAMPLE = "例如 {prefix}〔{year}〕{seq}号，生成“白鹤镇政府信息公开〔2025〕12号”"
# GB/T 9704 发文字号: the prefix, the year in full in 六角括号 〔〕, the number without 第 and leading zeros, 号.
_NUMBER_SHAPE = re.compile(r"\{prefix\}[^{}〔〕\[\]()（）第]*〔\{year\}〕\{seq\}号")


def check_number_pattern(pattern: str) -> str:
    """The pattern if it renders a GB/T 9704 字号 (前缀〔2025〕12号); otherwise a ValidationError with an example."""
    pattern = pattern.strip()
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise ValidationError("字号格式", f"花括号不成对（{error}）。{NUMBER_EXAMPLE}。") from None
    names = [name for _text, name, _spec, _conv in parsed if name is not None]
    unknown = [n for n in names if n not in NUMBER_FIELDS]
    if unknown:
        raise ValidationError(
            "字号格式", f"不认识的占位符：{'、'.join('{' + n + '}' for n in unknown)}。{NUMBER_EXAMPLE}。"
        )
    missing = [n for n in NUMBER_FIELDS if n not in names]
    if missing:
        raise ValidationError(
            "字号格式", f"必须包含{'、'.join('{' + n + '}' for n in missing)}（前缀、年份、序号）。{NUMBER_EXAMPLE}。"
        )
    if any(spec or conv for _text, name, spec, conv in parsed if name is not None) or sorted(names) != sorted(
        NUMBER_FIELDS
    ):
        raise ValidationError("字号格式", f"每个占位符只能出现一次，且不能带格式（序号不补零）。{NUMBER_EXAMPLE}。")
    if "第" in pattern or not _NUMBER_SHAPE.fullmatch(pattern):
        raise ValidationError(
            "字号格式",
            f"发文字号应为“前缀〔年份〕N号”：年份用六角括号〔〕，序号前不加“第”、不补零。{NUMBER_EXAMPLE}。",
        )
    return pattern


def format_number(pattern: str, *, prefix: str, year: int, seq: int) -> str:
    """The 字号, e.g. 白鹤镇政府信息公开〔2025〕12号 (year in full, no leading zeros, no 第)."""
    return check_number_pattern(pattern).format(prefix=prefix, year=year, seq=seq)


def you(applicant_type: str) -> str:
    """How a letter addresses the applicant: 您 for a person, 你单位 for an organisation."""
    return "您" if applicant_type == "自然人" else "你单位"


def cite(basis: str) -> str:
    """A results.py `basis` as a citation: 第十四条、第三十六条第（三）项 → 《…条例》第十四条、第三十六条第（三）项."""
    parts = [p.strip() for p in basis.split("，") if p.strip()]
    return "和".join(LAW + p if p.startswith("第") else p for p in parts)


def remedy_route(row: ResultRow, *, query_items_review_first: bool = True) -> Remedy:
    """The remedy of a result: the row's, except 3.8 (行政查询事项), which a setting decides (README §3)."""
    if row.code == "3.8":
        return Remedy.REVIEW_FIRST if query_items_review_first else Remedy.GENERAL
    return row.remedy


def remedy_sentence(route: Remedy, *, organ: str, court: str, subject: str = "本答复") -> str:
    """README §3 wording (2023 行政复议法); 复议前置 offers no direct lawsuit."""
    if route is Remedy.REVIEW_FIRST:
        return (
            f"如对{subject}不服，应当自收到{subject}之日起六十日内先向{organ}申请行政复议；"
            "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        )
    return (
        f"如对{subject}不服，可以自收到{subject}之日起六十日内向{organ}申请行政复议，"
        f"也可以自收到{subject}之日起六个月内向{court}提起行政诉讼。"
    )


def text_width(text: str) -> float:
    """Width in body characters: ASCII is half width (digits of a date), everything else full width."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch.isascii() else 1.0 for ch in text)


def attachment_lines(items: Sequence[str]) -> tuple[str, ...]:
    """GB/T 9704 附件说明: 附件：X for one; 附件：1.X then 2.Y … (the service indents the following lines)."""
    names = [_unnumbered(item).rstrip("。") for item in items]
    names = [n for n in names if n]
    if not names:
        return ()
    if len(names) == 1:
        return (f"附件：{names[0]}",)
    return (f"附件：1.{names[0]}",) + tuple(f"{i}.{name}" for i, name in enumerate(names[1:], start=2))


def _unnumbered(item: str) -> str:
    """An item without the number the clerk may have typed (1. 1、 1．)."""
    return re.sub(r"^\s*\d+[.．、]\s*", "", item).strip()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _sentence(text: str) -> str:
    """The clerk's text as a sentence: trimmed, ending with a full stop."""
    text = " ".join(_lines(text))
    if text and text[-1] not in "。；！？：”」）)":
        text += "。"
    return text


_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}


def requested(content: str) -> str:
    """The applicant's content quoted once: “X”, never “申请公开X” or ““X””."""
    text = " ".join(_lines(content))
    text = re.sub(r"^(申请公开|申请获取)[：:，,]?\s*", "", text)
    while len(text) >= 2 and text[0] in _QUOTES and text.endswith(_QUOTES[text[0]]) and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    text = text.rstrip("。")
    return f"“{text}”"


def _balanced(text: str) -> bool:
    """No closing quote before its opening one (“十四五”规划和“十五五”规划 keeps its outer quotes)."""
    depth = 0
    for ch in text:
        if ch in "“「『‘":
            depth += 1
        elif ch in "”」』’":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _once(phrase: str, paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs with `phrase` kept only where it first appears (no doubled 经审查)."""
    out, seen = [], False
    for paragraph in paragraphs:
        if seen:
            paragraph = paragraph.replace(phrase, "")
        elif phrase in paragraph:
            head, tail = paragraph.split(phrase, 1)
            paragraph, seen = head + phrase + tail.replace(phrase, ""), True
        out.append(paragraph)
    return out


_ORGANISATION = re.compile(r"(公司|厂|店|社|会|院|所|局|委|中心|部|处|站|队|办|行|校|协会|集团|合作社|委员会|政府)$")


def party_you(item: Consultation, data: Mapping[str, Any]) -> str:
    """How a letter addresses a consulted third party: 您 (a person) or 贵单位 (an organisation), as recorded
    on the consultation; an old record without it is read from the name."""
    party_type = str(data.get("party_type", ""))
    if party_type == "自然人":
        return "您"
    if party_type or item.party_kind != "第三方" or _ORGANISATION.search(item.party.strip()):
        return "贵单位"
    return "您"


def withheld_ground(code: str) -> ResultRow:
    """The ground of a withheld part of a 部分公开: a 不予公开 (3.x) or 无法提供 (4.x) row only."""
    row = ROWS_BY_CODE.get(code.strip())
    if row is None or not row.code.startswith(("3.", "4.")):
        shown = f"“{code.strip()}”" if code.strip() else "（未填写）"
        raise ValidationError(
            INPUT_LABELS["refused_ground"],
            f"{shown}不可用。部分公开须为不予公开的部分写明法定理由类型：不予公开3.1—3.8或无法提供4.1—4.3之一"
            f"（{LAW}第三十七条）。",
        )
    return row


# -- which letters are allowed now --------------------------------------------------------------------------


def _consultation(case: LetterCase, inputs: LetterInputs, party_kind: str | None = None) -> Consultation | None:
    items = [c for c in case.facts.consultations if party_kind is None or c.party_kind == party_kind]
    if inputs.consultation is not None:
        return next((c for c in items if c.id == inputs.consultation), None)
    return items[-1] if items else None


def _closing_row(case: LetterCase) -> ResultRow | None:
    """The row a 答复书 is about: the recorded reply, or a closing by lapse (逾期不补正, 逾期未缴费)."""
    facts = case.facts
    if facts.reply is not None:
        return facts.reply.row
    closing = facts.closing
    if closing is not None and closing[0].code in ("6.1", "6.2"):
        return closing[0]
    return None


def refusal(kind: LetterKind, case: LetterCase, inputs: LetterInputs = LetterInputs()) -> str | None:
    """Why `kind` cannot be issued for this case now (Chinese), or None when it can."""
    facts = case.facts
    if kind is LetterKind.REPLY:
        row = _closing_row(case)
        if row is None:
            return "尚未登记答复（办理结果），不能生成答复书。请先在办理过程中登记答复。"
        if case.reply_letter_number:
            return (
                f"本申请已有有效的答复书（{case.reply_letter_number}）。一件申请只能有一份有效的答复书："
                "如需重新出具，请先在文书登记中作废原答复书并写明理由。"
            )
        if row.code == "5.4" and not case.reasons_established:
            return (
                "以第三十五条“无正当理由大量反复申请”不予处理，须先要求申请人说明理由，并登记申请人的说明"
                "（或说明理由期限届满仍未说明）。请先登记“要求说明理由”及其结果。"
            )
    if kind is LetterKind.SUPPLEMENT and facts.supplement_notice is None:
        return "尚未登记补正告知，不能生成补正申请告知书。请先登记“发出补正告知”（含补正事项和补正期限）。"
    if kind is LetterKind.EXTENSION and not facts.extensions:
        return "尚未登记延期答复，不能生成延期答复告知书。请先登记“延期答复”（含审批人）。"
    if kind is LetterKind.FEE and facts.fee is None:
        return "尚未登记收费通知，不能生成信息处理费收费通知书。请先登记“发出收费通知”。"
    if kind is LetterKind.CONSULTATION and _consultation(case, inputs) is None:
        return "尚未登记征求意见，不能生成征求意见书。请先登记“征求意见”（含征求对象）。"
    if kind is LetterKind.COPRODUCER and _consultation(case, inputs, "共同制作机关") is None:
        return "尚未登记向共同制作机关征求意见，不能生成征求意见书（第三十四条）。"
    if kind is LetterKind.SERVICE and facts.reply is None:
        return "尚未登记答复，不能生成送达回证。请先登记答复。"
    if kind is LetterKind.REASONS and facts.delay_until is None:
        return "尚未登记延迟答复（第三十五条），不能生成延迟答复告知书。请先登记“延迟答复”（含理由和期限）。"
    if kind is LetterKind.REASONS_REQUEST and facts.reasons_request is None:
        return "尚未登记要求说明理由（第三十五条），不能生成要求说明理由告知书。请先登记“要求说明理由”（含期限）。"
    if kind is LetterKind.THIRD_PARTY_NOTICE:
        if _consultation(case, inputs, "第三方") is None:
            return "没有向第三方征求意见的记录，不能生成依申请公开告知书（第三十二条）。"
        if facts.reply is None or facts.reply.row.code not in ("1", "2"):
            return "依申请公开告知书用于决定公开涉及第三方的信息之后：请先登记“予以公开”或“部分公开”的答复。"
        if facts.reply.served is not None and facts.reply.served <= facts.reply.day:
            return (
                f"答复已于{cn_date(facts.reply.served)}送达申请人（信息已公开）。第三十二条告知书应在决定公开之日、"
                "公开之前发出：请更正答复的送达日期，或不再出具本告知书。"
            )
    return None


def allowed_kinds(case: LetterCase) -> list[LetterKind]:
    return [kind for kind in ALL_KINDS if refusal(kind, case) is None]


def input_fields(kind: LetterKind, case: LetterCase) -> list[str]:
    """The LetterInputs fields that matter for this letter (the GUI asks only for these)."""
    fields = ["letter_date"]
    if kind is LetterKind.REPLY:
        row = _closing_row(case)
        code = row.code if row else ""
        if code == "1":
            fields += ["published_where", "provision"]
        elif code == "2":
            fields += ["provided_part", "refused_part", "refused_ground", "reasons", "provision"]
        elif code == "3.8":
            fields += ["organ", "reasons"]
        elif code.startswith("3") or code in ("5.2", "5.4", "6.3", "4.2", "4.3"):
            fields += ["reasons"]
        elif code == "4.1":
            fields += ["organ", "organ_contact", "reasons"]
        elif code == "5.1":
            fields += ["organ", "reasons"]
        elif code == "5.3":
            fields += ["published_where"]
        elif code == "5.5":
            fields += ["reasons"]
        elif code == "6.3":
            fields += ["basis"]
    elif kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
        fields += ["consultation", "reasons"]
    elif kind is LetterKind.THIRD_PARTY_NOTICE:
        fields += ["consultation", "provided_part", "reasons"]
    elif kind is LetterKind.FEE:
        fields += ["pay_how"]
    elif kind is LetterKind.SERVICE:
        return ["letter_date", "place", "server"]
    elif kind in (LetterKind.EXTENSION, LetterKind.REASONS_REQUEST):
        fields += ["reasons"]
    if kind is not LetterKind.RECEIPT:
        fields.append("attachments")
    return fields


def default_date(kind: LetterKind, case: LetterCase, inputs: LetterInputs, *, today: date) -> date:
    """The 成文日期: the clerk's, or the date of the event the letter is about (today for a receipt)."""
    if inputs.letter_date is not None:
        return inputs.letter_date
    return min(about_date(kind, case, inputs, today=today) or today, today)


def about_date(kind: LetterKind, case: LetterCase, inputs: LetterInputs, *, today: date) -> date | None:
    """The date of the event the letter is about (the 第32条 notice: the decision to disclose, never today)."""
    facts = case.facts
    day: date | None = None
    if kind is LetterKind.REPLY:
        day = facts.reply.day if facts.reply else (case.state.result_date or today)
    elif kind is LetterKind.SUPPLEMENT:
        day = facts.supplement_notice
    elif kind is LetterKind.EXTENSION and facts.extensions:
        day = facts.extensions[-1][0]
    elif kind is LetterKind.FEE and facts.fee:
        day = facts.fee.notice
    elif kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
        item = _consultation(case, inputs, "共同制作机关" if kind is LetterKind.COPRODUCER else None)
        day = item.sent if item else None
    elif kind is LetterKind.REASONS:
        day = facts.delay_notice
    elif kind is LetterKind.REASONS_REQUEST:
        day = facts.reasons_request
    elif kind is LetterKind.THIRD_PARTY_NOTICE and facts.reply is not None:
        day = facts.reply.day  # the reply records the decision to disclose
    elif kind is LetterKind.RECEIPT:
        day = case.received
    return day


# Earlier letters a letter follows: it may not be dated before the latest valid one of these kinds.
FOLLOWS: dict[LetterKind, tuple[LetterKind, ...]] = {
    LetterKind.REPLY: (
        LetterKind.RECEIPT,
        LetterKind.SUPPLEMENT,
        LetterKind.EXTENSION,
        LetterKind.CONSULTATION,
        LetterKind.COPRODUCER,
        LetterKind.FEE,
        LetterKind.REASONS_REQUEST,
        LetterKind.REASONS,
    ),
    LetterKind.SERVICE: (LetterKind.REPLY,),
    LetterKind.EXTENSION: (LetterKind.RECEIPT, LetterKind.SUPPLEMENT),
    LetterKind.SUPPLEMENT: (LetterKind.RECEIPT,),
    LetterKind.REASONS_REQUEST: (LetterKind.RECEIPT,),
    LetterKind.FEE: (LetterKind.RECEIPT, LetterKind.SUPPLEMENT),
    LetterKind.REASONS: (LetterKind.REASONS_REQUEST,),
    LetterKind.THIRD_PARTY_NOTICE: (LetterKind.CONSULTATION,),
}


class LateLetterError(UserError):
    """A 答复书 / 收费通知 dated after its statutory deadline without the clerk's 逾期 confirmation."""

    def __init__(self, message: str, *, due: date) -> None:
        super().__init__(message)
        self.due = due


def _earlier_facts(kind: LetterKind, case: LetterCase, inputs: LetterInputs, today: date) -> list[tuple[date, str]]:
    """(date, what) of the events and letters this letter follows."""
    facts = case.facts
    out: list[tuple[date, str]] = []
    about = about_date(kind, case, inputs, today=today)
    if about is not None and kind not in (LetterKind.RECEIPT, LetterKind.SERVICE):
        out.append((about, "登记事项"))
    if kind is LetterKind.REPLY:
        if facts.extensions:
            out.append((facts.extensions[-1][0], "延期答复告知"))
        if facts.supplement_received is not None:
            out.append((facts.supplement_received, "收到补正"))
        if facts.delay_notice is not None:
            out.append((facts.delay_notice, "延迟答复告知"))
        for day in (facts.reasons_answered, facts.reasons_no_answer):
            if day is not None:
                out.append((day, "申请人说明理由的结果"))
        for item in facts.consultations:
            if item.answered or item.no_answer:
                out.append((item.answered or item.no_answer, f"征求{item.party}意见的结果"))  # type: ignore[arg-type]
    if kind is LetterKind.SERVICE and facts.reply is not None:
        out.append((facts.reply.day, "答复"))
    if kind is LetterKind.THIRD_PARTY_NOTICE:
        party = _consultation(case, inputs, "第三方")
        if party is not None:
            out.append((party.sent, "征求第三方意见"))
    for earlier in FOLLOWS.get(kind, ()):
        day = case.letter_dates.get(earlier)
        if day is not None:
            out.append((day, KINDS[earlier].label))
    return out


def date_refusal(kind: LetterKind, case: LetterCase, inputs: LetterInputs, day: date, *, today: date) -> str | None:
    """Why the letter cannot carry the 成文日期 `day` (README §3 rules a letter must satisfy), or None."""
    facts, state, label = case.facts, case.state, KINDS[kind].label
    if kind is LetterKind.EXTENSION and case.extension_limit is not None and day > case.extension_limit:
        return (
            f"延期答复告知书的日期{cn_date(day)}晚于原答复期限{cn_date(case.extension_limit)}："
            f"延期须在原答复期限届满前告知申请人（{LAW}第三十三条第二款）。"
        )
    if kind is LetterKind.SUPPLEMENT:
        if day > state.supplement_notice_due:
            return (
                f"补正申请告知书的日期{cn_date(day)}晚于补正告知期限{cn_date(state.supplement_notice_due)}"
                f"（收到申请之日起7个工作日内一次性告知，{LAW}第三十条）。"
            )
        deadline = state.supplement_deadline or facts.supplement_deadline
        if deadline is not None and deadline <= day:
            return f"告知申请人的补正期限{cn_date(deadline)}应晚于告知书的日期{cn_date(day)}。"
    if kind is LetterKind.REASONS_REQUEST:
        deadline = case.reasons_deadline or facts.reasons_deadline
        if deadline is not None and deadline <= day:
            return f"告知申请人的说明理由期限{cn_date(deadline)}应晚于告知书的日期{cn_date(day)}。"
    if kind is LetterKind.THIRD_PARTY_NOTICE and facts.reply is not None:
        decision = facts.reply.day
        if day != decision:
            return (
                f"第三十二条告知书应以决定公开之日为日期：决定公开（答复）的日期是{cn_date(decision)}，"
                f"不是{cn_date(day)}。"
            )
    for earlier, what in _earlier_facts(kind, case, inputs, today):
        if day < earlier:
            return f"{label}的日期{cn_date(day)}早于它所依据的{what}（{cn_date(earlier)}）。"
    return None


def statutory_limit(kind: LetterKind, case: LetterCase) -> date | None:
    """The last day a 答复书 / 收费通知 is on time (条例第33条; 收费通知须在答复期限内发出)."""
    if kind is LetterKind.REPLY and case.facts.reply is not None:
        return case.state.reply_due
    if kind is LetterKind.FEE:
        return case.fee_limit
    return None


def late_refusal(kind: LetterKind, case: LetterCase, inputs: LetterInputs, day: date) -> LateLetterError | None:
    limit = statutory_limit(kind, case)
    if limit is None or day <= limit or inputs.late:
        return None
    return LateLetterError(
        f"{KINDS[kind].label}的日期{cn_date(day)}晚于法定期限{cn_date(limit)}，属于逾期出具。"
        "确属逾期的，须确认逾期出具，逾期将记入办理过程。",
        due=limit,
    )


PROMISING = (
    LetterKind.RECEIPT,
    LetterKind.SUPPLEMENT,
    LetterKind.EXTENSION,
    LetterKind.FEE,
    LetterKind.REASONS_REQUEST,
)


def calendar_warning(kind: LetterKind, case: LetterCase) -> str:
    """A letter that promises a date computed in a year without holiday data says so (GUI and CLI warn)."""
    if kind not in PROMISING or not case.state.uncertain_years:
        return ""
    years = "、".join(f"{y}年" for y in case.state.uncertain_years)
    return f"{years}节假日安排尚未录入：本文书告知申请人的日期按周末推算，可能不准确。请先导入该年的节假日安排。"


def contact_warning(unit: UnitInfo) -> str:
    """Missing contact details: asked for before the letters go out (a warning, not a refusal)."""
    missing = [name for name, value in (("联系人", unit.contact_person), ("联系电话", unit.contact_phone)) if not value]
    if not missing:
        return ""
    return f"单位信息中没有填写{'、'.join(missing)}，文书中将没有联系方式。请在“设置 → 单位信息”中填写。"


# -- the letter ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterContent:
    """A letter as plain text pieces; `context()` is what the Word template receives."""

    kind: LetterKind
    title: str
    unit_name: str
    number: str
    salutation: str
    body: tuple[str, ...]
    remedy: str
    contact: str
    attachments: tuple[str, ...]
    signature: str
    date: date
    application_number: str
    applicant: str
    received: datetime.date  # (the field `date` above hides the type name inside the class)
    content: str
    table: Mapping[str, str] = field(default_factory=dict)  # 送达回证 rows
    closing: str = ""  # "特此答复。" etc. when it follows the remedy paragraph (it closes the letter)
    late_due: datetime.date | None = None  # the statutory deadline this letter is issued after (逾期, confirmed)
    warnings: tuple[str, ...] = ()

    @property
    def register_title(self) -> str:
        return f"{self.unit_name}{self.title}"

    def context(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name,
            "title": self.title,
            "number": self.number,
            "salutation": self.salutation,
            "body": list(self.body),
            # The closing phrase follows the remedy as a paragraph of its own (docxtpl turns \a into a new
            # paragraph with the same style), so the built-in template's order needs no change.
            "remedy": self.remedy + (f"\a{self.closing}" if self.remedy and self.closing else ""),
            "contact": self.contact,
            "attachment_first": self.attachments[0] if self.attachments else "",
            "attachment_rest": list(self.attachments[1:]),
            "signature": self.signature,
            "date": cn_date(self.date),
            "application_number": self.application_number,
            "applicant": self.applicant,
            "received": cn_date(self.received),
            "content": self.content,
            **{key: self.table.get(key, "") for key in SERVICE_KEYS},
        }

    def paragraphs(self) -> list[str]:
        """The whole letter as text, in order (for the PDF fallback and for checks)."""
        lines = [self.unit_name, self.title]
        if self.number:
            lines.append(self.number)
        if self.table:
            lines += [f"{SERVICE_LABELS[k]}：{self.table.get(k, '')}" for k in SERVICE_KEYS]
        else:
            lines.append(self.salutation)
            lines += list(self.body)
            lines += [x for x in (self.remedy, self.closing, self.contact) if x]
            lines += list(self.attachments)
        return lines + [self.signature, cn_date(self.date)]


SERVICE_KEYS = ("document", "recipient", "place", "method", "server", "remark")
SERVICE_LABELS = {
    "document": "送达文书名称及文号",
    "recipient": "受送达人",
    "place": "送达地址",
    "method": "送达方式",
    "server": "送达人",
    "remark": "备注",
}
COMMON_KEYS = frozenset(
    {
        "unit_name",
        "title",
        "number",
        "salutation",
        "body",
        "remedy",
        "contact",
        "attachment_first",
        "attachment_rest",
        "signature",
        "date",
        "application_number",
        "applicant",
        "received",
        "content",
        *SERVICE_KEYS,
    }
)


def required_keys(kind: LetterKind) -> frozenset[str]:
    """The placeholders a unit's template for `kind` must keep."""
    keys = {"signature", "date"}
    if KINDS[kind].numbered:
        keys.add("number")
    if kind is LetterKind.SERVICE:
        keys |= {"document", "recipient"}
    else:
        keys |= {"salutation", "body"}
    if kind in (LetterKind.REPLY, LetterKind.THIRD_PARTY_NOTICE, LetterKind.FEE):
        keys.add("remedy")
    return frozenset(keys)


@dataclass(frozen=True)
class Options:
    """Local settings the wording depends on."""

    query_items_review_first: bool = True  # 3.8: 复议前置 by default (README §3)


def build(
    kind: LetterKind,
    case: LetterCase,
    unit: UnitInfo,
    inputs: LetterInputs,
    *,
    number: str,
    today: date,
    options: Options = Options(),
) -> LetterContent:
    """The letter; raises UserError when the facts do not allow it or an input it needs is missing."""
    why = refusal(kind, case, inputs)
    if why:
        raise UserError(why)
    day = default_date(kind, case, inputs, today=today)
    if day > today:
        raise ValidationError("成文日期", f"{cn_date(day)}晚于今天（{cn_date(today)}）。")
    if day < case.received:
        raise ValidationError("成文日期", f"{cn_date(day)}早于收到申请日期{cn_date(case.received)}。")
    why = date_refusal(kind, case, inputs, day, today=today)
    if why:
        raise ValidationError("成文日期", why)
    late = late_refusal(kind, case, inputs, day)
    if late is not None:
        raise late
    limit = statutory_limit(kind, case)
    writer = _Writer(kind, case, unit, inputs, options)
    body, remedy = writer.write()
    closing = ""
    if remedy and body and body[-1].startswith("特此"):
        closing = body.pop()  # "特此答复。" comes after the remedy paragraph
    title = KINDS[kind].title
    if kind is LetterKind.CONSULTATION:
        item = _consultation(case, inputs)
        title = CONSULTATION_TITLES.get(item.party_kind if item else "第三方", title)
    parts = [f"联系人：{unit.contact_person}" if unit.contact_person else ""]
    parts.append(f"联系电话：{unit.contact_phone}" if unit.contact_phone else "")
    contact = "　".join(p for p in parts if p)
    attachments = attachment_lines(inputs.attachments)
    return LetterContent(
        kind=kind,
        title=title,
        unit_name=unit.unit_name,
        number=number if KINDS[kind].numbered else "",
        salutation=writer.salutation(),
        body=tuple(body),
        remedy=remedy,
        contact="" if kind is LetterKind.SERVICE else contact,
        attachments=() if kind is LetterKind.SERVICE else attachments,
        signature=unit.seal_name or unit.unit_name,
        date=day,
        application_number=case.number,
        applicant=case.applicant_name,
        received=case.received,
        content=case.content,
        table=writer.table(),
        closing=closing,
        late_due=limit if limit is not None and day > limit else None,
        warnings=tuple(w for w in (calendar_warning(kind, case), contact_warning(unit)) if w),
    )


class _Writer:
    """The wording of each kind (one method per kind)."""

    def __init__(
        self, kind: LetterKind, case: LetterCase, unit: UnitInfo, inputs: LetterInputs, options: Options
    ) -> None:
        self.kind, self.case, self.unit, self.inputs, self.options = kind, case, unit, inputs, options
        self.you = you(case.applicant_type)

    # -- shared pieces ----------------------------------------------------------------------------------
    def salutation(self) -> str:
        if self.kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER, LetterKind.THIRD_PARTY_NOTICE):
            item = self._party_consultation()
            return f"{item.party}：" if item else "："
        return f"{self.case.applicant_name}："

    def _party_consultation(self) -> Consultation | None:
        party_kind = {LetterKind.COPRODUCER: "共同制作机关", LetterKind.THIRD_PARTY_NOTICE: "第三方"}.get(self.kind)
        return _consultation(self.case, self.inputs, party_kind)

    def opening(self) -> str:
        case = self.case
        return (
            f"本机关于{cn_date(case.received)}收到{self.you}通过{case.channel}方式提交的政府信息公开申请，"
            f"申请获取{requested(case.content)}。"
        )

    def remedy(self, route: Remedy, subject: str = "本答复") -> str:
        return remedy_sentence(route, organ=self.unit.review_organ, court=self.unit.court, subject=subject)

    def need(self, value: str, field_name: str, why: str) -> str:
        value = " ".join(_lines(value))
        if not value:
            raise ValidationError(INPUT_LABELS[field_name], why)
        return value

    def extra(self) -> list[str]:
        text = _sentence(self.inputs.reasons)
        return [text] if text else []

    def table(self) -> dict[str, str]:
        if self.kind is not LetterKind.SERVICE:
            return {}
        case = self.case
        reply = case.facts.reply
        document = "政府信息公开申请答复书"
        number = case.reply_letter_number or (reply.doc_number if reply else "")
        if number:
            document += f"（{number}）"
        method = {"直接": "直接送达", "委托": "委托送达", "邮政邮寄": "邮寄送达", "电子": "电子送达"}.get(
            reply.method if reply else "", ""
        )
        return {
            "document": document,
            "recipient": case.applicant_name,
            "place": self.inputs.place.strip() or case.address,
            "method": method,
            "server": self.inputs.server.strip(),
            "remark": f"申请编号：{case.number}",
        }

    # -- per kind ---------------------------------------------------------------------------------------
    def write(self) -> tuple[list[str], str]:
        method = getattr(self, f"_{self.kind.value}")
        return method()

    def _receipt(self) -> tuple[list[str], str]:
        case, state = self.case, self.case.state
        body = [
            f"本机关已于{cn_date(case.received)}收到{self.you}通过{case.channel}方式提交的政府信息公开申请"
            f"（登记编号：{case.number}），申请获取{requested(case.content)}。",
            f"根据{LAW}第三十一条的规定，收到申请之日为{cn_date(case.received)}。"
            f"申请内容需要补正的，本机关将在{cn_date(state.supplement_notice_due)}前一次性告知；"
            f"根据第三十三条第二款的规定，本机关将自收到申请之日起{REPLY_DAYS}个工作日内"
            + (f"（即{cn_date(state.reply_due)}前）" if state.reply_due else "")
            + "予以答复，需要延长答复期限的，将另行告知。征求第三方和其他机关意见所需时间不计算在答复期限内。",
            "特此回执。",
        ]
        return body, ""

    def _supplement(self) -> tuple[list[str], str]:
        facts = self.case.facts
        data = self.case.event_data.get(EventKind.SUPPLEMENT_NOTICE, {})
        items = _lines(str(data.get("items", "")))
        if not items:
            raise ValidationError("补正事项", "补正告知没有登记需补正的事项，请先更正“发出补正告知”并写明补正事项。")
        assert facts.supplement_deadline is not None
        body = [
            self.opening()
            + f"经审查，{self.you}的申请内容不明确。根据{LAW}第三十条的规定，请{self.you}对以下事项作出补正：",
            *[f"{i}.{_unnumbered(item)}" for i, item in enumerate(items, start=1)],
            f"请{self.you}于{cn_date(self.case.state.supplement_deadline or facts.supplement_deadline)}前"
            "将补正后的申请提交本机关。"
            "答复期限自本机关收到补正的申请之日起计算。"
            f"{self.you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            *self.extra(),
            "特此告知。",
        ]
        return body, ""

    def _extension(self) -> tuple[list[str], str]:
        facts, state = self.case.facts, self.case.state
        data = self.case.event_data.get(EventKind.EXTENSION, {})
        reason = _sentence(str(data.get("reason", "")) or self.inputs.reasons).rstrip("。")
        days = facts.extensions[-1][1]
        due = f"，本机关将于{cn_date(state.reply_due)}前作出答复" if state.reply_due else ""
        body = [
            self.opening()
            + (f"因{reason}，" if reason else "因需要进一步检索、核实所申请的信息，")
            + "本机关不能在规定期限内作出答复。"
            f"根据{LAW}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
            f"答复期限延长{days}个工作日{due}。",
            "特此告知。",
        ]
        return body, ""

    def _fee(self) -> tuple[list[str], str]:
        fee = self.case.facts.fee
        assert fee is not None
        data = self.case.event_data.get(EventKind.FEE_NOTICE, {})
        basis = _sentence(str(data.get("basis", "")))
        method = fee.method or "按件"
        pay = _sentence(self.inputs.pay_how) or "请持本通知书到本机关办理缴费手续，本机关开具财政票据。"
        body = [
            self.opening() + f"经审查，{self.you}申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第四十二条和"
            f"{FEE_RULES}的规定，本机关决定收取信息处理费。",
            f"计费依据：{basis}" if basis else f"计收方式：{method}计收。",
            f"收费金额：人民币{fee.amount}元（大写：{rmb_upper(fee.amount)}）。",
            f"缴费方式：{pay}",
            f"请{self.you}自收到本通知书之日起{PAYMENT_DAYS}个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。自收到本通知书之日至缴费之日的期间，不计算在答复期限内。",
            "特此通知。",
        ]
        return body, self.remedy(Remedy.GENERAL, "本通知")

    def _consultation(self) -> tuple[list[str], str]:
        item = _consultation(self.case, self.inputs)
        assert item is not None
        if item.party_kind == "共同制作机关":
            return self._coproducer()
        matter = self._matter(item)
        received = cn_date(self.case.received)
        if item.party_kind == "其他机关":
            expected = f"请于{cn_date(item.expected)}前" if item.expected else "请尽快"
            body = [
                f"本机关于{received}收到政府信息公开申请，申请人申请获取{requested(self.case.content)}。"
                + (f"{matter}" if matter else "")
                + f"为依法办理该申请，现征求贵机关意见。{expected}将书面意见函告本机关。",
                f"根据{LAW}第三十三条第三款的规定，征求其他机关意见所需时间不计算在答复期限内。",
                "特此函询。",
            ]
            return body, ""
        p = party_you(item, self.case.consultation_data.get(item.id, {}))
        body = [
            f"本机关于{received}收到政府信息公开申请，申请人申请获取{requested(self.case.content)}。"
            + (matter or f"经审查，该信息涉及{p}的商业秘密、个人隐私等，公开可能损害{p}的合法权益。")
            + f"根据{LAW}第三十二条的规定，现书面征求{p}的意见。",
            f"请{p}自收到本征询函之日起{CONSULTATION_DAYS}个工作日内提出书面意见，明确是否同意公开；"
            "不同意公开的，请说明理由并提供相关证明材料。逾期未提出意见的，由本机关依照"
            f"{LAW}的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
            f"本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知{p}。",
            "特此函询。",
        ]
        return body, ""

    def _matter(self, item: Consultation) -> str:
        data = self.case.consultation_data.get(item.id, {})
        return _sentence(str(data.get("matter", "")) or self.inputs.reasons)

    def _coproducer(self) -> tuple[list[str], str]:
        item = _consultation(self.case, self.inputs, "共同制作机关")
        assert item is not None
        matter = self._matter(item)
        body = [
            f"本机关于{cn_date(self.case.received)}收到政府信息公开申请，申请人申请获取{requested(self.case.content)}。"
            "经审查，该信息由本机关与贵机关共同制作。" + matter,
            f"根据{LAW}第三十四条的规定，现征求贵机关意见。请贵机关自收到本征求意见书之日起{CONSULTATION_DAYS}个工作日内"
            "提出意见；逾期未提出意见的，视为同意公开。",
            "特此征求意见。",
        ]
        return body, ""

    def _third_party_notice(self) -> tuple[list[str], str]:
        item = _consultation(self.case, self.inputs, "第三方")
        assert item is not None
        provided = self.need(self.inputs.provided_part, "provided_part", "请写明决定公开的政府信息内容。")
        reasons = self.need(self.inputs.reasons, "reasons", "请写明决定公开的理由（第三十二条）。")
        body = [
            f"本机关于{cn_date(item.sent)}就政府信息公开申请（申请获取{requested(self.case.content)}）"
            f"书面征求{party_you(item, self.case.consultation_data.get(item.id, {}))}的意见。",
            f"经审查，本机关认为不公开可能对公共利益造成重大影响。根据{LAW}第三十二条的规定，"
            f"本机关决定予以公开。现将决定公开的政府信息内容和理由书面告知如下：",
            f"决定公开的政府信息内容：{provided.rstrip('。')}。",
            f"理由：{_sentence(reasons)}",
            "特此告知。",
        ]
        return body, self.remedy(Remedy.GENERAL, "本决定")

    def _reasons(self) -> tuple[list[str], str]:
        facts = self.case.facts
        assert facts.delay_until is not None
        data = self.case.event_data.get(EventKind.DELAY, {})
        reason = _sentence(str(data.get("reason", "")) or self.inputs.reasons)
        body = [
            self.opening()
            + f"经审查，{self.you}申请公开政府信息的数量、频次明显超过合理范围。"
            + (f"{reason}" if reason else "")
            + self._explained(),
            f"本机关认为{self.you}的申请理由合理，但无法在{LAW}第三十三条规定的期限内答复。"
            f"根据该条例第三十五条的规定，本机关确定延迟答复的合理期限为{cn_date(facts.delay_until)}前，"
            "届时将依法作出答复。",
            "特此告知。",
        ]
        return body, ""

    def _explained(self) -> str:
        """The 第35条 request and the applicant's answer, when recorded (the delay letter follows them)."""
        facts = self.case.facts
        if facts.reasons_request is None or facts.reasons_answered is None:
            return ""
        return (
            f"本机关已于{cn_date(facts.reasons_request)}要求{self.you}说明理由，"
            f"{self.you}于{cn_date(facts.reasons_answered)}作出了说明。"
        )

    def _reasons_request(self) -> tuple[list[str], str]:
        facts = self.case.facts
        ends = self.case.reasons_deadline or facts.reasons_deadline
        assert ends is not None
        data = self.case.event_data.get(EventKind.REASONS_REQUEST, {})
        matter = _sentence(str(data.get("matter", "")) or self.inputs.reasons)
        body = [
            self.opening() + f"经审查，{self.you}申请公开政府信息的数量、频次明显超过合理范围。" + matter,
            f"根据{LAW}第三十五条的规定，请{self.you}于{cn_date(ends)}前向本机关书面说明申请理由。"
            f"本机关认为申请理由不合理的，将告知{self.you}不予处理；认为申请理由合理，但是无法在该条例第三十三条"
            f"规定的期限内答复的，将确定延迟答复的合理期限并告知{self.you}。",
            "特此告知。",
        ]
        return body, ""

    def _service(self) -> tuple[list[str], str]:
        return [], ""

    # -- 答复书 -------------------------------------------------------------------------------------------
    def _reply(self) -> tuple[list[str], str]:
        row = _closing_row(self.case)
        assert row is not None
        reply_data = self.case.event_data.get(EventKind.REPLY, {})
        published = str(reply_data.get("detail", "")) == PUBLISHED_DETAIL
        body = [self.opening() + "现答复如下："]
        body += _once("经审查，", self._decision(row, published, reply_data))
        body.append("特此答复。")
        route = remedy_route(row, query_items_review_first=self.options.query_items_review_first)
        return body, self.remedy(route)

    def _decision(self, row: ResultRow, published: bool, reply_data: Mapping[str, Any]) -> list[str]:  # noqa: C901
        y, inputs, facts = self.you, self.inputs, self.case.facts
        code = row.code
        basis = cite(row.basis)
        reasons = self.extra()
        if code == "1":
            if published or inputs.published_where.strip():
                where = self.need(
                    inputs.published_where,
                    "published_where",
                    "已主动公开的信息，请写明获取该信息的方式、途径（如网址和栏目名称）。",
                )
                return [
                    f"{y}申请获取的政府信息本机关已主动公开。根据{cite(PUBLISHED_BASIS)}的规定，"
                    f"现告知{y}获取该政府信息的方式、途径：{where.rstrip('。')}。"
                ]
            provision = _sentence(inputs.provision) or (
                f"现将该政府信息随本答复书一并提供给{y}（见附件）。"
                if inputs.attachments
                else f"现将该政府信息提供给{y}。"
            )
            return [f"{y}申请获取的政府信息属于可以公开的政府信息。根据{basis}的规定，本机关决定予以公开。{provision}"]
        if code == "2":
            provided = self.need(inputs.provided_part, "provided_part", "请写明予以公开的部分。")
            refused = self.need(inputs.refused_part, "refused_part", "请写明不予公开的部分。")
            why = self.need(inputs.reasons, "reasons", "请写明不予公开部分的理由（第三十七条：说明理由）。")
            ground = withheld_ground(inputs.refused_ground)
            verb = "不予公开" if ground.code.startswith("3.") else "无法提供"
            ground_text = f"根据{cite(ground.basis)}的规定，该部分{verb}。"
            provision = _sentence(inputs.provision) or f"现将可以公开的部分提供给{y}。"
            return [
                f"{y}申请获取的信息中含有不应当公开的内容，但是能够作区分处理。根据{basis}的规定，"
                f"本机关对{y}的申请作区分处理：",
                f"一、{provided.rstrip('。')}，予以公开。{provision}",
                f"二、{refused.rstrip('。')}，不予公开。理由：{_sentence(why)}{ground_text}",
            ]
        if code.startswith("3."):
            grounds = {
                "3.1": "属于依法确定为国家秘密的政府信息",
                "3.2": "属于法律、行政法规禁止公开的政府信息",
                "3.3": "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
                "3.4": "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
                "3.5": "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
                "3.6": "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
                "3.7": "属于行政执法案卷信息",
            }
            if code == "3.8":
                organ = " ".join(_lines(inputs.organ))
                how = f"请{y}依照有关法律、行政法规的规定" + (f"向{organ}" if organ else "") + "办理。"
                return [
                    f"{y}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
                    f"根据{basis}的规定，{how}",
                    *reasons,
                ]
            why = self.need(
                inputs.reasons,
                "reasons",
                "不予公开须写明本案的事实和理由（所申请信息的具体情况、为何属于该情形），不能只写法定类别"
                f"（{LAW}第三十六条第（三）项：告知申请人不予公开并说明理由）。",
            )
            return [
                f"经审查，{y}申请获取的政府信息{grounds[code]}。{_sentence(why)}"
                f"根据{basis}的规定，本机关决定不予公开。",
            ]
        if code == "4.1":
            organ = " ".join(_lines(inputs.organ))
            if organ:
                contact = " ".join(_lines(inputs.organ_contact))
                return [
                    f"经查，{y}申请获取的政府信息不属于本机关负责公开。"
                    + (_sentence(inputs.reasons))
                    + f"根据{LAW}第三十六条第（五）项的规定，告知{y}：负责公开该政府信息的行政机关为{organ}"
                    + (f"，联系方式：{contact.rstrip('。')}" if contact else "")
                    + f"，{y}可以向该机关提出申请。"
                ]
            return [
                f"经检索，本机关没有{y}所申请公开的信息。根据{LAW}第三十六条第（四）项的规定，"
                f"告知{y}该政府信息不存在。",
                *reasons,
            ]
        if code == "4.2":
            return [
                f"经审查，{y}申请获取的信息需要本机关对现有政府信息进行加工、分析才能形成，本机关没有现成的信息。"
                f"根据{basis}的规定，本机关不予提供。",
                *reasons,
            ]
        if code == "4.3":
            notice = (
                f"本机关已于{cn_date(facts.supplement_notice)}告知{y}补正申请内容，" if facts.supplement_notice else ""
            )
            return [
                f"{notice}{y}补正后的申请内容仍不明确，本机关无法确定{y}所申请获取的政府信息。"
                f"根据{basis}的规定，本机关无法提供。",
                *reasons,
            ]
        if code == "5.1":
            channel = " ".join(_lines(inputs.organ))
            return [
                f"经审查，{y}是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{basis}的规定，"
                f"本机关不作为政府信息公开申请处理，{y}可以"
                + (f"通过{channel}提出。" if channel else "通过信访、投诉、举报等相应渠道提出。"),
                *reasons,
            ]
        if code == "5.2":
            return [
                f"经审查，本机关已就{y}提出的政府信息公开申请作出答复，{y}重复申请公开相同政府信息。"
                f"根据{basis}的规定，本机关不予重复处理。",
                *reasons,
            ]
        if code == "5.3":
            where = " ".join(_lines(inputs.published_where))
            return [
                f"经审查，{y}申请获取的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，"
                + (f"告知{y}获取途径：{where.rstrip('。')}。" if where else f"请{y}通过公开发行渠道获取。")
            ]
        if code == "5.4":
            asked = cn_date(facts.reasons_request) if facts.reasons_request else ""
            if facts.reasons_answered is not None:
                answer = (
                    f"{y}于{cn_date(facts.reasons_answered)}作出了说明。经审查，本机关认为{y}说明的申请理由不合理。"
                )
            else:
                ends = self.case.reasons_deadline or facts.reasons_deadline
                until = f"{cn_date(ends)}" if ends else "期限"
                answer = f"{y}至{until}未说明理由。经审查，本机关认为{y}的申请理由不合理。"
            return [
                f"{y}申请公开政府信息的数量、频次明显超过合理范围，本机关已于{asked}要求{y}说明理由。{answer}"
                f"根据{basis}的规定，本机关不予处理。",
                *reasons,
            ]
        if code == "5.5":
            return [
                f"根据{basis}的规定，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。"
                f"{y}的申请系要求本机关对{y}已获取的信息予以确认或者重新出具，不属于申请获取政府信息，"
                "本机关不作为政府信息公开申请处理。",
                *reasons,
            ]
        if code == "6.1":
            ends = self.case.state.supplement_deadline or facts.supplement_deadline
            deadline = f"，补正期限为{cn_date(ends)}" if ends else ""
            notice = cn_date(facts.supplement_notice) if facts.supplement_notice else "此前"
            return [
                f"本机关已于{notice}告知{y}补正申请内容{deadline}。{y}无正当理由逾期未补正。"
                f"根据{basis}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
            ]
        if code == "6.2":
            notice = f"本机关已于{cn_date(facts.fee.notice)}向{y}发出信息处理费收费通知，" if facts.fee else ""
            return [
                f"{notice}{y}逾期未按收费通知要求缴纳费用。根据{basis}的规定，视为放弃申请，"
                "本机关不再处理该政府信息公开申请。"
            ]
        # 6.3 其他: the clerk's facts and reasons, and the basis typed with the reply (if any).
        why = self.need(inputs.reasons, "reasons", "“其他处理”须写明作出了什么处理及其事实和理由。")
        typed = " ".join(_lines(inputs.basis)) or str(reply_data.get("basis", "")).strip()
        if not typed:
            raise ValidationError(INPUT_LABELS["basis"], "“其他处理”须写明处理的依据（法律、法规或规章的条款）。")
        return [f"经审查，{_sentence(why)}根据{typed.rstrip('。')}的规定，本机关对{y}的申请作上述处理。"]


_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _upper_below_10000(n: int) -> str:
    text, zero = "", False
    for pos, unit in ((3, "仟"), (2, "佰"), (1, "拾"), (0, "")):
        digit = n // 10**pos % 10
        if digit == 0:
            zero = bool(text)
            continue
        text += ("零" if zero else "") + _DIGITS[digit] + unit
        zero = False
    return text


def rmb_upper(amount: int) -> str:
    """人民币大写 for whole yuan: 1700 → 壹仟柒佰元整, 10500 → 壹万零伍佰元整."""
    if amount <= 0:
        return "零元整"
    groups: list[int] = []
    while amount:
        groups.append(amount % 10000)
        amount //= 10000
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and group < 1000:
            out += "零"
        out += _upper_below_10000(group) + ("", "万", "亿")[index]
    return out + "元整"
