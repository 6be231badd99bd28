"""The 公文 register through models.services.documents on a real database (issue 10, 公文 register).

Dates counted by hand on the official calendar (shared/domain/holidays/days.csv, README §1):
- 成文 2025-09-22 (Mon) → publication due 2025-10-24: 09-23 24 25 26 = 4, 28 (Sun 班) = 5, 29 30 = 7,
  10-01…08 休, 09 10 = 9, 11 (Sat 班) = 10, 13–17 = 15, 20–24 = 20.
- 转为主动公开 decided 2025-12-25 → new due 2026-01-23 (README worked example).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from models.db import Database
from models.domain.documents import Decision, ReviewStage
from models.domain.errors import UserError, ValidationError
from models.domain.workdays import DayKind
from models.services import applications, holidays
from models.services import document_catalogue as catalogue
from models.services import documents as service
from models.services.documents import DocumentFilter, DocumentInput

D = date
SEP22 = D(2025, 9, 22)


def form(**changes: Any) -> DocumentInput:
    base = DocumentInput(
        number="白鹤府发〔2025〕12号",
        title="白鹤镇人民政府关于印发2025年惠民惠农财政补贴资金发放办法的通知",
        issuer="白鹤镇人民政府",
        written=SEP22,
        doc_type="通知",
        category="行政规范性文件",
        attribute="主动公开",
        note_mark="此件公开发布",
        department="党政办公室",
    )
    return replace(base, **changes)


SEP23 = D(2025, 9, 23)


def add(db: Database, today: date = SEP23, **changes: Any) -> int:
    return service.add_document(db, form(**changes), actor="李四", today=today).id


def test_wenhao_typed_with_other_brackets_is_stored_canonical_and_is_unique(db: Database) -> None:
    doc = service.get_detail(db, add(db, number="白鹤府发[2025]012"), today=SEP22)
    assert doc.number == "白鹤府发〔2025〕12号"
    with pytest.raises(ValidationError, match="文号“白鹤府发〔2025〕12号”已登记"):
        add(db, number="白鹤府发（2025）12号", title="另一份文件")
    with pytest.raises(ValidationError, match="不是有效的文号"):
        add(db, number="白鹤府发2025年12号", title="第三份")


def test_not_proactive_document_needs_reason_and_basis(db: Database) -> None:
    with pytest.raises(ValidationError, match="不公开理由"):
        add(db, attribute="依申请公开", note_mark="此件依申请公开")
    with pytest.raises(ValidationError, match="附注"):
        add(db, attribute="依申请公开", note_mark="此件公开发布")
    doc_id = add(
        db, attribute="依申请公开", note_mark="此件依申请公开", withhold_reason="涉及第三方个人信息", basis_code="3.4"
    )
    detail = service.get_detail(db, doc_id, today=SEP22)
    assert detail.fields.basis_code == "3.4"
    assert detail.clock.due is None  # no proactive publication clock


def test_publication_due_20_working_days_across_guoqing_and_overdue_in_list(db: Database) -> None:
    doc_id = add(db)
    detail = service.get_detail(db, doc_id, today=D(2025, 10, 20))
    assert detail.clock.due == D(2025, 10, 24)
    soon = service.list_page(db, DocumentFilter(publish="3个工作日内到期"), today=D(2025, 10, 21))
    assert [r.id for r in soon.rows] == [doc_id]
    assert service.list_page(db, DocumentFilter(publish="已逾期"), today=D(2025, 10, 24)).total == 0
    late = service.list_page(db, DocumentFilter(publish="已逾期"), today=D(2025, 10, 27))
    assert [r.id for r in late.rows] == [doc_id]
    from models.services.holidays import load_calendar

    state = service.live_state(late.rows[0], load_calendar(db), D(2025, 10, 27))
    assert state.overdue and state.label == "逾期1个工作日"


def test_three_reviews_in_order_by_three_people_then_publish(db: Database) -> None:
    doc_id = add(db)
    with pytest.raises(ValidationError, match="须先完成初审"):
        service.record_review(db, doc_id, ReviewStage.SECOND, "王科长", D(2025, 9, 23), today=D(2025, 9, 30))
    with pytest.raises(ValidationError, match="三审三校尚未完成终审"):
        service.publish(db, doc_id, D(2025, 9, 25), today=D(2025, 9, 30))
    service.record_review(db, doc_id, ReviewStage.FIRST, "张录入", D(2025, 9, 23), today=D(2025, 9, 30))
    with pytest.raises(ValidationError, match="三个不同的人"):
        service.record_review(db, doc_id, ReviewStage.SECOND, "张录入", D(2025, 9, 24), today=D(2025, 9, 30))
    service.record_review(db, doc_id, ReviewStage.SECOND, "王科长", D(2025, 9, 24), today=D(2025, 9, 30))
    service.record_review(db, doc_id, ReviewStage.FINAL, "刘镇长", D(2025, 9, 25), today=D(2025, 9, 30))
    with pytest.raises(ValidationError, match="早于终审日期2025-09-25"):
        service.publish(db, doc_id, D(2025, 9, 24), today=D(2025, 9, 30))
    detail = service.publish(db, doc_id, D(2025, 9, 26), url="http://www.baihe.gov.cn/1.html", today=D(2025, 9, 30))
    assert detail.clock.label() == "已发布（按时）"
    assert [(r.stage, r.reviewer) for r in detail.reviews] == [
        ("初审", "张录入"),
        ("复审", "王科长"),
        ("终审", "刘镇长"),
    ]
    assert service.list_page(db, DocumentFilter(publish="未发布"), today=D(2025, 9, 30)).total == 0


def test_yearly_review_disclose_starts_new_20_working_day_clock(db: Database) -> None:
    doc_id = add(
        db,
        written=D(2025, 3, 3),
        attribute="不予公开",
        note_mark="此件不公开",
        withhold_reason="内部工作流程",
        basis_code="3.5",
        today=D(2025, 3, 4),
    )
    add(db, number="白鹤府发〔2025〕13号", title="主动公开的文件", today=D(2025, 9, 23))
    listed = service.review_candidates(db, 2025)
    assert [c.id for c in listed] == [doc_id] and listed[0].decision == ""
    detail = service.record_decision(
        db, doc_id, 2025, Decision.DISCLOSE, decided_by="刘镇长", decided_on=D(2025, 12, 25), today=D(2025, 12, 26)
    )
    assert detail.fields.attribute == "主动公开" and detail.fields.note_mark == "此件公开发布"
    assert detail.clock.due == D(2026, 1, 23)
    assert [(d.decision, d.decided_by) for d in detail.decisions] == [("转为主动公开", "刘镇长")]
    with pytest.raises(UserError, match="2025年度的审查决定已登记"):
        service.record_decision(
            db, doc_id, 2025, Decision.KEEP, decided_by="刘镇长", decided_on=D(2025, 12, 26), today=D(2025, 12, 26)
        )


def test_documents_within_30_days_of_validity_are_listed(db: Database) -> None:
    soon = add(db, valid_until=D(2025, 11, 20))
    add(db, number="白鹤府发〔2025〕13号", title="五年有效的办法", valid_until=D(2030, 9, 21))
    assert [r.id for r in service.expiring_documents(db, today=D(2025, 10, 27))] == [soon]
    assert service.expiring_documents(db, today=D(2025, 10, 20)) == []


def test_repealed_needs_its_date(db: Database) -> None:
    doc_id = add(db)
    with pytest.raises(ValidationError, match="废止日期"):
        service.change_state(db, doc_id, "已废止", None, today=D(2025, 12, 1))
    detail = service.change_state(db, doc_id, "已废止", D(2025, 11, 30), today=D(2025, 12, 1))
    assert detail.fields.state == "已废止"


def test_calendar_change_moves_the_cached_due_date(db: Database) -> None:
    doc_id = add(db)
    holidays.set_manual_day(db, D(2025, 10, 24), DayKind.REST, "测试")
    rows = service.list_page(db, DocumentFilter(), today=D(2025, 10, 20)).rows
    assert [(r.id, r.publish_due) for r in rows] == [(doc_id, D(2025, 10, 27))]


def test_applications_asking_for_the_document_are_shown(db: Database) -> None:
    doc_id = add(db)
    data = applications.ApplicationInput(
        received=D(2025, 10, 9), applicant_name="王小明", content="申请公开白鹤府发〔2025〕12号文件全文"
    )
    number = applications.register(db, data, today=D(2025, 10, 9)).number
    detail = service.get_detail(db, doc_id, today=D(2025, 10, 9))
    assert [a.number for a in detail.applications] == [number]


def test_voided_document_leaves_the_list(db: Database) -> None:
    doc_id = add(db)
    with pytest.raises(ValidationError, match="作废理由"):
        service.void_document(db, doc_id, " ")
    service.void_document(db, doc_id, "重复登记")
    assert service.list_page(db, DocumentFilter(), today=SEP22).total == 0
    assert service.list_page(db, DocumentFilter(voided=True), today=SEP22).total == 1


def test_catalogue_tree_and_filter_by_branch(db: Database) -> None:
    root = catalogue.add_node(db, "政府信息公开目录")
    child = catalogue.add_node(db, "惠民惠农资金", parent_id=root)
    with pytest.raises(ValidationError, match="已有“惠民惠农资金”"):
        catalogue.add_node(db, "惠民惠农资金", parent_id=root)
    doc_id = add(db, catalogue_node_id=child)
    assert service.get_detail(db, doc_id, today=SEP22).catalogue_path == "政府信息公开目录 › 惠民惠农资金"
    branch = tuple(catalogue.subtree_ids(db, root))
    assert [r.id for r in service.list_page(db, DocumentFilter(catalogue_node_ids=branch), today=SEP22).rows] == [
        doc_id
    ]
    with pytest.raises(UserError, match="还有1件公文"):
        catalogue.delete_node(db, child)
    assert [(e.path, e.documents) for e in catalogue.list_catalogue(db)] == [
        ("政府信息公开目录", 0),
        ("政府信息公开目录 › 惠民惠农资金", 1),
    ]


def test_text_filter_finds_number_title_and_issuer_and_takes_wildcards_literally(db: Database) -> None:
    doc_id = add(db)
    other = add(db, number="白鹤府办发〔2025〕3号", title="关于100%完成秸秆禁烧任务的通知", issuer="白鹤镇党政办")
    for needle, expected in (
        ("12号", [doc_id]),
        ("惠民", [doc_id]),
        ("党政办", [other]),
        ("100%", [other]),
        ("%", [other]),
    ):
        assert [r.id for r in service.list_page(db, DocumentFilter(text=needle), today=SEP22).rows] == expected, needle


def test_document_attachment_is_copied_and_checked(db: Database, tmp_path) -> None:  # noqa: ANN001
    from models.services.document_attachments import add_document_attachment, list_document_attachments

    doc_id = add(db)
    source = tmp_path / "12号.pdf"
    source.write_bytes(b"%PDF-1.4 signed")
    add_document_attachment(db, doc_id, source, "正式文件")
    [item] = list_document_attachments(db, doc_id)
    assert (item.kind, item.original_name, item.intact) == ("正式文件", "12号.pdf", True)
    item.path.write_bytes(b"changed")
    assert not list_document_attachments(db, doc_id)[0].intact
    with pytest.raises(UserError, match="附件类型应为"):
        add_document_attachment(db, doc_id, source, "照片")


def test_daily_clock_refresh_leaves_no_trace_in_the_audit_log(db: Database) -> None:
    from sqlalchemy import func, select

    from models.entities import AuditEntry

    add(db)
    with db.reading() as session:
        before = session.scalar(select(func.count(AuditEntry.id)))
    assert service.refresh_if_new_day(db, today=D(2025, 10, 27))  # 正常 → 已逾期 in the cache
    with db.reading() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == before
