"""政务公开工作台 — composition root.

    python main.py                      open the window (default database in the user data folder)
    python main.py --demo               open the demo database (created and filled on first use)
    python main.py --db X.db SUBCOMMAND work headless on X.db (see --help)
    python main.py --screenshot DIR     save a PNG of every main page (for reviewers without a display)
    python main.py --self-test          check this installation (database, letter, PDF, return, fonts), exit 0/1

Order: args → logging → database (check, backup + migrate; sweep, daily backup) → GUI or CLI command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from types import ModuleType

from sqlalchemy.exc import OperationalError

from cli import (
    applications_cmd,
    audit_cmd,
    backup_cmd,
    calendar_cmd,
    deadline_calendar_cmd,
    documents_cmd,
    interpretations_cmd,
    letters_cmd,
    manual_cmd,
    profile_cmd,
    reports_cmd,
    retention_cmd,
    solicitations_cmd,
    tasks_cmd,
    users_cmd,
)
from cli.login import sign_in_for_command
from cli.parser import ChineseArgumentParser
from models import paths
from models.db import Database, InstanceLock, SecondInstanceError, user_error_for
from models.domain.errors import UserError
from models.logs import setup_logging
from models.migrate import open_database
from models.version import APP_NAME, __version__

log = logging.getLogger("main")

COMMAND_GROUPS: tuple[ModuleType, ...] = (
    profile_cmd,
    calendar_cmd,
    applications_cmd,
    reports_cmd,
    letters_cmd,
    backup_cmd,
    users_cmd,  # issue 9 §5: users, audit log, retention
    audit_cmd,
    retention_cmd,
    documents_cmd,  # issue 10: the registers
    solicitations_cmd,
    interpretations_cmd,
    tasks_cmd,  # issue 11: 任务清单
    deadline_calendar_cmd,  # issue 11: 期限日历
    manual_cmd,  # issue 12: 使用说明 PDF
)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="main.py",
        description=f"{APP_NAME}：乡镇、县级单位政府信息公开工作台。不带子命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="使用指定的数据库文件（默认在用户数据目录）")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动创建并填充示例数据）")
    parser.add_argument("--user", metavar="NAME", help="启用登录时的用户名（密码从环境变量或提示输入）")
    parser.add_argument("--screenshot", type=Path, metavar="DIR", help="把各主要页面截图保存到 DIR 后退出")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：在临时文件夹中新建数据库，生成文书、PDF和月报，检查字体和模板后退出",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="子命令", title="子命令")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def resolve_db_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return args.db
    return paths.demo_db_path() if args.demo else paths.default_db_path()


def open_app_database(args: argparse.Namespace, *, read_only: bool = False, hold_lock: bool = False) -> Database:
    """Open the database for the GUI (`hold_lock`: one window per database) or a CLI command, then do the
    start-up housekeeping: sweep stale temporary files, the automatic daily backup."""
    path = resolve_db_path(args)
    lock = None
    if hold_lock and not read_only:
        lock = InstanceLock(path)
        if not lock.acquire():
            raise SecondInstanceError(path)
    try:
        db = open_database(path, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    db.instance_lock = lock
    if read_only:
        return db
    if args.demo:
        from models.services.demo import seed_demo

        seed_demo(db)
    from models.services.backup import startup_housekeeping

    startup_housekeeping(db.path)
    return db


def run_command(args: argparse.Namespace) -> int:
    if not getattr(args, "needs_db", True):  # e.g. `backup restore`: works on the file, even a damaged one
        return int(args.handler(args, resolve_db_path(args).expanduser().resolve()) or 0)
    db = open_app_database(args)
    try:
        sign_in_for_command(args, db)
        return int(args.handler(args, db) or 0)
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    from exporters.atomic_file import private_temp_dir

    with private_temp_dir(paths.app_temp_dir()):
        if args.self_test:
            from cli.self_test import run_self_test

            return run_self_test()
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command:
            return run_command(args)
        from gui.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(args, lambda a, read_only=False: open_app_database(a, read_only=read_only, hold_lock=True))
    except UserError as error:
        sys.stderr.write(f"错误：{error.cli_text()}\n")
        return 2
    except OperationalError as error:  # locked after the busy timeout outside a transaction: retry, not a bug
        known = user_error_for(error, resolve_db_path(args))
        if known is None:
            raise
        sys.stderr.write(f"错误：{known.full_text()}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
