"""`applications template|import|export|list|show`: the 台账 in Excel and the register on the command line.

Personal data leaves the database masked: the lists show 张* and 110101********1234; `export` masks 证件号码 and
联系电话 unless the clerk asks for `--full`. `--today` (for tests and looking back) computes the clocks for
another day.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cli.output import print_json, xlsx_path
from cli.parser import parse_date_arg, parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.domain.identity import mask_id, mask_name, mask_phone
from models.domain.workdays import WorkCalendar, uncertainty_warning
from models.services import applications
from models.services.applications import ApplicationDetail, ApplicationRow, ListFilter, TimelineEntry
from models.services.holidays import load_calendar

TODAY_HELP = "按指定日期计算（用于测试/回溯），格式YYYY-MM-DD，默认今天"
OPERATOR_HELP = "经办人姓名（默认用设置中的经办人；都没有时须填写）"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "applications",
        help="依申请公开登记：台账导入导出、列表、详情",
        description="依申请公开登记：Excel台账的模板、导入、导出，以及申请列表和详情",
    )
    actions = parser.add_subparsers(
        dest="action", required=True, metavar="{template,import,export,list,show,void,delete}"
    )

    template = actions.add_parser("template", help="生成空白台账模板（含填写说明）")
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    template.set_defaults(handler=_template)

    imp = actions.add_parser(
        "import",
        help="导入台账：有任何一行有问题则全部不导入；已存在的申请编号跳过",
        description="导入台账（Excel .xlsx）。全部检查通过才导入；有问题时列出每一处问题（第几行、哪一列），"
        "什么也不导入。申请编号已存在的行跳过，所以同一文件可以重复导入。",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="台账文件")
    imp.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    imp.set_defaults(handler=_import)

    exp = actions.add_parser(
        "export",
        help="导出台账（证件号码、联系电话默认遮盖）",
        description="把申请导出为Excel台账，格式与导入相同。证件号码和联系电话默认遮盖，需要完整号码时加 --full。",
    )
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="要生成的Excel文件")
    exp.add_argument("--year", type=parse_int_arg, metavar="Y", help="只导出收到日期在该年的申请")
    exp.add_argument("--full", action="store_true", help="导出完整的证件号码和联系电话（请妥善保管导出文件）")
    exp.add_argument("--mask-names", action="store_true", help="同时遮盖申请人姓名和通信地址（用于对外提供的名单）")
    exp.set_defaults(handler=_export)

    lst = actions.add_parser("list", help="列出申请", description="列出申请（按申请编号排列）")
    lst.add_argument("--open", action="store_true", help="只列出未办结的申请")
    lst.add_argument("--overdue", action="store_true", help="只列出已超过答复期限仍未办结的申请")
    lst.add_argument(
        "--due-within", type=parse_int_arg, metavar="N", help="只列出N个工作日内（含已逾期）到期的未办结申请"
    )
    lst.add_argument("--year", type=parse_int_arg, metavar="Y", help="只列出该年收到的申请")
    lst.add_argument("--json", action="store_true", help="以JSON数组输出")
    lst.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    lst.set_defaults(handler=_list)

    show = actions.add_parser("show", help="显示一件申请的详情和办理过程")
    show.add_argument("number", metavar="NUMBER", help="申请编号，如2025-0001")
    show.add_argument("--json", action="store_true", help="以JSON对象输出")
    show.add_argument("--today", type=parse_date_arg, metavar="YYYY-MM-DD", help=TODAY_HELP)
    show.set_defaults(handler=_show)

    void = actions.add_parser(
        "void",
        help="作废登记有误的申请（写明理由；保留编号和办理过程，不再计入任何列表、统计和报表）",
        description="作废一件登记有误的申请。申请编号保留不再使用，办理过程和作废理由留存备查；"
        "作废后不再计入列表、台账、月报、年报。该申请仍有有效文书时，请先作废文书。",
    )
    void.add_argument("number", metavar="NUMBER", help="申请编号，如2025-0001")
    void.add_argument("--reason", required=True, metavar="TEXT", help="作废理由（必填）")
    void.add_argument("--operator", metavar="NAME", help=OPERATOR_HELP)
    void.set_defaults(handler=_void)

    delete = actions.add_parser(
        "delete",
        help="删除刚登记、尚未办理任何事项的申请（已有办理记录的请用 void 作废）",
        description="删除一件登记后没有任何其他记录（办理事项、文书、附件）的申请；"
        "有记录的申请不能删除，请用 void 作废。",
    )
    delete.add_argument("number", metavar="NUMBER", help="申请编号，如2025-0001")
    delete.set_defaults(handler=_delete)


# -- helpers ------------------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _uncertainty(years: list[int] | tuple[int, ...], flagged: bool) -> str:
    if years:
        return uncertainty_warning(years)
    return "期限计算涉及尚未录入的节假日安排，可能不准确" if flagged else ""


def _row_years(row: ApplicationRow, calendar: WorkCalendar, today: date) -> list[int]:
    last = max(d for d in (row.received, row.reply_due, today if row.is_open else None) if d is not None)
    return [y for y in range(row.received.year, last.year + 1) if not calendar.covers(y)]


def row_json(row: ApplicationRow, calendar: WorkCalendar, today: date) -> dict[str, Any]:
    clock = applications.live_clock(row, calendar, today)
    uncertain = clock.uncertain
    return {
        "number": row.number,
        "received": _iso(row.received),
        "applicant_type": row.applicant_type,
        "applicant": mask_name(row.applicant_name),
        "status": row.status,
        "result": row.result,
        "detail": row.detail,
        "result_date": _iso(row.result_date),
        "reply_due": _iso(row.reply_due),
        "supplement_notice_due": _iso(row.supplement_notice_due),
        "deadline_state": clock.state or None,
        "working_days_left": clock.working_days_left,
        "paused": row.paused,
        "on_time": row.on_time,
        "calendar_uncertain": uncertain,
        "uncertainty": _uncertainty(_row_years(row, calendar, today), uncertain) if uncertain else "",
    }


_PRIVATE_CHANGES = {"证件号码": mask_id, "联系电话": mask_phone, "申请人": mask_name}
_HIDDEN_CHANGES = {"通信地址", "邮编", "电子邮箱"}


def _masked_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """An event's data for output: the old and new values of personal fields in 修改登记信息 are masked."""
    out = dict(data)
    changes = out.get("changes")
    if isinstance(changes, dict):
        masked = {}
        for label, change in changes.items():
            if label in _PRIVATE_CHANGES and isinstance(change, dict):
                mask = _PRIVATE_CHANGES[label]
                change = {k: mask(str(v or "")) for k, v in change.items()}
            elif label in _HIDDEN_CHANGES and isinstance(change, dict):
                change = {k: ("***" if v else "") for k, v in change.items()}
            masked[label] = change
        out["changes"] = masked
    return out


