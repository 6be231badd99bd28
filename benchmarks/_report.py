"""RESULTS.md from the figures' rows, and the README block between the bench markers."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HEADER = "| 项目 | 结果 | 基准（同一次运行） | 基准值 | 倍数 | 目标 | 是否达标 |"


def _number(value: Any, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    if not isinstance(value, int | float):
        return f"{value} {unit}".strip()
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:,.1f} {unit}"


def _ratio(value: Any) -> str:
    if isinstance(value, int | float) and value == value:
        return f"{value:.2f}×"
    return str(value) if value not in (None, "") else "—"


def _met(value: Any) -> str:
    if isinstance(value, str):
        return value
    return {True: "达标", False: "未达标"}.get(value, "—")


def _line(r: dict[str, Any]) -> str:
    if "skipped" in r:  # not measured, and why (e.g. --no-pg, no PostgreSQL installed)
        reason = str(r["skipped"]).replace("|", "/").replace("\n", " ")[:200]
        return f"| {r['figure']} | 未测：{reason} | — | — | — | {r.get('goal', '')} | 未测 |"
    if "error" in r:
        error = str(r["error"]).replace("|", "/").replace("\n", " ")[:200]
        return f"| {r['figure']} | 错误：{error} | — | — | — | — | 未测出 |"
    unit = r.get("unit", "")
    cells = (
        r.get("figure", "?"), _number(r.get("value"), unit), r.get("baseline_label", ""),
        _number(r.get("baseline"), unit), _ratio(r.get("ratio")), r.get("goal", ""), _met(r.get("met")),
    )  # fmt: skip
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def machine() -> str:
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"Qt {QtCore.qVersion()}（PySide6 {PySide6.__version__}）"
    except ImportError:
        qt = "Qt 未安装"
    load = f"，测量结束时系统负载 {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"CPU {os.cpu_count()} 核，{platform.system()} {platform.machine()}，Python {platform.python_version()}，"
        f"SQLite {sqlite3.sqlite_version}，{qt}{load}"
    )


def markdown(rows: list[dict[str, Any]], scale: float, runs: int, seconds: float, *, today: date) -> str:
    met = sum(1 for r in rows if _met(r.get("met")) == "达标")
    skipped = sum(1 for r in rows if "skipped" in r)
    failed = len(rows) - met - skipped
    size = f"{round(50_000 * scale):,} 件申请（含办理记录）、{round(100_000 * scale):,} 件公文"
    lines = [
        "# 性能基准报告",
        "",
        f"测于 {today.isoformat()}：{machine()}。",
        f"数据：{size}；每项取 {max(runs, 1)} 次运行的中位数（查询类 {max(runs, 3) * 3 + 2} 次，"
        f"启动 {2 * max(runs, 1) + 1} 次），"
        f"基准在同一次运行中测得；共 {met} 项达标、{failed} 项未达标或出错"
        f"{f'、{skipped} 项未测' if skipped else ''}；全程 {seconds / 60:.1f} 分钟。",
        *_tables(rows),
        "",
        f"生成命令：`nice .venv/bin/python -m benchmarks.run{' --quick' if runs < 3 else ''}"
        f"{f' --scale {scale:g}' if scale != 1 else ''}`（数据库缓存在 `benchmarks/.cache/`）。",
    ]
    return "\n".join(lines) + "\n" + NOTES


def _tables(rows: list[dict[str, Any]]) -> list[str]:
    """The main table, then one table per section (rows with a "section", e.g. the county server's), titled."""
    sections: dict[str, list[dict[str, Any]]] = {"": []}
    for r in rows:
        sections.setdefault(str(r.get("section", "")), []).append(r)
    lines: list[str] = []
    for title, members in sections.items():
        if title:
            lines += ["", f"**{title}**"]
        if members or not title:
            lines += ["", HEADER, "|---|---|---|---|---|---|---|", *(_line(r) for r in members)]
    return lines


NOTES = """
说明：

- 启动：从启动进程到主窗口第一次绘出（`painted`）和事件循环第一次空闲且没有后台任务（`usable`，工作台计数已显示），
  由 `DISCLOSURE_DESK_STARTUP_PROBE=1` 打印；基准是只显示一个空 `QMainWindow` 的子进程，与程序交替启动。两者都在
  `QT_QPA_PLATFORM=offscreen` 下运行；当天第一次启动（每日自动备份、刷新未办结期限）先运行一次、不计入。
- 列表和期限日历：服务层调用（每页 200 行）对比把它发出的同样SQL语句直接用 sqlite3 执行并取回结果。
- 年度报告：全部表格和校验对比表三的聚合SQL；文书：生成答复书（编号、登记、时间线、原子写入）对比 python-docx
  打开并保存同一模板；备份：压缩、清单和校验对比 SQLite 的备份 API；内存为子进程自身的峰值常驻内存（VmHWM）。
- 县级服务器：在 PostgreSQL 上生成 30 个单位 × 10 年（2016–2025）的申请（含办理记录和答复书）和公文
  （`benchmarks/bench_county.py`，生成一次后以 pg_dump 缓存）；全县年度报告以县级账号计算，对比全县表三聚合SQL；
  单位申请列表为依申请公开页首屏（节假日日历、200 行和总数，按单位过滤），取最慢单位，对比用 psycopg 重放同一SQL。
  `--no-pg` 或未安装 PostgreSQL 时该节注明“未测”及原因。
"""


def table_only(results: str) -> str:
    """The part of RESULTS.md the README shows: from the date line to the command line."""
    lines = results.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("测于"))
    end = next(i for i, line in enumerate(lines) if line.startswith("生成命令"))
    return "\n".join(lines[start : end + 1])


def update_readme(readme: Path, table: str) -> None:
    """Replace the block between the markers (added at the end of the 性能 section's place when missing)."""
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n## 性能（benchmarks/RESULTS.md）\n\n{block}\n"
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # print the machine line
    print(machine(), file=sys.stdout)
