"""Issue 9 §3–4 in the window: 备份与恢复 from the 文件 menu (create, verify, restore with confirmation), a second
window on the same database, a damaged database at start-up, and a save while another program writes."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

import main
from gui.dialogs.application_form import ApplicationFormDialog
from gui.dialogs.backup_dialog import COL_COUNTS, COL_STATE, BackupDialog
from gui.dialogs.startup_questions import open_database_interactively
from models import db as db_module
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import applications
from models.services.backup import auto_backup
from tests.gui.navigation import open_page


def _register(db, name: str) -> None:  # noqa: ANN001
    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同"),
        today=date(2026, 11, 23),
    )


def click_in_message_box(qtbot, button_text: str) -> list[str]:  # noqa: ANN001
    """When a message box opens, click its button labelled `button_text`; returns the texts it showed."""
    seen: list[str] = []

    def step() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, step)
            return
        seen.append(box.text())
        standard = {"Yes": QMessageBox.StandardButton.Yes, "No": QMessageBox.StandardButton.No}.get(button_text)
        if standard is not None:  # Qt's own buttons read 是(Y)/否(N) once the zh_CN translation is loaded
            button = box.button(standard)
        else:
            button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, step)
    return seen


def _menu_action(window, text: str):  # noqa: ANN001, ANN202
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu action {text}")


def _open_backup_dialog(window) -> BackupDialog:  # noqa: ANN001
    _menu_action(window, "备份与恢复(&R)…").trigger()
    dialog = window.findChild(BackupDialog)
    assert isinstance(dialog, BackupDialog) and dialog.isVisible()
    return dialog


@pytest.mark.sqlite_only  # the backups are zips of the SQLite file (a server database: pg_dump)
def test_backup_and_restore_from_the_file_menu(qtbot, window, db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    _register(db, "张三")
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    dialog = _open_backup_dialog(window)

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已备份并验证" in dialog.message.text(), timeout=10_000)
    assert dialog.folder == usb and dialog.table.rowCount() == 1
    assert "申请1" in dialog.table.item(0, COL_COUNTS).text()
    assert dialog.table.item(0, COL_STATE).text() == "已验证"

    _register(db, "李四")  # typed after the backup
    window.refresh_all()
    assert applications.count_applications(db) == 2
    dialog.table.selectRow(0)
    asked = click_in_message_box(qtbot, "Yes")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已从备份恢复" in dialog.message.text(), timeout=10_000)
    assert "替换当前数据库" in asked[0] and "不会删除" in asked[0]
    assert applications.count_applications(db) == 1  # the window works on the restored database
    assert open_page(window, "依申请公开").model.rowCount() == 1
    assert [p for p in db.path.parent.iterdir() if p.name.startswith("test.恢复前-") and p.suffix == ".db"]


@pytest.mark.sqlite_only  # the backups are zips of the SQLite file (a server database: pg_dump)
def test_restore_is_not_done_when_the_clerk_says_no(qtbot, window, db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    _register(db, "张三")
    auto_backup(db.path, now=datetime(2026, 11, 23, 8, 0))
    _register(db, "李四")
    dialog = _open_backup_dialog(window)
    assert dialog.table.rowCount() == 1
    asked = click_in_message_box(qtbot, "No")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and applications.count_applications(db) == 2


@pytest.mark.sqlite_only  # the backups are zips of the SQLite file (a server database: pg_dump)
def test_verify_marks_a_damaged_backup(qtbot, window, db) -> None:  # noqa: ANN001
    _register(db, "张三")
    made = auto_backup(db.path, now=datetime(2026, 11, 23, 8, 0))
    assert made is not None
    made.write_bytes(made.read_bytes()[:-200])  # truncated on the way to the USB stick
    dialog = _open_backup_dialog(window)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, COL_STATE).text() == "损坏", timeout=10_000)
    assert made.name in dialog.message.text()


def _args(path: Path):  # noqa: ANN202
    return main.build_parser().parse_args(["--db", str(path)])


def _open(args, read_only: bool = False):  # noqa: ANN001, ANN202 - what main passes to the GUI
    return main.open_app_database(args, read_only=read_only, hold_lock=True)


def test_a_second_window_is_told_and_may_open_read_only(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "d.db"
    first = _open(_args(path))
    try:
        shown = click_in_message_box(qtbot, "以只读方式打开")
        second = open_database_interactively(_args(path), _open)
        assert second is not None and second.read_only
        assert "已在另一个政务公开工作台窗口中打开" in shown[0]
        with pytest.raises(UserError, match="只读方式打开"):
            _register(second, "张三")
        second.close()
    finally:
        first.close()
    again = _open(_args(path))  # the first window closed: the lock is free
    assert not again.read_only
    again.close()


def test_a_damaged_database_at_start_up_offers_the_newest_verified_backup(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "d.db"
    db = open_database(path)
    _register(db, "张三")
    db.close()
    assert auto_backup(path, now=datetime(2026, 11, 23, 8, 0)) is not None
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(2 * page, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))

    shown = click_in_message_box(qtbot, "恢复这个备份")
    restored = open_database_interactively(_args(path), _open)
    assert restored is not None
    try:
        assert "已损坏" in shown[0] and "2026-11-23 08:00" in shown[0]
        assert applications.count_applications(restored) == 1
    finally:
        restored.close()
    damaged = [p for p in tmp_path.iterdir() if p.name.startswith("d.损坏-") and p.suffix == ".db"]
    assert len(damaged) == 1 and damaged[0].read_bytes() == bytes(data)


@pytest.mark.sqlite_only  # the backups are zips of the SQLite file (a server database: pg_dump)
def test_a_save_while_another_program_writes_shows_in_the_form_and_keeps_the_data(
    qtbot, db, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    db.engine.dispose()  # new connections take the short timeout
    form = ApplicationFormDialog(db, today=date(2026, 11, 23))
    qtbot.addWidget(form)
    form.show()
    form.applicant_name.setText("王五")
    form.content.setPlainText("申请公开某文件")
    save = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert form.isVisible()
        assert "正忙" in form.error.text() and "请稍后重试" in form.error.text()
        assert form.applicant_name.text() == "王五"
        assert form.content.toPlainText() == "申请公开某文件"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert applications.count_applications(db) == 0
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # retry once the other program is done
    assert not form.isVisible()
    assert applications.count_applications(db) == 1
