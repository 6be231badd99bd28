"""Letters from the detail panel as a clerk makes them: the menu offers what the facts allow, the dialog asks
for what the letter needs, the letter is generated (worker inline), opened or printed, shown on the timeline
and in 文书登记, and can be voided there; 设置 → 文书模板."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
)

from gui.dialogs.letter_dialog import LetterDialog
from models.domain.case import EventKind
from models.domain.letters import LetterKind
from models.services import applications, demo_letters, letters, profile
from tests.gui.navigation import open_page
from tests.gui.test_gui_clicks import cancel_button

TODAY = date(2026, 11, 23)  # the window fixture's today (tests/gui/conftest.py)


def with_modal(qtbot, action: Callable[[], None], handle: Callable[[QDialog], None]) -> None:  # noqa: ANN001
    seen: list[QDialog] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, step)
            return
        seen.append(dialog)
        handle(dialog)

    QTimer.singleShot(0, step)
    action()
    assert seen, "no dialog was opened"


@pytest.fixture
def answered(window, db) -> str:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.1", today=TODAY)
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(number)
    return number


def _ok(dialog: QDialog):  # noqa: ANN202
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)


def _click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_generate_a_reply_from_the_detail_panel(qtbot, window, db, answered, monkeypatch) -> None:  # noqa: ANN001
    detail = open_page(window, "依申请公开").detail
    assert detail.number == answered
    button = detail.letters
    button.menu_.aboutToShow.emit()  # what the clerk sees when the menu opens
    allowed = button.allowed_labels()
    assert "答复书" in allowed and "登记回执" in allowed and "送达回证" in allowed
    assert "补正申请告知书" not in allowed and "信息处理费收费通知书" not in allowed
    button.synchronous_jobs = True
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    boxes: list[str] = []

    def click_print() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click_print)
            return
        boxes.append(box.text())
        _click(qtbot, next(b for b in box.buttons() if b.text() == "打印"))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, LetterDialog)
        assert set(dialog.widgets) == {"letter_date", "organ", "organ_contact", "reasons", "attachments"}
        dialog.widgets["organ"].setText("青山县交通运输委员会")
        dialog.widgets["organ_contact"].setText("023-5567 0000")
        attachments = dialog.widgets["attachments"]
        assert isinstance(attachments, QPlainTextEdit)
        attachments.setPlainText("检索记录")
        QTimer.singleShot(0, click_print)  # the 文书已生成 box that follows
        _click(qtbot, _ok(dialog))

    with_modal(qtbot, _action(button, "答复书").trigger, fill)
    result = button.last
    assert result is not None and result.number == "白鹤镇政府信息公开〔2025〕1号"
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "青山县交通运输委员会" in text and "第三十六条第（五）项" in text and "附件：检索记录" in text
    kinds = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    assert "出具文书" in kinds
    assert "白鹤镇政府信息公开〔2025〕1号" in boxes[0]
    assert opened == [str(result.path)]  # off Windows, 打印 opens the file (print from Word/WPS)

    register = open_page(window, "文书登记")
    window.show_page(window.pages.index(register))
    register.refresh()
    assert register.model.rowCount() == 1
    register.view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("字号需更正", True))
    _click(qtbot, register.void_button)
    assert "作废" in register.model.data(register.model.index(0, register.model.COL_STATUS))
    assert letters.list_letters(db)[0].voided


def test_missing_input_keeps_the_dialog_open_with_the_message(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "2", today=TODAY)
    dialog = LetterDialog(db, number, LetterKind.REPLY, window, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, _ok(dialog))
    assert "予以公开的部分" in dialog.error.text()
    assert dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert letters.list_letters(db) == []


def test_settings_group_for_templates_and_number_pattern(qtbot, window, db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    window.show_page(window.pages.index(open_page(window, "设置")))
    group = open_page(window, "设置").letters
    group.refresh()
    assert "白鹤镇政府信息公开〔2025〕12号" in group.example.text()
    group.pattern.setText("{prefix}函〔{year}〕{seq}号")
    _click(qtbot, group.save_pattern_button)
    assert "已保存" in group.example.text()
    assert letters.number_pattern(db) == "{prefix}函〔{year}〕{seq}号"
    target = str(tmp_path / "reply.docx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (target, ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (target, ""))
    _click(qtbot, group.export_button)
    assert (tmp_path / "reply.docx").is_file()
    _click(qtbot, group.load_button)
    assert "本单位模板" in group.status.text() and group.restore_button.isEnabled()
    _click(qtbot, group.restore_button)
    assert "内置模板" in group.status.text() and not group.restore_button.isEnabled()
    group.query_remedy.setFocus()
    qtbot.keyClick(group.query_remedy, Qt.Key.Key_Down)  # the clerk picks 可以复议，也可以直接起诉
    assert group.query_remedy.currentIndex() == 1
    assert letters.query_items_review_first(db) is False


# -- issue 8: letters the law does not allow, as a clerk meets them in the GUI ------------------------------


def _select(window, number: str):  # noqa: ANN001, ANN202
    page = open_page(window, "依申请公开")
    page.refresh()
    page.select(number)
    detail = page.detail
    assert detail.number == number
    button = detail.letters
    button.synchronous_jobs = True
    button.show_result = False
    button.menu_.aboutToShow.emit()  # the menu as it opens
    return detail, button


def _action(button, label: str):  # noqa: ANN001, ANN202
    return next(a for a in button.menu_.actions() if a.text() == label)


def test_rule1_gui_a_late_reply_asks_before_it_is_issued_and_records_it(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.register(db, today=TODAY)  # received 2025-09-22: due 2025-10-24
    demo_letters.record(
        db, number, EventKind.REPLY, date(2025, 10, 27), TODAY, result="无法提供", detail="没有现成信息需要另行制作"
    )
    _detail, button = _select(window, number)
    questions: list[str] = []

    def answer(no_or_yes: str) -> Callable[[QDialog], None]:
        def handle(dialog: QDialog) -> None:
            assert isinstance(dialog, LetterDialog)

            def on_question() -> None:
                box = QApplication.activeModalWidget()
                if not isinstance(box, QMessageBox):
                    QTimer.singleShot(10, on_question)
                    return
                questions.append(box.text())
                box.button(getattr(QMessageBox.StandardButton, no_or_yes)).click()
                if no_or_yes == "No":
                    QTimer.singleShot(10, lambda: _click(qtbot, cancel_button(dialog)))

            QTimer.singleShot(0, on_question)
            qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
            if no_or_yes == "No":
                assert "法定期限2025年10月24日" in dialog.error.text()

        return handle

    with_modal(qtbot, lambda: _action(button, "答复书").trigger(), answer("No"))
    assert letters.list_letters(db) == [] and "2025年10月24日" in questions[0]
    with_modal(qtbot, lambda: _action(button, "答复书").trigger(), answer("Yes"))
    assert button.last is not None and button.last.number == "白鹤镇政府信息公开〔2025〕1号"
    detail = applications.get_detail(db, number, today=TODAY)
    entry = next(e for e in detail.timeline if e.kind is EventKind.LETTER)
    assert entry.data["late"] is True and entry.data["deadline"] == "2025-10-24"


def test_gui_point_a_promised_date_in_a_year_without_holiday_data_is_said_in_the_dialog(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.register(db, received=date(2026, 11, 20), today=TODAY)
    # 20 working days after 2026-11-20 end in December 2026; 20 more reach January 2027 (no holiday data yet).
    demo_letters.record(db, number, EventKind.EXTENSION, date(2026, 11, 23), TODAY, days=20, approver="王建华")
    _detail, button = _select(window, number)
    seen: list[str] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, LetterDialog)
        seen.append(dialog.warning.text() if dialog.warning.isVisible() else "")
        _click(qtbot, cancel_button(dialog))

    with_modal(qtbot, lambda: _action(button, "延期答复告知书").trigger(), look)
    assert "2027年节假日安排尚未录入" in seen[0]
    assert letters.list_letters(db) == []


def test_wording_gui_missing_contact_details_are_asked_for_before_the_letter(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    profile.save_profile(db, {"联系人": "", "联系电话": ""})
    number = demo_letters.register(db, today=TODAY)
    _detail, button = _select(window, number)
    seen: list[str] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, LetterDialog)
        seen.append(dialog.warning.text() if dialog.warning.isVisible() else "")
        _click(qtbot, cancel_button(dialog))

    with_modal(qtbot, lambda: _action(button, "登记回执").trigger(), look)
    assert "联系人、联系电话" in seen[0] and "设置" in seen[0]


def test_rule8_gui_the_menu_refuses_a_second_reply_until_the_first_is_voided(qtbot, window, db, answered) -> None:  # noqa: ANN001
    letters.generate(db, answered, LetterKind.REPLY, letters.LetterInputs(organ="青山县交通运输委员会"), today=TODAY)
    button = open_page(window, "依申请公开").detail.letters
    button.menu_.aboutToShow.emit()  # the menu as it opens
    reply = _action(button, "答复书")
    assert not reply.isEnabled() and "白鹤镇政府信息公开〔2025〕1号" in reply.toolTip()
    letters.void_letter(db, letters.list_letters(db)[0].id, "答复机关名称写错")
    button.menu_.aboutToShow.emit()  # the menu as it opens
    assert _action(button, "答复书").isEnabled()


def test_rule9_gui_the_request_for_reasons_is_recorded_from_the_detail_panel(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.register(db, received=date(2026, 11, 2), today=TODAY)
    detail, _button = _select(window, number)
    action = next(a for a in detail.more_menu.actions() if a.text() == "要求说明理由（第三十五条）")

    def fill(dialog: QDialog) -> None:
        dialog.widgets["day"].setDate(QDate(2026, 11, 4))
        dialog.widgets["deadline"].setDate(QDate(2026, 11, 14))  # a Saturday: the period ends Monday 11-16
        dialog.widgets["matter"].setPlainText("本月已提出32件申请")
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    with_modal(qtbot, action.trigger, fill)
    facts = applications.get_detail(db, number, today=TODAY).facts
    assert facts.reasons_request == date(2026, 11, 4) and facts.reasons_deadline == date(2026, 11, 14)
    labels = [a.text() for a in detail.more_menu.actions()] + [detail.primary.text()]
    assert "登记申请人说明理由" in labels and "登记逾期未说明理由" in labels
    button = detail.letters
    button.menu_.aboutToShow.emit()  # the menu as it opens
    assert _action(button, "要求说明理由告知书").isEnabled()
    letter = letters.generate(db, number, LetterKind.REASONS_REQUEST, today=TODAY)
    assert "请您于2026年11月16日前向本机关书面说明申请理由" in "\n".join(
        p.text for p in docx.Document(str(letter.path)).paragraphs
    )


def test_rule10_gui_a_wrong_number_pattern_is_refused_with_an_example(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    group = open_page(window, "设置").letters
    group.refresh()
    group.pattern.setText("{prefix}〔{year}〕第{seq}号")
    messages: list[str] = []

    def close(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        _click(qtbot, box.button(QMessageBox.StandardButton.Ok))

    with_modal(qtbot, lambda: qtbot.keyClick(group.pattern, Qt.Key.Key_Return), close)
    assert "不加“第”" in messages[0] and "{prefix}〔{year}〕{seq}号" in messages[0]
    assert letters.number_pattern(db) == "{prefix}〔{year}〕{seq}号"
