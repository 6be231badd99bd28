"""Attachments of a 公文 (the signed file, its annexes, the publication screenshot): copied into the data folder
like an application's attachments (models.services.attachments), identified by their SHA-256."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from models.db import Database
from models.domain.errors import UserError
from models.entities import Document, DocumentAttachment
from models.services.attachments import AttachmentInfo, is_intact, store_copy, stored_absolute, stored_relative

DOCUMENT_ATTACHMENT_KINDS = ("正式文件", "附件", "发布截图", "其他")


def add_document_attachment(
    db: Database, document_id: int, source: Path, kind: str, *, actor: str = ""
) -> AttachmentInfo:
    if kind not in DOCUMENT_ATTACHMENT_KINDS:
        raise UserError(f"附件类型应为{'、'.join(DOCUMENT_ATTACHMENT_KINDS)}之一。")
    with db.reading() as session:
        if session.get(Document, document_id) is None:
            raise UserError("找不到这件公文（可能已被删除），请刷新后重试。")
    target, sha = store_copy(db, f"公文-{document_id}", source)
    with db.transaction() as session:
        row = DocumentAttachment(
            document_id=document_id,
            kind=kind,
            original_name=source.name,
            stored_path=stored_relative(db, target),
            sha256=sha,
            size=source.stat().st_size,
            added_by=actor,
        )
        session.add(row)
        session.flush()
        return AttachmentInfo(row.id, kind, source.name, target, sha, row.size, True)


def list_document_attachments(db: Database, document_id: int) -> list[AttachmentInfo]:
    with db.reading() as session:
        rows = session.scalars(
            select(DocumentAttachment)
            .where(DocumentAttachment.document_id == document_id)
            .order_by(DocumentAttachment.id)
        ).all()
        out = []
        for row in rows:
            path = stored_absolute(db, row.stored_path)
            out.append(AttachmentInfo(row.id, row.kind, row.original_name, path, row.sha256, row.size,
                                      is_intact(path, row.sha256)))  # fmt: skip
        return out
