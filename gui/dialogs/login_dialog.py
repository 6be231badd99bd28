"""登录: asked at start when the optional login is on; a wrong password or a lock-out is said in the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.db import Database
from models.domain.errors import UserError
from models.services import users
from models.version import APP_NAME


class LoginDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(f"{APP_NAME} — 登录")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("用户名", self.name)
        form.addRow("密码", self.password)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c00000;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.login_button = buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.clicked.connect(lambda: self.try_login())
        self.cancel_button.clicked.connect(self.reject)
        self.password.returnPressed.connect(lambda: self.try_login())
        layout.addWidget(buttons)
        self.signed_in: users.UserInfo | None = None

    def try_login(self) -> None:
        try:
            self.signed_in = users.sign_in(self.db, self.name.text(), self.password.text())
        except UserError as error:
            self.error.setText(error.message)
            self.password.clear()  # the typed password is not kept
            return
        self.password.clear()
        self.accept()


def login_if_enabled(db: Database, parent: QWidget | None = None) -> bool:
    """True when login is off or the user signed in; False when they gave up (the app then quits)."""
    if not users.login_enabled(db):
        return True
    return LoginDialog(db, parent).exec() == QDialog.DialogCode.Accepted
