"""The benchmark report (issue 12): `python -m benchmarks.run` writes a table with every figure, its baseline measured
in the same run, the ratio, the goal and 达标/未达标 — here on a tiny unit (--scale 0.01, --quick)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from benchmarks import _pg, _report, run
from tests.conftest import REPO_ROOT

# One row per figure the issue lists (start-up painted/usable, each list, the month calendar, the annual report,
# letters, ledger import/export and its memory, backup, the GUI's peak memory).
FIGURE_ROWS = (
    "启动：主窗口绘出",
    "启动：可用",
    "列表 依申请公开：打开列表",
    "列表 公文：打开列表",
    "列表 征求意见：打开列表",
    "列表 政策解读：打开列表",
    "期限日历",
    "年度报告",
    "文书：批量生成",
    "台账导入",
    "台账导出",
    "峰值内存（命令行）",
    "备份",
    "界面峰值内存",
)


def run_quick(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--scale", "0.01", "--cache", str(tmp_path / "c")]
    return subprocess.run(
        [*command, *extra], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False
    )


def test_report_has_every_figure_with_baseline_ratio_goal_and_verdict(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    before = "# 标题\n\nbash scripts/run.sh --demo\n\n<!-- bench:start -->\n"
    readme.write_text(before + "旧表格\n<!-- bench:end -->\n尾部\n", encoding="utf-8")
    out = tmp_path / "tmp" / "RESULTS.md"
    done = run_quick(tmp_path, "--out", str(out), "--readme", str(readme))
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| 项目"))
    assert [c.strip() for c in header.strip("|").split("|")] == [
        "项目", "结果", "基准（同一次运行）", "基准值", "倍数", "目标", "是否达标",
    ]  # fmt: skip
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| 项目")]
    for figure in FIGURE_ROWS:
        found = [r for r in rows if figure in r.split("|")[1]]
        assert found, f"no row for {figure}:\n{text}"
        cells = [c.strip() for c in found[0].strip("|").split("|")]
        assert "错误" not in cells[1], found[0]
        assert re.fullmatch(r"\d+\.\d\d×", cells[4]), f"ratio cell of {figure}: {cells[4]}"
        assert cells[6] in ("达标", "未达标")
    assert re.search(r"CPU \d+ 核.*Python 3\.\d+.*SQLite 3\.\d+.*Qt 6\.", text)
    # the county server's section (issue 13): its own titled table, measured on PostgreSQL when it is installed
    assert "**县级服务器（PostgreSQL，3 个单位 × 2 年）**" in text
    for figure in ("县级：全县 2025 年度报告", "县级：单位申请列表首屏"):
        cells = [c.strip() for c in next(r for r in rows if figure in r).strip("|").split("|")]
        if _pg.installed():
            assert re.fullmatch(r"\d+\.\d\d×", cells[4]) and cells[6] in ("达标", "未达标"), cells
        else:
            assert cells[1].startswith("未测：未安装 PostgreSQL") and cells[6] == "未测", cells
    # the README's block between the markers is the new table; what is around it is untouched
    new = readme.read_text(encoding="utf-8")
    assert "旧表格" not in new and "| 启动：主窗口绘出" in new
    assert new.startswith(before) and new.endswith("<!-- bench:end -->\n尾部\n")


def test_no_pg_leaves_the_county_section_in_the_report_saying_why(tmp_path: Path) -> None:
    ctx = run.Context(scale=0.01, runs=1, cache=tmp_path, pg=False)
    text = _report.markdown(run.fig_county(ctx), 0.01, 1, 1.0, today=date(2026, 11, 28))

    lines = text.splitlines()
    assert "**县级服务器（PostgreSQL，3 个单位 × 2 年）**" in lines
    county = [line for line in lines if line.startswith("| 县级")]
    assert len(county) == 3  # the county table, a unit's list, the sync import
    for line in county:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1] == "未测：用 --no-pg 跳过" and cells[6] == "未测", line
    assert "共 0 项达标、0 项未达标或出错、3 项未测" in text
