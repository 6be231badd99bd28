"""`retention anonymise|years`: anonymising closed applications older than N years (statistics are kept)."""

from __future__ import annotations

import argparse

from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.services import retention


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "retention",
        help="保存期限：匿名化办结满N年的申请（统计数据不变）",
        description="把办结满N年的申请中的个人信息（申请人、证件号码、联系电话、通信地址、邮编、电子邮箱）"
        "替换为“已匿名化”；日期、办理结果和件数保留，年度报告和月报的数字不变。不可撤销。",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{anonymise,years}")
    anon = actions.add_parser("anonymise", help="匿名化（不加 --yes 时只列出将被匿名化的申请）")
    anon.add_argument("--older-than", type=parse_int_arg, metavar="N", help="办结满N年（默认用设置中的保存年限）")
    anon.add_argument("--yes", action="store_true", help="确认执行（不可撤销）")
    anon.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help="按指定日期计算（用于测试）")
    anon.set_defaults(handler=_anonymise)
    years = actions.add_parser("years", help="查看或设置保存年限")
    years.add_argument("value", nargs="?", type=parse_int_arg, metavar="N", help="新的保存年限（年）")
    years.set_defaults(handler=_years)


def _anonymise(args: argparse.Namespace, db: Database) -> int:
    if not args.yes:
        found = retention.candidates(db, args.older_than, today=args.today)
        for item in found:
            print(f"{item.number}\t{item.received}\t{item.status}\t办结 {item.closed or '—'}")
        print(f"将匿名化 {len(found)} 件申请。确认后请加 --yes 再执行一次（不可撤销）。")
        return 1 if found else 0
    numbers = retention.anonymise(db, args.older_than, today=args.today)
    print(f"已匿名化 {len(numbers)} 件申请。" + (f"（{'、'.join(numbers)}）" if numbers else ""))
    return 0


def _years(args: argparse.Namespace, db: Database) -> int:
    if args.value is not None:
        retention.set_retention_years(db, args.value)
    try:
        print(f"保存年限：{retention.retention_years(db)}年")
    except UserError:  # not set yet
        print("保存年限：未设置")
    return 0