def _timeline_json(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "day": _iso(entry.day),
        "data": _masked_data(entry.data),
        "actor": entry.actor,
        "voided": entry.voided,
        "void_reason": entry.void_reason,
        "replaces_id": entry.replaces_id,
    }


def detail_json(detail: ApplicationDetail) -> dict[str, Any]:
    state, fields = detail.state, detail.fields
    return {
        "number": detail.number,
        "received": _iso(fields.received),
        "channel": fields.channel,
        "applicant_type": fields.applicant_type,
        "applicant": mask_name(fields.applicant_name),
        "id_number": mask_id(fields.id_number),
        "phone": mask_phone(fields.phone),
        "content": fields.content,
        "note": fields.note,
        "status": state.status.value,
        "result": state.result.result if state.result else "",
        "detail": state.result.detail if state.result else "",
        "result_code": state.result.code if state.result else "",
        "result_date": _iso(state.result_date),
        "reply_due": _iso(state.reply_due),
        "supplement_notice_due": _iso(state.supplement_notice_due),
        "supplement_notice_late": state.supplement_notice_late,
        "clock_start": _iso(state.clock_start),
        "excluded_days": state.excluded_days,
        "extension_days": state.extension_days,
        "payment_deadline": _iso(state.payment_deadline),
        "deadline_state": state.deadline_state.value if state.deadline_state else None,
        "working_days_left": state.working_days_left,
        "served": _iso(state.served),
        "on_time": state.on_time,
        "calendar_uncertain": state.calendar_uncertain,
        "uncertainty": _uncertainty(state.uncertain_years, state.calendar_uncertain),
        "next_actions": [kind.value for kind in detail.next_actions],
        "timeline": [_timeline_json(entry) for entry in detail.timeline],
        "void_reason": detail.void.reason if detail.void else None,  # set when the registration was voided
    }


# -- handlers -----------------------------------------------------------------------------------------------


def _template(args: argparse.Namespace, db: Database) -> int:
    from models.services import ledger  # openpyxl is loaded only for the commands that need it

    path = ledger.write_template(xlsx_path(args.out))
    print(f"已生成台账模板：{path}")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    from models.services import ledger

    try:
        report = ledger.validate_and_import(db, args.file, actor=ledger.IMPORT_ACTOR, today=args.today)
    except ledger.MissingColumnsError as error:  # name the command, not the window's button
        raise UserError(error.cli_message()) from None
    for item in report.imported:
        print(f"第{item.row}行 → {item.number}（{item.status}）")
    for line in report.skipped:
        print(line)
    if report.ignored_columns:
        print(f"注意：以下列不是台账的列，已忽略：{'、'.join(report.ignored_columns)}")
    print(f"已导入 {len(report.imported)} 件申请，跳过 {len(report.skipped)} 行。")
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    from models.services import ledger

    path = xlsx_path(args.out)
    count = ledger.export_ledger(db, path, year=args.year, full=args.full, mask_names=args.mask_names)
    print(f"已导出 {count} 件申请到：{path}")
    if args.full:
        print("注意：导出文件含完整的证件号码和联系电话，请妥善保管，不要对外提供。")
    else:
        print("证件号码、联系电话已遮盖；需要完整号码时请加 --full。")
    return 0


