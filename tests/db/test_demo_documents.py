"""`--demo` has realistic 公文 (issue 10): every category and 公开属性, overdue and due-soon ones, the yearly review."""

from __future__ import annotations

from datetime import date

from models.db import Database
from models.services import documents
from models.services.demo import seed_demo
from models.services.demo_documents import seed_documents
from models.services.documents import DocumentFilter


def test_demo_documents_cover_the_register(db: Database) -> None:
    today = date(2026, 11, 23)
    assert seed_demo(db, today=today)
    rows = documents.list_page(db, DocumentFilter(), today=today).rows
    assert len(rows) == 15  # the 12 demo 公文, and 3 more that the 征求意见 and 政策解读 demo records link to
    assert {r.category for r in rows} == {"行政规范性文件", "政策性文件", "其他"}
    assert {r.attribute for r in rows} == {"主动公开", "依申请公开", "不予公开"}
    assert documents.list_page(db, DocumentFilter(publish="已逾期"), today=today).total >= 1
    assert documents.list_page(db, DocumentFilter(publish="3个工作日内到期"), today=today).total >= 1
    assert [r.title for r in documents.expiring_documents(db, today=today)] == [
        "白鹤镇人民政府关于印发《白鹤镇集镇环境卫生管理办法》的通知"
    ]
    fire = next(r for r in rows if r.title == "白鹤镇2025年森林防火工作方案")
    assert documents.get_detail(db, fire.id, today=today).applications
    decided = [c.decision for c in documents.review_candidates(db, today.year) if c.decision]
    assert sorted(decided) == ["维持", "转为主动公开"]


def test_demo_documents_seed_just_after_the_spring_festival(db: Database) -> None:
    today = date(2026, 2, 24)  # the 成文/review/publication dates are counted across 春节 (02-15…02-23 休)
    assert len(seed_documents(db, today=today)) == 12
    assert documents.list_page(db, DocumentFilter(publish="已逾期"), today=today).total >= 1
