"""Counting for the returns: 表三 (applications), 表四 (reviews and lawsuits), 表二, and their checks.

Pure functions over plain records (no database, no clock). The rules (README §2, 2021 format):

- An application is counted in the period's 办理结果 rows when its result date (reply date; the day after the
  lapsed deadline for 逾期未补正/逾期未缴; the withdrawal date) falls in the period, by its `result_code`.
- 新收 counts by the original 收到日期 in the period.
- 上期结转 = received before the period and (no result date, or a result date on or after its first day).
- 结转下期 = received on or before its last day and (no result date, or a result date after its last day).
- So 新收 + 上期结转 = 办理结果总计 + 结转下期 for every column as long as the data are consistent; a record that
  breaks it (a result date before the receipt, a result date without a valid result row …) is listed by
  `identity_breaks`, never quietly moved to another row.
- 表四: a case counts in the year it was filed; its column is its status on 31 December (a decision dated later
  counts as 尚未审结).

The service feeds `build_table3` with one SQL aggregate; `count_table3` is the same rule over records, used
for small sets and as the reference in tests.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from models.domain.case import APPLICANT_TYPES, LAWSUIT_KINDS
from models.domain.errors import UserError
from models.domain.results import ALL_ROWS, RESULTS, ROWS_BY_CODE

FORMAT_NAME = "2021年格式（国办公开办函〔2021〕30号）"
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TOTAL_COLUMN = "总计"
ORGANIZATION_HEADER = "法人或其他组织"
APPLICANT_HEADER = "申请人情况"
COLUMNS: tuple[str, ...] = (*APPLICANT_TYPES, TOTAL_COLUMN)

# Row keys of 表三: the result rows are keyed by their code in models.domain.results.
NEW, CARRIED_IN, TOTAL, CARRIED_OUT = "new", "carried_in", "total", "carried_out"
RESULT_CODES: tuple[str, ...] = tuple(row.code for row in ALL_ROWS)
ROW_KEYS: tuple[str, ...] = (NEW, CARRIED_IN, *RESULT_CODES, TOTAL, CARRIED_OUT)
TOTAL_LABEL = "（七）总计"

_NUMERALS = "一二三四五六七"
_LABELS = {
    "year": {
        NEW: "一、本年新收政府信息公开申请数量",
        CARRIED_IN: "二、上年结转政府信息公开申请数量",
        "results": "三、本年度办理结果",
        CARRIED_OUT: "四、结转下年度继续办理",
    },
    "month": {
        NEW: "一、本月新收政府信息公开申请数量",
        CARRIED_IN: "二、上月结转政府信息公开申请数量",
        "results": "三、本月办理结果",
        CARRIED_OUT: "四、结转下月继续办理",
    },
}


# -- periods ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A return's period: a calendar year ('2025') or a month ('2025-03')."""

    start: date
    end: date
    kind: str  # "year" | "month"

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1]), "month")

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2025' or '2025-03' (also 2025-3, 2025年3月); a UserError otherwise."""
        value = text.strip()
        match = re.fullmatch(r"(\d{4})(?:年)?", value)
        if match:
            return cls.year(int(match[1]))
        match = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})(?:月)?", value)
        if match and 1 <= int(match[2]) <= 12:
            return cls.month(int(match[1]), int(match[2]))
        raise UserError(f"“{text}”不是有效的报表期间，年度写成2025，月份写成2025-03。")

    @property
    def key(self) -> str:
        return str(self.start.year) if self.kind == "year" else f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.start.year}年" if self.kind == "year" else f"{self.start.year}年{self.start.month}月"

    @property
    def kind_label(self) -> str:
        return "年度报告" if self.kind == "year" else "月报"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


# -- table 三 -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One printed line of 表三: a counted row (`key`) or a heading without numbers (`key` None)."""

    key: str | None
    label: str
    level: int  # 0 一、二、三、四 · 1 （一）…（七） · 2 1. 2. …
    group: str = ""  # the heading a level-2 line belongs to, e.g. （三）不予公开


def group_label(result: str) -> str:
    """（三）不予公开 …: the heading of a 办理结果 that has 具体情形 rows."""
    return f"（{_NUMERALS[RESULTS.index(result)]}）{result}"


