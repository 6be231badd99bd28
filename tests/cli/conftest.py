"""CLI fixtures: the command line run in-process over a database in the test's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli


@pytest.fixture
def cli(tmp_path: Path, database_target: Path | str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The command line over `<tmp>/c.db` (created by the first command), or a fresh PostgreSQL database."""
    return Cli(tmp_path / "c.db" if isinstance(database_target, Path) else database_target, capsys)
