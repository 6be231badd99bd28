"""Units (issue 13): a `unit` table, every register record owned by a unit, a version for optimistic
concurrency on every editable record, and a `uuid` on the tables that had none.

An existing database gets one unit made from its unit profile (code = the unit's name, else 本单位); all its
records, number sequences and users belong to it. Numbers become unique per unit (and year).

Columns are first added nullable (in place), backfilled, then each table is rebuilt once by batch mode with the
NOT NULL, foreign key, index and unique constraints. Rebuilding `application` drops its full-text triggers
(SQLite drops a table's triggers with it): they are created again (the FTS table keeps its rows: ids are kept).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 22:00:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OWNED = ("application", "letter", "document", "solicitation", "interpretation", "plan_task")  # unit_id + version
NEW_UUID = ("application", "application_event", "attachment", "letter")
DEFAULT_CODE = "本单位"

FTS_TRIGGERS = (  # as created by 0003
    "CREATE TRIGGER application_fts_ai AFTER INSERT ON application BEGIN "
    "INSERT INTO application_fts(rowid, number, applicant_name, content) "
    "VALUES (new.id, new.number, new.applicant_name, new.content); END",
    "CREATE TRIGGER application_fts_ad AFTER DELETE ON application BEGIN "
    "INSERT INTO application_fts(application_fts, rowid, number, applicant_name, content) "
    "VALUES ('delete', old.id, old.number, old.applicant_name, old.content); END",
    "CREATE TRIGGER application_fts_au AFTER UPDATE OF number, applicant_name, content ON application BEGIN "
    "INSERT INTO application_fts(application_fts, rowid, number, applicant_name, content) "
    "VALUES ('delete', old.id, old.number, old.applicant_name, old.content); "
    "INSERT INTO application_fts(rowid, number, applicant_name, content) "
    "VALUES (new.id, new.number, new.applicant_name, new.content); END",
)


def _first_unit(bind: sa.Connection) -> int:
    """The one unit of an existing (or new) database, named after its unit profile."""
    profile = bind.execute(sa.text("SELECT unit_name FROM unit_profile ORDER BY id LIMIT 1")).scalar()
    name = (profile or "").strip()
    unit = sa.table("unit", sa.column("uuid"), sa.column("code"), sa.column("name"))
    bind.execute(sa.insert(unit).values(uuid=str(uuid.uuid4()), code=name or DEFAULT_CODE, name=name))
    return int(bind.execute(sa.text("SELECT min(id) FROM unit")).scalar_one())


def _backfill_uuids(bind: sa.Connection, table_name: str) -> None:
    table = sa.table(table_name, sa.column("id"), sa.column("uuid"))
    ids = bind.execute(sa.select(table.c.id).where(table.c.uuid.is_(None))).scalars().all()
    if ids:
        bind.execute(
            sa.update(table).where(table.c.id == sa.bindparam("row_id")).values(uuid=sa.bindparam("new_uuid")),
            [{"row_id": i, "new_uuid": str(uuid.uuid4())} for i in ids],
        )


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_unit_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_unit_uuid")),
    )
    bind = op.get_bind()
    unit_id = _first_unit(bind)

    # 1. the new columns, nullable, added in place
    for table in sorted(set(OWNED) | set(NEW_UUID) | {"number_sequence", "app_user"}):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in OWNED or table == "number_sequence":
                batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
            if table == "app_user":
                batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
            if table in OWNED:
                batch_op.add_column(sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False))
            if table in NEW_UUID:
                batch_op.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))

    # 2. backfill: every record is the first unit's; every row its own uuid4
    for table in (*OWNED, "number_sequence", "app_user"):
        bind.execute(sa.text(f"UPDATE {table} SET unit_id = :unit WHERE unit_id IS NULL"), {"unit": unit_id})
    for table in NEW_UUID:
        _backfill_uuids(bind, table)

    # 3. constraints (one rebuild per table on SQLite)
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT"
            )
            batch_op.create_index(batch_op.f(f"ix_{table}_unit_id"), ["unit_id"], unique=False)
            if table in NEW_UUID:
                batch_op.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
                batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_uuid"), ["uuid"])
            if table == "application":
                batch_op.drop_constraint("uq_application_number", type_="unique")
                batch_op.drop_constraint("year_seq", type_="unique")
                batch_op.create_unique_constraint("uq_application_unit_year_seq", ["unit_id", "year", "seq"])
                batch_op.create_unique_constraint("uq_application_unit_number", ["unit_id", "number"])
            if table == "document":
                batch_op.drop_constraint("uq_document_number", type_="unique")
                batch_op.create_unique_constraint("uq_document_unit_number", ["unit_id", "number"])
    for table in ("application_event", "attachment"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_uuid"), ["uuid"])
    with op.batch_alter_table("number_sequence", schema=None) as batch_op:
        batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("pk_number_sequence", type_="primary")
        batch_op.create_primary_key("pk_number_sequence", ["unit_id", "series"])
        batch_op.create_foreign_key(
            batch_op.f("fk_number_sequence_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT"
        )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_app_user_role"), type_="check")
        batch_op.create_check_constraint("role", "role IN ('录入员', '审核人', '管理员', '县级')")
        batch_op.create_foreign_key(
            batch_op.f("fk_app_user_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_index(batch_op.f("ix_app_user_unit_id"), ["unit_id"], unique=False)

    if bind.dialect.name == "sqlite":
        for statement in FTS_TRIGGERS:
            op.execute(sa.text(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS")))


def downgrade() -> None:  # pragma: no cover - the app never downgrades (a newer database is refused)
    raise NotImplementedError("0009 cannot be undone: restore the backup made before the upgrade.")
