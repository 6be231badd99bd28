"""Offline units (issue 13): the sync packages a database exported or imported (`sync_package`) and the export
watermark of each record (`sync_record`: its content hash when the last package carried it). Only new tables.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_sync_package_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_package")),
        sa.UniqueConstraint("uuid", name=op.f("uq_sync_package_uuid")),
    )
    with op.batch_alter_table("sync_package", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_package_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "sync_record",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["sync_package.id"],
            name=op.f("fk_sync_record_package_id_sync_package"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_sync_record_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("table_name", "record_uuid", name=op.f("pk_sync_record")),
    )
    with op.batch_alter_table("sync_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_record_package_id"), ["package_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_record_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:  # pragma: no cover - the app never downgrades (a newer database is refused)
    op.drop_table("sync_record")
    op.drop_table("sync_package")
