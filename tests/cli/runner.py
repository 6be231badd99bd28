"""Runs the command line in-process as a clerk types it: `main.py --db <path> …` → (exit code, stdout, stderr)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import main


class Cli:
    """Runs `main.py --db <path> …` in-process and returns (exit code, stdout, stderr)."""

    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path = db_path
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main.main(["--db", str(self.db_path), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args))
