"""文书登记 → 作废… clicked for real (issue 8: the button's `checked` flag once arrived as the reason and crashed
with 'bool' object has no attribute 'strip')."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from models.domain.letters import LetterKind
from models.services import demo_letters, letters
from tests.gui.navigation import open_page

TODAY = date(2026, 11, 23)  # the window fixture's today (tests/gui/conftest.py)


def test_gui_point_the_void_button_of_the_letter_register_voids_with_the_typed_reason(
    qtbot, window, db, monkeypatch
) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.2")
    issued = letters.generate(db, number, LetterKind.REPLY, today=TODAY)
    asked: list[str] = []

    def type_reason(_parent, title: str, label: str, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(label)
        return "申请人姓名打错", True

    monkeypatch.setattr(QInputDialog, "getText", type_reason)
    register = open_page(window, "文书登记")
    register.refresh()
    register.view.selectRow(0)
    qtbot.mouseClick(register.void_button, Qt.MouseButton.LeftButton)
    assert asked and issued.number in asked[0]
    record = letters.list_letters(db)[0]
    assert record.voided and record.void_reason == "申请人姓名打错"
