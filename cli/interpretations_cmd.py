"""`interpretations template|import|export|list|add|void|flags`: the 政策解读 register on the command line.

`flags` lists the documents still flagged by 三同步: every 行政规范性文件 or document marked as needing
interpretation without interpretations in at least two forms published no later than the document.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from cli.output import print_import_report, print_json, xlsx_path
from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.interpretations import Form
from models.services import interpretations
from models.services.interpretations import SYNC_HELP, InterpretationInput, InterpretationRow, ListFilter, SyncFlag

OPERATOR_HELP = "经办人姓名（默认用设置中的经办人）"
FORMS = [f.value for f in Form]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "interpretations",
        help="政策解读登记：模板、导入、导出、列表、新增、作废、三同步提示",
        description="政策解读登记。" + SYNC_HELP,
    )
    actions = parser.add_subparsers(
        dest="action", required=True, metavar="{template,import,export,list,add,void,flags}"
    )

    template = actions.add_parser("template", help="生成空白的政策解读登记表模板（含填写说明）")
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    template.set_defaults(handler=_template)

    imp = actions.add_parser(
        "import",
        help="导入政策解读登记表：有任何一行有问题则全部不导入",
        description="导入政策解读登记表（.xlsx）。全部检查通过才导入；有问题时列出每一处问题（第几行、哪一列），"
        "什么也不导入。同一文件下解读标题相同的已登记记录跳过。",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="登记表文件")
    imp.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help="按指定日期检查，默认今天")
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", help="导出政策解读登记表（格式与导入相同）")
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    _filters(exp)
    exp.set_defaults(handler=_export)

    lst = actions.add_parser("list", help="列出政策解读", description="列出政策解读（发布日期新的在前）")
    _filters(lst)
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.set_defaults(handler=_list)

    add = actions.add_parser("add", help="新增一件政策解读", description="新增一件政策解读。" + SYNC_HELP)
    add.add_argument("--document", required=True, metavar="文号", help="所解读文件的文号（必填，须已登记）")
    add.add_argument("--title", required=True, metavar="TEXT", help="解读标题（必填）")
    add.add_argument(
        "--form",
        required=True,
        action="append",
        metavar="形式",
        help=f"形式，可重复或用“、”分隔多种：{'、'.join(FORMS)}",
    )
    add.add_argument("--interpreter", default="", metavar="TEXT", help="解读主体")
    add.add_argument("--approved", type=parse_date_arg, metavar="YYYY-MM-DD", help="审签日期")
    add.add_argument("--published", type=parse_date_arg, metavar="YYYY-MM-DD", help="发布日期")
    add.add_argument("--url", default="", metavar="URL", help="网址")
    add.add_argument("--operator", metavar="NAME", help=OPERATOR_HELP)
    add.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help="按指定日期检查，默认今天")
    add.add_argument("--json", action="store_true", help="以JSON对象输出新增的记录")
    add.set_defaults(handler=_add)

    void = actions.add_parser("void", help="作废登记有误的政策解读（写明理由）")
    void.add_argument("id", type=parse_int_arg, metavar="ID", help="政策解读编号（list 的 id）")
    void.add_argument("--reason", required=True, metavar="TEXT", help="作废理由（必填）")
    void.add_argument("--operator", metavar="NAME", help=OPERATOR_HELP)
    void.set_defaults(handler=_void)

    flags = actions.add_parser("flags", help="列出未做到解读三同步的文件", description=SYNC_HELP)
    flags.add_argument("--text", default="", metavar="TEXT", help="文号或标题中含有的文字")
    flags.add_argument("--json", action="store_true", help="以JSON数组输出")
    flags.set_defaults(handler=_flags)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--form", choices=FORMS, metavar="形式", help=f"形式：{'、'.join(FORMS)}")
    parser.add_argument("--year", type=parse_int_arg, metavar="Y", help="发布日期在该年的")
    parser.add_argument("--text", default="", metavar="TEXT", help="解读标题、解读主体、文号或文件标题中含有的文字")


def _flt(args: argparse.Namespace) -> ListFilter:
    return ListFilter(text=args.text, form=args.form or "", year=args.year)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def row_json(row: InterpretationRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "document": row.document.number or None,
        "document_title": row.document.title,
        "title": row.title,
        "forms": list(row.forms),
        "interpreter": row.interpreter,
        "approved": _iso(row.approved),
        "published": _iso(row.published),
        "url": row.url,
        "late": row.late,
    }


def flag_json(flag: SyncFlag) -> dict[str, Any]:
    return {
        "document": flag.document.number or None,
        "title": flag.document.title,
        "category": flag.document.category,
        "published": _iso(flag.document.published),
        "forms": list(flag.check.forms),
        "late": flag.check.late,
        "message": flag.message,
    }


def _template(args: argparse.Namespace, db: Database) -> int:
    from models.services import interpretation_sheet  # openpyxl is loaded only for the commands that need it

    print(f"已生成政策解读登记表模板：{interpretation_sheet.write_template(xlsx_path(args.out))}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    from models.services import interpretation_sheet

    report = interpretation_sheet.import_sheet(db, args.file, today=args.today)
    print_import_report(report, items="件政策解读")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    from models.services import interpretation_sheet

    path = xlsx_path(args.out)
    count = interpretation_sheet.export_sheet(db, path, _flt(args))
    print(f"已导出 {count} 件政策解读到：{path}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    items = [row_json(row) for row in interpretations.list_page(db, _flt(args)).rows]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print("（没有符合条件的政策解读）")
        return 0
    print("编号\t关联文件\t解读标题\t形式\t解读主体\t发布日期")
    for item in items:
        print(
            f"{item['id']}\t{item['document'] or item['document_title']}\t{item['title']}\t{'、'.join(item['forms'])}\t"
            f"{item['interpreter'] or '—'}\t{item['published'] or '未发布'}"
        )
    print(f"共 {len(items)} 件。")
    return 0


def _operator(args: argparse.Namespace, db: Database) -> str:
    from models.services.settings import current_actor

    return current_actor(db, args.operator or "")


def _add(args: argparse.Namespace, db: Database) -> int:
    forms = tuple(part for value in args.form for part in re.split(r"[、，,；;\s]+", value) if part)
    form = InterpretationInput(
        args.document, args.title, forms, args.interpreter, args.approved, args.published, args.url
    )
    row = interpretations.add(db, form, actor=_operator(args, db), today=args.today)
    if args.json:
        print_json(row_json(row))
        return 0
    print(f"已登记政策解读（编号{row.id}）：{row.title}（{row.forms_text}），关联{row.document.label}。")
    flag = interpretations.sync_state(db, row.document.id)
    if flag.check.flagged:
        print(f"注意：{flag.message}。")
    return 0


def _void(args: argparse.Namespace, db: Database) -> int:
    interpretations.void(db, args.id, args.reason, actor=_operator(args, db))
    print(f"已作废政策解读（编号{args.id}；理由：{args.reason.strip()}）。")
    return 0


def _flags(args: argparse.Namespace, db: Database) -> int:
    flags = interpretations.sync_flags(db, text=args.text)
    if args.json:
        print_json([flag_json(f) for f in flags])
        return 0
    if not flags:
        print("（所有须解读的文件都已做到三同步）")
        return 0
    for flag in flags:
        print(f"{flag.document.label}：{flag.message}")
    print(f"共 {len(flags)} 件文件未做到三同步。")
    return 0
