"""文书登记: every letter issued, with its 字号 and file; a voided letter keeps its number and is shown 作废."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.operator_dialog import ensure_operator
from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.letters_model import LettersTableModel
from gui.widgets.letter_print import PdfPages, open_document, pdf_of
from gui.workers import run_in_background
from models.db import Database
from models.domain.errors import UserError
from models.services import letters as service


class LettersPage(Page):
    title = "文书登记"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年份：", self))
        self.year = QComboBox(self)
        self.year.currentIndexChanged.connect(self.reload)
        bar.addWidget(self.year)
        self.count = QLabel(self)
        bar.addWidget(self.count, 1)
        self.open_button = QPushButton("打开", self)
        self.open_button.clicked.connect(lambda: self._with_selected(lambda r: open_document(self, r.path)))
        self.preview_button = QPushButton("打印预览…", self)
        self.preview_button.clicked.connect(lambda: self._with_selected(lambda r: self._with_pdf(r, self.preview)))
        self.print_button = QPushButton("打印…", self)
        self.print_button.clicked.connect(lambda: self._with_selected(lambda r: self._with_pdf(r, self.print_pages)))
        self.void_button = QPushButton("作废…", self)
        self.void_button.clicked.connect(lambda: self.void_selected())
        for button in (self.open_button, self.preview_button, self.print_button, self.void_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = LettersTableModel()
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(LettersTableModel.COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self._with_selected(lambda r: open_document(self, r.path)))
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("全部", None)
        for year in service.letter_years(self.db):
            self.year.addItem(str(year), year)
        index = self.year.findData(current)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        rows = service.list_letters(self.db, year=self.year.currentData())
        self.model.set_rows(rows)
        voided = sum(1 for r in rows if r.voided)
        self.count.setText(f"共 {len(rows)} 份" + (f"（其中作废 {voided} 份）" if voided else ""))
        self.view.resizeColumnsToContents()

    def selected(self) -> service.LetterRecord | None:
        indexes = self.view.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def _with_selected(self, action) -> None:  # noqa: ANN001
        record = self.selected()
        if record is None:
            show_user_error(self, UserError("请先选择一份文书。"))
            return
        if not record.file_exists:
            show_user_error(self, UserError(f"文件已不在原处：{record.path}"))
            return
        action(record)

    # -- print inside the app ---------------------------------------------------------------------------
    synchronous_jobs = False  # tests run the background work (a LibreOffice conversion) inline

    def _with_pdf(self, record: service.LetterRecord, then: Callable[[PdfPages], None]) -> None:
        assert record.path is not None
        docx = record.path

        def done(pdf: Path) -> None:
            try:
                pages = PdfPages(pdf)
            except UserError as error:
                show_user_error(self, error)
                return
            then(pages)

        run_in_background(self, "正在准备打印…", lambda _p: pdf_of(docx), done, synchronous=self.synchronous_jobs)

    def preview(self, pages: PdfPages) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"打印预览 — {pages.path.name}")
        dialog.paintRequested.connect(lambda target: pages.paint(target))
        dialog.exec()

    def print_pages(self, pages: PdfPages) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印 — {pages.path.name}")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                pages.paint(printer)
            except UserError as error:
                show_user_error(self, error)

    def void_selected(self, reason: str | None = None) -> bool:
        record = self.selected()
        if record is None:
            show_user_error(self, UserError("请先选择一份文书。"))
            return False
        if not ensure_operator(self.db, self):
            return False
        if not isinstance(reason, str):  # asked here; never a button's `checked` flag
            name = record.label + (f"（{record.number}）" if record.number else "")
            label = f"作废“{name}”的理由（字号保留不再使用）："
            reason, ok = QInputDialog.getText(self, "作废文书", label)
            if not ok:
                return False
        try:
            service.void_letter(self.db, record.id, reason)
        except UserError as error:
            show_user_error(self, error)
            return False
        self.reload()
        self.data_changed.emit()
        return True
