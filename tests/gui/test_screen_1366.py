"""1366×768 is the usual township screen (about 1366×728 usable below the taskbar): the main window, every page and
every dialog fit it; each dialog's Save/OK button and its error line are inside it; the application list shows
答复期限, 剩余工作日 and 期限状态 without scrolling sideways.

The offscreen platform reports no taskbar, so the probe (tests/gui/screen_probe.py) runs in its own process on an
offscreen screen configured as the usable 1366×728 area."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREEN = (0, 0, 1366, 728)


def _inside(rect: list[int]) -> bool:
    x, y, w, h = rect
    left, top, width, height = SCREEN
    return x >= left and y >= top and x + w <= left + width and y + h <= top + height


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("screen")
    config = folder / "screen.json"
    config.write_text(
        json.dumps(
            {
                "synchronousWindowSystemEvents": True,
                "windowFrameMargins": False,
                "screens": [{"name": "township", "x": 0, "y": 0, "width": 1366, "height": 728, "logicalDpi": 96}],
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(REPO))
    env["DISCLOSURE_DESK_HOME"] = str(folder / "home")
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "gui" / "screen_probe.py"), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert tuple(result["screen"]) == SCREEN
    return result


def test_gui_1366_main_window_never_grows_past_the_screen(probe: dict) -> None:
    windows = [r for r in probe["rows"] if r["name"].startswith("主窗口/")]
    assert len(windows) == 12  # eleven pages, and once more after every dialog
    for row in windows:
        assert _inside(row["dialog"]), row


def test_gui_1366_every_dialog_fits_with_its_save_button_and_error_line(probe: dict) -> None:
    dialogs = [r for r in probe["rows"] if "buttons" in r]
    names = {r["name"] for r in dialogs}
    assert {
        "登记申请",
        "修改登记信息",
        "首次使用",
        "首次使用/单位信息",
        "填写经办人",
        "今日待办",
        "事件/延期答复",
        "事件/登记答复",
        "文书/reply",
        "粘贴计划文本",
        "登记进展",
        "导出同步包",
        "导入同步包",
    } <= names
    for row in dialogs:
        assert _inside(row["dialog"]), row
        assert row["buttons"], row
        for button in row["buttons"]:
            assert _inside(button), row
        assert row["error"] is not None and _inside(row["error"]), row


def test_gui_1366_application_list_shows_the_clock_without_scrolling_sideways(probe: dict) -> None:
    (row,) = [r for r in probe["rows"] if r["name"] == "申请列表"]
    assert row["scroll"] == 0
    for title in ("答复期限", "剩余工作日", "期限状态"):
        position, width, viewport = row["columns"][title]
        assert position >= 0 and position + width <= viewport, (title, row)
