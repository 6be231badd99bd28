"""GUI points of issue 8 as a clerk meets them, always through the real button, menu action or typed keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

from models.services import applications as service

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


def register(db, name: str = "张三", received: date = date(2026, 11, 2)) -> str:  # noqa: ANN001
    data = service.ApplicationInput(received=received, applicant_name=name, content="申请公开道路硬化工程合同")
    return service.register(db, data, today=TODAY).number


def column(page, header: str, row: int = 0) -> str:  # noqa: ANN001
    model = page.model
    index = [h for _k, h in model.COLUMNS].index(header)
    return model.data(model.index(row, index))


def test_gui_extension_every_view_and_form_shows_the_new_due_date(qtbot, window, db) -> None:  # noqa: ANN001
    number = register(db)
    page = window.page("依申请公开")
    window.show_page(1)
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
        dialog.reject()

    with_modal(qtbot, lambda: click(qtbot, page.detail.edit_button), look)
