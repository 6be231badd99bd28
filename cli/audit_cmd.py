"""`audit list|export`: reading the audit log (it cannot be changed from the app)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.parser import parse_date_arg
from models.db import Database
from models.domain.errors import UserError
from models.services import audit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="审计日志：查看、导出（不能修改）",
        description="审计日志记录每次新增、修改、作废、导出、生成文书、备份、恢复和登录：谁、何时、哪条记录、"
        "原值和新值（个人信息只记遮盖后的值）。日志只能查看和导出，不能修改或删除。",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{list,export}")
    lst = actions.add_parser("list", help="列出审计日志")
    _filters(lst)
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.set_defaults(handler=_list)
    exp = actions.add_parser("export", help="把审计日志导出为Excel")
    exp.add_argument("out", type=Path, metavar="FILE.xlsx", help="要生成的Excel文件")
    _filters(exp)
    exp.set_defaults(handler=_export)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=parse_date_arg, metavar="YYYY-MM-DD", help="起始日期（含）")
    parser.add_argument("--to", dest="end", type=parse_date_arg, metavar="YYYY-MM-DD", help="截止日期（含）")
    parser.add_argument("--user", dest="by", default="", metavar="NAME", help="只列出该用户的操作")
    parser.add_argument("--record", default="", metavar="TEXT", help="记录（申请编号、字号等）包含的文字")


def _filter(args: argparse.Namespace) -> audit.AuditFilter:
    if args.start and args.end and args.start > args.end:
        raise UserError(f"起始日期{args.start}晚于截止日期{args.end}。")
    return audit.AuditFilter(start=args.start, end=args.end, user=args.by, record=args.record)


def _list(args: argparse.Namespace, db: Database) -> int:
    rows = audit.entries(db, _filter(args))
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("（没有符合条件的记录）")
        return 0
    print("时间\t用户\t操作\t记录类型\t记录\t修改内容\t说明")
    for r in rows:
        fields = (f"{r.at:%Y-%m-%d %H:%M:%S}", r.user, r.action, r.table_label, r.record, r.changes_text(), r.detail)
        print("\t".join(fields))
    print(f"共 {len(rows)} 条。")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    if args.out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件名应以.xlsx结尾：{args.out}")
    count = audit.export_xlsx(db, args.out, _filter(args))
    print(f"已导出 {count} 条审计日志到：{args.out}")
    return 0
