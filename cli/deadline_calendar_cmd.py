"""`calendar month YYYY-MM [--json]`, `calendar ics --out FILE.ics [--from DATE --to DATE]` and
`calendar pdf YYYY-MM --out FILE.pdf` (the month printed on A4 landscape): the 期限日历.

Day marks: 休 = a rest day of a statutory holiday (weekends inside the holiday included), 班 = a 调休 weekend
working day; a plain weekend has no mark. A year without holiday data is marked uncertain (不确定).
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli.parser import parse_date_arg
from models.db import Database
from models.domain.deadline_calendar import DeadlineItem
from models.domain.errors import UserError
from models.services import deadline_calendar as service

TODAY_HELP = "按指定日期计算状态（用于测试/回溯），格式YYYY-MM-DD，默认今天"
MARK_HELP = (
    "“休”为法定节假日放假日（含假期中的周末），“班”为调休上班的周末；普通周末不标；无节假日数据的年份标“不确定”。"
)
WEEKDAYS = "一二三四五六日"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "calendar", help="期限日历：按月查看各登记簿的期限，导出.ics", description="期限日历。" + MARK_HELP
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{month,ics,pdf}")
    month = actions.add_parser("month", help="列出某月每一天的休/班标记和到期事项", description=MARK_HELP)
    month.add_argument("month", metavar="YYYY-MM", help="月份，例如2025-10")
    month.add_argument("--json", action="store_true", help="以JSON输出")
    month.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    month.set_defaults(handler=_month)
    ics = actions.add_parser("ics", help="把期限导出为.ics日历文件（全天事件）")
    ics.add_argument("--out", type=Path, required=True, metavar="FILE.ics", help="要生成的日历文件")
    ics.add_argument("--from", dest="start", type=parse_date_arg, metavar="DATE", help="开始日期（默认本月1日）")
    ics.add_argument("--to", dest="end", type=parse_date_arg, metavar="DATE", help="结束日期（默认开始日期后365天）")
    ics.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    ics.set_defaults(handler=_ics)
    pdf = actions.add_parser("pdf", help="把某月的期限日历打印为PDF（A4横向）", description=MARK_HELP)
    pdf.add_argument("month", metavar="YYYY-MM", help="月份，例如2025-10")
    pdf.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="要生成的PDF文件")
    pdf.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    pdf.set_defaults(handler=_pdf)


def item_json(item: DeadlineItem) -> dict[str, Any]:
    return {"register": item.register, "key": item.key, "what": item.what, "due": item.due.isoformat(),
            "state": item.state, "owner": item.owner}  # fmt: skip


def _month(args: argparse.Namespace, db: Database) -> int:
    year, month = service.parse_month(args.month)
    days = service.month_days(db, year, month, today=args.today)
    if args.json:
        out = [{"date": d.day.isoformat(), "mark": d.mark, "uncertain": d.uncertain,
                "items": [item_json(i) for i in d.items]} for d in days]  # fmt: skip
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{year}年{month}月 期限日历")
    if days and days[0].uncertain:
        print(f"注意：{year}年节假日安排尚未录入，休/班标记和期限可能不准确。")
    count = 0
    for d in days:
        if not d.items and not d.mark:
            continue
        mark = f"（{d.mark}）" if d.mark else ""
        print(f"{d.day.month}月{d.day.day}日 星期{WEEKDAYS[d.day.weekday()]}{mark}")
        for item in d.items:
            print(f"  [{item.state}] {item.register} {item.key} {item.what}")
            count += 1
    print(f"共 {count} 项期限。")
    return 0


def _ics(args: argparse.Namespace, db: Database) -> int:
    from exporters.calendar_ics import write_ics  # icalendar is loaded only for this command

    today = args.today or date.today()
    start = args.start or today.replace(day=1)
    end = args.end or start + timedelta(days=365)
    if end < start:
        raise UserError(f"结束日期（--to）{end.isoformat()}早于开始日期（--from）{start.isoformat()}。")
    if args.out.suffix.lower() != ".ics":
        raise UserError(f"输出文件应以 .ics 结尾：{args.out}")
    items = service.list_items(db, start, end, today=today)
    write_ics(args.out, items)
    print(f"已导出 {len(items)} 项期限（{start.isoformat()} 至 {end.isoformat()}）到 {args.out}")
    return 0


def _pdf(args: argparse.Namespace, db: Database) -> int:
    year, month = service.parse_month(args.month)
    if args.out.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应以 .pdf 结尾：{args.out}")
    result = service.write_month_pdf(db, year, month, args.out, today=args.today)
    print(f"已打印 {year}年{month}月 期限日历（{result.items} 项期限，{result.pages} 页）到 {args.out}")
    if result.warning():
        print(result.warning())
    return 0
