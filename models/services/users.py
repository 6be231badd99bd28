"""Users of the optional sign-in (off by default: a single clerk needs none).

Roles, each including the ones before it: 录入员 (registers and letters), 审核人 (may also sign 复审/终审),
管理员 (also the unit profile, users, unlocking submitted periods, restoring a backup). While login is off,
`require_role` lets everything through and the audit log names the operator of 设置 (or the computer's user).

Passwords are hashed with argon2id (argon2-cffi); the clear password is never stored, logged or kept. After
`MAX_FAILURES` wrong passwords in a row a user is locked out for `LOCKOUT`; every login, failed login and
lock-out is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.entities import User
from models.services import audit
from models.services.settings import get_setting, set_setting

if TYPE_CHECKING:
    from argon2 import PasswordHasher

CLERK, REVIEWER, ADMIN = "录入员", "审核人", "管理员"
ROLES = (CLERK, REVIEWER, ADMIN)
COUNTY = "县级"  # the county office: every unit's records, read-only (models.services.units); outside the ladder
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
LOGIN_SETTING = "login_enabled"
PASSWORD_ENV = "DISCLOSURE_DESK_PASSWORD"


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    disabled: bool
    locked_until: datetime | None

    @property
    def status(self) -> str:
        if self.disabled:
            return "已停用"
        if self.locked_until is not None and self.locked_until > datetime.now():
            return f"已锁定至{self.locked_until:%H:%M}"
        return "正常"


def _info(user: User) -> UserInfo:
    return UserInfo(user.name, user.role, user.disabled, user.locked_until)


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # imported only when a password is handled

    return PasswordHasher()


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("密码", f"密码至少{MIN_PASSWORD_LENGTH}个字符。")
    if password.strip() != password or any(ord(c) < 32 for c in password):
        raise ValidationError("密码", "密码的开头和结尾不能是空格，也不能含控制字符。")
    return password


def _check_name(name: str) -> str:
    n = name.strip()
    if not n:
        raise ValidationError("用户名", "请填写用户名。")
    if len(n) > 40 or any(ord(c) < 32 for c in n):
        raise ValidationError("用户名", "用户名最多40个字符，不能含控制字符。")
    return n


def _check_role(role: str) -> str:
    if role not in (*ROLES, COUNTY):
        raise ValidationError("角色", f"未知的角色“{role}”，应为：{'、'.join((*ROLES, COUNTY))}")
    return role


# -- login on/off -------------------------------------------------------------------------------------------


def login_enabled(db: Database) -> bool:
    return (get_setting(db, LOGIN_SETTING) or "0") == "1"


def set_login_enabled(db: Database, enabled: bool) -> None:
    """Turn the sign-in on (needs an active 管理员, so that someone can still manage users) or off (管理员)."""
    require_role(db, audit.signed_in(db), ADMIN)
    if enabled and not any(u.role == ADMIN and not u.disabled for u in list_users(db)):
        raise UserError("启用登录前，请先添加至少一个“管理员”用户（users add 用户名 --role 管理员）。")
    set_setting(db, LOGIN_SETTING, "1" if enabled else "0")


# -- users --------------------------------------------------------------------------------------------------


def list_users(db: Database) -> list[UserInfo]:
    with db.reading() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.id))]


def _get(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name.strip())).first()
    if user is None:
        raise UserError(f"没有用户“{name.strip()}”。")
    return user


def add_user(db: Database, name: str, role: str, password: str) -> UserInfo:
    """A new user with an argon2 hash of `password`; needs 管理员 while login is on."""
    require_role(db, audit.signed_in(db), ADMIN)
    name, role = _check_name(name), _check_role(role)
    password_hash = _hasher().hash(_check_password(password))
    with db.transaction() as session:
        if session.scalars(select(User.id).where(User.name == name)).first() is not None:
            raise UserError(f"用户“{name}”已存在。")
        user = User(name=name, role=role, password_hash=password_hash, disabled=False, failed_attempts=0)
        session.add(user)
        session.flush()
        return _info(user)


def set_password(db: Database, name: str, password: str) -> None:
    """A new password (and the lock-out lifted); a user may change their own, a 管理员 anyone's."""
    if not (login_enabled(db) and audit.signed_in(db) == name.strip()):
        require_role(db, audit.signed_in(db), ADMIN)
    password_hash = _hasher().hash(_check_password(password))
    with db.transaction() as session:
        user = _get(session, name)
        user.password_hash = password_hash
        user.failed_attempts = 0
        user.locked_until = None
    audit.log(db, audit.CHANGE, table="app_user", record=name.strip(), detail="修改密码")


