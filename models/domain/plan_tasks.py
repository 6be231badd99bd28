"""任务清单 of a county's 政务公开 plan: propose tasks from text pasted from the plan (no database, no Qt).

The plans lay their task lists out in a few ways, all handled here:

- a table flattened into text (云阳): a section heading ``一、做好财政信息公开``, then the 贯彻举措 as numbered or
  unnumbered lines, then one short line per unit cell (牵头单位, then 责任单位); the first unit line is the task's
  责任单位;
- numbered items with their own fields: ``1. 公开…（公开路径：政府网站>政务公开>…）`` and lines such as
  ``责任单位：县发展改革委 完成时限：2022年12月底前``;
- anything before a table's header row (工作任务, 责任单位 …) is the notice, not a task;
- items of a 实施方案 (巫山): ``（一）准确认定公开属性。…`` with a frequency (``每月开展…``) in the sentence.

完成时限 forms: ``YYYY年M月底前`` (last day of that month), ``YYYY年M月D日前``, ``YYYY年M月中旬`` (the 20th),
``年底前`` (12-31 of the plan year), ``长期坚持``/``持续推进`` (长期), ``每月``/``按月``, ``每季度``/``按季度``,
``每年`` (recurrences; `period_dues` gives the due date of each period in the plan year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

NONE, MONTHLY, QUARTERLY, YEARLY, ONGOING = "none", "每月", "每季度", "每年", "长期"
RECURRENCES = (NONE, MONTHLY, QUARTERLY, YEARLY, ONGOING)
STATUSES = ("未开始", "进行中", "已完成", "长期")


@dataclass(frozen=True)
class Deadline:
    """A 完成时限: as written, its date when it names one, and its recurrence."""

    text: str
    due: date | None
    recurrence: str = NONE


@dataclass(frozen=True)
class TaskProposal:
    content: str
    unit: str
    deadline: Deadline
    publish_path: str
    line: int  # first line of the task in the pasted text (1-based)


@dataclass(frozen=True)
class Proposals:
    tasks: list[TaskProposal]
    unread: list[tuple[int, str]]  # (line number, text) of lines that are neither task, unit nor heading


_MONTH_END = re.compile(r"(\d{4})年(\d{1,2})月底前?")
_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日前")
_MID_MONTH = re.compile(r"(\d{4})年(\d{1,2})月中旬")
_YEAR_END = re.compile(r"(?:(\d{4})年)?年底前")
_ONGOING = re.compile(r"长期坚持|持续推进|长期")
_MONTHLY = re.compile(r"每月|按月")
_QUARTERLY = re.compile(r"每季度|按季度")
_YEARLY = re.compile(r"每年")


def parse_deadline(text: str, plan_year: int) -> Deadline:
    """The 完成时限 found in `text` (a 完成时限 cell or a task sentence); Deadline("", None) when there is none."""
    found = _MONTH_END.search(text)
    if found:
        year, month = int(found[1]), int(found[2])
        if 1 <= month <= 12:
            return Deadline(found[0], date(year, month, calendar.monthrange(year, month)[1]))
    found = _DAY.search(text)
    if found:
        try:
            return Deadline(found[0], date(int(found[1]), int(found[2]), int(found[3])))
        except ValueError:
            pass
    found = _MID_MONTH.search(text)
    if found and 1 <= int(found[2]) <= 12:
        return Deadline(found[0], date(int(found[1]), int(found[2]), 20))
    found = _YEAR_END.search(text)
    if found:
        return Deadline(found[0], date(int(found[1] or plan_year), 12, 31))
    for pattern, recurrence in ((_QUARTERLY, QUARTERLY), (_MONTHLY, MONTHLY), (_YEARLY, YEARLY)):
        found = pattern.search(text)
        if found:
            return Deadline(found[0], None, recurrence)
    found = _ONGOING.search(text)
    if found:
        return Deadline(found[0], None, ONGOING)
    return Deadline("", None)


def period_dues(recurrence: str, plan_year: int) -> list[date]:
    """The due date of each period of a recurring task in the plan year (the last day of each month/quarter/year)."""
    months = {MONTHLY: range(1, 13), QUARTERLY: (3, 6, 9, 12), YEARLY: (12,)}.get(recurrence, ())
    return [date(plan_year, m, calendar.monthrange(plan_year, m)[1]) for m in months]


_PATH = re.compile(r"公开路径[:：]\s*(?:1[.．、])?\s*([^；;）)〕]+)")
_ARROW = re.compile(r"\s*(?:>|＞|→|》)\s*")
_UNIT_FIELD = re.compile(r"(?:责任单位|牵头单位)[:：]\s*(\S+)")
_DEADLINE_FIELD = re.compile(r"完成时限[:：]\s*(\S+)")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM = re.compile(r"^(?:\d{1,2}[.．、]\s*|（[一二三四五六七八九十]+）)")
_TABLE_HEADER = {"工作任务", "贯彻举措", "牵头单位", "责任单位", "任务内容", "完成时限", "序号", "公开路径", "备注"}
_UNIT_END = re.compile(r"(?:委|局|办|室|部|部门|政府|中心|（街道）|单位|院|队|所|会|处|站|馆)$")
_MARKUP = re.compile(r"\[bookmark:[^\]]*\]")


def publish_path(text: str) -> str:
    """The first 公开路径 of a task, its separators written as ``>`` (政府网站>政务公开>…)."""
    found = _PATH.search(text)
    return _ARROW.sub(">", found[1].strip()) if found else ""


def _is_unit(line: str) -> bool:
    return len(line) <= 60 and "。" not in line and "，" not in line and bool(_UNIT_END.search(line))


def propose_tasks(text: str, plan_year: int) -> Proposals:
    """Proposals for the tasks of pasted plan text, plus the lines that could not be read."""
    tasks: list[TaskProposal] = []
    unread: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []  # task lines still waiting for their unit (flattened table)
    unit_taken = False

    def flush(unit: str, deadline_text: str = "") -> None:
        for number, content in pending:
            deadline = parse_deadline(deadline_text, plan_year) if deadline_text else Deadline("", None)
            if not deadline.text:
                deadline = parse_deadline(content, plan_year)
            tasks.append(TaskProposal(content, unit, deadline, publish_path(content), number))
        pending.clear()

    lines = [_MARKUP.sub("", raw).strip().strip("\u3000").strip() for raw in text.splitlines()]
    # A pasted table starts at its header row (工作任务 / 责任单位 …): the notice before it is not a task.
    start = next((i for i, line in enumerate(lines) if line in _TABLE_HEADER), 0)
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line or line in _TABLE_HEADER:
            continue
        unit_field, deadline_field = _UNIT_FIELD.search(line), _DEADLINE_FIELD.search(line)
        if unit_field or deadline_field:
            before = line[: min(m.start() for m in (unit_field, deadline_field) if m)].strip()
            if before:
                pending.append((number, _ITEM.sub("", before).strip()))
            flush(unit_field[1] if unit_field else "", deadline_field[1] if deadline_field else "")
            unit_taken = True
            continue
        if _HEADING.match(line) and len(line) <= 40:
            unit_taken = False
            continue
        if _is_unit(line):
            if pending:
                flush(line)
            elif not unit_taken:
                unread.append((number, line))
            unit_taken = True  # a further unit cell of the same row (the 责任单位 after the 牵头单位)
            continue
        if _ITEM.match(line) and line.endswith("。") and len(_ITEM.sub("", line)) <= 7:
            continue  # a label inside a cell (“1. 政府网站。”), the items after it are the tasks
        if _ITEM.match(line) or len(line) > 20:
            if unit_taken and not _ITEM.match(line) and not pending:
                unit_taken = False
            pending.append((number, _ITEM.sub("", line).strip()))
            unit_taken = False
            continue
        unread.append((number, line))
    flush("")
    return Proposals(tasks, unread)
