"""征求意见 register (issue 10): the period rule on add and edit, the results, the states and the pending list."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import UserError, ValidationError
from models.domain.solicitations import Outcome
from models.services import solicitations
from models.services.solicitations import ListFilter, SolicitationInput
from tests.register_documents import add_document

TODAY = date(2025, 6, 10)


def _form(**changes: object) -> SolicitationInput:
    values: dict[str, object] = {
        "title": "白鹤镇农村人居环境整治三年行动方案（征求意见稿）",
        "kind": "重大行政决策",
        "start": date(2025, 3, 1),
        "end": date(2025, 3, 30),
        "channel": "镇政府门户网站",
    }
    values.update(changes)
    return SolicitationInput(**values)  # type: ignore[arg-type]


def test_major_decision_of_30_days_counting_both_ends_is_accepted(db) -> None:  # noqa: ANN001
    row = solicitations.add(db, _form(), today=TODAY)
    assert (row.start, row.end, row.days) == (date(2025, 3, 1), date(2025, 3, 30), 30)
    assert (
        solicitations.list_solicitations(db, today=TODAY)[0].title == "白鹤镇农村人居环境整治三年行动方案（征求意见稿）"
    )


def test_major_decision_of_29_days_is_refused_on_the_deadline_field_and_nothing_is_saved(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as refused:
        solicitations.add(db, _form(end=date(2025, 3, 29)), today=TODAY)
    assert refused.value.field == "截止日期"
    assert "29日" in refused.value.message and "不少于30日" in refused.value.message
    assert solicitations.list_solicitations(db, today=TODAY) == []


def test_normative_document_needs_7_days_unless_a_shortening_reason_is_recorded(db) -> None:  # noqa: ANN001
    six_days = _form(kind="行政规范性文件", start=date(2025, 4, 1), end=date(2025, 4, 6))
    with pytest.raises(ValidationError, match="不少于7日"):
        solicitations.add(db, six_days, today=TODAY)
    seven = solicitations.add(
        db, _form(kind="行政规范性文件", start=date(2025, 4, 1), end=date(2025, 4, 7)), today=TODAY
    )
    assert seven.days == 7 and not seven.shortened
    reason = "汛期临近，防汛物资储备办法须尽快出台"
    short = solicitations.add(db, SolicitationInput(**{**six_days.__dict__, "shortening_reason": reason}), today=TODAY)
    assert short.days == 6 and short.shortened and short.shortening_reason == reason


def test_edit_to_a_too_short_period_is_refused_and_the_record_keeps_its_dates(db) -> None:  # noqa: ANN001
    row = solicitations.add(db, _form(), today=TODAY)
    with pytest.raises(ValidationError):
        solicitations.edit(db, row.id, _form(end=date(2025, 3, 20)), today=TODAY)
    assert solicitations.get(db, row.id).end == date(2025, 3, 30)


def test_pending_after_the_deadline_until_the_adoption_results_are_published(db) -> None:  # noqa: ANN001
    closed = solicitations.add(db, _form(), today=TODAY)
    solicitations.add(db, _form(title="在征求", start=date(2025, 6, 1), end=date(2025, 7, 5)), today=TODAY)
    assert [r.title for r in solicitations.pending(db, today=TODAY)] == [closed.title]
    assert closed.state(TODAY) == "待公布采纳情况"
    outcome = Outcome(12, 5, 3, 4, "与上位法规定不一致", date(2025, 4, 15))
    done = solicitations.record_results(db, closed.id, outcome, today=TODAY)
    assert done.state(TODAY) == "已公布采纳情况"
    assert solicitations.pending(db, today=TODAY) == []
    assert [r.title for r in solicitations.list_solicitations(db, ListFilter(state="征求中"), today=TODAY)] == [
        "在征求"
    ]
    assert [r.id for r in solicitations.list_solicitations(db, ListFilter(state="已公布"), today=TODAY)] == [closed.id]


def test_results_with_more_handled_than_received_are_refused(db) -> None:  # noqa: ANN001
    row = solicitations.add(db, _form(), today=TODAY)
    with pytest.raises(ValidationError, match="多于收到的3条"):
        solicitations.record_results(db, row.id, Outcome(3, 2, 1, 1, "理由", date(2025, 4, 1)), today=TODAY)
    with pytest.raises(ValidationError, match="须说明理由"):
        solicitations.record_results(db, row.id, Outcome(3, 2, 0, 1, "", date(2025, 4, 1)), today=TODAY)
    assert solicitations.get(db, row.id).received == 0


def test_link_to_a_document_by_its_number_in_any_bracket_style(db) -> None:  # noqa: ANN001
    add_document(db, "白鹤府发〔2025〕3号", "白鹤镇农村人居环境整治三年行动方案")
    row = solicitations.add(db, _form(document="白鹤府发[2025]3号"), today=TODAY)
    assert row.document_number == "白鹤府发〔2025〕3号"
    with pytest.raises(ValidationError) as refused:
        solicitations.add(db, _form(document="白鹤府发〔2025〕99号"), today=TODAY)
    assert refused.value.field == "关联文件（文号）"


def test_filters_by_kind_year_and_text_and_voided_records_drop_out(db) -> None:  # noqa: ANN001
    major = solicitations.add(db, _form(), today=TODAY)
    normative = solicitations.add(
        db,
        _form(title="养犬管理办法", kind="行政规范性文件", start=date(2024, 11, 1), end=date(2024, 11, 7)),
        today=TODAY,
    )
    assert [r.id for r in solicitations.list_solicitations(db, ListFilter(kind="行政规范性文件"), today=TODAY)] == [
        normative.id
    ]
    assert [r.id for r in solicitations.list_solicitations(db, ListFilter(year=2025), today=TODAY)] == [major.id]
    assert [r.id for r in solicitations.list_solicitations(db, ListFilter(text="养犬"), today=TODAY)] == [normative.id]
    with pytest.raises(ValidationError):
        solicitations.void(db, major.id, " ")
    solicitations.void(db, major.id, "重复登记", actor="王敏")
    assert [r.id for r in solicitations.list_solicitations(db, today=TODAY)] == [normative.id]
    assert [r.void_reason for r in solicitations.list_solicitations(db, ListFilter(state="已作废"), today=TODAY)] == [
        "重复登记"
    ]
    with pytest.raises(UserError, match="已于"):
        solicitations.record_results(db, major.id, Outcome(), today=TODAY)
