"""`backup create DIR | list [DIR] | verify FILE | restore FILE --yes`: backups of all data (database + folders).

`create` writes one zip and verifies it before reporting it. `list`, `verify` and `restore` work on files and do
not open (or migrate) the database first, so a damaged database can be restored: `restore` verifies the backup,
keeps the current database aside (renamed, never deleted) and refuses while a window has the database open.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models.db import Database, InstanceLock
from models.domain.errors import UserError
from models.services import audit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup", help="备份与恢复", description="备份全部数据（数据库、附件、答复文书）、查看、验证和恢复备份"
    )
    actions = parser.add_subparsers(dest="action", metavar="操作", required=True)

    create = actions.add_parser("create", help="备份到文件夹DIR（写入一个zip文件，验证后报告）")
    create.add_argument("dir", type=Path, metavar="DIR", help="存放备份的文件夹（或以.zip结尾的文件名）")
    create.set_defaults(handler=_create)

    lst = actions.add_parser("list", help="列出备份（默认：数据库旁的自动备份文件夹）")
    lst.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="存放备份的文件夹")
    lst.set_defaults(handler=_list, needs_db=False)

    verify = actions.add_parser("verify", help="验证一个备份（完整性检查和记录数）")
    verify.add_argument("file", type=Path, metavar="FILE", help="备份文件（.zip）")
    verify.set_defaults(handler=_verify, needs_db=False)

    restore = actions.add_parser("restore", help="从备份恢复（先验证；当前数据库改名保留）")
    restore.add_argument("file", type=Path, metavar="FILE", help="备份文件（.zip）")
    restore.add_argument("--yes", action="store_true", help="确认用备份替换当前数据库")
    restore.set_defaults(handler=_restore, needs_db=False)


def _create(args: argparse.Namespace, db: Database) -> int:
    from models.services.backup import backup_database, default_backup_name

    target = Path(args.dir)
    if target.suffix.lower() != ".zip":
        if not target.is_dir():
            raise UserError(f"文件夹不存在：{target}")
        target = target / default_backup_name(db)
    info = backup_database(db, target)
    print(f"已备份并验证：{info.path}")
    print(f"记录数：{info.counts_text()}")
    return 0


def _list(args: argparse.Namespace, db_path: Path) -> int:
    from models.paths import backups_dir
    from models.services.backup import describe, list_backups

    folder = args.dir or backups_dir(db_path)
    if args.dir is not None and not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}")
    found = list_backups(folder)
    if not found:
        print(f"{folder} 中没有备份。")
        return 0
    for line in describe(found):
        print(line)
    return 0


def _verify(args: argparse.Namespace, _db_path: Path) -> int:
    from models.services.backup import verify_backup

    info = verify_backup(args.file)
    when = f"{info.created:%Y-%m-%d %H:%M}" if info.created else "日期不明"
    print(f"备份完好：{info.path}")
    print(f"备份时间：{when}；数据库：{info.database}（结构版本 {info.revision}）")
    print(f"记录数：{info.counts_text()}")
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    from models.migrate import integrity_problems, open_database
    from models.services.backup import restore_backup, verify_backup

    if not args.yes:
        verify_backup(args.file)  # say now if the file is no good
        raise UserError(f"恢复会用备份替换当前数据库“{db_path}”（当前数据库改名保留）。确认恢复请加 --yes。")
    with InstanceLock(db_path) as lock:
        if not lock.acquire():
            raise UserError(f"数据库“{db_path}”正在政务公开工作台窗口中打开，请先关闭窗口再恢复。")
        damaged = db_path.exists() and (db_path.stat().st_size == 0 or bool(integrity_problems(db_path)))
        user = "" if damaged or not db_path.exists() else _admin_of(args, db_path)
        result = restore_backup(args.file, db_path, damaged=damaged)
        restored = open_database(db_path)  # an older backup is migrated now (with its own pre-migration copy)
        try:
            detail = f"从备份恢复：{result.restored.path}（{result.restored.counts_text()}）"
            audit.log(
                restored,
                audit.RESTORE,
                table="database",
                record=result.restored.path.name,
                detail=detail,
                user=user or None,
            )
        finally:
            restored.close()
    print(f"已从备份恢复：{result.restored.path}")
    print(f"记录数：{result.restored.counts_text()}")
    if result.kept_aside is not None:
        print(f"原数据库已改名保留：{result.kept_aside}")
    if result.pre_restore_backup is not None:
        print(f"恢复前的自动备份：{result.pre_restore_backup}")
    return 0


def _admin_of(args: argparse.Namespace, db_path: Path) -> str:
    """With login on, only a 管理员 may replace the database (issue 9 §5): sign in with --user first."""
    from cli.login import sign_in_for_command
    from models.migrate import open_database
    from models.services import users

    db = open_database(db_path)
    try:
        sign_in_for_command(args, db)
        users.require_current_role(db, users.ADMIN)
        return audit.signed_in(db)
    finally:
        db.close()
