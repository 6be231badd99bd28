"""Optimistic concurrency in the window (issue 13): two clerks have the same application's form open; the first
saves; the second's 保存 shows the conflict with both versions in the form's error line and saves nothing."""

from __future__ import annotations

from datetime import date

from gui.dialogs.application_form import ApplicationFormDialog
from models.services import applications as service
from tests.gui.test_gui_clicks import click, save_button

DAY = date(2026, 11, 2)


def open_twice(qtbot, make):  # noqa: ANN001, ANN202
    """The same record's form open for two clerks: `make()` called twice, both shown."""
    first, second = make(), make()
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        dialog.show()
    return first, second


def save_first_then_second(qtbot, first, second) -> str:  # noqa: ANN001
    """The first clerk's 保存 is accepted; the second's is refused and the form stays open: the message it shows."""
    click(qtbot, save_button(first))
    assert first.result() == 1
    click(qtbot, save_button(second))
    assert second.result() == 0 and second.isVisible()
    return second.error.text()


def test_conflict_second_form_saving_the_same_application_shows_both_versions_and_saves_nothing(qtbot, db) -> None:
    data = service.ApplicationInput(
        received=DAY,
        channel="当面",
        applicant_type="自然人",
        applicant_name="张三",
        phone="13800000000",
        content="申请公开白鹤镇2026年道路硬化工程招标文件",
    )
    number = service.register(db, data, today=DAY).number
    first, second = open_twice(qtbot, lambda: ApplicationFormDialog(db, today=DAY, number=number))
    first.phone.setText("13911112222")
    second.address.setText("Baihe 8")
    shown = save_first_then_second(qtbot, first, second)
    assert f"申请{number}在您打开后已被他人修改并保存" in shown and "您的修改没有保存" in shown
    assert "联系电话：已保存的是“13911112222”，您要保存的是“13800000000”" in shown
    assert "通信地址：已保存的是“（空）”，您要保存的是“Baihe 8”" in shown
    stored = service.get_detail(db, number, today=DAY).fields
    assert (stored.phone, stored.address) == ("13911112222", "")
