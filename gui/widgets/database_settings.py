"""设置 › 数据库: open the local data file (default) or the county server (postgresql://…) at the next start.

测试连接 and 保存 connect in the background and say the result in Chinese under the buttons; a wrong address or a
refused connection saves nothing. The choice is kept in a small file beside the app's data (never in the database,
see models.services.server_config); `--db` on the command line still overrides it. The password is not saved:
PostgreSQL's pgpass file holds it (named in the group)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.workers import run_in_background
from models.db import Database
from models.domain.errors import UserError
from models.services import server_config

ERROR_STYLE = "color: #b00020;"


class DatabaseSettingsGroup(QGroupBox):
    synchronous_jobs = False  # tests may run the connection inline

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("数据库", parent)
        self.db = db
        layout = QVBoxLayout(self)
        self.current = QLabel("", self)
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        self.local_choice = QRadioButton("本机数据文件（默认）", self)
        self.server_choice = QRadioButton("县级服务器", self)
        choices = QButtonGroup(self)
        for button in (self.local_choice, self.server_choice):
            choices.addButton(button)
        layout.addWidget(self.local_choice)
        row = QHBoxLayout()
        row.addWidget(self.server_choice)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://用户名@服务器/数据库名")
        row.addWidget(self.url, 1)
        layout.addLayout(row)
        self.note = QLabel(
            "密码不保存在本程序中：请由县信息化人员把服务器密码写入 PostgreSQL 的密码文件 "
            f"{server_config.pgpass_file()}。保存后下次启动本程序时生效；命令行的 --db 参数优先于此设置。",
            self,
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.result = QLabel("", self)
        self.result.setWordWrap(True)
        self.test_button = QPushButton("测试连接", self)
        self.save_button = QPushButton("保存数据库设置", self)
        self.test_button.clicked.connect(lambda: self.test_connection())
        self.save_button.clicked.connect(lambda: self.save())
        self.server_choice.toggled.connect(lambda on: self._server_chosen(on))
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.local_choice.setChecked(True)
        self._server_chosen(False)

    def refresh(self) -> None:
        """What is open now and what the next start opens (reads the settings file, not the database)."""
        kind = "县级服务器" if self.db.is_server else "本机数据文件"
        self.current.setText(f"当前使用：{kind} {self.db.display_name}")
        saved = server_config.configured_url()
        (self.server_choice if saved else self.local_choice).setChecked(True)
        self.url.setText(saved or "")
        self.result.setText("")
        self.result.setStyleSheet("")

    def _server_chosen(self, on: bool) -> None:
        self.url.setEnabled(on)
        self.test_button.setEnabled(on)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(ERROR_STYLE if error else "")

    def _check(self, then: Callable[[server_config.ServerCheck], None]) -> None:
        typed = self.url.text()
        self._say("正在连接服务器…")

        def work(_progress: Callable[[int, int], None]) -> server_config.ServerCheck | UserError:
            try:
                return server_config.check_server(typed)
            except UserError as error:  # said under the buttons, not in a box
                return error

        def done(outcome: server_config.ServerCheck | UserError) -> None:
            if isinstance(outcome, UserError):
                self._say(f"{outcome.message} 设置没有保存。", error=True)
                return
            then(outcome)

        run_in_background(self, "正在连接服务器…", work, done, synchronous=self.synchronous_jobs)

    def test_connection(self) -> None:
        self._check(lambda check: self._say(check.message))

    def save(self) -> None:
        if self.local_choice.isChecked():
            self._store(None, "已保存：下次启动时使用本机数据文件。")
            return

        def store(check: server_config.ServerCheck) -> None:
            extra = f"地址中的密码没有保存，请写入 {server_config.pgpass_file()}。" if check.had_password else ""
            self._store(check.url, f"{check.message}已保存：下次启动时连接 {check.url}。{extra}")

        self._check(store)

    def _store(self, url: str | None, said: str) -> None:
        try:
            server_config.save_choice(url)
        except UserError as error:
            self._say(error.message, error=True)
            return
        self._say(said)
