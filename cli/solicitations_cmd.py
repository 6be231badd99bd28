"""`solicitations template|import|export|list|add|results|void`: the 征求意见 register on the command line.

The period is counted in calendar days with BOTH the 开始日期 and the 截止日期 counted (2025-03-01 to 2025-03-30 is
30 days): at least 30 for 重大行政决策 and 7 for 行政规范性文件 unless --shortening-reason is given.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from cli.output import print_import_report, print_json, xlsx_path
from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.solicitations import Outcome, SolicitationKind
from models.services import solicitations
from models.services.solicitations import PERIOD_HELP, STATE_FILTERS, ListFilter, SolicitationInput, SolicitationRow

TODAY_HELP = "按指定日期计算（用于测试/回溯），格式YYYY-MM-DD，默认今天"
OPERATOR_HELP = "经办人姓名（默认用设置中的经办人）"
KINDS = [k.value for k in SolicitationKind]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "solicitations",
        help="征求意见登记：模板、导入、导出、列表、新增、登记采纳情况、作废",
        description="征求意见登记。" + PERIOD_HELP,
    )
    actions = parser.add_subparsers(
        dest="action", required=True, metavar="{template,import,export,list,add,results,void}"
    )

    template = actions.add_parser("template", help="生成空白的征求意见登记表模板（含填写说明）")
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    template.set_defaults(handler=_template)

    imp = actions.add_parser(
        "import",
        help="导入征求意见登记表：有任何一行有问题则全部不导入",
        description="导入征求意见登记表（.xlsx）。全部检查通过才导入；有问题时列出每一处问题（第几行、哪一列），"
        "什么也不导入。草案名称和开始日期都相同的已登记记录跳过。" + PERIOD_HELP,
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="登记表文件")
    imp.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", help="导出征求意见登记表（格式与导入相同）")
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    _filters(exp)
    exp.set_defaults(handler=_export)

    lst = actions.add_parser("list", help="列出征求意见", description="列出征求意见（开始日期新的在前）")
    _filters(lst)
    lst.add_argument("--pending", action="store_true", help="只列出已过截止日期、尚未公布采纳情况的")
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.set_defaults(handler=_list)

    add = actions.add_parser("add", help="新增一次征求意见", description="新增一次公开征求意见。" + PERIOD_HELP)
    add.add_argument("--title", required=True, metavar="TEXT", help="草案名称（必填）")
    add.add_argument("--kind", required=True, choices=KINDS, metavar="类型", help=f"类型：{'、'.join(KINDS)}")
    add.add_argument("--start", required=True, type=parse_date_arg, metavar="YYYY-MM-DD", help="开始日期")
    add.add_argument(
        "--end", required=True, type=parse_date_arg, metavar="YYYY-MM-DD", help="截止日期（首尾两日均计入期限）"
    )
    add.add_argument("--document", default="", metavar="文号", help="关联文件的文号（选填，须已登记）")
    add.add_argument("--channel", default="", metavar="TEXT", help="渠道，如镇政府门户网站")
    add.add_argument("--shortening-reason", default="", metavar="TEXT", help="缩短期限理由（期限短于规定时必填）")
    add.add_argument("--operator", metavar="NAME", help=OPERATOR_HELP)
    add.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    add.add_argument("--json", action="store_true", help="以JSON对象输出新增的记录")
    add.set_defaults(handler=_add)

    res = actions.add_parser("results", help="登记采纳情况（收到意见数、采纳、部分采纳、未采纳、公布日期）")
    res.add_argument("id", type=parse_int_arg, metavar="ID", help="征求意见编号（list 的 id）")
    res.add_argument("--received", type=parse_int_arg, default=0, metavar="N", help="收到意见数")
    res.add_argument("--adopted", type=parse_int_arg, default=0, metavar="N", help="采纳")
    res.add_argument("--partly-adopted", type=parse_int_arg, default=0, metavar="N", help="部分采纳")
    res.add_argument("--rejected", type=parse_int_arg, default=0, metavar="N", help="未采纳")
    res.add_argument("--reason", default="", metavar="TEXT", help="未采纳理由")
    res.add_argument("--published", type=parse_date_arg, metavar="YYYY-MM-DD", help="采纳情况公布日期")
    res.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    res.set_defaults(handler=_results)

    void = actions.add_parser("void", help="作废登记有误的征求意见（写明理由）")
    void.add_argument("id", type=parse_int_arg, metavar="ID", help="征求意见编号（list 的 id）")
    void.add_argument("--reason", required=True, metavar="TEXT", help="作废理由（必填）")
    void.add_argument("--operator", metavar="NAME", help=OPERATOR_HELP)
    void.set_defaults(handler=_void)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--state", choices=STATE_FILTERS, metavar="状态", help=f"状态：{'、'.join(STATE_FILTERS)}")
    parser.add_argument("--kind", choices=KINDS, metavar="类型", help=f"类型：{'、'.join(KINDS)}")
    parser.add_argument("--year", type=parse_int_arg, metavar="Y", help="开始日期在该年的")
    parser.add_argument("--text", default="", metavar="TEXT", help="草案名称、渠道或文号中含有的文字")
    parser.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)


def _flt(args: argparse.Namespace) -> ListFilter:
    state = solicitations.SolicitationState.PENDING.value if getattr(args, "pending", False) else args.state or ""
    return ListFilter(text=args.text, state=state, kind=args.kind or "", year=args.year)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def row_json(row: SolicitationRow, today: date) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "document": row.document_number or None,
        "kind": row.kind,
        "start": _iso(row.start),
        "end": _iso(row.end),
        "days": row.days,
        "channel": row.channel,
        "shortening_reason": row.shortening_reason,
        "received": row.received,
        "adopted": row.adopted,
        "partly_adopted": row.partly_adopted,
        "rejected": row.rejected,
        "rejection_reason": row.rejection_reason,
        "results_published": _iso(row.results_published),
        "state": row.state(today),
        "pending": row.pending(today),
    }


def _template(args: argparse.Namespace, db: Database) -> int:
    from models.services import solicitation_sheet  # openpyxl is loaded only for the commands that need it

    print(f"已生成征求意见登记表模板：{solicitation_sheet.write_template(xlsx_path(args.out))}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    from models.services import solicitation_sheet

    report = solicitation_sheet.import_sheet(db, args.file, today=args.today)
    print_import_report(report, items="条征求意见")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    from models.services import solicitation_sheet

    path = xlsx_path(args.out)
    count = solicitation_sheet.export_sheet(db, path, _flt(args))
    print(f"已导出 {count} 条征求意见到：{path}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    rows = solicitations.list_page(db, _flt(args), today=today).rows
    items = [row_json(row, today) for row in rows]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print("（没有符合条件的征求意见）")
        return 0
    print("编号\t草案名称\t类型\t开始日期\t截止日期\t期限\t状态\t采纳情况公布日期")
    for item in items:
        days = f"{item['days']}日" + ("（已说明缩短理由）" if item["shortening_reason"] else "")
        print(
            f"{item['id']}\t{item['title']}\t{item['kind']}\t{item['start']}\t{item['end']}\t{days}\t"
            f"{item['state']}\t{item['results_published'] or '—'}"
        )
    print(f"共 {len(items)} 条。")
    return 0


def _operator(args: argparse.Namespace, db: Database) -> str:
    from models.services.settings import current_actor

    return current_actor(db, args.operator or "")


def _add(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    form = SolicitationInput(
        args.title, args.document, args.kind, args.start, args.end, args.channel, args.shortening_reason
    )
    row = solicitations.add(db, form, actor=_operator(args, db), today=today)
    if args.json:
        print_json(row_json(row, today))
    else:
        print(f"已登记征求意见（编号{row.id}）：{row.title}，{row.start}至{row.end}，共{row.days}日。")
    return 0


def _results(args: argparse.Namespace, db: Database) -> int:
    outcome = Outcome(args.received, args.adopted, args.partly_adopted, args.rejected, args.reason, args.published)
    row = solicitations.record_results(db, args.id, outcome, today=args.today)
    print(
        f"已登记“{row.title}”的采纳情况：收到{row.received}条，采纳{row.adopted}条，部分采纳{row.partly_adopted}条，"
        f"未采纳{row.rejected}条。"
    )
    return 0


def _void(args: argparse.Namespace, db: Database) -> int:
    solicitations.void(db, args.id, args.reason, actor=_operator(args, db))
    print(f"已作废征求意见（编号{args.id}；理由：{args.reason.strip()}）。")
    return 0
