"""单位信息 (the unit profile): read, edit, check. One profile per unit (issue 13): the current unit's is read and
saved (models.services.units); a unit without one reads as empty (its letters ask for 单位信息 first); the county
role (every unit, read-only) reads an empty profile and saves none."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.entities import UnitProfile
from models.services.users import ADMIN, require_current_role


@dataclass(frozen=True)
class ProfileField:
    attr: str
    label: str  # the Chinese field name shown in the settings page and used by `profile set`
    example: str
    required: bool = False


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("unit_name", "单位名称", "X镇人民政府", required=True),
    ProfileField("seal_name", "印章/落款名称", "X镇人民政府", required=True),
    ProfileField("number_prefix", "文号前缀", "X镇政府信息公开", required=True),
    ProfileField("review_organ", "复议机关", "X县人民政府", required=True),
    ProfileField("court", "诉讼法院", "X县人民法院", required=True),
    ProfileField("contact_person", "联系人", "张三"),
    ProfileField("contact_phone", "联系电话", "023-12345678"),
    ProfileField("address", "地址", "X县X镇X路1号"),
    ProfileField("postcode", "邮编", "400000"),
)
_BY_LABEL = {f.label: f for f in PROFILE_FIELDS}
_ALIASES = {"印章名称": "印章/落款名称", "落款名称": "印章/落款名称", "印章": "印章/落款名称", "邮政编码": "邮编"}


@dataclass(frozen=True)
class Profile:
    unit_name: str = ""
    seal_name: str = ""
    number_prefix: str = ""
    review_organ: str = ""
    court: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    address: str = ""
    postcode: str = ""

    def is_complete(self) -> bool:
        return all(getattr(self, f.attr).strip() for f in PROFILE_FIELDS if f.required)

    def as_labels(self) -> dict[str, str]:
        return {f.label: getattr(self, f.attr) for f in PROFILE_FIELDS}


def field_by_label(label: str) -> ProfileField:
    label = _ALIASES.get(label.strip(), label.strip())
    try:
        return _BY_LABEL[label]
    except KeyError:
        names = "、".join(f.label for f in PROFILE_FIELDS)
        raise UserError(f"没有名为“{label}”的单位信息项。可用的项：{names}") from None


def check_value(field: ProfileField, value: str) -> str:
    """The cleaned value, or a ValidationError naming the field."""
    value = value.strip()
    if len(value) > 200:
        raise ValidationError(field.label, "内容过长（最多200字）。")
    if field.attr == "postcode" and value and not re.fullmatch(r"\d{6}", value):
        raise ValidationError(field.label, f"“{value}”不是6位数字的邮政编码。")
    if field.attr == "contact_phone" and value and not re.fullmatch(r"[\d\-－ ()（）转]{5,30}", value):
        raise ValidationError(field.label, f"“{value}”不像电话号码（只能含数字、-、括号和“转”）。")
    if any(ch in value for ch in "\r\n\t"):
        raise ValidationError(field.label, "不能包含换行或制表符。")
    return value


def _row(session: Session) -> UnitProfile:
    """The current unit's profile row (created empty); refused for the county role."""
    from models.services.units import READ_ONLY_MESSAGE, session_access

    unit_id = session_access(session).unit_id
    if unit_id is None:
        raise UserError(READ_ONLY_MESSAGE.format(what="单位信息"))
    row = _stored(session, unit_id)
    if row is None:
        row = UnitProfile(unit_id=unit_id, **{f.attr: "" for f in PROFILE_FIELDS})
        session.add(row)
        session.flush()
    return row


def _stored(session: Session, unit_id: int) -> UnitProfile | None:
    return session.scalar(select(UnitProfile).where(UnitProfile.unit_id == unit_id))


def _to_profile(row: UnitProfile | None) -> Profile:
    if row is None:
        return Profile()
    return Profile(**{f.name: getattr(row, f.name) for f in fields(Profile)})


def get_profile(db: Database, unit_id: int | None = None) -> Profile:
    """The profile of unit `unit_id`, by default of the current unit (empty for the county role)."""
    with db.reading() as session:
        if unit_id is None:
            from models.services.units import session_access

            unit_id = session_access(session).unit_id
        return _to_profile(None if unit_id is None else _stored(session, unit_id))


def set_field(db: Database, label: str, value: str) -> Profile:
    require_current_role(db, ADMIN)  # with login on, the unit profile is the 管理员's
    field = field_by_label(label)
    clean = check_value(field, value)
    with db.transaction() as session:
        row = _row(session)
        setattr(row, field.attr, clean)
        return _to_profile(row)


def save_profile(db: Database, values: dict[str, str]) -> Profile:
    """Save several fields at once (the settings page); every value is checked before anything is written."""
    require_current_role(db, ADMIN)
    cleaned = {field_by_label(label).attr: check_value(field_by_label(label), v) for label, v in values.items()}
    with db.transaction() as session:
        row = _row(session)
        for attr, value in cleaned.items():
            setattr(row, attr, value)
        return _to_profile(row)
