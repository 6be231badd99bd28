"""报表: the annual report and the monthly return straight from the registers — preview of 表三 with its checks,
exports (Excel, Word, PDF, the yearly review) in the background, locking a submitted period, the clerk's 表二
figures (beside the rows counted from the 公文 register), and the county's aggregation of several units' returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.pages.base import Page
from gui.table_models.table3_model import Table3TableModel
from gui.workers import run_in_background
from models.db import Database
from models.domain.annual_text import HEADINGS, SECTIONS, SUMMARY, AnnualText
from models.domain.errors import UserError
from models.domain.statistics import (
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    FEE_KEY,
    FIGURE_KEYS,
    Period,
    Return,
    figure_value,
)
from models.services import annual_text, locks, reports
from models.services.settings import get_setting, set_setting

ANNUAL, MONTHLY = "年度报告", "月报"


class ReportsPage(Page):
    title = "报表"
    synchronous_jobs = False  # tests run the background work inline

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        self.report: Return | None = None
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.addItems([ANNUAL, MONTHLY])
        self.year = QSpinBox(self)
        self.year.setRange(2008, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(" 年")
        self.month = QSpinBox(self)
        self.month.setRange(1, 12)
        self.month.setValue(self.today.month)
        self.month.setSuffix(" 月")
        for label, widget in (("报表", self.kind), ("年度", self.year), ("月份", self.month)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        self.state = QLabel(self)
        bar.addWidget(self.state, 1)
        layout.addLayout(bar)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.month.valueChanged.connect(self.refresh)

        self.model = Table3TableModel()
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(QLabel("三、收到和处理政府信息公开申请情况（预览）", self))
        layout.addWidget(self.view, 6)
        self.checks = QPlainTextEdit(self)
        self.checks.setReadOnly(True)
        self.checks.setMaximumHeight(80)
        layout.addWidget(self.checks, 1)

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("xlsx", "导出Excel…", self.export_xlsx),
            ("docx", "导出Word版…", self.export_docx),
            ("pdf", "导出PDF…", self.export_pdf),
            ("ledger", "打印台账PDF…", self.export_ledger_pdf),
            ("review", "导出年度审查清单…", self.export_review),
            ("lock", "锁定本期（已报送）", self.lock_period),
            ("unlock", "解锁本期…", self.unlock_period),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)

        lower = QHBoxLayout()
        self.figures_box = QGroupBox("表二：经办人填写的数据（按年度保存）", self)
        form = QFormLayout(self.figures_box)
        self.register_rows = QLabel(self.figures_box)  # 规章 and 行政规范性文件: counted from the 公文 register
        self.register_rows.setWordWrap(True)
        form.addRow(self.register_rows)
        self.figures: dict[str, QLineEdit] = {}
        for key in FIGURE_KEYS:
            edit = QLineEdit(self.figures_box)
            edit.setPlaceholderText("万元" if key == FEE_KEY else "件数")
            form.addRow(f"{key}{'（万元）' if key == FEE_KEY else ''}", edit)
            self.figures[key] = edit
        self.deadline = QLineEdit(self.figures_box)
        self.deadline.setPlaceholderText("01-31")
        form.addRow("年报报送截止日（次年 月-日）", self.deadline)
        self.include_fee = QCheckBox("信息处理费计入表二（八）行政事业性收费（按县里要求）", self.figures_box)
        form.addRow(self.include_fee)
        self.save_figures_button = QPushButton("保存表二数据和设置", self.figures_box)
        self.save_figures_button.clicked.connect(lambda: self.save_figures())
        form.addRow(self.save_figures_button)
        lower.addWidget(self.figures_box, 1)

        # The written parts of the annual report: 一 drafted from the figures, 五 and 六 to be written.
        self.text_box = QGroupBox("年度报告正文（Word版；按年度保存）", self)
        text_layout = QVBoxLayout(self.text_box)
        self.text_tabs = QTabWidget(self.text_box)
        self.texts: dict[str, QPlainTextEdit] = {}
        for section in SECTIONS:
            edit = QPlainTextEdit(self.text_tabs)
            edit.setTabChangesFocus(True)
            self.text_tabs.addTab(edit, HEADINGS[section])
            self.texts[section] = edit
        text_layout.addWidget(self.text_tabs, 1)
        self.text_note = QLabel("", self.text_box)
        self.text_note.setWordWrap(True)
        text_layout.addWidget(self.text_note)
        text_buttons = QHBoxLayout()
        self.save_text_button = QPushButton("保存正文", self.text_box)
        self.save_text_button.clicked.connect(lambda: self.save_text())
        self.redraft_button = QPushButton("按数据重新起草“一、总体情况”", self.text_box)
        self.redraft_button.clicked.connect(lambda: self.redraft_summary())
        text_buttons.addWidget(self.save_text_button)
        text_buttons.addWidget(self.redraft_button)
        text_buttons.addStretch(1)
        text_layout.addLayout(text_buttons)
        self.text_year: int | None = None
        lower.addWidget(self.text_box, 2)

        merge_box = QGroupBox("县级汇总：各单位用本程序生成的报表", self)
        merge_layout = QVBoxLayout(merge_box)
        self.merge_unit = QLineEdit(merge_box)
        self.merge_unit.setPlaceholderText("汇总表的单位名称（可不填）")
        merge_layout.addWidget(self.merge_unit)
        self.merge_button = QPushButton("选择各单位报表并汇总…", merge_box)
        self.merge_button.clicked.connect(lambda: self.merge_files())
        merge_layout.addWidget(self.merge_button)
        self.merge_result = QLabel("", merge_box)
        self.merge_result.setWordWrap(True)
        merge_layout.addWidget(self.merge_result, 1)
        lower.addWidget(merge_box, 1)
        layout.addLayout(lower)

    # -- state ------------------------------------------------------------------------------------------
    def period(self) -> Period:
        if self.kind.currentText() == ANNUAL:
            return Period.year(self.year.value())
        return Period.month(self.year.value(), self.month.value())

    def select_key(self, key: str) -> None:
        """A 期限日历 item of 报表: “YYYY-MM” is that month's return, “YYYY” that year's annual report."""
        year, _, month = key.partition("-")
        if not year.isdigit() or (month and not month.isdigit()):
            return
        self.kind.setCurrentText(MONTHLY if month else ANNUAL)
        self.year.setValue(int(year))
        if month:
            self.month.setValue(int(month))

    def refresh(self) -> None:
        period = self.period()
        annual = period.kind == "year"
        self.month.setEnabled(not annual)
        self.buttons["docx"].setEnabled(annual)
        self.figures_box.setEnabled(annual)
        self.text_box.setEnabled(annual)
        if self.report is not None and self.report.period != period and self._text_modified():
            self.save_text()  # what the clerk typed for the year shown before is kept, not dropped
        self.report = reports.return_for(self.db, period)
        self.model.set_table(self.report.table3.table)
        lines = self.report.table3.summary()
        if lines:
            self.checks.setPlainText("勾稽关系检查：未通过\n" + "\n".join(lines))
        else:
            self.checks.setPlainText("勾稽关系检查：通过（第一项加第二项之和，等于第三项加第四项之和；总计为各项之和）")
        locked = self.report.locked
        text = f"{period.label}{period.kind_label}：{'已锁定（已报送）' if locked else '未锁定'}"
        if annual and self.report.deadline is not None:
            text += (
                f"　报送截止：{self.report.deadline.year}年{self.report.deadline.month}月{self.report.deadline.day}日"
            )
        self.state.setText(text)
        self.buttons["lock"].setEnabled(not locked)
        self.buttons["unlock"].setEnabled(locked)
        if annual:
            for key, value in reports.get_figures(self.db, period.start.year).items():
                self.figures[key].setText(str(figure_value(key, value)))
            self._show_register_rows()
            self._load_text(period.start.year)
        self.deadline.setText(get_setting(self.db, "annual_report_deadline") or reports.DEFAULT_DEADLINE)
        self.include_fee.setChecked((get_setting(self.db, "include_fee_in_table2") or "0") == "1")

    # -- exports ----------------------------------------------------------------------------------------
    def _ask_path(self, caption: str, name: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, caption, name, pattern)
        return path

    def _default_name(self, suffix: str) -> str:
        period = self.period()
        return f"政府信息公开{period.kind_label}-{period.key}{suffix}"

    def _done(self, title: str) -> object:
        def done(result: reports.ExportResult) -> None:
            text = "已生成：\n" + "\n".join(str(p) for p in result.files)
            if result.report is not None and not result.report.table3.ok:
                text += "\n\n勾稽关系检查未通过，已在文件的“说明”中列出造成不平衡的申请，请核对。"
            if result.warnings:
                text += "\n\n" + "\n".join(result.warnings)
            notices = result.text_warnings if isinstance(result, reports.ReturnExport) else []
            if notices:  # the Word version still has parts to write, or a text to check: say so, not just "done"
                QMessageBox.warning(self, title, text + "\n\n" + "\n".join(notices))
            else:
                QMessageBox.information(self, title, text)

        return done

    def _export(self, title: str, *, out: str, docx: str | None = None, pdf: str | None = None) -> None:
        period = self.period()
        run_in_background(
            self,
            f"正在生成{title}…",
            lambda progress: reports.export_return(self.db, period, out, docx=docx, pdf=pdf, progress=progress),
            self._done(title),
            synchronous=self.synchronous_jobs,
        )

    def export_xlsx(self, path: str | None = None) -> None:
        path = path or self._ask_path("导出Excel报表", self._default_name(".xlsx"), "Excel (*.xlsx)")
        if path:
            self._export("Excel报表", out=path)

    def export_docx(self, path: str | None = None) -> None:
        if self.period().kind != "year":
            return
        path = path or self._ask_path("导出年度报告Word版", self._default_name(".docx"), "Word (*.docx)")
        if not path:
            return
        if self.save_text() is None:  # the clerk's text as shown is what goes into the file, and is kept
            return
        # The Word version comes with its Excel tables beside it (the same numbers, for the upload).
        self._export("年度报告Word版", out=str(Path(path).with_suffix(".xlsx")), docx=path)

    def export_pdf(self, path: str | None = None) -> None:
        path = path or self._ask_path("导出PDF", self._default_name(".pdf"), "PDF (*.pdf)")
        if not path:
            return
        period = self.period()

        def work(progress):  # noqa: ANN001, ANN202
            from exporters.report_pdf import write_tables_pdf

            progress(0, 2)
            ret = reports.return_for(self.db, period)
            printed = write_tables_pdf(path, ret)
            progress(2, 2)
            return reports.ExportResult(ret, [printed.path], 0, [printed.warning()] if printed.warning() else [])

        run_in_background(self, "正在生成PDF…", work, self._done("PDF"), synchronous=self.synchronous_jobs)

    def export_ledger_pdf(self, path: str | None = None) -> None:
        year = self.year.value()
        path = path or self._ask_path("打印台账PDF", f"依申请公开台账-{year}.pdf", "PDF (*.pdf)")
        if not path:
            return
        run_in_background(
            self,
            "正在生成台账PDF…",
            lambda progress: reports.export_ledger_pdf(self.db, path, year=year, progress=progress),
            self._done("台账PDF"),
            synchronous=self.synchronous_jobs,
        )

    def export_review(self, path: str | None = None) -> None:
        year = self.year.value()
        path = path or self._ask_path("导出年度审查清单", f"年度审查清单-{year}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        run_in_background(
            self,
            "正在生成年度审查清单…",
            lambda progress: reports.export_yearly_review(self.db, year, path, progress=progress),
            self._done("年度审查清单"),
            synchronous=self.synchronous_jobs,
        )

    # -- locks ------------------------------------------------------------------------------------------
    def lock_period(self) -> None:
        period = self.period()
        try:
            locks.lock(self.db, period)
        except UserError as error:
            show_user_error(self, error)
            return
        self.refresh()
        self.data_changed.emit()

    def unlock_period(self, reason: str | None = None) -> bool:
        period = self.period()
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, "解锁报表", f"解锁{period.label}的{period.kind_label}：请说明理由（将记录解锁人和时间）"
            )
            if not ok:
                return False
        answer = QMessageBox.question(
            self,
            "确认解锁",
            f"{period.label}的{period.kind_label}已经报送。解锁后可以修改影响该报表的记录，"
            f"修改后须重新报送。\n\n理由：{reason}\n\n确定解锁吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            locks.unlock(self.db, period, reason)
        except UserError as error:
            show_user_error(self, error)
            return False
        self.refresh()
        self.data_changed.emit()
        return True

    # -- 表二 figures and settings ----------------------------------------------------------------------
    def _show_register_rows(self) -> None:
        """Say which rows of 表二 come from the 公文 register (not typed here), with their counts."""
        t2 = self.report.table2 if self.report is not None else None
        if t2 is None:
            return
        counts = "；".join(
            f"{row}：{'、'.join(f'{column[:-2]}{t2.document(row, column)}件' for column in DOCUMENT_COLUMNS)}"
            for row in DOCUMENT_ROWS
        )
        text = f"规章、行政规范性文件（第二十条第（一）项）由公文登记自动统计，无需填写——{counts}。"
        if not t2.documents_registered:
            text += f"（公文登记中没有{t2.year}年底前成文的公文。）"
        self.register_rows.setText(text)

    def save_figures(self) -> bool:
        year = self.period().start.year
        try:
            deadline = self.deadline.text().strip() or reports.DEFAULT_DEADLINE
            try:
                month, day = (int(p) for p in deadline.split("-"))
                date(2001, month, day)
            except ValueError:
                raise UserError(f"报送截止日应写成 月-日，如01-31（收到“{deadline}”）。") from None
            for key, edit in self.figures.items():
                reports.set_figure(self.db, year, key, edit.text().strip() or "0")
        except UserError as error:
            show_user_error(self, error)
            return False
        set_setting(self.db, "annual_report_deadline", f"{month:02d}-{day:02d}")
        set_setting(self.db, "include_fee_in_table2", "1" if self.include_fee.isChecked() else "0")
        self.refresh()
        return True

    # -- the annual report's text (一、五、六) ----------------------------------------------------------------
    def _text_modified(self) -> bool:
        return any(edit.document().isModified() for edit in self.texts.values())

    def _load_text(self, year: int) -> None:
        """Show the year's text; edits not yet saved survive a refresh of the same year."""
        if year == self.text_year and self._text_modified():
            return
        assert self.report is not None
        self._show_text(annual_text.load_text(self.db, self.report))
        self.text_year = year

    def _show_text(self, text: AnnualText) -> None:
        for section, edit in self.texts.items():
            edit.setPlainText(text.section(section))
            edit.document().setModified(False)
        notes = text.warnings()
        self.text_note.setText("\n".join(notes) if notes else "各部分均已填写。")

    def save_text(self) -> AnnualText | None:
        """Store the text of the three parts for the year shown (an unchanged draft stores nothing)."""
        if self.report is None or not self.report.is_annual:
            return None
        try:
            text = annual_text.save_text(
                self.db, self.report, **{section: edit.toPlainText() for section, edit in self.texts.items()}
            )
        except UserError as error:
            show_user_error(self, error)
            return None
        self._show_text(text)
        self.text_note.setText(f"已保存{self.report.period.label}年度报告正文。" + self.text_note.text())
        return text

    def redraft_summary(self) -> None:
        """Back to the draft of 一 from the current figures (the clerk's version of 一 is dropped)."""
        if self.report is None or not self.report.is_annual:
            return
        text = annual_text.save_text(self.db, self.report, **{SUMMARY: ""})
        self.texts[SUMMARY].setPlainText(text.summary)
        self.texts[SUMMARY].document().setModified(False)
        self.text_note.setText("已按本年数据重新起草“一、总体情况”。" + "\n".join(text.warnings()))

    # -- county aggregation -----------------------------------------------------------------------------
    def merge_files(self, paths: list[str] | None = None, out: str | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, "选择各单位的报表", "", "Excel (*.xlsx)")
        if not paths:
            return
        if out is None:
            out = self._ask_path("保存汇总结果", "汇总报表.xlsx", "Excel (*.xlsx)")
        if not out:
            return
        from models.services.merge import merge_returns

        unit = self.merge_unit.text()

        def done(result) -> None:  # noqa: ANN001 - a MergeResult
            units = "、".join(name for name, _ in result.units)
            text = f"已汇总 {len(result.units)} 个单位：{units}\n{result.path}"
            if result.warnings or not result.report.table3.ok:
                text += "\n注意：" + "；".join(result.warnings + result.report.table3.summary())
            self.merge_result.setText(text)
            QMessageBox.information(self, "汇总报表", text)

        run_in_background(
            self,
            "正在汇总…",
            lambda progress: merge_returns(paths, out, unit_name=unit, progress=progress),
            done,
            synchronous=self.synchronous_jobs,
        )