def table3_lines(kind: str = "year") -> list[Line]:
    """The lines of 表三 in order, with their verbatim labels (the result rows from models.domain.results)."""
    labels = _LABELS[kind]
    lines = [Line(NEW, labels[NEW], 0), Line(CARRIED_IN, labels[CARRIED_IN], 0), Line(None, labels["results"], 0)]
    seen_groups: set[str] = set()
    for row in ALL_ROWS:
        if not row.detail:
            lines.append(Line(row.code, row.label, 1))
            continue
        group = group_label(row.result)
        if group not in seen_groups:
            seen_groups.add(group)
            lines.append(Line(None, group, 1))
        lines.append(Line(row.code, row.label, 2, group))
    lines += [Line(TOTAL, TOTAL_LABEL, 1), Line(CARRIED_OUT, labels[CARRIED_OUT], 0)]
    return lines


def row_label(key: str, kind: str = "year") -> str:
    return next(line.label for line in table3_lines(kind) if line.key == key)


@dataclass
class Table3:
    """表三 for one period: cells by (row key, column); every cell is a number (0 included)."""

    period: Period
    cells: dict[tuple[str, str], int] = field(default_factory=dict)

    def get(self, row: str, column: str = TOTAL_COLUMN) -> int:
        return self.cells.get((row, column), 0)

    def row(self, key: str) -> list[int]:
        return [self.get(key, column) for column in COLUMNS]

    def lines(self) -> list[Line]:
        return table3_lines(self.period.kind)


def build_table3(period: Period, counts: Iterable[tuple[str, str, int]]) -> Table3:
    """表三 from (row key, applicant type, count) triples (new, carried_in, a result code or carried_out);
    the 总计 row and column are added up here. Unknown row keys or applicant types are not counted."""
    cells = {(row, column): 0 for row in ROW_KEYS for column in COLUMNS}
    for row, applicant_type, count in counts:
        if row in ROW_KEYS and row != TOTAL and applicant_type in APPLICANT_TYPES:
            cells[(row, applicant_type)] += int(count)
    for column in APPLICANT_TYPES:
        cells[(TOTAL, column)] = sum(cells[(code, column)] for code in RESULT_CODES)
    for row in ROW_KEYS:
        cells[(row, TOTAL_COLUMN)] = sum(cells[(row, column)] for column in APPLICANT_TYPES)
    return Table3(period, cells)


def sum_tables3(period: Period, tables: Iterable[Table3]) -> Table3:
    """Cell by cell sum (county aggregation); the 总计 cells are summed too, not recomputed, so that the
    checks still see a unit's inconsistent figures."""
    cells = {(row, column): 0 for row in ROW_KEYS for column in COLUMNS}
    for table in tables:
        for key in cells:
            cells[key] += table.get(*key)
    return Table3(period, cells)


@dataclass(frozen=True)
class AppRecord:
    """What 表三 needs of an application (the cached columns of the register)."""

    number: str
    applicant_type: str
    received: date
    result_code: str = ""
    result_date: date | None = None


@dataclass(frozen=True)
class Placement:
    new: bool
    carried_in: bool
    result: str | None  # the result code it is counted under in this period
    in_results: bool  # its result date is in the period (whether or not the code is valid)
    carried_out: bool

    @property
    def left(self) -> int:
        return int(self.new) + int(self.carried_in)

    @property
    def right(self) -> int:
        return int(self.result is not None) + int(self.carried_out)


def place(record: AppRecord, period: Period) -> Placement:
    """Where an application is counted in the period's 表三 (the counting rules, as in the module docstring)."""
    received, result_date, start, end = record.received, record.result_date, period.start, period.end
    in_results = result_date is not None and start <= result_date <= end
    return Placement(
        new=start <= received <= end,
        carried_in=received < start and (result_date is None or result_date >= start),
        result=record.result_code if in_results and record.result_code in ROWS_BY_CODE else None,
        in_results=in_results,
        carried_out=received <= end and (result_date is None or result_date > end),
    )


def count_table3(records: Iterable[AppRecord], period: Period) -> Table3:
    """表三 counted record by record (the reference for the SQL aggregate)."""
    counts: list[tuple[str, str, int]] = []
    for record in records:
        where = place(record, period)
        for flag, key in ((where.new, NEW), (where.carried_in, CARRIED_IN), (where.carried_out, CARRIED_OUT)):
            if flag:
                counts.append((key, record.applicant_type, 1))
        if where.result is not None:
            counts.append((where.result, record.applicant_type, 1))
    return build_table3(period, counts)


@dataclass(frozen=True)
class IdentityBreak:
    """An application that makes 新收 + 结转 differ from 办理结果 + 结转下期 (or is left out of 表三)."""

    number: str
    applicant_type: str
    reason: str

    def __str__(self) -> str:
        return f"{self.number}（{self.applicant_type}）：{self.reason}"


