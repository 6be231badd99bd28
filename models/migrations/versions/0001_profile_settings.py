"""Unit profile and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_name", sa.String(100), nullable=False),
        sa.Column("seal_name", sa.String(100), nullable=False),
        sa.Column("number_prefix", sa.String(60), nullable=False),
        sa.Column("review_organ", sa.String(100), nullable=False),
        sa.Column("court", sa.String(100), nullable=False),
        sa.Column("contact_person", sa.String(40), nullable=False),
        sa.Column("contact_phone", sa.String(40), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(6), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_profile")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("unit_profile")
