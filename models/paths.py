"""Where the app keeps its files: one module, overridable for `--db` and for tests.

The data folder (database, attachments, generated letters) and the log folder come from platformdirs.
The environment variable `DISCLOSURE_DESK_HOME` redirects both (tests and portable installs use it).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from models.version import APP_NAME_EN

ENV_HOME = "DISCLOSURE_DESK_HOME"
DEFAULT_DB_NAME = "disclosure.db"


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME_EN, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    path = Path(home) / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME_EN, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def backups_dir(db_path: Path) -> Path:
    """The automatic backups of a database: `<stem>-备份/` beside it (not created here)."""
    return Path(db_path).parent / f"{Path(db_path).stem}-备份"


def output_folders_file() -> Path:
    """The list of folders the app has written output files to (for the start-up sweep of its stale temporary
    files). Not created here: when the data folder does not exist yet, nothing is remembered."""
    home = os.environ.get(ENV_HOME)
    folder = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME_EN, appauthor=False))
    return folder / "output-folders.txt"


def app_temp_dir() -> Path:
    """The app's own temporary folder inside its data folder (never the system temp folder)."""
    return data_dir() / "tmp"
