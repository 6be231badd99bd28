"""Alembic environment: always run programmatically by models.migrate with a connection in attributes."""

from __future__ import annotations

from alembic import context

from models.entities import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app never runs alembic from its command line
    raise RuntimeError("Migrations are run by models.migrate.open_database, not by the alembic command.")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """The full-text index is managed by hand (virtual table and triggers): autogenerate leaves it alone."""
    return not (type_ == "table" and (name or "").startswith("application_fts"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
