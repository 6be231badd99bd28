"""`solicitations …` and `interpretations …` (issue 10), run in-process through main.main() as a clerk types them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from models.migrate import open_database
from tests.cli.test_applications_cli import Cli
from tests.register_documents import add_document

TODAY = "2025-06-10"
SOLICITATION_HEADERS = [
    "草案名称",
    "关联文件（文号）",
    "类型",
    "开始日期",
    "截止日期",
    "渠道",
    "缩短期限理由",
    "收到意见数",
    "采纳",
    "部分采纳",
    "未采纳",
    "未采纳理由",
    "采纳情况公布日期",
]
INTERPRETATION_HEADERS = ["关联文件（文号）", "解读标题", "形式", "解读主体", "审签日期", "发布日期", "网址"]


@pytest.fixture
def cli(tmp_path: Path, database_target: Path | str, capsys: pytest.CaptureFixture[str]) -> Cli:
    path = tmp_path / "cli.db" if isinstance(database_target, Path) else database_target  # the engine under test
    db = open_database(path)
    try:
        add_document(db, "白鹤府发〔2025〕3号", "白鹤镇农村人居环境整治办法", published=date(2025, 3, 12))
    finally:
        db.close()
    return Cli(path, capsys)


def _sheet(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_templates_have_the_issue_headers_and_a_help_sheet(cli: Cli, tmp_path: Path) -> None:
    for command, headers in (("solicitations", SOLICITATION_HEADERS), ("interpretations", INTERPRETATION_HEADERS)):
        out = tmp_path / f"{command}.xlsx"
        cli.ok(command, "template", str(out))
        workbook = openpyxl.load_workbook(out)
        assert [c.value for c in workbook.worksheets[0][1]] == headers
        assert workbook.sheetnames[1] == "填写说明"


def test_add_refuses_a_29_day_major_decision_with_exit_2_and_writes_nothing(cli: Cli) -> None:
    code, out, err = cli(
        "solicitations", "add", "--title", "白鹤镇集镇规划", "--kind", "重大行政决策",
        "--start", "2025-03-01", "--end", "2025-03-29", "--today", TODAY,
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "截止日期" in err and "29日" in err and "首尾两日均计入" in err
    assert cli.json("solicitations", "list", "--json", "--today", TODAY) == []


def test_help_says_both_ends_of_the_period_are_counted(cli: Cli) -> None:
    code, out, _ = cli("solicitations", "add", "--help")
    assert code == 0 and "开始日期和截止日期两天都计入" in out.replace("\n", "")


def test_add_list_results_and_pending(cli: Cli) -> None:
    added = cli.json(
        "solicitations", "add", "--title", "白鹤镇集镇规划", "--kind", "重大行政决策", "--start", "2025-03-01",
        "--end", "2025-03-30", "--document", "白鹤府发(2025)3号", "--today", TODAY, "--json",
    )  # fmt: skip
    assert (added["days"], added["document"], added["state"]) == (30, "白鹤府发〔2025〕3号", "待公布采纳情况")
    pending = cli.json("solicitations", "list", "--pending", "--json", "--today", TODAY)
    assert [p["title"] for p in pending] == ["白鹤镇集镇规划"]
    cli.ok(
        "solicitations", "results", str(added["id"]), "--received", "12", "--adopted", "5", "--partly-adopted", "3",
        "--rejected", "4", "--reason", "与上位法不一致", "--published", "2025-04-15", "--today", TODAY,
    )  # fmt: skip
    assert cli.json("solicitations", "list", "--pending", "--json", "--today", TODAY) == []
    (done,) = cli.json("solicitations", "list", "--state", "已公布", "--json", "--today", TODAY)
    assert (done["received"], done["rejected"], done["results_published"]) == (12, 4, "2025-04-15")


def test_import_is_all_or_nothing_with_row_and_column_named(cli: Cli, tmp_path: Path) -> None:
    good = ["养犬管理办法（征求意见稿）", "", "行政规范性文件", "2025-04-01", "2025-04-07"]
    short = ["防汛物资储备办法", "", "行政规范性文件", "2025-05-01", "2025-05-03"]
    path = _sheet(tmp_path / "in.xlsx", SOLICITATION_HEADERS[:5], [good, short])
    code, out, err = cli("solicitations", "import", str(path), "--today", TODAY)
    assert code == 2 and "第3行 [截止日期]" in err and "不少于7日" in err
    assert cli.json("solicitations", "list", "--json", "--today", TODAY) == []
    with_reason = _sheet(
        tmp_path / "ok.xlsx", SOLICITATION_HEADERS[:7], [good + ["网站", ""], short + ["网站", "汛期临近须尽快出台"]]
    )
    assert "已导入 2 条" in cli.ok("solicitations", "import", str(with_reason), "--today", TODAY)
    assert "已导入 0 条征求意见，跳过 2 行" in cli.ok("solicitations", "import", str(with_reason), "--today", TODAY)
    out_path = tmp_path / "out.xlsx"
    cli.ok("solicitations", "export", str(out_path), "--today", TODAY)
    rows = list(openpyxl.load_workbook(out_path).worksheets[0].values)
    assert rows[0] == tuple(SOLICITATION_HEADERS)
    assert [r[0] for r in rows[1:]] == ["养犬管理办法（征求意见稿）", "防汛物资储备办法"]
    assert rows[2][6] == "汛期临近须尽快出台"


def test_interpretations_add_flags_and_import(cli: Cli, tmp_path: Path) -> None:
    flags = cli.json("interpretations", "flags", "--json")
    assert [f["document"] for f in flags] == ["白鹤府发〔2025〕3号"]
    code, _, err = cli(
        "interpretations", "add", "--document", "白鹤府发〔2025〕9号", "--title", "解读", "--form", "文字",
    )  # fmt: skip
    assert code == 2 and "关联文件（文号）" in err
    out = cli.ok(
        "interpretations", "add", "--document", "白鹤府发〔2025〕3号", "--title", "《整治办法》解读",
        "--form", "文字", "--published", "2025-03-12", "--today", TODAY,
    )  # fmt: skip
    assert "仅有1种形式（文字）" in out
    path = _sheet(
        tmp_path / "jd.xlsx",
        INTERPRETATION_HEADERS,
        [
            [
                "白鹤府发〔2025〕3号",
                "一图读懂整治办法",
                "图表图解、问答",
                "镇农业服务中心",
                "2025-03-10",
                "2025-03-12",
                "",
            ]
        ],
    )
    assert "已导入 1 件" in cli.ok("interpretations", "import", str(path), "--today", TODAY)
    assert cli.json("interpretations", "flags", "--json") == []
    listed = cli.json("interpretations", "list", "--form", "问答", "--json")
    assert [(i["title"], i["forms"]) for i in listed] == [("一图读懂整治办法", ["图表图解", "问答"])]


def test_interpretation_import_with_an_unknown_form_names_row_and_column(cli: Cli, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "bad.xlsx", INTERPRETATION_HEADERS[:3], [["白鹤府发〔2025〕3号", "漫画解读", "漫画"]])
    code, _, err = cli("interpretations", "import", str(path), "--today", TODAY)
    assert code == 2 and "第2行 [形式]" in err
    assert cli.json("interpretations", "list", "--json") == []
