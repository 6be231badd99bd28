"""The domain layer stays Qt-free: the CLI and the tests run on machines without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
QT_PACKAGES = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2", "qtpy"}
QT_FREE_FOLDERS = ("models", "exporters")


def qt_imports(source: str) -> list[str]:
    """`line name` for every Qt import in the source, at any depth (inside functions, `if TYPE_CHECKING`…)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{node.lineno} {name}" for name in names if name.split(".")[0] in QT_PACKAGES]
    return found


def _python_files() -> list[Path]:
    return sorted(p for folder in QT_FREE_FOLDERS for p in (REPO_ROOT / folder).rglob("*.py"))


def test_the_check_finds_qt_imports_at_any_depth() -> None:
    source = (
        "import os, PySide6\n"
        "from PyQt6.QtWidgets import QWidget\n"
        "def later():\n"
        "    import PySide6.QtCore as core\n"
        "    if True:\n"
        "        from shiboken6 import isValid\n"
        "from . import PySide6_helpers\n"
    )
    assert qt_imports(source) == ["1 PySide6", "2 PyQt6.QtWidgets", "4 PySide6.QtCore", "6 shiboken6"]


def test_the_walk_finds_the_domain_files() -> None:
    files = {p.relative_to(REPO_ROOT).as_posix() for p in _python_files()}
    assert {"models/migrate.py", "models/domain/workdays.py", "models/services/holidays.py"} <= files


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_no_qt_import_in_models_or_exporters(path: Path) -> None:
    assert qt_imports(path.read_text(encoding="utf-8")) == []


def test_importing_the_domain_and_the_cli_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "import models.services.holidays, models.services.profile, models.migrate, cli.calendar_cmd, main\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
