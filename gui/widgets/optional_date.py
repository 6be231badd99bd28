"""Date fields. A typed impossible date (2026-02-30) is an error shown on the field, never silently changed.

`QDateEdit` turns a typed 2026-02-30 into another date without a word (its day section refuses the second digit
and keeps 2026-02-03). `DateField` is a line edit with a calendar button instead: what the clerk typed stays as
typed; an impossible or unreadable date is shown in red under the field, `date()` keeps the last valid date and
`error()` says what is wrong, so a dialog can refuse to save (`first_date_error`). It offers the QDateEdit calls
the forms use: `date()`, `setDate()`, `dateChanged`.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QRegularExpression, Signal
from PySide6.QtGui import QColor, QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_ERROR_STYLE = "QLineEdit { border: 1px solid #b00020; }"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def parse_typed_date(text: str) -> tuple[date | None, str]:
    """(the date, "") for a typed date, or (None, the Chinese reason) when it is not one."""
    match = _DATE.fullmatch(text)
    if not match:
        return None, f"“{text.strip()}”不是日期，请按 年-月-日 填写，如 2026-03-05。"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return None, f"“{text.strip()}”不是有效日期：没有{month}月。"
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, f"“{text.strip()}”不是有效日期：{year}年{month}月没有{day}日。"


class DateField(QWidget):
    """A date typed as YYYY-MM-DD or picked from a calendar; an impossible date is an error on the field."""

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name, so forms treat both alike

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = day
        self._error = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(day.isoformat(), self)
        self.line.setPlaceholderText("年-月-日，如 2026-03-05")
        self.line.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9\-/. 年月日]{0,16}"), self.line))
        self.line.setMaximumWidth(150)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("日历")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self.calendar_button)
        self._menu.aboutToShow.connect(self._open_calendar)
        self.calendar_button.setMenu(self._menu)
        #: the month view, made when the clerk first opens it (a calendar per date field made every form, and the
        #: 工作台 at start-up, slower to build)
        self.calendar: QCalendarWidget | None = None
        row.addWidget(self.line)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#b00020"))  # not a style sheet: one per field is slow
        self.error_label.setPalette(palette)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.setFocusProxy(self.line)

    def _open_calendar(self) -> None:
        if self.calendar is None:
            calendar = QCalendarWidget(self._menu)
            calendar.setGridVisible(True)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(calendar)
            self._menu.addAction(action)
            calendar.clicked.connect(self._picked)  # a day clicked
            calendar.activated.connect(self._picked)  # a day chosen with the arrow keys and Enter
            self.calendar = calendar
        self.calendar.setSelectedDate(to_qdate(self._date))

    def _picked(self, picked: QDate) -> None:
        self.setDate(picked)
        self._menu.close()

    # -- the QDateEdit calls the forms use ---------------------------------------------------------------
    def date(self) -> QDate:
        """The last valid date (see `error()` for what was typed since)."""
        return to_qdate(self._date)

    def setDate(self, qdate: QDate) -> None:  # noqa: N802 - the QDateEdit name
        self.line.setText(from_qdate(qdate).isoformat())
        self._set_error("")
        self._accept(from_qdate(qdate))

    def text(self) -> str:
        return self.line.text()

    def error(self) -> str:
        """What is wrong with the typed text ("" when it is a valid date)."""
        return self._error

    # -- typing ------------------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        day, error = parse_typed_date(text)
        if day is not None:
            self._set_error("")  # corrected: the red line goes at once
            self._accept(day)
        elif len(text.strip()) >= 10 or self._error:  # complete but wrong, or still wrong: say so now
            self._set_error(error)

    def check(self) -> str:
        """Reads what is typed now and returns the error ("" for a valid date). Unlike leaving the field it never
        rewrites the text: a form may call this while the clerk is still typing."""
        day, error = parse_typed_date(self.line.text())
        if day is None:
            self._set_error(error)
        else:
            self._set_error("")
            self._accept(day)
        return self._error

    def _finished(self) -> None:
        day, error = parse_typed_date(self.line.text())
        if day is None:
            self._set_error(error)
        else:
            self.line.setText(day.isoformat())
            self._set_error("")
            self._accept(day)

    def _accept(self, day: date) -> None:
        if day != self._date:
            self._date = day
            self.dateChanged.emit(to_qdate(day))

    def _set_error(self, text: str) -> None:
        self._error = text
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.line.setStyleSheet(_ERROR_STYLE if text else "")


def date_edit(day: date, parent: QWidget | None = None) -> DateField:
    return DateField(day, parent)


def first_date_error(root: QWidget) -> tuple[DateField, str] | None:
    """The first enabled date field under `root` whose typed text is not a valid date, with the reason."""
    for field in root.findChildren(DateField):
        if field.isEnabled() and field.check():
            return field, field.error()
    return None


def date_error_message(root: QWidget, labels: dict[QWidget, str]) -> tuple[DateField, str] | None:
    """`first_date_error` with the field's form label in front (`labels`: each form widget and its label)."""
    typed = first_date_error(root)
    if typed is None:
        return None
    field, message = typed
    label = next((text for widget, text in labels.items() if widget is field or widget.isAncestorOf(field)), "")
    return field, f"{label}：{message}" if label else message


class OptionalDateEdit(QWidget):
    changed = Signal()

    def __init__(self, day: date, parent: QWidget | None = None, *, checked: bool = False) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox("已知", self)
        self.check.setChecked(checked)
        self.edit = date_edit(day, self)
        self.edit.setEnabled(checked)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))
