"""Backups of all the clerk's data, in one format: a zip holding a consistent snapshot of the database (SQLite's
online backup API, all pages in one step — safe while the app is open), the folders kept beside it (attachments,
issued letters, unit templates) and `manifest.json` (when, which database, schema version, record counts).

A backup is verified (zip CRCs, `PRAGMA integrity_check`, record counts equal to the manifest's) before it is
reported. Automatic backups go to `<stem>-备份/` beside the database: one a day at start-up, one before every
migration and one before every restore; the daily ones are kept 30 days + 12 months. Nothing passes through the
system temp folder: the snapshot is a temporary file beside the backup, the database is verified in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from exporters.atomic_file import atomic_write, temporary_file
from models.db import Database
from models.domain.errors import UserError
from models.filehash import file_sha256
from models.paths import backups_dir

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

BACKUP_PREFIX = "政务公开工作台备份"
MANIFEST = "manifest.json"
PRE_MIGRATION = "升级前"
PRE_RESTORE = "恢复前"
DAILY_KEPT, MONTHLY_KEPT = 30, 12
# What `verify` counts, with the Chinese label it prints.
COUNTED_TABLES = {
    "application": "申请",
    "application_event": "办理记录",
    "letter": "文书",
    "attachment": "附件",
    "holiday_override": "节假日安排",
}
_NAME = re.compile(rf"^{BACKUP_PREFIX}-(?P<stem>.+)-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<label>[^.]+))?\.zip$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime | None
    size: int
    label: str = ""  # "" for a daily/manual backup, else e.g. 升级前-0003, 恢复前
    database: str = ""  # the database file name inside
    revision: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows; empty when unknown
    verified: bool = False  # True only after `verify_backup` checked it

    def counts_text(self) -> str:
        if not self.counts:
            return "（无记录数）"
        return "，".join(f"{COUNTED_TABLES.get(t, t)}{n}" for t, n in self.counts.items())


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    kept_aside: Path | None  # the database as it was before the restore (renamed, never deleted)
    pre_restore_backup: Path | None


# -- names ----------------------------------------------------------------------------------------------------


class _At:
    """Just a `.path`, for helpers that only need to know where a database file is."""

    def __init__(self, path: Path) -> None:
        self.path = path


def data_folders(db: Database | Path) -> list[Path]:
    """The folders that belong to this database: everything beside it named after it, and 答复文书 (never the
    automatic backups)."""
    from models.services.letters import letters_dir

    db_path = db.path if isinstance(db, Database) else Path(db)
    letters = letters_dir(_At(db_path))  # type: ignore[arg-type]  # letters_dir only reads .path
    found = {p for p in db_path.parent.glob(f"{db_path.stem}-*") if p.is_dir()}
    if letters.is_dir():
        found.add(letters)
    found.discard(backups_dir(db_path))
    return sorted(found)


def default_backup_name(db: Database | Path, now: datetime | None = None, *, label: str = "") -> str:
    db_path = db.path if isinstance(db, Database) else Path(db)
    now = now or datetime.now()
    return f"{BACKUP_PREFIX}-{db_path.stem}-{now:%Y%m%d-%H%M%S}{'-' + label if label else ''}.zip"


def _parse_name(path: Path) -> tuple[datetime | None, str]:
    match = _NAME.match(path.name)
    if match is None:
        return None, ""
    try:
        return datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), match["label"] or ""
    except ValueError:
        return None, ""


def _unused(path: Path) -> Path:
    counter = 1
    candidate = path
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
    return candidate


# -- create ---------------------------------------------------------------------------------------------------


def snapshot_database(db_path: Path, target: Path) -> None:
    """Copy the database into `target` with SQLite's online backup API, all pages in one step (a step-wise
    copy never finishes while another connection keeps writing). Reads only; the source stays as it is."""
    source = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest, pages=-1)
    except sqlite3.DatabaseError as error:
        raise UserError(f"无法读取数据库“{Path(db_path).name}”进行备份：{error}") from None
    finally:
        dest.close()
        source.close()


def _read_counts(conn: sqlite3.Connection) -> tuple[str, dict[str, int]]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    revision = ""
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else ""
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED_TABLES if t in tables}
    return revision, counts


def create_backup(
    db_path: Path, target: Path, *, label: str = "", progress: Progress | None = None, now: datetime | None = None
) -> BackupInfo:
    """Write a backup of the database at `db_path` (and its folders) to `target`, atomically, then verify it.
    Returns the verified backup; a backup that fails verification is removed and a UserError raised."""
    db_path, target = Path(db_path), Path(target)
    if target.suffix.lower() != ".zip":
        raise UserError("备份文件应以 .zip 结尾。")
    if not target.parent.is_dir():
        raise UserError(f"文件夹不存在：{target.parent}")
    files = [
        (p, PurePosixPath(folder.name, *p.relative_to(folder).parts))
        for folder in data_folders(db_path)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    ]
    total = len(files) + 2
    with temporary_file(target.parent, target.stem) as snapshot:
        snapshot_database(db_path, snapshot)
        conn = sqlite3.connect(snapshot)
        try:
            revision, counts = _read_counts(conn)
        finally:
            conn.close()
        if progress:
            progress(1, total)
        manifest = {
            "app": "政务公开工作台",
            "created": (now or datetime.now()).replace(microsecond=0).isoformat(),
            "database": db_path.name,
            "revision": revision,
            "label": label,
            "counts": counts,
            "database_sha256": file_sha256(snapshot),
        }

        def write(path: Path) -> None:
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(snapshot, db_path.name)
                for done, (source, name) in enumerate(files, start=2):
                    archive.write(source, str(name))
                    if progress:
                        progress(done, total)
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            if progress:
                progress(total, total)

        atomic_write(target, write, program="其他程序")
    try:
        info = verify_backup(target)
    except UserError:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    log.info("backup written and verified: %s (%s)", target, info.counts_text())
    return info


SERVER_BACKUP = "服务器数据库请由县信息化人员用 pg_dump 备份和恢复，本程序只备份本机的数据库文件。"


def backup_database(db: Database, target: Path, *, progress: Progress | None = None) -> BackupInfo:
    """Back up an open database to `target` (verified), and say so in its audit log."""
    from models.services import audit

    if db.is_server:
        raise UserError(SERVER_BACKUP)
    info = create_backup(db.path, target, progress=progress)
    audit.log(
        db, audit.BACKUP, table="file", record=info.path.name, detail=f"备份 → {info.path}（{info.counts_text()}）"
    )
    return info


def backup_to(db: Database, target: Path, *, progress: Progress | None = None) -> Path:
    """Back up an open database to `target`; returns the path of the verified backup."""
    return backup_database(db, target, progress=progress).path


# -- read and verify ------------------------------------------------------------------------------------------


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise UserError(f"找不到备份文件：{path}")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UserError(f"“{path.name}”不是有效的备份文件（无法作为zip打开：{error}）。") from None


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    if MANIFEST not in archive.namelist():
        return {}
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise UserError(f"备份“{path.name}”的清单（{MANIFEST}）已损坏：{error}") from None
    if not isinstance(data, dict):
        raise UserError(f"备份“{path.name}”的清单（{MANIFEST}）格式不对。")
    return data


def _database_member(archive: zipfile.ZipFile, manifest: dict[str, Any], path: Path) -> str:
    names = archive.namelist()
    wanted = manifest.get("database")
    if isinstance(wanted, str) and wanted in names:
        return wanted
    top_level = [n for n in names if "/" not in n and n != MANIFEST and n.lower().endswith(".db")]
    if len(top_level) != 1:
        raise UserError(f"“{path.name}”中没有找到数据库文件，不是政务公开工作台的备份。")
    return top_level[0]


def read_backup_info(path: Path) -> BackupInfo:
    """What a backup says about itself (its manifest), without checking it; a broken file is a UserError."""
    path = Path(path)
    created, label = _parse_name(path)
    with _open_zip(path) as archive:
        manifest = _manifest(archive, path)
        member = _database_member(archive, manifest, path)
    with contextlib.suppress(KeyError, TypeError, ValueError):  # no (readable) manifest: the date in its name
        created = datetime.fromisoformat(manifest["created"])
    counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else {}
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (counts or {}).values()):
        raise UserError(f"备份“{path.name}”的清单（{MANIFEST}）中的记录数格式不对。")
    return BackupInfo(
        path=path,
        created=created,
        size=path.stat().st_size,
        label=str(manifest.get("label", label) or label),
        database=member,
        revision=str(manifest.get("revision", "")),
        counts={str(k): int(v) for k, v in (counts or {}).items()},
    )


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup completely: every member's CRC, the database's `integrity_check`, that it is our schema,
    and that its record counts equal the manifest's. Returns the verified info; any fault is a UserError."""
    path = Path(path)
    info = read_backup_info(path)
    with _open_zip(path) as archive:
        try:
            bad = archive.testzip()
            data = archive.read(info.database)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise UserError(f"备份“{path.name}”已损坏（无法解压：{error}）。") from None
        if bad is not None:
            raise UserError(f"备份“{path.name}”已损坏：其中的“{bad}”校验失败。")
        manifest = _manifest(archive, path)
    if manifest.get("database_sha256") and hashlib.sha256(data).hexdigest() != manifest["database_sha256"]:
        raise UserError(f"备份“{path.name}”中的数据库与备份时记录的校验值不符。")
    if data[18:20] == b"\x02\x02":  # a WAL-mode file cannot be opened in memory: read it as rollback-journal
        data = data[:18] + b"\x01\x01" + data[20:]
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise UserError(f"备份“{path.name}”中的数据库未通过完整性检查：{'；'.join(result[:3])}")
        revision, counts = _read_counts(conn)
    except sqlite3.DatabaseError as error:
        raise UserError(f"备份“{path.name}”中的数据库已损坏：{error}") from None
    finally:
        conn.close()
    if not revision:
        raise UserError(f"“{path.name}”中的数据库不是政务公开工作台的数据库。")
    if info.counts and info.counts != counts:
        raise UserError(f"备份“{path.name}”的记录数与备份时不符（清单：{info.counts}，实际：{counts}）。")
    return BackupInfo(
        path=path,
        created=info.created,
        size=info.size,
        label=info.label,
        database=info.database,
        revision=revision,
        counts=counts,
        verified=True,
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first, as their manifests describe them (a broken one: no counts)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.zip"):
        try:
            found.append(read_backup_info(path))
        except UserError:
            created, label = _parse_name(path)
            found.append(BackupInfo(path=path, created=created, size=path.stat().st_size, label=label))
    return sorted(found, key=lambda b: (b.created or datetime.min, b.path.name), reverse=True)


def newest_verified_backup(db_path: Path, *, tries: int = 5) -> BackupInfo | None:
    """The newest automatic backup of this database that passes verification (checking at most `tries`)."""
    for info in list_backups(backups_dir(db_path))[:tries]:
        try:
            return verify_backup(info.path)
        except UserError as error:
            log.warning("backup %s failed verification: %s", info.path, error.message)
    return None


# -- automatic backups and retention ---------------------------------------------------------------------------


def backups_to_keep(
    stamps: Iterable[datetime], *, daily: int = DAILY_KEPT, monthly: int = MONTHLY_KEPT
) -> set[datetime]:
    """The newest backup of each of the `daily` most recent days with a backup, and the newest of each of the
    `monthly` most recent months with a backup."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for key, limit in ((lambda s: s.date(), daily), (lambda s: (s.year, s.month), monthly)):
        seen: set[object] = set()
        for stamp in ordered:
            k = key(stamp)
            if k in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(k)
            keep.add(stamp)
    return keep


def prune_backups(folder: Path) -> list[Path]:
    """Delete the daily backups retention does not keep (labelled pre-migration/pre-restore copies stay)."""
    daily: dict[datetime, list[Path]] = {}
    for path in Path(folder).glob(f"{BACKUP_PREFIX}-*.zip"):
        stamp, label = _parse_name(path)
        if stamp is not None and not label:
            daily.setdefault(stamp, []).append(path)
    keep = backups_to_keep(daily)
    removed = []
    for stamp, paths in daily.items():
        if stamp not in keep:
            for path in paths:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return sorted(removed)


def auto_backup(db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Once a day: back up the database into `<stem>-备份/` (unless today's exists), then apply retention.
    Never stops the app: a failure is logged and None returned."""
    now = now or datetime.now()
    folder = backups_dir(db_path)
    try:
        if any(
            stamp is not None and not label and stamp.date() == now.date()
            for stamp, label in map(_parse_name, folder.glob("*.zip"))
        ):
            return None
        folder.mkdir(exist_ok=True)
        info = create_backup(db_path, _unused(folder / default_backup_name(Path(db_path), now)), now=now)
        prune_backups(folder)
        return info.path
    except (UserError, OSError, sqlite3.Error) as error:
        log.warning("automatic backup of %s failed: %s", db_path, getattr(error, "message", error))
        return None


def labelled_backup(db_path: Path, label: str, *, reuse: bool = False) -> Path:
    """A backup into `<stem>-备份/` named with `label`; with `reuse`, an existing one with that label is kept
    and returned instead of writing another (one pre-migration copy, however many attempts)."""
    folder = backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    if reuse:
        for path in sorted(folder.glob("*.zip")):
            match = _NAME.match(path.name)
            if match and match["stem"] == Path(db_path).stem and match["label"] == label:
                return path
    target = _unused(folder / default_backup_name(Path(db_path), label=label))
    return create_backup(db_path, target, label=label).path


# -- restore --------------------------------------------------------------------------------------------------


def _target_member(name: str, backup_stem: str, db_path: Path) -> Path | None:
    """Where a folder member of a backup goes for the database at `db_path`; None for anything unexpected
    (an absolute path, `..`, a folder that is not one of a database's folders)."""
    from models.services.letters import LETTERS_FOLDER, letters_dir

    parts = PurePosixPath(name).parts
    if len(parts) < 2 or name.startswith("/") or any(p in ("", ".", "..") or ":" in p or "\\" in p for p in parts):
        return None
    top = parts[0]
    if top in (LETTERS_FOLDER, f"{backup_stem}-{LETTERS_FOLDER}"):
        folder = letters_dir(_At(db_path))  # type: ignore[arg-type]  # letters_dir only reads .path
    elif top.startswith(f"{backup_stem}-") and top != f"{backup_stem}-备份":
        folder = db_path.parent / f"{db_path.stem}-{top[len(backup_stem) + 1 :]}"
    else:
        return None
    return folder.joinpath(*parts[1:])


def _keep_aside(path: Path, tag: str, stamp: str) -> Path:
    """Keep the file at `path` as `<stem>.<tag>-<stamp><suffix>` beside it (a hard link, else a copy, so that
    `path` is never missing), and move its -wal/-shm there too; returns the kept file."""
    aside = _unused(path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}"))
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
    for extra in ("-wal", "-shm"):
        companion = path.with_name(path.name + extra)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + extra))
    return aside