def _fmt(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "无"


def identity_breaks(records: Iterable[AppRecord], period: Period) -> list[IdentityBreak]:
    """The applications that break the identity of the period's 表三 (or are not counted in any column)."""
    out: list[IdentityBreak] = []
    for record in records:
        where = place(record, period)
        if where.left == 0 and where.right == 0 and not where.in_results:
            continue  # not in this period at all
        if record.applicant_type not in APPLICANT_TYPES:
            out.append(
                IdentityBreak(
                    record.number,
                    record.applicant_type,
                    f"申请人类型“{record.applicant_type}”不是表三的列，该申请没有计入表三",
                )
            )
            continue
        if where.left == where.right:
            continue
        if record.result_date is not None and record.result_date < record.received:
            reason = f"办理结果日期（{_fmt(record.result_date)}）早于收到日期（{_fmt(record.received)}）"
        elif where.in_results and where.result is None:
            code = record.result_code or "空"
            reason = f"办理结果日期（{_fmt(record.result_date)}）在本期内，但办理结果代码（{code}）不是表三的行"
        else:
            reason = f"收到日期{_fmt(record.received)}、办理结果日期{_fmt(record.result_date)}不能按规则归入表三"
        out.append(IdentityBreak(record.number, record.applicant_type, reason))
    return out


@dataclass(frozen=True)
class CheckFailure:
    """A check of 表三 that does not hold; `column` is the column (or 总计 for the row checks)."""

    rule: str
    column: str
    expected: int
    actual: int
    message: str

    def __str__(self) -> str:
        return self.message


def check_table3(table: Table3) -> list[CheckFailure]:
    """README §2 checks for every column: 一 + 二 = 三（七） + 四; （七）总计 = the sum of the result rows;
    and for every row: 总计 column = the six applicant columns."""
    out: list[CheckFailure] = []
    kind = table.period.kind
    for column in COLUMNS:
        left = table.get(NEW, column) + table.get(CARRIED_IN, column)
        right = table.get(TOTAL, column) + table.get(CARRIED_OUT, column)
        if left != right:
            out.append(
                CheckFailure(
                    "identity",
                    column,
                    left,
                    right,
                    f"“{column}”列：第一项加第二项之和（{left}）不等于第三项（七）总计加第四项之和（{right}）",
                )
            )
        results = sum(table.get(code, column) for code in RESULT_CODES)
        if results != table.get(TOTAL, column):
            out.append(
                CheckFailure(
                    "total_row",
                    column,
                    results,
                    table.get(TOTAL, column),
                    f"“{column}”列：{TOTAL_LABEL}（{table.get(TOTAL, column)}）不等于各办理结果之和（{results}）",
                )
            )
    for key in ROW_KEYS:
        parts = sum(table.get(key, column) for column in APPLICANT_TYPES)
        if parts != table.get(key, TOTAL_COLUMN):
            out.append(
                CheckFailure(
                    "total_column",
                    TOTAL_COLUMN,
                    parts,
                    table.get(key, TOTAL_COLUMN),
                    f"“{row_label(key, kind)}”行：总计（{table.get(key, TOTAL_COLUMN)}）"
                    f"不等于六类申请人之和（{parts}）",
                )
            )
    return out


@dataclass(frozen=True)
class Table3Result:
    """表三 with its checks: `failures` of the sums, and the applications that cause them (`breaks`)."""

    table: Table3
    failures: list[CheckFailure] = field(default_factory=list)
    breaks: list[IdentityBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.breaks

    def summary(self) -> list[str]:
        """The check results as lines of Chinese text (empty list: every check holds)."""
        lines = [str(f) for f in self.failures]
        if self.breaks:
            lines.append(f"造成不平衡或未计入表三的申请（{len(self.breaks)}件，请核对后更正登记，程序不会自动调整）：")
            lines += [f"  {b}" for b in self.breaks]
        return lines


# -- table 四 -------------------------------------------------------------------------------------------------

REVIEW = "行政复议"
LAWSUIT = "行政诉讼"
TABLE4_GROUPS: tuple[str, ...] = (REVIEW, *LAWSUIT_KINDS)  # 行政复议, 未经复议直接起诉, 复议后起诉
TABLE4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
PENDING_COLUMN = "尚未审结"
TABLE4_ROW_LABELS = {
    REVIEW: "行政复议",
    LAWSUIT_KINDS[0]: f"行政诉讼（{LAWSUIT_KINDS[0]}）",
    LAWSUIT_KINDS[1]: f"行政诉讼（{LAWSUIT_KINDS[1]}）",
}

# README §2: 驳回/维持 → 结果维持; 撤销/变更/确认违法/责令履行 → 结果纠正; 终止/撤回/调解/不予受理 → 其他结果.
_OUTCOMES = {
    "维持": "结果维持",
    "驳回": "结果维持",
    "纠正": "结果纠正",
    "撤销": "结果纠正",
    "变更": "结果纠正",
    "确认违法": "结果纠正",
    "责令履行": "结果纠正",
    "其他": "其他结果",
    "终止": "其他结果",
    "撤回": "其他结果",
    "调解": "其他结果",
    "不予受理": "其他结果",
    "尚未审结": PENDING_COLUMN,
    "": PENDING_COLUMN,
}


@dataclass(frozen=True)
class CaseRecord:
    """A 行政复议 or 行政诉讼 about an application: `group` is 行政复议 or the lawsuit kind."""

    number: str
    group: str
    filed: date
    result: str = "尚未审结"
    decided: date | None = None


def table4_column(result: str, decided: date | None, *, as_of: date) -> str:
    """The column of a case on `as_of` (31 December): a decision after that date is still 尚未审结."""
    if decided is None or decided > as_of:
        return PENDING_COLUMN
    return _OUTCOMES.get(result.strip(), "其他结果")


@dataclass
class Table4:
    year: int
    cells: dict[tuple[str, str], int] = field(default_factory=dict)

    def get(self, group: str, column: str) -> int:
        return self.cells.get((group, column), 0)


def empty_table4(year: int) -> Table4:
    return Table4(year, {(g, c): 0 for g in TABLE4_GROUPS for c in TABLE4_COLUMNS})


def count_table4(records: Iterable[CaseRecord], year: int) -> Table4:
    """Cases filed in `year`, by their status on 31 December of that year."""
    table = empty_table4(year)
    as_of = date(year, 12, 31)
    for record in records:
        if record.filed.year != year or record.group not in TABLE4_GROUPS:
            continue
        column = table4_column(record.result, record.decided, as_of=as_of)
        table.cells[(record.group, column)] += 1
        table.cells[(record.group, "总计")] += 1
    return table


# -- table 二 -------------------------------------------------------------------------------------------------

DOCUMENT_ROWS: tuple[str, ...] = ("规章", "行政规范性文件")
DOCUMENT_COLUMNS: tuple[str, ...] = ("本年制发件数", "本年废止件数", "现行有效件数")
FIGURE_KEYS: tuple[str, ...] = ("行政许可", "行政处罚", "行政强制", "行政事业性收费")
FEE_KEY = "行政事业性收费"
FIGURE_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
    ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (FEE_KEY,)),
)
DOCUMENTS_SECTION = "第二十条第（一）项"
CONTENT_HEADER = "信息内容"


