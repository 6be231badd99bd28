"""Issue 13 in the window: 文件 → 导出同步包… writes the unit's package into the chosen folder; 文件 → 导入同步包…
imports a unit's package with its result and the list of conflicts shown (record, field, both values)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text

from gui.dialogs.sync_dialog import SyncDialog
from models.migrate import open_database
from models.services import applications, units


def _menu_action(window, text: str):  # noqa: ANN001, ANN202
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu action {text}")


def _register(db, name: str) -> str:  # noqa: ANN001
    data = applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同")
    return applications.register(db, data, today=date(2026, 11, 23)).number


def _open(window, text: str) -> SyncDialog:  # noqa: ANN001
    _menu_action(window, text).trigger()
    dialog = window.findChild(SyncDialog)
    assert isinstance(dialog, SyncDialog) and dialog.isVisible()
    return dialog


def _set_note(db, number: str, note: str) -> None:  # noqa: ANN001
    with db.transaction() as session:
        session.execute(text("UPDATE application SET note = :note WHERE number = :n"), {"note": note, "n": number})


def test_export_sync_package_from_the_file_menu_writes_it_into_the_chosen_folder(
    qtbot, window, db, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    _register(db, "张三")
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    dialog = _open(window, "导出同步包(&E)…")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出第1个同步包（全部记录）" in dialog.message.text(), timeout=10_000)
    written = list(usb.glob("同步包-*.zip"))
    assert len(written) == 1 and str(written[0]) in dialog.message.text()


def test_import_sync_package_from_the_file_menu_shows_the_result_and_each_conflict(
    qtbot, window, db, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from models.services.sync import export_package

    township = open_database(tmp_path / "township.db")
    try:
        number = _register(township, "张三")
        unit = units.current_unit(township)
        assert unit is not None
        units.add_unit(db, "石桥镇", "青山县石桥镇人民政府", unit_uuid=unit.uuid)
        (tmp_path / "1").mkdir()
        (tmp_path / "2").mkdir()
        first = export_package(township, tmp_path / "1").path
        chosen = [first]
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(chosen[0]), ""))
        dialog = _open(window, "导入同步包(&I)…")
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "、更新 0、未变 0、冲突 0" in dialog.message.text(), timeout=10_000)
        assert f"已导入同步包“{first.name}”（单位：石桥镇）：新增 " in dialog.message.text()

        _set_note(township, number, "单位：已补正")
        _set_note(db, number, "县里：请核实")
        chosen[0] = export_package(township, tmp_path / "2").path
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "冲突 1" in dialog.message.text(), timeout=10_000)
        row = [dialog.conflicts.item(0, c).text() for c in range(4)]
        assert row == [f"申请 {number}", "note", "县里：请核实", "单位：已补正"]
        assert "1 条记录在本库中已被修改" in dialog.error.text()
    finally:
        township.close()
