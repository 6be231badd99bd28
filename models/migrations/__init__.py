"""Alembic migration scripts, shipped inside the package (and listed in build.spec)."""
