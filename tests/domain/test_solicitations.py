"""征求意见 rules: the period in calendar days with both ends counted (2025-03-01 … 2025-03-30 is 30 days),
≥30 for 重大行政决策 and ≥7 for 行政规范性文件 unless a 缩短期限理由 is recorded (重大行政决策程序暂行条例第15条;
巫山县2022年方案 §(三)); adoption counts; results still to be published after the 截止日期."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain import solicitations as s
from models.domain.errors import ValidationError
from models.domain.solicitations import Outcome, SolicitationKind, SolicitationState

D = date
MAJOR, NORMATIVE, OTHER = SolicitationKind.MAJOR_DECISION, SolicitationKind.NORMATIVE, SolicitationKind.OTHER


def test_rule_major_decision_period_of_29_days_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        s.check_period(MAJOR, D(2025, 3, 1), D(2025, 3, 29))
    assert refused.value.message == (
        "截止日期：征求意见期限为29日（2025-03-01至2025-03-29，首尾两日均计入），"
        "重大行政决策一般不少于30日；确需缩短的，请填写缩短期限理由。"
    )


def test_rule_major_decision_period_of_30_days_is_accepted() -> None:
    assert s.check_period(MAJOR, D(2025, 3, 1), D(2025, 3, 30)) == 30


def test_rule_period_across_a_month_end_counts_both_ends() -> None:
    # 2025-11-20 … 2025-12-19: 11 days in November (20–30) + 19 in December = 30.
    assert s.check_period(MAJOR, D(2025, 11, 20), D(2025, 12, 19)) == 30


def test_rule_shortened_period_with_a_reason_is_accepted() -> None:
    assert s.check_period(MAJOR, D(2025, 3, 1), D(2025, 3, 5), "汛期临近，须在主汛期前实施") == 5


def test_rule_normative_document_needs_7_days_unless_shortened() -> None:
    assert s.check_period(NORMATIVE, D(2025, 3, 1), D(2025, 3, 7)) == 7
    with pytest.raises(ValidationError, match="期限为6日.*行政规范性文件一般不少于7日"):
        s.check_period(NORMATIVE, D(2025, 3, 1), D(2025, 3, 6), "  ")
    assert s.check_period(NORMATIVE, D(2025, 3, 1), D(2025, 3, 3), "上级要求限期出台") == 3


def test_rule_other_solicitations_have_no_minimum() -> None:
    assert s.check_period(OTHER, D(2025, 3, 1), D(2025, 3, 1)) == 1


def test_rule_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="^截止日期：截止日期2025-02-28早于开始日期2025-03-01"):
        s.check_period(OTHER, D(2025, 3, 1), D(2025, 2, 28))


def test_rule_adopted_counts_cannot_exceed_received() -> None:
    with pytest.raises(ValidationError, match="合计13条，多于收到的12条意见"):
        s.check_outcome(
            Outcome(received=12, adopted=5, partly_adopted=4, rejected=4), D(2025, 3, 30), today=D(2025, 4, 10)
        )
    s.check_outcome(Outcome(received=12, adopted=5, partly_adopted=4, rejected=3), D(2025, 3, 30), today=D(2025, 4, 10))
    with pytest.raises(ValidationError, match="^采纳：不能小于0"):
        s.check_outcome(Outcome(received=1, adopted=-1), D(2025, 3, 30), today=D(2025, 4, 10))


def test_rule_results_published_with_rejections_need_the_reason() -> None:
    outcome = Outcome(received=3, adopted=1, rejected=2, published=D(2025, 4, 8))
    with pytest.raises(ValidationError, match="^未采纳理由："):
        s.check_outcome(outcome, D(2025, 3, 30), today=D(2025, 4, 10))
    with pytest.raises(ValidationError, match="早于征求意见截止日期2025-03-30"):
        s.check_outcome(Outcome(received=0, published=D(2025, 3, 29)), D(2025, 3, 30), today=D(2025, 4, 10))


def test_rule_after_the_end_date_unpublished_results_are_pending() -> None:
    start, end = D(2025, 3, 1), D(2025, 3, 30)
    assert not s.results_pending(end, None, D(2025, 3, 30))  # the last day is still open
    assert s.state(start, end, None, D(2025, 3, 30)) is SolicitationState.OPEN
    assert s.results_pending(end, None, D(2025, 3, 31))
    assert s.state(start, end, None, D(2025, 3, 31)) is SolicitationState.PENDING
    assert s.state(start, end, None, D(2025, 3, 31)).value == "待公布采纳情况"
    assert not s.results_pending(end, D(2025, 4, 8), D(2025, 4, 10))
    assert s.state(start, end, D(2025, 4, 8), D(2025, 4, 10)) is SolicitationState.DONE
    assert s.state(start, end, None, D(2025, 2, 28)) is SolicitationState.NOT_STARTED


def test_rule_unknown_kind_is_refused_in_chinese() -> None:
    with pytest.raises(ValidationError, match="^类型：应为重大行政决策、行政规范性文件、其他之一"):
        s.parse_kind("规章")
