"""公文 rules of models.domain.documents on the official calendar (domain README §1, §6; 条例第26条).

Expected dates were counted by hand from shared/domain/holidays/days.csv: 2025-09-28 (Sun) and 2025-10-11 (Sat) 班,
2025-10-01…10-08 休; 2026-01-01…01-03 休, 2026-01-04 (Sun) 班; 2026-02-15…02-23 休, 2026-02-14 and 02-28 (Sat) 班.
The start day never counts; "(1)" below is the first working day after it.
"""

from __future__ import annotations

from datetime import date

import pytest

from models.domain import documents as d
from models.domain.documents import (
    Attribute,
    Category,
    CountedDocument,
    Decision,
    DocState,
    NoteMark,
    PublishState,
    Review,
    ReviewDecision,
    ReviewStage,
    ValidityState,
)
from models.domain.errors import ValidationError
from models.domain.workdays import WorkCalendar

D = date
FIRST, SECOND, FINAL = ReviewStage.FIRST, ReviewStage.SECOND, ReviewStage.FINAL


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar.standard()


# -- 20 working days (条例第26条) -------------------------------------------------------------------------


def test_rule_publication_due_20_working_days_after_written_across_national_day_2025(calendar: WorkCalendar) -> None:
    # 09-26 Fri → 09-28 Sun 班 (1), 29 (2), 30 (3), 10-01…08 休, 10-09 (4), 10 (5), 11 Sat 班 (6), 13–17 (7–11),
    # 20–24 (12–16), 27 (17), 28 (18), 29 (19), 30 (20).
    clock = d.publication_clock(Attribute.PROACTIVE, D(2025, 9, 26), None, [], calendar, today=D(2025, 9, 29))
    assert clock.start == D(2025, 9, 26)
    assert clock.due == D(2025, 10, 30)
    assert clock.state is PublishState.NORMAL
    assert clock.label() == "正常"


def test_rule_publication_due_soon_within_3_working_days(calendar: WorkCalendar) -> None:
    # today 10-27 Mon: 28, 29, 30 left → 3个工作日内到期; on 10-24 Fri four are left (27–30) → 正常.
    soon = d.publication_clock(Attribute.PROACTIVE, D(2025, 9, 26), None, [], calendar, today=D(2025, 10, 27))
    assert soon.state is PublishState.DUE_SOON
    assert soon.label() == "3个工作日内到期"
    assert soon.working_days_left == 3
    normal = d.publication_clock(Attribute.PROACTIVE, D(2025, 9, 26), None, [], calendar, today=D(2025, 10, 24))
    assert normal.state is PublishState.NORMAL


def test_rule_publication_overdue_counts_working_days_past_due(calendar: WorkCalendar) -> None:
    # due 10-30 Thu; today 11-04 Tue: 10-31 Fri, 11-03 Mon, 11-04 Tue → 逾期3个工作日.
    clock = d.publication_clock(Attribute.PROACTIVE, D(2025, 9, 26), None, [], calendar, today=D(2025, 11, 4))
    assert clock.state is PublishState.OVERDUE
    assert clock.label() == "逾期3个工作日"


def test_rule_published_on_the_due_day_is_on_time_and_later_is_late(calendar: WorkCalendar) -> None:
    on_time = d.publication_clock(
        Attribute.PROACTIVE, D(2025, 9, 26), D(2025, 10, 30), [], calendar, today=D(2025, 12, 1)
    )
    assert on_time.state is PublishState.ON_TIME
    assert on_time.label() == "已发布（按时）"
    # published 11-03 Mon: 10-31, 11-03 → two working days late.
    late = d.publication_clock(Attribute.PROACTIVE, D(2025, 9, 26), D(2025, 11, 3), [], calendar, today=D(2025, 12, 1))
    assert late.state is PublishState.LATE
    assert late.label() == "已发布（逾期2个工作日）"


def test_rule_a_document_not_proactively_disclosed_has_no_publication_clock(calendar: WorkCalendar) -> None:
    for attribute in (Attribute.ON_REQUEST, Attribute.WITHHELD):
        clock = d.publication_clock(attribute, D(2025, 9, 26), None, [], calendar, today=D(2025, 12, 1))
        assert clock.due is None
        assert clock.state is PublishState.NONE
    kept = [ReviewDecision(2025, Decision.KEEP, D(2025, 12, 20))]
    clock = d.publication_clock(Attribute.WITHHELD, D(2024, 3, 1), None, kept, calendar, today=D(2025, 12, 22))
    assert clock.due is None


def test_rule_yearly_review_disclosure_starts_a_new_20_working_day_clock(calendar: WorkCalendar) -> None:
    # decided 2025-12-25 Thu: 26 (1), 29–31 (2–4), 2026-01-04 Sun 班 (5), 05–09 (6–10), 12–16 (11–15), 19–23 (16–20).
    turned = [ReviewDecision(2025, Decision.DISCLOSE, D(2025, 12, 25))]
    clock = d.publication_clock(Attribute.ON_REQUEST, D(2024, 3, 1), None, turned, calendar, today=D(2026, 1, 5))
    assert clock.start == D(2025, 12, 25)
    assert clock.due == D(2026, 1, 23)
    assert clock.state is PublishState.NORMAL


