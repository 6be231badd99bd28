"""A date field's 日历 button (gui/widgets/optional_date.py), clicked for real: the month opens on the field's date
and a day chosen there — by a click or by the arrow keys and Enter — is written into the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QTableView

from gui.widgets.optional_date import date_edit


def _open_calendar_and(qtbot, field, act) -> None:  # noqa: ANN001
    """Click 日历; while its month is open, `act(calendar, grid)`."""
    seen: list[QDate] = []

    def in_popup() -> None:
        popup = QApplication.activePopupWidget()
        calendar = popup.findChild(QCalendarWidget) if popup is not None else None
        if calendar is None:  # not open yet
            QTimer.singleShot(20, in_popup)
            return
        seen.append(calendar.selectedDate())
        try:
            act(calendar, calendar.findChild(QTableView))
        finally:
            if QApplication.activePopupWidget() is popup:  # the day was not taken: close, the asserts say why
                popup.close()

    QTimer.singleShot(20, in_popup)
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)  # the menu runs until a day is chosen
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)
    assert seen == [QDate(2026, 11, 23)]  # the month opened on the field's own date


def test_enter_on_a_day_chosen_with_the_arrow_keys_fills_the_field(qtbot) -> None:  # noqa: ANN001
    field = date_edit(date(2026, 11, 23))
    qtbot.addWidget(field)
    field.show()
    changed: list[QDate] = []
    field.dateChanged.connect(changed.append)

    def choose(_calendar, grid) -> None:  # noqa: ANN001
        qtbot.keyClick(grid, Qt.Key.Key_Right)  # 11-24
        qtbot.keyClick(grid, Qt.Key.Key_Down)  # a week later: 12-01
        qtbot.keyClick(grid, Qt.Key.Key_Return)

    _open_calendar_and(qtbot, field, choose)
    assert field.text() == "2026-12-01"
    assert changed == [QDate(2026, 12, 1)]


def test_a_day_clicked_in_the_month_fills_the_field(qtbot) -> None:  # noqa: ANN001
    field = date_edit(date(2026, 11, 23))
    qtbot.addWidget(field)
    field.show()

    def click_the_25th(calendar, grid) -> None:  # noqa: ANN001
        model = grid.model()
        cell = next(  # row 0 names the days, column 0 numbers the weeks; the 25th of the month, not of October
            model.index(row, column)
            for row in range(3, model.rowCount())
            for column in range(1, model.columnCount())
            if model.data(model.index(row, column)) == 25
        )
        centre = grid.visualRect(cell).center()
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))

    _open_calendar_and(qtbot, field, click_the_25th)
    assert field.text() == "2026-11-25"
