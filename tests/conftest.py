"""Shared fixtures: every test runs with its own app home folder, never the user's real folders.

In CI (the environment variable CI set, as .ci/run does) a skipped test is a failure: everything the suite needs
is in the repository or installed by scripts/setup.sh, so a skip there means a test silently did not run."""

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
TEST_DATA = Path(__file__).resolve().parent / "data"  # public documents (State Council notices) the tests read


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
    """The folder of the official texts the tests read, in the repository: `holidays/2025-notice.txt`,
    `holidays/2026-notice.txt` (the State Council notices) and `holidays/days.csv` (the days they define)."""
    return TEST_DATA


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # noqa: ANN201 - pluggy wrapper
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"