def restore_backup(
    backup: Path, db_path: Path, *, damaged: bool = False, progress: Progress | None = None
) -> RestoreResult:
    """Put the database (and folders) of a verified backup in place of the database at `db_path`.

    The backup is verified first. The current database gets an automatic backup (unless it is damaged) and is
    then renamed aside, never deleted; files of the folders are added back, a different file already there is
    renamed aside too. The caller must have closed every connection to `db_path` (and hold its InstanceLock).
    """
    from models.migrate import known_revisions

    db_path = Path(db_path)
    info = verify_backup(backup)
    if info.revision not in known_revisions():
        raise UserError(
            f"备份“{Path(backup).name}”来自更新版本的政务公开工作台（结构版本 {info.revision}），本程序无法恢复它。"
        )
    if not db_path.parent.is_dir():
        raise UserError(f"数据库所在文件夹不存在：{db_path.parent}")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    exists = db_path.exists() and db_path.stat().st_size > 0
    pre_restore = labelled_backup(db_path, PRE_RESTORE) if exists and not damaged else None
    backup_stem = Path(info.database).stem
    with _open_zip(Path(backup)) as archive:
        members = [n for n in archive.namelist() if not n.endswith("/") and n not in (MANIFEST, info.database)]
        total = len(members) + 1
        with temporary_file(db_path.parent, db_path.stem) as temp:
            with archive.open(info.database) as source, temp.open("wb") as out:
                shutil.copyfileobj(source, out)
                out.flush()
                os.fsync(out.fileno())
            aside = _keep_aside(db_path, "损坏" if damaged else PRE_RESTORE, stamp) if db_path.exists() else None
            try:
                os.replace(temp, db_path)
            except PermissionError:
                raise UserError(f"数据库“{db_path.name}”正被其他程序打开，无法恢复。请关闭后重试。") from None
        if progress:
            progress(1, total)
        for done, name in enumerate(members, start=2):
            _restore_member(archive, name, _target_member(name, backup_stem, db_path), stamp)
            if progress:
                progress(done, total)
    log.info("restored %s from %s; previous database kept as %s", db_path, backup, aside)
    return RestoreResult(restored=info, kept_aside=aside, pre_restore_backup=pre_restore)


