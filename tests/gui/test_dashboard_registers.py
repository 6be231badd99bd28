"""The 工作台 counts of the 公文, 征求意见 and 政策解读 registers (issue 10): what awaits 三审 or publication, what is
overdue, which solicitations still owe their results, which documents lack their interpretations (三同步).
Today is 2026-11-23 (tests/gui/conftest.py). The counts are not clickable yet (no page to open with a filter):
each explains itself in a tooltip."""

from __future__ import annotations

from datetime import date

from models.entities import DocumentReview
from tests.gui.navigation import open_page
from tests.register_entries import add, add_interpretations, document, solicitation


def test_dashboard_counts_documents_solicitations_and_missing_interpretations(window, db) -> None:  # noqa: ANN001
    waiting = document(date(2026, 11, 2), publish_due=date(2026, 11, 30))  # no 终审 yet
    overdue = document(date(2026, 10, 9), publish_due=date(2026, 11, 10))  # 终审 done, due 11-10, not published
    add(
        db,
        waiting,
        overdue,
        document(date(2026, 10, 1), publish_due=date(2026, 10, 30), published=date(2026, 10, 29)),  # published
        document(date(2026, 10, 1), publish_due=date(2026, 10, 30), voided=True),  # voided
        document(date(2026, 10, 1), attribute="不予公开", note_mark="此件不公开"),  # not due for publication
    )
    add(
        db,
        *(
            DocumentReview(document_id=overdue.id, stage=stage, reviewer=name, day=date(2026, 10, 12))
            for stage, name in (("初审", "王芳"), ("复审", "张明"), ("终审", "李华"))
        ),
    )
    complete = document(date(2026, 11, 2), category="行政规范性文件", published=date(2026, 11, 5))
    late = document(date(2026, 11, 2), category="行政规范性文件", published=date(2026, 11, 5))
    needed = document(date(2026, 11, 2), needs_interpretation=True)  # unpublished, no interpretation
    add(db, complete, late, needed, document(date(2026, 11, 2)))  # the last needs none
    add_interpretations(db, complete, (date(2026, 11, 5), ("文字", "图表图解"), False))
    add_interpretations(
        db, late, (date(2026, 11, 5), ("文字",), False), (date(2026, 11, 10), ("音视频",), False)
    )  # the video came after the document: one form in time
    add(
        db,
        solicitation(date(2026, 10, 21), date(2026, 11, 20)),  # closed, results not published: pending
        solicitation(date(2026, 11, 1), date(2026, 11, 23)),  # closes today: not yet
        solicitation(date(2026, 9, 1), date(2026, 10, 1), results_published=date(2026, 10, 10)),
        solicitation(date(2026, 9, 1), date(2026, 10, 1), voided=True),
    )
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    texts = {key: label.text() for key, label in dashboard.register_labels.items()}
    assert texts == {
        "awaiting_review": "公文待审核：1 件",
        "awaiting_publication": "公文待发布：1 件",
        "overdue": "公文发布逾期：1 件",
        "solicitations_pending": "征求意见待公布采纳情况：1 件",
        "interpretations_missing": "政策解读缺失（三同步）：2 件",
    }
    assert "20个工作日" in dashboard.register_labels["overdue"].toolTip()
    assert "三同步" in dashboard.register_labels["interpretations_missing"].toolTip()
    assert dashboard.register_labels["overdue"].isVisible()
