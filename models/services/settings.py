"""App settings as key → text value (one place for defaults)."""

from __future__ import annotations

from models.db import Database
from models.entities import Setting

DEFAULTS: dict[str, str] = {}


def get_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        row = session.get(Setting, key)
        return row.value if row is not None else DEFAULTS.get(key)


def set_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as session:
        session.merge(Setting(key=key, value=value))
