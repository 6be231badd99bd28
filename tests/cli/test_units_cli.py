"""`units list|add|use` (issue 13), run in-process through main.main() as a clerk types it."""

from __future__ import annotations

from tests.cli.runner import Cli


def test_units_list_shows_the_databases_own_unit_as_current(cli: Cli) -> None:
    lines = cli.ok("units", "list").splitlines()
    assert len(lines) == 1 and lines[0].startswith("* 本单位\t")


def test_units_add_then_use_makes_the_new_unit_current(cli: Cli) -> None:
    assert cli.ok("units", "add", "石桥镇", "青山县石桥镇人民政府") == "已新增单位：石桥镇（青山县石桥镇人民政府）\n"
    cli.ok("units", "use", "石桥镇")
    lines = cli.ok("units", "list").splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["  本单位", ""], ["* 石桥镇", "青山县石桥镇人民政府"]]


def test_units_add_twice_is_refused_in_chinese_exit_2(cli: Cli) -> None:
    cli.ok("units", "add", "石桥镇")
    code, out, err = cli("units", "add", "石桥镇", "另一个")
    assert (code, out) == (2, "")
    assert "已有代码为“石桥镇”的单位" in err
    assert len(cli.ok("units", "list").splitlines()) == 2


def test_units_use_an_unknown_unit_is_refused(cli: Cli) -> None:
    code, _out, err = cli("units", "use", "不存在")
    assert code == 2 and "没有代码为“不存在”的单位" in err


def test_units_profile_is_per_unit_and_unit_chooses_whose_profile(cli: Cli) -> None:
    cli.ok("units", "add", "石桥镇", "青山县石桥镇人民政府")
    cli.ok("profile", "set", "单位名称", "白鹤镇人民政府")
    assert cli.ok("profile", "set", "地址", "石桥镇正街2号", "--unit", "石桥镇") == "已保存 地址：石桥镇正街2号\n"
    own = cli.ok("profile", "show").splitlines()
    assert "单位名称：白鹤镇人民政府" in own and "地址：" in own
    other = cli.ok("profile", "show", "--unit", "石桥镇").splitlines()
    assert "单位名称：" in other and "地址：石桥镇正街2号" in other
    code, out, err = cli("profile", "show", "--unit", "不存在")
    assert (code, out) == (2, "") and "没有代码为“不存在”的单位" in err
