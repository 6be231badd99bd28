"""Shared fixtures: every test runs with its own app home folder, never the user's real folders."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything can create a QApplication: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.db import Database  # noqa: E402
from models.migrate import open_database  # noqa: E402
from models.paths import ENV_HOME  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "domain"


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """DISCLOSURE_DESK_HOME points into tmp_path; log handlers opened during the test are closed after it."""
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_HOME, str(home))
    root = logging.getLogger()
    before = list(root.handlers)
    yield home
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh database migrated to the newest schema."""
    database = open_database(tmp_path / "test.db")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def shared_domain() -> Path:
    """The shared domain reference folder (shared/domain beside the repository)."""
    if not SHARED_DOMAIN.is_dir():
        pytest.skip(f"shared domain folder not found at {SHARED_DOMAIN} (expected shared/ beside the repo)")
    return SHARED_DOMAIN
