"""期限日历 page (issue 11), driven by real clicks and keys as the clerk uses it. Today is 2026-11-23 (Monday).

Expected values written out from the domain README and the official holiday data (shared/domain/holidays/days.csv):
- 答复期限 = 20 working days counted from the day after receipt: received 2026-11-20 (Fri) → 2026-12-18 (Fri);
  received 2026-11-23 (Mon) → 2026-12-21 (Mon).
- 月报 due on the 5th (default 每月5日前): 2026-12-05.
- 2025-10: 休 10-01…10-08, 班 10-11 (Sat); 2025-09-28 (Sun) 班. 2026-02: 休 02-15…02-23, 班 02-14 and 02-28.
- 2027 has no holiday data (chinesecalendar ends with 2026): its days carry the uncertain mark “?”.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.services import applications
from tests.db.test_applications_service import form

TODAY = date(2026, 11, 23)


@pytest.fixture
def registered(db) -> dict[str, str]:  # noqa: ANN001
    first = applications.register(db, form(received=date(2026, 11, 20), handler="李四"), today=TODAY).number
    second = applications.register(db, form(received=date(2026, 11, 23), handler="王五"), today=TODAY).number
    return {"李四": first, "王五": second}


def _open_calendar(qtbot, window):  # noqa: ANN001, ANN202
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:3] == ["工作台", "期限日历", "依申请公开"]  # the calendar is the second entry
    item = window.nav.item(1)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    page = window.page("期限日历")
    assert window.stack.currentWidget() is page
    return page


def _click(qtbot, page, text: str) -> None:  # noqa: ANN001
    qtbot.mouseClick(page.buttons[text], Qt.MouseButton.LeftButton)


def _cell_texts(page) -> dict[date, str]:  # noqa: ANN001
    model = page.grid.grid_model
    texts = {}
    for row in range(model.rowCount()):
        for column in range(7):
            index = model.index(row, column)
            texts[model.cell_at(index).day] = index.data()
    return texts


def _days_marked(page, mark: str) -> list[str]:  # noqa: ANN001
    return [c.day.isoformat() for c in page.grid.grid_model.cells() if c.mark == mark]


def _key(qtbot, page, key: Qt.Key, times: int = 1) -> None:  # noqa: ANN001
    page.grid.setFocus()
    for _ in range(times):
        qtbot.keyClick(page.grid, key)


def test_acceptance_open_the_calendar_move_a_month_click_an_item_and_land_on_the_application(
    qtbot,
    registered,
    window,  # noqa: ANN001
) -> None:
    page = _open_calendar(qtbot, window)
    assert page.month_label.text() == "2026年11月"
    _click(qtbot, page, "下月")
    assert page.month_label.text() == "2026年12月"
    number = registered["李四"]
    cell = page.grid.grid_model.cells()[18]  # the grid starts on Monday 2026-11-30: its 19th day is 12-18
    assert cell.day == date(2026, 12, 18)
    position = next(i for i, item in enumerate(cell.items) if item.key == number)
    rect = page.grid.item_rect(date(2026, 12, 18), position)
    assert rect.isValid() and page.grid.viewport().rect().contains(rect)
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    applications_page = window.page("依申请公开")
    assert window.stack.currentWidget() is applications_page
    assert window.nav.currentItem().text() == "依申请公开"
    assert applications_page.detail.number == number
    selected = applications_page.view.selectionModel().selectedRows()
    assert [applications_page.model.row_at(i.row()).number for i in selected] == [number]


def test_item_shows_its_state_in_words_and_the_day_its_due(qtbot, registered, window) -> None:  # noqa: ANN001
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")
    texts = _cell_texts(page)
    assert f"{registered['李四']} 答复期限" in texts[date(2026, 12, 18)]
    assert f"{registered['王五']} 答复期限" in texts[date(2026, 12, 21)]
    assert "【逾期】" not in texts[date(2026, 12, 18)]  # 正常: due in December, today is 11-23
    _click(qtbot, page, "上月")
    texts = _cell_texts(page)
    assert "【逾期】" in texts[date(2026, 11, 5)] and "月报：2026年11月" in texts[date(2026, 11, 5)]  # past, open
    assert "已逾期 1" in page.summary.text()


def test_filter_by_register_and_by_owner_narrows_the_items(qtbot, registered, window) -> None:  # noqa: ANN001
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")

    def shown() -> list[tuple[str, str]]:
        return [(i.register, i.key) for c in page.grid.grid_model.cells() if c.in_month for i in c.items]

    assert ("报表", "2026-12") in shown() and ("依申请公开", registered["李四"]) in shown()
    page.register_filter.setCurrentText("报表")
    assert shown() == [("报表", "2026-12")]
    page.register_filter.setCurrentText("全部")
    assert page.owner_filter.findText("王五") >= 0 and page.owner_filter.findText("李四") >= 0
    page.owner_filter.setCurrentText("王五")  # received 11-23: 补正告知期限 12-02 and 答复期限 12-21
    assert shown() == [("依申请公开", registered["王五"])] * 2
    assert page.summary.text().startswith("本月 2 项")


def test_keyboard_pagedown_moves_a_month_arrows_move_the_day_enter_opens(
    qtbot,
    registered,
    window,  # noqa: ANN001
) -> None:
    page = _open_calendar(qtbot, window)
    _key(qtbot, page, Qt.Key.Key_PageDown)
    assert page.month_label.text() == "2026年12月"
    _key(qtbot, page, Qt.Key.Key_PageUp)
    assert page.month_label.text() == "2026年11月"
    _click(qtbot, page, "下月")  # 2026-12-23 selected
    _key(qtbot, page, Qt.Key.Key_Left, 5)  # → 12-18
    _key(qtbot, page, Qt.Key.Key_Up)  # → 12-11
    _key(qtbot, page, Qt.Key.Key_Down)  # → 12-18
    assert page.selected == date(2026, 12, 18)
    assert page.grid.currentIndex().data().startswith("18")
    _key(qtbot, page, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.page("依申请公开")
    assert window.page("依申请公开").detail.number == registered["李四"]


def test_holiday_marks_of_october_2025_and_february_2026(qtbot, window) -> None:  # noqa: ANN001
    page = _open_calendar(qtbot, window)
    _key(qtbot, page, Qt.Key.Key_PageUp, 13)
    assert page.month_label.text() == "2025年10月"
    assert _days_marked(page, "休") == [f"2025-10-0{n}" for n in range(1, 9)]
    assert _days_marked(page, "班") == ["2025-10-11"]
    texts = _cell_texts(page)
    assert texts[date(2025, 10, 1)].startswith("1休") and texts[date(2025, 10, 11)].startswith("11班")
    assert texts[date(2025, 10, 18)].startswith("18\n") or texts[date(2025, 10, 18)] == "18"  # a plain Saturday
    _key(qtbot, page, Qt.Key.Key_PageUp)
    assert page.month_label.text() == "2025年9月"
    assert "2025-09-28" in _days_marked(page, "班")
    _key(qtbot, page, Qt.Key.Key_PageDown, 5)
    assert page.month_label.text() == "2026年2月"
    assert [d for d in _days_marked(page, "休") if d.startswith("2026-02")] == [f"2026-02-{n}" for n in range(15, 24)]
    assert _days_marked(page, "班") == ["2026-02-14", "2026-02-28"]
    assert not page.uncertain_label.isVisible()


def test_a_year_without_holiday_data_shows_the_uncertain_mark_with_its_reason(qtbot, window) -> None:  # noqa: ANN001
    page = _open_calendar(qtbot, window)
    _key(qtbot, page, Qt.Key.Key_PageDown, 2)
    assert page.month_label.text() == "2027年1月"
    index = page.grid.grid_model.index_of(date(2027, 1, 4))
    assert index.data().startswith("4?")
    assert "该年节假日安排未录入" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert page.uncertain_label.isVisible() and "2027年该年节假日安排未录入" in page.uncertain_label.text()


def test_week_and_agenda_views_list_the_same_items(qtbot, registered, window) -> None:  # noqa: ANN001
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")
    bar = page.view_tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # 周
    assert [c.day.day for c in page.grid.grid_model.cells()] == [21, 22, 23, 24, 25, 26, 27]
    assert page.month_label.text() == "2026年12月21日—12月27日"  # the week of the selected 12-23
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # 日程
    assert page.stack.currentWidget() is page.agenda
    model = page.agenda.agenda_model
    rows = [[model.index(r, c).data() for c in (0, 3, 4, 5, 6, 7)] for r in range(model.rowCount())]
    assert ["2026-12-18", "正常", "依申请公开", registered["李四"], "答复期限", "李四"] in rows
    assert ["2026-12-05", "正常", "报表", "2026-12", "月报：2026年12月", ""] in rows
    row = next(r for r in range(model.rowCount()) if model.index(r, 5).data() == registered["王五"])
    rect = page.agenda.visualRect(model.index(row, 6))
    qtbot.mouseClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.page("依申请公开").detail.number == registered["王五"]


def test_print_month_pdf_button_writes_the_months_items_and_opens_it(
    qtbot,
    registered,
    window,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    target = tmp_path / "十二月.pdf"
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = _open_calendar(qtbot, window)
    page.synchronous_jobs = True
    _click(qtbot, page, "下月")
    _click(qtbot, page, "打印本月(PDF)…")
    assert opened == [str(target)]
    text = _pdf_text(target)
    assert "2026年12月 期限日历" in text
    assert registered["李四"] in text and registered["王五"] in text and "月报：2026年12月" in text
    assert "一" in text and "日" in text and "休" in text  # the weekday header and the legend


def test_export_ics_button_writes_the_agenda(qtbot, registered, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "日历.ics"
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **_k: told.append(a[2]) or QMessageBox.StandardButton.Ok)
    page = _open_calendar(qtbot, window)
    page.synchronous_jobs = True
    _click(qtbot, page, "导出日历(.ics)…")
    text = target.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261218" in text
    assert registered["李四"] in text
    assert told and "到：" in told[0]


def _pdf_text(path: Path) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _double_click_agenda_row(qtbot, page, key: str) -> None:  # noqa: ANN001
    model = page.agenda.agenda_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 5).data() == key)
    rect = page.agenda.visualRect(model.index(row, 6))
    qtbot.mouseClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_items_of_other_registers_open_their_pages_the_solicitation_and_the_monthly_return(
    qtbot,
    db,
    window,  # noqa: ANN001
) -> None:
    from models.services import solicitations
    from models.services.solicitations import SolicitationInput

    draft = SolicitationInput(title="白鹤镇集镇管理办法（征求意见稿）", kind="重大行政决策", start=date(2026, 11, 10),
                              end=date(2026, 12, 10), channel="镇政府门户网站")  # fmt: skip
    solicitation_id = solicitations.add(db, draft, today=TODAY).id
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")
    bar = page.view_tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # 日程
    _double_click_agenda_row(qtbot, page, str(solicitation_id))
    target = window.page("征求意见")
    assert window.stack.currentWidget() is target
    assert target.selected().id == solicitation_id
    assert "白鹤镇集镇管理办法" in target.detail.toPlainText()
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(window.nav.item(1)).center()
    )
    _double_click_agenda_row(qtbot, page, "2026-12")  # 月报：2026年12月
    reports = window.page("报表")
    assert window.stack.currentWidget() is reports
    assert (reports.kind.currentText(), reports.year.value(), reports.month.value()) == ("月报", 2026, 12)


def test_items_of_a_document_open_the_document_and_its_missing_interpretation(qtbot, db, window) -> None:  # noqa: ANN001
    from models.services import documents
    from tests.register_documents import add_document

    number = "白鹤府发〔2026〕3号"
    document_id = add_document(db, number, "白鹤镇农村建房管理办法", written=date(2026, 11, 25))
    documents.recompute_all(db, today=TODAY)  # the cached publication clock: 成文 11-25 + 20 working days = 12-23
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")
    bar = page.view_tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # 日程
    model = page.agenda.agenda_model
    rows = [[model.index(r, c).data() for c in (0, 4, 5)] for r in range(model.rowCount())]
    assert ["2026-12-23", "公文", number] in rows and ["2026-12-23", "政策解读", number] in rows
    row = rows.index(["2026-12-23", "公文", number])
    rect = page.agenda.visualRect(model.index(row, 6))
    qtbot.mouseClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.page("公文")
    assert window.page("公文").detail.document_id == document_id
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(window.nav.item(1)).center()
    )
    row = rows.index(["2026-12-23", "政策解读", number])
    rect = page.agenda.visualRect(model.index(row, 6))
    qtbot.mouseClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    interpretations = window.page("政策解读")
    assert window.stack.currentWidget() is interpretations
    assert interpretations.flags_only.isChecked()
    assert "白鹤镇农村建房管理办法" in interpretations.detail.toPlainText()


def test_a_crowded_day_shows_more_n_and_clicking_it_lists_the_day(qtbot, db, window) -> None:  # noqa: ANN001
    numbers = [
        applications.register(db, form(received=date(2026, 11, 20), handler="李四"), today=TODAY).number
        for _ in range(12)
    ]  # twelve 答复期限 on 2026-12-18
    page = _open_calendar(qtbot, window)
    _click(qtbot, page, "下月")
    rect = page.grid.item_rect(date(2026, 12, 18), -1)  # the 另N项 line
    assert rect.isValid() and page.grid.item_rect(date(2026, 12, 18), 11) == QRect()  # not every item fits
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.stack.currentWidget() is page.agenda
    model = page.agenda.agenda_model
    row = page.agenda.currentIndex().row()
    assert model.index(row, 0).data() == "2026-12-18"
    assert (
        sorted(model.index(r, 5).data() for r in range(model.rowCount()) if model.index(r, 0).data() == "2026-12-18")
        == numbers
    )
