"""政务公开工作台 — composition root.

    python main.py                      open the window (default database in the user data folder)
    python main.py --demo               open the demo database (created and filled on first use)
    python main.py --db X.db SUBCOMMAND work headless on X.db (see --help)
    python main.py --screenshot DIR     save a PNG of every main page (for reviewers without a display)
    python main.py --self-test          check this installation (database, letter, PDF, return, fonts), exit 0/1

Order: args → logging → database (check, backup + migrate; sweep, daily backup) → GUI or CLI command.
"""

from __future__ import annotations

if __name__ == "__main__":  # the window's start-up runs without the collector's passes (models/services/collector.py)
    from models.services.collector import pause_for_start_up

    pause_for_start_up()

import argparse
import gc
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from cli.parser import ChineseArgumentParser, parse_lazily
from models import paths
from models.domain.errors import UserError
from models.logs import setup_logging
from models.version import APP_NAME, __version__

if TYPE_CHECKING:  # kept out of a plain start: SQLAlchemy is imported when the database opens
    from models.db import Database

log = logging.getLogger("main")


def command_groups() -> tuple[ModuleType, ...]:
    """The modules of the subcommands, in the order of --help; imported only when the command line has a subcommand
    (or asks for --help): a plain start opens the window without them."""
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
        sync_cmd,
        tasks_cmd,
        units_cmd,
        users_cmd,
    )

    return (
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
        units_cmd,  # issue 13: units
        sync_cmd,  # issue 13: offline units' sync packages
    )


def build_global_parser(
    parser_class: type[ChineseArgumentParser] = ChineseArgumentParser, *, add_help: bool = True
) -> ChineseArgumentParser:
    """The options of the window (no subcommands): enough to parse a plain start."""
    parser = parser_class(
        prog="main.py",
        description=f"{APP_NAME}：乡镇、县级单位政府信息公开工作台。不带子命令时打开窗口。",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        type=paths.db_argument,
        metavar="PATH|URL",
        help="使用指定的数据库文件（默认在用户数据目录），或县级服务器数据库 postgresql://用户名@服务器/数据库名",
    )
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动创建并填充示例数据）")
    parser.add_argument("--user", metavar="NAME", help="启用登录时的用户名（密码从环境变量或提示输入）")
    parser.add_argument("--screenshot", type=Path, metavar="DIR", help="把各主要页面截图保存到 DIR 后退出")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：在临时文件夹中新建数据库，生成文书、PDF和月报，检查字体和模板后退出",
    )
    return parser


def build_parser() -> ChineseArgumentParser:
    """The whole command line: the window's options and every subcommand."""
    parser = build_global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="子命令", title="子命令")
    for group in command_groups():
        group.register(subparsers)
    return parser


def resolve_db_path(args: argparse.Namespace) -> Path | str:
    """The database file, or a server database's URL (text): `--db`, else the county server chosen in 设置 › 数据库,
    else the local data file."""
    if args.db is not None:
        return args.db
    if args.demo:
        return paths.demo_db_path()
    from models.services.server_config import configured_url

    return configured_url() or paths.default_db_path()


def open_app_database(
    args: argparse.Namespace, *, read_only: bool = False, hold_lock: bool = False, housekeeping: bool = True
) -> Database:
    """Open the database for the GUI (`hold_lock`: one window per database) or a CLI command, then do the
    start-up housekeeping: sweep stale temporary files, the automatic daily backup (`housekeeping=False`: the
    window does it in the background once it is shown)."""
    from models.db import InstanceLock, SecondInstanceError
    from models.migrate import open_database

    path = resolve_db_path(args)
    lock = None
    if hold_lock and not read_only and isinstance(path, Path):  # a server database is shared by design
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
    if housekeeping and not db.is_server:  # the server is backed up by the county (pg_dump)
        from models.services.backup import startup_housekeeping

        startup_housekeeping(db.path)
    return db


def run_command(args: argparse.Namespace) -> int:
    target = resolve_db_path(args)
    if args.command == "backup" and not isinstance(target, Path):
        from models.services.backup import SERVER_BACKUP

        raise UserError(SERVER_BACKUP)
    if not getattr(args, "needs_db", True):  # e.g. `backup restore`: works on the file, even a damaged one
        return int(args.handler(args, Path(target).expanduser().resolve()) or 0)
    from cli.login import sign_in_for_command

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
    args = parse_lazily(build_global_parser, build_parser, sys.argv[1:] if argv is None else argv)
    if args.command or args.self_test or args.screenshot:  # no window to wait for: the collector runs as usual
        gc.enable()
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

        def start_check() -> None:  # after the shell is painted, beside SQLAlchemy's import (SQLite without the GIL)
            from models.migrate import start_integrity_check

            target = resolve_db_path(args)
            if isinstance(target, Path):  # a server database has no file to check
                start_integrity_check(target)

        return run_gui(
            args,
            lambda a, read_only=False: open_app_database(a, read_only=read_only, hold_lock=True, housekeeping=False),
            before_open=start_check,
        )
    except UserError as error:
        sys.stderr.write(f"错误：{error.cli_text()}\n")
        return 2
    except Exception as error:  # locked after the busy timeout outside a transaction: retry, not a bug
        known = _locked_database_error(error, args)
        if known is None:
            raise
        sys.stderr.write(f"错误：{known.full_text()}\n")
        return 2


def _locked_database_error(error: Exception, args: argparse.Namespace) -> UserError | None:
    """The Chinese message for SQLAlchemy's OperationalError of a locked or read-only database, else None (looked
    up only when SQLAlchemy is loaded, so that a plain start does not import it for an except clause)."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import OperationalError

    from models.db import user_error_for

    target = resolve_db_path(args)
    shown = target if isinstance(target, Path) else Path(target.rsplit("/", 1)[-1].split("?")[0])
    return user_error_for(error, shown) if isinstance(error, OperationalError) else None


if __name__ == "__main__":
    sys.exit(main())
