"""Reading a year's holiday arrangement from the text of the State Council notice, or from a CSV.

The notice lists one holiday a line, e.g.
    二、春节：1月28日(农历除夕、周二)至2月4日(农历正月初七、周二)放假调休，共8天。1月26日(周日)、2月8日(周六)上班。
A clause "DATE[至DATE]放假…" gives rest days (every day of the range, weekends included); a clause
"DATE、DATE上班" gives working days. The opening paragraph of principles ("国庆节自10月1日起放假调休7天")
is *not* an arrangement: there a date is followed by 起, never directly by 放假, so it is not read.
Brackets may be full-width or half-width; the weekday written in them is checked against the date.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from models.domain.errors import UserError
from models.domain.workdays import DayKind

_BRACKETS = re.compile(r"[（(]([^（）()]*)[）)]")
_DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日(?P<{p}b>\s*[（(][^（）()]*[）)])?"
_RANGE = re.compile(_DATE.format(p="a") + r"\s*(?:(?:至|到|—|－|-|～|~)\s*" + _DATE.format(p="b") + r")?\s*放假")
_WORK_CLAUSE = re.compile(r"(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日\s*[、，,和及]?\s*)+(?:补班|上班)")
_ONE_DATE = re.compile(_DATE.format(p="c"))
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?P<name>[^：:]+)[：:]")
_TITLE_YEAR = re.compile(r"(\d{4})年(?:部分)?(?:节假日|元旦)")
_COUNT = re.compile(r"共\s*(\d+)\s*天")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_IN_BRACKET = re.compile(r"(?:周|星期)([一二三四五六日天])")
YEARS = range(2000, 2101)  # an arrangement outside these years is a typing error
LONGEST_HOLIDAY = 31  # days; the longest real one (春节, 国庆) is 8 or 9


@dataclass(frozen=True)
class NoticeDay:
    day: date
    kind: DayKind
    holiday: str = ""


@dataclass
class ParsedArrangement:
    """What was read: the days, the years they define, and warnings for the clerk to check."""

    days: list[NoticeDay] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = "notice"  # notice | csv
    missing: list[str] = field(default_factory=list)  # statutory holidays the text did not arrange (year stays open)
    open_years: list[int] = field(default_factory=list)  # years of `years` that miss one of them: not complete


#: the holidays every year's notice arranges (国务院办公厅关于XXXX年部分节假日安排的通知)
STATUTORY_HOLIDAYS = ("元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆")


def missing_holidays(days: Iterable[NoticeDay]) -> list[str]:
    """The statutory holidays none of `days` belongs to: a year is complete only when none is missing."""
    names = [d.holiday for d in days]
    return [h for h in STATUTORY_HOLIDAYS if not any(h in name for name in names)]


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def notice_year(text: str) -> int | None:
    """The year named in the notice's title, e.g. 2025 from 关于2025年部分节假日安排的通知."""
    match = _TITLE_YEAR.search(text)
    return int(match.group(1)) if match else None


def parse_notice(text: str, year: int | None = None) -> ParsedArrangement:
    """Parse the notice text. `year` wins over the year named in the title; one of them is required."""
    year = year or notice_year(text)
    if year is None:
        raise UserError("无法确定通知所属年份：请在标题中保留“XXXX年部分节假日安排”，或指定年份。")
    if year not in YEARS:
        raise UserError(f"通知所属年份{year}年不合理（应在{YEARS[0]}年到{YEARS[-1]}年之间），请核对。")
    result = ParsedArrangement()
    seen: dict[date, NoticeDay] = {}
    for line in text.splitlines():
        heading = _HEADING.match(line)
        name = _BRACKETS.sub("", heading.group("name")).strip() if heading else ""
        body = line[heading.end() :] if heading else line
        for clause in re.split(r"[。；;]", body):
            _read_clause(clause, name, year, seen, result)
    result.days = sorted(seen.values(), key=lambda d: d.day)
    # The notice defines its own year only: a 元旦 starting on 12-31 of the year before stores that day,
    # but must neither replace nor complete the arrangement of the year before.
    if not result.days:
        raise UserError("没有从通知中读到任何放假或上班日期：请粘贴含“一、元旦：……”等分项安排的通知正文。")
    result.years = [year]
    # Only a notice that arranges every statutory holiday completes its year; a part of one (only 春节) is
    # stored, but the year stays uncertain.
    result.missing = missing_holidays(result.days)
    result.open_years = [year] if result.missing else []
    return result


def _make_date(y: str | None, m: str | None, d: str, *, year: int, month: int | None) -> date:
    month_value = int(m) if m else month
    if month_value is None:
        raise UserError(f"日期“{d}日”缺少月份。")
    try:
        day = date(int(y) if y else year, month_value, int(d))
    except ValueError:
        raise UserError(f"通知中的日期无效：{y or year}年{month_value}月{d}日。") from None
    if day.year not in YEARS:
        raise UserError(f"通知中的日期{_fmt(day)}年份不合理，请核对。")
    return day


def _check_weekday(day: date, bracket: str | None, result: ParsedArrangement) -> None:
    if not bracket:
        return
    match = _WEEKDAY_IN_BRACKET.search(bracket)
    if match and _WEEKDAYS[match.group(1)] != day.weekday():
        result.warnings.append(f"{_fmt(day)}：通知写的是“{match.group(0)}”，与日历不符，请核对年份。")


