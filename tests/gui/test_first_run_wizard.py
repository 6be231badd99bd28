"""Issue 12 (first run): the 首次使用向导 — 数据位置, 单位信息 with examples, 经办人, optional login, the import of an
existing 台账. 完成 stores everything; 取消 stores nothing and the app still opens."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from gui.app import make_application
from gui.dialogs.first_run_wizard import FirstRunWizard
from models.db import Database
from models.services import applications, profile, users
from models.services.settings import get_setting

TODAY = date(2025, 12, 31)
UNIT = {
    "单位名称": "白鹤镇人民政府",
    "印章/落款名称": "白鹤镇人民政府",
    "文号前缀": "白鹤镇政府信息公开",
    "复议机关": "青山县人民政府",
    "诉讼法院": "青山县人民法院",
}
HEADERS = ("申请编号", "收到日期", "申请方式", "申请人类型", "申请人", "申请内容")


@pytest.fixture
def wizard(qtbot, db: Database, tmp_path: Path, monkeypatch) -> FirstRunWizard:  # noqa: ANN001
    make_application()
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    w = FirstRunWizard(db, folder=tmp_path / "程序", today=TODAY)
    (tmp_path / "程序").mkdir()
    w.synchronous_jobs = True
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:  # noqa: ANN001
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), wizard.button(which).text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_operator_page(qtbot, wizard: FirstRunWizard) -> None:  # noqa: ANN001
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # 数据位置: 普通
    for label, value in UNIT.items():
        wizard.unit.form.edits[label].setText(value)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.operator


def write_ledger(path: Path, rows: list[tuple[str, ...]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_first_run_unit_page_shows_examples_and_refuses_missing_required_fields(qtbot, wizard) -> None:  # noqa: ANN001
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.unit
    assert wizard.unit.form.edits["单位名称"].placeholderText() == "例：××镇人民政府"
    assert wizard.unit.form.edits["复议机关"].placeholderText() == "例：××县人民政府"
    wizard.unit.form.edits["单位名称"].setText("白鹤镇人民政府")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.unit
    assert wizard.unit.error.text() == "请填写：印章/落款名称、文号前缀、复议机关、诉讼法院"
    for label, value in UNIT.items():
        wizard.unit.form.edits[label].setText(value)
    wizard.unit.form.edits["邮编"].setText("12")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "邮编" in wizard.unit.error.text() and wizard.currentPage() is wizard.unit


def test_first_run_finish_stores_the_unit_and_the_operator(qtbot, wizard, db) -> None:  # noqa: ANN001
    to_operator_page(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.operator.error.text() == "请填写经办人姓名。"
    wizard.operator.name.setText("李晓梅")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # → 登录 (skipped)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # → 台账
    assert profile.get_profile(db).unit_name == ""  # nothing stored before 完成
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == 1
    assert profile.get_profile(db).court == "青山县人民法院"
    assert get_setting(db, "operator") == "李晓梅"
    assert users.list_users(db) == [] and not users.login_enabled(db)


def test_first_run_cancel_stores_nothing(qtbot, wizard, db) -> None:  # noqa: ANN001
    to_operator_page(qtbot, wizard)
    wizard.operator.name.setText("李晓梅")
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result() == 0
    assert profile.get_profile(db).unit_name == "" and get_setting(db, "operator") is None


def test_first_run_portable_creates_the_data_folder_beside_the_program_and_asks_for_a_restart(
    qtbot,
    wizard,
    db,
    tmp_path,  # noqa: ANN001
) -> None:
    wizard.location.portable.click()
    assert "重新打开" in wizard.location.note.text()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert (tmp_path / "程序" / "数据").is_dir()
    assert wizard.result() == 1 and wizard.restart_needed
    assert profile.get_profile(db).unit_name == ""  # the answers go into the portable database, after the restart


def test_first_run_optional_login_creates_an_administrator(qtbot, wizard, db) -> None:  # noqa: ANN001
    to_operator_page(qtbot, wizard)
    wizard.operator.name.setText("李晓梅")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.login
    assert page.user.text() == "李晓梅" and not page.password.isEnabled()
    page.enable.click()
    page.password.setText("short")
    page.repeat.setText("short")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.text() == "密码：密码至少8个字符。" and wizard.currentPage() is page
    page.password.setText("白鹤镇2026公开")
    page.repeat.setText("白鹤镇2026")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.text() == "两次输入的密码不一致。"
    page.repeat.setText("白鹤镇2026公开")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert [(u.name, u.role) for u in users.list_users(db)] == [("李晓梅", "管理员")]
    assert users.login_enabled(db) and profile.get_profile(db).unit_name == "白鹤镇人民政府"
    assert users.authenticate(db, "李晓梅", "白鹤镇2026公开").name == "李晓梅"


def _to_ledger_page(qtbot, wizard: FirstRunWizard) -> None:  # noqa: ANN001
    to_operator_page(qtbot, wizard)
    wizard.operator.name.setText("李晓梅")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.ledger


def test_first_run_imports_an_existing_ledger(qtbot, wizard, db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    path = write_ledger(
        tmp_path / "台账.xlsx",
        [("2025-0001", "2025-03-03", "当面", "自然人", "张三", "2025年村道硬化工程的招标文件")],
    )
    monkeypatch.setattr("gui.dialogs.first_run_wizard.QFileDialog.getOpenFileName", lambda *_a: (str(path), ""))
    _to_ledger_page(qtbot, wizard)
    qtbot.mouseClick(wizard.ledger.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.ledger.path_label.text() == str(path)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == 1
    rows = applications.list_applications(db, today=TODAY)
    assert [(r.number, r.applicant_name) for r in rows] == [("2025-0001", "张三")]


def test_first_run_refused_ledger_shows_the_chinese_report_and_imports_nothing(
    qtbot,
    wizard,
    db,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    path = write_ledger(
        tmp_path / "台账.xlsx",
        [
            ("2025-0001", "2025-03-03", "当面", "自然人", "张三", "村道工程招标文件"),
            ("2025-0002", "2025-02-30", "当面", "自然人", "李四", "低保名单"),
        ],
    )
    monkeypatch.setattr("gui.dialogs.first_run_wizard.QFileDialog.getOpenFileName", lambda *_a: (str(path), ""))
    _to_ledger_page(qtbot, wizard)
    qtbot.mouseClick(wizard.ledger.choose_button, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.isVisible() and wizard.result() == 0
    report = wizard.ledger.report.toPlainText()
    assert "第3行 [收到日期]" in report and "2025-02-30" in report and "未导入任何申请" in report
    assert applications.list_applications(db, today=TODAY) == []
    assert "台账未导入任何申请" in wizard.ledger.error.text()
    qtbot.mouseClick(wizard.ledger.clear_button, Qt.MouseButton.LeftButton)  # go on without the ledger
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == 1 and profile.get_profile(db).unit_name == "白鹤镇人民政府"


def _run_gui(db: Database, monkeypatch, qtbot, **args: object) -> list[str]:  # noqa: ANN001
    from gui import app as gui_app

    shown: list[str] = []
    monkeypatch.setattr(FirstRunWizard, "exec", lambda _w: shown.append("首次使用向导") or 0)
    before = list(QApplication.topLevelWidgets())

    def event_loop(*_a) -> int:  # noqa: ANN002 - until the database is open in the window and the day's work done
        window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow" and w not in before)
        qtbot.waitUntil(lambda: window.daily_work_on is not None and not window.daily_work_running, timeout=20_000)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(db, "close", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gui_app.run_gui(argparse.Namespace(screenshot=None, **args), lambda _args: db) == 0
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "MainWindow":
            widget.close()
    return shown


def test_first_run_start_up_with_an_empty_profile_opens_the_wizard_and_cancel_still_opens_the_app(
    qtbot,
    db,
    monkeypatch,  # noqa: ANN001
) -> None:
    make_application()
    assert _run_gui(db, monkeypatch, qtbot, demo=False) == ["首次使用向导"]
    assert _run_gui(db, monkeypatch, qtbot, demo=True) == []  # never under --demo
    profile.save_profile(db, UNIT)
    assert _run_gui(db, monkeypatch, qtbot, demo=False) == []  # the profile is there
