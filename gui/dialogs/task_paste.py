"""粘贴计划文本: the clerk pastes text copied from the county's plan, 识别 proposes its tasks (models.domain.plan_tasks)
in an editable table — 保留, 任务内容, 责任单位, 完成时限/周期, 公开路径 — and 确认导入 stores the kept ones.

An edited 完成时限 is read again (2022年6月底前 → 2022-06-30, 每季度 → its quarters); what cannot be read as a date is
kept as written. `saved` holds how many tasks were stored."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.register_form import ERROR_STYLE
from gui.screen_fit import cap_size
from models.db import Database
from models.domain.errors import UserError
from models.domain.plan_tasks import NONE, Deadline, TaskProposal, parse_deadline, propose_tasks

KEEP, CONTENT, UNIT, DEADLINE, READ_AS, PATH = range(6)
HEADERS = ("保留", "任务内容", "责任单位", "完成时限/周期", "识别为", "公开路径")
HINT = (
    "从县里的政务公开工作要点、实施方案或任务清单中复制任务清单部分（工作任务、责任单位、完成时限、公开路径），"
    "粘贴到下面，点“识别”。识别结果可以逐项修改，不需要的取消勾选，再点“确认导入”。"
)


def read_as(deadline: Deadline) -> str:
    if deadline.due is not None:
        return deadline.due.isoformat()
    if deadline.recurrence != NONE:
        return deadline.recurrence
    return "无时限" if not deadline.text else "未能识别日期"


class TaskPasteDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.saved = 0
        self._lines: list[int] = []  # the pasted line of each table row
        self.setWindowTitle("粘贴计划文本")
        layout = QVBoxLayout(self)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit(top)
        self.text.setPlaceholderText("在此粘贴方案中的任务清单文字")
        top_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("方案年度：", top))
        self.year = QSpinBox(top)
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        row.addWidget(self.year)
        self.recognize_button = QPushButton("识别", top)
        self.recognize_button.clicked.connect(lambda: self.recognize())
        row.addWidget(self.recognize_button)
        self.own_unit = QCheckBox(top)
        self.own_unit.toggled.connect(lambda on: self.keep_own_unit(on))
        row.addWidget(self.own_unit)
        row.addStretch(1)
        top_layout.addLayout(row)

        self.table = QTableWidget(0, len(HEADERS), splitter)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((KEEP, 44), (CONTENT, 380), (UNIT, 150), (DEADLINE, 120), (READ_AS, 90)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(self._edited)
        splitter.setSizes([220, 320])
        layout.addWidget(splitter, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText("确认导入")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.unit_name = self._unit_name()
        self.own_unit.setText(f"只保留本单位的任务（责任单位含“{self.unit_name}”）")
        self.own_unit.setVisible(bool(self.unit_name))
        cap_size(self, 1100, 700)

    def _unit_name(self) -> str:
        from models.services.profile import get_profile

        return get_profile(self.db).unit_name.strip()

    # -- 识别 -------------------------------------------------------------------------------------------
    def recognize(self) -> None:
        from models.services.plan_tasks import plan_year_of

        text = self.text.toPlainText()
        self.error.setText("")
        if not text.strip():
            self.error.setText("请先把方案中的任务清单文字粘贴到上面的文本框。")
            return
        self.year.setValue(plan_year_of(text, self.year.value()))
        proposals = propose_tasks(text, self.year.value())
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self._lines = []
        for proposal in proposals.tasks:
            self._add_row(proposal)
        self.table.blockSignals(False)
        if self.own_unit.isChecked():
            self.keep_own_unit(True)
        unread = "；".join(f"第{n}行“{line[:20]}”" for n, line in proposals.unread[:5])
        more = f"等{len(proposals.unread)}行" if len(proposals.unread) > 5 else ""
        self.summary.setText(
            f"识别出 {len(proposals.tasks)} 项任务（{self.year.value()}年），请核对后确认导入。"
            + (f"未能识别：{unread}{more}。" if unread else "")
        )
        if not proposals.tasks:
            self.error.setText("没有识别出任务：请复制方案中的任务清单部分（任务内容、责任单位、完成时限）。")

    def _add_row(self, proposal: TaskProposal) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        keep = QTableWidgetItem()
        keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        keep.setCheckState(Qt.CheckState.Checked)
        self.table.setItem(row, KEEP, keep)
        for column, value in (
            (CONTENT, proposal.content),
            (UNIT, proposal.unit),
            (DEADLINE, proposal.deadline.text),
            (PATH, proposal.publish_path),
        ):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)
        shown = QTableWidgetItem(read_as(proposal.deadline))
        shown.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, READ_AS, shown)
        self._lines.append(proposal.line)

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() == DEADLINE:
            shown = self.table.item(item.row(), READ_AS)
            if shown is not None:
                shown.setText(read_as(parse_deadline(item.text(), self.year.value())))

    def keep_own_unit(self, on: bool) -> None:
        """Keeps only the tasks whose 责任单位 names this unit (on), or every task again (off)."""
        for row in range(self.table.rowCount()):
            mine = self.unit_name in self._cell(row, UNIT)
            keep = mine or not on
            self.table.item(row, KEEP).setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)

    # -- 确认导入 ---------------------------------------------------------------------------------------
    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def kept(self) -> list[TaskProposal]:
        """The kept rows as edited; a UserError names the first row without 任务内容."""
        out = []
        for row in range(self.table.rowCount()):
            if self.table.item(row, KEEP).checkState() != Qt.CheckState.Checked:
                continue
            content = self._cell(row, CONTENT)
            if not content:
                raise UserError(f"第{row + 1}项：任务内容为空，请填写或取消勾选。")
            typed = self._cell(row, DEADLINE)
            parsed = parse_deadline(typed, self.year.value())
            deadline = Deadline(typed, parsed.due, parsed.recurrence)
            out.append(TaskProposal(content, self._cell(row, UNIT), deadline, self._cell(row, PATH), self._lines[row]))
        return out

    def accept(self) -> None:
        from models.services import plan_tasks
        from models.services.settings import current_actor

        try:
            if self.table.rowCount() == 0:
                raise UserError("请先粘贴方案文本并点“识别”。")
            proposals = self.kept()
            if not proposals:
                raise UserError("没有勾选任何任务：请勾选要导入的任务。")
            actor = current_actor(self.db)
            self.saved = plan_tasks.confirm_proposals(self.db, proposals, self.year.value(), actor=actor)
        except UserError as error:
            self.error.setText(error.message)
            return
        super().accept()
