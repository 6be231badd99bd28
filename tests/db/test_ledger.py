"""The 台账 in Excel (models.services.ledger): template, all-or-nothing import, export, round trip.

Expected due dates were counted on the official 2025 calendar (chinesecalendar): 2025-04-04 (Fri) 清明 休,
2025-05-01…05-05 休, 2025-05-31…06-02 休; other Saturdays and Sundays are rest days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from exporters.xlsx_safe import atomic_save, safe_cell
from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import applications, ledger
from models.services.applications import ApplicationInput
from models.services.ledger import LEDGER_COLUMNS, LedgerProblems
from tests.expected_labels import LEDGER_HEADERS

TODAY = date(2025, 12, 31)
ID_1 = "110101199003074258"  # a valid 居民身份证 number (check character 8)


def write_ledger(path: Path, rows: Sequence[Mapping[str, Any]], headers: Sequence[str] = LEDGER_COLUMNS) -> Path:
    """A ledger file as a clerk would fill it: one dict per row (header → value; dates as text or date)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "台账"
    for col, header in enumerate(headers, start=1):
        ws.cell(row=1, column=col, value=header)
    for r, values in enumerate(rows, start=2):
        for col, header in enumerate(headers, start=1):
            if header in values:
                ws.cell(row=r, column=col, value=values[header])
    workbook.save(path)
    return path


def base(number: str, received: str, **more: Any) -> dict[str, Any]:
    row = {
        "申请编号": number,
        "收到日期": received,
        "申请方式": "当面",
        "申请人类型": "自然人",
        "申请人": f"申请人{number or received}",
        "申请内容": f"{received}的某某文件",
    }
    row.update(more)
    return row


FULL_ROWS: list[dict[str, Any]] = [
    # 补正 then a reply: the clock starts again on the 补正收到 date; due = 20th working day after 2025-03-10.
    base(
        "2025-0001",
        "2025-03-03",
        证件号码=ID_1,
        联系电话="13800138000",
        通信地址="X县X镇X路1号",
        补正告知日期="2025-03-05",
        补正期限="2025-03-20",
        补正收到日期="2025-03-10",
        答复日期="2025-04-01",
        办理结果="予以公开",
        答复文号="X镇公开〔2025〕1号",
        送达日期="2025-04-02",
    ),
    # Consultation: (04-03, 04-10] has 4 working days (04-04 清明); due = 24th working day after 04-01.
    base(
        "2025-0002",
        "2025-04-01",
        申请人类型="商业企业",
        申请人="某某建设有限公司",
        征求意见发出日期="2025-04-03",
        征求意见回复日期="2025-04-10",
        答复日期="2025-04-25",
        办理结果="部分公开",
        送达日期="2025-04-28",
    ),
    # Extension of 10 working days: due = 30th working day after 05-06.
    base(
        "2025-0003",
        "2025-05-06",
        延期告知日期="2025-05-20",
        延期工作日数=10,
        答复日期="2025-06-10",
        办理结果="不予公开",
        具体情形="属于国家秘密",
        答复文号="X镇公开〔2025〕3号",
        送达日期="2025-06-11",
    ),
    # Fee: (06-05, 06-10] has 3 working days; due = 23rd working day after 06-02.
    base(
        "2025-0004",
        "2025-06-02",
        收费通知日期="2025-06-05",
        缴费日期="2025-06-10",
        答复日期="2025-06-20",
        办理结果="予以公开",
        送达日期="2025-06-20",
    ),
    # 逾期不补正: closed without a reply letter.
    base(
        "2025-0005",
        "2025-07-01",
        补正告知日期="2025-07-03",
        补正期限="2025-07-18",
        答复日期="2025-07-25",
        办理结果="其他处理",
        具体情形="逾期不补正",
    ),
    # 逾期未缴费: the payment deadline is the 20th working day after 08-05 (2025-09-02).
    base(
        "2025-0006",
        "2025-08-01",
        收费通知日期="2025-08-05",
        答复日期="2025-09-10",
        办理结果="其他处理",
        具体情形="逾期未缴",
    ),
    # Withdrawn: 其他处理/其他, no 答复文号, 备注 mentions 撤回.
    base("2025-0007", "2025-09-01", 答复日期="2025-09-05", 办理结果="其他处理", 具体情形="其他", 备注="申请人来电撤回"),
    # 其他处理/其他 with a reply letter stays a reply.
    base(
        "2025-0008", "2025-09-08", 答复日期="2025-09-12", 办理结果="其他处理", 具体情形="其他", 答复文号="X〔2025〕8号"
    ),
    # Review and lawsuit.
    base(
        "2025-0009",
        "2025-10-09",
        答复日期="2025-10-20",
        办理结果="不予处理",
        具体情形="重复申请",
        送达日期="2025-10-21",
        复议结果="维持",
        诉讼类型="复议后起诉",
        诉讼结果="尚未审结",
    ),
    # Open, no number: due 2025-12-29, overdue on TODAY.
    base("", "2025-12-01", 申请人="李四", 申请内容="2025年村道维修合同"),
    # Open: due 2026-01-20.
    base("", "2025-12-22", 申请人="王五", 申请内容="2025年低保名单"),
]


