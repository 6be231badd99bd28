"""`sync export --since-last --out DIR` and `sync import FILE` (issue 13: offline units feed the county server).

Exit codes of `sync import`: 0 imported (or the package was already imported: nothing changed); 1 imported with
conflicts (the other records were written; the conflicting ones are listed and were not); 2 refused (a damaged,
tampered or truncated package, an unknown unit …): nothing written."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.output import print_json
from models.db import Database

EXIT_CONFLICTS = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync", help="同步包：离线单位导出、县级服务器导入", description="离线单位与县级服务器之间的同步包"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{export,import}")
    export = actions.add_parser(
        "export",
        help="导出本单位的同步包（.zip）",
        description="把本单位自上一个同步包以来新增或修改的记录（含附件文件）写成一个同步包。"
        "第一个同步包包含本单位的全部记录。",
    )
    export.add_argument(
        "--since-last",
        action="store_true",
        default=True,
        help="只含上一个同步包之后新增或修改的记录（默认；第一个同步包包含全部记录）",
    )
    export.add_argument("--all", action="store_true", help="包含本单位的全部记录（例如县里要求重新发送时）")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="同步包保存到的文件夹（如U盘）")
    export.add_argument("--json", action="store_true", help="以JSON输出结果")
    export.set_defaults(handler=_export)
    imp = actions.add_parser(
        "import",
        help="导入一个单位的同步包",
        description="先完整校验同步包，再在一个事务中导入。退出码：0 已导入（或此前已导入，未作更改）；"
        "1 已导入但有冲突（冲突的记录未写入，已列出）；2 同步包被拒绝，未写入任何内容。",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="同步包文件（.zip）")
    imp.add_argument("--json", action="store_true", help="以JSON输出结果")
    imp.set_defaults(handler=_import)


def _export(args: argparse.Namespace, db: Database) -> int:
    from models.services.sync import export_package

    result = export_package(db, args.out, since_last=not args.all)
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "package_uuid": result.package_uuid,
                "unit": {"uuid": result.unit.uuid, "code": result.unit.code, "name": result.unit.name},
                "seq": result.seq,
                "full": result.full,
                "records": result.records,
                "counts": result.counts,
                "files": result.files,
                "missing_files": result.missing_files,
                "deleted": result.deleted,
            }
        )
        return 0
    what = "全部记录" if result.full else "上一个同步包之后的更改"
    print(f"已导出同步包（第{result.seq}个，{what}）：{result.path}")
    deleted = f"，已删除的记录 {result.deleted} 条" if result.deleted else ""
    print(f"记录 {result.records} 条，附件文件 {result.files} 个{deleted}。")
    if result.missing_files:
        print(f"注意：{len(result.missing_files)} 个附件文件缺失或已被改动，未放入同步包（记录已放入）。")
    return 0


def _import(args: argparse.Namespace, db: Database) -> int:
    from models.services.sync import import_package

    result = import_package(db, args.file)
    if args.json:
        print_json(
            {
                "package": result.package,
                "package_uuid": result.package_uuid,
                "unit": {"uuid": result.unit.uuid, "code": result.unit.code, "name": result.unit.name},
                "already_imported": result.already_imported,
                "inserted": result.inserted,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "deleted": result.deleted,
                "conflict_records": result.conflict_records,
                "conflicts": [
                    {
                        "table": c.table,
                        "uuid": c.uuid,
                        "record": c.record,
                        "field": c.field,
                        "server": c.server,
                        "package": c.package,
                    }
                    for c in result.conflicts
                ],  # fmt: skip
                "files": result.files,
                "missing_previous": result.missing_previous,
            }
        )
    else:
        if result.already_imported:
            print(f"同步包“{result.package}”此前已导入，本次未作任何更改。")
        else:
            print(f"已导入同步包“{result.package}”（单位：{result.unit.code}）：{result.summary()}。")
        if result.missing_previous:
            print("注意：该单位的上一个同步包尚未在本数据库导入，请向该单位索取并导入（或请其用 --all 重新导出）。")
        if result.conflicts:
            print("以下记录在本数据库中已被修改，与同步包不一致，未导入（请核对后在本数据库中处理）：")
            for c in result.conflicts:
                print(f"  {c.record}\t字段 {c.field}\t本库：{_show(c.server)}\t同步包：{_show(c.package)}")
    return EXIT_CONFLICTS if result.conflicts else 0


def _show(value: object) -> str:
    text = "（空）" if value is None or value == "" else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
