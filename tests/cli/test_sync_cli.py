"""Issue 13, CLI: `sync export --since-last --out DIR` on a township's SQLite file and `sync import FILE` on the
county database (SQLite, or PostgreSQL with DISCLOSURE_DESK_TEST_DB=postgresql): exit 0 imported, 1 imported with
conflicts (listed), 2 refused with a Chinese message and nothing written."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.cli.runner import Cli
from tests.db.test_sync import database_fingerprint, unit_template  # noqa: F401 - the module's unit database

SUMMARY_KEYS = [
    "package",
    "package_uuid",
    "unit",
    "already_imported",
    "inserted",
    "updated",
    "unchanged",
    "deleted",
    "conflict_records",
    "conflicts",
    "files",
    "missing_previous",
]


@pytest.fixture
def township(unit_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:  # noqa: F811
    folder = tmp_path / "township"
    shutil.copytree(unit_template.parent, folder)
    return Cli(folder / "unit.db", capsys)


@pytest.fixture
def county(cli: Cli, township: Cli) -> Cli:
    """The county database with the township's unit added by its uuid (as `units list` shows it)."""
    code, _name, unit_uuid = township.ok("units", "list").split("\n")[0].lstrip("* ").split("\t")
    cli.ok("units", "add", "石桥镇", "青山县石桥镇人民政府", "--uuid", unit_uuid)
    return cli


def edit_note(database_target: Path | str, number: str, note: str) -> None:
    from sqlalchemy import text

    from models.migrate import open_database

    database = open_database(database_target)
    try:
        with database.transaction() as session:
            session.execute(text("UPDATE application SET note = :note WHERE number = :n"), {"note": note, "n": number})
    finally:
        database.close()


def export(township: Cli, out: Path) -> Path:
    out.mkdir()
    return Path(township.json("sync", "export", "--since-last", "--out", str(out), "--json")["file"])


def test_export_help_says_what_a_first_package_contains(township: Cli):
    code, out, _ = township("sync", "export", "--help")
    assert code == 0 and "第一个同步包包含" in out and "--since-last" in out


def test_round_trip_import_prints_the_summary_then_twice_changes_nothing(township: Cli, county: Cli, tmp_path: Path):
    first = township.json("sync", "export", "--since-last", "--out", str(tmp_path), "--json")
    assert first["full"] is True and first["seq"] == 1 and first["files"] == 3
    package = first["file"]
    code, out, err = county("sync", "import", package)
    assert (code, err) == (0, "")
    assert f"新增 {first['records']}、更新 0、未变 0、冲突 0" in out
    from models.migrate import open_database

    database = open_database(county.db_path)
    try:
        before = database_fingerprint(database)
    finally:
        database.close()
    code, out, _ = county("sync", "import", package)
    assert code == 0 and "此前已导入，本次未作任何更改" in out
    again = county.json("sync", "import", package, "--json")
    assert list(again) == SUMMARY_KEYS
    assert (again["already_imported"], again["inserted"], again["updated"]) == (True, 0, 0)
    database = open_database(county.db_path)
    try:
        assert database_fingerprint(database) == before
    finally:
        database.close()


def test_conflicting_record_is_listed_and_import_exits_1(township: Cli, county: Cli, tmp_path: Path):
    county.ok("sync", "import", str(export(township, tmp_path / "1")))
    number = township.json("applications", "list", "--json")[0]["number"]
    edit_note(township.db_path, number, "单位：已补正")
    edit_note(county.db_path, number, "县里：请核实")

    code, out, err = county("sync", "import", str(export(township, tmp_path / "2")), "--json")
    report = json.loads(out)
    assert (code, err) == (1, "")
    assert report["conflict_records"] == 1
    assert [(c["record"], c["field"], c["server"], c["package"]) for c in report["conflicts"]] == [
        (f"申请 {number}", "note", "县里：请核实", "单位：已补正")
    ]
    county.ok("units", "use", "石桥镇")
    assert county.json("applications", "show", number, "--json")["note"] == "县里：请核实"


def test_second_since_last_package_holds_only_the_change_after_the_first(township: Cli, tmp_path: Path):
    export(township, tmp_path / "1")
    number = township.json("applications", "list", "--json")[0]["number"]
    edit_note(township.db_path, number, "已电话联系")
    (tmp_path / "2").mkdir()
    second = township.json("sync", "export", "--since-last", "--out", str(tmp_path / "2"), "--json")
    assert (second["full"], second["seq"], second["counts"]) == (False, 2, {"application": 1})


@pytest.mark.parametrize("damage", ["truncated", "member-removed"])
def test_damaged_package_is_refused_exit_2_nothing_written(township: Cli, county: Cli, tmp_path: Path, damage: str):
    good = export(township, tmp_path / "usb")
    bad = tmp_path / "坏包.zip"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[:-200])
    else:
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
            for name in source.namelist():
                if name != "records/plan_task.json":
                    target.writestr(name, source.read(name))
    code, out, err = county("sync", "import", str(bad))
    assert (code, out) == (2, "")
    assert "同步包“坏包.zip”被拒绝，未导入任何内容" in err and "Traceback" not in err
    county.ok("units", "use", "石桥镇")
    assert county.json("applications", "list", "--json") == []


def test_package_of_an_unknown_unit_is_refused_telling_to_add_it(township: Cli, cli: Cli, tmp_path: Path):
    package = export(township, tmp_path / "usb")
    code, out, err = cli("sync", "import", str(package))
    assert code == 2 and "本数据库中没有这个单位" in err and "units add" in err and "--uuid" in err


def test_units_add_refuses_a_malformed_uuid(cli: Cli):
    code, out, err = cli("units", "add", "石桥镇", "--uuid", "not-a-uuid")
    assert (code, out) == (2, "") and "不是有效的uuid" in err
    assert "石桥镇" not in cli.ok("units", "list")


def test_export_json_has_stable_keys(township: Cli, tmp_path: Path):
    report = township.json("sync", "export", "--since-last", "--out", str(tmp_path), "--json")
    assert list(report) == [
        "file", "package_uuid", "unit", "seq", "full", "records", "counts", "files", "missing_files", "deleted",
    ]  # fmt: skip