def details(db: Database) -> dict[str, applications.ApplicationDetail]:
    rows = applications.list_applications(db, today=TODAY, descending=False)
    return {r.number: applications.get_detail(db, r.number, today=TODAY) for r in rows}


def list_rows(db: Database) -> list[dict[str, Any]]:
    out = []
    for row in applications.list_applications(db, today=TODAY, descending=False):
        item = asdict(row)
        del item["id"]
        out.append(item)
    return out


# -- template -----------------------------------------------------------------------------------------------


def test_template_has_the_27_headers_in_order_and_a_help_sheet(tmp_path: Path) -> None:
    path = ledger.write_template(tmp_path / "模板.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["台账", "填写说明"]
    ws = workbook["台账"]
    assert tuple(c.value for c in ws[1]) == LEDGER_HEADERS
    assert len(LEDGER_HEADERS) == 27
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 1  # no example in the sheet that is imported
    validations = ws.data_validations.dataValidation
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in validations}
    column = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(LEDGER_COLUMNS, start=1)}
    for header in ("申请方式", "申请人类型", "办理结果", "复议结果", "诉讼类型"):
        assert column[header] in lists, header
    assert "予以公开" in lists[column["办理结果"]]
    help_rows = list(workbook["填写说明"].iter_rows(values_only=True))
    explained = [r[0] for r in help_rows[3:]]
    assert explained == list(LEDGER_HEADERS)
    assert ledger.read_ledger(path) == []


