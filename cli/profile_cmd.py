"""`profile show [--unit CODE]` and `profile set KEY VALUE [--unit CODE]`: the current unit's 单位信息, or the
unit CODE's (issue 13: one profile per unit; the current unit is chosen with `units use`)."""

from __future__ import annotations

import argparse

from models.db import Database
from models.services import profile as profile_service
from models.services import units


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("profile", help="查看或修改单位信息", description="查看或修改单位信息")
    actions = parser.add_subparsers(dest="action", required=True, metavar="{show,set}")
    show = actions.add_parser("show", help="显示单位信息")
    show.set_defaults(handler=_show)
    _unit_option(show)
    keys = "、".join(f.label for f in profile_service.PROFILE_FIELDS)
    set_ = actions.add_parser("set", help="修改一项单位信息", description=f"KEY 可为：{keys}")
    set_.add_argument("key", metavar="KEY", help=f"单位信息项的中文名称：{keys}")
    set_.add_argument("value", metavar="VALUE", help="新的内容")
    set_.set_defaults(handler=_set)
    _unit_option(set_)


def _unit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", default="", metavar="CODE", help="该单位的单位信息（默认当前单位，见 units list）")


def _choose(args: argparse.Namespace, db: Database) -> None:
    if args.unit.strip():
        units.choose(db, args.unit)  # this command only: the current unit (setting) is not changed


def _print(profile: profile_service.Profile) -> None:
    for label, value in profile.as_labels().items():
        print(f"{label}：{value}")


def _show(args: argparse.Namespace, db: Database) -> int:
    _choose(args, db)
    _print(profile_service.get_profile(db))
    return 0


def _set(args: argparse.Namespace, db: Database) -> int:
    field = profile_service.field_by_label(args.key)
    _choose(args, db)
    profile = profile_service.set_field(db, args.key, args.value)
    print(f"已保存 {field.label}：{getattr(profile, field.attr)}")
    return 0
