"""Indexes SQLite's planner can use well without statistics (issue 12: the 工作台 shown within 5× a bare window).

A township's database never has ANALYZE statistics, so SQLite's planner takes every equality on an indexed
column for a selective one. Two kinds of index matched almost every row and were chosen anyway:
- `voided_at` (application, document, solicitation, interpretation, plan_task): `voided_at IS NULL` is in every
  list and count (nearly all rows), so the planner walked every row through this index instead of the index the
  query was written for: dropped (the 已作废 filter, a few rows, scans instead);
- `unit_id` (migration 0009): on a township's one-unit database it matches every row; the unit filter is written
  `unit_id + 0 = ?` on SQLite so the planner never picks it (models/services/units.py; PostgreSQL keeps its
  statistics and a county server's unit index is selective, so the plain term is used there).
Together they made the 工作台's 三同步 count take 18 s instead of 20 ms at 100,000 documents.

New, for the 工作台's counts:
- application (status, reply_due, unit_id): the 已逾期/临期/正常 counts find the few open cases by status, then by
  due date (≈230 ms → < 2 ms at 50,000 applications);
- document (published, publish_due, unit_id) only where published IS NULL and voided_at IS NULL (partial, on
  SQLite and PostgreSQL alike): the documents still to be published (待审核/待发布/发布逾期), read from the index
  alone (`published`, always NULL here, makes it an equality the planner prefers to ix_document_published);
- document (category, needs_interpretation, voided_at, published, unit_id): the 三同步 candidates (行政规范性文件
  or flagged) found in this narrow index instead of the wide rows.

Only indexes: no data changes, nothing to back-fill.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

PENDING = "published IS NULL AND voided_at IS NULL"
VOIDED_INDEXED = ("application", "document", "solicitation", "interpretation", "plan_task")


def upgrade() -> None:
    for table in VOIDED_INDEXED:
        op.drop_index(f"ix_{table}_voided_at", table_name=table)
    op.create_index("ix_application_open_due", "application", ["status", "reply_due", "unit_id"])
    op.create_index(
        "ix_document_to_publish",
        "document",
        ["published", "publish_due", "unit_id"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )
    op.create_index(
        "ix_document_interpretation_required",
        "document",
        ["category", "needs_interpretation", "voided_at", "published", "unit_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_document_interpretation_required", table_name="document")
    op.drop_index("ix_document_to_publish", table_name="document")
    op.drop_index("ix_application_open_due", table_name="application")
    for table in VOIDED_INDEXED:
        op.create_index(f"ix_{table}_voided_at", table, ["voided_at"])
