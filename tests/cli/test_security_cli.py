"""Issue 9 §5 on the command line: `users`, `--user` with DISCLOSURE_DESK_PASSWORD, `audit list|export`,
`retention anonymise`, and exports that are logged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from models.migrate import open_database
from models.services import applications
from models.services.applications import ApplicationInput
from tests.cli.runner import Cli as BaseCli

ADMIN_PASSWORD = "Baihe#2025"


class Cli(BaseCli):
    """The shared runner, with the passwords given through the environment as a script would."""

    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(db_path, capsys)
        self.monkeypatch = monkeypatch

    def __call__(  # type: ignore[override]
        self, *args: str, password: str | None = None, new_password: str | None = None
    ) -> tuple[int, str, str]:
        for name, value in (("DISCLOSURE_DESK_PASSWORD", password), ("DISCLOSURE_DESK_NEW_PASSWORD", new_password)):
            if value is None:
                self.monkeypatch.delenv(name, raising=False)
            else:
                self.monkeypatch.setenv(name, value)
        return super().__call__(*args)

    def ok(self, *args: str, **kw: Any) -> str:  # type: ignore[override]
        code, out, err = self(*args, **kw)
        assert (code, err) == (0, ""), err
        return out


@pytest.fixture
def cli(
    tmp_path: Path, database_target: Path | str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    return Cli(tmp_path / "c.db" if isinstance(database_target, Path) else database_target, capsys, monkeypatch)


def _register(path: Path, received: date = date(2025, 3, 3)) -> str:
    db = open_database(path)
    try:
        form = ApplicationInput(received=received, applicant_name="张三", phone="13812345678", content="申请公开")
        return applications.register(db, form, today=received).number
    finally:
        db.close()


@pytest.fixture
def login_on(cli: Cli) -> Cli:
    cli.ok("users", "add", "王管理", "--role", "管理员", new_password=ADMIN_PASSWORD)
    cli.ok("users", "add", "小李", "--role", "录入员", new_password="xiaoli-2025")
    assert cli.ok("users", "login", "on") == "已启用登录。\n"
    return cli


def test_cli_login_on_commands_need_user_and_password_from_the_environment(login_on: Cli) -> None:
    code, out, err = login_on("profile", "show")
    assert code == 2 and out == ""
    assert "已启用登录：请用 --user 用户名 指定用户" in err
    code, _out, err = login_on("--user", "王管理", "profile", "show", password="wrong-pass")
    assert (code, err) == (2, "错误：用户名或密码错误。\n")
    listing = login_on.ok("--user", "王管理", "users", "list", password=ADMIN_PASSWORD)
    assert listing.splitlines() == ["登录：已启用", "王管理\t管理员\t正常", "小李\t录入员\t正常"]


def test_cli_login_clerk_cannot_unlock_a_period_nor_add_users(login_on: Cli) -> None:
    login_on.ok("--user", "小李", "report", "lock", "--month", "2025-03", password="xiaoli-2025")
    code, _out, err = login_on("--user", "小李", "report", "unlock", "--month", "2025-03", "--reason", "退回",
                               password="xiaoli-2025")  # fmt: skip
    assert code == 2 and "此操作需要“管理员”权限" in err
    code, _out, err = login_on("--user", "小李", "users", "add", "新人", "--role", "录入员",
                               password="xiaoli-2025", new_password="newcomer-1")  # fmt: skip
    assert code == 2 and "此操作需要“管理员”权限" in err
    out = login_on.ok("--user", "王管理", "report", "unlock", "--month", "2025-03", "--reason", "退回",
                      password=ADMIN_PASSWORD)  # fmt: skip
    assert out.startswith("已解锁 2025年3月的月报（王管理，")


def test_cli_audit_list_json_and_filters(cli: Cli) -> None:
    number = _register(cli.db_path)
    cli.ok("profile", "set", "单位名称", "白鹤镇人民政府")
    items = json.loads(cli.ok("audit", "list", "--json"))
    assert all(set(item) == {"id", "at", "user", "action", "table", "record", "changes", "detail"} for item in items)
    assert [(i["action"], i["table"], i["record"]) for i in items][:2] == [
        ("新增", "application", number),
        ("新增", "application_event", number),
    ]
    profile = [i for i in items if i["table"] == "unit_profile"]
    assert profile[-1]["changes"]["unit_name"][1] == "白鹤镇人民政府"
    assert json.loads(cli.ok("audit", "list", "--json", "--to", "2000-01-01")) == []
    assert json.loads(cli.ok("audit", "list", "--json", "--user", "没有这个人")) == []
    assert len(json.loads(cli.ok("audit", "list", "--json", "--record", number))) == 2
    code, _out, err = cli("audit", "list", "--from", "2025-02-30")
    assert code == 2 and "不是有效日期" in err


def test_cli_audit_export_writes_xlsx_and_refuses_another_suffix(cli: Cli, tmp_path: Path) -> None:
    _register(cli.db_path)
    out = tmp_path / "审计.xlsx"
    assert cli.ok("audit", "export", str(out)).startswith("已导出 2 条审计日志到：")
    ws = openpyxl.load_workbook(out)["审计日志"]
    assert ws["D2"].value == "新增" and ws["F2"].value == "2025-0001"
    code, _out, err = cli("audit", "export", str(tmp_path / "审计.csv"))
    assert code == 2 and "应以.xlsx结尾" in err
    assert not (tmp_path / "审计.csv").exists()


def test_cli_full_export_and_annual_report_are_logged(cli: Cli, tmp_path: Path) -> None:
    _register(cli.db_path)
    cli.ok("applications", "export", str(tmp_path / "台账.xlsx"), "--full")
    cli.ok("applications", "export", str(tmp_path / "对外.xlsx"), "--mask-names")
    code, _out, _err = cli("report", "annual", "--year", "2025", "--out", str(tmp_path / "年报.xlsx"))
    assert code in (0, 1)
    exports = [i for i in json.loads(cli.ok("audit", "list", "--json")) if i["action"] == "导出"]
    assert [i["record"] for i in exports] == ["台账.xlsx", "对外.xlsx", "年报.xlsx"]
    assert "含完整个人信息" in exports[0]["detail"]
    assert "姓名、地址、证件号码、联系电话已遮盖" in exports[1]["detail"]
    assert openpyxl.load_workbook(tmp_path / "对外.xlsx")["台账"]["E2"].value == "张*"


def test_cli_retention_anonymise_needs_yes(cli: Cli) -> None:
    number = _register(cli.db_path)
    db = open_database(cli.db_path)
    try:
        from models.domain.case import EventKind

        reply = {"result": "予以公开", "detail": "", "served": "2025-03-10", "method": "直接"}
        applications.record_event(db, number, EventKind.REPLY, date(2025, 3, 10), reply, today=date(2025, 3, 10))
    finally:
        db.close()
    code, out, _err = cli("retention", "anonymise", "--older-than", "5", "--today", "2030-03-10")
    assert code == 1 and "将匿名化 1 件申请。确认后请加 --yes" in out
    assert "张*" in cli.ok("applications", "show", number)
    out = cli.ok("retention", "anonymise", "--older-than", "5", "--today", "2030-03-10", "--yes")
    assert out == f"已匿名化 1 件申请。（{number}）\n"
    assert "申请人：已匿名化" in cli.ok("applications", "show", number)
    code, _out, err = cli("retention", "anonymise", "--yes")
    assert code == 2 and "请指定保存年限" in err


@pytest.mark.sqlite_only  # backup works on the SQLite file (a server is backed up with pg_dump)
def test_cli_backup_and_restore_are_in_the_audit_log_and_restore_needs_an_admin(login_on: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "备份.zip"
    login_on.ok("--user", "小李", "backup", "create", str(backup), password="xiaoli-2025")
    items = json.loads(login_on.ok("--user", "王管理", "audit", "list", "--json", password=ADMIN_PASSWORD))
    assert ("备份", "小李", "备份.zip") in [(i["action"], i["user"], i["record"]) for i in items]
    code, _out, err = login_on("--user", "小李", "backup", "restore", str(backup), "--yes", password="xiaoli-2025")
    assert code == 2 and "此操作需要“管理员”权限" in err
    code, _out, err = login_on("backup", "restore", str(backup), "--yes")
    assert code == 2 and "已启用登录" in err
    login_on.ok("--user", "王管理", "backup", "restore", str(backup), "--yes", password=ADMIN_PASSWORD)
    items = json.loads(login_on.ok("--user", "王管理", "audit", "list", "--json", password=ADMIN_PASSWORD))
    actions = [(i["action"], i["user"], i["record"]) for i in items]
    assert actions[-2:] == [("恢复", "王管理", "备份.zip"), ("登录", "王管理", "王管理")]  # in the restored log