def test_the_template_filled_in_imports(db: Database, tmp_path: Path) -> None:
    path = ledger.write_template(tmp_path / "模板.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook["台账"]
    for col, value in enumerate(["", "2025-03-03", "当面", "自然人", "张三", ID_1, "", "", "某文件"], start=1):
        ws.cell(row=2, column=col, value=value or None)
    workbook.save(path)
    report = ledger.validate_and_import(db, path, today=TODAY)
    assert [(r.row, r.number) for r in report.imported] == [(2, "2025-0001")]


# -- import -------------------------------------------------------------------------------------------------


def test_full_ledger_imports_every_kind_of_row(db: Database, tmp_path: Path) -> None:
    report = ledger.validate_and_import(db, write_ledger(tmp_path / "台账.xlsx", FULL_ROWS), today=TODAY)
    assert len(report.imported) == len(FULL_ROWS)
    assert report.skipped == []
    got = details(db)
    assert list(got) == [f"2025-{n:04d}" for n in range(1, 12)]

    def summary(number: str) -> tuple[str, str, str, date | None]:
        state = got[number].state
        return (
            state.status.value,
            state.result.result if state.result else "",
            state.result.detail if state.result else "",
            state.reply_due,
        )

    assert summary("2025-0001") == ("已答复", "予以公开", "", date(2025, 4, 8))
    assert summary("2025-0002") == ("已答复", "部分公开", "", date(2025, 5, 8))
    assert summary("2025-0003") == ("已答复", "不予公开", "属于国家秘密", date(2025, 6, 18))
    assert summary("2025-0004") == ("已答复", "予以公开", "", date(2025, 7, 3))
    assert summary("2025-0005") == (
        "已结案",
        "其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        None,
    )
    assert summary("2025-0006")[:3] == (
        "已结案",
        "其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    assert summary("2025-0007")[:3] == ("已撤回", "其他处理", "其他")
    assert summary("2025-0008")[:3] == ("已答复", "其他处理", "其他")
    assert summary("2025-0009")[:3] == ("已答复", "不予处理", "重复申请")
    assert summary("2025-0010") == ("办理中", "", "", date(2025, 12, 29))
    assert summary("2025-0011") == ("办理中", "", "", date(2026, 1, 20))

    first = got["2025-0001"]
    assert first.fields.id_number == ID_1 and first.fields.id_type == "居民身份证"
    assert first.state.on_time is True and first.state.served == date(2025, 4, 2)
    assert [e.kind for e in first.timeline] == [
        EventKind.REGISTERED,
        EventKind.SUPPLEMENT_NOTICE,
        EventKind.SUPPLEMENT_RECEIVED,
        EventKind.REPLY,
    ]
    assert all(e.actor == "" for e in first.timeline)
    consult = got["2025-0002"].facts.consultations[0]
    assert (consult.sent, consult.answered, consult.party) == (
        date(2025, 4, 3),
        date(2025, 4, 10),
        "第三方（台账导入）",
    )
    assert got["2025-0002"].fields.id_type == ""
    assert got["2025-0003"].facts.extensions == [(date(2025, 5, 20), 10)]
    assert got["2025-0003"].facts.reply.doc_number == "X镇公开〔2025〕3号"
    fee = got["2025-0004"].facts.fee
    assert (fee.notice, fee.received, fee.paid) == (date(2025, 6, 5), date(2025, 6, 5), date(2025, 6, 10))
    review = got["2025-0009"].facts.reviews[0]
    lawsuit = got["2025-0009"].facts.lawsuits[0]
    assert (review.result, review.body) == ("维持", "复议机关")
    assert (lawsuit.kind, lawsuit.result) == ("复议后起诉", "尚未审结")


def test_numbers_continue_after_imported_ones(db: Database, tmp_path: Path) -> None:
    rows = [base("2025-0007", "2025-03-03"), base("", "2025-03-04")]
    report = ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", rows), today=TODAY)
    assert [r.number for r in report.imported] == ["2025-0007", "2025-0008"]
    new = applications.register(
        db, ApplicationInput(received=date(2025, 5, 6), applicant_name="赵六", content="某文件"), today=TODAY
    )
    assert new.number == "2025-0009"


def test_review_organ_comes_from_the_unit_profile(db: Database, tmp_path: Path) -> None:
    from models.services.profile import set_field

    set_field(db, "复议机关", "X县人民政府")
    row = base("2025-0001", "2025-03-03", 答复日期="2025-03-10", 办理结果="予以公开", 复议结果="尚未审结")
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", [row]), today=TODAY)
    reviews = applications.get_detail(db, "2025-0001", today=TODAY).facts.reviews
    assert [(r.body, r.result) for r in reviews] == [("X县人民政府", "尚未审结")]


def test_excel_date_cells_and_text_dates_are_accepted(db: Database, tmp_path: Path) -> None:
    rows = [
        base("2025-0001", date(2025, 3, 3), 答复日期=datetime(2025, 3, 20, 0, 0), 办理结果="予以公开"),
        base("2025-0002", "2025/3/4", 答复日期="2025年3月21日", 办理结果="予以公开", 送达日期=" 2025.3.24 "),
    ]
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", rows), today=TODAY)
    got = details(db)
    assert got["2025-0001"].fields.received == date(2025, 3, 3)
    assert got["2025-0001"].state.result_date == date(2025, 3, 20)
    assert got["2025-0002"].fields.received == date(2025, 3, 4)
    assert got["2025-0002"].state.served == date(2025, 3, 24)


def test_three_bad_rows_import_nothing_and_every_problem_is_listed(db: Database, tmp_path: Path) -> None:
    rows = [
        base("2025-0001", "2025-03-03"),  # good
        base("2025-0002", "2025-02-30"),  # no such date
        base("2025-0003", "2025-03-05", 答复日期="2025-03-20", 办理结果="不予公开", 具体情形="重复申请"),
        base("2025-0004", "2025-03-10", 答复日期="2025-03-07", 办理结果="予以公开"),  # reply before receipt
    ]
    with pytest.raises(LedgerProblems) as caught:
        ledger.validate_and_import(db, write_ledger(tmp_path / "bad.xlsx", rows), today=TODAY)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 3, problems
    assert problems[0].startswith("第3行 [收到日期]：") and "2025-02-30" in problems[0]
    assert problems[1] == "第4行 [具体情形]：“重复申请”不属于办理结果“不予公开”。"
    assert problems[2].startswith("第5行 [答复日期]：") and "早于收到申请日期" in problems[2]
    assert "未导入任何申请" in caught.value.full_text()
    assert applications.list_applications(db) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (base("2025-1", "2025-03-03"), "[申请编号]："),
        (base("2024-0001", "2025-03-03"), "[申请编号]：编号“2024-0001”的年份"),
        (base("2025-0001", "2025-03-03", 申请方式="上门"), "[申请方式]：“上门”无效"),
        (base("2025-0001", "2025-03-03", 申请人=""), "[申请人]：请填写申请人。"),
        (base("2025-0001", "2025-03-03", 证件号码="110101199003074259"), "[证件号码]：身份证号码校验位应为8"),
        (base("2025-0001", "2025-03-03", 证件号码=110101199003074258), "[证件号码]：该号码被Excel保存成了数字"),
        (base("2025-0001", "2025-03-03", 联系电话="请来电"), "[联系电话]："),
        (base("2026-0001", "2026-03-03"), "[收到日期]：收到日期不能晚于今天"),
        (base("2025-0001", "2025-03-03", 补正告知日期="2025-03-05"), "[补正期限]：填写了补正告知日期"),
        (base("2025-0001", "2025-03-03", 补正收到日期="2025-03-05"), "[补正收到日期]：尚未发出补正告知"),
        (base("2025-0001", "2025-03-03", 延期告知日期="2025-03-05", 延期工作日数=25), "[延期工作日数]：应为1到20"),
        (
            base("2025-0001", "2025-03-03", 延期告知日期="2025-05-05", 延期工作日数=5),
            "[延期告知日期]：延期须在原答复期限",
        ),
        (base("2025-0001", "2025-03-03", 缴费日期="2025-03-05"), "[缴费日期]：尚未发出收费通知"),
        (base("2025-0001", "2025-03-03", 答复日期="2025-03-05"), "[办理结果]：填写了答复日期"),
        (
            base("2025-0001", "2025-03-03", 答复日期="2025-03-05", 办理结果="不予公开"),
            "[具体情形]：办理结果为“不予公开”的",
        ),
        (base("2025-0001", "2025-03-03", 送达日期="2025-03-05"), "[答复日期]：填写了送达日期"),
        (
            base("2025-0001", "2025-03-03", 答复日期="2025-03-05", 办理结果="予以公开", 送达日期="2025-03-04"),
            "[送达日期]：2025年3月4日早于答复日期",
        ),
        (
            base("2025-0001", "2025-03-03", 答复日期="2025-03-05", 办理结果="其他处理", 具体情形="逾期不补正"),
            "[补正告知日期]：按“逾期不补正”结案",
        ),
        (
            base(
                "2025-0001",
                "2025-03-03",
                补正告知日期="2025-03-05",
                补正期限="2025-03-20",
                答复日期="2025-03-18",
                办理结果="其他处理",
                具体情形="逾期不补正",
            ),
            "[答复日期]：补正期限2025年3月20日尚未届满",
        ),
        (
            base(
                "2025-0001",
                "2025-03-03",
                答复日期="2025-03-05",
                办理结果="予以公开",
                延期告知日期="2025-03-06",
                延期工作日数=5,
            ),
            "[延期告知日期]：该申请已办结",
        ),
        (base("2025-0001", "2025-03-03", 诉讼结果="维持"), "[诉讼类型]：填写了诉讼结果"),
        (base("2025-0001", "2025-03-03", 复议结果="撤销"), "[复议结果]：“撤销”无效"),
        (
            base("2025-0001", "2025-03-03", 答复日期="2026-01-05", 办理结果="予以公开"),
            "[答复日期]：2026年1月5日晚于今天",
        ),
    ],
)
def test_each_problem_names_the_row_and_the_column(
    db: Database, tmp_path: Path, row: dict[str, Any], expected: str
) -> None:
    with pytest.raises(LedgerProblems) as caught:
        ledger.validate_and_import(db, write_ledger(tmp_path / "bad.xlsx", [row]), today=TODAY)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    assert problems[0].startswith("第2行 " + expected), problems


