"""The main window as a clerk sees it: navigation, status bar, the notice import, settings, errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from gui import errors as gui_errors
from gui.app import save_screenshots
from gui.dialogs.first_run_dialog import FirstRunDialog
from gui.table_models.calendar_days_model import CalendarDaysTableModel, DayRow
from models.services import holidays as holiday_service
from models.services import profile as profile_service

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_navigation_lists_the_pages_and_status_bar_shows_db_and_coverage(window) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["工作台", "依申请公开", "节假日", "报表", "文书登记", "征求意见", "政策解读", "设置"]
    window.show_page(2)
    assert window.stack.currentWidget().title == "节假日"
    assert str(window.db.path) in window.db_label.text()
    assert window.calendar_label.text() == "节假日数据：2004–2026"
    assert "版本" in window.about_text()


def test_dashboard_warns_that_next_year_is_missing(window) -> None:
    dashboard = window.page("工作台")
    assert "2027年节假日安排尚未录入，期限可能不准确" in dashboard.warning_label.text()
    assert "2026年11月23日（周一），工作日" in dashboard.today_label.text()


def test_pasting_a_notice_shows_the_days_then_stores_them_on_confirmation(window, db) -> None:
    page = window.page("节假日")
    page.notice_text.setPlainText(NOTICE_2027)
    page.parse()
    rows = page.preview_model.rows()
    assert [r.day.isoformat() for r in rows if r.kind == "班"] == ["2027-09-26", "2027-10-09"]
    assert len(rows) == 3 + 7 + 2
    # Nothing is stored before the clerk confirms.
    assert not holiday_service.load_calendar(db).covers(2027)
    assert page.confirm_button.isEnabled()

    page.confirm_import()

    calendar = holiday_service.load_calendar(db)
    assert calendar.covers(2027)
    assert not calendar.is_working_day(__import__("datetime").date(2027, 1, 1))
    assert window.calendar_label.text() == "节假日数据：2004–2027"
    assert "尚未录入" not in window.page("工作台").warning_label.text()
    assert page.year.value() == 2027 and page.days_model.rowCount() == 12


def test_a_text_without_an_arrangement_is_refused_with_a_message(window, db) -> None:
    page = window.page("节假日")
    page.notice_text.setPlainText("国庆节自10月1日起放假调休7天。")
    page.notice_year.setValue(2027)
    page.parse()
    assert page.preview_model.rowCount() == 0
    assert not page.confirm_button.isEnabled()
    assert "没有从通知中读到" in page.preview_note.text()


def test_settings_refuse_a_bad_postcode_and_keep_the_old_value(window, db) -> None:
    page = window.page("设置")
    page.form.edits["单位名称"].setText("X镇人民政府")
    page.form.edits["邮编"].setText("12")
    assert page.save() is False
    assert "邮编" in page.status.text()
    assert profile_service.get_profile(db).unit_name == ""  # nothing half-written

    page.form.edits["邮编"].setText("404100")
    assert page.save() is True
    assert profile_service.get_profile(db).postcode == "404100"
    assert "X镇人民政府" in window.page("工作台").unit_name.text()


def test_first_run_dialog_requires_the_fields_used_in_letters(qtbot, db, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.form.edits["单位名称"].setText("X镇人民政府")
    dialog.accept()
    assert dialog.result() == 0 and "复议机关" in warnings[-1]
    for label, value in {
        "印章/落款名称": "X镇人民政府",
        "文号前缀": "X镇政府信息公开",
        "复议机关": "X县人民政府",
        "诉讼法院": "X县人民法院",
    }.items():
        dialog.form.edits[label].setText(value)
    dialog.accept()
    assert dialog.result() == 1
    assert profile_service.get_profile(db).is_complete()


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
        "02-依申请公开.png",
        "03-节假日.png",
        "04-报表.png",
        "05-文书登记.png",
        "06-征求意见.png",
        "07-政策解读.png",
        "08-设置.png",
    ]
    assert all(p.stat().st_size > 10_000 for p in saved)


@pytest.mark.parametrize("argv", [["--screenshot"]])
def test_screenshot_option_runs_headless(tmp_path, argv) -> None:
    import main

    out = tmp_path / "shots"
    assert main.main(["--db", str(tmp_path / "s.db"), *argv, str(out)]) == 0
    assert len(list(out.glob("*.png"))) == 8


def test_backup_from_the_file_menu_runs_in_the_background(qtbot, window, tmp_path, monkeypatch) -> None:
    import zipfile

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    target = tmp_path / "备份.zip"
    window.backup(str(target))
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert str(target) in shown[0]
    assert window.db.path.name in zipfile.ZipFile(target).namelist()


def test_the_dashboard_counts_overdue_applications_and_opens_them(window, db) -> None:
    from datetime import date

    from models.services import applications

    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 10, 9), applicant_name="张三", content="申请公开某合同"),
        today=date(2026, 10, 9),
    )  # 20 working days after 2026-10-09 (10-10 is a 调休 working Saturday) is 2026-11-05: overdue on 11-23
    dashboard = window.page("工作台")
    dashboard.refresh()
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：1 件"
    assert dashboard.todo_buttons["3个工作日内到期"].text() == "3个工作日内到期：0 件"
    dashboard.todo_buttons["已逾期"].click()
    page = window.page("依申请公开")
    assert window.stack.currentWidget() is page
    assert page.deadline_state.currentText() == "已逾期" and page.model.rowCount() == 1