def set_role(db: Database, name: str, role: str) -> UserInfo:
    require_role(db, audit.signed_in(db), ADMIN)
    role = _check_role(role)
    with db.transaction() as session:
        user = _get(session, name)
        if user.role == ADMIN and role != ADMIN:
            _keep_an_admin(db, session, user)
        user.role = role
        return _info(user)


def disable_user(db: Database, name: str, *, disabled: bool = True) -> UserInfo:
    """停用 (or 启用 again) a user; the last active 管理员 cannot be disabled while login is on."""
    require_role(db, audit.signed_in(db), ADMIN)
    with db.transaction() as session:
        user = _get(session, name)
        if disabled and user.role == ADMIN:
            _keep_an_admin(db, session, user)
        user.disabled = disabled
        return _info(user)


def _keep_an_admin(db: Database, session: Session, user: User) -> None:
    others = session.scalars(select(User).where(User.role == ADMIN, User.disabled.is_(False), User.id != user.id))
    if login_enabled(db) and others.first() is None:
        raise UserError(f"“{user.name}”是唯一可用的管理员，登录启用时不能停用或降级（否则无人能管理用户）。")


# -- login --------------------------------------------------------------------------------------------------


def authenticate(db: Database, name: str, password: str, *, now: datetime | None = None) -> UserInfo:
    """The user when `password` is right; else a UserError (the same for an unknown name and a wrong password).

    A user locked out is refused without looking at the password; the 5th wrong password in a row locks the
    user for 15 minutes. Every attempt is in the audit log, never the password."""
    from argon2.exceptions import InvalidHashError, VerificationError

    at = now or audit.now()
    name = name.strip()
    hasher = _hasher()
    failure = ""
    with db.transaction() as session:
        session.info["audit_off"] = True  # the attempt is logged as 登录 / 登录失败 below
        user = session.scalars(select(User).where(User.name == name)).first()
        if user is None:
            hasher.hash("not a user")  # the same time for an unknown name: names cannot be probed
            failure = "用户不存在"
        elif user.locked_until is not None and user.locked_until > at:
            failure = "已锁定"
        else:
            try:
                hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                user.failed_attempts = (user.failed_attempts or 0) + 1
                failure = f"密码错误（连续第{user.failed_attempts}次）"
                if user.failed_attempts >= MAX_FAILURES:
                    user.locked_until = at + LOCKOUT
                    user.failed_attempts = 0
                    failure += f"，锁定至{user.locked_until:%H:%M}"
            else:
                if user.disabled:
                    failure = "已停用"
                else:
                    user.failed_attempts = 0
                    user.locked_until = None
                    if hasher.check_needs_rehash(user.password_hash):
                        user.password_hash = hasher.hash(password)
        info = _info(user) if user is not None else None
    audit.log(db, audit.LOGIN_FAILED if failure else audit.LOGIN, table="app_user", record=name, user=name,
              detail=failure, at=at)  # fmt: skip
    if info is not None and info.locked_until is not None and info.locked_until > at:
        raise UserError(
            f"用户“{name}”连续{MAX_FAILURES}次密码错误，已锁定至{info.locked_until:%H:%M}，"
            f"请{LOCKOUT.seconds // 60}分钟后再试。"
        )
    if info is None or failure.startswith("密码错误"):
        raise UserError("用户名或密码错误。")
    if failure == "已停用":
        raise UserError(f"用户“{name}”已停用，请联系管理员。")
    return info


def sign_in(db: Database, name: str, password: str, *, now: datetime | None = None) -> UserInfo:
    """Authenticate and remember the user on `db`: later audit entries and role checks name them."""
    info = authenticate(db, name, password, now=now)
    audit.set_user(db, info.name)
    return info


def sign_out(db: Database) -> None:
    name = audit.signed_in(db)
    if name:
        audit.log(db, audit.LOGOUT, table="app_user", record=name, user=name)
    audit.set_user(db, None)


def require_role(db: Database, user: str | None, role: str) -> None:
    """Refuse (UserError) when login is on and `user` is missing, disabled or below `role`."""
    if not login_enabled(db):
        return
    if not user:
        raise UserError(f"已启用登录：此操作需要以“{role}”身份登录。")
    with db.reading() as session:
        row = session.scalars(select(User).where(User.name == user)).first()
        if row is None or row.disabled:
            raise UserError(f"用户“{user}”不存在或已停用，不能进行此操作。")
        if row.role == COUNTY or ROLES.index(row.role) < ROLES.index(role):
            raise UserError(f"此操作需要“{role}”权限；当前用户“{user}”的角色是“{row.role}”。")


def require_current_role(db: Database, role: str) -> None:
    """`require_role` for the user signed in on `db` (unlocking a period, restoring a backup …)."""
    require_role(db, audit.signed_in(db), role)
