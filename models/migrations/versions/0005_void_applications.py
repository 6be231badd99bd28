"""A mistaken registration can be voided: who, when and why are kept on the application.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 18:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only added columns: batch mode adds them in place (no table copy), so the full-text triggers stay.
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("voided_by", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("void_reason", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_application_voided_at"), ["voided_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_voided_at"))
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_by")
        batch_op.drop_column("voided_at")
