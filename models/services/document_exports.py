"""The unit's published lists from the 公文 register: the catalogue of 行政规范性文件 by 状态 (xlsx, PDF) and the
主动公开目录 (the 公开目录 tree with its 主动公开 documents, xlsx). Voided registrations are left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from exporters import documents_catalogue as out
from exporters.documents_catalogue import CatalogueSection, ListedDocument
from models.db import Database
from models.domain.documents import Attribute, Category
from models.entities import Document
from models.services import audit
from models.services import document_catalogue as catalogue
from models.services.profile import get_profile


def _listed(doc: Document) -> ListedDocument:
    return ListedDocument(doc.number or "", doc.title, doc.issuer, doc.written, doc.valid_until, doc.state,
                          doc.state_changed, doc.published, doc.publish_url)  # fmt: skip


def normative_groups(db: Database) -> dict[str, list[ListedDocument]]:
    """The 行政规范性文件 by 状态, each in 成文日期 order."""
    groups: dict[str, list[ListedDocument]] = {state: [] for state in out.STATES}
    with db.reading() as session:
        query = (
            select(Document)
            .where(Document.voided_at.is_(None), Document.category == Category.NORMATIVE.value)
            .order_by(Document.written, Document.id)
        )
        for doc in session.scalars(query):
            groups.setdefault(doc.state, []).append(_listed(doc))
    return groups


def _log(db: Database, what: str, path: str | Path) -> None:
    audit.log(db, audit.EXPORT, table="file", record=Path(path).name, detail=f"导出{what} → {path}")


def export_normative(db: Database, path: str | Path, *, today: date | None = None) -> Any:
    """Write the catalogue as .xlsx or .pdf (by the file's suffix); a PDF returns its `PdfResult`."""
    from models.domain.errors import UserError

    today = today or date.today()
    unit = get_profile(db).unit_name.strip()
    groups = normative_groups(db)
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        result: Any = out.write_normative_xlsx(path, groups, unit_name=unit, as_of=today)
    elif suffix == ".pdf":
        result = out.write_normative_pdf(path, groups, unit_name=unit, as_of=today)
    else:
        raise UserError(f"输出文件名应以.xlsx或.pdf结尾：{path}")
    _log(db, "行政规范性文件目录", path)
    return result


def export_public_catalogue(db: Database, path: str | Path) -> Path:
    """The 主动公开目录: every node of the 公开目录 in tree order with its 主动公开 documents."""
    unit = get_profile(db).unit_name.strip()
    entries = catalogue.list_catalogue(db)
    by_node: dict[int, list[ListedDocument]] = {}
    with db.reading() as session:
        query = (
            select(Document)
            .where(
                Document.voided_at.is_(None),
                Document.attribute == Attribute.PROACTIVE.value,
                Document.catalogue_node_id.is_not(None),
            )
            .order_by(Document.written, Document.id)
        )
        for doc in session.scalars(query):
            assert doc.catalogue_node_id is not None
            by_node.setdefault(doc.catalogue_node_id, []).append(_listed(doc))
    sections = [CatalogueSection(e.path, by_node.get(e.id, [])) for e in entries]
    result = out.write_public_catalogue_xlsx(path, sections, unit_name=unit)
    _log(db, "主动公开目录", path)
    return result
