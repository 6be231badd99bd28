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
_OLD_TEMP_NAME = re.compile(r"^\..*\.[A-Za-z0-9_]{8}\.tmp$")
STALE_AFTER_SECONDS = 24 * 3600  # a temporary file this old is stale whoever made it


def temp_prefix(stem: str) -> str:
    return f".{stem}.~dd{os.getpid()}."


@contextlib.contextmanager
def temporary_file(folder: Path, stem: str) -> Iterator[Path]:
    """A new empty temporary file in `folder` (named so the start-up sweep knows it); removed at the end."""
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


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None], *, program: str = "Word或WPS") -> Path:
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
            candidates.extend(folder.rglob(".*.tmp"))
    removed = []
    for path in sorted(set(candidates)):
        if path.is_file() and is_stale_temp_file(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    if removed:
        log.info("removed %d stale temporary files: %s", len(removed), [str(p) for p in removed])
    return removed
