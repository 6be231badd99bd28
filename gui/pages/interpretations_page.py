"""政策解读: the register — filters (形式, year, text, 三同步), the list, the detail, and its actions.

The filter “三同步” switches the list to the documents still flagged (see models.services.interpretations)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QWidget

from gui.dialogs.interpretation_form import InterpretationFormDialog
from gui.errors import show_user_error
from gui.pages.register_page import PAGE_SIZE, RegisterPage
from gui.table_models.interpretations_model import InterpretationsTableModel, SyncFlagsTableModel
from models.db import Database
from models.domain.errors import UserError
from models.domain.interpretations import Form
from models.services import deadline_calendar
from models.services import interpretations as service
from models.services.interpretations import InterpretationRow, SyncFlag


class InterpretationsPage(RegisterPage):
    title = "政策解读"
    noun = "政策解读"
    sheet_title = "政策解读登记表"
    search_hint = "搜索解读标题、解读主体、文号或文件标题"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent, today=today)
        self.form = self.add_filter("形式", [f.value for f in Form])
        self.year = self.add_filter("发布年份", [str(y) for y in range(self.today.year, 2018, -1)])
        self.flags_only = QCheckBox("只看未做到三同步的文件", self)
        self.flags_only.toggled.connect(lambda _on: self._switch())
        self.filter_bar.addWidget(self.flags_only)
        self.add_buttons(
            [
                ("新增…", lambda: self.add_new()),
                ("编辑…", lambda: self.edit_selected()),
                ("添加附件…", lambda: self.attach()),
                ("作废…", lambda: self.void_selected()),
                ("导入…", lambda: self.import_sheet()),
                ("导出…", lambda: self.export_sheet()),
                ("下载模板…", lambda: self.save_template()),
            ]
        )

    def make_model(self) -> InterpretationsTableModel:
        self.interpretations_model = InterpretationsTableModel()
        self.flags_model = SyncFlagsTableModel()
        return self.interpretations_model

    def _switch(self) -> None:
        self.view.setModel(self.flags_model if self.flags_only.isChecked() else self.interpretations_model)
        self.model = self.view.model()  # type: ignore[assignment]
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        for combo in (self.form, self.year):
            combo.setEnabled(not self.flags_only.isChecked())
        self.refresh()

    def show_missing(self) -> None:
        """Only the documents not 三同步 (what the 工作台 count opens), whatever was searched before."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.flags_only.isChecked():
            self.refresh()
        else:
            self.flags_only.setChecked(True)  # switches the list and reloads it

    def select_key(self, key: str) -> None:
        """A 期限日历 item of 政策解读 is a document still missing its interpretation (三同步): the list of such
        documents, with it selected."""
        try:
            document_id = deadline_calendar.document_id_of_key(self.db, key)
        except UserError as error:
            show_user_error(self, error)
            return
        self.show_missing()
        for row in range(self.model.rowCount()):
            flag = self.model.row_at(row)
            if isinstance(flag, SyncFlag) and flag.document.id == document_id:
                self.view.selectRow(row)
                break
        self.show_detail()

    def sheet_module(self) -> ModuleType:
        from models.services import interpretation_sheet  # openpyxl only when a file is read or written

        return interpretation_sheet

    def current_filter(self) -> service.ListFilter:
        year = self.chosen(self.year)
        return service.ListFilter(
            text=self.search.text(), form=self.chosen(self.form), year=int(year) if year else None
        )

    def load(self) -> tuple[int, Sequence[Any]]:
        if self.flags_only.isChecked():
            flags = service.sync_flags(self.db, text=self.search.text())
            return len(flags), flags[:PAGE_SIZE]
        page = service.list_page(self.db, self.current_filter(), limit=PAGE_SIZE)
        return page.total, page.rows

    def selected_id(self) -> int | None:
        row = self.selected()
        if isinstance(row, SyncFlag):
            return row.document.id
        return row.id if row is not None else None

    def detail_html(self, row: InterpretationRow | SyncFlag) -> str:
        if isinstance(row, SyncFlag):
            doc = row.document
            return (
                f"<h3>{escape(doc.label)}</h3><p style='color:#b00020'>{escape(row.message)}。</p>"
                f"<p>{escape(service.SYNC_HELP)}</p><p>点“新增…”为该文件登记解读。</p>"
            )
        lines = [
            ("关联文件", row.document.label),
            ("形式", row.forms_text),
            ("解读主体", row.interpreter or "—"),
            ("审签日期", row.approved.isoformat() if row.approved else "—"),
            ("发布日期", row.published.isoformat() if row.published else "未发布"),
            ("网址", row.url or "—"),
            ("备注", row.note or "—"),
        ]
        if row.voided_at is not None:
            lines.append(("作废", f"{row.voided_at:%Y-%m-%d}：{row.void_reason}"))
        files = service.list_attachments(self.db, row.id)
        if files:
            lines.append(("附件", "、".join(f.original_name + ("" if f.intact else "（文件已变动）") for f in files)))
        body = "".join(f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in lines)
        flag = service.sync_state(self.db, row.document.id)
        sync = ""
        if flag.check.required:
            text = flag.message or f"该文件已做到三同步（{'、'.join(flag.check.forms)}）"
            color = "#b00020" if flag.check.flagged else "#2e7d32"
            sync = f"<p style='color:{color}'>{escape(text)}。</p>"
            if row.late:
                sync += "<p style='color:#b00020'>本解读晚于文件发布，不计入三同步。</p>"
        return f"<h3>{escape(row.title)}</h3>{sync}<table cellspacing='6'>{body}</table>"

    # -- actions ----------------------------------------------------------------------------------------
    def add_new(self) -> None:
        row = self.selected()
        document_id = row.document.id if isinstance(row, SyncFlag) else None
        dialog = InterpretationFormDialog(self.db, document_id, self, today=self.today)
        if dialog.exec() and dialog.saved_id is not None:
            self.changed(None if self.flags_only.isChecked() else dialog.saved_id)

    def _selected_interpretation(self) -> InterpretationRow | None:
        row = self.require_selection()
        if isinstance(row, SyncFlag):
            self.flags_only.setChecked(False)
            return None
        return row

    def edit_selected(self) -> None:
        row = self._selected_interpretation()
        if row is None:
            return
        dialog = InterpretationFormDialog(self.db, None, self, today=self.today, interpretation_id=row.id)
        if dialog.exec() and dialog.saved_id is not None:
            self.changed(dialog.saved_id)

    def attach(self) -> None:
        row = self._selected_interpretation()
        if row is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择附件", "", "所有文件 (*)")
        if not path:
            return
        kind = "图解" if Path(path).suffix.lower() in {".png", ".jpg", ".jpeg", ".gif"} else "解读文稿"
        try:
            service.add_attachment(self.db, row.id, Path(path), kind)
        except UserError as error:
            show_user_error(self, error)
            return
        self.show_detail()

    def void_selected(self) -> None:
        row = self._selected_interpretation()
        if row is None:
            return
        reason = self.ask_void_reason(row.title)
        if reason is None:
            return
        try:
            service.void(self.db, row.id, reason)
        except UserError as error:
            show_user_error(self, error)
            return
        self.changed()
