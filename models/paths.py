"""Where the app keeps its files: one module, overridable for `--db` and for tests.

Three places, the first that applies wins:
1. the environment variable `DISCLOSURE_DESK_HOME` (tests, county scripts): `<home>/data` and `<home>/logs`;
2. portable mode: a folder `数据` beside the executable (from source: beside main.py) holds everything — the
   database, its letters (答复文书/), backups (<stem>-备份/), unit templates (<stem>-模板/) and the logs (数据/日志/) —
   so the app runs from a USB stick or a folder the clerk owns, with no installation and no administrator rights;
3. the user data and log folders of platformdirs.
`--db` still names any database file (its letters, backups and templates live beside it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from models.version import APP_NAME_EN

ENV_HOME = "DISCLOSURE_DESK_HOME"
# Tests only: stands in for the folder of the executable (a subprocess cannot be given a monkeypatched function).
ENV_APP_DIR = "DISCLOSURE_DESK_APP_DIR"
PORTABLE_FOLDER = "数据"
PORTABLE_LOGS = "日志"
DEFAULT_DB_NAME = "disclosure.db"


def app_dir() -> Path:
    """The folder of the program: the executable's when frozen (PyInstaller), else the one holding main.py."""
    override = os.environ.get(ENV_APP_DIR)
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def portable_dir() -> Path | None:
    """The `数据` folder beside the program when portable mode applies (None otherwise)."""
    if os.environ.get(ENV_HOME):
        return None
    folder = app_dir() / PORTABLE_FOLDER
    return folder if folder.is_dir() else None


def is_portable() -> bool:
    return portable_dir() is not None


def uses_portable_data(db_path: Path) -> bool:
    """Whether this database lives in the portable `数据` folder (what the status bar and the about box say)."""
    portable = portable_dir()
    return portable is not None and Path(db_path).resolve().is_relative_to(portable.resolve())


def _data_root() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "data"
    portable = portable_dir()
    if portable is not None:
        return portable
    return Path(platformdirs.user_data_dir(APP_NAME_EN, appauthor=False))


def data_dir() -> Path:
    path = _data_root()
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        path = Path(home) / "logs"
    elif (portable := portable_dir()) is not None:
        path = portable / PORTABLE_LOGS
    else:
        path = Path(platformdirs.user_log_dir(APP_NAME_EN, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


SERVER_SCHEMES = ("postgresql:", "postgresql+psycopg:", "postgres:")


def is_server_url(target: object) -> bool:
    """Whether `--db` names a server database (`postgresql://…`) rather than a SQLite file (no SQLAlchemy import)."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def db_argument(text: str) -> Path | str:
    """`--db`: a server URL is kept as text (a Path would fold its `//`), anything else is a file path."""
    return text.strip() if is_server_url(text) else Path(text)


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
    return _data_root() / "output-folders.txt"


def app_temp_dir() -> Path:
    """The app's own temporary folder inside its data folder (never the system temp folder)."""
    return data_dir() / "tmp"
