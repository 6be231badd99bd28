"""Issue 8, GUI point "All Chinese": Qt's own buttons (OK/Cancel/Yes/No, the details button) read Chinese because
the app loads Qt's zh_CN translation (gui.app.install_translations)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gui.app import make_application


def test_gui_point_all_chinese_qt_standard_buttons_are_translated(qtbot) -> None:  # noqa: ANN001
    make_application()
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDetailedText("详细")
    qtbot.addWidget(box)
    box.show()
    texts = [button.text().replace("&", "") for button in box.buttons()]
    assert any(text.startswith("是") for text in texts), texts
    assert any(text.startswith("否") for text in texts), texts
    assert any(text.startswith("显示详情") for text in texts), texts  # the details button
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "").startswith("确定")
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")
