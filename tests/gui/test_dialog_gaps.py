"""Issue 8 GUI points in the event and letter dialogs, through the real buttons, menu actions and typed keys:
overdue reads 逾期N个工作日, a typed impossible date is refused and its red line goes when corrected, and 打开 says
so when the PC has no program for .docx."""

from __future__ import annotations

from datetime import date

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from gui.widgets.optional_date import DateField
from models.services import applications as service
from models.services import demo_letters, letters
from tests.gui.navigation import open_page
from tests.gui.test_gui_clicks import cancel_button, click, register, save_button, with_modal

TODAY = date(2026, 11, 23)  # the window fixture's today


def _open_case(window, number: str):  # noqa: ANN001, ANN202
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(number)
    assert page.detail.number == number
    return page.detail


def _menu_action(menu, label: str):  # noqa: ANN001, ANN202
    return next(a for a in menu.actions() if a.text() == label)


def _retype(qtbot, field: DateField, text: str) -> None:  # noqa: ANN001
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)


def test_gui_overdue_reads_overdue_n_working_days_in_the_event_dialog(qtbot, window, db) -> None:  # noqa: ANN001
    # Received Fri 2026-10-09: due 2026-11-05; working days after it up to today 11-23 = 12 (see test_gui_clicks).
    number = register(db, received=date(2026, 10, 9))
    detail = _open_case(window, number)
    seen: list[str] = []

    def look(dialog: QDialog) -> None:
        seen.append(dialog.preview.text())
        click(qtbot, cancel_button(dialog))

    with_modal(qtbot, _menu_action(detail.more_menu, "要求说明理由（第三十五条）").trigger, look)
    assert "逾期12个工作日" in seen[0] and "-12" not in seen[0] and "剩余" not in seen[0]


def test_gui_typed_impossible_date_is_refused_by_the_event_dialog_and_red_errors_clear_when_corrected(
    qtbot,
    window,
    db,  # noqa: ANN001
) -> None:
    number = register(db, received=date(2026, 11, 2))
    detail = _open_case(window, number)

    def fill(dialog: QDialog) -> None:
        field = dialog.widgets["day"]
        assert isinstance(field, DateField)
        _retype(qtbot, field, "2026-02-30")
        assert "不是有效日期" in dialog.preview.text()  # said at once, before saving
        _retype(qtbot, dialog.widgets["deadline"], "2026-11-14")
        dialog.widgets["matter"].setPlainText("本月已提出32件申请")
        click(qtbot, save_button(dialog))
        assert dialog.isVisible()
        assert "告知日期" in dialog.preview.text() and "2026年2月没有30日" in dialog.preview.text()
        assert service.get_detail(db, number, today=TODAY).facts.reasons_request is None
        _retype(qtbot, field, "2026-11-04")
        assert "不是有效日期" not in dialog.preview.text() and "#b00020" not in dialog.preview.text()
        click(qtbot, save_button(dialog))
        assert not dialog.isVisible()

    with_modal(qtbot, _menu_action(detail.more_menu, "要求说明理由（第三十五条）").trigger, fill)
    assert service.get_detail(db, number, today=TODAY).facts.reasons_request == date(2026, 11, 4)


def _letters_button(window, number: str):  # noqa: ANN001, ANN202
    button = _open_case(window, number).letters
    button.synchronous_jobs = True
    button.menu_.aboutToShow.emit()  # the menu as it opens
    return button


def test_gui_typed_impossible_date_is_refused_by_the_letter_dialog_and_red_errors_clear_when_corrected(
    qtbot,
    window,
    db,  # noqa: ANN001
) -> None:
    demo_letters.ensure_profile(db)
    number = demo_letters.register(db, today=TODAY)
    button = _letters_button(window, number)
    button.show_result = False

    def fill(dialog: QDialog) -> None:
        field = dialog.widgets["letter_date"]
        assert isinstance(field, DateField)
        _retype(qtbot, field, "2026-11-31")
        click(qtbot, save_button(dialog))
        assert dialog.isVisible()
        assert "成文日期" in dialog.error.text() and "2026年11月没有31日" in dialog.error.text()
        assert letters.list_letters(db) == []
        _retype(qtbot, field, "2026-11-20")
        assert dialog.error.text() == "" and not field.error_label.isVisible()  # corrected: the red goes at once
        click(qtbot, save_button(dialog))
        assert not dialog.isVisible()

    with_modal(qtbot, _menu_action(button.menu_, "登记回执").trigger, fill)
    (letter,) = letters.list_letters(db)
    assert "2026年11月20日" in "\n".join(p.text for p in docx.Document(str(letter.path)).paragraphs)


def test_gui_open_says_so_when_the_pc_has_no_program_for_docx(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.register(db, today=TODAY)
    button = _letters_button(window, number)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # no program for .docx on this PC
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *_a: warnings.append(title + text))

    def click_open() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click_open)
            return
        qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "打开"), Qt.MouseButton.LeftButton)

    def generate(dialog: QDialog) -> None:
        QTimer.singleShot(0, click_open)
        click(qtbot, save_button(dialog))

    with_modal(qtbot, _menu_action(button.menu_, "登记回执").trigger, generate)
    assert len(warnings) == 1
    assert "没有能打开 .docx 文件的程序" in warnings[0] and "WPS" in warnings[0]