def test_rule_yearly_review_clock_runs_from_the_recorded_start_date(calendar: WorkCalendar) -> None:
    # clock from 2026-02-10 Tue: 11–13 (1–3), 14 Sat 班 (4), 15–23 休, 24–27 (5–8), 28 Sat 班 (9),
    # 03-02…06 (10–14), 09–13 (15–19), 16 (20) → 2026-03-16 (README §1 worked example).
    turned = [ReviewDecision(2026, Decision.DISCLOSE, D(2026, 2, 5), clock_from=D(2026, 2, 10))]
    clock = d.publication_clock(Attribute.WITHHELD, D(2023, 5, 1), None, turned, calendar, today=D(2026, 2, 11))
    assert clock.due == D(2026, 3, 16)


# -- 公开属性 and 附注 -----------------------------------------------------------------------------------


def test_rule_proactive_document_needs_no_reason() -> None:
    assert d.check_disclosure(Attribute.PROACTIVE, NoteMark.PUBLISH, "", "") is None


def test_rule_attribute_and_note_mark_must_agree() -> None:
    with pytest.raises(ValidationError, match="附注：公开属性为“主动公开”的公文.*不能是“此件不公开”"):
        d.check_disclosure(Attribute.PROACTIVE, NoteMark.WITHHELD, "涉及个人隐私", "3.4")
    with pytest.raises(ValidationError, match="不能是“此件公开发布”"):
        d.check_disclosure(Attribute.WITHHELD, NoteMark.PUBLISH, "", "")
    with pytest.raises(ValidationError, match="不能是“此件不公开”"):
        d.check_disclosure(Attribute.ON_REQUEST, NoteMark.WITHHELD, "仅涉及特定对象", "3.4")


def test_rule_not_proactive_needs_reason_and_an_exemption_basis() -> None:
    with pytest.raises(ValidationError, match="^不公开理由："):
        d.check_disclosure(Attribute.WITHHELD, NoteMark.WITHHELD, " ", "3.5")
    with pytest.raises(ValidationError, match="^依据：.*须选择依据"):
        d.check_disclosure(Attribute.ON_REQUEST, NoteMark.ON_REQUEST, "仅涉及特定对象", "")
    row = d.check_disclosure(Attribute.WITHHELD, NoteMark.WITHHELD, "属于内部事务信息", "3.5")
    assert row is not None and row.detail == "属于三类内部事务信息"


def test_rule_basis_must_be_an_exemption_row() -> None:
    with pytest.raises(ValidationError, match="^依据：应为不予公开的情形之一"):
        d.check_disclosure(Attribute.WITHHELD, NoteMark.WITHHELD, "本机关不掌握", "4.1")
    row = d.check_disclosure(Attribute.WITHHELD, NoteMark.WITHHELD, "第三方不同意", "保护第三方合法权益")
    assert row is not None and row.code == "3.4"


def test_rule_redacted_publication_also_needs_its_reason() -> None:
    with pytest.raises(ValidationError, match="此件删减后公开"):
        d.check_disclosure(Attribute.PROACTIVE, NoteMark.REDACTED, "", "")
    row = d.check_disclosure(Attribute.PROACTIVE, NoteMark.REDACTED, "删去个人身份证号码", "3.4")
    assert row is not None and row.code == "3.4"


def test_rule_unknown_attribute_is_refused_in_chinese() -> None:
    with pytest.raises(ValidationError, match="^公开属性：应为主动公开、依申请公开、不予公开之一，收到“公开”"):
        d.parse_attribute("公开")
    assert d.parse_category(" 规章 ") is Category.RULES


# -- 三审三校 ---------------------------------------------------------------------------------------------


def _reviews(*rows: tuple[ReviewStage, str, date]) -> list[Review]:
    return [Review(stage, name, day) for stage, name, day in rows]


def test_rule_three_reviews_by_three_different_people_in_order_are_accepted() -> None:
    d.check_reviews(
        _reviews(
            (FIRST, "王小红", D(2025, 9, 22)), (SECOND, "李科长", D(2025, 9, 22)), (FINAL, "陈镇长", D(2025, 9, 24))
        )
    )


def test_rule_the_same_person_cannot_review_twice() -> None:
    with pytest.raises(ValidationError, match="^终审：三审三校须由三个不同的人完成，王小红已担任初审"):
        d.check_reviews(
            _reviews(
                (FIRST, "王小红", D(2025, 9, 22)), (SECOND, "李科长", D(2025, 9, 23)), (FINAL, "王小红", D(2025, 9, 24))
            )
        )


def test_rule_second_review_before_first_is_refused() -> None:
    with pytest.raises(ValidationError, match="^复审：须先完成初审"):
        d.check_reviews(_reviews((SECOND, "李科长", D(2025, 9, 23))))
    with pytest.raises(ValidationError, match="^终审：须先完成复审"):
        d.check_reviews(_reviews((FIRST, "王小红", D(2025, 9, 22)), (FINAL, "陈镇长", D(2025, 9, 24))))