def test_duplicate_numbers_in_one_file_are_refused(db: Database, tmp_path: Path) -> None:
    rows = [base("2025-0001", "2025-03-03"), base("2025-0001", "2025-03-04")]
    with pytest.raises(LedgerProblems) as caught:
        ledger.validate_and_import(db, write_ledger(tmp_path / "bad.xlsx", rows), today=TODAY)
    assert [str(p) for p in caught.value.problems] == ["第3行 [申请编号]：与第2行的申请编号重复。"]


def test_reimport_creates_no_duplicates(db: Database, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "台账.xlsx", FULL_ROWS)
    ledger.validate_and_import(db, path, today=TODAY)
    before = list_rows(db)
    again = ledger.validate_and_import(db, path, today=TODAY)
    assert again.imported == []
    assert len(again.skipped) == len(FULL_ROWS)
    assert again.skipped[0] == "第2行：申请编号2025-0001已存在，跳过。"
    assert "视为已导入" in again.skipped[-1]
    assert list_rows(db) == before


def test_missing_required_headers_and_unknown_columns(db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="缺少：申请内容") as refused:
        ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", [], headers=LEDGER_COLUMNS[:8]), today=TODAY)
    # the message is shown in the GUI too: it names the button, never a command line (issue 8)
    assert "在“依申请公开”页点“下载台账模板…”" in refused.value.message
    assert "applications template" not in refused.value.message
    headers = ["序号", "收到日期", "申请方式", "申请人类型", "申请人", "申请内容"]
    row = {"序号": 1, **base("", "2025-03-03")}
    report = ledger.validate_and_import(db, write_ledger(tmp_path / "b.xlsx", [row], headers=headers), today=TODAY)
    assert report.ignored_columns == ["序号"]
    assert [r.number for r in report.imported] == ["2025-0001"]


