"""Signing in for a command when the optional login is on: `--user NAME`, the password from the environment
variable DISCLOSURE_DESK_PASSWORD or a prompt (never an argument: it would stay in the shell history)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from models.db import Database
from models.domain.errors import UserError
from models.services import users

NEW_PASSWORD_ENV = "DISCLOSURE_DESK_NEW_PASSWORD"


def sign_in_for_command(args: argparse.Namespace, db: Database) -> None:
    """With login on, authenticate `--user` before the command runs (a UserError, exit 2, when it fails)."""
    if not users.login_enabled(db):
        return
    name = (getattr(args, "user", None) or "").strip()
    if not name:
        raise UserError(
            f"已启用登录：请用 --user 用户名 指定用户，密码从环境变量 {users.PASSWORD_ENV} 读取或在提示时输入。"
        )
    password = os.environ.get(users.PASSWORD_ENV)
    if password is None:
        password = _prompt(f"用户“{name}”的密码：")
    users.sign_in(db, name, password)


def _prompt(text: str) -> str:
    if not sys.stdin.isatty():
        raise UserError(f"无法提示输入密码（不是交互终端）：请设置环境变量 {users.PASSWORD_ENV}。")
    return getpass.getpass(text)


def new_password() -> str:
    """A new password: from DISCLOSURE_DESK_NEW_PASSWORD, else typed twice at a prompt."""
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    first = _prompt("新密码：")
    if _prompt("再次输入新密码：") != first:
        raise UserError("两次输入的密码不一致。")
    return first
