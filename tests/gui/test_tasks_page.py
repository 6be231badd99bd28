"""任务清单 (issue 11) as the clerk uses it, by real clicks: paste the county plan's text, record a task's progress
with a 公文 as 佐证, export the 落实情况表, import a sheet, void a task. Expected values are read off the 云阳 plan
(tests/data/plans/yunyang_2021_task_list.txt), not computed by the code under test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from gui.dialogs.task_paste import TaskPasteDialog
from gui.dialogs.task_progress import TaskProgressDialog
from models.services import demo_letters, plan_tasks
from tests.gui.navigation import open_page
from tests.gui.test_applications_page import with_modal
from tests.register_documents import add_document

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
YUNYANG = (PLANS / "yunyang_2021_task_list.txt").read_text(encoding="utf-8")
REPORT_TASK = "将贯彻落实2021年政务公开工作要点任务分工完成情况于2022年1月中旬报市政府办公厅"
SUBSIDY_TASK = "公开纳入“一卡通”管理的惠民惠农财政补贴政策和补贴发放相关信息"
TRAINING_TASK = "加强队伍建设，每年至少开展1次本区县政务公开工作培训"
NUMBER = "云阳府办发〔2022〕3号"


def _click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _ok(dialog: QDialog, which: QDialogButtonBox.StandardButton):  # noqa: ANN202
    return dialog.findChild(QDialogButtonBox).button(which)


def _headers(page) -> list[str]:  # noqa: ANN001
    return [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]


def _row(page, start: str) -> dict[str, str]:  # noqa: ANN001
    """The shown cells of the task whose 任务内容 starts with `start`, by column header."""
    headers = _headers(page)
    for r in range(page.model.rowCount()):
        cells = [page.model.data(page.model.index(r, c)) for c in range(len(headers))]
        if cells[0].startswith(start):
            return dict(zip(headers, cells, strict=True)) | {"_row": str(r)}
    raise AssertionError(f"no task starts with {start}")


@pytest.fixture
def messages(monkeypatch) -> list[str]:  # noqa: ANN001
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (shown.append(f"{box.text()}\n{box.informativeText()}"), 0)[1])
    return shown


def _page(window):  # noqa: ANN001, ANN202
    page = window.page("任务清单")
    window.show_page(window.pages.index(page))
    return page


def _paste_yunyang(qtbot, window) -> dict[str, object]:  # noqa: ANN001
    page = _page(window)
    seen: dict[str, object] = {}

    def paste(dialog: TaskPasteDialog) -> None:
        dialog.text.setPlainText(YUNYANG)  # as pasted from the plan
        _click(qtbot, dialog.recognize_button)
        seen["proposed"] = dialog.table.rowCount()
        seen["year"] = dialog.year.value()
        _click(qtbot, _ok(dialog, QDialogButtonBox.StandardButton.Ok))  # 确认导入
        seen["open"] = dialog.isVisible()

    with_modal(qtbot, lambda: _click(qtbot, page.buttons["粘贴计划文本…"]), paste)
    return seen


def test_paste_yunyang_plan_recognize_confirm_shows_its_tasks_units_and_dates(qtbot, window, messages) -> None:  # noqa: ANN001
    seen = _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    assert seen == {"proposed": 93, "year": 2021, "open": False}  # the plan's title: 云阳县2021年政务公开工作任务清单
    assert page.count.text() == "共 93 条"
    assert "已导入 93 项任务（2021年）" in messages[-1]
    subsidy = _row(page, SUBSIDY_TASK)
    assert subsidy["责任单位"] == "县财政局"
    assert subsidy["公开路径"] == "政府网站>政府信息公开目录>惠民惠农资金"
    assert subsidy["状态"] == "未开始"
    report = _row(page, REPORT_TASK)
    assert report["责任单位"] == "县政府办公室"
    assert report["完成时限"] == "2022年1月中旬（2022-01-20）"  # 中旬 is read as the 20th
    assert report["状态"] == "未开始（逾期）"  # past its date on 2026-11-23, said in words
    training = _row(page, TRAINING_TASK)
    assert training["责任单位"] == "县政府办公室、县委组织部"
    assert training["周期"] == "每年"
    land = _row(page, "公开云阳县法定国土空间规划")
    assert land["责任单位"] == "县规划自然资源局"


def test_paste_unticked_proposal_and_edited_deadline_are_stored_as_confirmed(qtbot, window, messages, db) -> None:  # noqa: ANN001
    page = _page(window)
    text = "1. 更新政务公开专区资料\n责任单位：县政府办公室 完成时限：年底前\n"
    text += "2. 发布政策解读\n责任单位：县司法局 完成时限：长期坚持\n"

    def paste(dialog: TaskPasteDialog) -> None:
        dialog.text.setPlainText(text)
        dialog.year.setValue(2022)
        _click(qtbot, dialog.recognize_button)
        dialog.table.item(0, 3).setText("2022年6月底前")  # 完成时限 corrected by the clerk
        dialog.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
        _click(qtbot, _ok(dialog, QDialogButtonBox.StandardButton.Ok))

    with_modal(qtbot, lambda: _click(qtbot, page.buttons["粘贴计划文本…"]), paste)
    (task,) = plan_tasks.list_tasks(db)
    assert (task.content, task.unit, task.due, task.plan_year) == (
        "更新政务公开专区资料",
        "县政府办公室",
        date(2022, 6, 30),
        2022,
    )


def test_paste_own_unit_only_keeps_the_tasks_of_the_unit_in_the_profile(qtbot, window, messages, db) -> None:  # noqa: ANN001
    demo_letters.ensure_profile(db)  # 单位名称：青山县白鹤镇人民政府
    page = _page(window)
    text = "1. 公开镇级惠民惠农资金发放信息\n责任单位：青山县白鹤镇人民政府 完成时限：2022年6月底前\n"
    text += "2. 发布政策解读\n责任单位：县司法局 完成时限：长期坚持\n"

    def paste(dialog: TaskPasteDialog) -> None:
        dialog.text.setPlainText(text)
        _click(qtbot, dialog.recognize_button)
        _click(qtbot, dialog.own_unit)
        _click(qtbot, _ok(dialog, QDialogButtonBox.StandardButton.Ok))

    with_modal(qtbot, lambda: _click(qtbot, page.buttons["粘贴计划文本…"]), paste)
    assert [(t.content, t.unit) for t in plan_tasks.list_tasks(db)] == [
        ("公开镇级惠民惠农资金发放信息", "青山县白鹤镇人民政府")
    ]
    assert plan_tasks.list_tasks(db)[0].due == date(2022, 6, 30)


def _progress(qtbot, page, start: str, fill) -> None:  # noqa: ANN001
    index = page.model.index(int(_row(page, start)["_row"]), 0)
    page.view.scrollTo(index)
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    double = lambda: qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # noqa: E731

    def fill_and_close(dialog: TaskProgressDialog) -> None:
        fill(dialog)
        if dialog.isVisible():  # refused: the test sees the error, and the dialog never blocks the run
            dialog.reject()

    with_modal(qtbot, double, fill_and_close)


def test_progress_done_with_a_document_number_shows_in_the_list_and_in_the_report_cell(
    qtbot,
    window,
    db,
    messages,
    monkeypatch,
    tmp_path,  # noqa: ANN001
) -> None:
    add_document(db, NUMBER, "关于报送2021年政务公开工作要点落实情况的报告", written=date(2022, 1, 17))
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    seen: dict[str, str] = {}

    def fill(dialog: TaskProgressDialog) -> None:
        dialog.status.setCurrentText("已完成")
        qtbot.keyClicks(dialog.completed.line, "2022-01-18")
        dialog.number.lineEdit().insert("云阳府办发[2022]3号")  # typed with square brackets, as often
        dialog.number.lineEdit().editingFinished.emit()
        seen["linked"] = dialog.number_label.text()
        _click(qtbot, dialog.save_button)
        seen["error"] = dialog.error.text()

    _progress(qtbot, page, REPORT_TASK, fill)
    assert seen["error"] == ""
    assert "关于报送2021年政务公开工作要点落实情况的报告" in seen["linked"]
    report = _row(page, REPORT_TASK)
    assert (report["状态"], report["完成日期"], report["佐证"]) == ("已完成", "2022-01-18", NUMBER)

    target = tmp_path / "落实情况表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Excel (*.xlsx)"))
    _click(qtbot, page.buttons["导出落实情况表…"])  # written in the background
    qtbot.waitUntil(lambda: any("已生成任务落实情况表（93 项）" in m for m in messages), timeout=10_000)
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if str(r[1]).startswith(REPORT_TASK))
    cells = dict(zip(header, row, strict=True))
    assert cells["落实情况"] == "已完成"
    assert cells["完成日期"] == datetime(2022, 1, 18)
    assert cells["佐证"] == NUMBER
    training = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if str(r[1]).startswith(TRAINING_TASK))
    assert dict(zip(header, training, strict=True))["落实情况"] == "未开始"


def test_progress_done_without_a_date_is_refused_under_the_field_and_nothing_changes(qtbot, window, db, messages):  # noqa: ANN001, ANN201
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    seen: dict[str, object] = {}

    def fill(dialog: TaskProgressDialog) -> None:
        dialog.status.setCurrentText("已完成")
        _click(qtbot, dialog.save_button)
        seen["field"] = dialog.field_errors["完成日期"].text()
        qtbot.keyClicks(dialog.completed.line, "2022-02-30")
        _click(qtbot, dialog.save_button)
        seen["impossible"] = dialog.error.text()
        dialog.number.lineEdit().insert("云阳府办发〔2022〕99号")
        dialog.completed.line.setText("2022-01-18")
        _click(qtbot, dialog.save_button)
        seen["unknown number"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    _progress(qtbot, page, SUBSIDY_TASK, fill)
    assert seen["field"] == "完成日期：状态为已完成时请填写完成日期。"
    assert "2022年2月没有30日" in str(seen["impossible"])
    assert "公文登记中没有文号为“云阳府办发〔2022〕99号”的公文" in str(seen["unknown number"])
    assert seen["open"] is True
    assert _row(page, SUBSIDY_TASK)["状态"] == "未开始"
    assert {t.status for t in plan_tasks.list_tasks(db)} == {"未开始"}


def test_progress_attachment_is_copied_into_the_data_folder_as_evidence(
    qtbot,
    window,
    db,
    messages,
    monkeypatch,
    tmp_path,  # noqa: ANN001
) -> None:
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    screenshot = tmp_path / "专栏截图.png"
    screenshot.write_bytes(b"\x89PNG screenshot of the column")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(screenshot), ""))

    def fill(dialog: TaskProgressDialog) -> None:
        dialog.status.setCurrentText("进行中")
        _click(qtbot, dialog.attach_button)
        _click(qtbot, dialog.save_button)

    _progress(qtbot, page, SUBSIDY_TASK, fill)
    assert _row(page, SUBSIDY_TASK)["佐证"] == "附件：专栏截图.png"
    copies = list((db.path.parent / f"{db.path.stem}-附件").rglob("*专栏截图.png"))
    assert len(copies) == 1 and copies[0].read_bytes() == screenshot.read_bytes()
    screenshot.unlink()  # the copy stays when the original goes
    assert copies[0].exists()


def test_progress_web_address_must_be_one(qtbot, window, messages) -> None:  # noqa: ANN001
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    seen: dict[str, str] = {}

    def fill(dialog: TaskProgressDialog) -> None:
        dialog.status.setCurrentText("进行中")
        dialog.url.insert("政府网站首页")
        _click(qtbot, dialog.save_button)
        seen["error"] = dialog.field_errors["佐证网址"].text()
        dialog.url.setText("http://www.yunyang.gov.cn/zwgk/hmhnzj/")
        _click(qtbot, dialog.save_button)

    _progress(qtbot, page, SUBSIDY_TASK, fill)
    assert "不是网址" in seen["error"]
    assert _row(page, SUBSIDY_TASK)["佐证"] == "http://www.yunyang.gov.cn/zwgk/hmhnzj/"


def test_import_broken_sheet_names_the_row_and_field_in_chinese_and_writes_nothing(
    qtbot,
    window,
    db,
    messages,
    monkeypatch,
    tmp_path,  # noqa: ANN001
) -> None:
    page = _page(window)
    path = tmp_path / "任务清单.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务清单"
    sheet.append(["任务内容", "责任单位", "完成时限", "公开路径", "状态", "完成日期", "佐证文号", "佐证网址", "备注"])
    sheet.append(["公开惠民惠农补贴发放信息", "县财政局", "2022年6月底前", "", "未开始", None, "", "", ""])
    sheet.append(["更新政务公开专区", "县政府办公室", "年底前", "", "已完成", None, "", "", ""])
    workbook.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "Excel (*.xlsx)"))
    page.synchronous_jobs = True
    _click(qtbot, page.buttons["从Excel导入…"])
    assert len(messages) == 1
    assert "未导入任何任务" in messages[0]
    assert "第3行 [完成日期]：状态为已完成时请填写完成日期" in messages[0]
    assert plan_tasks.list_tasks(db) == []
    assert page.count.text() == "共 0 条"

    sheet.cell(3, 6).value = date(2022, 12, 20)  # the date filled in: the whole sheet goes in
    workbook.save(path)
    page.year.setCurrentText("2022")
    _click(qtbot, page.buttons["从Excel导入…"])
    assert "已导入 2 项任务（2022年任务清单）" in messages[-1]
    assert _row(page, "更新政务公开专区")["完成日期"] == "2022-12-20"
    assert _row(page, "公开惠民惠农补贴发放信息")["完成时限"] == "2022年6月底前（2022-06-30）"


def test_template_and_export_files_are_written_from_the_buttons(qtbot, window, messages, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    page.synchronous_jobs = True
    for button, name in (("下载导入模板…", "模板.xlsx"), ("导出…", "导出.xlsx")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, _t=target, **_k: (str(_t), ""))
        _click(qtbot, page.buttons[button])
        assert target.exists(), button
    exported = load_workbook(tmp_path / "导出.xlsx")["任务清单"]
    assert [c.value for c in exported[1]][:3] == ["任务内容", "责任单位", "完成时限"]
    assert exported.max_row == 94  # header and the 93 tasks
    assert "已导出 93 项任务" in messages[-1]


def test_filters_by_status_unit_and_text(qtbot, window, messages) -> None:  # noqa: ANN001
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    page.unit.setText("县财政局")
    qtbot.waitUntil(lambda: page.model.rowCount() < 93)
    assert all("县财政局" in _row(page, page.model.data(page.model.index(r, 0)))["责任单位"]
               for r in range(page.model.rowCount()))  # fmt: skip
    assert _row(page, SUBSIDY_TASK)
    page.unit.clear()
    page.search.setText("惠民惠农资金")
    qtbot.waitUntil(lambda: page.count.text() != "共 93 条")
    assert _row(page, SUBSIDY_TASK)
    page.search.clear()
    page.status.setCurrentText("已完成")
    qtbot.waitUntil(lambda: page.count.text() == "共 0 条")


def test_void_asks_first_and_the_voided_task_leaves_the_list(qtbot, window, db, messages, monkeypatch) -> None:  # noqa: ANN001
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    page.select(next(t.id for t in plan_tasks.list_tasks(db) if t.content.startswith(SUBSIDY_TASK)))
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: (asked.append(text), answers.pop(0))[1])
    _click(qtbot, page.buttons["作废…"])
    assert page.count.text() == "共 93 条"
    _click(qtbot, page.buttons["作废…"])
    assert SUBSIDY_TASK[:20] in asked[0] and len(asked) == 2
    assert page.count.text() == "共 92 条"
    assert not any(t.content.startswith(SUBSIDY_TASK) for t in plan_tasks.list_tasks(db))


def test_select_key_from_the_calendar_shows_the_task_even_when_filtered_out(qtbot, window, db, messages) -> None:  # noqa: ANN001
    _paste_yunyang(qtbot, window)
    page = window.page("任务清单")
    task = next(t for t in plan_tasks.list_tasks(db) if t.content.startswith(REPORT_TASK))
    page.unit.setText("县财政局")
    qtbot.waitUntil(lambda: page.count.text() != "共 93 条")
    assert page.select_key(str(task.id)) is True
    assert page.selected().id == task.id
    assert REPORT_TASK in page.detail.toPlainText()
    assert page.select_key("99999") is False


def test_dashboard_tasks_due_click_lists_only_the_overdue_and_due_soon_tasks(qtbot, window, db) -> None:  # noqa: ANN001
    # today 2026-11-23 (Mon): 3 working days → due soon up to 2026-11-26
    for content, deadline in (
        ("公开惠民惠农补贴发放信息", "2026年11月20日前"),  # overdue
        ("公开乡村振兴项目进展", "2026年11月25日前"),  # due within 3 working days
        ("公开年度财政预算", "2026年12月31日前"),  # not yet due
    ):
        plan_tasks.add(db, plan_tasks.TaskInput(content, "白鹤镇", deadline), 2026, today=date(2026, 11, 23))
    done = plan_tasks.TaskInput("公开应急管理信息", "白鹤镇", "2026年11月20日前", status="已完成")
    plan_tasks.add(db, replace(done, completed=date(2026, 11, 19)), 2026, today=date(2026, 11, 23))
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    assert dashboard.tasks_button.text() == "任务到期：2 项"
    qtbot.mouseClick(dashboard.tasks_button, Qt.MouseButton.LeftButton)
    page = window.stack.currentWidget()
    assert page.title == "任务清单"
    shown = {page.model.row_at(r).content for r in range(page.model.rowCount())}
    assert shown == {"公开惠民惠农补贴发放信息", "公开乡村振兴项目进展"}
    assert page.due_label.isVisible() and page.due_label.text() == "仅显示已逾期和3个工作日内到期的任务（2项）"
    qtbot.mouseClick(page.due_clear, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
