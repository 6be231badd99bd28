"""`tasks template|import|export|list|paste|progress|report`: the 任务清单 of the county's 政务公开 plan (issue 11).

`tasks paste FILE.txt` proposes tasks from text copied out of the plan (责任单位, 完成时限, 公开路径) and prints them;
with --yes it stores them. `tasks report --out F.xlsx` writes the 落实情况表 for the county's check.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from cli.output import xlsx_path
from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.domain.plan_tasks import STATUSES, propose_tasks
from models.services import plan_tasks

TODAY_HELP = "按指定日期计算（用于测试/回溯），格式YYYY-MM-DD，默认今天"
YEAR_HELP = "方案年度（默认今年；paste 默认取文中的“YYYY年政务公开”）"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tasks", help="任务清单：模板、导入、导出、列表、从方案文本识别、落实情况表")
    actions = parser.add_subparsers(
        dest="action", required=True, metavar="{template,import,export,list,paste,progress,report}"
    )

    template = actions.add_parser("template", help="生成空白的任务清单模板（含填写说明）")
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    template.set_defaults(handler=_template)

    imp = actions.add_parser("import", help="导入任务清单：有任何一行有问题则全部不导入")
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="任务清单文件")
    imp.add_argument("--year", type=parse_int_arg, metavar="Y", help=YEAR_HELP)
    imp.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", help="导出任务清单（格式与导入相同）")
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    exp.add_argument("--year", type=parse_int_arg, metavar="Y", help="只导出该年度方案的任务")
    exp.set_defaults(handler=_export)

    lst = actions.add_parser("list", help="列出任务")
    lst.add_argument("--unit", default="", metavar="TEXT", help="责任单位中含有的文字")
    lst.add_argument("--status", choices=STATUSES, metavar="状态", help=f"状态：{'、'.join(STATUSES)}")
    lst.add_argument("--overdue", action="store_true", help="只列出已过完成时限、尚未完成的")
    lst.add_argument("--year", type=parse_int_arg, metavar="Y", help="方案年度")
    lst.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.set_defaults(handler=_list)

    paste = actions.add_parser("paste", help="从复制的方案文本识别任务（--yes 时保存）")
    paste.add_argument("file", type=Path, metavar="FILE.txt", help="方案文本（UTF-8）")
    paste.add_argument("--year", type=parse_int_arg, metavar="Y", help=YEAR_HELP)
    paste.add_argument("--yes", action="store_true", help="保存识别出的任务")
    paste.set_defaults(handler=_paste)

    prog = actions.add_parser("progress", help="登记任务的落实情况：状态、完成日期、佐证")
    prog.add_argument("id", type=parse_int_arg, metavar="ID", help="任务编号（list 的 id）")
    prog.add_argument("--status", required=True, choices=STATUSES, metavar="状态", help=f"状态：{'、'.join(STATUSES)}")
    prog.add_argument("--completed", type=parse_date_arg, metavar="YYYY-MM-DD", help="完成日期（已完成时必填）")
    prog.add_argument("--evidence-number", default="", metavar="文号", help="佐证文号（已在公文登记中的会关联）")
    prog.add_argument("--evidence-url", default="", metavar="URL", help="佐证网址")
    prog.add_argument("--note", metavar="TEXT", help="备注")
    prog.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    prog.set_defaults(handler=_progress)

    report = actions.add_parser("report", help="生成任务落实情况表（.xlsx）")
    report.add_argument("--out", type=Path, required=True, metavar="F.xlsx", help="要生成的Excel文件")
    report.add_argument("--year", type=parse_int_arg, metavar="Y", help="方案年度")
    report.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    report.set_defaults(handler=_report)


def _template(args: argparse.Namespace, db: Database) -> int:
    print(f"已生成任务清单模板：{plan_tasks.write_template(xlsx_path(args.out))}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    year = args.year or (args.today or date.today()).year
    report = plan_tasks.import_sheet(db, args.file, year, today=args.today)
    for row, content in report.imported:
        print(f"第{row}行 → {content[:40]}")
    for line in report.skipped:
        print(line)
    if report.ignored_columns:
        print(f"注意：以下列不是任务清单的列，已忽略：{'、'.join(report.ignored_columns)}")
    print(f"已导入 {len(report.imported)} 项任务（{year}年），跳过 {len(report.skipped)} 行。")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    path = xlsx_path(args.out)
    count = plan_tasks.export_sheet(db, path, year=args.year)
    print(f"已导出 {count} 项任务到：{path}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    rows = plan_tasks.list_tasks(
        db, unit=args.unit, status=args.status or "", overdue=args.overdue, year=args.year, today=today
    )
    if args.json:
        print(json.dumps([row.as_json(today) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("（没有符合条件的任务）")
        return 0
    print("编号\t任务内容\t责任单位\t完成时限\t状态")
    for row in rows:
        state = row.status + ("（逾期）" if row.overdue(today) else "")
        print(f"{row.id}\t{row.content[:40]}\t{row.unit or '—'}\t{row.deadline or '—'}\t{state}")
    print(f"共 {len(rows)} 项。")
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} 不是UTF-8编码的文本文件，请另存为UTF-8后重试。") from None
    except OSError as error:
        raise UserError(f"无法读取 {path}：{error.strerror or error}") from None


def _paste(args: argparse.Namespace, db: Database) -> int:
    text = _read_text(args.file)
    found = re.search(r"(20\d\d)年(?:度)?政务公开", text)
    year = args.year or (int(found[1]) if found else date.today().year)
    proposals = propose_tasks(text, year)
    if not proposals.tasks:
        raise UserError(f"{args.file} 中没有识别出任务：请复制方案中的任务清单部分（任务内容、责任单位、完成时限）。")
    for number, task in enumerate(proposals.tasks, start=1):
        deadline = task.deadline
        when = deadline.text or "—"
        if deadline.due:
            when += f"（{deadline.due.isoformat()}）"
        elif deadline.recurrence != "none":
            when += f"（{deadline.recurrence}）"
        print(f"{number}. 第{task.line}行\t{task.content[:40]}\t责任单位：{task.unit or '—'}\t完成时限：{when}")
        if task.publish_path:
            print(f"\t公开路径：{task.publish_path}")
    for line, content in proposals.unread:
        print(f"未能识别 第{line}行：{content}")
    if args.yes:
        count = plan_tasks.confirm_proposals(db, proposals.tasks, year)
        print(f"已保存 {count} 项任务（{year}年）。")
    else:
        print(f"识别出 {len(proposals.tasks)} 项任务（{year}年），未保存；确认无误后加 --yes 保存。")
    return 0


def _progress(args: argparse.Namespace, db: Database) -> int:
    row = plan_tasks.update_progress(
        db,
        args.id,
        status=args.status,
        completed=args.completed,
        evidence_number=args.evidence_number,
        evidence_url=args.evidence_url,
        note=args.note,
        today=args.today,
    )
    print(f"已登记任务{row.id}的落实情况：{row.status}" + (f"（{row.completed}完成）" if row.completed else "") + "。")
    return 0


def _report(args: argparse.Namespace, db: Database) -> int:
    path = xlsx_path(args.out)
    count = plan_tasks.write_report(db, path, year=args.year, today=args.today)
    print(f"已生成任务落实情况表（{count} 项）：{path}")
    return 0
