"""Shared pieces of the property-based tests: the profile and the one outcome every reader may have."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import settings

from models.domain.errors import UserError

FUZZ = settings.get_profile("disclosure-fuzz")
T = TypeVar("T")


SCALE = int(os.environ.get("HYPOTHESIS_FUZZ_SCALE", "1"))


def budget(examples: int) -> settings:
    """The fuzzing profile with this test's fixed example budget (times HYPOTHESIS_FUZZ_SCALE, default 1)."""
    return settings(FUZZ, max_examples=examples * SCALE)


def user_error_or_value(call: Callable[[], T]) -> T | UserError:
    """The value, or the project's own UserError; any other exception fails the test (it would be a traceback)."""
    try:
        return call()
    except UserError as error:
        assert error.message.strip(), "a user error has a message"
        return error


def row_counts(db_path: Path) -> dict[str, Any]:
    """Every table's row count (and the sum of its rowids): a refused import must leave all of them unchanged."""
    with sqlite3.connect(db_path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
