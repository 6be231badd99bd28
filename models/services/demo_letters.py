"""Sample cases for the letters: one application in each state a letter needs, built through the real services
(so every fact has passed the same checks as a clerk's). Used by the demo database, tools/render_letters.py,
the benchmark and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError
from models.domain.fees import quote_per_piece
from models.domain.letters import LetterInputs, LetterKind
from models.domain.results import ALL_ROWS, ROWS_BY_CODE
from models.services import applications as service
from models.services import letters
from models.services import profile as profile_service
from models.services.applications import ApplicationInput
from models.services.demo_applications import DEMO_PROFILE

RECEIVED = date(2025, 9, 22)  # a Monday; the 20th working day after it is 2025-10-24
TODAY = date(2025, 12, 31)
CONTENT = "2025年白鹤镇道路硬化工程的招标文件及中标合同"

# The clerk's inputs a reply needs for some results (the others need none).
REPLY_INPUTS: dict[str, LetterInputs] = {
    "1": LetterInputs(attachments=("白鹤镇2025年道路硬化工程招标文件", "中标合同")),
    "1-published": LetterInputs(published_where="青山县人民政府网站“白鹤镇—政府信息公开—招标投标”栏目"),
    "2": LetterInputs(
        provided_part="招标文件",
        refused_part="中标合同中投标人的报价明细",
        refused_ground="3.4",
        reasons="该部分涉及中标企业的商业秘密，第三方不同意公开",
    ),
    # 不予公开 (三)1–7: the case's own facts and reasons, not only the category (issue 8, rule 4).
    "3.1": LetterInputs(reasons="所申请的招标文件附件含有经县保密行政管理部门确定为秘密级的地形测绘资料"),
    "3.2": LetterInputs(reasons="所申请的中标合同附有投标人的征信报告，有关行政法规禁止向第三人公开"),
    "3.3": LetterInputs(reasons="所申请的施工图纸标注了饮用水源取水设施的具体位置，公开后可能危及公共安全"),
    "3.4": LetterInputs(reasons="合同含有中标企业的报价明细，该企业不同意公开"),
    "3.5": LetterInputs(reasons="所申请的是本机关对该工程经办人员的考核记录，属于人事管理信息"),
    "3.6": LetterInputs(reasons="所申请的是该工程招标方案的讨论稿和会议记录，最终方案已另行公开"),
    "3.7": LetterInputs(reasons="所申请的是对该工程施工单位作出行政处罚的案卷材料"),
    "3.8": LetterInputs(organ="青山县市场监督管理局"),
    "4.1": LetterInputs(organ="青山县交通运输委员会", organ_contact="023-5567 0000"),
    "5.3": LetterInputs(published_where="《青山县人民政府公报》2025年第3期，可在县图书馆查阅"),
    "6.3": LetterInputs(
        reasons="您申请获取的内容系村民委员会的村务信息，不属于本机关的政府信息",
        basis="《中华人民共和国政府信息公开条例》第二条",
    ),
}


@dataclass(frozen=True)
class Sample:
    number: str
    kind: LetterKind
    inputs: LetterInputs
    name: str  # a short file-friendly name (e.g. reply-3.4)


def ensure_profile(db: Database) -> None:
    if not profile_service.get_profile(db).is_complete():
        profile_service.save_profile(db, DEMO_PROFILE)


def register(
    db: Database,
    *,
    applicant: str = "张三",
    applicant_type: str = "自然人",
    received: date = RECEIVED,
    today: date = TODAY,
) -> str:
    data = ApplicationInput(
        received=received,
        channel="当面",
        applicant_type=applicant_type,
        applicant_name=applicant,
        address="青山县白鹤镇石桥村3组12号",
        postcode="404100",
        content=CONTENT,
        handler="李晓梅",
    )
    return service.register(db, data, today=today).number


def record(db: Database, number: str, kind: EventKind, day: date, today: date = TODAY, **data) -> None:  # noqa: ANN003
    service.record_event(db, number, kind, day, data, today=today)


def with_reply(db: Database, code: str, *, today: date = TODAY, published: bool = False, **kw) -> str:  # noqa: ANN003
    """An application answered with result row `code` (6.1 and 6.2 closed by lapse, as in real life)."""
    number = register(db, today=today, **kw)
    row = ROWS_BY_CODE[code]
    if code in ("4.3", "6.1"):
        record(
            db,
            number,
            EventKind.SUPPLEMENT_NOTICE,
            date(2025, 9, 24),
            today,
            deadline=date(2025, 10, 9),
            items="请写明所需工程的名称\n请写明工程年份",
        )
    if code == "4.3":
        record(db, number, EventKind.SUPPLEMENT_RECEIVED, date(2025, 10, 9), today)
    if code == "5.4":  # 第35条: the applicant was asked to explain, and did (issue 8, rule 9)
        record(db, number, EventKind.REASONS_REQUEST, date(2025, 9, 26), today, deadline=date(2025, 10, 10))
        record(db, number, EventKind.REASONS_ANSWERED, date(2025, 10, 9), today, summary="称系为撰写调查报告所需")
    if code == "6.1":
        record(db, number, EventKind.SUPPLEMENT_EXPIRED, date(2025, 10, 10), today)
        return number
    if code == "6.2":
        quote = quote_per_piece(11)
        record(
            db,
            number,
            EventKind.FEE_NOTICE,
            date(2025, 9, 26),
            today,
            method="按件",
            amount=quote.amount,
            basis=quote.basis,
            received=date(2025, 9, 26),
        )
        due = service.get_detail(db, number, today=today).state.payment_deadline
        assert due is not None
        record(db, number, EventKind.FEE_EXPIRED, due + timedelta(days=1), today)
        return number
    detail = "已主动公开" if published else row.detail
    record(db, number, EventKind.REPLY, date(2025, 10, 17), today, result=row.result, detail=detail, method="直接")
    return number


def samples(db: Database, *, today: date = TODAY) -> list[Sample]:
    """One application for every kind of letter and every result row (the 答复书 of each)."""
    ensure_profile(db)
    out: list[Sample] = []
    plain = register(db, applicant="张三 <&>", today=today)
    out.append(Sample(plain, LetterKind.RECEIPT, LetterInputs(), "receipt"))

    number = register(db, today=today)
    record(
        db,
        number,
        EventKind.SUPPLEMENT_NOTICE,
        date(2025, 9, 24),
        today,
        deadline=date(2025, 10, 15),
        items="1. 请写明所需工程的名称或者文号\n2. 请写明工程所在的村",
    )
    out.append(Sample(number, LetterKind.SUPPLEMENT, LetterInputs(), "supplement"))

    number = register(db, applicant="青山县鑫源建材有限公司", applicant_type="商业企业", today=today)
    record(
        db,
        number,
        EventKind.EXTENSION,
        date(2025, 10, 20),
        today,
        days=20,
        approver="王建华",
        reason="所申请的信息分散在多个年度的档案中，需要调取并逐件核实",
    )
    out.append(Sample(number, LetterKind.EXTENSION, LetterInputs(), "extension"))

    number = register(db, today=today)
    record(
        db,
        number,
        EventKind.CONSULTATION_SENT,
        date(2025, 9, 25),
        today,
        party_kind="第三方",
        party="青山县鑫源建材有限公司",
        party_type="法人或其他组织",
        matter="该信息含有该公司投标报价等经营信息，公开可能损害其合法权益",
    )
    out.append(Sample(number, LetterKind.CONSULTATION, LetterInputs(), "consultation"))
    record(
        db,
        number,
        EventKind.CONSULTATION_ANSWERED,
        date(2025, 10, 10),
        today,
        ref=_last_consultation(db, number),
        opinion="不同意公开",
    )
    record(db, number, EventKind.REPLY, date(2025, 10, 20), today, result="予以公开", detail="", method="直接")
    out.append(
        Sample(
            number,
            LetterKind.THIRD_PARTY_NOTICE,
            LetterInputs(
                provided_part="白鹤镇2025年道路硬化工程中标合同（含合同总价）",
                reasons="该工程使用财政资金，合同总价涉及公共利益，不公开可能对公共利益造成重大影响",
            ),
            "third_party_notice",
        )
    )

    number = register(db, today=today)
    record(
        db,
        number,
        EventKind.CONSULTATION_SENT,
        date(2025, 9, 25),
        today,
        party_kind="共同制作机关",
        party="青山县农业农村委员会",
        matter="该信息系本机关与贵机关联合印发的文件",
    )
    out.append(Sample(number, LetterKind.COPRODUCER, LetterInputs(), "coproducer"))

    number = register(db, today=today)
    quote = quote_per_piece(11)
    record(
        db,
        number,
        EventKind.FEE_NOTICE,
        date(2025, 9, 26),
        today,
        method="按件",
        amount=quote.amount,
        basis=quote.basis,
    )
    out.append(Sample(number, LetterKind.FEE, LetterInputs(pay_how="到白鹤镇财政所窗口缴纳，开具财政票据"), "fee"))

    number = register(db, today=today)
    record(
        db,
        number,
        EventKind.DELAY,
        date(2025, 9, 30),
        today,
        until=date(2025, 12, 15),
        reason="您本月已提出32件申请，涉及近十年的工程档案",
    )
    out.append(Sample(number, LetterKind.REASONS, LetterInputs(), "reasons"))

    number = register(db, today=today)
    record(
        db,
        number,
        EventKind.REASONS_REQUEST,
        date(2025, 9, 26),
        today,
        deadline=date(2025, 10, 10),
        matter="您本月已提出32件申请，涉及近十年的工程档案",
    )
    out.append(Sample(number, LetterKind.REASONS_REQUEST, LetterInputs(), "reasons_request"))

    for row in ALL_ROWS:
        number = with_reply(db, row.code, today=today)
        out.append(Sample(number, LetterKind.REPLY, REPLY_INPUTS.get(row.code, LetterInputs()), f"reply-{row.code}"))
        if row.code == "1":
            out.append(Sample(number, LetterKind.SERVICE, LetterInputs(server="李晓梅"), "service"))
    number = with_reply(db, "1", today=today, published=True)
    out.append(Sample(number, LetterKind.REPLY, REPLY_INPUTS["1-published"], "reply-1-published"))
    return out


def _last_consultation(db: Database, number: str) -> int:
    return service.get_detail(db, number, today=TODAY).facts.consultations[-1].id


def seed_letters(
    db: Database, *, today: date, limit: int = 4, progress: Callable[[int, int], None] | None = None
) -> int:
    """A few issued letters in the demo database (receipts and replies of the demo applications)."""
    rows = service.list_applications(db, sort="number", descending=False, limit=60)
    jobs: list[tuple[str, LetterKind, LetterInputs]] = []
    for row in rows:
        kinds = {k.kind for k in letters.kinds_for(db, row.number, today=today) if k.allowed}
        if LetterKind.REPLY in kinds and row.result in ("无法提供", "不予处理") and len(jobs) < limit // 2:
            jobs.append((row.number, LetterKind.REPLY, LetterInputs()))
        elif LetterKind.SUPPLEMENT in kinds and len(jobs) < limit:
            jobs.append((row.number, LetterKind.SUPPLEMENT, LetterInputs()))
        if len(jobs) >= limit:
            break
    done = 0
    for number, kind, inputs in jobs:
        try:
            letters.generate(db, number, kind, inputs, today=today, actor="演示数据")
        except UserError:  # a demo letter that needs more input is simply left out
            continue
        done += 1
    return done
