"""CLI fixtures: the command line run in-process over a database in the test's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The command line over `<tmp>/c.db` (created by the first command)."""
    return Cli(tmp_path / "c.db", capsys)