def _restore_member(archive: zipfile.ZipFile, name: str, target: Path | None, stamp: str) -> None:
    if target is None:
        log.warning("backup member %r skipped: not one of the database's folders", name)
        return
    data = archive.read(name)
    if target.is_file():
        if target.read_bytes() == data:
            return
        os.replace(target, _unused(target.with_name(f"{target.name}.{PRE_RESTORE}-{stamp}")))
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, lambda p: p.write_bytes(data), program="其他程序")


def describe(infos: Sequence[BackupInfo]) -> list[str]:
    """One line per backup: date, size, label, record counts (for the CLI list)."""
    lines = []
    for b in infos:
        when = b.created.strftime("%Y-%m-%d %H:%M") if b.created else "日期不明"
        label = f"［{b.label}］" if b.label else ""
        lines.append(f"{when}  {b.size / 1024:,.0f} KB  {label}{b.counts_text()}  {b.path}")
    return lines


def startup_housekeeping(db_path: Path) -> None:
    """At start-up: remove our stale temporary files beside the database, in its folders and in the output
    folders the app has written to, then the daily automatic backup (with retention)."""
    from exporters.atomic_file import remembered_output_folders, sweep_stale_temp_files

    beside = [db_path.parent, backups_dir(db_path), *remembered_output_folders()]
    sweep_stale_temp_files(beside, recursive=data_folders(db_path))
    auto_backup(db_path)
