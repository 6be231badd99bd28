"""Writing any output file atomically (docx, pdf): write a temporary file in the target folder, then
`os.replace` it over the target. A target held open by Word/WPS or a PDF reader becomes a Chinese UserError;
a failure leaves the old file (or none), never a half-written one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.domain.errors import UserError


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None], *, program: str = "Word或WPS") -> Path:
    """Call `write(temp_path)`, then move the temporary file over `path`; returns the path."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}")
    if target.is_dir():
        raise UserError(f"目标是一个文件夹，不是文件：{target}")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise UserError(f"没有权限在此文件夹中写入文件：{folder}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.chmod(temp, _file_mode(target))  # mkstemp makes 0600; the file gets the mode a normal save would
        os.replace(temp, target)
    except PermissionError:
        raise UserError(f"文件可能正被{program}打开，请关闭后重试：{target}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return target


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else the usual mode for a new file under the current umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
