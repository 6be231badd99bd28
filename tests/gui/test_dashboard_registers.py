"""The 工作台 counts of the 公文, 征求意见 and 政策解读 registers (issue 10): what awaits 三审 or publication, what is
overdue, which solicitations still owe their results, which documents lack their interpretations (三同步).
Today is 2026-11-23 (tests/gui/conftest.py). Each count explains itself in a tooltip, and one click on it opens the
register filtered to exactly the records counted (issue 11 §工作台)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from models.db import Database
from models.entities import DocumentReview
from tests.gui.navigation import open_page
from tests.register_entries import add, add_interpretations, document, solicitation


def _fixture(db: Database) -> dict[str, str]:
    """The titles of the records each count should open."""
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
    return {
        "waiting": waiting.title,
        "overdue": overdue.title,
        "late": late.title,
        "needed": needed.title,
    }


def test_dashboard_counts_documents_solicitations_and_missing_interpretations(window, db) -> None:  # noqa: ANN001
    _fixture(db)
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    texts = {key: label.text() for key, label in dashboard.register_buttons.items()}
    assert texts == {
        "awaiting_review": "公文待审核：1 件",
        "awaiting_publication": "公文待发布：1 件",
        "overdue": "公文发布逾期：1 件",
        "solicitations_pending": "征求意见待公布采纳情况：1 件",
        "interpretations_missing": "政策解读缺失（三同步）：2 件",
    }
    assert "20个工作日" in dashboard.register_buttons["overdue"].toolTip()
    assert "三同步" in dashboard.register_buttons["interpretations_missing"].toolTip()
    assert dashboard.register_buttons["overdue"].isVisible()


def _click(qtbot, window, button) -> object:  # noqa: ANN001
    window.show_page(0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return window.stack.currentWidget()


def _titles(page) -> list[str]:  # noqa: ANN001
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    return sorted(getattr(row, "document", row).title for row in rows)


def test_dashboard_document_counts_open_the_documents_list_filtered(qtbot, window, db) -> None:  # noqa: ANN001
    titles = _fixture(db)
    dashboard = window.page("工作台")
    dashboard.refresh()
    documents = window.page("公文")
    documents.year.setCurrentText("2025")  # a filter left over from before: the click clears it
    page = _click(qtbot, window, dashboard.register_buttons["awaiting_review"])
    assert page is documents and documents.publish.currentText() == "待审核"
    assert documents.year.currentText() == "全部"
    assert _titles(documents) == [titles["waiting"]]
    _click(qtbot, window, dashboard.register_buttons["awaiting_publication"])
    assert documents.publish.currentText() == "待发布" and _titles(documents) == [titles["overdue"]]
    _click(qtbot, window, dashboard.register_buttons["overdue"])
    assert documents.publish.currentText() == "已逾期" and _titles(documents) == [titles["overdue"]]
    assert documents.count.text() == "共 1 件"


def test_dashboard_solicitation_and_interpretation_counts_open_their_lists(qtbot, window, db) -> None:  # noqa: ANN001
    titles = _fixture(db)
    dashboard = window.page("工作台")
    dashboard.refresh()
    page = _click(qtbot, window, dashboard.register_buttons["solicitations_pending"])
    assert page.title == "征求意见" and page.state.currentText() == "待公布采纳情况"
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert [(r.start, r.end) for r in rows] == [(date(2026, 10, 21), date(2026, 11, 20))]
    page = _click(qtbot, window, dashboard.register_buttons["interpretations_missing"])
    assert page.title == "政策解读" and page.flags_only.isChecked()
    assert _titles(page) == sorted([titles["late"], titles["needed"]])


def test_dashboard_tasks_count_opens_the_task_list_or_calendar_when_there_is_one(qtbot, window) -> None:  # noqa: ANN001
    dashboard = window.page("工作台")
    assert dashboard.tasks_button.text() == "任务到期：0 项"
    target = next((p for p in window.pages if p.title in ("任务清单", "期限日历")), None)
    if target is None:  # neither page in this build: the count is shown, not clickable
        assert not dashboard.tasks_button.isEnabled()
    else:
        assert _click(qtbot, window, dashboard.tasks_button) is window.tasks_page()
