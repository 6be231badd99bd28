"""同步包 (issue 13, offline units): 文件 → 导出同步包… writes the unit's package into a chosen folder (a USB stick);
文件 → 导入同步包… checks and imports a unit's package on the county server. The work runs in the background with
progress; the dialog shows the result (新增、更新、未变、冲突) and lists each conflict (record, field, both values)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.workers import run_in_background
from models.db import Database

EXPORT, IMPORT = "export", "import"
CONFLICT_COLUMNS = ("记录", "字段", "本库的值", "同步包的值")


class SyncDialog(QDialog):
    imported = Signal()  # records were written: the window's pages reload

    synchronous_jobs = False  # tests may run the background work inline

    def __init__(self, db: Database, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.mode = mode
        self.chosen: Path | None = None
        exporting = mode == EXPORT
        self.setWindowTitle("导出同步包" if exporting else "导入同步包")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "把本单位自上一个同步包以来新增或修改的记录（含附件）写成一个同步包，交县里导入。第一个同步包包含全部记录。"
            if exporting
            else "导入一个单位的同步包：先完整校验，有任何损坏或改动则全部不导入；冲突的记录不导入，逐项列出。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path_label = QLabel("（未选择）", self)
        self.path_label.setWordWrap(True)
        self.choose_button = QPushButton("选择文件夹…" if exporting else "选择同步包…", self)
        self.choose_button.clicked.connect(lambda: self.choose())
        row.addWidget(QLabel("保存到：" if exporting else "同步包：", self))
        row.addWidget(self.path_label, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.all_records = QCheckBox("包含本单位的全部记录（县里要求重新发送时）", self)
        self.all_records.setVisible(exporting)
        layout.addWidget(self.all_records)
        self.conflicts = QTableWidget(0, len(CONFLICT_COLUMNS), self)
        self.conflicts.setHorizontalHeaderLabels(CONFLICT_COLUMNS)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setVisible(not exporting)
        layout.addWidget(self.conflicts, 1)
        if exporting:
            layout.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.run_button = self.buttons.addButton(
            "导出" if exporting else "导入", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(lambda: self.run())
        close = self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(lambda: self.reject())
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        if self.mode == EXPORT:
            chosen = QFileDialog.getExistingDirectory(self, "同步包保存到", str(Path.home()))
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, "选择同步包", str(Path.home()), "同步包 (*.zip)")
        if not chosen:
            return
        self.chosen = Path(chosen)
        self.path_label.setText(str(self.chosen))
        self.run_button.setEnabled(True)
        self.error.clear()

    def run(self) -> None:
        if self.chosen is None:
            self.error.setText("请先选择文件夹或同步包。")
            return
        from models.services import sync

        chosen, db = self.chosen, self.db
        self.error.clear()
        self.message.clear()
        if self.mode == EXPORT:
            since_last = not self.all_records.isChecked()
            run_in_background(
                self,
                "正在导出同步包…",
                lambda progress: sync.export_package(
                    db, chosen, since_last=since_last, progress=lambda _m: progress(0, 0)
                ),
                self._exported,
                synchronous=self.synchronous_jobs,
            )
        else:
            run_in_background(
                self,
                "正在导入同步包…",
                lambda progress: sync.import_package(db, chosen, progress=lambda _m: progress(0, 0)),
                self._imported,
                synchronous=self.synchronous_jobs,
            )

    def _exported(self, result: object) -> None:
        from models.services.sync import ExportResult

        assert isinstance(result, ExportResult)
        what = "全部记录" if result.full else "上一个同步包之后的更改"
        text = f"已导出第{result.seq}个同步包（{what}）：记录 {result.records} 条，附件文件 {result.files} 个。"
        text += f"\n{result.path}"
        if result.missing_files:
            text += f"\n注意：{len(result.missing_files)} 个附件文件缺失或已被改动，未放入同步包。"
        self.message.setText(text)

    def _imported(self, result: object) -> None:
        from models.services.sync import ImportResult

        assert isinstance(result, ImportResult)
        if result.already_imported:
            self.message.setText(f"同步包“{result.package}”此前已导入，本次未作任何更改。")
        else:
            self.message.setText(f"已导入同步包“{result.package}”（单位：{result.unit.code}）：{result.summary()}。")
        if result.missing_previous:
            self.message.setText(
                self.message.text() + "\n注意：该单位的上一个同步包尚未在本数据库导入，请向该单位索取并导入。"
            )
        self.conflicts.setRowCount(len(result.conflicts))
        for row, conflict in enumerate(result.conflicts):
            for column, value in enumerate((conflict.record, conflict.field, conflict.server, conflict.package)):
                self.conflicts.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        if result.conflicts:
            self.error.setText(
                f"{result.conflict_records} 条记录在本库中已被修改，与同步包不一致，未导入：请核对下表后在本库中处理。"
            )
        if result.inserted or result.updated:
            self.imported.emit()


def show_sync_dialog(window: QWidget, mode: str) -> SyncDialog:
    """Open 导出同步包 or 导入同步包 over the main window; after an import every page of the window reloads."""
    dialog = SyncDialog(window.db, mode, window)  # type: ignore[attr-defined]
    dialog.synchronous_jobs = bool(getattr(window, "synchronous_jobs", False))
    dialog.imported.connect(window.refresh_all)  # type: ignore[attr-defined]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
