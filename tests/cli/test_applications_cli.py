"""`applications template|import|export|list|show`, run in-process through main.main() as a clerk would type it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from exporters.xlsx_safe import safe_cell
from models.services.ledger import LEDGER_COLUMNS
from tests.cli.runner import Cli
from tests.expected_labels import LEDGER_HEADERS

TODAY = "2025-12-31"
ID_1 = "110101199003074258"
LIST_KEYS = {
    "number",
    "received",
    "status",
    "result",
    "detail",
    "reply_due",
    "supplement_notice_due",
    "working_days_left",
    "calendar_uncertain",
}


def write_ledger(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "台账"
    for col, header in enumerate(LEDGER_COLUMNS, start=1):
        ws.cell(row=1, column=col, value=header)
    for r, values in enumerate(rows, start=2):
        for col, header in enumerate(LEDGER_COLUMNS, start=1):
            if header in values:
                safe_cell(ws, r, col, values[header])
    workbook.save(path)
    return path


def row(number: str, received: Any, **more: Any) -> dict[str, Any]:
    values = {
        "申请编号": number,
        "收到日期": received,
        "申请方式": "邮寄",
        "申请人类型": "自然人",
        "申请人": "张三",
        "申请内容": f"{received}收到的申请：某某文件",
    }
    values.update(more)
    return values


ROWS = [
    # answered on time: due 2025-04-08 (补正 restarted the clock on 03-10)
    row(
        "2025-0001",
        date(2025, 3, 3),  # a real Excel date cell
        证件号码=ID_1,
        联系电话="13800138000",
        补正告知日期=date(2025, 3, 5),
        补正期限="2025-03-20",
        补正收到日期="2025-03-10",
        答复日期="2025-04-01",
        办理结果="不予公开",
        具体情形="属于国家秘密",
        答复文号="X镇公开〔2025〕1号",
        送达日期="2025-04-02",
    ),
    # open, due 2025-12-29: overdue on 2025-12-31
    row("2025-0002", "2025-12-01", 申请人="李四"),
    # open, due 2026-01-20
    row("", "2025-12-22", 申请人="王五"),
    # waiting for 补正: no reply due
    row("", "2025-12-10", 申请人="赵六", 补正告知日期="2025-12-12", 补正期限="2026-01-09"),
]


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "台账.xlsx", ROWS)


@pytest.fixture
def imported(cli: Cli, ledger_file: Path) -> Cli:
    cli.ok("applications", "import", str(ledger_file), "--today", TODAY)
    return cli


# -- template and import ------------------------------------------------------------------------------------


def test_template_has_the_27_headers(cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("applications", "template", str(tmp_path / "模板.xlsx"))
    assert out.startswith("已生成台账模板：")
    workbook = openpyxl.load_workbook(tmp_path / "模板.xlsx")
    assert [c.value for c in workbook["台账"][1]] == list(LEDGER_HEADERS)
    assert workbook.sheetnames == ["台账", "填写说明"]


def test_template_needs_an_xlsx_name(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("applications", "template", str(tmp_path / "模板.xls"))
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and ".xlsx" in err
    assert not (tmp_path / "模板.xls").exists()


def test_import_prints_the_numbers(cli: Cli, ledger_file: Path) -> None:
    out = cli.ok("applications", "import", str(ledger_file), "--today", TODAY)
    assert out.splitlines() == [
        "第2行 → 2025-0001（已答复）",
        "第3行 → 2025-0002（办理中）",
        "第4行 → 2025-0003（办理中）",
        "第5行 → 2025-0004（等待补正）",
        "已导入 4 件申请，跳过 0 行。",
    ]


def test_reimport_creates_no_duplicates(imported: Cli, ledger_file: Path) -> None:
    before = imported.json("applications", "list", "--json", "--today", TODAY)
    out = imported.ok("applications", "import", str(ledger_file), "--today", TODAY)
    assert "已导入 0 件申请，跳过 4 行。" in out
    assert "第2行：申请编号2025-0001已存在，跳过。" in out
    assert imported.json("applications", "list", "--json", "--today", TODAY) == before
    assert len(before) == 4


def test_bad_rows_import_nothing_and_list_every_problem(cli: Cli, tmp_path: Path) -> None:
    bad = write_ledger(
        tmp_path / "bad.xlsx",
        [
            row("2025-0001", "2025-03-03"),
            row("2025-0002", "2025-13-01"),
            row("2025-0003", "2025-03-05", 答复日期="2025-03-20", 办理结果="予以公开", 具体情形="重复申请"),
            row("2025-0004", "2025-03-10", 答复日期="2025-03-07", 办理结果="予以公开"),
        ],
    )
    code, out, err = cli("applications", "import", str(bad), "--today", TODAY)
    assert (code, out) == (2, "")
    assert err.startswith("错误：台账中有3处问题，未导入任何申请")
    lines = err.splitlines()
    assert any(line.startswith("第3行 [收到日期]：") and "2025-13-01" in line for line in lines), err
    assert "第4行 [具体情形]：“重复申请”不属于办理结果“予以公开”。" in lines
    assert any(line.startswith("第5行 [答复日期]：") and "早于收到申请日期" in line for line in lines), err
    assert cli.json("applications", "list", "--json") == []


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("applications", "import", str(tmp_path / "none.xlsx"))
    assert (code, out) == (2, "")
    assert err.startswith("错误：找不到文件")


def test_import_without_the_ledger_columns_names_the_template_command(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "别的表格.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "姓名"])
    workbook.save(path)
    code, out, err = cli("applications", "import", str(path))
    assert (code, out) == (2, "")
    assert "缺少：收到日期" in err
    assert "可以用“applications template 文件名.xlsx”生成台账模板" in err


# -- export -------------------------------------------------------------------------------------------------


def _exported(path: Path) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)["台账"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_export_masks_id_and_phone_by_default(imported: Cli, tmp_path: Path) -> None:
    out = imported.ok("applications", "export", str(tmp_path / "导出.xlsx"))
    assert "已导出 4 件申请" in out and "已遮盖" in out
    first = _exported(tmp_path / "导出.xlsx")[0]
    assert (first["证件号码"], first["联系电话"]) == ("110101********4258", "138****8000")
    assert ID_1 not in str(_exported(tmp_path / "导出.xlsx"))


def test_export_full_is_not_masked(imported: Cli, tmp_path: Path) -> None:
    out = imported.ok("applications", "export", str(tmp_path / "导出.xlsx"), "--full")
    assert "完整的证件号码" in out
    first = _exported(tmp_path / "导出.xlsx")[0]
    assert (first["证件号码"], first["联系电话"]) == (ID_1, "13800138000")


def test_export_then_import_into_a_fresh_database(
    imported: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported.ok("applications", "export", str(tmp_path / "导出.xlsx"), "--full")
    fresh = Cli(tmp_path / "fresh.db", capsys)
    fresh.ok("applications", "import", str(tmp_path / "导出.xlsx"), "--today", TODAY)
    listing = ("applications", "list", "--json", "--today", TODAY)
    assert fresh.json(*listing) == imported.json(*listing)
    for number in ("2025-0001", "2025-0004"):
        shown = ("applications", "show", number, "--json", "--today", TODAY)
        mine, theirs = imported.json(*shown), fresh.json(*shown)
        for item in (mine, theirs):
            for entry in item["timeline"]:
                entry.pop("id")
                entry["data"].pop("ref", None)
        assert theirs == mine


def test_export_of_formula_text_is_a_string_cell(cli: Cli, tmp_path: Path) -> None:
    source = write_ledger(tmp_path / "a.xlsx", [row("2025-0001", "2025-03-03", 申请内容="=SUM(1,2)")])
    cli.ok("applications", "import", str(source), "--today", TODAY)
    assert cli.json("applications", "show", "2025-0001", "--json")["content"] == "=SUM(1,2)"
    cli.ok("applications", "export", str(tmp_path / "导出.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "导出.xlsx")["台账"]
    cell = ws.cell(row=2, column=LEDGER_COLUMNS.index("申请内容") + 1)
    assert (cell.data_type, cell.value) == ("s", "=SUM(1,2)")


def test_export_of_one_year(imported: Cli, tmp_path: Path) -> None:
    assert "已导出 0 件申请" in imported.ok("applications", "export", str(tmp_path / "a.xlsx"), "--year", "2024")
    assert _exported(tmp_path / "a.xlsx") == []


def test_export_to_a_locked_file_writes_nothing(imported: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"old")

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(13, "locked")

    monkeypatch.setattr("exporters.xlsx_safe.os.replace", locked)
    code, out, err = imported("applications", "export", str(target))
    assert (code, out) == (2, "")
    assert err == f"错误：文件可能正被Excel或WPS打开，请关闭后重试：{target}\n"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_export_into_a_missing_folder(imported: Cli, tmp_path: Path) -> None:
    code, out, err = imported("applications", "export", str(tmp_path / "nowhere" / "a.xlsx"))
    assert (code, out) == (2, "")
    assert err.startswith("错误：文件夹不存在")


# -- list and show ------------------------------------------------------------------------------------------


def test_list_json_keys_and_values(imported: Cli) -> None:
    items = imported.json("applications", "list", "--json", "--today", TODAY)
    assert [i["number"] for i in items] == ["2025-0001", "2025-0002", "2025-0003", "2025-0004"]
    assert all(set(i) >= LIST_KEYS for i in items)
    first, second, third, fourth = items
    assert first == first | {
        "received": "2025-03-03",
        "status": "已答复",
        "result": "不予公开",
        "detail": "属于国家秘密",
        "reply_due": "2025-04-08",
        "supplement_notice_due": "2025-03-12",
        "working_days_left": None,
        "calendar_uncertain": False,
        "applicant": "张*",
        "result_date": "2025-04-01",
        "on_time": True,
        "deadline_state": None,
    }
    assert (second["status"], second["reply_due"], second["deadline_state"]) == ("办理中", "2025-12-29", "已逾期")
    assert second["working_days_left"] == -2
    assert (third["reply_due"], third["deadline_state"], third["working_days_left"]) == ("2026-01-20", "正常", 13)
    assert (fourth["status"], fourth["reply_due"], fourth["deadline_state"]) == ("等待补正", None, "已暂停计时")
    assert ID_1 not in json.dumps(items)


def test_list_filters(imported: Cli) -> None:
    def numbers(*flags: str) -> list[str]:
        return [i["number"] for i in imported.json("applications", "list", "--json", "--today", TODAY, *flags)]

    assert numbers("--open") == ["2025-0002", "2025-0003", "2025-0004"]
    assert numbers("--overdue") == ["2025-0002"]
    assert numbers("--due-within", "3") == ["2025-0002"]
    assert numbers("--due-within", "13") == ["2025-0002", "2025-0003"]
    assert numbers("--overdue", "--today", "2025-12-29") == []  # due today is not yet overdue
    assert numbers("--year", "2024") == []


def test_list_without_json_is_a_chinese_table(imported: Cli) -> None:
    lines = imported.ok("applications", "list", "--today", TODAY).splitlines()
    assert lines[0].split("\t") == ["申请编号", "收到日期", "申请人", "状态", "答复期限", "剩余工作日", "办理结果"]
    assert lines[2].split("\t") == [
        "2025-0002",
        "2025-12-01",
        "李*",
        "办理中·已逾期",
        "2025-12-29",
        "逾期2个工作日",
        "—",
    ]  # never a negative number
    assert lines[-1] == "共 4 件。"


def test_empty_list(cli: Cli) -> None:
    assert cli.ok("applications", "list") == "（没有符合条件的申请）\n"
    assert cli.json("applications", "list", "--json") == []


def test_show_json(imported: Cli) -> None:
    item = imported.json("applications", "show", "2025-0001", "--json", "--today", TODAY)
    assert set(item) >= LIST_KEYS
    assert item["number"] == "2025-0001"
    assert (item["status"], item["result"], item["detail"]) == ("已答复", "不予公开", "属于国家秘密")
    assert (item["reply_due"], item["served"], item["on_time"]) == ("2025-04-08", "2025-04-02", True)
    assert (item["id_number"], item["phone"], item["applicant"]) == ("110101********4258", "138****8000", "张*")
    assert [e["kind"] for e in item["timeline"]] == ["登记", "补正告知", "补正收到", "答复"]
    assert item["timeline"][1]["data"] == {"deadline": "2025-03-20"}
    assert item["timeline"][3]["day"] == "2025-04-01"
    paused = imported.json("applications", "show", "2025-0004", "--json", "--today", TODAY)
    assert (paused["status"], paused["deadline_state"], paused["reply_due"]) == ("等待补正", "已暂停计时", None)


def test_show_as_text(imported: Cli) -> None:
    out = imported.ok("applications", "show", "2025-0001", "--today", TODAY)
    assert "申请编号：2025-0001" in out.splitlines()
    assert "证件号码：110101********4258" in out.splitlines()
    assert "办理过程：" in out
    assert (
        "  2025-04-01  答复  结果：不予公开；具体情形：属于国家秘密；文号：X镇公开〔2025〕1号；送达日期：2025-04-02"
        in (out.splitlines())
    )
    assert ID_1 not in out


def test_show_unknown_number(imported: Cli) -> None:
    code, out, err = imported("applications", "show", "2025-0999", "--json")
    assert (code, out) == (2, "")
    assert err == "错误：找不到申请编号为“2025-0999”的申请。\n"


def test_bad_today_is_refused(cli: Cli) -> None:
    code, out, err = cli("applications", "list", "--today", "2025-02-30")
    assert (code, out) == (2, "")
    assert "错误：" in err and "YYYY-MM-DD" in err


def test_today_option_is_documented(cli: Cli) -> None:
    _, out, _ = cli("applications", "list", "--help")
    assert "--today" in out and "用于测试/回溯" in out
