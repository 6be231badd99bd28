"""The register as a clerk uses it: register through the form, send a 补正, record the reply — and the list,
the due dates and the states follow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from gui.dialogs.application_form import ApplicationFormDialog
from gui.dialogs.event_dialog import EventDialog
from gui.table_models.applications_model import ApplicationsTableModel
from models.domain.identity import resident_id_check_char
from models.services import applications as service
from tests.gui.navigation import open_page
from tests.gui.test_gui_clicks import click, save_button

ID17 = "50023519800101123"
VALID_ID = ID17 + resident_id_check_char(ID17)


def with_modal(qtbot, action: Callable[[], None], handle: Callable[[QDialog], None]) -> None:  # noqa: ANN001
    """Run `action` (which opens a modal dialog) and let `handle` fill the dialog while it is open."""
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


def _column(model: ApplicationsTableModel, row: int, header: str) -> str:
    column = [h for _k, h in model.COLUMNS].index(header)
    return model.data(model.index(row, column))


def test_register_supplement_and_reply_update_the_list(qtbot, window, db) -> None:
    page = open_page(window, "依申请公开")

    def register(dialog: ApplicationFormDialog) -> None:
        dialog.received.setDate(QDate(2026, 11, 2))
        dialog.channel.setCurrentText("当面")
        assert "以提交之日为收到申请之日" in dialog.rule.text()
        dialog.applicant_name.setText("张三")
        dialog.id_number.setText(VALID_ID)
        dialog.content.setPlainText("申请公开白鹤镇2026年道路硬化工程招标文件")
        # 2026-11-02 (Mon): 7th working day 11-11; 20th working day 11-30.
        assert "补正告知期限：2026-11-11" in dialog.deadlines.text()
        assert "答复期限：2026-11-30" in dialog.deadlines.text()
        qtbot.keyClick(dialog.applicant_name, Qt.Key.Key_Return)  # Enter saves

    with_modal(qtbot, lambda: qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton), register)
    assert page.model.rowCount() == 1
    assert _column(page.model, 0, "申请编号") == "2026-0001"
    assert _column(page.model, 0, "答复期限") == "2026-11-30"
    assert _column(page.model, 0, "剩余工作日") == "5"  # 11-24 … 11-30 on 2026-11-23
    assert _column(page.model, 0, "期限状态") == "正常"
    assert _column(page.model, 0, "证件号码") == "500235********" + VALID_ID[-4:]  # masked in the list
    assert page.detail.number == "2026-0001"
    assert page.detail.primary.text() == "发出补正告知"

    def supplement(dialog: EventDialog) -> None:
        dialog.widgets["day"].setDate(QDate(2026, 11, 5))
        dialog.widgets["deadline"].setDate(QDate(2026, 11, 20))
        dialog.widgets["items"].setPlainText("请写明道路名称和工程年份")
        assert "自收到补正之日起重新计算" in dialog.preview.text()
        click(qtbot, save_button(dialog))

    with_modal(qtbot, lambda: qtbot.mouseClick(page.detail.primary, Qt.MouseButton.LeftButton), supplement)
    assert _column(page.model, 0, "状态") == "等待补正"
    assert _column(page.model, 0, "期限状态") == "已暂停计时"
    assert page.detail.primary.text() == "登记收到补正"

    def received(dialog: EventDialog) -> None:
        dialog.widgets["day"].setDate(QDate(2026, 11, 16))
        # The clock restarts: 20 working days after 2026-11-16 is 2026-12-14.
        assert "答复期限：2026-12-14" in dialog.preview.text()
        click(qtbot, save_button(dialog))

    with_modal(qtbot, lambda: qtbot.mouseClick(page.detail.primary, Qt.MouseButton.LeftButton), received)
    assert _column(page.model, 0, "答复期限") == "2026-12-14"
    assert _column(page.model, 0, "剩余工作日") == "15"
    assert page.detail.primary.text() == "登记答复"

    def reply(dialog: EventDialog) -> None:
        dialog.widgets["day"].setDate(QDate(2026, 11, 20))
        dialog.widgets["result"].setCurrentText("予以公开")
        dialog.widgets["served"].set_value(date(2026, 11, 20))
        click(qtbot, save_button(dialog))

    with_modal(qtbot, lambda: qtbot.mouseClick(page.detail.primary, Qt.MouseButton.LeftButton), reply)
    assert _column(page.model, 0, "状态") == "已答复"
    assert _column(page.model, 0, "办理结果") == "予以公开"
    assert _column(page.model, 0, "期限状态") == ""
    assert "按时" in page.detail.clock.text()
    kinds = [entry.kind.value for entry in service.get_detail(db, "2026-0001").timeline]
    assert kinds == ["登记", "补正告知", "补正收到", "答复"]


def test_a_refused_fact_keeps_the_form_and_stores_nothing(qtbot, window, db) -> None:
    number = service.register(
        db,
        service.ApplicationInput(received=date(2026, 11, 2), applicant_name="李四", content="申请公开某项目的合同"),
        today=date(2026, 11, 23),
    ).number
    dialog = EventDialog(db, number, service.EventKind.REPLY, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.widgets["day"].setDate(QDate(2026, 10, 30))  # before receipt
    dialog.show()
    click(qtbot, save_button(dialog))
    assert dialog.result() == 0
    assert "早于收到申请日期" in dialog.preview.text()
    assert dialog.widgets["day"].date() == QDate(2026, 10, 30)  # what was typed is kept
    assert [e.kind.value for e in service.get_detail(db, number).timeline] == ["登记"]


def test_the_registration_form_names_a_wrong_id_number(qtbot, db) -> None:
    dialog = ApplicationFormDialog(db, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.applicant_name.setText("王五")
    dialog.content.setPlainText("申请公开某文件")
    dialog.id_number.setText(ID17 + ("0" if VALID_ID[-1] != "0" else "1"))
    dialog.show()
    click(qtbot, save_button(dialog))
    assert dialog.result() == 0
    assert "证件号码" in dialog.error.text() and "校验" in dialog.error.text()
    assert service.count_applications(db) == 0


@pytest.mark.parametrize("text,expected", [("张三", 1), ("道路硬化", 1), ("招投标", 0)])
def test_the_text_filter_finds_names_and_content(qtbot, window, db, text, expected) -> None:
    service.register(
        db,
        service.ApplicationInput(received=date(2026, 11, 2), applicant_name="张三", content="申请公开道路硬化工程合同"),
        today=date(2026, 11, 23),
    )
    page = open_page(window, "依申请公开")
    page.refresh()
    with qtbot.waitSignal(page._search_timer.timeout, timeout=3000):  # the list filters as the clerk types
        page.search.setText(text)
    assert page.model.rowCount() == expected
    assert page.count.text() == f"共 {expected} 件"


def test_the_applications_model_passes_the_model_tester(qtmodeltester, db) -> None:
    for i in range(3):
        service.register(
            db,
            service.ApplicationInput(received=date(2026, 11, 2), applicant_name=f"申请人{i}", content="内容"),
            today=date(2026, 11, 23),
        )
    model = ApplicationsTableModel(db, today=date(2026, 11, 23))
    model.reload()
    qtmodeltester.check(model)


def test_gui_import_and_export_ledger_buttons_really_clicked_write_and_read_the_file(
    qtbot, window, db, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from models.migrate import open_database

    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    for name in ("张三", "李四"):
        service.register(
            db,
            service.ApplicationInput(
                received=date(2026, 11, 2), applicant_name=name, content="申请公开道路硬化工程合同"
            ),
            today=date(2026, 11, 23),
        )
    page = open_page(window, "依申请公开")
    out = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), "Excel (*.xlsx)"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # the real button, the real worker thread
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "已导出 2 件申请" in messages[-1] and out.exists()
    from openpyxl import load_workbook

    names = {c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row}
    assert {"2026-0001", "2026-0002", "张三", "李四"} <= names  # both applications, one row each

    other = open_database(tmp_path / "other.db")
    try:
        from gui.main_window import MainWindow

        other_window = MainWindow(other, today=date(2026, 11, 23))
        qtbot.addWidget(other_window)
        other_window.show()
        other_page = other_window.page("依申请公开")
        other_window.show_page(other_window.pages.index(other_window.page("依申请公开")))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(out), "Excel 台账 (*.xlsx)"))
        qtbot.mouseClick(other_page.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "导入 2 件申请" in messages[-1], timeout=10_000)
        assert other_page.model.rowCount() == 2
        assert other_page.count.text() == "共 2 件"
    finally:
        other.close()


def _save_button(dialog: QDialog):  # noqa: ANN202
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save)


@pytest.mark.parametrize(("typed", "said"), [("2026-02-30", "2026年2月没有30日"), ("2026-11-31", "2026年11月没有31日")])
def test_gui_point_a_typed_impossible_date_is_an_error_on_the_field_never_silently_changed(
    qtbot, db, typed: str, said: str
) -> None:
    dialog = ApplicationFormDialog(db, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.applicant_name.setText("王五")  # (QTest cannot type Chinese characters: it sends Latin-1 keys)
    dialog.content.setPlainText("申请公开某文件")
    dialog.received.line.clear()
    qtbot.keyClicks(dialog.received.line, typed)
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and dialog.isVisible()
    assert said in dialog.received.error_label.text() and not dialog.received.error_label.isHidden()
    assert dialog.received.line.text() == typed  # what was typed stays as typed
    assert service.count_applications(db) == 0  # nothing saved under another date
    # Red errors clear when the field is corrected; then the save goes through with the corrected date.
    dialog.received.line.clear()
    qtbot.keyClicks(dialog.received.line, "2026-11-20")
    assert dialog.received.error_label.isHidden()
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert service.get_detail(db, "2026-0001").fields.received == date(2026, 11, 20)


def test_gui_point_a_typed_impossible_date_in_an_event_dialog_records_nothing(qtbot, db) -> None:
    number = service.register(
        db,
        service.ApplicationInput(received=date(2026, 11, 2), applicant_name="李四", content="申请公开某项目的合同"),
        today=date(2026, 11, 23),
    ).number
    dialog = EventDialog(db, number, service.EventKind.REPLY, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.widgets["day"]
    field.line.clear()
    qtbot.keyClicks(field.line, "2026-02-30")
    from PySide6.QtWidgets import QDialogButtonBox

    ok = next(
        b
        for b in dialog.findChild(QDialogButtonBox).buttons()
        if dialog.findChild(QDialogButtonBox).buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and dialog.isVisible()
    assert "2026年2月没有30日" in field.error_label.text()
    assert [e.kind.value for e in service.get_detail(db, number).timeline] == ["登记"]


def test_gui_point_errors_in_the_window_name_gui_actions_never_a_command(qtbot, window, tmp_path, monkeypatch) -> None:
    import openpyxl
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    path = tmp_path / "别的表格.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "姓名"])
    workbook.save(path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "Excel 台账 (*.xlsx)"))
    page = open_page(window, "依申请公开")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "缺少：收到日期" in shown[0]
    assert "下载台账模板…" in shown[0]
    assert "applications" not in shown[0] and "命令" not in shown[0]


def test_gui_point_overdue_reads_overdue_n_working_days_never_a_negative_number(qtbot, window, db) -> None:
    # Received Fri 2026-10-09: 20 working days (10-10 is a 调休 working Saturday, 国庆 2026 notice) end on
    # 2026-11-05; on 2026-11-23 (the window's today) 12 working days have passed since (11-06 … 11-23).
    service.register(
        db,
        service.ApplicationInput(received=date(2026, 10, 9), applicant_name="李四", content="申请公开某项目的合同"),
        today=date(2026, 11, 23),
    )
    page = open_page(window, "依申请公开")
    page.refresh()
    assert _column(page.model, 0, "答复期限") == "2026-11-05"
    assert _column(page.model, 0, "剩余工作日") == "逾期12个工作日"
    page.select("2026-0001")
    assert "逾期12个工作日" in page.detail.clock.text() and "-12" not in page.detail.clock.text()
