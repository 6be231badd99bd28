"""`documents list|show|add|review|publish|catalogue`, run in-process through main.main() as a clerk types it.

成文 2025-09-22 → due 2025-10-24 (20 working days across 国庆, counted by hand in tests/db/test_documents_service.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import main

NUMBER = "白鹤府发〔2025〕12号"
TITLE = "白鹤镇人民政府关于印发2025年惠民惠农财政补贴资金发放办法的通知"


class Cli:
    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path, self.capsys = db_path, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main.main(["--db", str(self.db_path), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args))


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "d.db", capsys)


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