@dataclass
class Table2:
    year: int
    documents: dict[tuple[str, str], int] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)  # 行政事业性收费 in 万元, the others counts
    documents_registered: bool = False
    processing_fee_yuan: int = 0  # 信息处理费 included in 行政事业性收费 (only when the setting says so)

    def document(self, row: str, column: str) -> int:
        return self.documents.get((row, column), 0)

    def figure(self, key: str) -> float:
        return self.figures.get(key, 0)

    def notes(self) -> list[str]:
        out = []
        if not self.documents_registered:
            out.append(f"公文登记中没有{self.year}年底前成文的公文，规章、行政规范性文件的件数填0。")
        if self.processing_fee_yuan:
            out.append(f"行政事业性收费含信息处理费{self.processing_fee_yuan}元（按本单位设置计入）。")
        return out


def figure_value(key: str, value: float) -> float | int:
    """A figure as printed: the counts are whole numbers, the fee keeps up to 4 decimals (万元)."""
    if key == FEE_KEY:
        rounded = round(float(value), 4)
        return int(rounded) if rounded.is_integer() else rounded
    return int(round(value))


def check_figure(key: str, text: str) -> float:
    """A clerk's figure for 表二: a whole number ≥ 0, or for 行政事业性收费 an amount in 万元 ≥ 0."""
    if key not in FIGURE_KEYS:
        raise UserError(f"没有名为“{key}”的表二数据项。可用的项：{'、'.join(FIGURE_KEYS)}。")
    value = text.strip().replace(",", "").replace("，", "")
    if key == FEE_KEY:
        if not re.fullmatch(r"\d+(\.\d{1,4})?", value):
            raise UserError(f"{key}应为不小于0的金额（单位：万元，最多4位小数），收到“{text}”。")
        return float(value)
    if not re.fullmatch(r"\d+", value):
        raise UserError(f"{key}应为不小于0的整数（件数），收到“{text}”。")
    return float(int(value))


# -- the monthly return's other counts ----------------------------------------------------------------------

