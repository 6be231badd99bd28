"""公开目录: the unit-editable catalogue tree (e.g. 政府信息公开目录 › 惠民惠农资金) the documents sit on.

One transaction per user action; a node with documents or child nodes cannot be deleted (move them first).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.entities import CatalogueNode, Document

SEPARATOR = " › "
_TYPED_SEPARATORS = ("›", ">", "＞", "/", "／")
NAME_LIMIT = 100


@dataclass(frozen=True)
class CatalogueEntry:
    id: int
    parent_id: int | None
    name: str
    path: str  # 政府信息公开目录 › 惠民惠农资金
    depth: int
    documents: int  # documents (not voided) on this node itself


def split_path(text: str) -> list[str]:
    """The node names of a typed path: 政府信息公开目录>惠民惠农资金, with › > ＞ / as separators."""
    typed = text
    for sep in _TYPED_SEPARATORS:
        typed = typed.replace(sep, "\x00")
    return [part.strip() for part in typed.split("\x00") if part.strip()]


def _paths(nodes: list[CatalogueNode]) -> dict[int, str]:
    by_id = {n.id: n for n in nodes}
    paths: dict[int, str] = {}

    def path_of(node: CatalogueNode) -> str:
        if node.id not in paths:
            parent = by_id.get(node.parent_id) if node.parent_id is not None else None
            paths[node.id] = node.name if parent is None else path_of(parent) + SEPARATOR + node.name
        return paths[node.id]

    for node in nodes:
        path_of(node)
    return paths


def list_catalogue(db: Database) -> list[CatalogueEntry]:
    """The tree in display order (each node followed by its children)."""
    with db.reading() as session:
        nodes = [
            CatalogueNode(id=i, parent_id=p, name=n, position=pos)
            for i, p, n, pos in session.execute(
                select(CatalogueNode.id, CatalogueNode.parent_id, CatalogueNode.name, CatalogueNode.position)
            )
        ]
        counts = dict(
            session.execute(
                select(Document.catalogue_node_id, func.count(Document.id))
                .where(Document.voided_at.is_(None), Document.catalogue_node_id.is_not(None))
                .group_by(Document.catalogue_node_id)
            ).all()
        )
    paths = _paths(nodes)
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in sorted(nodes, key=lambda n: (n.position, n.id)):
        children.setdefault(node.parent_id, []).append(node)
    out: list[CatalogueEntry] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            out.append(
                CatalogueEntry(node.id, node.parent_id, node.name, paths[node.id], depth, counts.get(node.id, 0))
            )
            walk(node.id, depth + 1)

    walk(None, 0)
    return out


def _clean_name(name: str) -> str:
    clean = name.strip()
    if not clean:
        raise ValidationError("目录名称", "请填写目录名称。")
    if len(clean) > NAME_LIMIT:
        raise ValidationError("目录名称", f"目录名称过长（最多{NAME_LIMIT}字）。")
    if any(sep in clean for sep in _TYPED_SEPARATORS):
        raise ValidationError("目录名称", f"目录名称不能含有“{'”“'.join(_TYPED_SEPARATORS)}”（它们用来分隔目录层级）。")
    return clean


def _sibling_named(session: Session, parent_id: int | None, name: str, exclude: int | None = None) -> bool:
    query = select(CatalogueNode.id).where(
        CatalogueNode.parent_id.is_(parent_id) if parent_id is None else CatalogueNode.parent_id == parent_id,
        CatalogueNode.name == name,
    )
    if exclude is not None:
        query = query.where(CatalogueNode.id != exclude)
    return session.scalar(query) is not None


def add_node(db: Database, name: str, *, parent_id: int | None = None) -> int:
    """Add a node under `parent_id` (a top-level node when None); refused when a sibling has the same name."""
    clean = _clean_name(name)
    with db.transaction() as session:
        if parent_id is not None and session.get(CatalogueNode, parent_id) is None:
            raise UserError("上级目录不存在（可能已被删除），请刷新后重试。")
        if _sibling_named(session, parent_id, clean):
            raise ValidationError("目录名称", f"同一上级目录下已有“{clean}”。")
        last = session.scalar(
            select(func.max(CatalogueNode.position)).where(
                CatalogueNode.parent_id.is_(None) if parent_id is None else CatalogueNode.parent_id == parent_id
            )
        )
        node = CatalogueNode(parent_id=parent_id, name=clean, position=(last or 0) + 1)
        session.add(node)
        session.flush()
        return node.id


def rename_node(db: Database, node_id: int, name: str) -> None:
    clean = _clean_name(name)
    with db.transaction() as session:
        node = session.get(CatalogueNode, node_id)
        if node is None:
            raise UserError("目录不存在（可能已被删除），请刷新后重试。")
        if _sibling_named(session, node.parent_id, clean, exclude=node.id):
            raise ValidationError("目录名称", f"同一上级目录下已有“{clean}”。")
        node.name = clean


def delete_node(db: Database, node_id: int) -> None:
    """Delete an empty node; refused while documents or child nodes are on it."""
    with db.transaction() as session:
        node = session.get(CatalogueNode, node_id)
        if node is None:
            raise UserError("目录不存在（可能已被删除），请刷新后重试。")
        if session.scalar(select(func.count(CatalogueNode.id)).where(CatalogueNode.parent_id == node_id)):
            raise UserError(f"目录“{node.name}”下还有子目录，请先删除或移走子目录。")
        docs = session.scalar(select(func.count(Document.id)).where(Document.catalogue_node_id == node_id))
        if docs:
            raise UserError(f"目录“{node.name}”下还有{docs}件公文，请先把这些公文改到其他目录。")
        session.delete(node)


def node_id_for_path(session: Session, path: str, *, create: bool = False) -> int | None:
    """The node a typed path names (政府信息公开目录>惠民惠农资金), created level by level when `create`;
    None for an empty path; a ValidationError when it does not exist and may not be created."""
    names = split_path(path)
    if not names:
        return None
    parent: int | None = None
    for depth, name in enumerate(names):
        clean = _clean_name(name)
        found = session.scalar(
            select(CatalogueNode.id).where(
                CatalogueNode.parent_id.is_(None) if parent is None else CatalogueNode.parent_id == parent,
                CatalogueNode.name == clean,
            )
        )
        if found is None:
            if not create:
                so_far = SEPARATOR.join(names[: depth + 1])
                raise ValidationError("公开目录", f"公开目录中没有“{so_far}”，请先在“公开目录…”中添加。")
            node = CatalogueNode(parent_id=parent, name=clean, position=depth)
            session.add(node)
            session.flush()
            found = node.id
        parent = found
    return parent


def path_of_node(session: Session, node_id: int | None) -> str:
    if node_id is None:
        return ""
    names: list[str] = []
    current = session.get(CatalogueNode, node_id)
    while current is not None:
        names.append(current.name)
        current = session.get(CatalogueNode, current.parent_id) if current.parent_id is not None else None
    return SEPARATOR.join(reversed(names))


def subtree_ids(db: Database, node_id: int) -> list[int]:
    """The node and every node below it (a list filtered on a node shows its whole branch)."""
    with db.reading() as session:
        pairs = session.execute(select(CatalogueNode.id, CatalogueNode.parent_id)).all()
    children: dict[int | None, list[int]] = {}
    for child, parent in pairs:
        children.setdefault(parent, []).append(child)
    out, stack = [], [node_id]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out
