"""`workdays add|between` and `holidays import|list`."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.domain.workdays import uncertainty_warning
from models.services import holidays as holiday_service


def register(subparsers: argparse._SubParsersAction) -> None:
    workdays = subparsers.add_parser("workdays", help="工作日计算", description="按法定节假日和调休计算工作日")
    actions = workdays.add_subparsers(dest="action", required=True, metavar="{add,between}")
    add = actions.add_parser("add", help="某日之后的第N个工作日（起算日当天不计）")
    add.add_argument("date", type=parse_date_arg, metavar="DATE", help="起算日期 YYYY-MM-DD")
    add.add_argument("n", type=parse_int_arg, metavar="N", help="工作日数")
    add.set_defaults(handler=_add)
    between = actions.add_parser("between", help="两个日期之间的工作日数（不含A，含B）")
    between.add_argument("a", type=parse_date_arg, metavar="A", help="开始日期 YYYY-MM-DD（不计入）")
    between.add_argument("b", type=parse_date_arg, metavar="B", help="结束日期 YYYY-MM-DD（计入）")
    between.set_defaults(handler=_between)

    holidays = subparsers.add_parser("holidays", help="节假日安排", description="导入或查看节假日安排")
    hactions = holidays.add_subparsers(dest="action", required=True, metavar="{import,list}")
    imp = hactions.add_parser(
        "import", help="导入国务院节假日通知全文（文本文件）或 date,type 格式的CSV（type 为 休 或 班）"
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--year", type=parse_int_arg, help="通知所属年份（标题中没有年份时需要）")
    imp.add_argument("--dry-run", action="store_true", help="只显示解析结果，不保存")
    imp.add_argument("--yes", action="store_true", help="确认导入：该年份已有节假日数据、导入会改变日期或期限时需要")
    imp.set_defaults(handler=_import)
    lst = hactions.add_parser("list", help="列出某年的放假日和调休上班日")
    lst.add_argument("year", type=parse_int_arg, metavar="YEAR")
    lst.set_defaults(handler=_list)


def _add(args: argparse.Namespace, db: Database) -> int:
    if not 0 <= args.n <= 1000:
        raise UserError(f"N 应在 0 到 1000 之间（收到 {args.n}）。")
    result = holiday_service.load_calendar(db).add_working_days(args.date, args.n)
    print(result.value.isoformat() + result.uncertainty_note())
    return 0


def _between(args: argparse.Namespace, db: Database) -> int:
    result = holiday_service.load_calendar(db).working_days_between(args.a, args.b)
    print(f"{result.value}{result.uncertainty_note()}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    parsed = holiday_service.read_arrangement(args.file, args.year)
    for item in parsed.days:
        print(f"{item.day.isoformat()}\t{item.kind.value}\t{item.holiday}")
    for warning in parsed.warnings:
        print(f"注意：{warning}")
    years = "、".join(str(y) for y in parsed.years)
    plan = holiday_service.plan_import(db, parsed)
    if plan.needs_confirmation:
        print(plan.summary())
        for line in plan.change_lines():
            print(f"  {line}")
    if args.dry_run:
        print(f"共解析 {len(parsed.days)} 天（{years}年），未保存（--dry-run）。")
        return 0
    if plan.needs_confirmation and not args.yes:
        raise UserError("未导入：导入会改变以上已有的节假日安排和期限。核对无误后，加上 --yes 重新运行以确认导入。")
    outcome = holiday_service.import_arrangement(db, parsed)
    print(f"已导入 {outcome.stored} 天（{years}年）。")
    for day in outcome.kept_manual:
        print(f"注意：{day.isoformat()} 已有手工设置，保留手工设置。")
    if parsed.open_years:
        open_years = "、".join(str(y) for y in parsed.open_years)
        print(
            f"注意：文件中没有{'、'.join(parsed.missing)}的安排，{open_years}年的节假日安排仍按不完整处理，"
            "涉及该年的期限会标注“不确定”。请导入完整的通知正文（CSV可在第三列写节日名称）。"
        )
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    days, covered = holiday_service.list_year(db, args.year)
    for item in days:
        print(f"{item.day.isoformat()}\t{item.kind.value}\t{item.holiday}\t{item.source}")
    if not covered:
        print(uncertainty_warning([args.year]))
    return 0