def test_rule_review_dates_must_not_go_back() -> None:
    with pytest.raises(ValidationError, match="^终审：终审日期2025-09-22早于复审日期2025-09-23"):
        d.check_reviews(
            _reviews(
                (FIRST, "王小红", D(2025, 9, 22)), (SECOND, "李科长", D(2025, 9, 23)), (FINAL, "陈镇长", D(2025, 9, 22))
            )
        )


def test_rule_a_stage_cannot_be_recorded_twice() -> None:
    with pytest.raises(ValidationError, match="初审已登记"):
        d.check_reviews(_reviews((FIRST, "王小红", D(2025, 9, 22)), (FIRST, "李科长", D(2025, 9, 23))))


def test_rule_cannot_be_published_before_final_review() -> None:
    two = _reviews((FIRST, "王小红", D(2025, 9, 22)), (SECOND, "李科长", D(2025, 9, 23)))
    with pytest.raises(ValidationError, match="^发布日期：三审三校尚未完成终审"):
        d.check_publication(D(2025, 9, 30), D(2025, 9, 26), two, today=D(2025, 10, 9))
    three = [*two, Review(FINAL, "陈镇长", D(2025, 9, 29))]
    with pytest.raises(ValidationError, match="发布日期2025-09-28早于终审日期2025-09-29"):
        d.check_publication(D(2025, 9, 28), D(2025, 9, 26), three, today=D(2025, 10, 9))
    d.check_publication(D(2025, 9, 29), D(2025, 9, 26), three, today=D(2025, 10, 9))


# -- 状态 and validity -------------------------------------------------------------------------------------


def test_rule_repealed_needs_its_repeal_date() -> None:
    with pytest.raises(ValidationError, match="^废止日期：状态为“已废止”的公文须填写废止日期"):
        d.check_state(DocState.REPEALED, None, D(2024, 5, 20), today=D(2025, 5, 1))
    with pytest.raises(ValidationError, match="早于成文日期"):
        d.check_state(DocState.REPEALED, D(2024, 5, 1), D(2024, 5, 20), today=D(2025, 5, 1))
    d.check_state(DocState.REPEALED, D(2025, 4, 1), D(2024, 5, 20), today=D(2025, 5, 1))


def test_rule_documents_within_30_days_of_validity_end_are_listed() -> None:
    today = D(2025, 6, 1)
    assert d.validity_state(D(2025, 7, 1), DocState.IN_FORCE, today) is ValidityState.EXPIRING  # 30 days ahead
    assert d.validity_state(D(2025, 7, 2), DocState.IN_FORCE, today) is ValidityState.NONE  # 31 days ahead
    assert d.validity_state(D(2025, 5, 31), DocState.IN_FORCE, today) is ValidityState.PAST
    assert d.validity_state(D(2025, 6, 15), DocState.REPEALED, today) is ValidityState.NONE
    assert d.validity_state(None, DocState.IN_FORCE, today) is ValidityState.NONE


# -- 表二 --------------------------------------------------------------------------------------------------

N, R = Category.NORMATIVE, Category.RULES
REGISTER = [
    CountedDocument(N, D(2024, 3, 10), DocState.IN_FORCE),
    CountedDocument(N, D(2024, 5, 20), DocState.REPEALED, D(2025, 4, 1)),
    CountedDocument(N, D(2025, 2, 1), DocState.IN_FORCE),
    CountedDocument(N, D(2025, 6, 1), DocState.REPEALED, D(2025, 11, 30)),
    CountedDocument(R, D(2024, 12, 31), DocState.IN_FORCE),
    CountedDocument(R, D(2025, 1, 1), DocState.EXPIRED, D(2025, 9, 1)),
    CountedDocument(Category.POLICY, D(2025, 3, 1), DocState.IN_FORCE),
    CountedDocument(N, D(2023, 1, 1), DocState.IN_FORCE, valid_until=D(2024, 12, 31)),
    CountedDocument(N, D(2024, 8, 8), DocState.AMENDED, D(2025, 7, 1)),
]


def test_rule_table_two_counts_from_a_register_spanning_two_years() -> None:
    assert d.table_two_documents(REGISTER, 2024) == {
        ("规章", "本年制发件数"): 1,
        ("规章", "本年废止件数"): 0,
        ("规章", "现行有效件数"): 1,
        ("行政规范性文件", "本年制发件数"): 3,
        ("行政规范性文件", "本年废止件数"): 0,
        ("行政规范性文件", "现行有效件数"): 4,
    }
    assert d.table_two_documents(REGISTER, 2025) == {
        ("规章", "本年制发件数"): 1,
        ("规章", "本年废止件数"): 0,
        ("规章", "现行有效件数"): 1,
        ("行政规范性文件", "本年制发件数"): 2,
        ("行政规范性文件", "本年废止件数"): 2,
        ("行政规范性文件", "现行有效件数"): 2,
    }
