"""单位信息 per unit (issue 13): `unit_profile` and `catalogue_node` get a `unit_id`.

An existing database keeps its profile: the row becomes the profile of the database's own (first) unit, and every
catalogue node belongs to that unit too. One profile per unit (unique `unit_id`); a unit added later has none
until its clerk fills in 单位信息.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    first = bind.execute(sa.text("SELECT min(id) FROM unit")).scalar()
    for table in ("unit_profile", "catalogue_node"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
    # the profile the app used (id 1, else the lowest) is the first unit's; there never was another one in use
    kept = bind.execute(sa.text("SELECT min(id) FROM unit_profile")).scalar()
    if kept is not None:
        bind.execute(sa.text("DELETE FROM unit_profile WHERE id <> :kept"), {"kept": kept})
    if first is not None:
        for table in ("unit_profile", "catalogue_node"):
            bind.execute(sa.text(f"UPDATE {table} SET unit_id = :unit WHERE unit_id IS NULL"), {"unit": first})
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_unit_profile_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_unique_constraint(batch_op.f("uq_unit_profile_unit_id"), ["unit_id"])
    with op.batch_alter_table("catalogue_node", schema=None) as batch_op:
        batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_catalogue_node_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_index(batch_op.f("ix_catalogue_node_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:  # pragma: no cover - the app never downgrades (a newer database is refused)
    raise NotImplementedError("0010 cannot be undone: restore the backup made before the upgrade.")
