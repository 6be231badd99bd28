"""Property-based tests of the forms that write to the database and of the new registers' pure checks: an event of
any kind with random dates and values, the unit profile, the annual report's text, the 文号 parser and the checks
of 公文, 征求意见 and 政策解读. Whatever the input, the answer is a value or the project's own UserError, and a
refused form leaves every table of the database exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from models.db import Database
from models.domain import documents, interpretations, solicitations
from models.domain.case import EventKind
from models.domain.document_number import parse_document_number
from models.domain.errors import UserError, ValidationError
from models.migrate import open_database
from models.services import annual_text, applications, profile, reports
from models.services.applications import ApplicationInput
from models.services.profile import PROFILE_FIELDS
from tests.hypothesis.fuzz import budget, row_counts, user_error_or_value

TODAY = date(2026, 11, 23)
_DATES = st.one_of(st.dates(min_value=date(1999, 1, 1), max_value=date(2031, 1, 1)), st.just(date.max))
_TEXT = st.one_of(st.text(max_size=20), st.sampled_from(["", " ", "\n", "x" * 5001, "=1+1", "\x00"]))


@pytest.fixture
def case_db(tmp_path: Path) -> Iterator[tuple[Database, Path, str]]:
    """One database with one registered application for all examples of a test."""
    path = tmp_path / "fuzz.db"
    database = open_database(path)
    form = ApplicationInput(
        received=date(2025, 9, 22),
        channel="当面",
        applicant_type="自然人",
        applicant_name="王小明",
        content="申请公开2025年白鹤镇道路硬化工程的招标文件及合同",
        delivery_form="纸质",
    )
    try:
        number = applications.register(database, form, today=date(2025, 9, 22)).number
        yield database, path, number
    finally:
        database.close()


# -- an event of any kind ------------------------------------------------------------------------------------

_DATA_KEYS = [
    "deadline", "received", "served", "until", "expected", "approved", "days", "amount", "result", "basis", "detail",
    "reason", "ref", "kind", "method", "organ", "party", "party_kind", "court", "doc_number", "letter_kind",
    "approver",
]  # fmt: skip
_VALUE = st.one_of(
    st.none(),
    _TEXT,
    _DATES,
    _DATES.map(date.isoformat),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.booleans(),
    st.sampled_from(["予以公开", "不予公开", "3.1", "1", "15", "2025-02-30", "0001-01-01", "邮寄", "自然人", "reply"]),
)


@budget(150)
@given(
    st.sampled_from(list(EventKind)),
    st.one_of(st.dates(min_value=date(2025, 9, 22), max_value=date(2025, 12, 31)), _DATES),  # mostly the case's own
    st.dictionaries(st.sampled_from(_DATA_KEYS), _VALUE, max_size=5),
)
# found by fuzzing: ValueError from date.fromisoformat / int() in case.check, a traceback instead of a refusal
@example(EventKind.SUPPLEMENT_NOTICE, date(2025, 9, 25), {"deadline": "不是日期"})
@example(EventKind.FEE_NOTICE, date(2025, 9, 25), {"amount": "abc", "deadline": date(2025, 10, 10)})
@example(EventKind.EXTENSION, date(2025, 10, 20), {"days": "x"})
@example(EventKind.REPLY, date.max, {})
def test_an_event_of_any_kind_is_recorded_or_refused_without_a_write(
    case_db: tuple[Database, Path, str], kind: EventKind, day: date, data: dict[str, Any]
) -> None:
    db, db_path, number = case_db
    before = row_counts(db_path)
    outcome = user_error_or_value(lambda: applications.record_event(db, number, kind, day, data, today=TODAY))
    if isinstance(outcome, UserError):
        assert row_counts(db_path) == before, "a refused event wrote something"
    else:
        assert row_counts(db_path)["application_event"] > before["application_event"]


# -- the unit profile ----------------------------------------------------------------------------------------


@budget(60)
@given(
    st.one_of(st.sampled_from([f.label for f in PROFILE_FIELDS]), st.text(max_size=6)),
    st.one_of(_TEXT, st.text(alphabet="0123456789-()（）转 \r\n", max_size=32), st.just("1" * 201)),
)
@example("邮编", "４０４１００")  # full-width digits: not a 6-digit postcode in ASCII
@example("联系电话", "023-1234\n5678")
def test_a_profile_field_is_saved_or_refused_without_a_write(
    case_db: tuple[Database, Path, str], label: str, value: str
) -> None:
    db, db_path, _ = case_db
    before = profile.get_profile(db)
    counts = row_counts(db_path)
    outcome = user_error_or_value(lambda: profile.set_field(db, label, value))
    if isinstance(outcome, UserError):
        assert profile.get_profile(db) == before and row_counts(db_path) == counts
    else:
        assert value.strip() in outcome.as_labels().values()
        assert len(value.strip()) <= 200 and "\n" not in value.strip()


# -- the annual report's text --------------------------------------------------------------------------------


@budget(40)
@given(st.one_of(st.none(), _TEXT), st.one_of(st.none(), _TEXT), st.one_of(st.none(), _TEXT, st.just("一" * 20_001)))
@example(None, None, "\r\n\r")
def test_the_annual_report_text_is_saved_or_refused_without_a_write(
    case_db: tuple[Database, Path, str], summary: str | None, problems: str | None, other: str | None
) -> None:
    db, db_path, _ = case_db
    report = reports.annual_report(db, 2025)
    before = annual_text.load_text(db, report)
    counts = row_counts(db_path)
    outcome = user_error_or_value(
        lambda: annual_text.save_text(db, report, summary=summary, problems=problems, other=other)
    )
    if isinstance(outcome, UserError):
        assert annual_text.load_text(db, report) == before and row_counts(db_path) == counts
    elif other is not None and other.strip():
        assert other.strip().splitlines()[0].strip() in outcome.other


# -- the new registers' pure checks --------------------------------------------------------------------------


@budget(200)
@given(
    st.one_of(
        st.text(max_size=24),
        st.from_regex(r"\A[巫山府办发x1 ]{0,6}[〔\[［(（【]?[0-9０-９]{0,5}[〕\]］)）】]?[0-9]{0,8}号?\Z"),
    )
)
@example("巫山府办发〔２０２２〕041号")
@example("巫山府办发〔2022〕0号")
@example("〔2022〕1号")
@example("巫山府办发〔0000〕1号")
def test_a_document_number_is_parsed_or_refused(text: str) -> None:
    outcome = user_error_or_value(lambda: parse_document_number(text))
    if isinstance(outcome, UserError):
        assert isinstance(outcome, ValidationError)
    else:
        assert 1949 <= outcome.year <= 2100 and outcome.seq >= 1
        assert parse_document_number(str(outcome)) == outcome  # the canonical form reads back the same


@budget(150)
@given(
    st.one_of(st.sampled_from([a.value for a in documents.Attribute]), _TEXT),
    st.one_of(st.sampled_from([m.value for m in documents.NoteMark]), _TEXT),
    _TEXT,
    st.one_of(st.sampled_from(["3.1", "3.8", "1.1", ""]), _TEXT),
    st.lists(st.tuples(st.sampled_from(list(documents.ReviewStage)), _TEXT, _DATES), max_size=4),
    st.one_of(st.none(), _DATES),
    _DATES,
    st.one_of(st.sampled_from([s.value for s in documents.DocState]), _TEXT),
)
def test_the_document_register_checks_give_a_value_or_a_validation_error(
    attribute: str,
    mark: str,
    reason: str,
    basis: str,
    reviews: list[tuple[documents.ReviewStage, str, date]],
    published: date | None,
    written: date,
    state: str,
) -> None:
    def run() -> None:
        row = documents.check_disclosure(
            documents.parse_attribute(attribute), documents.parse_note_mark(mark), reason, basis
        )
        assert row is None or row.result == "不予公开"

    for call in (run, lambda: documents.parse_category(state), lambda: documents.parse_state(state)):
        outcome = user_error_or_value(call)  # a value or a ValidationError: anything else fails here
        assert not isinstance(outcome, UserError) or isinstance(outcome, ValidationError)
    parsed = [documents.Review(stage, name, day) for stage, name, day in reviews]
    for call in (
        lambda: documents.check_reviews(parsed, today=TODAY),
        lambda: documents.check_publication(published, written, parsed, today=TODAY),
        lambda: documents.check_state(documents.DocState.REPEALED, published, written, today=TODAY),
    ):
        outcome = user_error_or_value(call)
        assert outcome is None or isinstance(outcome, ValidationError)


@budget(150)
@given(
    st.one_of(st.sampled_from([k.value for k in solicitations.SolicitationKind]), _TEXT),
    _DATES,
    _DATES,
    _TEXT,
    st.builds(
        solicitations.Outcome,
        received=st.integers(min_value=-5, max_value=10**6),
        adopted=st.integers(min_value=-5, max_value=10**6),
        partly_adopted=st.integers(min_value=-5, max_value=100),
        rejected=st.integers(min_value=-5, max_value=100),
        rejection_reason=_TEXT,
        published=st.one_of(st.none(), _DATES),
    ),
)
def test_the_solicitation_checks_give_a_value_or_a_validation_error(
    kind: str, start: date, end: date, reason: str, outcome: solicitations.Outcome
) -> None:
    parsed = user_error_or_value(lambda: solicitations.parse_kind(kind))
    if not isinstance(parsed, UserError):
        days = user_error_or_value(lambda: solicitations.check_period(parsed, start, end, reason))
        assert isinstance(days, ValidationError) or days == (end - start).days + 1 >= 1
    checked = user_error_or_value(lambda: solicitations.check_outcome(outcome, end, today=TODAY))
    assert checked is None or isinstance(checked, ValidationError)


@budget(100)
@given(
    st.lists(st.one_of(st.sampled_from([f.value for f in interpretations.Form]), _TEXT), max_size=5),
    st.one_of(st.none(), _DATES),
    st.one_of(st.none(), _DATES),
)
def test_the_interpretation_checks_give_a_value_or_a_validation_error(
    forms: list[str], approved: date | None, published: date | None
) -> None:
    parsed = user_error_or_value(lambda: interpretations.parse_forms(forms))
    assert isinstance(parsed, ValidationError) or (parsed and len(set(parsed)) == len(parsed))
    checked = user_error_or_value(lambda: interpretations.check_dates(approved, published, today=TODAY))
    assert checked is None or isinstance(checked, ValidationError)
