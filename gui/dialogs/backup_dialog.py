"""备份与恢复: the backups of the open database (date, size, record counts, verified or not); create a backup
into a chosen folder, verify one, restore one after a confirmation. The work runs in the background with progress.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.errors import show_user_error
from gui.workers import run_in_background
from models.db import Database
from models.domain.errors import UserError
from models.paths import backups_dir
from models.services import audit, users
from models.services import backup as service

COLUMNS = ("时间", "大小", "类型", "记录数", "状态", "文件")
COL_WHEN, COL_SIZE, COL_KIND, COL_COUNTS, COL_STATE, COL_FILE = range(len(COLUMNS))


class BackupDialog(QDialog):
    restored = Signal()  # the database was replaced: every page must reload

    synchronous_jobs = False  # tests may run the background work inline

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.folder = backups_dir(db.path)
        self.states: dict[Path, str] = {}  # path -> 已验证 / 损坏：…
        self.setWindowTitle("备份与恢复")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.create_button = QPushButton("立即备份到…", self)
        self.verify_button = QPushButton("验证所选备份", self)
        self.restore_button = QPushButton("从所选备份恢复…", self)
        self.folder_button = QPushButton("查看其他文件夹…", self)
        self.close_button = QPushButton("关闭", self)
        for button in (self.create_button, self.verify_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.create_button.clicked.connect(lambda: self.create_backup())
        self.verify_button.clicked.connect(lambda: self.verify_selected())
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        self.close_button.clicked.connect(self.accept)
        self.restore_button.setEnabled(not db.read_only)
        self.create_button.setEnabled(not db.read_only)
        self.refresh()

    # -- list ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.folder_label.setText(f"备份文件夹：{self.folder}")
        self.backups = service.list_backups(self.folder)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            values = {
                COL_WHEN: info.created.strftime("%Y-%m-%d %H:%M") if info.created else "日期不明",
                COL_SIZE: f"{info.size / 1024:,.0f} KB",
                COL_KIND: info.label or "备份",
                COL_COUNTS: info.counts_text(),
                COL_STATE: self.states.get(info.path, "未验证"),
                COL_FILE: info.path.name,
            }
            for column, text in values.items():
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)

    def selected(self) -> service.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            show_user_error(self, UserError("请先在列表中选择一个备份。"))
            return None
        return self.backups[rows[0].row()]

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放备份的文件夹", str(self.folder))
        if folder:
            self.folder = Path(folder)
            self.refresh()

    # -- actions ------------------------------------------------------------------------------------------
    def create_backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "备份到哪个文件夹（可以是U盘）", str(self.folder.parent))
        if not folder:
            return
        target = Path(folder) / service.default_backup_name(self.db)

        def done(info: service.BackupInfo) -> None:
            self.folder = Path(folder)
            self.states[info.path] = "已验证"
            self.message.setText(f"已备份并验证：{info.path}（{info.counts_text()}）")
            self.refresh()

        self._run("正在备份…", lambda progress: service.backup_database(self.db, target, progress=progress), done)

    def verify_selected(self) -> None:
        info = self.selected()
        if info is None:
            return

        def failed(error: UserError) -> None:
            self.states[info.path] = "损坏"
            self.message.setText(error.message)
            self.refresh()

        def done(checked: service.BackupInfo) -> None:
            self.states[checked.path] = "已验证"
            self.message.setText(f"备份完好：{checked.path.name}（{checked.counts_text()}）")
            self.refresh()

        def work(_progress: Callable[[int, int], None]) -> service.BackupInfo | UserError:
            try:
                return service.verify_backup(info.path)
            except UserError as error:
                return error

        self._run("正在验证备份…", work, lambda r: failed(r) if isinstance(r, UserError) else done(r))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if self.db.is_server:  # never a SQLite file in place of a server database
            self.message.setText(service.SERVER_BACKUP)
            return
        try:  # with login on, only a 管理员 may replace the database (issue 9 §5)
            users.require_current_role(self.db, users.ADMIN)
        except UserError as error:
            self.message.setText(error.message)
            return
        user = audit.signed_in(self.db)
        when = info.created.strftime("%Y-%m-%d %H:%M") if info.created else "日期不明"
        answer = QMessageBox.question(
            self,
            "确认恢复",
            f"用 {when} 的备份（{info.counts_text()}）替换当前数据库？\n\n"
            "恢复前会先验证备份，并自动备份当前数据库；当前数据库文件改名保留，不会删除。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.db.engine.dispose()  # no connection may stay open on the file being replaced

        def work(progress: Callable[[int, int], None]) -> service.RestoreResult:
            result = service.restore_backup(info.path, self.db.path, progress=progress)
            _migrate(self.db.path)
            return result

        def done(result: service.RestoreResult) -> None:
            detail = f"从备份恢复：{result.restored.path}（{result.restored.counts_text()}）"
            audit.log(
                self.db,
                audit.RESTORE,
                table="database",
                record=result.restored.path.name,
                detail=detail,
                user=user or None,
            )  # written to the restored database, or it would be lost with the old one
            self.states[result.restored.path] = "已验证"
            kept = f"\n原数据库已改名保留：{result.kept_aside}" if result.kept_aside else ""
            self.message.setText(f"已从备份恢复：{result.restored.path.name}（{result.restored.counts_text()}）{kept}")
            self.refresh()
            self.restored.emit()

        self._run("正在恢复…", work, done)

    def _run(self, title: str, work: Callable, done: Callable) -> None:  # type: ignore[type-arg]
        run_in_background(self, title, work, done, synchronous=self.synchronous_jobs)


def refuse_on_server(window: QWidget) -> bool:
    """On a server database the backups are the county's (pg_dump): say so, in a box that does not block, and do
    nothing else (True). The app's backups are zips of a SQLite file."""
    db: Database = window.db  # type: ignore[attr-defined]
    if not db.is_server:
        return False
    box = QMessageBox(
        QMessageBox.Icon.Information, "备份与恢复", service.SERVER_BACKUP, QMessageBox.StandardButton.Ok, window
    )
    box.setObjectName("server_backup_refused")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return True


def show_backup_dialog(window: QWidget) -> BackupDialog | None:
    """Open 备份与恢复 over the main window; after a restore every page of the window reloads. None on a server
    database (refused up front, see `refuse_on_server`)."""
    if refuse_on_server(window):
        return None
    dialog = BackupDialog(window.db, window)  # type: ignore[attr-defined]
    dialog.restored.connect(window.refresh_all)  # type: ignore[attr-defined]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _migrate(db_path: Path) -> None:
    """An older backup is brought to the current schema right after the restore (with its own backup)."""
    from models.migrate import open_database

    open_database(db_path).close()
