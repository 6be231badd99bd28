"""`profile show` and `profile set KEY VALUE`."""

from __future__ import annotations

import argparse

from models.db import Database
from models.services import profile as profile_service


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("profile", help="查看或修改单位信息", description="查看或修改单位信息")
    actions = parser.add_subparsers(dest="action", required=True, metavar="{show,set}")
    show = actions.add_parser("show", help="显示单位信息")
    show.set_defaults(handler=_show)
    keys = "、".join(f.label for f in profile_service.PROFILE_FIELDS)
    set_ = actions.add_parser("set", help="修改一项单位信息", description=f"KEY 可为：{keys}")
    set_.add_argument("key", metavar="KEY", help=f"单位信息项的中文名称：{keys}")
    set_.add_argument("value", metavar="VALUE", help="新的内容")
    set_.set_defaults(handler=_set)


def _print(profile: profile_service.Profile) -> None:
    for label, value in profile.as_labels().items():
        print(f"{label}：{value}")


def _show(args: argparse.Namespace, db: Database) -> int:
    _print(profile_service.get_profile(db))
    return 0


def _set(args: argparse.Namespace, db: Database) -> int:
    field = profile_service.field_by_label(args.key)
    profile = profile_service.set_field(db, args.key, args.value)
    print(f"已保存 {field.label}：{getattr(profile, field.attr)}")
    return 0
