"""The counting rules of the returns over plain records (no database): 表三 placement, the checks, 表四."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import UserError
from models.domain.statistics import (
    IDENTITY_NOTE,
    AppRecord,
    CaseRecord,
    Period,
    build_table3,
    check_figure,
    check_table3,
    count_table3,
    count_table4,
    identity_breaks,
    place,
    table3_lines,
    table4_column,
)
from tests.expected_labels import APPLICANT_TYPES, RESULT_ROWS

D = date
Y2025 = Period.year(2025)


def test_periods() -> None:
    assert Period.parse("2025") == Period(D(2025, 1, 1), D(2025, 12, 31), "year")
    assert Period.parse("2024-02") == Period(D(2024, 2, 1), D(2024, 2, 29), "month")
    assert Period.parse("2025年3月").key == "2025-03"
    assert Period.parse("2025-3").label == "2025年3月"
    for bad in ("2025-13", "25-01", "", "2025/01"):
        with pytest.raises(UserError):
            Period.parse(bad)


def test_lines_are_verbatim_and_in_order() -> None:
    lines = table3_lines("year")
    labels = [line.label for line in lines]
    assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果"]
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert "（三）不予公开" in labels and "（六）其他处理" in labels
    counted = [line for line in lines if line.key not in (None, "new", "carried_in", "total", "carried_out")]
    assert [(line.key, line.label) for line in counted] == list(RESULT_ROWS)
    assert "合计" not in "".join(labels)
    assert IDENTITY_NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    monthly = [line.label for line in table3_lines("month")]
    assert monthly[0] == "一、本月新收政府信息公开申请数量" and monthly[-1] == "四、结转下月继续办理"


@pytest.mark.parametrize(
    ("received", "result_date", "expected"),
    [
        # (new, carried_in, counted in results, carried_out)
        (D(2025, 3, 1), D(2025, 3, 20), (True, False, True, False)),
        (D(2024, 12, 20), D(2025, 1, 5), (False, True, True, False)),  # answered after New Year
        (D(2024, 12, 20), None, (False, True, False, True)),  # still open: in and out
        (D(2025, 12, 22), D(2026, 1, 12), (True, False, False, True)),  # answered next year
        (D(2025, 12, 31), D(2025, 12, 31), (True, False, True, False)),
        (D(2024, 5, 1), D(2024, 12, 31), (False, False, False, False)),  # before the year
        (D(2026, 1, 1), None, (False, False, False, False)),  # after the year
        (D(2024, 12, 31), D(2025, 1, 1), (False, True, True, False)),
    ],
)
def test_placement(received: date, result_date: date | None, expected: tuple[bool, ...]) -> None:
    where = place(AppRecord("x", "自然人", received, "1" if result_date else "", result_date), Y2025)
    assert (where.new, where.carried_in, where.result is not None, where.carried_out) == expected


def test_count_table3_and_the_identity_by_hand() -> None:
    records = [
        AppRecord("1", "自然人", D(2025, 3, 1), "1", D(2025, 3, 20)),
        AppRecord("2", "自然人", D(2024, 12, 20), "3.1", D(2025, 1, 5)),
        AppRecord("3", "商业企业", D(2024, 12, 20)),
        AppRecord("4", "其他", D(2025, 12, 22), "6.3", D(2026, 1, 12)),
        AppRecord("5", "法律服务机构", D(2025, 6, 1), "2", D(2025, 6, 9)),
    ]
    table = count_table3(records, Y2025)
    assert table.row("new") == [1, 0, 0, 0, 1, 1, 3]
    assert table.row("carried_in") == [1, 1, 0, 0, 0, 0, 2]
    assert table.row("1") == [1, 0, 0, 0, 0, 0, 1]
    assert table.row("2") == [0, 0, 0, 0, 1, 0, 1]
    assert table.row("3.1") == [1, 0, 0, 0, 0, 0, 1]
    assert table.row("6.3") == [0] * 7
    assert table.row("total") == [2, 0, 0, 0, 1, 0, 3]
    assert table.row("carried_out") == [0, 1, 0, 0, 0, 1, 2]
    assert check_table3(table) == []
    assert identity_breaks(records, Y2025) == []
    columns = (*APPLICANT_TYPES, "总计")
    assert all(isinstance(table.get(code, c), int) for code, _label in RESULT_ROWS for c in columns)


def test_breaks_name_the_applications() -> None:
    records = [
        AppRecord("2025-0001", "自然人", D(2025, 3, 1), "1", D(2024, 12, 1)),  # result before receipt
        AppRecord("2025-0002", "商业企业", D(2025, 3, 1), "", D(2025, 3, 9)),  # a result date without a row
        AppRecord("2025-0003", "个体户", D(2025, 3, 1), "1", D(2025, 3, 9)),  # not a column
        AppRecord("2025-0004", "自然人", D(2025, 3, 1), "1", D(2025, 3, 9)),  # fine
    ]
    breaks = identity_breaks(records, Y2025)
    assert [b.number for b in breaks] == ["2025-0001", "2025-0002", "2025-0003"]
    assert "早于收到日期" in breaks[0].reason
    assert "不是表三的行" in breaks[1].reason
    assert "不是表三的列" in breaks[2].reason
    failures = check_table3(count_table3(records, Y2025))
    assert {(f.rule, f.column) for f in failures} == {
        ("identity", "自然人"),
        ("identity", "商业企业"),
        ("identity", "总计"),
    }


def test_checks_of_a_table_read_from_a_file() -> None:
    table = build_table3(Y2025, [("new", "自然人", 2), ("1", "自然人", 2)])
    assert check_table3(table) == []
    table.cells[("total", "自然人")] = 3  # a unit typed its total by hand
    table.cells[("new", "总计")] = 5
    rules = {(f.rule, f.column) for f in check_table3(table)}
    assert ("total_row", "自然人") in rules and ("identity", "自然人") in rules
    assert ("total_column", "总计") in rules


@pytest.mark.parametrize(
    ("result", "decided", "column"),
    [
        ("维持", D(2025, 6, 1), "结果维持"),
        ("驳回", D(2025, 6, 1), "结果维持"),
        ("纠正", D(2025, 6, 1), "结果纠正"),
        ("确认违法", D(2025, 6, 1), "结果纠正"),
        ("责令履行", D(2025, 6, 1), "结果纠正"),
        ("撤回", D(2025, 6, 1), "其他结果"),
        ("不予受理", D(2025, 6, 1), "其他结果"),
        ("其他", D(2025, 12, 31), "其他结果"),
        ("维持", D(2026, 1, 1), "尚未审结"),  # decided after 31 December
        ("尚未审结", None, "尚未审结"),
    ],
)
def test_table4_column_on_31_december(result: str, decided: date | None, column: str) -> None:
    assert table4_column(result, decided, as_of=D(2025, 12, 31)) == column


def test_table4_counts_by_year_of_filing() -> None:
    records = [
        CaseRecord("a", "行政复议", D(2025, 3, 1), "维持", D(2025, 5, 1)),
        CaseRecord("b", "行政复议", D(2025, 11, 1), "纠正", D(2026, 2, 1)),
        CaseRecord("c", "复议后起诉", D(2025, 12, 31)),
        CaseRecord("d", "未经复议直接起诉", D(2024, 12, 31), "维持", D(2025, 3, 1)),
    ]
    table = count_table4(records, 2025)
    assert table.get("行政复议", "结果维持") == 1
    assert table.get("行政复议", "尚未审结") == 1
    assert table.get("行政复议", "总计") == 2
    assert table.get("复议后起诉", "尚未审结") == 1
    assert table.get("未经复议直接起诉", "总计") == 0


def test_figures() -> None:
    assert check_figure("行政许可", " 12 ") == 12
    assert check_figure("行政事业性收费", "1.2345") == 1.2345
    for key, bad in (("行政许可", "-1"), ("行政处罚", "1.5"), ("行政事业性收费", "1.23456"), ("x", "1")):
        with pytest.raises(UserError):
            check_figure(key, bad)
