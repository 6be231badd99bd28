"""GUI points of issue 8 as a clerk meets them, always through the real button, menu action or typed keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

from models.services import applications as service
from tests.gui.navigation import open_page

TODAY = date(2026, 11, 23)  # the window fixture's today


def with_modal(qtbot, action: Callable[[], None], handle: Callable[[QDialog], None]) -> list[QDialog]:  # noqa: ANN001
    """Run `action` (which opens a modal dialog) and let `handle` act on the dialog while it is open."""
    seen: list[QDialog] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog in seen:
            QTimer.singleShot(10, step)
            return
        seen.append(dialog)
        try:
            handle(dialog)
        finally:
            if dialog.isVisible():  # the handler left it open (a refusal): close it so the test cannot hang
                QTimer.singleShot(0, dialog.reject)

    QTimer.singleShot(0, step)
    action()
    assert seen, "no dialog was opened"
    return seen


def click(qtbot, button: QPushButton) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    for role in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
        if box.button(role) is not None:
            return box.button(role)
    raise AssertionError("no save button")


def cancel_button(dialog: QDialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)


def register(db, name: str = "张三", received: date = date(2026, 11, 2)) -> str:  # noqa: ANN001
    data = service.ApplicationInput(received=received, applicant_name=name, content="申请公开道路硬化工程合同")
    return service.register(db, data, today=TODAY).number


def column(page, header: str, row: int = 0) -> str:  # noqa: ANN001
    model = page.model
    index = [h for _k, h in model.COLUMNS].index(header)
    return model.data(model.index(row, index))


def test_gui_extension_every_view_and_form_shows_the_new_due_date(qtbot, window, db) -> None:  # noqa: ANN001
    number = register(db)
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(number)
    assert column(page, "答复期限") == "2026-11-30"  # 20 working days after Mon 2026-11-02
    extension = next(a for a in page.detail.more_menu.actions() if a.text() == "延期答复")

    def extend(dialog: QDialog) -> None:
        dialog.widgets["day"].setDate(QDate(2026, 11, 20))
        dialog.widgets["approver"].setText("王镇长")
        dialog.widgets["reason"].setPlainText("需要调取档案，20个工作日内无法答复")
        click(qtbot, save_button(dialog))
        assert not dialog.isVisible(), dialog.preview.text()

    with_modal(qtbot, extension.trigger, extend)
    # 20 more working days after 2026-11-30: December 1–4, 7–11, 14–18, 21–25, 28 → 2026-12-28
    assert column(page, "答复期限") == "2026-12-28"
    assert "答复期限：2026-12-28" in page.detail.clock.text()

    def look(dialog: QDialog) -> None:
        assert "答复期限：2026-12-28" in dialog.deadlines.text(), dialog.deadlines.text()
        click(qtbot, cancel_button(dialog))

    with_modal(qtbot, lambda: click(qtbot, page.detail.edit_button), look)


# -- 文书登记: 作废…, 打开, 打印预览…, 打印… ---------------------------------------------------------------------


def _letter(db, *, pdf: bool = True):  # noqa: ANN001, ANN202
    from models.domain.letters import LetterKind
    from models.services import demo_letters, letters

    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.1", today=TODAY)
    return letters.generate(db, number, LetterKind.RECEIPT, today=TODAY, pdf=pdf)


def _letters_page(window, qtbot):  # noqa: ANN001, ANN202
    page = open_page(window, "文书登记")
    page.refresh()
    page.synchronous_jobs = True
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(page.model.index(0, 0)).center()
    )
    assert page.selected() is not None
    return page


def test_gui_void_letter_button_really_clicked_asks_the_reason_and_voids(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QInputDialog

    from models.services import letters

    _letter(db, pdf=False)
    page = _letters_page(window, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda _p, _t, label, *a, **k: (asked.append(label), ("字号需更正", True))[1]
    )
    click(qtbot, page.void_button)  # crashed with 'bool' object has no attribute 'strip'
    assert asked and "作废" in asked[0]
    (record,) = letters.list_letters(db)
    assert record.voided and record.void_reason == "字号需更正"
    assert "作废 1 份" in page.count.text()


def test_gui_open_says_so_when_the_pc_has_no_program_for_docx(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    _letter(db, pdf=False)
    page = _letters_page(window, qtbot)
    warned: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # no program for .docx
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    click(qtbot, page.open_button)
    assert warned and "没有能打开 .docx 文件的程序" in warned[0]


def test_gui_print_preview_and_print_of_a_letter_inside_the_app(qtbot, window, db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

    generated = _letter(db, pdf=True)
    pdf = generated.path.with_suffix(".pdf")
    source = QPdfDocument()
    source.load(str(pdf))
    pages = source.pageCount()
    assert pages >= 1
    page = _letters_page(window, qtbot)

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, QPrintPreviewDialog)
        preview = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: preview.pageCount() == pages, timeout=5000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with_modal(qtbot, lambda: click(qtbot, page.preview_button), look)

    out = tmp_path / "printed.pdf"

    def accept_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    click(qtbot, page.print_button)
    printed = QPdfDocument()
    printed.load(str(out))
    assert printed.pageCount() == pages
    assert abs(printed.pagePointSize(0).width() - source.pagePointSize(0).width()) < 2  # A4 stays A4


# -- dates, errors, overdue ------------------------------------------------------------------------------------


def test_gui_typed_impossible_date_is_an_error_on_the_field_never_silently_changed(qtbot, window, db) -> None:  # noqa: ANN001
    page = open_page(window, "依申请公开")

    def fill(dialog: QDialog) -> None:
        dialog.applicant_name.setText("张三")
        dialog.content.setPlainText("申请公开道路硬化工程合同")
        field = dialog.received
        for typed, wrong in (("2026-02-30", "2月没有30日"), ("2026-11-31", "11月没有31日")):
            field.line.selectAll()
            qtbot.keyClicks(field.line, typed)
            assert field.text() == typed  # what was typed stays as typed
            assert field.error_label.isVisible() and wrong in field.error_label.text()
            click(qtbot, save_button(dialog))
            assert dialog.isVisible() and "不是有效日期" in dialog.error.text()
        assert service.count_applications(db) == 0  # nothing was registered with a date the clerk did not type
        field.line.selectAll()
        qtbot.keyClicks(field.line, "2026-11-20")
        assert not field.error_label.isVisible() and dialog.error.text() == ""  # corrected: the red goes at once
        click(qtbot, save_button(dialog))
        assert not dialog.isVisible()

    with_modal(qtbot, lambda: click(qtbot, page.new_button), fill)
    (row,) = service.list_applications(db)
    assert row.received == date(2026, 11, 20)


def test_gui_red_error_clears_when_the_field_is_corrected(qtbot, window, db) -> None:  # noqa: ANN001
    page = open_page(window, "依申请公开")

    def fill(dialog: QDialog) -> None:
        dialog.content.setPlainText("申请公开道路硬化工程合同")
        click(qtbot, save_button(dialog))
        assert "申请人" in dialog.error.text()
        dialog.applicant_name.setText("张三")  # (QTest types ASCII only)
        assert dialog.error.text() == ""
        dialog.postcode.setText("12")
        click(qtbot, save_button(dialog))
        assert "邮编" in dialog.error.text()
        dialog.postcode.setText("404100")
        assert dialog.error.text() == ""
        click(qtbot, cancel_button(dialog))

    with_modal(qtbot, lambda: click(qtbot, page.new_button), fill)


def test_gui_overdue_reads_overdue_n_working_days_never_a_negative_number(window, db) -> None:  # noqa: ANN001
    # Received Fri 2026-10-09: the 20th working day is 2026-11-05 (10-10 is a 调休 working Saturday).
    number = register(db, received=date(2026, 10, 9))
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(number)
    # Working days after 11-05 up to today 11-23: 11-06, 11-09…13, 11-16…20, 11-23 = 12
    assert column(page, "剩余工作日") == "逾期12个工作日"
    assert column(page, "期限状态") == "已逾期"
    assert "逾期12个工作日" in page.detail.clock.text() and "-12" not in page.detail.clock.text()


# -- all Chinese: Qt's own buttons, the history, the settings ---------------------------------------------------


def test_gui_qt_own_buttons_and_context_menus_are_chinese(window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert (
        {"确定", "取消"} <= texts and any(t.startswith("是") for t in texts) and any(t.startswith("否") for t in texts)
    )
    menu = QLineEdit("张三", window).createStandardContextMenu()
    labels = " ".join(a.text() for a in menu.actions())
    assert "复制" in labels and "粘贴" in labels and "Copy" not in labels


def test_gui_history_shows_labels_never_keys(qtbot, window, db) -> None:  # noqa: ANN001
    generated = _letter(db, pdf=False)
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(generated.application)
    timeline = page.detail.timeline
    cells = [timeline.item(r, 2).text() for r in range(timeline.rowCount())]
    text = "\n".join(cells)
    assert "登记回执" in text  # the letter, by its name
    for key in ("letter_kind", "letter_id", "receipt", "ref", "doc_number", "result", "detail"):
        assert f"{key}：" not in text, text


def test_gui_settings_explain_the_number_pattern_in_chinese(window) -> None:  # noqa: ANN001
    group = open_page(window, "设置").letters
    help_text = group.pattern_help.text()
    assert (
        "{prefix} 代表文号前缀" in help_text
        and "{year} 代表四位年份" in help_text
        and "{seq} 代表当年的序号" in help_text
    )


# -- the operator ------------------------------------------------------------------------------------------------


def test_gui_first_run_asks_the_operator_and_records_that_name_never_the_login(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    import getpass

    from gui.dialogs.operator_dialog import OperatorDialog
    from models.services.settings import set_setting

    monkeypatch.setattr(getpass, "getuser", lambda: "Administrator")
    set_setting(db, "operator", "")  # a first run: nobody named yet
    page = open_page(window, "依申请公开")

    def name_then_register(dialog: QDialog) -> None:
        if isinstance(dialog, OperatorDialog):
            click(qtbot, save_button(dialog))  # empty: refused on the dialog
            assert dialog.isVisible() and "请填写经办人姓名" in dialog.error.text()
            dialog.name.setText("王磊")
            assert dialog.error.text() == ""
            click(qtbot, save_button(dialog))
            QTimer.singleShot(0, step_register)
            return
        raise AssertionError(f"unexpected dialog {dialog}")

    def step_register() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, OperatorDialog):
            QTimer.singleShot(10, step_register)
            return
        dialog.applicant_name.setText("张三")
        dialog.content.setPlainText("申请公开道路硬化工程合同")
        click(qtbot, save_button(dialog))

    with_modal(qtbot, lambda: click(qtbot, page.new_button), name_then_register)
    (row,) = service.list_applications(db)
    assert [e.actor for e in service.get_detail(db, row.number).timeline] == ["王磊"]


# -- a mistaken registration: 作废登记 / 删除登记 ---------------------------------------------------------------


def test_gui_void_registration_from_the_detail_menu_leaves_lists_and_counts(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QInputDialog

    keep = register(db, "李四", received=date(2026, 10, 9))
    wrong = register(db, "张三", received=date(2026, 10, 9))
    page = open_page(window, "依申请公开")
    page.refresh()
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：2 件"
    page.select(wrong)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("重复登记", True))
    page.detail.void_registration_action.trigger()
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == [keep]
    assert page.count.text() == "共 1 件"
    assert dashboard.todo_buttons["已逾期"].text() == "已逾期：1 件"
    assert "已作废" in page.detail.title.text() and "重复登记" in page.detail.void_note.text()
    page.status.setCurrentText("已作废")
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == [wrong]
    assert column(page, "状态") == "已作废"


def test_gui_delete_registration_only_when_nothing_else_was_recorded(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from models.domain.case import EventKind

    busy = register(db, "李四")
    service.record_event(db, busy, EventKind.WITHDRAWN, date(2026, 11, 3), today=TODAY)
    bare = register(db, "张三")
    page = open_page(window, "依申请公开")
    page.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    refused: list[str] = []
    monkeypatch.setattr(
        "gui.widgets.application_detail.show_user_error", lambda _p, error: refused.append(error.message)
    )
    page.select(busy)
    page.detail.delete_registration_action.trigger()
    assert refused and "不能删除" in refused[0] and page.model.rowCount() == 2
    page.select(bare)
    page.detail.delete_registration_action.trigger()
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == [busy]
    assert page.detail.number is None
