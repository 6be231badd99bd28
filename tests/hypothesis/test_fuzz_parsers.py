"""Property-based tests of every parser and form validator that takes text or values from the user: whatever
the input, the answer is a value or the project's own UserError (a Chinese message), never another exception.

Two crashes found by fuzzing are kept as explicit examples: `parse_days_csv` raising csv.Error on bare CR line
ends, and a date overflow in working-day arithmetic (`workdays add 9999-12-30 5`)."""

from __future__ import annotations

import string
from datetime import date, datetime

from hypothesis import example, given
from hypothesis import strategies as st

from models.domain import limits
from models.domain.errors import UserError, ValidationError
from models.domain.holiday_notice import parse_arrangement, parse_days_csv, parse_notice
from models.domain.identity import ID_TYPES, check_id, mask_id, mask_name, mask_phone
from models.domain.letters import format_number
from models.domain.workdays import DayKind, WorkCalendar
from models.services.applications import ApplicationInput, clean_input
from models.services.ledger import LEDGER_COLUMNS, LedgerRow
from tests.hypothesis.fuzz import budget, user_error_or_value

TODAY = date(2026, 11, 23)
CALENDAR = WorkCalendar.standard()

# -- holiday CSV ---------------------------------------------------------------------------------------------

_CSV_CELLS = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.sampled_from(["休", "班", "放假", "上班", "加班", "date", "日期", "type", "", " ", '"', '"a,b"', "\x00"]),
    st.text(max_size=12),
)
_LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.lists(_CSV_CELLS, min_size=0, max_size=4), max_size=8))
    ends = draw(st.lists(_LINE_ENDS, min_size=len(rows), max_size=len(rows)))
    prefix = draw(st.sampled_from(["", "\ufeff", "date,type\n", "日期,类型\r"]))
    return prefix + "".join(",".join(row) + end for row, end in zip(rows, ends, strict=True))


@budget(150)
@given(csv_texts())
@example("2027-01-01,休\r2027-01-02,休\r")  # found by fuzzing: csv.Error "new-line character seen in unquoted field"
@example('2027-01-01,"休\r')  # an unterminated quote
def test_holiday_csv_parse_gives_days_or_a_user_error(text: str) -> None:
    outcome = user_error_or_value(lambda: parse_days_csv(text))
    if not isinstance(outcome, UserError):
        assert outcome.days and all(2000 <= d.day.year <= 2100 for d in outcome.days)
        assert outcome.years == sorted({d.day.year for d in outcome.days})


def test_a_csv_with_bare_cr_line_ends_reads_like_one_with_lf() -> None:
    parsed = parse_days_csv("date,type\r2027-01-01,休\r2027-02-06,班\r")
    assert [(d.day, d.kind) for d in parsed.days] == [
        (date(2027, 1, 1), DayKind.REST),
        (date(2027, 2, 6), DayKind.WORK),
    ]


# -- holiday notice ------------------------------------------------------------------------------------------

_NOTICE_PIECES = st.sampled_from(
    [
        "一、元旦：",
        "二、春节：",
        "六、国庆节、中秋节：",
        "1月1日",
        "12月31日",
        "2月30日",
        "10月1日",
        "8日",
        "31日",
        "0日",
        "9999年",
        "2025年",
        "0000年",
        "（周三）",
        "(周日)",
        "（农历除夕、周二）",
        "至",
        "到",
        "—",
        "放假",
        "放假调休",
        "上班",
        "补班",
        "共8天",
        "共",
        "天",
        "、",
        "，",
        "。",
        "；",
        "\n",
        "\r",
        "关于2025年部分节假日安排的通知",
        "国庆节自10月1日起放假调休7天",
    ]
)


@budget(200)
@given(
    st.lists(st.one_of(_NOTICE_PIECES, st.text(alphabet="0123456789年月日（）()", max_size=4)), max_size=30).map(
        "".join
    ),
    st.one_of(st.none(), st.integers(min_value=-1, max_value=10_000)),
)
@example("一、元旦：9999年12月31日至1月2日放假。", None)  # a range crossing into year 10000
@example("关于2025年部分节假日安排的通知\n一、元旦：1月1日至12月31日放假。", None)  # a whole year of "holiday"
def test_holiday_notice_parse_gives_days_or_a_user_error(text: str, year: int | None) -> None:
    outcome = user_error_or_value(lambda: parse_notice(text, year))
    if not isinstance(outcome, UserError):
        assert outcome.days and all(2000 <= d.day.year <= 2101 for d in outcome.days)
    user_error_or_value(lambda: parse_arrangement(text, year))


# -- working-day arithmetic ----------------------------------------------------------------------------------


@budget(150)
@given(st.dates(), st.integers(min_value=0, max_value=400))
@example(date(9999, 12, 30), 5)  # found by fuzzing: OverflowError "date value out of range"
@example(date.max, 1)
def test_adding_working_days_gives_a_later_date_or_a_user_error(start: date, n: int) -> None:
    outcome = user_error_or_value(lambda: CALENDAR.add_working_days(start, n))
    if not isinstance(outcome, UserError):
        assert outcome.value >= start
        assert (outcome.value > start) == (n > 0)
        assert CALENDAR.working_days_between(start, outcome.value).value == n


def test_working_days_past_the_last_representable_date_are_a_user_error() -> None:
    try:
        CALENDAR.add_working_days(date(9999, 12, 30), 5)
    except UserError as error:
        assert "超出了可以计算的日期范围" in error.message
    else:  # pragma: no cover - the assertion message says what went wrong
        raise AssertionError("9999-12-30 + 5 working days must be refused")


