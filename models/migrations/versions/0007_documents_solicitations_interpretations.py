"""The registers of issue 10: 公文 (with 三审三校, yearly review decisions, attachments and the 公开目录 tree),
征求意见 and 政策解读 (with its 形式 and attachments). Only new tables: nothing existing is copied or changed.

Every new table has a `uuid` (unique, filled by the ORM) as a stable key for a future sync.
models.migrate runs this with foreign keys off and checks `PRAGMA foreign_key_check` afterwards (PITFALLS).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 18:38:30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_node",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["catalogue_node.id"],
            name=op.f("fk_catalogue_node_parent_id_catalogue_node"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_node")),
        sa.UniqueConstraint("uuid", name=op.f("uq_catalogue_node_uuid")),
    )
    with op.batch_alter_table("catalogue_node", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_node_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=True),
        sa.Column("organ_code", sa.String(length=40), nullable=False),
        sa.Column("number_year", sa.Integer(), nullable=True),
        sa.Column("number_seq", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.Column("written", sa.Date(), nullable=False),
        sa.Column("doc_type", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("attribute", sa.String(length=10), nullable=False),
        sa.Column("note_mark", sa.String(length=20), nullable=False),
        sa.Column("withhold_reason", sa.Text(), nullable=False),
        sa.Column("basis_code", sa.String(length=4), nullable=False),
        sa.Column("catalogue_node_id", sa.Integer(), nullable=True),
        sa.Column("interpreter", sa.String(length=100), nullable=False),
        sa.Column("needs_interpretation", sa.Boolean(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("state_changed", sa.Date(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("publish_column", sa.String(length=200), nullable=False),
        sa.Column("publish_url", sa.String(length=500), nullable=False),
        sa.Column("department", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("publish_from", sa.Date(), nullable=True),
        sa.Column("publish_due", sa.Date(), nullable=True),
        sa.Column("publish_state", sa.String(length=20), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.Column("calendar_uncertain", sa.Boolean(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=40), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_node_id"],
            ["catalogue_node.id"],
            name=op.f("fk_document_catalogue_node_id_catalogue_node"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("number", name=op.f("uq_document_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_document_uuid")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_attribute"), ["attribute"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_catalogue_node_id"), ["catalogue_node_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_department"), ["department"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_publish_due"), ["publish_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_publish_state"), ["publish_state"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_state_changed"), ["state_changed"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_valid_until"), ["valid_until"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_voided_at"), ["voided_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_written"), ["written"], unique=False)

    op.create_table(
        "document_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("added_by", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_attachment_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_attachment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_document_attachment_uuid")),
    )
    with op.batch_alter_table("document_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_attachment_document_id"), ["document_id"], unique=False)

    op.create_table(
        "document_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=4), nullable=False),
        sa.Column("reviewer", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.CheckConstraint("stage IN ('初审', '复审', '终审')", name=op.f("ck_document_review_stage")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_review_document_id_document"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_review")),
        sa.UniqueConstraint("document_id", "stage", name="document_stage"),
        sa.UniqueConstraint("uuid", name=op.f("uq_document_review_uuid")),
    )
    with op.batch_alter_table("document_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_review_document_id"), ["document_id"], unique=False)

    op.create_table(
        "document_review_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("clock_from", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("decision IN ('维持', '转为主动公开')", name=op.f("ck_document_review_decision_decision")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_review_decision_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_review_decision")),
        sa.UniqueConstraint("document_id", "year", name="document_year"),
        sa.UniqueConstraint("uuid", name=op.f("uq_document_review_decision_uuid")),
    )
    with op.batch_alter_table("document_review_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_review_decision_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_review_decision_year"), ["year"], unique=False)

    op.create_table(
        "interpretation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("interpreter", sa.String(length=100), nullable=False),
        sa.Column("approved", sa.Date(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=40), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_interpretation_document_id_document"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpretation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_interpretation_uuid")),
    )
    with op.batch_alter_table("interpretation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interpretation_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interpretation_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_interpretation_voided_at"), ["voided_at"], unique=False)

    op.create_table(
        "solicitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("shortening_reason", sa.Text(), nullable=False),
        sa.Column("received_count", sa.Integer(), nullable=False),
        sa.Column("adopted_count", sa.Integer(), nullable=False),
        sa.Column("partly_adopted_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=False),
        sa.Column("results_published", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=40), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_solicitation_document_id_document"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_solicitation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_solicitation_uuid")),
    )
    with op.batch_alter_table("solicitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_solicitation_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_solicitation_end"), ["end"], unique=False)
        batch_op.create_index(batch_op.f("ix_solicitation_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_solicitation_results_published"), ["results_published"], unique=False)
        batch_op.create_index(batch_op.f("ix_solicitation_start"), ["start"], unique=False)
        batch_op.create_index(batch_op.f("ix_solicitation_voided_at"), ["voided_at"], unique=False)

    op.create_table(
        "interpretation_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("interpretation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("added_by", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["interpretation_id"],
            ["interpretation.id"],
            name=op.f("fk_interpretation_attachment_interpretation_id_interpretation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpretation_attachment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_interpretation_attachment_uuid")),
    )
    with op.batch_alter_table("interpretation_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interpretation_attachment_interpretation_id"), ["interpretation_id"], unique=False
        )

    op.create_table(
        "interpretation_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("interpretation_id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["interpretation_id"],
            ["interpretation.id"],
            name=op.f("fk_interpretation_form_interpretation_id_interpretation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpretation_form")),
        # PostgreSQL names a unique constraint's index in the namespace of tables: "interpretation_form" is taken
        sa.UniqueConstraint("interpretation_id", "form", name=_form_unique_name()),
        sa.UniqueConstraint("uuid", name=op.f("uq_interpretation_form_uuid")),
    )
    with op.batch_alter_table("interpretation_form", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interpretation_form_interpretation_id"), ["interpretation_id"], unique=False
        )


def _form_unique_name() -> str:
    return "uq_interpretation_form_form" if op.get_bind().dialect.name == "postgresql" else "interpretation_form"


def downgrade() -> None:
    with op.batch_alter_table("interpretation_form", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interpretation_form_interpretation_id"))

    op.drop_table("interpretation_form")
    with op.batch_alter_table("interpretation_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interpretation_attachment_interpretation_id"))

    op.drop_table("interpretation_attachment")
    with op.batch_alter_table("solicitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_solicitation_voided_at"))
        batch_op.drop_index(batch_op.f("ix_solicitation_start"))
        batch_op.drop_index(batch_op.f("ix_solicitation_results_published"))
        batch_op.drop_index(batch_op.f("ix_solicitation_kind"))
        batch_op.drop_index(batch_op.f("ix_solicitation_end"))
        batch_op.drop_index(batch_op.f("ix_solicitation_document_id"))

    op.drop_table("solicitation")
    with op.batch_alter_table("interpretation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interpretation_voided_at"))
        batch_op.drop_index(batch_op.f("ix_interpretation_published"))
        batch_op.drop_index(batch_op.f("ix_interpretation_document_id"))

    op.drop_table("interpretation")
    with op.batch_alter_table("document_review_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_review_decision_year"))
        batch_op.drop_index(batch_op.f("ix_document_review_decision_document_id"))

    op.drop_table("document_review_decision")
    with op.batch_alter_table("document_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_review_document_id"))

    op.drop_table("document_review")
    with op.batch_alter_table("document_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_attachment_document_id"))

    op.drop_table("document_attachment")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_written"))
        batch_op.drop_index(batch_op.f("ix_document_voided_at"))
        batch_op.drop_index(batch_op.f("ix_document_valid_until"))
        batch_op.drop_index(batch_op.f("ix_document_state_changed"))
        batch_op.drop_index(batch_op.f("ix_document_state"))
        batch_op.drop_index(batch_op.f("ix_document_published"))
        batch_op.drop_index(batch_op.f("ix_document_publish_state"))
        batch_op.drop_index(batch_op.f("ix_document_publish_due"))
        batch_op.drop_index(batch_op.f("ix_document_department"))
        batch_op.drop_index(batch_op.f("ix_document_category"))
        batch_op.drop_index(batch_op.f("ix_document_catalogue_node_id"))
        batch_op.drop_index(batch_op.f("ix_document_attribute"))

    op.drop_table("document")
    with op.batch_alter_table("catalogue_node", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_node_parent_id"))

    op.drop_table("catalogue_node")