DOCUMENT_ATTRIBUTES: tuple[str, ...] = (
    "此件公开发布",
    "此件依申请公开",
    "此件删减后公开",
    "此件脱密后公开",
    "此件不公开",
)
SOLICITATIONS = "征求意见"  # solicitations whose 开始日期 falls in the month
INTERPRETATIONS = "政策解读"  # interpretations whose 发布日期 falls in the month
INTERPRETATION_FORMS: tuple[str, ...] = ("文字", "图表图解", "音视频", "新闻发布会", "在线访谈", "问答", "其他")
_OPINIONS = "（本月公布采纳情况的征求意见）"
SOLICITATIONS_CLOSED = "征求意见（本月截止）"
SOLICITATIONS_PUBLISHED = "征求意见（本月公布采纳情况）"
OPINIONS_RECEIVED = f"收到意见数{_OPINIONS}"
OPINIONS_ADOPTED = f"采纳意见数{_OPINIONS}"
OPINIONS_PARTLY = f"部分采纳意见数{_OPINIONS}"
OPINIONS_REJECTED = f"未采纳意见数{_OPINIONS}"
# The rows of the 公开与解读 sheet as first uploaded (an interface: the county reads them by label) ...
BASE_OTHER_LABELS: tuple[str, ...] = (
    *(f"公文（{attribute}）" for attribute in DOCUMENT_ATTRIBUTES),
    SOLICITATIONS,
    INTERPRETATIONS,
)
# ... and the rows added once the registers fed them, after those (a return written before has none of them).
ADDED_OTHER_LABELS: tuple[str, ...] = (
    SOLICITATIONS_CLOSED,
    SOLICITATIONS_PUBLISHED,
    OPINIONS_RECEIVED,
    OPINIONS_ADOPTED,
    OPINIONS_PARTLY,
    OPINIONS_REJECTED,
    *(f"{INTERPRETATIONS}（{form}）" for form in INTERPRETATION_FORMS),
)
OTHER_LABELS: tuple[str, ...] = BASE_OTHER_LABELS + ADDED_OTHER_LABELS


@dataclass(frozen=True)
class OtherItem:
    label: str
    count: int
    note: str = ""


def other_items(counts: Mapping[str, int] | None = None) -> list[OtherItem]:
    """The month's counts from the 公文, 征求意见 and 政策解读 registers, one item per row of OTHER_LABELS
    (a row without a count is 0)."""
    return [OtherItem(label, (counts or {}).get(label, 0)) for label in OTHER_LABELS]


# -- the whole return -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DetailRow:
    """One row of the 明细 sheet (personal data already masked by the caller)."""

    number: str
    received: date
    channel: str
    applicant_type: str
    applicant: str
    id_number: str
    content: str
    status: str
    result: str
    detail: str
    row_label: str
    result_date: date | None
    reply_due: date | None
    served: date | None
    on_time: bool | None
    placement: Placement


DETAIL_HEADERS: tuple[str, ...] = (
    "申请编号",
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "申请内容",
    "办理状态",
    "办理结果",
    "具体情形",
    "表三行",
    "办理结果日期",
    "答复期限",
    "送达日期",
    "是否按时",
    "本期新收",
    "上期结转",
    "本期办结",
    "结转下期",
)


def detail_values(row: DetailRow) -> list[object]:
    """The 明细 cells of a row, in DETAIL_HEADERS order (flags as 1/0 numbers)."""
    on_time = "" if row.on_time is None else ("是" if row.on_time else "否")
    p = row.placement
    return [
        row.number,
        row.received,
        row.channel,
        row.applicant_type,
        row.applicant,
        row.id_number,
        row.content,
        row.status,
        row.result,
        row.detail,
        row.row_label,
        row.result_date,
        row.reply_due,
        row.served,
        on_time,
        int(p.new),
        int(p.carried_in),
        int(p.result is not None),
        int(p.carried_out),
    ]


@dataclass(frozen=True)
class Return:
    """Everything a return file holds: the annual report (表二, 表三, 表四) or the monthly return (表三 and
    the other counts). `units` lists the units a county aggregation includes (unit name, period)."""

    period: Period
    unit_name: str
    table3: Table3Result
    table2: Table2 | None = None
    table4: Table4 | None = None
    others: list[OtherItem] = field(default_factory=list)
    processing_fee_yuan: int = 0
    deadline: date | None = None
    locked: bool = False
    units: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_annual(self) -> bool:
        return self.period.kind == "year"

    @property
    def title(self) -> str:
        if self.is_annual:
            return f"{self.unit_name}{self.period.start.year}年政府信息公开工作年度报告"
        return f"{self.unit_name}{self.period.label}政府信息公开工作月报"
