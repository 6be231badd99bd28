"""The 报表 page as a clerk clicks it: preview of 表三 with its checks, every export button (the file dialog
answered by the test), lock/unlock with confirmation, the 表二 figures, the county merge, and the annual report's
written parts (一 drafted from the figures and editable, 五 and 六 to be written; export warns while they are not)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from gui.pages.reports_page import ReportsPage
from gui.table_models.table3_model import Table3TableModel
from models.services import locks, reports
from tests.gui.navigation import open_page
from tests.report_register import build, expected_2025

FIVE = "五、存在的主要问题及改进情况"
SIX = "六、其他需要报告的事项"


@pytest.fixture
def page(qtbot, window, db, monkeypatch):  # noqa: ANN001, ANN201
    build(db)
    monkeypatch.setattr(ReportsPage, "synchronous_jobs", True)
    messages: list[str] = []
    warnings: list[str] = []
    save_paths: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (save_paths.pop(0), ""))
    page = open_page(window, "报表")
    window.show_page(window.pages.index(page))
    page.messages, page.warnings, page.save_paths = messages, warnings, save_paths
    page.kind.setCurrentText("年度报告")
    page.year.setValue(2025)
    return page


def click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_preview_and_every_export_button(qtbot, page, tmp_path: Path) -> None:  # noqa: ANN001
    model = page.model
    labels = [model.data(model.index(r, 0)).strip() for r in range(model.rowCount())]
    row = labels.index("（七）总计")
    assert [model.data(model.index(row, c)) for c in range(1, 8)] == expected_2025()["（七）总计"]
    assert "勾稽关系检查：通过" in page.checks.toPlainText()
    assert "报送截止：2026年1月31日" in page.state.text()

    for key, name in (("xlsx", "年报.xlsx"), ("docx", "年报.docx"), ("pdf", "年报.pdf"), ("ledger", "台账.pdf")):
        page.save_paths.append(str(tmp_path / name))
        click(qtbot, page.buttons[key])
        assert (tmp_path / name).exists(), name
    # the Word version still has 五 and 六 to write: a warning, not a plain "done"
    assert len(page.messages) == 3 and all("已生成" in m for m in page.messages)
    assert len(page.warnings) == 1 and "已生成" in page.warnings[0]
    ws = openpyxl.load_workbook(tmp_path / "年报.xlsx")["表三申请情况"]
    assert any(c.value == "（七）总计" for c in ws["A"])

    page.kind.setCurrentText("月报")
    page.year.setValue(2026)
    page.month.setValue(1)
    assert not page.buttons["docx"].isEnabled()
    assert not page.text_box.isEnabled()
    page.save_paths.append(str(tmp_path / "月报.xlsx"))
    click(qtbot, page.buttons["xlsx"])
    assert "表三申请情况" in openpyxl.load_workbook(tmp_path / "月报.xlsx").sheetnames


def test_cancelled_file_dialog_writes_nothing(qtbot, page, tmp_path: Path) -> None:  # noqa: ANN001
    page.save_paths.append("")
    click(qtbot, page.buttons["xlsx"])
    assert page.messages == [] and list(tmp_path.glob("*.xlsx")) == []


def test_table_model(qtmodeltester, page) -> None:  # noqa: ANN001
    model = Table3TableModel(reports.table3(page.db, "2025").table)
    qtmodeltester.check(model)


def test_lock_unlock_with_confirmation(qtbot, page, monkeypatch) -> None:  # noqa: ANN001
    click(qtbot, page.buttons["lock"])
    assert locks.is_locked(page.db, "2025")
    assert "已锁定" in page.state.text() and page.buttons["unlock"].isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("县里退回", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    click(qtbot, page.buttons["unlock"])
    assert locks.is_locked(page.db, "2025")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    click(qtbot, page.buttons["unlock"])
    assert not locks.is_locked(page.db, "2025")
    assert [e.action for e in locks.lock_log(page.db, "2025")] == ["锁定", "解锁"]
    assert [e.reason for e in locks.lock_log(page.db, "2025")][-1] == "县里退回"


def test_figures_and_merge(qtbot, page, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    page.figures["行政许可"].setText("7")
    page.include_fee.setChecked(True)
    click(qtbot, page.save_figures_button)
    assert reports.get_figures(page.db, 2025)["行政许可"] == 7
    assert page.report.table2.figure("行政事业性收费") == pytest.approx(0.03)  # the 300 元 fee, in 万元
    one = tmp_path / "甲.xlsx"
    reports.export_return(page.db, "2025", one)
    page.merge_unit.setText("青山县")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(one)], ""))
    page.save_paths.append(str(tmp_path / "汇总.xlsx"))
    click(qtbot, page.merge_button)
    assert (tmp_path / "汇总.xlsx").exists()
    assert "已汇总 1 个单位" in page.merge_result.text()


# -- the annual report as published: 一 drafted and editable, 五 and 六 to be written -------------------------------


def test_annual_summary_is_drafted_from_the_years_figures(page) -> None:  # noqa: ANN001
    summary = page.texts["summary"].toPlainText()
    # 表三 of 2025 (tests/report_register.py): 27 new, 2 carried in, 23 answered, 6 carried over; 表四: 2 + 2
    assert "本年度新收政府信息公开申请27件" in summary
    assert "上年结转2件" in summary and "本年度办结23件" in summary and "结转下年度继续办理6件" in summary
    assert "予以公开3件" in summary and "不予公开8件" in summary
    assert "被申请行政复议2件，被提起行政诉讼2件" in summary
    for section in ("problems", "other"):
        assert page.texts[section].toPlainText().startswith("【待填写：")
    assert FIVE in page.text_note.text() and SIX in page.text_note.text()


def test_annual_text_edited_is_kept_per_year_and_exported(qtbot, page, tmp_path: Path) -> None:  # noqa: ANN001
    page.texts["summary"].setPlainText("2025年，本镇依法办理政府信息公开申请。\n全年无重大问题。")
    click(qtbot, page.save_text_button)
    page.year.setValue(2024)  # another year has its own (default) text
    assert "本年度新收政府信息公开申请" in page.texts["summary"].toPlainText()
    page.year.setValue(2025)
    assert page.texts["summary"].toPlainText() == "2025年，本镇依法办理政府信息公开申请。\n全年无重大问题。"

    page.save_paths.append(str(tmp_path / "年报.docx"))
    click(qtbot, page.buttons["docx"])
    assert len(page.warnings) == 1 and FIVE in page.warnings[0] and SIX in page.warnings[0]
    texts = [p.text for p in Document(str(tmp_path / "年报.docx")).paragraphs]
    assert "全年无重大问题。" in texts
    assert any(t.startswith("【待填写：") for t in texts)

    page.texts["problems"].setPlainText("信息发布的及时性有待提高。下一步将健全发布审核机制。")
    page.texts["other"].setPlainText("无。")
    page.save_paths.append(str(tmp_path / "年报2.docx"))
    click(qtbot, page.buttons["docx"])  # exporting keeps the text shown
    assert len(page.warnings) == 1 and "已生成" in page.messages[-1]
    texts = [p.text for p in Document(str(tmp_path / "年报2.docx")).paragraphs]
    assert "信息发布的及时性有待提高。下一步将健全发布审核机制。" in texts and "无。" in texts
    assert not any("【待填写" in t for t in texts)
    assert page.text_note.text() == "已保存2025年年度报告正文。各部分均已填写。"  # the click is answered


def test_redraft_returns_to_the_draft_from_the_figures(qtbot, page) -> None:  # noqa: ANN001
    page.texts["summary"].setPlainText("旧的总体情况。")
    click(qtbot, page.save_text_button)
    click(qtbot, page.redraft_button)
    assert "本年度新收政府信息公开申请27件" in page.texts["summary"].toPlainText()


def test_text_typed_for_a_year_is_kept_when_another_year_is_shown(qtbot, page) -> None:  # noqa: ANN001
    page.text_tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.texts["problems"].viewport(), Qt.MouseButton.LeftButton)
    page.texts["problems"].selectAll()
    qtbot.keyClicks(page.texts["problems"], "TODO list")  # QTest types ASCII only
    page.year.setValue(2024)
    assert page.texts["problems"].toPlainText().startswith("【待填写：")
    page.year.setValue(2025)
    assert page.texts["problems"].toPlainText() == "TODO list"


def test_yearly_review_button_exports_the_withheld_documents_in_the_background(qtbot, page, tmp_path: Path) -> None:  # noqa: ANN001
    from datetime import date

    from models.entities import DocumentReviewDecision
    from tests.register_entries import add, document

    withheld = document(
        date(2025, 4, 1), attribute="不予公开", note_mark="此件不公开", withhold_reason="涉及防汛部署", basis_code="3.1"
    )
    add(page.db, withheld)
    add(
        page.db,
        DocumentReviewDecision(
            document_id=withheld.id,
            year=2025,
            decision="转为主动公开",
            decided_by="李华",
            decided_on=date(2025, 12, 15),
        ),
    )
    out = tmp_path / "审查清单.xlsx"
    page.save_paths.append(str(out))
    click(qtbot, page.buttons["review"])
    assert page.messages == [f"已生成：\n{out}"]
    row = [c.value for c in openpyxl.load_workbook(out)["不予公开审查"][2]]
    assert row[8:10] == ["转为主动公开", "李华"]


def test_table_two_says_which_rows_come_from_the_document_register(page) -> None:  # noqa: ANN001
    from datetime import date

    from tests.register_entries import add, document

    add(page.db, document(date(2025, 3, 1), category="行政规范性文件"), document(date(2024, 3, 1), category="规章"))
    page.year.setValue(2024)
    page.year.setValue(2025)
    text = page.register_rows.text()
    assert "规章、行政规范性文件（第二十条第（一）项）由公文登记自动统计" in text
    assert "规章：本年制发0件、本年废止0件、现行有效1件" in text
    assert "行政规范性文件：本年制发1件、本年废止0件、现行有效1件" in text
