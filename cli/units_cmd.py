"""`units list`, `units add CODE NAME` and `units use CODE` (issue 13: many units in one database)."""

from __future__ import annotations

import argparse

from models.db import Database
from models.services import units


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("units", help="单位：列出、新增、切换", description="一个数据库中的各单位")
    actions = parser.add_subparsers(dest="action", required=True, metavar="{list,add,use}")
    actions.add_parser("list", help="列出各单位（* 为当前单位）").set_defaults(handler=_list)
    add = actions.add_parser("add", help="新增一个单位")
    add.add_argument("code", metavar="CODE", help="单位代码（如：石桥镇），不能与已有单位重复")
    add.add_argument("name", metavar="NAME", nargs="?", default="", help="单位全称（如：青山县石桥镇人民政府）")
    add.add_argument(
        "--uuid", metavar="UUID", help="该单位在其自己数据库中的uuid（units list 的第三列）：导入其同步包前须按此添加"
    )
    add.set_defaults(handler=_add)
    use = actions.add_parser("use", help="此后的命令和窗口在该单位中办理（未以本单位用户登录时）")
    use.add_argument("code", metavar="CODE", help="单位代码")
    use.set_defaults(handler=_use)


def _list(args: argparse.Namespace, db: Database) -> int:
    current = units.current_unit(db)
    for unit in units.list_units(db):
        mark = "*" if current is not None and unit.id == current.id else " "
        print(f"{mark} {unit.code}\t{unit.name}\t{unit.uuid}")
    if current is None:
        print("（县级账号：查看全部单位，只读）")
    return 0


def _add(args: argparse.Namespace, db: Database) -> int:
    unit = units.add_unit(db, args.code, args.name, unit_uuid=args.uuid)
    print(f"已新增单位：{unit.code}（{unit.name or '未填写全称'}）")
    return 0


def _use(args: argparse.Namespace, db: Database) -> int:
    unit = units.use_unit(db, args.code)
    print(f"当前单位：{unit.code}（{unit.name or '未填写全称'}）")
    return 0
