"""Issue 9 §5 in the window: the 安全 menu (审计日志, 用户和登录, 匿名化过期申请) and the login dialog at start,
driven by real clicks and menu actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from gui.dialogs.login_dialog import LoginDialog, login_if_enabled
from models.db import Database
from models.domain.case import EventKind
from models.services import applications, audit, users
from models.services.applications import ApplicationInput

ADMIN_PASSWORD = "Baihe#2025"


def _register(db: Database, received: date, name: str = "张三") -> str:
    form = ApplicationInput(received=received, applicant_name=name, phone="13812345678", content="申请公开规划")
    return applications.register(db, form, actor="测试", today=received).number


def _admin_and_clerk(db: Database) -> None:
    users.add_user(db, "王管理", "管理员", ADMIN_PASSWORD)
    users.add_user(db, "小李", "录入员", "xiaoli-2025")
    users.set_login_enabled(db, True)


def test_gui_audit_log_menu_shows_filters_and_exports(
    window, db: Database, qtbot, monkeypatch, tmp_path, qtmodeltester
) -> None:  # noqa: ANN001, E501
    first = _register(db, date(2026, 11, 2))
    second = _register(db, date(2026, 11, 3), name="李四")
    window.audit_action.trigger()
    page = window.security_dialog.page
    model = page.model
    records = [model.index(r, model.COL_RECORD).data() for r in range(model.rowCount())]
    # two applications, each with its 登记 (the operator set at first run is an entry of its own)
    assert sorted(r for r in records if r in (first, second)) == sorted([first, first, second, second])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    texts = {model.index(r, model.COL_CHANGES).data() for r in range(model.rowCount())}
    assert any("申请人：（空） → 张*" in t for t in texts)
    assert not any("张三" in t or "李四" in t for t in texts)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model)
    qtbot.keyClicks(page.record, first)
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton)
    assert {model.index(r, model.COL_RECORD).data() for r in range(model.rowCount())} == {first}
    assert page.count_label.text() == "共 2 条"
    out = tmp_path / "日志.xlsx"
    monkeypatch.setattr("gui.pages.audit_page.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(out)["审计日志"]
    assert ws.max_row == 3 and {ws["F2"].value, ws["F3"].value} == {first}
    assert audit.entries(db)[-1].action == "导出"


def test_gui_login_dialog_refuses_a_wrong_password_and_signs_in_with_the_right_one(db: Database, qtbot) -> None:  # noqa: ANN001
    _admin_and_clerk(db)
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.setText("小李")  # keyClicks cannot type Chinese (no input method)
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "用户名或密码错误。"
    assert dialog.password.text() == ""
    assert audit.signed_in(db) == ""
    qtbot.keyClicks(dialog.password, "xiaoli-2025")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert audit.signed_in(db) == "小李"


def test_gui_login_is_asked_at_start_only_when_enabled(db: Database, qtbot) -> None:  # noqa: ANN001
    assert login_if_enabled(db) is True  # off by default: no dialog at all
    _admin_and_clerk(db)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.name.setText("王管理")
        qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    assert login_if_enabled(db) is True
    assert audit.signed_in(db) == "王管理"

    def give_up() -> None:
        dialog = QApplication.activeModalWidget()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, give_up)
    assert login_if_enabled(db) is False


def test_gui_users_dialog_adds_a_user_and_turns_login_on(window, db: Database, qtbot) -> None:  # noqa: ANN001
    window.users_action.trigger()
    dialog = window.security_dialog
    dialog.name.setText("王管理")
    dialog.role.setCurrentText("管理员")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.repeat, "different-1")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "两次输入的密码不一致。"
    assert users.list_users(db) == []
    dialog.name.setText("王管理")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.repeat, ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "已添加用户 王管理（管理员）。"
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["王管理", "管理员", "正常"]
    assert dialog.password.text() == dialog.repeat.text() == ""
    qtbot.mouseClick(dialog.login, Qt.MouseButton.LeftButton)
    assert users.login_enabled(db) is True
    assert dialog.login.isChecked()


def test_gui_users_menu_is_refused_to_a_clerk_when_login_is_on(window, db: Database, monkeypatch) -> None:  # noqa: ANN001
    _admin_and_clerk(db)
    users.sign_in(db, "小李", "xiaoli-2025")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    window.users_action.trigger()
    assert shown == ["此操作需要“管理员”权限；当前用户“小李”的角色是“录入员”。"]
    window.retention_action.trigger()
    assert len(shown) == 2 and "管理员" in shown[1]


def test_gui_retention_asks_for_confirmation_then_anonymises(window, db: Database, qtbot, monkeypatch) -> None:  # noqa: ANN001
    number = _register(db, date(2019, 3, 4))
    reply = {"result": "予以公开", "detail": "", "served": "2019-03-11", "method": "直接"}
    applications.record_event(db, number, EventKind.REPLY, date(2019, 3, 11), reply, today=date(2019, 3, 11))
    _register(db, date(2026, 11, 2), name="李四")  # open: never anonymised
    window.retention_action.trigger()
    dialog = window.security_dialog
    dialog.years.setValue(5)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "将匿名化 1 件申请。"
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "未匿名化任何申请。"
    assert applications.get_detail(db, number).fields.applicant_name == "张三"
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "已匿名化 1 件申请。"
    assert applications.get_detail(db, number).fields.applicant_name == "已匿名化"
    assert applications.get_detail(db, "2026-0001").fields.applicant_name == "李四"
    if not db.is_server:  # the SQLite file is still there (a server database has none)
        assert Path(db.path).exists()
