"""征求意见: the register — filters (state, type, year, text), the list, the detail, and its actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QWidget

from gui.dialogs.solicitation_form import SolicitationFormDialog, SolicitationResultsDialog
from gui.errors import show_user_error
from gui.pages.register_page import PAGE_SIZE, RegisterPage
from gui.table_models.solicitations_model import SolicitationsTableModel
from models.db import Database
from models.domain.errors import UserError
from models.domain.solicitations import SolicitationKind
from models.services import solicitations as service
from models.services.solicitations import SolicitationRow


class SolicitationsPage(RegisterPage):
    title = "征求意见"
    noun = "征求意见"
    sheet_title = "征求意见登记表"
    search_hint = "搜索草案名称、渠道或文号"

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent, today=today)
        self.state = self.add_filter("状态", [*service.STATE_FILTERS, service.VOIDED])
        self.kind = self.add_filter("类型", [k.value for k in SolicitationKind])
        self.year = self.add_filter("年份", [str(y) for y in range(self.today.year, 2018, -1)])
        self.add_buttons(
            [
                ("新增…", lambda: self.add_new()),
                ("编辑…", lambda: self.edit_selected()),
                ("登记采纳情况…", lambda: self.record_results()),
                ("作废…", lambda: self.void_selected()),
                ("导入…", lambda: self.import_sheet()),
                ("导出…", lambda: self.export_sheet()),
                ("下载模板…", lambda: self.save_template()),
            ]
        )

    def make_model(self) -> SolicitationsTableModel:
        return SolicitationsTableModel(today=self.today)

    def sheet_module(self) -> ModuleType:
        from models.services import solicitation_sheet  # openpyxl only when a file is read or written

        return solicitation_sheet

    def current_filter(self) -> service.ListFilter:
        year = self.chosen(self.year)
        return service.ListFilter(
            text=self.search.text(),
            state=self.chosen(self.state),
            kind=self.chosen(self.kind),
            year=int(year) if year else None,
        )

    def show_state(self, state: str) -> None:
        """The list filtered by this 状态 only (the others back to 全部): what a 工作台 count opens."""
        for combo in (self.kind, self.year, self.state):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.state.blockSignals(True)
        self.state.setCurrentText(state)
        self.state.blockSignals(False)
        self.refresh()

    def load(self) -> tuple[int, Sequence[Any]]:
        page = service.list_page(self.db, self.current_filter(), today=self.today, limit=PAGE_SIZE)
        return page.total, page.rows

    def detail_html(self, row: SolicitationRow) -> str:
        lines = [
            ("草案名称", row.title),
            ("关联文件", f"{row.document_number}《{row.document_title}》" if row.document_id else "—"),
            ("类型", row.kind),
            ("征求期限", f"{row.start.isoformat()}至{row.end.isoformat()}，共{row.days}日（首尾两日均计入）"),
            ("渠道", row.channel or "—"),
            ("缩短期限理由", row.shortening_reason or "—"),
            ("状态", row.state(self.today)),
            ("收到意见数", str(row.received)),
            ("采纳 / 部分采纳 / 未采纳", f"{row.adopted} / {row.partly_adopted} / {row.rejected}"),
            ("未采纳理由", row.rejection_reason or "—"),
            ("采纳情况公布日期", row.results_published.isoformat() if row.results_published else "未公布"),
            ("备注", row.note or "—"),
        ]
        if row.voided_at is not None:
            lines.append(("作废", f"{row.voided_at:%Y-%m-%d}：{row.void_reason}"))
        body = "".join(f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in lines)
        warning = ""
        if row.pending(self.today):
            warning = "<p style='color:#b00020'>已过截止日期，采纳情况尚未公布。</p>"
        return f"<h3>{escape(row.title)}</h3>{warning}<table cellspacing='6'>{body}</table>"

    # -- actions ----------------------------------------------------------------------------------------
    def add_new(self) -> None:
        dialog = SolicitationFormDialog(self.db, self, today=self.today)
        if dialog.exec() and dialog.saved_id is not None:
            self.changed(dialog.saved_id)

    def edit_selected(self) -> None:
        row = self.require_selection()
        if row is None:
            return
        dialog = SolicitationFormDialog(self.db, self, today=self.today, solicitation_id=row.id)
        if dialog.exec() and dialog.saved_id is not None:
            self.changed(dialog.saved_id)

    def record_results(self) -> None:
        row = self.require_selection()
        if row is None:
            return
        dialog = SolicitationResultsDialog(self.db, row.id, self, today=self.today)
        if dialog.exec():
            self.changed(row.id)

    def void_selected(self) -> None:
        row = self.require_selection()
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
