"""任务清单: the tasks of the county's 政务公开 plan — filters (方案年度, 状态, 责任单位, text), the list, the selected
task's detail, and its actions: paste the plan's text, record progress (double-click too), void, and the files
(import from Excel, its template, export, the 落实情况表 for the county's check), written in the background.

`select_key("12")` shows task 12 (the 期限日历 opens a task by its key)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QSplitter, QWidget

from gui.errors import show_user_error
from gui.pages.register_page import PAGE_SIZE, RegisterPage
from gui.table_models.tasks_model import TasksTableModel, deadline_text, evidence_text, url_text
from gui.widgets.calendar_routing import clear_filters
from gui.workers import run_in_background
from models.db import Database
from models.domain.errors import UserError
from models.domain.plan_tasks import NONE, STATUSES, period_dues
from models.services import plan_tasks
from models.services.plan_tasks import TaskRow

COLUMN_WIDTHS = {"任务内容": 260, "责任单位": 110, "完成时限": 140, "周期": 60, "公开路径": 180, "状态": 100}
IMPORT_TITLE = "从Excel导入任务清单"


class TasksPage(RegisterPage):
    title = "任务清单"
    noun = "任务"
    sheet_title = "任务清单"
    search_hint = "搜索任务内容、公开路径、佐证或备注"
    synchronous_jobs = False  # tests run the file work inline

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent, today=today)
        self.year = self.add_filter("方案年度", [str(y) for y in range(self.today.year + 1, 2018, -1)])
        self.status = self.add_filter("状态", list(STATUSES))
        self.filter_bar.addWidget(QLabel("责任单位", self))
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("含有的文字，如 财政")
        self.unit.setClearButtonEnabled(True)
        self.unit.textChanged.connect(lambda _t: self._search_timer.start())
        self.filter_bar.addWidget(self.unit, 1)
        self.add_buttons(
            [
                ("粘贴计划文本…", lambda: self.paste_plan()),
                ("登记进展…", lambda: self.record_progress()),
                ("作废…", lambda: self.void_selected()),
                ("从Excel导入…", lambda: self.import_sheet()),
                ("下载导入模板…", lambda: self.save_template()),
                ("导出…", lambda: self.export_sheet()),
                ("导出落实情况表…", lambda: self.export_report()),
            ]
        )
        self.due_only: set[int] | None = None  # the 工作台's 任务到期: only these tasks (overdue or due soon)
        self.due_label = QLabel(self)
        self.due_label.setStyleSheet("color: #1565c0;")
        self.due_clear = QPushButton("显示全部任务", self)
        self.due_clear.clicked.connect(lambda: self.show_all())
        self.button_bar.addWidget(self.due_label)
        self.button_bar.addWidget(self.due_clear)
        self.due_label.hide()
        self.due_clear.hide()
        self.view.doubleClicked.connect(lambda _index: self.record_progress())
        splitter = self.findChild(QSplitter)
        if splitter is not None:
            splitter.setSizes([880, 320])  # nine columns: the list gets most of the width

    def make_model(self) -> TasksTableModel:
        return TasksTableModel(self.today)

    # -- list -------------------------------------------------------------------------------------------
    def chosen_year(self) -> int | None:
        year = self.chosen(self.year)
        return int(year) if year else None

    def load(self) -> tuple[int, Sequence[TaskRow]]:
        rows = plan_tasks.list_tasks(
            self.db,
            unit=self.unit.text().strip(),
            status=self.chosen(self.status),
            year=self.chosen_year(),
            today=self.today,
        )
        if self.due_only is not None:
            rows = [r for r in rows if r.id in self.due_only]
        needle = self.search.text().strip()
        if needle:
            rows = [r for r in rows if any(needle in t for t in (r.content, r.publish_path, evidence_text(r), r.note))]
        return len(rows), rows[:PAGE_SIZE]

    def refresh(self) -> None:
        super().refresh()
        for column, (header, _show) in enumerate(self.model.COLUMNS):
            self.view.setColumnWidth(column, COLUMN_WIDTHS.get(header, 90))

    def show_due(self) -> None:
        """What the 工作台's 任务到期 opens: only the tasks overdue or due within 3 working days (any year, state,
        unit or text), until 显示全部任务."""
        from models.services.dashboard_stats import tasks_todo

        self.due_only = {int(item.key) for item in tasks_todo(self.db, self.today)}
        self._clear_filters()
        self.due_label.setText(f"仅显示已逾期和3个工作日内到期的任务（{len(self.due_only)}项）")
        self.due_label.show()
        self.due_clear.show()
        self.refresh()

    def show_all(self) -> None:
        self.due_only = None
        self.due_label.setText("")
        self.due_label.hide()
        self.due_clear.hide()
        self.refresh()

    def _clear_filters(self) -> None:
        """The shared reset (search text and 全部 in every combo), and this page's 责任单位 text too."""
        clear_filters(self.search, self.filter_combos)
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.blockSignals(False)

    def select_key(self, key: str) -> bool:
        """Shows the task whose id is `key` (the filters are cleared when they hide it); False when there is none."""
        if not key.strip().isdigit():
            return False
        task_id = int(key)
        if self.model.row_of_id(task_id) < 0:
            self._clear_filters()
            if self.due_only is not None:
                self.show_all()
            else:
                self.refresh()
        if self.model.row_of_id(task_id) < 0:
            return False
        self.select(task_id)
        return True

    def detail_html(self, row: TaskRow) -> str:
        state = row.status + ("（已过完成时限）" if row.overdue(self.today) else "")
        lines = [
            ("方案年度", f"{row.plan_year}年"),
            ("责任单位", row.unit or "—"),
            ("完成时限", deadline_text(row)),
        ]
        if row.recurrence != NONE:
            dues = period_dues(row.recurrence, row.plan_year)
            lines.append(("周期", row.recurrence + (f"：{'、'.join(d.isoformat() for d in dues)}" if dues else "")))
        lines += [
            ("公开路径", row.publish_path or "—"),
            ("状态", state),
            ("完成日期", row.completed.isoformat() if row.completed else "—"),
            ("佐证文号", row.evidence_number or "—"),
        ]
        body = "".join(f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in lines)
        body += f"<tr><th align='left'>佐证网址</th><td>{self._evidence_link(row)}</td></tr>"
        body += f"<tr><th align='left'>备注</th><td>{escape(row.note or '—')}</td></tr>"
        color = "#b00020" if row.overdue(self.today) else "#000"
        return f"<h3 style='color:{color}'>{escape(row.content)}</h3><table cellspacing='6'>{body}</table>"

    def _evidence_link(self, row: TaskRow) -> str:
        url = row.evidence_url
        if not url:
            return "—"
        stored = plan_tasks.evidence_file(self.db, url)
        href = QUrl.fromLocalFile(str(stored)).toString() if stored is not None else url
        return f"<a href='{escape(href)}'>{escape(url_text(url))}</a>"

    # -- actions ----------------------------------------------------------------------------------------
    def paste_plan(self) -> None:
        from gui.dialogs.task_paste import TaskPasteDialog

        dialog = TaskPasteDialog(self.db, self, today=self.today)
        if dialog.exec() and dialog.saved:
            self.year.setCurrentText(str(dialog.year.value()))
            self.changed()
            QMessageBox.information(self, "粘贴计划文本", f"已导入 {dialog.saved} 项任务（{dialog.year.value()}年）。")

    def record_progress(self) -> None:
        from gui.dialogs.task_progress import TaskProgressDialog

        row = self.require_selection()
        if row is None:
            return
        try:
            dialog = TaskProgressDialog(self.db, row.id, self, today=self.today)
        except UserError as error:
            show_user_error(self, error)
            return
        if dialog.exec() and dialog.saved is not None:
            self.changed(dialog.saved.id)

    def void_selected(self) -> None:
        row = self.require_selection()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "作废任务",
            f"作废任务“{row.content[:40]}”？\n作废后不再列出，也不计入落实情况表和期限日历。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            plan_tasks.void(self.db, row.id)
        except UserError as error:
            show_user_error(self, error)
            return
        self.changed()

    # -- files (in the background) ----------------------------------------------------------------------
    def _run(self, title: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        run_in_background(self, title, lambda _progress: work(), done, synchronous=self.synchronous_jobs)

    def _save_path(self, title: str, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, "Excel (*.xlsx)")
        if not path:
            return None
        return Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")

    def import_sheet(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, IMPORT_TITLE, "", "Excel (*.xlsx)")
        if not path:
            return
        year = self.chosen_year() or self.today.year

        def work() -> Any:
            try:
                return plan_tasks.import_sheet(self.db, path, year, today=self.today)
            except UserError as error:  # shown with its own title and every refused row
                return error

        self._run("正在导入任务清单…", work, lambda result: self._imported(result, year))

    def _imported(self, result: Any, year: int) -> None:
        if isinstance(result, UserError):
            show_user_error(self, result, IMPORT_TITLE)
            return
        self.year.setCurrentText(str(year))
        self.changed()
        text = f"已导入 {len(result.imported)} 项任务（{year}年任务清单）。"
        if result.skipped:
            text += f"\n跳过 {len(result.skipped)} 行（已在任务清单中）。"
        if result.ignored_columns:
            text += f"\n以下列不是任务清单的列，已忽略：{'、'.join(result.ignored_columns)}"
        QMessageBox.information(self, IMPORT_TITLE, text)

    def save_template(self) -> None:
        path = self._save_path("下载导入模板", "任务清单模板.xlsx")
        if path is not None:
            self._run(
                "正在生成模板…",
                lambda: plan_tasks.write_template(path),
                lambda saved: QMessageBox.information(self, "下载导入模板", f"已生成任务清单模板：\n{saved}"),
            )

    def export_sheet(self) -> None:
        path = self._save_path("导出任务清单", f"任务清单-{self.today.isoformat()}.xlsx")
        if path is not None:
            year = self.chosen_year()
            self._run(
                "正在导出任务清单…",
                lambda: plan_tasks.export_sheet(self.db, path, year=year),
                lambda count: QMessageBox.information(self, "导出任务清单", f"已导出 {count} 项任务：\n{path}"),
            )

    def export_report(self) -> None:
        year = self.chosen_year()
        name = f"{year or ''}政务公开任务落实情况表-{self.today.isoformat()}.xlsx"
        path = self._save_path("导出落实情况表", name)
        if path is not None:
            self._run(
                "正在生成落实情况表…",
                lambda: plan_tasks.write_report(self.db, path, year=year, today=self.today),
                lambda count: QMessageBox.information(
                    self, "导出落实情况表", f"已生成任务落实情况表（{count} 项）：\n{path}"
                ),
            )
