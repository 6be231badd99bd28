"""`main.py --self-test` (issue 12, Packaging): a new database in a temporary folder, one letter in Word and PDF,
one monthly return, the fonts and templates found; one Chinese line per check; exit 0, or 1 when a check fails.
The frozen bundle runs the same self-test in tests/test_frozen_build.py."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import resources
from cli.self_test import run_self_test
from tests.conftest import REPO_ROOT

CHECKS = ("文书模板", "字体", "数据库", "单位信息和申请登记", "文书（Word）", "文书（PDF）", "月报（Excel）", "清理")


def test_self_test_from_source_passes_every_check_and_leaves_nothing_behind(app_home: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--self-test"],
        env={**os.environ},
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, out + done.stderr.decode("utf-8", "replace")
    lines = out.splitlines()
    assert lines[0] == "政务公开工作台自检："
    assert [line.split("：")[0] for line in lines[1:-1]] == [f"✓ {check}" for check in CHECKS]
    assert lines[-1] == "自检通过。"
    assert "申请 2026-0001" in out  # the first application of 2026 in the new database
    assert "登记回执" in out
    assert "2026年3月" in out  # the monthly return of March 2026
    # the clerk's data is untouched: no database in the data folder, the temporary folder removed
    data = app_home / "data"
    assert not list(data.glob("*.db"))
    assert not [p for p in data.rglob("*") if "自检" in p.name]


def test_self_test_reports_missing_templates_with_a_cross_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "resources"  # an installation whose templates folder was not copied
    damaged.mkdir()
    (damaged / "fonts").symlink_to(resources.RESOURCES_DIR / "fonts", target_is_directory=True)
    monkeypatch.setattr(resources, "RESOURCES_DIR", damaged)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = io.StringIO()
    assert run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("✗ 文书模板：缺少内置文书模板 reply.docx")
    assert lines[2].startswith("✓ 字体")
    assert any(line.startswith("✗ 文书（Word）") for line in lines)
    assert any(line.startswith("✗ 文书（PDF）") for line in lines)
    assert "✓ 清理：临时文件夹已删除" in lines
    assert lines[-1].startswith("自检未通过：文书模板、文书（Word）、文书（PDF）")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("自检-")]