def test_unreadable_files_are_user_errors(db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件"):
        ledger.validate_and_import(db, tmp_path / "none.xlsx", today=TODAY)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0not really")
    with pytest.raises(UserError, match="只支持.xlsx"):
        ledger.validate_and_import(db, tmp_path / "old.xls", today=TODAY)


def test_progress_is_reported(db: Database, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    ledger.validate_and_import(
        db, write_ledger(tmp_path / "a.xlsx", FULL_ROWS[:3]), today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1] == (6, 6)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# -- export -------------------------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_database_round_trips(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "台账.xlsx", FULL_ROWS), today=TODAY)
    out = tmp_path / "导出.xlsx"
    assert ledger.export_ledger(db, out, full=True) == len(FULL_ROWS)
    fresh = open_database(tmp_path / "fresh.db")
    try:
        report = ledger.validate_and_import(fresh, out, today=TODAY)
        assert len(report.imported) == len(FULL_ROWS)
        assert list_rows(fresh) == list_rows(db)
        # and the export of the copy is the same file content
        again = tmp_path / "再导出.xlsx"
        ledger.export_ledger(fresh, again, full=True)
        assert ledger.read_ledger(again) == ledger.read_ledger(out)
    finally:
        fresh.close()


def test_a_masked_export_round_trips_with_the_masked_numbers(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "台账.xlsx", FULL_ROWS), today=TODAY)
    out = tmp_path / "导出.xlsx"
    ledger.export_ledger(db, out)
    fresh = open_database(tmp_path / "fresh.db")
    try:
        ledger.validate_and_import(fresh, out, today=TODAY)
        copied = applications.get_detail(fresh, "2025-0001", today=TODAY).fields
        assert (copied.id_number, copied.phone) == ("110101********4258", "138****8000")
        original = [{**r, "id_number": ""} for r in list_rows(db)]
        assert [{**r, "id_number": ""} for r in list_rows(fresh)] == original
    finally:
        fresh.close()


def test_export_masks_id_and_phone_unless_full(db: Database, tmp_path: Path) -> None:
    ledger.validate_and_import(db, write_ledger(tmp_path / "台账.xlsx", FULL_ROWS[:1]), today=TODAY)
    ledger.export_ledger(db, tmp_path / "m.xlsx")
    masked = ledger.read_ledger(tmp_path / "m.xlsx")[0]
    assert (masked["证件号码"], masked["联系电话"]) == ("110101********4258", "138****8000")
    ledger.export_ledger(db, tmp_path / "f.xlsx", full=True)
    full = ledger.read_ledger(tmp_path / "f.xlsx")[0]
    assert (full["证件号码"], full["联系电话"]) == (ID_1, "13800138000")


def test_export_writes_real_dates_and_formula_text_as_strings(db: Database, tmp_path: Path) -> None:
    applications.register(
        db,
        ApplicationInput(received=date(2025, 3, 3), applicant_name="@张三", content="=SUM(1,2)", note="-1+1"),
        today=TODAY,
    )
    out = tmp_path / "导出.xlsx"
    ledger.export_ledger(db, out)
    ws = openpyxl.load_workbook(out)["台账"]
    header = {c.value: c.column for c in ws[1]}
    content = ws.cell(row=2, column=header["申请内容"])
    assert (content.data_type, content.value) == ("s", "=SUM(1,2)")
    assert content.quotePrefix
    for name, value in (("申请人", "@张三"), ("备注", "-1+1")):
        cell = ws.cell(row=2, column=header[name])
        assert (cell.data_type, cell.value) == ("s", value)
    received = ws.cell(row=2, column=header["收到日期"])
    assert received.is_date and received.value == datetime(2025, 3, 3)
    assert received.number_format == "yyyy-mm-dd"


def test_export_of_one_year(db: Database, tmp_path: Path) -> None:
    rows = [base("2024-0001", "2024-12-30"), base("2025-0001", "2025-01-02")]
    ledger.validate_and_import(db, write_ledger(tmp_path / "a.xlsx", rows), today=TODAY)
    assert ledger.export_ledger(db, tmp_path / "2025.xlsx", year=2025) == 1
    assert [r["申请编号"] for r in ledger.read_ledger(tmp_path / "2025.xlsx")] == ["2025-0001"]


def test_withdrawn_without_the_word_in_the_note_is_exported_with_it(db: Database, tmp_path: Path) -> None:
    number = applications.register(
        db, ApplicationInput(received=date(2025, 3, 3), applicant_name="张三", content="某文件"), today=TODAY
    ).number
    applications.record_event(db, number, EventKind.WITHDRAWN, date(2025, 3, 5), today=TODAY)
    ledger.export_ledger(db, tmp_path / "a.xlsx")
    row = ledger.read_ledger(tmp_path / "a.xlsx")[0]
    assert (row["办理结果"], row["具体情形"], row["备注"]) == ("其他处理", "其他", "申请人撤回")
    fresh = open_database(tmp_path / "fresh.db")
    try:
        ledger.validate_and_import(fresh, tmp_path / "a.xlsx", today=TODAY)
        assert applications.get_detail(fresh, number, today=TODAY).state.status.value == "已撤回"
    finally:
        fresh.close()


# -- xlsx_safe ----------------------------------------------------------------------------------------------


def test_safe_cell_strips_control_characters_and_keeps_error_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    safe_cell(ws, 1, 1, "甲\x00乙\x1f丙\n丁")
    safe_cell(ws, 1, 2, "#N/A")
    safe_cell(ws, 1, 3, "+8613800138000")
    safe_cell(ws, 1, 4, 12)
    atomic_save(workbook, tmp_path / "s.xlsx")
    back = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    assert [c.value for c in back[1]] == ["甲乙丙\n丁", "#N/A", "+8613800138000", 12]
    assert [c.data_type for c in back[1]] == ["s", "s", "s", "n"]


def test_atomic_save_leaves_no_temporary_file_and_reports_a_locked_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    workbook = openpyxl.Workbook()

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(13, "locked")

    monkeypatch.setattr("exporters.xlsx_safe.os.replace", locked)
    with pytest.raises(UserError, match="文件可能正被Excel或WPS打开，请关闭后重试："):
        atomic_save(workbook, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    monkeypatch.undo()
    atomic_save(workbook, target)
    assert openpyxl.load_workbook(target).sheetnames == ["Sheet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    with pytest.raises(UserError, match="文件夹不存在"):
        atomic_save(workbook, tmp_path / "nowhere" / "out.xlsx")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("  ", None),
        ("2025-03-01", date(2025, 3, 1)),
        ("2025-3-1", date(2025, 3, 1)),
        ("2025/03/01", date(2025, 3, 1)),
        ("2025.3.1", date(2025, 3, 1)),
        ("2025年3月1日", date(2025, 3, 1)),
        ("2025-03-01 00:00:00", date(2025, 3, 1)),
        ("20250301", date(2025, 3, 1)),
        (20250301, date(2025, 3, 1)),
        (45717, date(2025, 3, 1)),  # an Excel serial number in a cell without a date format
        (datetime(2025, 3, 1, 0, 0), date(2025, 3, 1)),
        (date(2025, 3, 1), date(2025, 3, 1)),
    ],
)
def test_parse_date(value: Any, expected: date | None) -> None:
    assert ledger.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2025-02-29", "3月1日", "明天", "2025-03", True, -5])
def test_parse_date_refuses(value: Any) -> None:
    with pytest.raises(ValueError, match="日期"):
        ledger.parse_date(value)


def test_a_sheet_with_a_wrong_dimension_is_read_in_full(db: Database, tmp_path: Path) -> None:
    import re
    import zipfile

    good = write_ledger(tmp_path / "good.xlsx", FULL_ROWS[:2])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            target.writestr(info, data)
    assert ledger.read_ledger(bad) == ledger.read_ledger(good)
    assert ledger.read_ledger(bad)[0]["答复文号"] == "X镇公开〔2025〕1号"


# -- issue 9: limits stated in the template, applied on import, nothing cut ---------------------------------


def test_template_help_states_the_length_and_date_limits(tmp_path: Path) -> None:
    path = ledger.write_template(tmp_path / "模板.xlsx")
    help_rows = {r[0]: r[1] for r in openpyxl.load_workbook(path)["填写说明"].iter_rows(min_row=4, values_only=True)}
    assert "最多5000个字符" in help_rows["申请内容"]
    assert "最多100个字符" in help_rows["申请人"]
    assert "最多200个字符" in help_rows["通信地址"]
    assert "不早于2000年1月1日，不晚于导入之日一年后" in help_rows["收到日期"]


def test_import_refuses_out_of_range_dates_numbers_and_overlong_text_and_stores_nothing(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        base("", "1999-12-31"),
        base("1-0001", "2025-03-03"),
        base("0001-0001", "0001-01-01"),
        base("", "2025-03-04", 补正告知日期="2025-03-05", 补正期限="2027-01-05"),
        base("", "2025-03-06", 申请内容="申" * 5001),
        base("", "2025-03-07", 备注="注" * 2001),
        base("", "2025-03-10"),  # a good row: not imported either (all or nothing)
    ]
    with pytest.raises(LedgerProblems) as refused:
        ledger.validate_and_import(db, write_ledger(tmp_path / "台账.xlsx", rows), today=TODAY)
    problems = [str(p) for p in refused.value.problems]
    assert "第2行 [收到日期]：日期1999-12-31早于2000年1月1日，请核对（是否把年份写错了？）。" in problems
    assert "第3行 [申请编号]：“1-0001”格式不对，应为“年份-4位序号”，如2025-0001。" in problems
    assert "第4行 [收到日期]：日期0001-01-01早于2000年1月1日，请核对（是否把年份写错了？）。" in problems
    assert "第4行 [申请编号]：“0001-0001”的年份1不合理（应在2000年到2026年之间）。" in problems
    assert "第5行 [补正期限]：日期2027-01-05晚于今天一年以上，请核对。" in problems
    assert "第6行 [申请内容]：内容过长（最多5000个字符，实际5001个），请精简后再填写。" in problems
    assert "第7行 [备注]：内容过长（最多2000个字符，实际2001个），请精简后再填写。" in problems
    assert applications.count_applications(db, applications.ListFilter()) == 0


def test_a_content_of_5000_characters_is_imported_and_exported_whole(db: Database, tmp_path: Path) -> None:
    content = ("申请公开二〇二四年度村道路硬化工程招标文件" * 300)[:4999] + "完"
    ledger.validate_and_import(
        db, write_ledger(tmp_path / "台账.xlsx", [base("", "2025-03-03", 申请内容=content)]), today=TODAY
    )
    out = tmp_path / "导出.xlsx"
    ledger.export_ledger(db, out)
    ws = openpyxl.load_workbook(out)["台账"]
    assert ws.cell(row=2, column=LEDGER_COLUMNS.index("申请内容") + 1).value == content


def test_the_registration_form_shares_the_limits(db: Database) -> None:
    with pytest.raises(UserError, match="收到日期：日期1999-12-31早于2000年1月1日"):
        applications.register(
            db, ApplicationInput(received=date(1999, 12, 31), applicant_name="张三", content="某文件")
        )
    with pytest.raises(UserError, match=r"申请内容：内容过长（最多5000个字符，实际5001个）"):
        applications.register(
            db, ApplicationInput(received=date(2025, 3, 3), applicant_name="张三", content="x" * 5001)
        )
    assert applications.count_applications(db, applications.ListFilter()) == 0


def test_a_text_longer_than_an_excel_cell_is_refused_not_cut(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    with pytest.raises(UserError, match="第2行第9列的内容有32768个字符，超过Excel单元格的上限32767个，未导出"):
        safe_cell(workbook.active, 2, 9, "申" * 32_768)
    assert safe_cell(workbook.active, 2, 9, "申" * 32_767).value == "申" * 32_767
