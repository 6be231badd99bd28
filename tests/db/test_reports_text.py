"""The written parts of the annual report (一、五、六): 一 drafted from the year's figures, the clerk's text kept
per year, the export warns while a part is still a placeholder or the figures changed under an edited 一."""

from __future__ import annotations

import pytest

from models.db import Database
from models.domain.errors import UserError
from models.services import annual_text, reports
from tests.report_register import build

FIVE = "五、存在的主要问题及改进情况"
SIX = "六、其他需要报告的事项"


@pytest.fixture
def report(db: Database):  # noqa: ANN201
    build(db)
    return reports.annual_report(db, 2025)


def test_defaults_draft_one_and_leave_five_and_six_to_be_written(db: Database, report) -> None:  # noqa: ANN001
    text = annual_text.load_text(db, report)
    assert "本年度新收政府信息公开申请27件" in text.summary
    assert "其中予以公开3件、部分公开1件、不予公开8件、无法提供3件、不予处理5件、其他处理3件" in text.summary
    assert text.placeholders() == [FIVE, SIX]
    assert text.warnings() == [
        f"年度报告的以下部分尚待填写（文中标有【待填写：…】）：{FIVE}、{SIX}。",
    ]


def test_saved_text_is_kept_for_its_year_only(db: Database, report) -> None:  # noqa: ANN001
    annual_text.save_text(db, report, problems="问题一。", other="无。")
    again = annual_text.load_text(db, reports.annual_report(db, 2025))
    assert (again.problems, again.other, again.placeholders()) == ("问题一。", "无。", [])
    assert annual_text.load_text(db, reports.annual_report(db, 2024)).placeholders() == [FIVE, SIX]


def test_a_placeholder_left_inside_a_part_still_warns(db: Database, report) -> None:  # noqa: ANN001
    text = annual_text.save_text(
        db, report, summary="总体情况：【待填写：主动公开情况】", problems="问题。", other="无。"
    )
    assert text.placeholders() == ["一、总体情况"]
    text = annual_text.save_text(db, report, other="   ")  # emptied: back to the placeholder
    assert text.placeholders() == ["一、总体情况", SIX]


def test_an_unchanged_draft_follows_the_figures(db: Database, report) -> None:  # noqa: ANN001
    draft = annual_text.load_text(db, report).summary
    annual_text.save_text(db, report, summary=draft)  # saved as shown: nothing of the clerk's own
    reports.set_figure(db, 2025, "行政许可", "7")
    text = annual_text.load_text(db, reports.annual_report(db, 2025))
    assert "行政许可7件" in text.summary and not text.summary_stale


def test_an_edited_summary_warns_when_the_figures_change_after(db: Database, report) -> None:  # noqa: ANN001
    annual_text.save_text(db, report, summary="本年度受理申请27件，办结23件。", problems="问题。", other="无。")
    assert annual_text.load_text(db, report).warnings() == []
    reports.set_figure(db, 2025, "行政许可", "7")
    text = annual_text.load_text(db, reports.annual_report(db, 2025))
    assert text.summary == "本年度受理申请27件，办结23件。"  # the clerk's words are never replaced
    assert text.warnings() == ["一、总体情况是按修改前的数据编写的，数据已有变化，请核对其中的数字。"]


def test_an_overlong_text_is_refused_and_nothing_is_stored(db: Database, report) -> None:  # noqa: ANN001
    with pytest.raises(UserError, match="五、存在的主要问题及改进情况太长"):
        annual_text.save_text(db, report, other="无。", problems="长" * 20001)
    assert annual_text.load_text(db, report).placeholders() == [FIVE, SIX]
