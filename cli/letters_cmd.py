"""`letter NUMBER --kind K`: generate a letter; `letters list|kinds|void|template`: the register and templates.

A letter the facts do not allow yet (e.g. 答复书 before a reply is recorded) is refused with a Chinese message,
exit code 2, and nothing is written: no file, no number used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import (
    ALL_KINDS,
    KINDS,
    LateLetterError,
    LetterInputs,
    LetterKind,
    parse_kind,
    withheld_ground,
)

TODAY_HELP = "按指定日期生成（用于测试/回溯），格式YYYY-MM-DD，默认今天"
KIND_HELP = "；".join(f"{k.value}={KINDS[k].label}" for k in ALL_KINDS)


def _kind(value: str) -> LetterKind:
    try:
        return parse_kind(value)
    except UserError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    letter = subparsers.add_parser(
        "letter",
        help="生成文书（答复书、告知书、回执、送达回证）",
        description="为一件申请生成文书（Word，GB/T 9704版式），登记到文书登记簿并记入办理过程。"
        "字号按年顺序编号，生成失败不占号。申请的办理情况不允许时拒绝生成，什么也不写入。",
    )
    letter.add_argument("number", metavar="NUMBER", help="申请编号，如2025-0001")
    letter.add_argument(
        "--kind",
        required=True,
        type=_kind,
        metavar="{" + ",".join(k.value for k in ALL_KINDS) + "}",
        help=f"文书种类：{KIND_HELP}",
    )
    letter.add_argument(
        "--out", type=Path, metavar="PATH", help="输出的.docx文件或文件夹（默认：数据库所在文件夹/答复文书/年份/）"
    )
    letter.add_argument("--pdf", action="store_true", help="同时生成PDF（内嵌字体，供没有Word的电脑打印）")
    letter.add_argument("--date", type=parse_date_arg, metavar="YYYY-MM-DD", help="成文日期（默认：所依据事项的日期）")
    letter.add_argument("--published-where", default="", metavar="TEXT", help="已主动公开/公开出版物：获取方式、途径")
    letter.add_argument("--provision", default="", metavar="TEXT", help="予以公开：提供方式")
    letter.add_argument("--provided", default="", metavar="TEXT", help="部分公开：予以公开的部分")
    letter.add_argument("--refused", default="", metavar="TEXT", help="部分公开：不予公开的部分")
    letter.add_argument(
        "--refused-ground",
        default="",
        metavar="CODE",
        help="部分公开：不予公开部分的法定理由类型，只能是不予公开3.1—3.8或无法提供4.1—4.3，如3.4",
    )
    letter.add_argument("--reasons", default="", metavar="TEXT", help="本案的事实和理由")
    letter.add_argument(
        "--basis", default="", metavar="TEXT", help="其他处理：处理的依据（默认：登记答复时填写的依据）"
    )
    letter.add_argument(
        "--late",
        action="store_true",
        help="确认逾期出具：答复书或收费通知的日期晚于法定期限时必须加上，逾期记入办理过程",
    )
    letter.add_argument("--organ", default="", metavar="NAME", help="有关机关（无法提供时负责公开的机关、登记机关等）")
    letter.add_argument("--organ-contact", default="", metavar="TEXT", help="该机关的联系方式")
    letter.add_argument("--attachment", action="append", default=[], metavar="NAME", help="附件名称（可重复）")
    letter.add_argument("--consultation", type=parse_int_arg, metavar="ID", help="征求意见的编号（默认最近一次）")
    letter.add_argument("--pay-how", default="", metavar="TEXT", help="收费通知：缴费方式")
    letter.add_argument("--place", default="", metavar="TEXT", help="送达回证：送达地址")
    letter.add_argument("--server", default="", metavar="NAME", help="送达回证：送达人")
    letter.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    letter.set_defaults(handler=_generate)

    group = subparsers.add_parser(
        "letters",
        help="文书登记簿与文书模板",
        description="文书登记簿（列表、作废）、可生成的文书、文书模板的导出与导入",
    )
    actions = group.add_subparsers(dest="action", required=True, metavar="{list,kinds,void,template}")
    lst = actions.add_parser("list", help="列出已生成的文书（含作废）")
    lst.add_argument("--year", type=parse_int_arg, metavar="Y", help="只列出该年的文书")
    lst.add_argument("--number", metavar="NUMBER", help="只列出该申请的文书")
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.set_defaults(handler=_list)

    kinds = actions.add_parser("kinds", help="一件申请现在可以生成哪些文书")
    kinds.add_argument("number", metavar="NUMBER", help="申请编号")
    kinds.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    kinds.set_defaults(handler=_kinds)

    void = actions.add_parser("void", help="作废一份文书（保留其字号，不再使用）")
    void.add_argument("id", type=parse_int_arg, metavar="ID", help="文书登记号（letters list 第一列）")
    void.add_argument("--reason", required=True, metavar="TEXT", help="作废理由")
    void.set_defaults(handler=_void)

    template = actions.add_parser("template", help="文书模板：export 导出、load 导入本单位模板、restore 恢复内置")
    template.add_argument("operation", choices=("export", "load", "restore", "list"), help="操作")
    template.add_argument("kind", nargs="?", type=_kind, help="文书种类（list 时不用）")
    template.add_argument("file", nargs="?", type=Path, metavar="FILE.docx", help="export 的目标或 load 的来源")
    template.set_defaults(handler=_template)


def _generate(args: argparse.Namespace, db: Database) -> int:
    from models.services import letters

    inputs = LetterInputs(
        letter_date=args.date,
        published_where=args.published_where,
        provision=args.provision,
        provided_part=args.provided,
        refused_part=args.refused,
        refused_ground=args.refused_ground,
        reasons=args.reasons,
        organ=args.organ,
        organ_contact=args.organ_contact,
        attachments=tuple(args.attachment),
        consultation=args.consultation,
        pay_how=args.pay_how,
        place=args.place,
        server=args.server,
        basis=args.basis,
        late=args.late,
    )
    if args.refused_ground:
        withheld_ground(args.refused_ground)  # a 不予公开 or 无法提供 row only
    try:
        result = letters.generate(db, args.number, args.kind, inputs, today=args.today, out=args.out, pdf=args.pdf)
    except LateLetterError as error:
        raise UserError(f"{error.message}如确属逾期出具，请加 --late 确认。") from None
    number = f"（{result.number}）" if result.number else ""
    print(f"已生成{result.label}{number}：{result.path}")
    if result.pdf_path:
        print(f"PDF：{result.pdf_path}")
    for warning in result.warnings:
        print(f"注意：{warning}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    from models.services import letters

    records = letters.list_letters(db, number=args.number, year=args.year)
    if args.json:
        items = [
            {
                "id": r.id,
                "application": r.application,
                "kind": r.kind,
                "label": r.label,
                "year": r.year,
                "seq": r.seq,
                "number": r.number,
                "title": r.title,
                "path": str(r.path) if r.path else "",
                "created_at": r.created_at.isoformat(sep=" ") if r.created_at else None,
                "status": r.status,
                "void_reason": r.void_reason,
            }
            for r in records
        ]
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    if not records:
        print("（没有文书）")
        return 0
    print("登记号\t申请编号\t文书\t字号\t状态\t文件")
    for r in records:
        status = f"{r.status}（{r.void_reason}）" if r.voided else r.status
        print(f"{r.id}\t{r.application or '—'}\t{r.label}\t{r.number or '—'}\t{status}\t{r.path or ''}")
    print(f"共 {len(records)} 份。")
    return 0


def _kinds(args: argparse.Namespace, db: Database) -> int:
    from models.services import letters

    for state in letters.kinds_for(db, args.number, today=args.today):
        mark = "可以生成" if state.allowed else f"不能生成：{state.reason}"
        print(f"{state.kind.value}\t{state.label}\t{mark}")
    return 0


def _void(args: argparse.Namespace, db: Database) -> int:
    from models.services import letters

    record = letters.void_letter(db, args.id, args.reason)
    print(f"已作废：{record.label}{('（' + record.number + '）') if record.number else ''}，字号保留不再使用。")
    return 0


def _template(args: argparse.Namespace, db: Database) -> int:
    from models.services import letters

    if args.operation == "list":
        for info in letters.template_status(db):
            print(f"{info.kind.value}\t{info.label}\t{'本单位模板' if info.custom else '内置模板'}\t{info.path}")
        return 0
    if args.kind is None:
        raise UserError("请指定文书种类，如 reply。")
    if args.operation == "restore":
        done = letters.restore_template(db, args.kind)
        print("已恢复内置模板。" if done else "本来就在使用内置模板。")
        return 0
    if args.file is None:
        raise UserError("请指定模板文件（.docx）。")
    if args.operation == "export":
        path = letters.export_template(db, args.kind, args.file)
        print(f"已导出内置模板：{path}")
    else:
        path = letters.load_template(db, args.kind, args.file)
        print(f"已导入本单位模板（{KINDS[args.kind].label}）：{path}")
    return 0
