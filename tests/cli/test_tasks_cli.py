"""`tasks …` (issue 11 任务清单), run in-process through main.main() as a clerk types it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.cli.runner import Cli

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
HEADERS = ["任务内容", "责任单位", "完成时限", "公开路径", "状态", "完成日期", "佐证文号", "佐证网址", "备注"]
TODAY = "2022-07-15"


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_template_has_the_issue_headers(cli: Cli, tmp_path: Path) -> None:
    cli.ok("tasks", "template", str(tmp_path / "t.xlsx"))
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0][1]] == HEADERS


def test_import_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = _sheet(
        tmp_path / "bad.xlsx",
        [
            ["公开惠民惠农补贴发放信息", "县财政局", "2022年6月底前", "", "未开始", None, "", "", ""],
            ["", "县司法局", "年底前", "", "进行中", None, "", "", ""],
            ["更新政务公开专区", "县政府办公室", "每季度", "", "已完成", None, "", "", ""],
        ],
    )
    code, out, err = cli("tasks", "import", str(bad), "--year", "2022", "--today", TODAY)
    assert code == 2
    assert "第3行 [任务内容]：请填写任务内容。" in err
    assert "第4行 [完成日期]：状态为已完成时请填写完成日期。" in err
    assert cli.json("tasks", "list", "--json") == []


def test_list_json_keys_and_overdue_after_import(cli: Cli, tmp_path: Path) -> None:
    good = _sheet(
        tmp_path / "good.xlsx",
        [
            ["公开惠民惠农补贴发放信息", "县财政局", "2022年6月底前", "政府网站>政务公开", "未开始", None, "", "", ""],
            ["更新政务公开专区", "县政府办公室", "每季度", "", "已完成", "2022-07-01", "", "http://x.gov.cn/1", ""],
        ],
    )
    cli.ok("tasks", "import", str(good), "--year", "2022", "--today", TODAY)
    items = cli.json("tasks", "list", "--json", "--today", TODAY)
    assert set(items[0]) == {
        "id",
        "plan_year",
        "content",
        "unit",
        "deadline",
        "due",
        "recurrence",
        "publish_path",
        "status",
        "completed",
        "evidence_number",
        "evidence_url",
        "note",
        "overdue",
    }
    assert (items[0]["due"], items[0]["overdue"]) == ("2022-06-30", True)
    assert items[1]["recurrence"] == "每季度"
    overdue = cli.json("tasks", "list", "--json", "--overdue", "--today", TODAY)
    assert [i["unit"] for i in overdue] == ["县财政局"]
    report = tmp_path / "落实情况表.xlsx"
    cli.ok("tasks", "report", "--out", str(report), "--today", TODAY)
    sheet = openpyxl.load_workbook(report).worksheets[0]
    assert sheet["F3"].value == "未开始（逾期）"
    assert sheet["C4"].value == "县政府办公室"


def test_paste_wushan_plan_prints_proposals_and_stores_only_with_yes(cli: Cli, tmp_path: Path) -> None:
    lines = (PLANS / "wushan_2022_plan.txt").read_text(encoding="utf-8").splitlines()
    pasted = tmp_path / "巫山.txt"
    pasted.write_text("\n".join(lines[23:50]), encoding="utf-8")
    out = cli.ok("tasks", "paste", str(pasted), "--year", "2022")
    assert "识别出 12 项任务（2022年），未保存" in out
    assert cli.json("tasks", "list", "--json") == []
    cli.ok("tasks", "paste", str(pasted), "--year", "2022", "--yes")
    items = cli.json("tasks", "list", "--json")
    assert len(items) == 12
    assert items[-1]["recurrence"] == "每月"


def test_paste_of_a_missing_file_is_refused_in_chinese(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("tasks", "paste", str(tmp_path / "none.txt"), "--yes")
    assert code == 2
    assert "找不到文件" in err


def test_progress_records_done_and_refuses_a_future_completion_date(cli: Cli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "one.xlsx", [["公开惠民惠农补贴发放信息", "县财政局", "2022年6月底前"]])
    cli.ok("tasks", "import", str(sheet), "--year", "2022", "--today", TODAY)
    task_id = str(cli.json("tasks", "list", "--json")[0]["id"])
    code, _, err = cli(
        "tasks", "progress", task_id, "--status", "已完成", "--completed", "2022-08-01", "--today", TODAY
    )
    assert code == 2
    assert "完成日期不能晚于今天" in err
    assert cli.json("tasks", "list", "--json")[0]["status"] == "未开始"
    cli.ok("tasks", "progress", task_id, "--status", "已完成", "--completed", "2022-06-28", "--today", TODAY)
    item = cli.json("tasks", "list", "--json", "--today", TODAY)[0]
    assert (item["status"], item["completed"], item["overdue"]) == ("已完成", "2022-06-28", False)
