"""The 报表 page: preview of 表三 with its checks, exports through the background helper (run inline here),
lock/unlock with confirmation, the 表二 figures, and the county merge."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from gui.pages.reports_page import ReportsPage
from gui.table_models.table3_model import Table3TableModel
from models.services import locks, reports
from tests.report_register import build, expected_2025


@pytest.fixture
def page(qtbot, window, db, monkeypatch):  # noqa: ANN001, ANN201
    build(db)
    monkeypatch.setattr(ReportsPage, "synchronous_jobs", True)
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    page = window.page("报表")
    window.show_page(window.pages.index(page))
    page.messages = messages
    page.kind.setCurrentText("年度报告")
    page.year.setValue(2025)
    return page


def test_preview_and_exports(qtbot, page, tmp_path: Path) -> None:  # noqa: ANN001
    model = page.model
    labels = [model.data(model.index(r, 0)).strip() for r in range(model.rowCount())]
    row = labels.index("（七）总计")
    assert [model.data(model.index(row, c)) for c in range(1, 8)] == expected_2025()["（七）总计"]
    assert "勾稽关系检查：通过" in page.checks.toPlainText()
    assert "报送截止：2026年1月31日" in page.state.text()

    page.export_xlsx(str(tmp_path / "年报.xlsx"))
    page.export_docx(str(tmp_path / "年报.docx"))
    page.export_pdf(str(tmp_path / "年报.pdf"))
    page.export_ledger_pdf(str(tmp_path / "台账.pdf"))
    for name in ("年报.xlsx", "年报.docx", "年报.pdf", "台账.pdf"):
        assert (tmp_path / name).exists(), name
    assert len(page.messages) == 4 and all("已生成" in m for m in page.messages)
    ws = openpyxl.load_workbook(tmp_path / "年报.xlsx")["表三申请情况"]
    assert any(c.value == "（七）总计" for c in ws["A"])

    page.kind.setCurrentText("月报")
    page.year.setValue(2026)
    page.month.setValue(1)
    assert not page.buttons["docx"].isEnabled()
    page.export_xlsx(str(tmp_path / "月报.xlsx"))
    assert "表三申请情况" in openpyxl.load_workbook(tmp_path / "月报.xlsx").sheetnames


def test_table_model(qtmodeltester, page) -> None:  # noqa: ANN001
    model = Table3TableModel(reports.table3(page.db, "2025").table)
    qtmodeltester.check(model)


def test_lock_unlock_with_confirmation(page, monkeypatch) -> None:  # noqa: ANN001
    page.lock_period()
    assert locks.is_locked(page.db, "2025")
    assert "已锁定" in page.state.text() and page.buttons["unlock"].isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert page.unlock_period("县里退回") is False
    assert locks.is_locked(page.db, "2025")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert page.unlock_period("县里退回") is True
    assert not locks.is_locked(page.db, "2025")
    assert [e.action for e in locks.lock_log(page.db, "2025")] == ["锁定", "解锁"]


def test_figures_and_merge(page, tmp_path: Path) -> None:  # noqa: ANN001
    page.figures["行政许可"].setText("7")
    page.include_fee.setChecked(True)
    assert page.save_figures()
    assert reports.get_figures(page.db, 2025)["行政许可"] == 7
    assert page.report.table2.figure("行政事业性收费") == pytest.approx(0.03)
    one = tmp_path / "甲.xlsx"
    reports.export_return(page.db, "2025", one)
    page.merge_unit.setText("青山县")
    page.merge_files([str(one)], str(tmp_path / "汇总.xlsx"))
    assert (tmp_path / "汇总.xlsx").exists()
    assert "已汇总 1 个单位" in page.merge_result.text()
