"""Issue 9 §5: optional login with roles, argon2 hashes, lock-out after 5 failures for 15 minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models.db import Database
from models.domain.errors import UserError
from models.services import audit, locks, users

PASSWORD = "Baihe#2025"
T0 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def login_on(db: Database) -> Database:
    users.add_user(db, "王管理", "管理员", PASSWORD)
    users.add_user(db, "小李", "录入员", "xiaoli-2025")
    users.set_login_enabled(db, True)
    return db


def test_login_is_off_by_default_and_everything_is_allowed(db: Database) -> None:
    assert users.login_enabled(db) is False
    users.require_role(db, None, "管理员")  # no error
    locks.lock(db, "2025")
    locks.unlock(db, "2025", "县里退回更正")
    assert locks.is_locked(db, "2025") is False


def test_login_password_is_stored_as_argon2_hash_never_in_clear(db: Database) -> None:
    users.add_user(db, "王管理", "管理员", PASSWORD)
    with db.reading() as session:
        from models.entities import User

        stored = session.query(User).one().password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    db.close()
    files = [p for p in db.path.parent.iterdir() if p.name.startswith(db.path.name)]  # with -wal, -shm if any
    assert all(PASSWORD.encode() not in p.read_bytes() for p in files)


def test_login_right_password_signs_in_and_is_logged(login_on: Database) -> None:
    info = users.sign_in(login_on, "王管理", PASSWORD, now=T0)
    assert (info.name, info.role) == ("王管理", "管理员")
    assert audit.signed_in(login_on) == "王管理"
    entry = audit.entries(login_on)[-1]
    assert (entry.action, entry.user, entry.record, entry.at) == ("登录", "王管理", "王管理", T0)
    assert PASSWORD not in str([r.as_json() for r in audit.entries(login_on)])


def test_login_unknown_user_and_wrong_password_get_the_same_message(login_on: Database) -> None:
    with pytest.raises(UserError) as unknown:
        users.authenticate(login_on, "没有这人", PASSWORD, now=T0)
    with pytest.raises(UserError) as wrong:
        users.authenticate(login_on, "王管理", "wrong-password", now=T0)
    assert unknown.value.message == wrong.value.message == "用户名或密码错误。"
    failed = [r for r in audit.entries(login_on) if r.action == "登录失败"]
    assert [r.record for r in failed] == ["没有这人", "王管理"]
    assert "wrong-password" not in str([r.as_json() for r in audit.entries(login_on)])


def test_login_lockout_after_5_failures_for_15_minutes(login_on: Database) -> None:
    for attempt in range(4):
        with pytest.raises(UserError, match="用户名或密码错误"):
            users.authenticate(login_on, "小李", "wrong", now=T0 + timedelta(seconds=attempt))
    with pytest.raises(UserError, match="连续5次密码错误，已锁定至09:15"):
        users.authenticate(login_on, "小李", "wrong", now=T0 + timedelta(seconds=4))
    with pytest.raises(UserError, match="已锁定至09:15"):  # even the right password, 14 minutes later
        users.authenticate(login_on, "小李", "xiaoli-2025", now=T0 + timedelta(minutes=14))
    assert users.authenticate(login_on, "小李", "xiaoli-2025", now=T0 + timedelta(minutes=15, seconds=5)).name == "小李"


def test_login_four_failures_then_success_resets_the_count(login_on: Database) -> None:
    for attempt in range(4):
        with pytest.raises(UserError):
            users.authenticate(login_on, "小李", "wrong", now=T0 + timedelta(seconds=attempt))
    users.authenticate(login_on, "小李", "xiaoli-2025", now=T0 + timedelta(seconds=5))
    with pytest.raises(UserError, match="用户名或密码错误"):  # a fresh count: no lock-out at the next failure
        users.authenticate(login_on, "小李", "wrong", now=T0 + timedelta(seconds=6))


def test_login_disabled_user_is_refused(login_on: Database) -> None:
    users.sign_in(login_on, "王管理", PASSWORD)
    users.disable_user(login_on, "小李")
    with pytest.raises(UserError, match="已停用"):
        users.authenticate(login_on, "小李", "xiaoli-2025")


def test_login_unlocking_a_period_needs_an_administrator(login_on: Database) -> None:
    locks.lock(login_on, "2025-03")
    users.sign_in(login_on, "小李", "xiaoli-2025")
    with pytest.raises(UserError, match="此操作需要“管理员”权限；当前用户“小李”的角色是“录入员”"):
        locks.unlock(login_on, "2025-03", "县里退回更正")
    assert locks.is_locked(login_on, "2025-03")
    users.sign_in(login_on, "王管理", PASSWORD)
    entry = locks.unlock(login_on, "2025-03", "县里退回更正")
    assert entry.actor == "王管理"
    assert not locks.is_locked(login_on, "2025-03")


def test_login_reviewer_may_sign_review_but_not_manage_users(login_on: Database) -> None:
    users.sign_in(login_on, "王管理", PASSWORD)
    users.add_user(login_on, "张科长", "审核人", "zhang-2025x")
    users.sign_in(login_on, "张科长", "zhang-2025x")
    users.require_role(login_on, "张科长", "审核人")
    users.require_role(login_on, "张科长", "录入员")
    with pytest.raises(UserError, match="需要“管理员”权限"):
        users.add_user(login_on, "新人", "录入员", "newcomer-1")
    with pytest.raises(UserError, match="需要“审核人”权限"):
        users.require_role(login_on, "小李", "审核人")


def test_login_nobody_signed_in_is_refused_when_login_is_on(login_on: Database) -> None:
    with pytest.raises(UserError, match="已启用登录：此操作需要以“管理员”身份登录"):
        users.require_current_role(login_on, "管理员")


def test_login_cannot_be_enabled_without_an_administrator(db: Database) -> None:
    users.add_user(db, "小李", "录入员", "xiaoli-2025")
    with pytest.raises(UserError, match="请先添加至少一个“管理员”"):
        users.set_login_enabled(db, True)
    assert users.login_enabled(db) is False


def test_login_the_last_administrator_cannot_be_disabled(login_on: Database) -> None:
    users.sign_in(login_on, "王管理", PASSWORD)
    with pytest.raises(UserError, match="唯一可用的管理员"):
        users.disable_user(login_on, "王管理")


def test_login_short_password_is_refused(db: Database) -> None:
    with pytest.raises(UserError, match="密码至少8个字符"):
        users.add_user(db, "小李", "录入员", "short")
    assert users.list_users(db) == []


def test_login_changes_are_audited_under_the_signed_in_user(login_on: Database) -> None:
    users.sign_in(login_on, "王管理", PASSWORD)
    users.set_password(login_on, "小李", "another-pass")
    entry = audit.entries(login_on)[-1]
    assert (entry.action, entry.user, entry.record, entry.detail) == ("修改", "王管理", "小李", "修改密码")
    assert "another-pass" not in str([r.as_json() for r in audit.entries(login_on)])


def test_login_the_unit_profile_is_changed_by_an_administrator_only(login_on: Database) -> None:
    from models.services import profile

    users.sign_in(login_on, "小李", "xiaoli-2025")
    with pytest.raises(UserError, match="需要“管理员”权限"):
        profile.set_field(login_on, "单位名称", "白鹤镇人民政府")
    assert profile.get_profile(login_on).unit_name == ""
    users.sign_in(login_on, "王管理", PASSWORD)
    assert profile.set_field(login_on, "单位名称", "白鹤镇人民政府").unit_name == "白鹤镇人民政府"
