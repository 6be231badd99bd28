"""The 公文 page as a clerk uses it, by real clicks (issue 10 acceptance): add a document from its .docx, take it
through 初审 → 复审 → 终审 to 发布.

Today is 2026-11-23 (Mon). 成文 2026-11-16 (Mon) → publication due 2026-12-14: 11-17…20 = 4, 23–27 = 9,
11-30…12-04 = 14, 12-07…11 = 19, 12-14 = 20 (no holiday in between).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from gui.dialogs.document_dialogs import PublishDialog, ReviewDialog
from gui.dialogs.document_form import DocumentFormDialog
from gui.dialogs.interpretation_form import InterpretationFormDialog
from gui.table_models.documents_model import DocumentsTableModel
from models.services import documents as service
from models.services import interpretations
from tests.docx_samples import write_gbt9704
from tests.gui.navigation import open_page

NUMBER = "白鹤府发〔2026〕31号"
TITLE = "白鹤镇人民政府关于做好2026年冬春农村困难群众救助工作的通知"


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


def cell(model: DocumentsTableModel, row: int, header: str) -> str:
    column = [h for _k, h in model.COLUMNS].index(header)
    return model.data(model.index(row, column))


def save(qtbot, dialog: QDialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_add_from_docx_then_three_reviews_then_publish_by_real_clicks(qtbot, window, db, tmp_path, monkeypatch):
    page = open_page(window, "公文")
    window.show_page(window.pages.index(page))
    docx = write_gbt9704(
        tmp_path / "31号.docx",
        number="白鹤府发〔2026〕31号",
        title=("白鹤镇人民政府", "关于做好2026年冬春农村困难群众救助工作的通知"),
        written="2026年11月16日",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(docx), "Word 公文 (*.docx)"))

    def confirm(dialog: DocumentFormDialog) -> None:
        assert dialog.number.text() == NUMBER
        assert dialog.title_edit.text() == TITLE
        assert dialog.written.text() == "2026-11-16"
        assert (dialog.attribute.currentText(), dialog.note_mark.currentText()) == ("主动公开", "此件公开发布")
        assert "主动公开期限：2026-12-14" in dialog.due.text()
        dialog.category.setCurrentText("行政规范性文件")
        save(qtbot, dialog)

    with_modal(qtbot, lambda: qtbot.mouseClick(page.from_file_button, Qt.MouseButton.LeftButton), confirm)
    assert page.model.rowCount() == 1
    assert cell(page.model, 0, "文号") == NUMBER
    assert cell(page.model, 0, "发布期限") == "2026-12-14"
    assert cell(page.model, 0, "发布情况") == "正常（剩15个工作日）"
    assert page.detail.heading.text() == f"{NUMBER}　{TITLE}"
    assert page.detail.attachments.item(0).text() == "正式文件：31号.docx"  # the file is kept with the entry

    # 发布 before 终审 is refused, and the dialog stays open with the reason.
    def too_early(dialog: PublishDialog) -> None:
        save(qtbot, dialog)
        assert dialog.isVisible() and "三审三校尚未完成终审，不能登记为已发布" in dialog.error.text()
        dialog.reject()

    with_modal(qtbot, lambda: qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton), too_early)

    for stage, name, day in (("初审", "张录入", "2026-11-17"), ("复审", "王科长", "2026-11-18")):

        def review(dialog: ReviewDialog, stage: str = stage, name: str = name, day: str = day) -> None:
            assert dialog.stage_label.text().startswith(stage)
            dialog.reviewer.setText(name)  # Chinese is typed through the IME
            dialog.day.line.clear()
            qtbot.keyClicks(dialog.day.line, day)
            save(qtbot, dialog)

        with_modal(qtbot, lambda: qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton), review)

    def same_person(dialog: ReviewDialog) -> None:
        assert dialog.stage_label.text() == "终审（分管或主要领导）"
        dialog.reviewer.setText("王科长")  # Chinese is typed through the IME
        save(qtbot, dialog)
        assert "三审三校须由三个不同的人完成，王科长已担任复审" in dialog.error.text()
        dialog.reviewer.setText("刘镇长")  # Chinese is typed through the IME
        dialog.day.line.clear()
        qtbot.keyClicks(dialog.day.line, "2026-11-19")
        save(qtbot, dialog)

    with_modal(qtbot, lambda: qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton), same_person)
    reviews = [page.detail.reviews.item(i).text() for i in range(page.detail.reviews.count())]
    assert reviews == ["初审：张录入（2026-11-17）", "复审：王科长（2026-11-18）", "终审：刘镇长（2026-11-19）"]

    def publish(dialog: PublishDialog) -> None:
        dialog.day.line.clear()
        qtbot.keyClicks(dialog.day.line, "2026-11-20")
        dialog.url.setText("http://www.baihe.gov.cn/zwgk/31.html")
        save(qtbot, dialog)

    with_modal(qtbot, lambda: qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton), publish)
    assert cell(page.model, 0, "发布情况") == "已发布（按时）"
    assert "主动公开期限：2026-12-14　已发布（按时）" in page.detail.clock.text()
    stored = service.get_detail(db, service.find_id(db, NUMBER), today=date(2026, 11, 23))
    assert stored.fields.published == date(2026, 11, 20)

    # 三同步: a 行政规范性文件 is flagged until two forms of interpretation are published with it; 添加解读… on its
    # detail opens the 政策解读 form for this very document.
    assert [f.document.number for f in interpretations.sync_flags(db)] == [NUMBER]
    qtbot.mouseClick(page.detail.add_interpretation, Qt.MouseButton.LeftButton)
    form = window.findChild(InterpretationFormDialog)
    assert isinstance(form, InterpretationFormDialog) and form.isVisible()
    assert form.document.text() == NUMBER
    form.title_edit.setText("jiedu")  # (QTest cannot type Chinese characters)
    form.form_checks["文字"].setChecked(True)
    form.form_checks["图表图解"].setChecked(True)
    form.interpreter.setText("mzb")
    form.approved.set_value(date(2026, 11, 19))
    form.published.set_value(date(2026, 11, 20))
    qtbot.mouseClick(
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    [added] = interpretations.list_interpretations(db)
    assert (added.document.number, added.forms, added.published) == (NUMBER, ("文字", "图表图解"), date(2026, 11, 20))
    assert interpretations.sync_flags(db) == []


def test_add_interpretation_button_emits_the_page_hook(qtbot, window, db) -> None:
    page = open_page(window, "公文")
    document_id = service.add_document(
        db,
        service.DocumentInput(number=NUMBER, title=TITLE, written=date(2026, 11, 16), category="行政规范性文件"),
        today=date(2026, 11, 23),
    ).id
    page.refresh()
    page.view.selectRow(0)
    with qtbot.waitSignal(page.add_interpretation_requested) as signal:
        qtbot.mouseClick(page.detail.add_interpretation, Qt.MouseButton.LeftButton)
    assert signal.args == [document_id]


def test_broken_docx_is_refused_in_chinese_and_nothing_is_added(qtbot, window, tmp_path, monkeypatch) -> None:
    page = open_page(window, "公文")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(broken), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.mouseClick(page.from_file_button, Qt.MouseButton.LeftButton)
    assert shown and "无法读取“坏.docx”：它不是有效的Word文档" in shown[0]
    assert page.model.rowCount() == 0


def test_void_by_click_asks_a_reason_and_leaves_the_list(qtbot, window, db, monkeypatch) -> None:
    page = open_page(window, "公文")
    service.add_document(db, service.DocumentInput(title=TITLE, written=date(2026, 11, 16)), today=date(2026, 11, 23))
    page.refresh()
    page.view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("重复登记", True))
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and page.count.text() == "共 0 件"


def test_documents_model_passes_the_model_tester(qtmodeltester, db) -> None:
    service.add_document(db, service.DocumentInput(title=TITLE, written=date(2026, 11, 16)), today=date(2026, 11, 23))
    model = DocumentsTableModel(db, today=date(2026, 11, 23))
    model.reload()
    qtmodeltester.check(model)


def test_import_export_menu_writes_the_register_and_the_normative_catalogue(
    qtbot, window, db, tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    import openpyxl

    page = open_page(window, "公文")
    service.add_document(
        db,
        service.DocumentInput(number=NUMBER, title=TITLE, written=date(2026, 11, 16), category="行政规范性文件"),
        today=date(2026, 11, 23),
    )
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    actions = {a.text(): a for a in page.files_button.menu().actions()}
    out = tmp_path / "目录.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    actions["导出行政规范性文件目录（Excel）…"].trigger()
    assert openpyxl.load_workbook(out)["现行有效"]["B3"].value == NUMBER
    book = tmp_path / "登记簿.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(book), ""))
    actions["导出发文登记簿…"].trigger()
    assert messages[-1].startswith("已导出 1 件公文")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(book), ""))
    actions["导入发文登记簿…"].trigger()
    assert messages[-1] == "导入 0 件公文，跳过 1 行（文号已登记）。"


def test_dashboard_counts_overdue_documents_and_opens_the_filtered_list(qtbot, window, db) -> None:
    # 成文 2026-10-09 (Fri) → due 2026-11-05: 10-10 (Sat 班) = 1, 10-12…16 = 6, 19…23 = 11, 26…30 = 16,
    # 11-02…05 = 20. On 11-23: 11-06 = 1, 09…13 = 6, 16…20 = 11, 23 = 12 working days late.
    service.add_document(db, service.DocumentInput(title=TITLE, written=date(2026, 10, 9)), today=date(2026, 11, 23))
    dashboard = open_page(window, "工作台")
    dashboard.refresh()
    button = dashboard.document_buttons["已逾期"]
    assert button.text() == "已逾期：1 件"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.page("公文")
    assert window.stack.currentWidget() is page
    assert page.publish.currentText() == "已逾期"
    assert cell(page.model, 0, "发布期限") == "2026-11-05"
    assert cell(page.model, 0, "发布情况") == "逾期12个工作日"


def test_document_form_fits_a_1366x768_screen_with_save_visible(qtbot, window, monkeypatch) -> None:
    from PySide6.QtCore import QRect

    import gui.screen_fit as screen_fit

    monkeypatch.setattr(screen_fit, "usable_geometry", lambda _widget=None: QRect(0, 0, 1366, 728))
    page = open_page(window, "公文")

    def check(dialog: DocumentFormDialog) -> None:
        save_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert dialog.height() <= 728 - screen_fit.FRAME_HEIGHT
        assert save_button.isVisible()
        bottom = save_button.mapTo(dialog, save_button.rect().bottomLeft()).y()
        assert 0 < bottom <= dialog.height()
        dialog.reject()

    with_modal(qtbot, lambda: qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton), check)


def test_yearly_review_dialog_records_disclose_and_starts_a_new_clock(qtbot, window, db) -> None:
    from gui.dialogs.document_dialogs import YearlyReviewDialog

    page = open_page(window, "公文")
    withheld = service.DocumentInput(
        number="白鹤府办发〔2026〕2号", title="关于机关内部考勤管理的通知", written=date(2026, 3, 2),
        attribute="不予公开", note_mark="此件不公开", withhold_reason="内部事务", basis_code="3.5",
    )  # fmt: skip
    document_id = service.add_document(db, withheld, today=date(2026, 11, 23)).id

    def decide(dialog: YearlyReviewDialog) -> None:
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "关于机关内部考勤管理的通知"
        dialog.table.selectRow(0)
        dialog.decision.setCurrentText("转为主动公开")
        dialog.decided_by.setText("陈镇长")
        dialog.decided_on.line.clear()
        qtbot.keyClicks(dialog.decided_on.line, "2026-11-20")
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        assert dialog.error.text() == ""
        assert dialog.table.item(0, 4).text() == "转为主动公开"
        dialog.accept()

    with_modal(qtbot, lambda: qtbot.mouseClick(page.yearly_button, Qt.MouseButton.LeftButton), decide)
    # 2026-11-20 (Fri) + 20 working days: 11-23…27 = 5, 11-30…12-04 = 10, 12-07…11 = 15, 12-14…18 = 20.
    assert service.get_detail(db, document_id, today=date(2026, 11, 23)).clock.due == date(2026, 12, 18)


def test_catalogue_dialog_adds_nodes_by_clicks(qtbot, window, db, monkeypatch) -> None:
    from gui.dialogs.document_dialogs import CatalogueDialog
    from models.services import document_catalogue

    page = open_page(window, "公文")
    names = iter(["政府信息公开目录", "惠民惠农资金"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (next(names), True))

    def edit(dialog: CatalogueDialog) -> None:
        qtbot.mouseClick(dialog.add_top, Qt.MouseButton.LeftButton)
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
        qtbot.mouseClick(dialog.add_child, Qt.MouseButton.LeftButton)
        dialog.accept()

    with_modal(qtbot, lambda: qtbot.mouseClick(page.catalogue_button, Qt.MouseButton.LeftButton), edit)
    assert [e.path for e in document_catalogue.list_catalogue(db)] == [
        "政府信息公开目录",
        "政府信息公开目录 › 惠民惠农资金",
    ]
    assert [page.node.itemText(i) for i in range(page.node.count())] == ["全部", "政府信息公开目录", "　惠民惠农资金"]
