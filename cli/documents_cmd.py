"""`documents list|show|add|review|publish|void|catalogue` (and the 发文登记簿 `template|import|export`).

`--today` (for tests and looking back) computes the publication clocks for another day. Errors are Chinese on
stderr with exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from cli.output import print_json, xlsx_path
from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.documents import Category, DocState, ReviewStage
from models.domain.errors import UserError
from models.domain.workdays import WorkCalendar
from models.services import document_catalogue as catalogue
from models.services import documents
from models.services.documents import DocumentDetail, DocumentFilter, DocumentInput, DocumentRow
from models.services.holidays import load_calendar

TODAY_HELP = "按指定日期计算（用于测试/回溯），格式YYYY-MM-DD，默认今天"
NUMBER_HELP = "文号，如 白鹤府发〔2025〕12号（方括号、圆括号也可）"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "documents",
        help="公文登记：发文登记簿导入导出、列表、详情、三审三校、发布",
        description="公文登记（发文登记簿）：公开属性、三审三校、20个工作日内主动公开、有效期、公开目录",
    )
    actions = parser.add_subparsers(
        dest="action",
        required=True,
        metavar="{template,import,export,list,show,add,review,publish,state,void,catalogue,normative}",
    )

    template = actions.add_parser("template", help="生成空白发文登记簿模板（含填写说明）")
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    template.set_defaults(handler=_template)
    imp = actions.add_parser(
        "import",
        help="导入发文登记簿：有任何一行有问题则全部不导入；已登记的文号跳过",
        description="导入发文登记簿（.xlsx）。全部检查通过才导入；有问题时列出每一处问题（第几行、哪一列），"
        "什么也不导入。文号已登记的行跳过，所以同一文件可以重复导入。",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="发文登记簿文件")
    imp.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    imp.set_defaults(handler=_import)
    exp = actions.add_parser("export", help="导出发文登记簿（格式与导入相同）")
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    exp.add_argument("--year", type=parse_int_arg, metavar="Y", help="只导出成文日期在该年的公文")
    exp.set_defaults(handler=_export)

    lst = actions.add_parser("list", help="列出公文", description="列出公文（按成文日期排列）")
    lst.add_argument("--text", default="", metavar="TEXT", help="文号、标题或发文机关中含有的文字")
    lst.add_argument("--category", choices=[c.value for c in Category], help="类别")
    lst.add_argument("--attribute", choices=["主动公开", "依申请公开", "不予公开"], help="公开属性")
    lst.add_argument("--state", choices=[s.value for s in DocState], help="状态")
    lst.add_argument("--publish", choices=list(documents.PUBLISH_FILTERS), help="发布情况")
    lst.add_argument("--expiring", action="store_true", help="只列出30日内到有效期（或已过有效期）的现行有效公文")
    lst.add_argument("--year", type=parse_int_arg, metavar="Y", help="只列出成文日期在该年的公文")
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    lst.set_defaults(handler=_list)

    show = actions.add_parser("show", help="显示一件公文的详情（审核、解读、征求意见、申请）")
    show.add_argument("number", metavar="文号", help=NUMBER_HELP)
    show.add_argument("--json", action="store_true", help="以JSON对象输出")
    show.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    show.set_defaults(handler=_show)

    add = actions.add_parser(
        "add", help="登记一件公文", description="登记一件公文；公开属性不是主动公开时须写明理由和依据"
    )
    add.add_argument("--number", default="", metavar="文号", help=NUMBER_HELP + "；没有文号时不填")
    add.add_argument("--title", required=True, metavar="TEXT", help="标题")
    add.add_argument("--issuer", default="", metavar="TEXT", help="发文机关")
    add.add_argument("--written", required=True, type=parse_date_arg, metavar="YYYY-MM-DD", help="成文日期")
    add.add_argument("--type", dest="doc_type", default="", metavar="TEXT", help="文种，如 通知")
    add.add_argument("--category", default="其他", choices=[c.value for c in Category], help="类别")
    add.add_argument("--attribute", default="主动公开", metavar="公开属性", help="主动公开、依申请公开或不予公开")
    add.add_argument("--note-mark", default="此件公开发布", metavar="附注", help="如 此件公开发布、此件依申请公开")
    add.add_argument("--reason", default="", metavar="TEXT", help="不公开理由")
    add.add_argument("--basis", default="", metavar="CODE", help="依据：不予公开的情形，如 3.4")
    add.add_argument("--catalogue", default="", metavar="PATH", help="公开目录，如 政府信息公开目录>惠民惠农资金")
    add.add_argument("--interpreter", default="", metavar="TEXT", help="解读主体")
    add.add_argument("--valid-until", type=parse_date_arg, metavar="YYYY-MM-DD", help="有效期至")
    add.add_argument("--department", default="", metavar="TEXT", help="承办科室")
    add.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    add.set_defaults(handler=_add)

    review = actions.add_parser("review", help="登记三审三校的一步（初审 → 复审 → 终审，三个不同的人）")
    review.add_argument("number", metavar="文号", help=NUMBER_HELP)
    review.add_argument("--stage", required=True, choices=[s.value for s in ReviewStage], help="审核环节")
    review.add_argument("--reviewer", required=True, metavar="NAME", help="审核人姓名")
    review.add_argument("--date", required=True, type=parse_date_arg, metavar="YYYY-MM-DD", help="审核日期")
    review.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    review.set_defaults(handler=_review)

    pub = actions.add_parser("publish", help="登记发布（须已完成终审）")
    pub.add_argument("number", metavar="文号", help=NUMBER_HELP)
    pub.add_argument("--date", required=True, type=parse_date_arg, metavar="YYYY-MM-DD", help="发布日期")
    pub.add_argument("--column", default="", metavar="TEXT", help="发布栏目")
    pub.add_argument("--url", default="", metavar="URL", help="网址")
    pub.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    pub.set_defaults(handler=_publish)

    state = actions.add_parser("state", help="变更状态（已修改、已废止、已失效须写明日期）")
    state.add_argument("number", metavar="文号", help=NUMBER_HELP)
    state.add_argument("--state", required=True, choices=[s.value for s in DocState], help="新状态")
    state.add_argument("--date", type=parse_date_arg, metavar="YYYY-MM-DD", help="状态变更日期（废止日期等）")
    state.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    state.set_defaults(handler=_state)

    void = actions.add_parser("void", help="作废登记有误的公文（写明理由；不再计入列表和统计）")
    void.add_argument("number", metavar="文号", help=NUMBER_HELP)
    void.add_argument("--reason", required=True, metavar="TEXT", help="作废理由（必填）")
    void.set_defaults(handler=_void)

    cat = actions.add_parser("catalogue", help="公开目录：列出或添加目录")
    cat.add_argument(
        "what",
        choices=["list", "add", "export"],
        help="list 列出目录；add 添加目录（逐级创建）；export 导出主动公开目录",
    )
    cat.add_argument(
        "path",
        nargs="?",
        default="",
        metavar="PATH",
        help="add：目录路径，如 政府信息公开目录>惠民惠农资金；export：输出的.xlsx文件",
    )
    cat.set_defaults(handler=_catalogue)

    normative = actions.add_parser("normative", help="导出行政规范性文件目录（按状态分列；.xlsx或.pdf）")
    normative.add_argument("out", type=Path, metavar="OUT.xlsx|OUT.pdf", help="要生成的文件")
    normative.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    normative.set_defaults(handler=_normative)


# -- helpers ------------------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def row_json(row: DocumentRow, calendar: WorkCalendar, today: date) -> dict[str, Any]:
    live = documents.live_state(row, calendar, today)
    return {
        "number": row.number or "",
        "title": row.title,
        "issuer": row.issuer,
        "written": _iso(row.written),
        "category": row.category,
        "attribute": row.attribute,
        "note_mark": row.note_mark,
        "state": row.state,
        "valid_until": _iso(row.valid_until),
        "publish_due": _iso(row.publish_due),
        "published": _iso(row.published),
        "publish_state": live.label,
        "working_days_left": live.working_days_left,
        "overdue": live.overdue,
        "department": row.department,
        "calendar_uncertain": row.calendar_uncertain,
    }


def detail_json(detail: DocumentDetail) -> dict[str, Any]:
    f = detail.fields
    return {
        "number": f.number,
        "title": f.title,
        "issuer": f.issuer,
        "written": _iso(f.written),
        "doc_type": f.doc_type,
        "category": f.category,
        "attribute": f.attribute,
        "note_mark": f.note_mark,
        "withhold_reason": f.withhold_reason,
        "basis": f.basis_code,
        "catalogue": detail.catalogue_path,
        "interpreter": f.interpreter,
        "valid_until": _iso(f.valid_until),
        "validity": detail.validity.value,
        "state": f.state,
        "state_changed": _iso(f.state_changed),
        "published": _iso(f.published),
        "publish_column": f.publish_column,
        "publish_url": f.publish_url,
        "department": f.department,
        "publish_due": _iso(detail.clock.due),
        "publish_state": detail.clock.label(),
        "overdue": detail.clock.state.value == "已逾期",
        "reviews": [{"stage": r.stage, "reviewer": r.reviewer, "date": _iso(r.day)} for r in detail.reviews],
        "decisions": [
            {"year": d.year, "decision": d.decision, "by": d.decided_by, "date": _iso(d.decided_on), "reason": d.reason}
            for d in detail.decisions
        ],
        "interpretations": [
            {"title": i.title, "forms": list(i.forms), "published": _iso(i.published)} for i in detail.interpretations
        ],
        "solicitations": [{"title": s.title, "start": _iso(s.start), "end": _iso(s.end)} for s in detail.solicitations],
        "applications": [
            {"number": a.number, "received": _iso(a.received), "status": a.status} for a in detail.applications
        ],
        "voided": detail.voided_at is not None,
    }


# -- handlers -----------------------------------------------------------------------------------------------


def _template(args: argparse.Namespace, db: Database) -> int:
    from models.services import document_register  # openpyxl is loaded only for the commands that need it

    print(f"已生成发文登记簿模板：{document_register.write_template(xlsx_path(args.out))}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    from models.services import document_register

    report = document_register.validate_and_import(db, args.file, today=args.today)
    for row, name in report.imported:
        print(f"第{row}行 → {name}")
    for line in report.skipped:
        print(line)
    if report.ignored_columns:
        print(f"注意：以下列不是发文登记簿的列，已忽略：{'、'.join(report.ignored_columns)}")
    print(f"已导入 {len(report.imported)} 件公文，跳过 {len(report.skipped)} 行。")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    from models.services import document_register

    path = xlsx_path(args.out)
    count = document_register.export_register(db, path, year=args.year)
    print(f"已导出 {count} 件公文到：{path}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    calendar = load_calendar(db)
    flt = DocumentFilter(
        text=args.text,
        category=args.category or "",
        attribute=args.attribute or "",
        state=args.state or "",
        publish=args.publish or "",
        year=args.year,
        expiring=args.expiring,
    )
    rows = documents.list_page(db, flt, today=today, sort="written", descending=False, calendar=calendar).rows
    items = [row_json(row, calendar, today) for row in rows]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print("（没有符合条件的公文）")
        return 0
    print("文号\t标题\t成文日期\t公开属性\t发布期限\t发布情况\t状态")
    for item in items:
        print(
            f"{item['number'] or '（无文号）'}\t{item['title']}\t{item['written']}\t{item['attribute']}\t"
            f"{item['publish_due'] or '—'}\t{item['publish_state'] or '—'}\t{item['state']}"
        )
    print(f"共 {len(items)} 件。")
    return 0


def _show(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    detail = documents.get_detail(db, documents.find_id(db, args.number), today=today)
    item = detail_json(detail)
    if args.json:
        print_json(item)
        return 0
    lines = [
        ("文号", item["number"]),
        ("标题", item["title"]),
        ("发文机关", item["issuer"]),
        ("成文日期", item["written"]),
        ("类别", item["category"]),
        ("公开属性", f"{item['attribute']}（{item['note_mark']}）"),
        ("不公开理由", item["withhold_reason"]),
        ("依据", item["basis"]),
        ("公开目录", item["catalogue"]),
        ("状态", item["state"]),
        ("有效期至", item["valid_until"]),
        ("发布期限", item["publish_due"]),
        ("发布情况", item["publish_state"]),
        ("发布日期", item["published"]),
        ("网址", item["publish_url"]),
    ]
    for label, value in lines:
        if value not in (None, ""):
            print(f"{label}：{value}")
    for review in item["reviews"]:
        print(f"{review['stage']}：{review['reviewer']}（{review['date']}）")
    for interpretation in item["interpretations"]:
        print(f"解读：{interpretation['title']}（{'、'.join(interpretation['forms'])}）")
    for solicitation in item["solicitations"]:
        print(f"征求意见：{solicitation['title']}（{solicitation['start']}至{solicitation['end']}）")
    for app in item["applications"]:
        print(f"相关申请：{app['number']}（{app['received']}，{app['status']}）")
    return 0


def _add(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    node_id = _node_for(db, args.catalogue)
    data = DocumentInput(
        number=args.number,
        title=args.title,
        issuer=args.issuer,
        written=args.written,
        doc_type=args.doc_type,
        category=args.category,
        attribute=args.attribute,
        note_mark=args.note_mark,
        withhold_reason=args.reason,
        basis_code=args.basis,
        catalogue_node_id=node_id,
        interpreter=args.interpreter,
        valid_until=args.valid_until,
        department=args.department,
    )
    detail = documents.add_document(db, data, today=today)
    due = f"，应于{detail.clock.due.isoformat()}前主动公开" if detail.clock.due else ""
    print(f"已登记公文{detail.number or '（无文号）'}《{detail.fields.title}》{due}。")
    return 0


def _node_for(db: Database, path: str) -> int | None:
    if not path.strip():
        return None
    with db.reading() as session:
        return catalogue.node_id_for_path(session, path)


def _review(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    document_id = documents.find_id(db, args.number)
    detail = documents.record_review(db, document_id, ReviewStage(args.stage), args.reviewer, args.date, today=today)
    print(f"已登记{args.stage}：{args.reviewer.strip()}（{args.date.isoformat()}），{detail.number}。")
    return 0


def _publish(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    document_id = documents.find_id(db, args.number)
    detail = documents.publish(db, document_id, args.date, column=args.column, url=args.url, today=today)
    print(f"已登记发布：{detail.number}，{args.date.isoformat()}，{detail.clock.label()}。")
    return 0


def _state(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    detail = documents.change_state(db, documents.find_id(db, args.number), args.state, args.date, today=today)
    when = f"（{args.date.isoformat()}）" if args.date and args.state != DocState.IN_FORCE.value else ""
    print(f"{detail.number}的状态已改为{detail.fields.state}{when}。")
    return 0


def _void(args: argparse.Namespace, db: Database) -> int:
    documents.void_document(db, documents.find_id(db, args.number), args.reason)
    print(f"已作废公文{args.number.strip()}（理由：{args.reason.strip()}）。")
    return 0


def _normative(args: argparse.Namespace, db: Database) -> int:
    from models.services import document_exports

    result = document_exports.export_normative(db, args.out, today=args.today)
    print(f"已导出行政规范性文件目录：{args.out}")
    warning = getattr(result, "warning", lambda: "")()
    if warning:
        print(warning)
    return 0


def _catalogue(args: argparse.Namespace, db: Database) -> int:
    if args.what == "export":
        from models.services import document_exports

        document_exports.export_public_catalogue(db, xlsx_path(Path(args.path or "主动公开目录.xlsx")))
        print(f"已导出主动公开目录：{args.path or '主动公开目录.xlsx'}")
        return 0
    if args.what == "add":
        if not args.path.strip():
            raise UserError("请写明要添加的目录路径，如 政府信息公开目录>惠民惠农资金。")
        with db.transaction() as session:
            catalogue.node_id_for_path(session, args.path, create=True)
        print(f"已添加公开目录：{catalogue.SEPARATOR.join(catalogue.split_path(args.path))}")
        return 0
    entries = catalogue.list_catalogue(db)
    if not entries:
        print("（公开目录为空）")
    for entry in entries:
        print(f"{'  ' * entry.depth}{entry.name}（{entry.documents}件）")
    return 0
