"""Letters from the detail panel as a clerk makes them: the menu offers what the facts allow, the dialog asks
for what the letter needs, the letter is generated (worker inline), opened or printed, shown on the timeline
and in 文书登记, and can be voided there; 设置 → 文书模板."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPlainTextEdit

from gui.dialogs.letter_dialog import LetterDialog
from gui.widgets import letters_button
from models.domain.letters import LetterKind
from models.services import demo_letters, letters

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
    page = window.page("依申请公开")
    window.show_page(1)
    page.refresh()
    page.select(number)
    return number


def test_generate_a_reply_from_the_detail_panel(qtbot, window, db, answered, monkeypatch) -> None:  # noqa: ANN001
    detail = window.page("依申请公开").detail
    assert detail.number == answered
    button = detail.letters
    button.rebuild_menu()
    allowed = button.allowed_labels()
    assert "答复书" in allowed and "登记回执" in allowed and "送达回证" in allowed
    assert "补正申请告知书" not in allowed and "信息处理费收费通知书" not in allowed
    button.synchronous_jobs = True
    button.show_result = False

    def fill(dialog: LetterDialog) -> None:
        assert isinstance(dialog, LetterDialog)
        assert set(dialog.widgets) == {"letter_date", "organ", "organ_contact", "reasons", "attachments"}
        dialog.widgets["organ"].setText("青山县交通运输委员会")
        dialog.widgets["organ_contact"].setText("023-5567 0000")
        attachments = dialog.widgets["attachments"]
        assert isinstance(attachments, QPlainTextEdit)
        attachments.setPlainText("检索记录")
        dialog.accept()

    with_modal(qtbot, lambda: button.generate(LetterKind.REPLY), fill)
    result = button.last
    assert result is not None and result.number == "白鹤镇政府信息公开〔2025〕1号"
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "青山县交通运输委员会" in text and "第三十六条第（五）项" in text and "附件：检索记录" in text
    kinds = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    assert "出具文书" in kinds

    opened: list[str] = []
    monkeypatch.setattr(letters_button.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    def click_print(box: QDialog) -> None:
        assert isinstance(box, QMessageBox) and "白鹤镇政府信息公开〔2025〕1号" in box.text()
        next(b for b in box.buttons() if b.text() == "打印").click()

    with_modal(qtbot, lambda: button.show_result_box(result), click_print)
    assert opened == [str(result.path)]  # off Windows, 打印 opens the file (print from Word/WPS)

    register = window.page("文书登记")
    register.refresh()
    assert register.model.rowCount() == 1
    register.view.selectRow(0)
    assert register.void_selected("字号需更正") is True
    assert "作废" in register.model.data(register.model.index(0, register.model.COL_STATUS))
    assert letters.list_letters(db)[0].voided


def test_missing_input_keeps_the_dialog_open_with_the_message(qtbot, window, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "2", today=TODAY)
    dialog = LetterDialog(db, number, LetterKind.REPLY, window, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "予以公开的部分" in dialog.error.text()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert letters.list_letters(db) == []


def test_settings_group_for_templates_and_number_pattern(window, db, tmp_path: Path) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    group = window.page("设置").letters
    group.refresh()
    assert "白鹤镇政府信息公开〔2025〕12号" in group.example.text()
    group.pattern.setText("{prefix}{seq}")
    assert group.save_pattern() is True
    assert letters.number_pattern(db) == "{prefix}{seq}"
    group.export_template(str(tmp_path / "reply.docx"))
    assert (tmp_path / "reply.docx").is_file()
    assert group.load_template(str(tmp_path / "reply.docx")) is True
    assert "本单位模板" in group.status.text() and group.restore_button.isEnabled()
    group.restore_template()
    assert "内置模板" in group.status.text() and not group.restore_button.isEnabled()
    group.query_remedy.setCurrentIndex(1)
    group.save_query_remedy()
    assert letters.query_items_review_first(db) is False
