"""用户和登录: the users of the optional sign-in, their roles, passwords, 停用, and login on/off (管理员)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.domain.errors import UserError
from models.services import users


class UsersDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("用户和登录")
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        self.login = QCheckBox("启用登录（启动时和命令行都须输入用户名和密码）", self)
        layout.addWidget(self.login)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["用户名", "角色", "状态"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItems(users.ROLES)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("用户名", self.name)
        form.addRow("角色", self.role)
        form.addRow("密码", self.password)
        form.addRow("再次输入密码", self.repeat)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加用户", self)
        self.password_button = QPushButton("修改所选用户的密码", self)
        self.disable_button = QPushButton("停用所选用户", self)
        self.enable_button = QPushButton("重新启用", self)
        for button in (self.add_button, self.password_button, self.disable_button, self.enable_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(lambda: self._run(self._add))
        self.password_button.clicked.connect(lambda: self._run(self._password))
        self.disable_button.clicked.connect(lambda: self._run(lambda: self._disable(True)))
        self.enable_button.clicked.connect(lambda: self._run(lambda: self._disable(False)))
        self.login.clicked.connect(lambda checked: self._run(lambda: self._login(checked)))
        self.refresh()

    def refresh(self) -> None:
        self.login.setChecked(users.login_enabled(self.db))
        rows = users.list_users(self.db)
        self.table.setRowCount(len(rows))
        for r, user in enumerate(rows):
            for c, text in enumerate((user.name, user.role, user.status)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _run(self, action) -> None:  # noqa: ANN001 - a callable returning the message to show
        try:
            text = action()
        except UserError as error:
            self.message.setStyleSheet("color: #c00000;")
            self.message.setText(error.message)
        else:
            self.message.setStyleSheet("")
            self.message.setText(text)
        finally:
            self.password.clear()  # typed passwords are never kept in the dialog
            self.repeat.clear()
        self.refresh()

    def _typed_password(self) -> str:
        if self.password.text() != self.repeat.text():
            raise UserError("两次输入的密码不一致。")
        return self.password.text()

    def _selected(self) -> str:
        row = self.table.currentRow()
        if row < 0:
            raise UserError("请先在列表中选择一个用户。")
        return self.table.item(row, 0).text()

    def _add(self) -> str:
        user = users.add_user(self.db, self.name.text(), self.role.currentText(), self._typed_password())
        self.name.clear()
        return f"已添加用户 {user.name}（{user.role}）。"

    def _password(self) -> str:
        name = self._selected()
        users.set_password(self.db, name, self._typed_password())
        return f"已修改用户 {name} 的密码。"

    def _disable(self, disabled: bool) -> str:
        user = users.disable_user(self.db, self._selected(), disabled=disabled)
        return f"已{'停用' if disabled else '重新启用'}用户 {user.name}。"

    def _login(self, enabled: bool) -> str:
        users.set_login_enabled(self.db, enabled)
        return "已启用登录：下次启动时须登录。" if enabled else "已关闭登录。"
