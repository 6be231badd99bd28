"""Audit log (append-only, guarded by triggers) and the users of the optional sign-in.

Revision ID: 0006
Revises: 0004 (re-pointed to 0005 at merge: nothing here depends on it)
Create Date: 2026-11-27 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The audit log is never changed: an UPDATE or DELETE from any program is refused by SQLite itself.
TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不能修改'); END",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不能删除'); END",
}
# PostgreSQL: one PL/pgSQL function refuses UPDATE, DELETE and TRUNCATE with the same messages.
PG_FUNCTION = """CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION '审计日志不能修改';
    END IF;
    RAISE EXCEPTION '审计日志不能删除';
END $$"""
PG_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log FOR EACH ROW",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log FOR EACH ROW",
    "audit_log_no_truncate": "BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT",
}


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for name, when in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION audit_log_refuse()")
        return
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_refuse()")
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record", sa.String(length=100), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record"), ["record"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_user"), ["user"], unique=False)
    _create_triggers()

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("role IN ('录入员', '审核人', '管理员')", name=op.f("ck_app_user_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )


def downgrade() -> None:
    op.drop_table("app_user")
    _drop_triggers()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_user"))
        batch_op.drop_index(batch_op.f("ix_audit_log_record"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
    op.drop_table("audit_log")
