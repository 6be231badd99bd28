"""`report annual|monthly|merge|figures|lock|unlock|ledger|review`: the returns from the registers on the command line.

    report annual --year 2025 --out 年报2025.xlsx [--docx 年报2025.docx] [--pdf 年报2025.pdf]
        [--summary-file 一.txt] [--problems-file 五.txt] [--other-file 六.txt]  (Word text, kept)
    report monthly --month 2025-03 --out 月报2025-03.xlsx [--pdf 月报.pdf]
    report merge 甲镇.xlsx 乙镇.xlsx --out 全县.xlsx [--unit 青山县]
    report figures --year 2025 [--set 行政许可 12]
    report lock --month 2025-03 | --year 2025
    report unlock --month 2025-03 --reason 县里退回更正
    report ledger --out 台账.pdf [--year 2025]
    report review --year 2025 --out 审查清单2025.xlsx

Errors go to stderr in Chinese with exit code 2 and nothing is written. A return whose checks fail (勾稽关系) is
still written, with the applications that break them listed in its 说明 sheet and printed here; the exit code is
then 1, so that a county script notices. A Word version with parts still to be written (【待填写：…】) is written
too, with a warning on stderr (the exit code does not change).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.parser import parse_int_arg
from models.db import Database
from models.domain.errors import UserError
from models.domain.statistics import FIGURE_KEYS, Period, figure_value
from models.services import locks
from models.textfiles import read_text_file

if TYPE_CHECKING:
    from models.services.reports import ReturnExport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="报表：年度报告、月报、汇总、表二数据、锁定",
        description="直接从登记簿生成政府信息公开年度报告表格（2021年格式）和月报，汇总各单位报表，锁定已报送的报表",
    )
    actions = parser.add_subparsers(
        dest="action", required=True, metavar="{annual,monthly,merge,figures,lock,unlock,ledger,review}"
    )

    annual = actions.add_parser(
        "annual",
        help="生成年度报告表格（Excel；可同时生成Word版和PDF）",
        description="生成年度报告的表二、表三、表四（Excel，含明细和说明）。勾稽关系不平衡时仍生成文件，"
        "在说明中列出造成不平衡的申请，退出码为1。",
    )
    annual.add_argument("--year", type=parse_int_arg, required=True, metavar="Y", help="报告年度")
    annual.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="要生成的Excel文件")
    annual.add_argument("--docx", type=Path, metavar="FILE.docx", help="同时生成年度报告Word版（含各部分标题）")
    annual.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="同时生成表格的PDF打印版")
    for option, heading in (
        ("--summary-file", "一、总体情况（默认：按本年数据起草的文字）"),
        ("--problems-file", "五、存在的主要问题及改进情况"),
        ("--other-file", "六、其他需要报告的事项（信息处理费一句由程序生成）"),
    ):
        annual.add_argument(
            option,
            type=Path,
            metavar="FILE.txt",
            help=f"Word版{heading}的正文（UTF-8或GB18030文本，每行一段）；保存为该年度的正文，下次不必再给",
        )
    annual.set_defaults(handler=_annual)

    monthly = actions.add_parser(
        "monthly",
        help="生成月报（Excel；可同时生成PDF）",
        description="生成月报：本月的申请情况表（表三）、公开与解读情况、明细（证件号码已遮盖）和说明。",
    )
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help="报告月份，如2025-03")
    monthly.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="要生成的Excel文件")
    monthly.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="同时生成表格的PDF打印版")
    monthly.set_defaults(handler=_monthly)

    merge = actions.add_parser(
        "merge",
        help="汇总各单位的报表（县级用）",
        description="汇总各单位用本程序生成的同一报告期的年度报告或月报：逐格相加，检查每个文件的结构，列出包含的单位。",
    )
    merge.add_argument("files", type=Path, nargs="+", metavar="FILE.xlsx", help="各单位的报表文件")
    merge.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="汇总结果文件")
    merge.add_argument("--unit", default="", metavar="NAME", help="汇总表的单位名称（默认“汇总（N个单位）”）")
    merge.set_defaults(handler=_merge)

    figures = actions.add_parser(
        "figures",
        help="查看或填写表二的行政许可、行政处罚、行政强制、行政事业性收费",
        description=f"表二中由经办人填写的数据（按年度保存）：{'、'.join(FIGURE_KEYS)}（行政事业性收费单位为万元）。",
    )
    figures.add_argument("--year", type=parse_int_arg, required=True, metavar="Y", help="年度")
    figures.add_argument(
        "--set", nargs=2, action="append", metavar=("KEY", "VALUE"), help="填写一项（可重复），如 --set 行政许可 12"
    )
    figures.set_defaults(handler=_figures)

    for name, help_text in (("lock", "锁定已报送的报表期间"), ("unlock", "解锁报表期间（须说明理由，并记录）")):
        sub = actions.add_parser(
            name,
            help=help_text,
            description=help_text
            + "。锁定后，会改变该期间报表的登记、办理事项、更正和作废都将被拒绝。--month 和 --year 二选一。",
        )
        which = sub.add_mutually_exclusive_group(required=True)
        which.add_argument("--month", metavar="YYYY-MM", help="月报的月份")
        which.add_argument("--year", type=parse_int_arg, metavar="Y", help="年度报告的年度")
        if name == "unlock":
            sub.add_argument("--reason", required=True, metavar="TEXT", help="解锁理由（记录在锁定日志中）")
        sub.set_defaults(handler=_lock if name == "lock" else _unlock)

    ledger = actions.add_parser("ledger", help="打印依申请公开台账（PDF）", description="把台账打印为PDF（A4横向）")
    ledger.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="要生成的PDF文件")
    ledger.add_argument("--year", type=parse_int_arg, metavar="Y", help="只打印该年收到的申请")
    ledger.set_defaults(handler=_ledger)

    review = actions.add_parser(
        "review",
        help="导出年度审查清单（Excel）",
        description="导出年度审查清单：未主动公开的公文（不公开理由、依据、本年度审查决定维持或转为主动公开、决定人和"
        "日期），以及缩短期限的征求意见（及缩短理由）。",
    )
    review.add_argument("--year", type=parse_int_arg, required=True, metavar="Y", help="审查年度")
    review.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="要生成的Excel文件")
    review.set_defaults(handler=_review)


def _suffix(path: Path | None, suffix: str) -> None:
    if path is not None and path.suffix.lower() != suffix:
        raise UserError(f"输出文件名应以{suffix}结尾：{path}")


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise UserError(f"年份“{year}”无效。")
    return year


def _print_checks(result: ReturnExport) -> int:
    for warning in result.warnings:
        print(warning)
    table3 = result.report.table3
    if table3.ok:
        print("勾稽关系检查：通过（第一项加第二项之和，等于第三项加第四项之和）。")
        return 0
    print("勾稽关系检查：未通过。文件已生成，请核对以下申请的登记（程序不会自动调整）：")
    for line in table3.summary():
        print(f"  {line}")
    return 1


def _annual(args: argparse.Namespace, db: Database) -> int:
    from models.services import annual_text, reports

    _suffix(args.out, ".xlsx")
    _suffix(args.docx, ".docx")
    _suffix(args.pdf, ".pdf")
    year = _year(args.year)
    files = {"summary": args.summary_file, "problems": args.problems_file, "other": args.other_file}
    given = {section: read_text_file(path) for section, path in files.items() if path is not None}
    if given and args.docx is None:
        raise UserError("--summary-file、--problems-file、--other-file 用于年度报告Word版，请同时给出 --docx。")
    text = None
    if given:
        ret = reports.annual_report(db, year)
        text = annual_text.preview_text(db, ret, **given)
    result = reports.export_return(db, str(year), args.out, docx=args.docx, pdf=args.pdf, text=text)
    if given:
        annual_text.save_text(db, result.report, **given)  # only once the files are written
    for path in result.files:
        print(f"已生成：{path}")
    ret = result.report
    print(f"{ret.unit_name}{args.year}年：明细 {result.details} 件；报送截止日期 {ret.deadline}。")
    for warning in result.text_warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return _print_checks(result)


def _monthly(args: argparse.Namespace, db: Database) -> int:
    from models.services import reports

    _suffix(args.out, ".xlsx")
    _suffix(args.pdf, ".pdf")
    period = Period.parse(args.month)
    if period.kind != "month":
        raise UserError(f"--month 应为年-月，如2025-03（收到“{args.month}”）。")
    result = reports.export_return(db, period, args.out, pdf=args.pdf)
    for path in result.files:
        print(f"已生成：{path}")
    print(f"{result.report.unit_name}{period.label}：明细 {result.details} 件。")
    return _print_checks(result)


def _merge(args: argparse.Namespace, db: Database) -> int:
    from models.services.merge import merge_returns

    result = merge_returns(args.files, args.out, unit_name=args.unit)
    print(f"已汇总 {len(result.units)} 个单位（{result.report.period.kind_label}{result.report.period.label}）：")
    for name, period in result.units:
        print(f"  {name}（{period}）")
    print(f"已生成：{result.path}")
    for warning in result.warnings:
        print(f"注意：{warning}")
    if not result.report.table3.ok:
        for line in result.report.table3.summary():
            print(f"注意：{line}")
        return 1
    return 0


def _figures(args: argparse.Namespace, db: Database) -> int:
    from models.services import reports

    year = _year(args.year)
    for key, value in args.set or []:
        stored = reports.set_figure(db, year, key, value)
        print(f"已保存 {year}年 {key}：{figure_value(key.replace('（万元）', ''), stored)}")
    for key, value in reports.get_figures(db, year).items():
        unit = "万元" if key == "行政事业性收费" else "件"
        print(f"{key}：{figure_value(key, value)}{unit}")
    return 0


def _period_arg(args: argparse.Namespace) -> Period:
    if args.month is not None:
        period = Period.parse(args.month)
        if period.kind != "month":
            raise UserError(f"--month 应为年-月，如2025-03（收到“{args.month}”）。")
        return period
    return Period.year(_year(args.year))


def _lock(args: argparse.Namespace, db: Database) -> int:
    period = _period_arg(args)
    info = locks.lock(db, period)
    print(f"已锁定 {period.label}的{period.kind_label}（{info.locked_by or '未知'}，{info.locked_at}）。")
    return 0


def _unlock(args: argparse.Namespace, db: Database) -> int:
    period = _period_arg(args)
    entry = locks.unlock(db, period, args.reason)
    print(f"已解锁 {period.label}的{period.kind_label}（{entry.actor or '未知'}，{entry.at}，理由：{entry.reason}）。")
    return 0


def _ledger(args: argparse.Namespace, db: Database) -> int:
    from models.services import reports

    _suffix(args.out, ".pdf")
    result = reports.export_ledger_pdf(db, args.out, year=args.year)
    print(f"已生成：{result.files[0]}（{result.details} 件）")
    for warning in result.warnings:
        print(warning)
    return 0


def _review(args: argparse.Namespace, db: Database) -> int:
    from models.services import reports

    _suffix(args.out, ".xlsx")
    result = reports.export_yearly_review(db, _year(args.year), args.out)
    print(f"已生成：{result.files[0]}（{result.details} 条）")
    for warning in result.warnings:
        print(f"注意：{warning}")
    return 0
