"""工作台 (issue 11), by real clicks: the application counts open the filtered list, the charts show the year's
figures, 今日待办 lists what is overdue or due within 3 working days and opens a record on double-click, and the
tray notifies once on the morning an item falls due. Today is 2026-11-23 (tests/gui/conftest.py).

Applications (20 working days; 3个工作日内 on 2026-11-23 = up to 2026-11-26):
- 甲 received 2026-10-09: 答复 due early November → 已逾期
- 乙 received 2026-10-26: due in 3 working days → 3个工作日内到期
- 丙 received 2026-11-02: due after 11-26 → 正常; new this month
- 丁 received 2026-11-10, 予以公开 2026-11-16 (served): new and answered this month
- 戊 received 2026-09-01 (due 2026-09-29), 部分公开 2026-10-10 (served): answered last month, late
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt

from gui.dialogs.today_todo import TodayTodoDialog, open_today_todo, show_at_start
from gui.tray import TodayTray
from models.db import Database
from models.domain.case import EventKind
from models.services import applications
from models.services.settings import get_setting
from tests.db.test_applications_service import form as application_form
from tests.db.test_deadline_calendar import _fixture as calendar_fixture

D = date


def _register(db: Database, received: date, name: str) -> str:
    return applications.register(db, application_form(received=received, applicant_name=name), today=received).number


def _reply(db: Database, number: str, day: date, result: str) -> None:
    data = {"result": result, "detail": "", "method": "直接", "served": day}
    applications.record_event(db, number, EventKind.REPLY, day, data, today=day)


def _applications(db: Database) -> dict[str, str]:
    numbers = {name: _register(db, received, name) for name, received in (
        ("甲", D(2026, 10, 9)), ("乙", D(2026, 10, 26)), ("丙", D(2026, 11, 2)), ("丁", D(2026, 11, 10)),
        ("戊", D(2026, 9, 1)),
    )}  # fmt: skip
    _reply(db, numbers["丁"], D(2026, 11, 16), "予以公开")
    _reply(db, numbers["戊"], D(2026, 10, 10), "部分公开")
    return numbers


def _names(page) -> list[str]:  # noqa: ANN001
    return sorted(page.model.row_at(i).applicant_name for i in range(page.model.rowCount()))


def test_dashboard_application_counts_open_the_list_filtered_by_state_and_month(qtbot, window, db) -> None:  # noqa: ANN001
    _applications(db)
    dashboard = window.page("工作台")
    dashboard.refresh()
    page = window.page("依申请公开")
    expected = {
        "已逾期": ("已逾期：1 件", ["甲"]),
        "3个工作日内到期": ("3个工作日内到期：1 件", ["乙"]),
        "正常": ("正常：1 件", ["丙"]),
    }
    for state, (text, names) in expected.items():
        button = dashboard.todo_buttons[state]
        assert button.text() == text
        window.show_page(0)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is page
        assert page.deadline_state.currentText() == state
        assert _names(page) == names
    window.show_page(0)
    assert dashboard.month_buttons["received"].text() == "本月新登记：2 件"
    qtbot.mouseClick(dashboard.month_buttons["received"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page and page.deadline_state.currentText() == "全部"
    assert _names(page) == ["丁", "丙"]
    assert page.month_label.text() == "仅显示2026年11月登记的申请"
    window.show_page(0)
    assert dashboard.month_buttons["answered"].text() == "本月已答复：1 件"
    qtbot.mouseClick(dashboard.month_buttons["answered"], Qt.MouseButton.LeftButton)
    assert _names(page) == ["丁"] and page.month_label.text() == "仅显示2026年11月答复的申请"
    qtbot.mouseClick(page.month_clear, Qt.MouseButton.LeftButton)
    assert _names(page) == ["丁", "丙", "乙", "戊", "甲"] and not page.month_clear.isVisible()


def test_dashboard_charts_show_applications_per_month_results_and_on_time_rate(qtbot, window, db) -> None:  # noqa: ANN001
    _applications(db)
    dashboard = window.page("工作台")
    window.show_page(0)
    qtbot.waitUntil(lambda: dashboard.charts is not None)
    dashboard.refresh()
    charts = dashboard.charts
    (per_month,) = charts.per_month.chart().series()
    bars = per_month.barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2]  # 2025-12 … 2026-11
    (results,) = charts.results.chart().series()
    bars = results.barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [1, 1, 0, 0, 0, 0]  # 予以公开 部分公开 不予公开 …
    assert charts.on_time.chart().title() == "2026年按时答复率：50.0%（1/2件）"
    assert [charts.tabText(i) for i in range(charts.count())] == ["近12个月申请量", "本年办理结果", "按时答复率"]


# -- 今日待办 -----------------------------------------------------------------------------------------------------

OCT14 = D(2025, 10, 14)  # the 期限日历 fixture (tests/db/test_deadline_calendar.py): 3个工作日内 = up to 10-17


def _table(dialog: TodayTodoDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def test_today_todo_dialog_lists_overdue_and_due_soon_items_and_opens_one(qtbot, window, db) -> None:  # noqa: ANN001
    k = calendar_fixture(db)
    dialog = open_today_todo(window, today=OCT14)
    qtbot.addWidget(dialog)
    assert _table(dialog) == [
        ("已逾期", "2025-09-28", "公文", "白鹤府发〔2025〕2号", "公开发布期限：《防汛抗旱应急预案》"),
        ("已逾期", "2025-10-11", "征求意见", k["s1"], "公布采纳情况：《白鹤镇集镇管理办法（征求意见稿）》"),
        ("3个工作日内到期", "2025-10-15", "公文", "白鹤府发〔2025〕2号", "有效期届满：《防汛抗旱应急预案》"),
        ("3个工作日内到期", "2025-10-17", "依申请公开", k["a2"], "补正告知期限"),
    ]
    assert dialog.summary.text() == "2025年10月14日：已逾期 2 项，3个工作日内到期 2 项。"
    cell = dialog.table.visualItemRect(dialog.table.item(3, 4)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click: press first
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    page = window.stack.currentWidget()
    assert page.title == "依申请公开" and page.detail.number == k["a2"]
    assert not dialog.isVisible()


def test_today_todo_shown_at_start_unless_the_clerk_unticks_it(qtbot, window, db) -> None:  # noqa: ANN001
    assert show_at_start(window, today=OCT14) is None  # nothing to do: no dialog
    calendar_fixture(db)
    dialog = show_at_start(window, today=OCT14)
    assert dialog is not None and dialog.isVisible() and dialog.show_on_start.isChecked()
    box = dialog.show_on_start
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the tick box
    assert get_setting(db, "show_today_on_start") == "0"
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert show_at_start(window, today=OCT14) is None


def test_tray_notifies_once_on_the_morning_an_item_falls_due(qtbot, window, db) -> None:  # noqa: ANN001
    calendar_fixture(db)  # 有效期届满 of 白鹤府发〔2025〕2号 falls on 2025-10-15
    now = [datetime(2025, 10, 15, 7, 50)]
    tray = TodayTray(window, clock=lambda: now[0])
    assert not tray.check()  # before 08:00
    now[0] = datetime(2025, 10, 15, 8, 10)
    assert tray.check()
    assert tray.last_message == "今日到期1项：公文 有效期届满：《防汛抗旱应急预案》"
    assert get_setting(db, "tray_notified_on") == "2025-10-15"
    now[0] = datetime(2025, 10, 15, 9, 0)
    assert not tray.check()  # once a day
    tray.icon.messageClicked.emit()  # the clerk clicks the notice
    dialogs = [d for d in window.findChildren(TodayTodoDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].today == D(2025, 10, 15)
    dialogs[0].close()


def test_working_day_calculator_counts_over_the_national_day_holiday_as_the_clerk_types(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate

    dashboard = window.page("工作台")
    dashboard.calc_start.setFocus()
    dashboard.calc_start.setDate(QDate(2025, 9, 30))
    dashboard.calc_days.selectAll()
    qtbot.keyClicks(dashboard.calc_days, "5")  # typed, as a clerk does
    # 2025: 10月1日至8日放假, 10月11日(周六)上班 → the 5th working day after 9-30 is 10-14
    assert "2025年10月14日（周二）" in dashboard.calc_result.text()
    dashboard.calc_days.selectAll()
    qtbot.keyClicks(dashboard.calc_days, "2")
    assert "2025年10月10日（周五）" in dashboard.calc_result.text()


def _red_pixels(widget) -> int:  # noqa: ANN001
    image = widget.grab().toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if (lambda c: c.red() > 140 and c.green() < 60 and c.blue() < 60)(image.pixelColor(x, y))
    )


def test_an_overdue_count_is_drawn_in_red_and_a_normal_one_is_not(qtbot, window, db) -> None:  # noqa: ANN001
    _applications(db)
    dashboard = window.page("工作台")
    dashboard.refresh()
    overdue, normal = dashboard.todo_buttons["已逾期"], dashboard.todo_buttons["正常"]
    assert overdue.text() == "已逾期：1 件" and normal.text() == "正常：1 件"
    assert _red_pixels(overdue) > 20  # the text itself is red (#b00020)
    assert _red_pixels(normal) == 0
    assert overdue.font().pixelSize() == normal.font().pixelSize() == 14