def _add(seen: dict[date, NoticeDay], item: NoticeDay, result: ParsedArrangement) -> None:
    old = seen.get(item.day)
    if old is not None and old.kind is not item.kind:
        result.warnings.append(f"{_fmt(item.day)} 在通知中既是放假日又是上班日，以后出现的“{item.kind.value}”为准。")
    seen[item.day] = item


def _read_clause(clause: str, name: str, year: int, seen: dict[date, NoticeDay], result: ParsedArrangement) -> None:
    for part in re.split(r"[，,]", clause) if "上班" in clause and "放假" in clause else [clause]:
        rest = _RANGE.search(part)
        if rest:
            first = _make_date(rest["ay"], rest["am"], rest["ad"], year=year, month=None)
            _check_weekday(first, rest["ab"], result)
            last = first
            if rest["bd"]:
                last = _make_date(rest["by"] or str(first.year), rest["bm"], rest["bd"], year=year, month=first.month)
                if last < first:  # 12月31日至1月2日: the range crosses into the next year
                    last = date(last.year + 1, last.month, last.day)
                _check_weekday(last, rest["bb"], result)
            span = (last - first).days + 1
            if span > LONGEST_HOLIDAY:
                raise UserError(f"{name or '通知'}：{_fmt(first)}至{_fmt(last)}共{span}天，不像一次放假安排，请核对。")
            stated = _COUNT.search(clause)
            if stated and int(stated.group(1)) != span and stated.start() > rest.start():
                result.warnings.append(
                    f"{name}：{_fmt(first)}至{_fmt(last)}共{span}天，通知写“共{stated.group(1)}天”，请核对。"
                )
            for offset in range(span):
                day = date.fromordinal(first.toordinal() + offset)
                _add(seen, NoticeDay(day, DayKind.REST, name), result)
        if _WORK_CLAUSE.fullmatch(_BRACKETS.sub("", part).strip()):
            month: int | None = None
            for one in _ONE_DATE.finditer(part):
                day = _make_date(one["cy"], one["cm"], one["cd"], year=year, month=month)
                month = day.month
                _check_weekday(day, one["cb"], result)
                _add(seen, NoticeDay(day, DayKind.WORK, name), result)


def parse_days_csv(text: str) -> ParsedArrangement:
    """Parse `date,type` rows (type 休/班, also 放假/上班); a header row is optional.

    Every bad row is reported with its line number; nothing is returned unless all rows are good.
    """
    kinds = {"休": DayKind.REST, "放假": DayKind.REST, "班": DayKind.WORK, "上班": DayKind.WORK}
    problems: list[str] = []
    seen: dict[date, NoticeDay] = {}
    # Bare CR line ends (old Mac, some exports) would make csv stop with "new-line character seen in unquoted field".
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(lines))
    try:
        numbered = list(enumerate(reader, start=1))
    except csv.Error as error:
        raise UserError(f"节假日CSV第{reader.line_num}行无法读取（{error}），未导入任何数据。") from None
    for number, row in numbered:
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in {"date", "日期"}:
            continue
        if len(cells) < 2:
            problems.append(f"第{number}行：应为“日期,类型”两列。")
            continue
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            problems.append(f"第{number}行：日期“{cells[0]}”无效，应为YYYY-MM-DD。")
            continue
        if day.year not in YEARS:
            problems.append(f"第{number}行：日期“{cells[0]}”的年份不合理（应在{YEARS[0]}年到{YEARS[-1]}年之间）。")
            continue
        kind = kinds.get(cells[1])
        if kind is None:
            problems.append(f"第{number}行：类型“{cells[1]}”无效，应为“休”或“班”。")
            continue
        if day in seen and seen[day].kind is not kind:
            problems.append(f"第{number}行：{cells[0]} 重复出现且类型不同。")
            continue
        seen[day] = NoticeDay(day, kind, cells[2] if len(cells) > 2 else "")
    if problems:
        raise UserError("节假日CSV有误，未导入任何数据：", details=problems)
    if not seen:
        raise UserError("节假日CSV中没有任何日期。")
    days = sorted(seen.values(), key=lambda d: d.day)
    years = sorted({d.day.year for d in days})
    # The notice's rule: a year is complete only when the file arranges all seven statutory holidays (named in
    # the optional third column); a CSV of a few days is stored, but its year stays uncertain.
    by_year = {year: missing_holidays(d for d in days if d.day.year == year) for year in years}
    missing = [h for h in STATUTORY_HOLIDAYS if any(h in m for m in by_year.values())]
    open_years = [year for year, m in by_year.items() if m]
    return ParsedArrangement(days=days, years=years, source="csv", missing=missing, open_years=open_years)


def parse_arrangement(text: str, year: int | None = None) -> ParsedArrangement:
    """Notice text or CSV, told apart by content: a CSV's first data cell is an ISO date."""
    stripped = text.lstrip("\ufeff").strip()
    first = stripped.splitlines()[0] if stripped else ""
    if re.match(r"^(date|日期)\s*,", first, re.I) or re.match(r"^\d{4}-\d{2}-\d{2}\s*,", first):
        return parse_days_csv(stripped)
    return parse_notice(stripped, year)
