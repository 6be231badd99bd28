"""A full backup of the clerk's data into one zip file: a consistent snapshot of the database (VACUUM INTO, safe
while the app is open) plus the folders kept beside it (attachments, issued letters, unit templates)."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from exporters.atomic_file import atomic_write
from models.db import Database
from models.domain.errors import UserError

Progress = Callable[[int, int], None]


def data_folders(db: Database) -> list[Path]:
    """The folders that belong to this database: everything beside it named after it, and 答复文书."""
    from models.services.letters import letters_dir

    found = {p for p in db.path.parent.glob(f"{db.path.stem}-*") if p.is_dir()}
    if letters_dir(db).is_dir():
        found.add(letters_dir(db))
    return sorted(found)


def default_backup_name(db: Database, now: datetime | None = None) -> str:
    now = now or datetime.now()
    return f"政务公开工作台备份-{db.path.stem}-{now:%Y%m%d-%H%M%S}.zip"


def backup_to(db: Database, target: Path, *, progress: Progress | None = None) -> Path:
    """Write the backup zip to `target` (atomically); returns the path."""
    target = Path(target)
    if target.suffix.lower() != ".zip":
        raise UserError("备份文件应以 .zip 结尾。")
    files = [(p, Path(folder.name) / p.relative_to(folder)) for folder in data_folders(db) for p in folder.rglob("*")]
    files = [(p, arc) for p, arc in files if p.is_file()]
    total = len(files) + 1
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = Path(scratch) / db.path.name
        with db.engine.connect() as conn:
            conn.execute(text("VACUUM INTO :target"), {"target": str(snapshot)})
        if progress:
            progress(1, total)

        def write(path: Path) -> None:
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(snapshot, db.path.name)
                for done, (source, name) in enumerate(files, start=2):
                    archive.write(source, name.as_posix())
                    if progress:
                        progress(done, total)

        return atomic_write(target, write, program="其他程序")
