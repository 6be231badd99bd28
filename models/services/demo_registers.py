"""Demo 征求意见 and 政策解读 records, built through the real services (every demo fact passed the same checks
as a clerk's). They need a few 公文: three are stored here directly (the 公文 register seeds its own; a document
with the same 文号 is reused, never duplicated)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models.db import Database
from models.domain.document_number import parse_document_number
from models.domain.solicitations import Outcome
from models.entities import Document
from models.services import interpretations, solicitations
from models.services.interpretations import InterpretationInput
from models.services.solicitations import SolicitationInput

ACTOR = "李晓梅"
CHANNEL = "白鹤镇人民政府门户网站、镇村公告栏"


def _document(db: Database, number: str, title: str, category: str, written: date, **extra: object) -> str:
    parsed = parse_document_number(number)
    with db.transaction() as session:
        if session.scalars(select(Document).where(Document.number == number)).first() is None:
            session.add(
                Document(
                    number=number,
                    organ_code=parsed.organ_code,
                    number_year=parsed.year,
                    number_seq=parsed.seq,
                    title=title,
                    issuer="青山县白鹤镇人民政府",
                    written=written,
                    doc_type="办法" if "办法" in title else "通知",
                    category=category,
                    attribute="主动公开",
                    note_mark="此件公开发布",
                    state="现行有效",
                    created_by=ACTOR,
                    **extra,
                )
            )
    return number


def seed_registers(db: Database, *, today: date) -> None:
    def day(*, days: int) -> date:
        return today - timedelta(days=days)

    housing = _document(
        db,
        f"白鹤府发〔{day(days=75).year}〕3号",
        "白鹤镇农村村民建房管理办法",
        "行政规范性文件",
        day(days=75),
        published=day(days=70),
        department="规划建设管理办公室",
    )
    dogs = _document(
        db,
        f"白鹤府发〔{day(days=30).year}〕7号",
        "白鹤镇文明养犬管理规定",
        "行政规范性文件",
        day(days=30),
        published=day(days=26),
        department="综合行政执法大队",
    )
    subsidy = _document(
        db,
        f"白鹤府办发〔{day(days=20).year}〕5号",
        "白鹤镇特色农业产业扶持资金使用办法",
        "政策性文件",
        day(days=20),
        published=day(days=16),
        needs_interpretation=True,
        department="农业服务中心",
    )

    def add(title: str, kind: str, start: date, days: int, document: str = "", reason: str = "") -> int:
        form = SolicitationInput(title, document, kind, start, start + timedelta(days=days - 1), CHANNEL, reason)
        return solicitations.add(db, form, actor=ACTOR, today=today).id

    # 重大行政决策, 30 days (both ends counted), results published.
    plan = add("白鹤镇集镇总体规划（征求意见稿）", "重大行政决策", day(days=160), 30)
    solicitations.record_results(
        db, plan, Outcome(23, 9, 6, 8, "涉及县级规划权限或与上位规划冲突，未予采纳", day(days=118)), today=today
    )
    # 行政规范性文件, 7 days, linked to its document, results published.
    housing_draft = add("白鹤镇农村村民建房管理办法（征求意见稿）", "行政规范性文件", day(days=100), 7, housing)
    solicitations.record_results(
        db, housing_draft, Outcome(11, 6, 3, 2, "与土地管理法规定不一致", day(days=85)), today=today
    )
    # Shortened with a reason, results published.
    dogs_draft = add(
        "白鹤镇文明养犬管理规定（征求意见稿）",
        "行政规范性文件",
        day(days=50),
        5,
        dogs,
        "近期连续发生犬只伤人事件，须尽快出台管理规定",
    )
    solicitations.record_results(db, dogs_draft, Outcome(17, 12, 5, 0, "", day(days=40)), today=today)
    # Ended, results not yet published: listed as pending.
    add("白鹤镇生活垃圾分类处理收费方案（征求意见稿）", "重大行政决策", day(days=45), 30)
    # Still open.
    add("白鹤镇特色农业产业扶持资金使用办法（征求意见稿）", "其他", day(days=3), 15)

    def interpret(document: str, title: str, forms: tuple[str, ...], published: date, interpreter: str) -> None:
        form = InterpretationInput(
            document,
            title,
            forms,
            interpreter,
            published - timedelta(days=2),
            published,
            f"https://www.baihe.gov.cn/zcjd/{published:%Y%m%d}.html",
        )
        interpretations.add(db, form, actor=ACTOR, today=today)

    # Two forms published with the document: 三同步 satisfied.
    interpret(housing, "《白鹤镇农村村民建房管理办法》政策解读", ("文字",), day(days=70), "规划建设管理办公室")
    interpret(housing, "一图读懂农村村民建房管理办法", ("图表图解",), day(days=70), "规划建设管理办公室")
    # One form only: the document stays flagged.
    interpret(dogs, "《白鹤镇文明养犬管理规定》解读", ("文字",), day(days=26), "综合行政执法大队")
    # One item in two forms, and a video published later (does not count).
    interpret(subsidy, "特色农业产业扶持资金怎么申请？", ("文字", "问答"), day(days=16), "农业服务中心")
    interpret(subsidy, "镇长谈产业扶持（视频）", ("音视频",), day(days=10), "白鹤镇人民政府")