def _left_text(left: int | None) -> str:
    """剩余工作日 in the text output: the number, or 逾期N个工作日 once the due date has passed."""
    if left is None:
        return "—"
    return str(left) if left >= 0 else applications.days_left_text(left)


def _list(args: argparse.Namespace, db: Database) -> int:
    if args.due_within is not None and not 0 <= args.due_within <= 1000:
        raise UserError(f"N 应在 0 到 1000 之间（收到 {args.due_within}）。")
    today = args.today or date.today()
    calendar = load_calendar(db)
    flt = ListFilter(
        year=args.year,
        status="未办结" if args.open else "",
        overdue=args.overdue,
        due_within=args.due_within,
    )
    rows = applications.list_applications(db, flt, today=today, sort="number", descending=False, calendar=calendar)
    items = [row_json(row, calendar, today) for row in rows]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print("（没有符合条件的申请）")
        return 0
    print("申请编号\t收到日期\t申请人\t状态\t答复期限\t剩余工作日\t办理结果")
    for item in items:
        left = item["working_days_left"]
        due = (item["reply_due"] or "—") + ("（不确定）" if item["calendar_uncertain"] and item["reply_due"] else "")
        result = "·".join(x for x in (item["result"], item["detail"]) if x) or "—"
        state = item["status"] + (f"·{item['deadline_state']}" if item["deadline_state"] else "")
        print(
            f"{item['number']}\t{item['received']}\t{item['applicant']}\t{state}\t{due}\t{_left_text(left)}\t{result}"
        )
    print(f"共 {len(items)} 件。")
    return 0


_DATA_LABELS = {
    "deadline": "补正期限",
    "party_kind": "对象类型",
    "party": "征求对象",
    "expected": "预计答复",
    "days": "工作日数",
    "approver": "审批人",
    "approved": "审批日期",
    "until": "延迟至",
    "reason": "理由",
    "amount": "金额（元）",
    "received": "收到通知",
    "method": "方式",
    "result": "结果",
    "detail": "具体情形",
    "basis": "依据",
    "doc_number": "文号",
    "served": "送达日期",
    "organ": "复议机关",
    "court": "法院",
    "kind": "类型",
}


def _describe(entry: TimelineEntry) -> str:
    data = _masked_data(entry.data)
    parts = [f"{_DATA_LABELS[k]}：{v}" for k, v in data.items() if k in _DATA_LABELS and v not in (None, "")]
    if isinstance(data.get("changes"), dict):
        parts.append("修改了：" + "、".join(data["changes"]))
    text = f"{entry.day.isoformat()}  {entry.kind.value}"
    if parts:
        text += "  " + "；".join(parts)
    if entry.voided:
        text += f"  （已作废：{entry.void_reason}）"
    return text


def _show(args: argparse.Namespace, db: Database) -> int:
    today = args.today or date.today()
    detail = applications.get_detail(db, args.number, today=today)
    item = detail_json(detail)
    if args.json:
        print_json(item)
        return 0
    lines = [
        ("申请编号", item["number"]),
        ("收到日期", item["received"]),
        ("申请方式", item["channel"]),
        ("申请人", f"{item['applicant']}（{item['applicant_type']}）"),
        ("证件号码", item["id_number"]),
        ("联系电话", item["phone"]),
        ("申请内容", item["content"]),
        ("状态", item["status"] + (f"（{item['deadline_state']}）" if item["deadline_state"] else "")),
        ("补正告知期限", item["supplement_notice_due"]),
        ("答复期限", item["reply_due"]),
        ("剩余工作日", None if item["working_days_left"] is None else _left_text(item["working_days_left"])),
        ("办理结果", "·".join(x for x in (item["result"], item["detail"]) if x)),
        ("办结日期", item["result_date"]),
        ("送达日期", item["served"]),
        ("是否按时", {True: "按时", False: "逾期", None: ""}[item["on_time"]]),
        ("备注", item["note"]),
        ("已作废", item["void_reason"]),
    ]
    for label, value in lines:
        if value not in (None, ""):
            print(f"{label}：{value}")
    if item["uncertainty"]:
        print(f"注意：{item['uncertainty']}")
    print("办理过程：")
    for entry in detail.timeline:
        print("  " + _describe(entry))
    return 0


def _operator(args: argparse.Namespace, db: Database) -> str:
    """The person who does it: --operator, else the operator set in 设置; never the computer's login."""
    from models.services.settings import current_actor

    name = current_actor(db, args.operator or "")
    if not name:
        raise UserError("请用 --operator 写明经办人姓名（或先在“设置”页填写经办人）。")
    return name


def _void(args: argparse.Namespace, db: Database) -> int:
    actor = _operator(args, db)
    applications.void_application(db, args.number, args.reason, actor=actor)
    print(f"已作废申请{args.number.strip()}（理由：{args.reason.strip()}；经办人：{actor}）。编号保留，不再计入统计。")
    return 0


def _delete(args: argparse.Namespace, db: Database) -> int:
    applications.delete_application(db, args.number)
    print(f"已删除申请{args.number.strip()}。")
    return 0
