"""The month of the 期限日历 on paper (A4 landscape): title with the unit, weekday header 一…日, 休/班 marks, items
with their state in words, 另N项 in a crowded day and every item in the list after the grid; written atomically."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from exporters.calendar_pdf import write_calendar_pdf
from models.domain.deadline_calendar import DeadlineItem
from models.domain.errors import UserError
from models.services.deadline_calendar import CalendarDay

UNIT = "青山县白鹤镇人民政府"


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _february_2026(items_on_the_10th: int) -> list[CalendarDay]:
    """The six weeks from Monday 2026-01-26; marks written out from the 2026 notice (春节 02-15…02-23, 班 02-14/28)."""
    start = date(2026, 1, 26)
    days = []
    for n in range(42):
        day = start + timedelta(days=n)
        mark = (
            "休"
            if date(2026, 2, 15) <= day <= date(2026, 2, 23)
            else "班"
            if day.day in (14, 28) and day.month == 2
            else ""
        )
        items = []
        if day == date(2026, 2, 10):
            items = [
                DeadlineItem("依申请公开", f"2026-{i:04d}", "答复期限", day, "已逾期", "李四")
                for i in range(1, items_on_the_10th + 1)
            ]
        if day == date(2026, 2, 26):
            items = [
                DeadlineItem(
                    "公文", "白鹤府发〔2026〕3号", "公开发布期限：《关于春耕的通知》", day, "3个工作日内到期", "党政办"
                )
            ]
        days.append(CalendarDay(day, mark, False, items))
    return days


def test_calendar_pdf_has_title_weekdays_marks_states_and_every_item(tmp_path: Path) -> None:
    path = tmp_path / "2026-02.pdf"
    result = write_calendar_pdf(path, 2026, 2, _february_2026(8), unit_name=UNIT)
    assert result.items == 9 and result.pages >= 2
    text = _text(path)
    flat = text.replace(" ", "")
    assert f"2026年2月期限日历—{UNIT}" in flat
    assert "一二三四五六日" in flat
    assert "14班" in flat and "15休" in flat and "23休" in flat and "28班" in flat
    assert "另3项（见清单）" in text  # 8 items on 02-10: five printed in the cell
    assert "【逾期】" in text and "【临期】" in text
    for i in range(1, 9):  # the list after the grid holds every item
        assert f"2026-{i:04d}" in text
    assert "白鹤府发〔2026〕3号" in text and "党政办" in text and "3个工作日内到期" in text


def test_calendar_pdf_into_a_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "没有的文件夹" / "x.pdf"
    with pytest.raises(UserError, match="文件夹不存在"):
        write_calendar_pdf(path, 2026, 2, _february_2026(1), unit_name=UNIT)
    assert not path.exists() and not path.parent.exists()
