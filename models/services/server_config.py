"""Which database this PC opens at start-up (设置 › 数据库): the local data file (default) or the county server.

Kept in a small file beside the app's data (`数据库设置.json` in the data folder: the portable `数据` folder in
portable mode), never in the database itself: it says which database to open. `--db` on the command line still
overrides it. Read at start-up without SQLAlchemy (json only); checking a server imports psycopg when asked.

The password is never written to the file: the URL is saved without it, and the server's password is read by
PostgreSQL's own client from the pgpass file (`PGPASSFILE`, else %APPDATA%\\postgresql\\pgpass.conf on Windows,
~/.pgpass elsewhere), which the county IT person fills in once per PC.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from models import paths
from models.domain.errors import UserError

CONFIG_NAME = "数据库设置.json"
CONNECT_TIMEOUT_S = 5


def config_file() -> Path:
    return paths.data_dir() / CONFIG_NAME


def pgpass_file() -> Path:
    """Where PostgreSQL's client looks for the password of a server (what the settings page names)."""
    given = os.environ.get("PGPASSFILE")
    if given:
        return Path(given)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", str(Path.home()))) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def configured_url() -> str | None:
    """The server URL saved in 设置 (None: the local data file). An unreadable file counts as none."""
    try:
        data = json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("server_url") if isinstance(data, dict) else None
    return url.strip() if isinstance(url, str) and paths.is_server_url(url) else None


@dataclass(frozen=True)
class ServerCheck:
    url: str  # as it will be saved: without the password
    had_password: bool
    message: str  # 连接成功：… in Chinese


def _parse(text: str):  # noqa: ANN202 - a SQLAlchemy URL (imported here, not at start-up)
    from sqlalchemy.exc import ArgumentError

    from models.db import server_url

    typed = text.strip()
    if not paths.is_server_url(typed):
        raise UserError("县级服务器的地址应以 postgresql:// 开头，例如 postgresql://用户名@服务器/数据库名。")
    try:
        return server_url(typed)
    except ArgumentError:
        raise UserError(f"“{typed}”不是有效的服务器数据库地址，例如 postgresql://用户名@服务器/数据库名。") from None


def check_server(text: str) -> ServerCheck:
    """Connect to the server of `text` (at most CONNECT_TIMEOUT_S seconds) and say in Chinese what is there; a
    UserError in Chinese when the address is wrong or the server refuses."""
    import psycopg

    from models.db import safe_url_text
    from models.migrate import head_revision

    url = _parse(text)
    shown = safe_url_text(url)
    plain = url.set(drivername="postgresql")
    try:
        with psycopg.connect(plain.render_as_string(hide_password=False), connect_timeout=CONNECT_TIMEOUT_S) as conn:
            version = conn.execute("SHOW server_version").fetchone()
            has_table = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            revision = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_table and has_table[0]
                else None
            )
    except psycopg.Error as error:
        reason = (str(error).strip().splitlines() or [""])[0]
        raise UserError(
            f"无法连接服务器数据库“{shown}”。请检查服务器地址、数据库名和用户名，或联系县信息化人员。\n原因：{reason}"
        ) from None
    server = f"PostgreSQL {version[0] if version else ''}".strip()
    if revision is None:
        state = "数据库是空的，下次启动时本程序会建立数据表"
    elif revision[0] == head_revision():
        state = "已是政务公开工作台的数据库"
    else:
        state = f"是政务公开工作台的数据库（结构版本 {revision[0]}，打开时会检查并升级）"
    saved = url._replace(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return ServerCheck(saved, url.password is not None, f"连接成功：{shown}（{server}），{state}。")


def save_choice(server: str | None) -> Path:
    """Save the choice (None: the local data file; else a URL already checked, without its password)."""
    from exporters.atomic_file import atomic_write

    if server is not None and _parse(server).password is not None:
        raise UserError("服务器密码不保存在配置文件中，请去掉地址中的密码（密码写在 pgpass 文件中）。")
    data = {"server_url": server or None}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    return atomic_write(config_file(), write, program="本程序")
