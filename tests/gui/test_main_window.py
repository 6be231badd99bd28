"""The main window as a clerk sees it: navigation, status bar, the notice import, settings, errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui import errors as gui_errors
from gui.app import save_screenshots
from gui.table_models.calendar_days_model import CalendarDaysTableModel, DayRow
from models.services import holidays as holiday_service
from models.services import profile as profile_service
from tests.gui.navigation import open_page

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月14日（周日）上班。
三、清明节：4月5日（周一）放假，共1天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""
#: the same notice cut short: 元旦 and 国庆 only
PARTIAL_2027 = "\n".join(NOTICE_2027.splitlines()[i] for i in (0, 1, 7))


def test_navigation_lists_the_pages_and_status_bar_shows_db_and_coverage(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "工作台",
        "期限日历",
        "依申请公开",
        "公文",
        "征求意见",
        "政策解读",
        "任务清单",
        "节假日",
        "报表",
        "文书登记",
        "设置",
    ]
    item = window.nav.item(titles.index("节假日"))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    assert window.stack.currentWidget().title == "节假日"
    assert window.db.display_name in window.db_label.text()  # the file's path, or the server URL
    assert window.calendar_label.text() == "节假日数据：2004–2026"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    about = next(a for top in window.menuBar().actions() for a in top.menu().actions() if a.text() == "关于(&A)")
    about.trigger()
    assert shown and "版本" in shown[0]


def test_dashboard_warns_that_next_year_is_missing(window) -> None:
    dashboard = open_page(window, "工作台")
    assert "2027年节假日安排尚未录入，期限可能不准确" in dashboard.warning_label.text()
    assert "2026年11月23日（周一），工作日" in dashboard.today_label.text()


def test_pasting_a_notice_shows_the_days_then_stores_them_on_confirmation(qtbot, window, db) -> None:
    page = open_page(window, "节假日")
    window.show_page(2)
    page.notice_text.setPlainText(NOTICE_2027)
    qtbot.mouseClick(page.parse_button, Qt.MouseButton.LeftButton)
    rows = page.preview_model.rows()
    assert [r.day.isoformat() for r in rows if r.kind == "班"] == ["2027-02-14", "2027-09-26", "2027-10-09"]
    assert len(rows) == 3 + 8 + 1 + 1 + 5 + 1 + 1 + 7 + 2
    # Nothing is stored before the clerk confirms.
    assert not holiday_service.load_calendar(db).covers(2027)
    assert page.confirm_button.isEnabled()

    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)

    calendar = holiday_service.load_calendar(db)
    assert calendar.covers(2027)
    assert not calendar.is_working_day(__import__("datetime").date(2027, 1, 1))
    assert window.calendar_label.text() == "节假日数据：2004–2027"
    assert "尚未录入" not in open_page(window, "工作台").warning_label.text()
    assert page.year.value() == 2027 and page.days_model.rowCount() == 29


def test_gui_holiday_notice_covering_part_of_a_year_does_not_mark_it_complete(qtbot, window, db) -> None:
    page = open_page(window, "节假日")
    window.show_page(2)
    page.notice_text.setPlainText(PARTIAL_2027)
    qtbot.mouseClick(page.parse_button, Qt.MouseButton.LeftButton)
    assert "通知中没有春节、清明、劳动、端午、中秋的安排" in page.preview_note.text()
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    calendar = holiday_service.load_calendar(db)
    assert not calendar.is_working_day(__import__("datetime").date(2027, 10, 1))  # the days it has are stored
    assert not calendar.covers(2027)  # but 2027 stays uncertain
    assert window.calendar_label.text() == "节假日数据：2004–2026"
    assert "2027" in open_page(window, "工作台").warning_label.text()


def test_a_text_without_an_arrangement_is_refused_with_a_message(qtbot, window, db) -> None:
    page = open_page(window, "节假日")
    window.show_page(2)
    page.notice_text.setPlainText("国庆节自10月1日起放假调休7天。")
    page.notice_year.setValue(2027)
    qtbot.mouseClick(page.parse_button, Qt.MouseButton.LeftButton)
    assert page.preview_model.rowCount() == 0
    assert not page.confirm_button.isEnabled()
    assert "没有从通知中读到" in page.preview_note.text()


def test_settings_refuse_a_bad_postcode_and_keep_the_old_value(qtbot, window, db) -> None:
    page = open_page(window, "设置")
    window.show_page(5)
    page.form.edits["单位名称"].setText("X镇人民政府")
    page.form.edits["邮编"].setText("12")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "邮编" in page.status.text()
    assert profile_service.get_profile(db).unit_name == ""  # nothing half-written

    page.form.edits["邮编"].setText("404100")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert profile_service.get_profile(db).postcode == "404100"
    assert "X镇人民政府" in open_page(window, "工作台").unit_name.text()


def test_an_uncaught_exception_is_logged_and_shown_not_fatal(window, app_home, monkeypatch) -> None:
    from models.logs import setup_logging

    log_file = setup_logging()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    try:
        raise RuntimeError("boom for the log")
    except RuntimeError as exc:
        gui_errors._excepthook(type(exc), exc, exc.__traceback__)
    logging.getLogger().handlers[-1].flush()
    assert "boom for the log" in Path(log_file).read_text(encoding="utf-8")
    assert "意外错误" in shown[0]
    assert window.isVisible()


def test_calendar_days_model_passes_the_model_tester(qtmodeltester) -> None:
    from datetime import date

    model = CalendarDaysTableModel([DayRow(date(2025, 10, 1), "休", "国庆节", "内置数据")])
    qtmodeltester.check(model)
    index = model.index(0, CalendarDaysTableModel.COL_WEEKDAY)
    assert model.data(index) == "周三"


def test_chinese_text_renders_with_a_cjk_font(window) -> None:
    metrics = QFontMetrics(QApplication.font())
    for char in "政务公开工作台节假日":
        assert metrics.inFontUcs4(ord(char)), f"no glyph for {char} in {QApplication.font().family()}"


def test_screenshots_are_saved_for_every_page(window, tmp_path) -> None:
    saved = save_screenshots(window, tmp_path / "shots")
    assert [p.name for p in saved] == [
        "01-工作台.png",
        "02-期限日历.png",
        "03-依申请公开.png",
        "04-公文.png",
        "05-征求意见.png",
        "06-政策解读.png",
        "07-任务清单.png",
        "08-节假日.png",
        "09-报表.png",
        "10-文书登记.png",
        "11-设置.png",
    ]
    assert all(p.stat().st_size > 10_000 for p in saved)


@pytest.mark.parametrize("argv", [["--screenshot"]])
def test_screenshot_option_runs_headless(tmp_path, argv) -> None:
    import main

    out = tmp_path / "shots"
    assert main.main(["--db", str(tmp_path / "s.db"), *argv, str(out)]) == 0
    assert len(list(out.glob("*.png"))) == 11


@pytest.mark.sqlite_only  # a zip of the SQLite file (a server database: pg_dump)
def test_backup_from_the_file_menu_runs_in_the_background(qtbot, window, tmp_path, monkeypatch) -> None:
    import zipfile

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    target = tmp_path / "备份.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "备份文件 (*.zip)"))
    backup = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("备份全部数据"))
    backup.trigger()  # the real menu action, the real worker thread
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert str(target) in shown[0]
    assert window.db.path.name in zipfile.ZipFile(target).namelist()


def test_the_dashboard_counts_overdue_applications_and_opens_them(qtbot, window, db) -> None:
    from datetime import date

    from models.services import applications

    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 10, 9), applicant_name="张三", content="申请公开某合同"),
        today=date(2026, 10, 9),
    )  # 20 working days after 2026-10-09 (10-10 is a 调休 working Saturday) is 2026-11-05: overdue on 11-23
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：1 件"
    assert dashboard.todo_buttons["3个工作日内到期"].text() == "3个工作日内到期：0 件"
    qtbot.mouseClick(dashboard.todo_buttons["已逾期"], Qt.MouseButton.LeftButton)
    page = window.page("依申请公开")
    assert window.stack.currentWidget() is page
    assert page.deadline_state.currentText() == "已逾期" and page.model.rowCount() == 1
