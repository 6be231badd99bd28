"""Attachments of an application: files copied into the data folder, identified by their SHA-256."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from models.db import Database
from models.domain.errors import UserError
from models.entities import Application, Attachment
from models.filehash import file_sha256

ATTACHMENT_KINDS = ("申请书扫描件", "信封", "送达回证", "邮寄凭证", "其他")


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    kind: str
    original_name: str
    path: Path
    sha256: str
    size: int
    intact: bool  # the stored file still has its recorded SHA-256


def _attachments_root(db: Database) -> Path:
    """Attachments live beside their database file, so a copied folder keeps both together."""
    return db.path.parent / f"{db.path.stem}-附件"


def is_intact(path: Path, sha256: str) -> bool:
    """The stored file is still there with its recorded SHA-256."""
    return path.is_file() and file_sha256(path) == sha256


def stored_relative(db: Database, target: Path) -> str:
    return str(target.relative_to(_attachments_root(db)))


def stored_absolute(db: Database, relative: str) -> Path:
    return _attachments_root(db) / relative


def store_copy(db: Database, folder_name: str, source: Path) -> tuple[Path, str]:
    """Copy `source` (atomically) into the attachments folder `folder_name`; returns the stored path and SHA-256.
    The stored name starts with the hash, so the same file is stored once."""
    if not source.is_file():
        raise UserError(f"找不到文件：{source}")
    sha = file_sha256(source)
    folder = _attachments_root(db) / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha[:12]}_{source.name}"
    if not target.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise UserError(f"无法复制附件：{exc.strerror or exc}") from None
    return target, sha


def stored_info(
    db: Database, row_id: int, kind: str, name: str, stored_path: str, sha: str, size: int
) -> AttachmentInfo:
    """An attachment as listed, with whether its stored file still has its recorded SHA-256."""
    path = stored_absolute(db, stored_path)
    return AttachmentInfo(row_id, kind, name, path, sha, size, is_intact(path, sha))


def add_attachment(db: Database, number: str, source: Path, kind: str, *, actor: str = "") -> AttachmentInfo:
    """Copy `source` into the data folder (atomically) and record it with its SHA-256."""
    if kind not in ATTACHMENT_KINDS:
        raise UserError(f"附件类型应为{'、'.join(ATTACHMENT_KINDS)}之一。")
    if not source.is_file():
        raise UserError(f"找不到文件：{source}")
    target, sha = store_copy(db, number, source)
    with db.transaction() as session:
        app = session.scalars(select(Application).where(Application.number == number)).first()
        if app is None:
            raise UserError(f"找不到申请编号为“{number}”的申请。")
        row = Attachment(
            application_id=app.id,
            kind=kind,
            original_name=source.name,
            stored_path=str(target.relative_to(_attachments_root(db))),
            sha256=sha,
            size=source.stat().st_size,
            added_by=actor,
        )
        session.add(row)
        session.flush()
        return AttachmentInfo(row.id, kind, source.name, target, sha, row.size, True)


def list_attachments(db: Database, number: str) -> list[AttachmentInfo]:
    root = _attachments_root(db)
    with db.reading() as session:
        rows = session.scalars(
            select(Attachment).join(Application).where(Application.number == number).order_by(Attachment.id)
        ).all()
        result = []
        for row in rows:
            path = root / row.stored_path
            intact = is_intact(path, row.sha256)
            result.append(AttachmentInfo(row.id, row.kind, row.original_name, path, row.sha256, row.size, intact))
        return result