@budget(100)
@given(st.dates(), st.integers(min_value=-3000, max_value=3000))
def test_working_days_between_never_fails(start: date, offset: int) -> None:
    ordinal = min(max(start.toordinal() + offset, 1), date.max.toordinal())
    end = date.fromordinal(ordinal)
    counted = CALENDAR.working_days_between(start, end).value
    assert abs(counted) <= abs((end - start).days)


# -- identity, 申请编号, 字号 --------------------------------------------------------------------------------

_ID_TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet="0123456789Xx*＊ １２３Ｘ", min_size=15, max_size=20),
    st.text(alphabet=string.digits + "ABCDEFGHJKLMNPQRTUWXYIOZSV", min_size=18, max_size=18),
)


@budget(200)
@given(st.one_of(st.sampled_from(ID_TYPES), st.text(max_size=8)), _ID_TEXT)
@example("居民身份证", "110101000002304258")  # a birth date of year 0
@example("居民身份证", "11010119900307425\u0663")  # an Arabic-Indic digit: isdigit() but not ASCII
def test_identity_checks_give_a_number_or_a_validation_error(id_type: str, number: str) -> None:
    outcome = user_error_or_value(lambda: check_id(id_type, number, today=TODAY))
    assert isinstance(outcome, str | ValidationError)
    for mask in (mask_id, mask_phone, mask_name):
        assert isinstance(mask(number), str)


@budget(150)
@given(st.one_of(st.text(max_size=14), st.from_regex(r"\A-?\d{1,5}-\d{1,7}\Z")))
@example("1-0001")
@example("0001-0001")
@example("2025-0000")
def test_application_numbers_are_parsed_or_refused(text: str) -> None:
    outcome = user_error_or_value(lambda: limits.check_application_number(text, today=TODAY))
    if not isinstance(outcome, UserError):
        year, seq = outcome
        assert 2000 <= year <= 2027 and seq >= 1
        assert text == f"{year}-{seq:04d}"


@budget(200)
@given(
    st.lists(
        st.sampled_from(["{seq}", "{year}", "{prefix}", "{", "}", "{seq:", "q}", "!r", "[0]", "〔", "〕", "号", "x"]),
        max_size=8,
    ).map("".join),
    st.text(max_size=10),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=100_000),
)
@example("{seq:q}", "白鹤镇", 2025, 1)  # a format spec that does not apply to a number
@example("{seq!z}", "白鹤镇", 2025, 1)  # an unknown conversion
def test_letter_number_patterns_give_a_number_or_a_validation_error(
    pattern: str, prefix: str, year: int, seq: int
) -> None:
    outcome = user_error_or_value(lambda: format_number(pattern, prefix=prefix, year=year, seq=seq))
    if not isinstance(outcome, UserError):
        assert str(seq) in outcome


# -- the registration form and a ledger row ------------------------------------------------------------------

_CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=datetime(1, 1, 2)),
    st.sampled_from(["2025-03-03", "2025/3/3", "2025年3月3日", "20250303", "0001-01-01", "9999-12-31", "2025-02-30"]),
    st.sampled_from(["当面", "自然人", "予以公开", "其他处理", "逾期不补正", "2025-0001", "1-0001", "x" * 5001]),
)


@budget(250)
@given(st.dictionaries(st.sampled_from(LEDGER_COLUMNS), _CELL, max_size=len(LEDGER_COLUMNS)))
@example({"收到日期": "0001-01-01", "申请编号": "0001-0001"})
@example({"收到日期": float("nan"), "延期工作日数": float("inf"), "证件号码": float("-inf")})
def test_a_ledger_row_parses_into_a_row_and_problems(values: dict[str, object]) -> None:
    row, problems = LedgerRow.parse(values, 2, today=TODAY)
    assert all(p.row == 2 and p.column in LEDGER_COLUMNS and p.message for p in problems)
    if row.received is not None:
        assert date(2000, 1, 1) <= row.received <= date(2027, 11, 24)
    if not problems:
        assert len(row.content) <= 5000 and len(row.applicant_name) <= 100


_TEXT = st.one_of(st.text(max_size=20), st.sampled_from(["", " ", "x" * 5001, "x" * 101, "13800138000", "\x00"]))


@budget(200)
@given(
    st.builds(
        ApplicationInput,
        received=st.one_of(st.none(), st.dates()),
        channel=st.one_of(st.sampled_from(["当面", "信函", "网络"]), _TEXT),
        mail_kind=st.one_of(st.sampled_from(["", "需签收"]), _TEXT),
        applicant_type=st.one_of(st.sampled_from(["自然人", "商业企业"]), _TEXT),
        applicant_name=_TEXT,
        id_type=st.one_of(st.sampled_from(ID_TYPES), _TEXT),
        id_number=_ID_TEXT,
        phone=_TEXT,
        address=_TEXT,
        postcode=_TEXT,
        email=_TEXT,
        content=_TEXT,
        delivery_form=st.one_of(st.sampled_from(["", "纸质"]), _TEXT),
        handler=_TEXT,
        note=_TEXT,
    )
)
def test_the_registration_form_gives_a_clean_input_or_a_validation_error(form: ApplicationInput) -> None:
    outcome = user_error_or_value(lambda: clean_input(form, today=TODAY))
    if not isinstance(outcome, UserError):
        assert outcome.received is not None and date(2000, 1, 1) <= outcome.received <= TODAY
        assert len(outcome.content) <= 5000 and len(outcome.applicant_name) <= 100
    else:
        assert isinstance(outcome, ValidationError)
