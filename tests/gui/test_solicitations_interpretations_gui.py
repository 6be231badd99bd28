"""The 征求意见 and 政策解读 pages as a clerk uses them (issue 10): real clicks on the page's buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog

from gui.dialogs.interpretation_form import InterpretationFormDialog
from gui.dialogs.solicitation_form import SolicitationFormDialog, SolicitationResultsDialog
from models.services import interpretations, solicitations
from tests.gui.navigation import open_page
from tests.gui.test_applications_page import with_modal
from tests.register_documents import add_document

NUMBER = "白鹤府发〔2026〕3号"


def _click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save(qtbot, dialog: QDialog) -> None:  # noqa: ANN001
    _click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))


def _cell(page, row: int, header: str) -> str:  # noqa: ANN001
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    return page.model.data(page.model.index(row, headers.index(header)))


def _open(qtbot, window, title: str, button: str, handle: Callable[[QDialog], None]):  # noqa: ANN001, ANN202
    page = window.page(title)
    window.show_page(window.pages.index(page))
    with_modal(qtbot, lambda: _click(qtbot, page.buttons[button]), handle)
    return page


def test_too_short_major_decision_shows_the_error_on_the_deadline_field_and_saves_nothing(qtbot, window, db) -> None:  # noqa: ANN001
    seen: dict[str, str] = {}

    def fill(dialog: SolicitationFormDialog) -> None:
        dialog.title_edit.setText("白鹤镇集镇总体规划（2026—2035年）")
        dialog.kind.setCurrentText("重大行政决策")
        dialog.start.setDate(QDate(2026, 10, 1))
        dialog.end.setDate(QDate(2026, 10, 29))
        seen["period"] = dialog.period.text()
        seen["help"] = dialog.help.text()
        _save(qtbot, dialog)
        seen["field"] = dialog.field_errors["截止日期"].text()
        seen["visible"] = str(dialog.field_errors["截止日期"].isVisible())
        seen["title_error"] = str(dialog.field_errors["草案名称"].isVisible())
        seen["open"] = str(dialog.isVisible())
        dialog.reject()

    page = _open(qtbot, window, "征求意见", "新增…", fill)
    assert "29日" in seen["period"] and "首尾两日均计入" in seen["period"]
    assert "开始日期和截止日期两天都计入" in seen["help"]
    assert "不少于30日" in seen["field"] and seen["visible"] == "True" and seen["title_error"] == "False"
    assert seen["open"] == "True"  # the form stayed open with what was typed
    assert solicitations.list_solicitations(db, today=date(2026, 11, 23)) == []
    assert page.model.rowCount() == 0


def test_add_with_a_shortening_reason_then_record_the_results(qtbot, window, db, monkeypatch) -> None:  # noqa: ANN001
    def fill(dialog: SolicitationFormDialog) -> None:
        dialog.title_edit.setText("白鹤镇防汛物资储备管理办法（征求意见稿）")
        dialog.kind.setCurrentText("行政规范性文件")
        dialog.start.setDate(QDate(2026, 10, 10))
        dialog.end.setDate(QDate(2026, 10, 14))
        dialog.shortening_reason.setPlainText("汛后物资补充须在11月前完成")
        _save(qtbot, dialog)

    page = _open(qtbot, window, "征求意见", "新增…", fill)
    assert page.model.rowCount() == 1
    assert _cell(page, 0, "期限") == "5日（缩短）"
    assert _cell(page, 0, "状态") == "待公布采纳情况"
    page.view.selectRow(0)

    def results(dialog: SolicitationResultsDialog) -> None:
        dialog.counts["收到意见数"].setValue(6)
        dialog.counts["采纳"].setValue(4)
        dialog.counts["未采纳"].setValue(2)
        dialog.reason.setPlainText("超出本镇职权范围")
        dialog.published.set_value(date(2026, 10, 20))
        _save(qtbot, dialog)

    with_modal(qtbot, lambda: _click(qtbot, page.buttons["登记采纳情况…"]), results)
    assert _cell(page, 0, "状态") == "已公布采纳情况"
    assert _cell(page, 0, "收到意见数") == "6"

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("重复登记", True))
    _click(qtbot, page.buttons["作废…"])
    assert page.model.rowCount() == 0


def test_two_forms_for_a_normative_document_clear_its_sync_flag(qtbot, window, db) -> None:  # noqa: ANN001
    add_document(db, NUMBER, "白鹤镇农村建房管理办法", written=date(2026, 10, 8), published=date(2026, 10, 15))
    page = open_page(window, "政策解读")
    window.show_page(window.pages.index(page))
    page.flags_only.setChecked(True)
    assert page.model.rowCount() == 1 and _cell(page, 0, "文号") == NUMBER
    page.view.selectRow(0)
    seen: dict[str, str] = {}

    def fill(dialog: InterpretationFormDialog) -> None:
        seen["document"] = dialog.document.text()
        seen["sync_before"] = dialog.sync_label.text()
        dialog.title_edit.setText("《白鹤镇农村建房管理办法》政策解读")
        dialog.form_checks["文字"].setChecked(True)
        dialog.form_checks["图表图解"].setChecked(True)
        dialog.interpreter.setText("白鹤镇规划建设管理办公室")
        dialog.approved.set_value(date(2026, 10, 12))
        dialog.published.set_value(date(2026, 10, 15))
        _save(qtbot, dialog)

    with_modal(qtbot, lambda: _click(qtbot, page.buttons["新增…"]), fill)
    assert seen["document"] == NUMBER and "缺少政策解读" in seen["sync_before"]
    assert page.model.rowCount() == 0  # the flag cleared
    page.flags_only.setChecked(False)
    assert _cell(page, 0, "形式") == "文字、图表图解"
    page.view.selectRow(0)
    assert "已做到三同步（文字、图表图解）" in page.detail.toPlainText()
    assert interpretations.sync_flags(db) == []


def test_interpretation_form_opens_on_its_own_for_a_document_id(qtbot, db) -> None:  # noqa: ANN001
    doc = add_document(db, NUMBER, "白鹤镇农村建房管理办法", published=date(2026, 10, 15))
    dialog = InterpretationFormDialog(db, doc, None, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    assert dialog.document.text() == NUMBER and dialog.document.isReadOnly()
    dialog.title_edit.setText("解读")
    _save(qtbot, dialog)  # no form chosen
    assert "请至少选择一种解读形式" in dialog.field_errors["形式"].text()
    assert interpretations.list_interpretations(db) == []


def test_forms_fit_the_screen_with_their_save_button_visible(qtbot, db) -> None:  # noqa: ANN001
    from gui.screen_fit import usable_geometry

    for dialog in (
        SolicitationFormDialog(db, None, today=date(2026, 11, 23)),
        InterpretationFormDialog(db, None, None, today=date(2026, 11, 23)),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        area = usable_geometry(dialog)
        assert dialog.height() <= area.height() and dialog.width() <= area.width()
        save = dialog.save_button
        assert save.isVisible() and dialog.rect().contains(save.geometry().translated(save.parentWidget().pos()))
        dialog.reject()
