"""任务清单 of issue 11: the tasks of a county's 政务公开 plan (plan_task). Only a new table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 19:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("deadline_text", sa.String(length=100), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("recurrence", sa.String(length=10), nullable=False),
        sa.Column("publish_path", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("completed", sa.Date(), nullable=True),
        sa.Column("evidence_document_id", sa.Integer(), nullable=True),
        sa.Column("evidence_number", sa.String(length=80), nullable=False),
        sa.Column("evidence_url", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evidence_document_id"],
            ["document.id"],
            name=op.f("fk_plan_task_evidence_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_task")),
        sa.UniqueConstraint("uuid", name=op.f("uq_plan_task_uuid")),
    )
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        for column in ("plan_year", "unit", "due", "status", "evidence_document_id", "voided_at"):
            batch_op.create_index(batch_op.f(f"ix_plan_task_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        for column in ("voided_at", "evidence_document_id", "status", "due", "unit", "plan_year"):
            batch_op.drop_index(batch_op.f(f"ix_plan_task_{column}"))
    op.drop_table("plan_task")
