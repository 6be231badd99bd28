"""Writing any output file atomically (docx, pdf, xlsx, zip): write a temporary file in the target folder, then
`os.replace` it over the target. A target held open by Word/WPS or a PDF reader becomes a Chinese UserError;
a failure leaves the old file (or none), never a half-written one.

Temporary files never go to the system temp folder (a copy of personal data would outlive the app there): they are
created beside their target as `.<stem>.~dd<pid>.<random>.tmp`, removed on failure, and a file left by a process that
no longer runs (power cut, kill -9) is swept at the next start (`sweep_stale_temp_files`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from models.domain.errors import UserError

log = logging.getLogger(__name__)

# `.<stem>.~dd<pid>.<random>.tmp`; the older form `.<stem>.<random>.tmp` (no pid) is swept by age only.
_TEMP_NAME = re.compile(r"^\..*\.~dd(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
_OLD_TEMP_NAME = re.compile(r"^(\..*\.[A-Za-z0-9_]{8}\.tmp|tmp[A-Za-z0-9_]{8}\.part)$")  # .part: an attachment copy
STALE_AFTER_SECONDS = 24 * 3600  # a temporary file this old is stale whoever made it


def temp_prefix(stem: str) -> str:
    return f".{stem}.~dd{os.getpid()}."


@contextlib.contextmanager
def temporary_file(folder: Path, stem: str) -> Iterator[Path]:
    """A new empty temporary file in `folder` (named so the start-up sweep knows it); removed at the end."""
    _remember_folder(folder)
    try:
        handle, name = tempfile.mkstemp(prefix=temp_prefix(stem), suffix=".tmp", dir=folder)
    except PermissionError:
        raise UserError(f"没有权限在此文件夹中写入文件：{folder}") from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object], *, program: str = "Word或WPS") -> Path:
    """Call `write(temp_path)`, then move the temporary file over `path`; returns the path."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}")
    if target.is_dir():
        raise UserError(f"目标是一个文件夹，不是文件：{target}")
    with temporary_file(folder, target.stem) as temp:
        try:
            write(temp)
            os.chmod(temp, _file_mode(target))  # mkstemp makes 0600; the file gets the mode a normal save would
            os.replace(temp, target)
        except PermissionError:
            raise UserError(f"文件可能正被{program}打开，请关闭后重试：{target}") from None
    return target


MAX_REMEMBERED_FOLDERS = 50


def _remember_folder(folder: Path) -> None:
    """Note an output folder so that a temporary file a killed process left there is swept at the next start."""
    from models.paths import output_folders_file

    registry = output_folders_file()
    if not registry.parent.is_dir():
        return
    with contextlib.suppress(OSError):
        name = str(folder.resolve())
        known = registry.read_text(encoding="utf-8").splitlines() if registry.exists() else []
        if name not in known:
            with registry.open("a", encoding="utf-8") as handle:
                handle.write(name + "\n")


def remembered_output_folders() -> list[Path]:
    """The output folders noted by `atomic_write` that still exist (the list is trimmed to the newest 50)."""
    from models.paths import output_folders_file

    registry = output_folders_file()
    try:
        names = registry.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    folders = list(dict.fromkeys(Path(n) for n in names if n.strip() and Path(n).is_dir()))[-MAX_REMEMBERED_FOLDERS:]
    if len(folders) != len(names):
        with contextlib.suppress(OSError, UserError):
            text = "".join(f"{f}\n" for f in folders)
            atomic_write(registry, lambda p: p.write_text(text, encoding="utf-8"), program="其他程序")
    return folders


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else the usual mode for a new file under the current umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # no cheap portable check: treat as alive, the age rule still applies
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def is_stale_temp_file(path: Path, *, now: float | None = None) -> bool:
    """A temporary file of ours whose writer is gone (its process has ended, or it is older than a day)."""
    match = _TEMP_NAME.match(path.name)
    if match is None and _OLD_TEMP_NAME.match(path.name) is None:
        return False
    try:
        age = (now if now is not None else time.time()) - path.stat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_SECONDS:
        return True
    return match is not None and not _process_alive(int(match["pid"]))


def sweep_stale_temp_files(folders: Iterable[Path], *, recursive: Iterable[Path] = ()) -> list[Path]:
    """Remove our stale temporary files directly in `folders` and anywhere under `recursive`; returns them."""
    candidates: list[Path] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            candidates.extend(p for p in folder.iterdir() if p.name.endswith(".tmp"))
    for folder in recursive:
        with contextlib.suppress(OSError):
            candidates.extend([*folder.rglob(".*.tmp"), *folder.rglob("tmp*.part")])
    removed = []
    for path in sorted(set(candidates)):
        if path.is_file() and is_stale_temp_file(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    if removed:
        log.info("removed %d stale temporary files: %s", len(removed), [str(p) for p in removed])
    return removed


@contextlib.contextmanager
def private_temp_dir(root: Path) -> Iterator[Path]:
    """For the life of the app, the libraries' temporary files (openpyxl writes each worksheet to one, LibreOffice
    its profile) go to `root/<pid>/` in the app's data folder instead of the system temp folder. The folder is
    removed at the end; folders of processes that no longer run (killed) are removed at the next start."""
    import shutil

    with contextlib.suppress(OSError):
        for folder in root.iterdir():
            ended = folder.name.isdigit() and not _process_alive(int(folder.name))
            try:
                old = time.time() - folder.stat().st_mtime > STALE_AFTER_SECONDS
            except OSError:
                old = False
            if folder.is_dir() and (ended or old):
                shutil.rmtree(folder, ignore_errors=True)
    mine = root / str(os.getpid())
    try:
        mine.mkdir(parents=True, exist_ok=True)
    except OSError:  # cannot create it: the libraries keep the system default
        yield Path(tempfile.gettempdir())
        return
    saved_dir, saved_env = tempfile.tempdir, {k: os.environ.get(k) for k in ("TMPDIR", "TEMP", "TMP")}
    tempfile.tempdir = str(mine)
    os.environ.update({k: str(mine) for k in saved_env})  # child processes (LibreOffice) too
    try:
        yield mine
    finally:
        tempfile.tempdir = saved_dir
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(mine, ignore_errors=True)
