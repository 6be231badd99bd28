"""`documents list|show|add|review|publish|catalogue`, run in-process through main.main() as a clerk types it.

成文 2025-09-22 → due 2025-10-24 (20 working days across 国庆, counted by hand in tests/db/test_documents_service.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.runner import Cli

NUMBER = "白鹤府发〔2025〕12号"
TITLE = "白鹤镇人民政府关于印发2025年惠民惠农财政补贴资金发放办法的通知"


def add(cli: Cli, *extra: str) -> str:
    return cli.ok(
        "documents", "add", "--number", "白鹤府发[2025]12号", "--title", TITLE, "--written", "2025-09-22",
        "--category", "行政规范性文件", "--today", "2025-09-23", *extra,
    )  # fmt: skip


def test_documents_list_json_has_the_interface_keys_and_overdue(cli: Cli) -> None:
    assert "应于2025-10-24前主动公开" in add(cli)
    [item] = cli.json("documents", "list", "--json", "--today", "2025-10-27")
    assert {k: item[k] for k in ("number", "title", "attribute", "written", "publish_due", "published", "state")} == {
        "number": NUMBER,
        "title": TITLE,
        "attribute": "主动公开",
        "written": "2025-09-22",
        "publish_due": "2025-10-24",
        "published": None,
        "state": "现行有效",
    }
    assert item["overdue"] is True
    [before] = cli.json("documents", "list", "--json", "--today", "2025-10-24")
    assert before["overdue"] is False
    assert cli.json("documents", "list", "--json", "--publish", "已逾期", "--today", "2025-10-24") == []


def test_documents_review_and_publish_through_the_cli(cli: Cli) -> None:
    add(cli)
    code, out, err = cli("documents", "publish", NUMBER, "--date", "2025-09-26", "--today", "2025-09-30")
    assert code == 2 and "三审三校尚未完成终审，不能登记为已发布" in err and out == ""
    for stage, name, day in (("初审", "张录入", "2025-09-23"), ("复审", "王科长", "2025-09-24")):
        cli.ok(
            "documents", "review", NUMBER, "--stage", stage, "--reviewer", name, "--date", day, "--today", "2025-09-30"
        )
    code, _, err = cli(
        "documents", "review", NUMBER, "--stage", "终审", "--reviewer", "王科长", "--date", "2025-09-25",
        "--today", "2025-09-30",
    )  # fmt: skip
    assert code == 2 and "三审三校须由三个不同的人完成" in err
    cli.ok("documents", "review", NUMBER, "--stage", "终审", "--reviewer", "刘镇长", "--date", "2025-09-25",
           "--today", "2025-09-30")  # fmt: skip
    cli.ok("documents", "publish", NUMBER, "--date", "2025-09-26", "--today", "2025-09-30")
    shown = cli.json("documents", "show", "白鹤府发（2025）12号", "--json", "--today", "2025-09-30")
    assert shown["published"] == "2025-09-26" and shown["publish_state"] == "已发布（按时）"
    assert [r["reviewer"] for r in shown["reviews"]] == ["张录入", "王科长", "刘镇长"]


def test_documents_add_refusals_are_chinese_exit_2_and_write_nothing(cli: Cli) -> None:
    code, out, err = cli(
        "documents", "add", "--title", "内部文件", "--written", "2025-09-22", "--attribute", "不予公开",
        "--note-mark", "此件不公开", "--today", "2025-09-23",
    )  # fmt: skip
    assert code == 2 and "须写明不公开" in err and out == ""
    code, _, err = cli("documents", "show", "白鹤府发〔2025〕99号")
    assert code == 2 and "找不到文号为“白鹤府发〔2025〕99号”的公文" in err
    assert cli.json("documents", "list", "--json") == []


def test_documents_catalogue_add_and_list(cli: Cli) -> None:
    cli.ok("documents", "catalogue", "add", "政府信息公开目录>惠民惠农资金")
    add(cli, "--catalogue", "政府信息公开目录 > 惠民惠农资金")
    out = cli.ok("documents", "catalogue", "list")
    assert out.splitlines() == ["政府信息公开目录（0件）", "  惠民惠农资金（1件）"]
    code, _, err = cli("documents", "add", "--title", "x", "--written", "2025-09-22", "--catalogue", "不存在的目录")
    assert code == 2 and "公开目录中没有“不存在的目录”" in err


# -- 发文登记簿 (the shared import/export mechanism) ----------------------------------------------------------

HEADERS = [
    "文号", "标题", "发文机关", "成文日期", "文种", "类别", "公开属性", "附注", "不公开理由", "依据", "公开目录",
    "解读主体", "有效期至", "状态", "状态变更日期", "发布日期", "发布栏目/网址", "承办科室",
    "初审人", "初审日期", "复审人", "复审日期", "终审人", "终审日期", "备注",
]  # fmt: skip


def write_book(path: Path, rows: list[dict[str, Any]]) -> Path:
    import openpyxl

    from exporters.xlsx_safe import safe_cell

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "发文登记簿"
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(row=1, column=col, value=header)
    for r, values in enumerate(rows, start=2):
        for col, header in enumerate(HEADERS, start=1):
            if header in values:
                safe_cell(ws, r, col, values[header])
    workbook.save(path)
    return path


GOOD = {
    "文号": "白鹤府发[2025]12号",
    "标题": TITLE,
    "发文机关": "白鹤镇人民政府",
    "成文日期": "2025-09-22",
    "类别": "行政规范性文件",
    "公开属性": "主动公开",
    "附注": "此件公开发布",
    "公开目录": "政府信息公开目录>惠民惠农资金",
    "发布日期": "2025-09-26",
    "发布栏目/网址": "惠民惠农资金 http://www.baihe.gov.cn/zwgk/12.html",
    "初审人": "张录入",
    "初审日期": "2025-09-23",
    "复审人": "王科长",
    "复审日期": "2025-09-24",
    "终审人": "刘镇长",
    "终审日期": "2025-09-25",
}
WITHHELD = {
    "文号": "白鹤府办发〔2025〕3号",
    "标题": "关于机关内部考勤管理的通知",
    "成文日期": "2025-03-03",
    "类别": "其他",
    "公开属性": "不予公开",
    "附注": "此件不公开",
    "不公开理由": "内部事务信息",
    "依据": "3.5",
}


def test_template_has_the_issue_headers(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "模板.xlsx"
    cli.ok("documents", "template", str(out))
    sheet = openpyxl.load_workbook(out)["发文登记簿"]
    assert [c.value for c in sheet[1]] == HEADERS


def test_import_all_or_nothing_then_export_round_trip(cli: Cli, tmp_path: Path) -> None:
    bad = dict(WITHHELD, 依据="")
    early = dict(GOOD, 文号="白鹤府发〔2025〕13号", 发布日期="2025-09-24")
    code, out, err = cli(
        "documents", "import", str(write_book(tmp_path / "a.xlsx", [GOOD, bad, early])), "--today", "2025-12-31"
    )
    assert code == 2 and out == ""
    assert "第3行 [依据]：附注为“此件不公开”的公文须选择依据" in err
    assert "第4行 [发布日期]：发布日期2025-09-24早于终审日期2025-09-25" in err
    assert cli.json("documents", "list", "--json") == []

    book = write_book(tmp_path / "b.xlsx", [GOOD, WITHHELD])
    assert "已导入 2 件公文，跳过 0 行" in cli.ok("documents", "import", str(book), "--today", "2025-12-31")
    assert "已导入 0 件公文，跳过 2 行" in cli.ok("documents", "import", str(book), "--today", "2025-12-31")
    shown = cli.json("documents", "show", NUMBER, "--json", "--today", "2025-12-31")
    assert shown["catalogue"] == "政府信息公开目录 › 惠民惠农资金"
    assert (shown["publish_column"], shown["publish_url"]) == ("惠民惠农资金", "http://www.baihe.gov.cn/zwgk/12.html")
    assert shown["publish_state"] == "已发布（按时）"

    import openpyxl

    out_path = tmp_path / "导出.xlsx"
    cli.ok("documents", "export", str(out_path))
    sheet = openpyxl.load_workbook(out_path)["发文登记簿"]
    rows = [dict(zip(HEADERS, [c.value for c in r], strict=False)) for r in sheet.iter_rows(min_row=2)]
    assert [r["文号"] for r in rows] == ["白鹤府办发〔2025〕3号", NUMBER]
    assert rows[1]["终审人"] == "刘镇长" and rows[1]["公开目录"] == "政府信息公开目录>惠民惠农资金"


def test_normative_catalogue_and_public_catalogue_exports(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    cli.ok("documents", "catalogue", "add", "政府信息公开目录>惠民惠农资金")
    add(cli, "--catalogue", "政府信息公开目录>惠民惠农资金")
    cli.ok("documents", "normative", str(tmp_path / "n.xlsx"), "--today", "2025-12-31")
    assert openpyxl.load_workbook(tmp_path / "n.xlsx")["现行有效"]["C3"].value == TITLE
    cli.ok("documents", "catalogue", "export", str(tmp_path / "c.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx")["主动公开目录"]
    assert [ws["A4"].value, ws["B4"].value] == ["政府信息公开目录 › 惠民惠农资金", NUMBER]
    code, out, err = cli("documents", "normative", str(tmp_path / "n.docx"))
    assert code == 2 and "应以.xlsx或.pdf结尾" in err and not (tmp_path / "n.docx").exists()


def test_state_change_needs_its_date(cli: Cli) -> None:
    add(cli)
    code, out, err = cli("documents", "state", NUMBER, "--state", "已废止", "--today", "2025-12-31")
    assert code == 2 and "状态为“已废止”的公文须填写废止日期" in err
    out = cli.ok("documents", "state", NUMBER, "--state", "已废止", "--date", "2025-12-01", "--today", "2025-12-31")
    assert out.strip() == f"{NUMBER}的状态已改为已废止（2025-12-01）。"
    [item] = cli.json("documents", "list", "--json", "--state", "已废止")
    assert item["state"] == "已废止"
