"""The 节假日 page, issue 9 §4: importing over a year that has data already shows, in the confirmation step,
which days change and which open deadlines move; nothing is stored before the clerk confirms."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from models.services import applications
from models.services import holidays as holiday_service
from models.services.applications import ApplicationInput
from tests.gui.navigation import open_page

# 2026 is covered by the built-in data: 2026-12-01 (a Tuesday) is a working day there.
CORRECTION_2026 = "date,type\n2026-12-01,休\n"


def test_import_over_a_year_with_data_shows_changed_days_and_moved_deadlines_before_confirming(
    window, db, qtbot
) -> None:
    registered = applications.register(
        db,
        ApplicationInput(received=date(2026, 11, 20), applicant_name="张三", content="村道路硬化工程招标文件"),
        today=date(2026, 11, 23),
    )
    # 2026-11-20 (Friday) + 20 working days = 2026-12-18; with 12-01 a rest day: 2026-12-21 (Monday).
    assert applications.get_detail(db, registered.number).state.reply_due == date(2026, 12, 18)
    page = open_page(window, "节假日")
    page.notice_text.setPlainText(CORRECTION_2026)
    qtbot.mouseClick(page.parse_button, Qt.MouseButton.LeftButton)

    note = page.preview_note.text()
    assert "2026年已有节假日数据：这次导入会改变1天的安排，1个未办结申请的期限随之改变。" in note
    assert "2026-12-01：上班 → 放假" in note
    assert f"{registered.number} 答复期限：2026-12-18 → 2026-12-21" in note
    assert page.confirm_button.text() == "确认导入（会改变已有安排）"
    assert holiday_service.load_calendar(db).is_working_day(date(2026, 12, 1))  # nothing stored yet

    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)

    assert not holiday_service.load_calendar(db).is_working_day(date(2026, 12, 1))
    assert applications.get_detail(db, registered.number).state.reply_due == date(2026, 12, 21)
    assert page.confirm_button.text() == "确认导入" and not page.confirm_button.isEnabled()


def test_import_of_a_year_without_data_asks_nothing_more(window, db, qtbot) -> None:
    page = open_page(window, "节假日")
    page.notice_text.setPlainText("date,type\n2027-01-01,休\n")
    qtbot.mouseClick(page.parse_button, Qt.MouseButton.LeftButton)
    assert "已有节假日数据" not in page.preview_note.text()
    assert page.confirm_button.text() == "确认导入"
