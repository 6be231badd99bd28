"""`users list|add|passwd|disable|enable|login`: the users of the optional sign-in (管理员 only once it is on).

A new password is read from DISCLOSURE_DESK_NEW_PASSWORD or typed twice at a prompt, never given as an argument.
"""

from __future__ import annotations

import argparse

from cli.login import NEW_PASSWORD_ENV, new_password
from models.db import Database
from models.services import users


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "users",
        help="用户和登录（可选）：列出、添加、改密码、停用",
        description="可选的登录（默认关闭，单人使用不需要）。角色：录入员、审核人（可签复审、终审）、"
        "管理员（单位信息、用户、解锁报表、恢复备份）。启用登录后，命令须加 --user 用户名，"
        f"密码从环境变量 {users.PASSWORD_ENV} 读取或在提示时输入。",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{list,add,passwd,disable,enable,login}")
    actions.add_parser("list", help="列出用户").set_defaults(handler=_list)
    add = actions.add_parser("add", help=f"添加用户（新密码从环境变量 {NEW_PASSWORD_ENV} 读取或提示输入两次）")
    add.add_argument("name", metavar="NAME", help="用户名")
    add.add_argument("--role", required=True, choices=users.ROLES, help="角色")
    add.set_defaults(handler=_add)
    passwd = actions.add_parser("passwd", help="修改密码（并解除锁定）")
    passwd.add_argument("name", metavar="NAME", help="用户名")
    passwd.set_defaults(handler=_passwd)
    for name, text in (("disable", "停用用户"), ("enable", "重新启用用户")):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("name", metavar="NAME", help="用户名")
        sub.set_defaults(handler=_disable if name == "disable" else _enable)
    login = actions.add_parser("login", help="启用或关闭登录（启用前须有一个管理员）")
    login.add_argument("state", choices=("on", "off"), help="on 启用，off 关闭")
    login.set_defaults(handler=_login)


def _list(args: argparse.Namespace, db: Database) -> int:
    print(f"登录：{'已启用' if users.login_enabled(db) else '未启用'}")
    rows = users.list_users(db)
    if not rows:
        print("（没有用户）")
    for user in rows:
        print(f"{user.name}\t{user.role}\t{user.status}")
    return 0


def _add(args: argparse.Namespace, db: Database) -> int:
    user = users.add_user(db, args.name, args.role, new_password())
    print(f"已添加用户 {user.name}（{user.role}）。")
    return 0


def _passwd(args: argparse.Namespace, db: Database) -> int:
    users.set_password(db, args.name, new_password())
    print(f"已修改用户 {args.name.strip()} 的密码。")
    return 0


def _disable(args: argparse.Namespace, db: Database) -> int:
    user = users.disable_user(db, args.name)
    print(f"已停用用户 {user.name}。")
    return 0


def _enable(args: argparse.Namespace, db: Database) -> int:
    user = users.disable_user(db, args.name, disabled=False)
    print(f"已重新启用用户 {user.name}。")
    return 0


def _login(args: argparse.Namespace, db: Database) -> int:
    users.set_login_enabled(db, args.state == "on")
    print("已启用登录。" if args.state == "on" else "已关闭登录。")
    return 0
