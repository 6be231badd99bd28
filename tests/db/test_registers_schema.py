"""Migration 0007: the 公文, 征求意见 and 政策解读 registers exist in a migrated file, with stable uuids."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from models.entities import (
    CatalogueNode,
    Document,
    DocumentReview,
    Interpretation,
    InterpretationForm,
    Solicitation,
)
from models.migrate import open_database

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
NEW_TABLES = {
    "catalogue_node",
    "document",
    "document_review",
    "document_review_decision",
    "document_attachment",
    "solicitation",
    "interpretation",
    "interpretation_form",
    "interpretation_attachment",
}


def _document(number: str | None, title: str = "关于做好秋收工作的通知") -> Document:
    return Document(
        number=number,
        title=title,
        written=date(2025, 9, 26),
        category="行政规范性文件",
        attribute="主动公开",
        note_mark="此件公开发布",
    )


def test_migration_0007_creates_the_register_tables_with_a_uuid_each(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.db")
    try:
        inspector = inspect(db.engine)
        assert set(inspector.get_table_names()) >= NEW_TABLES
        for table in NEW_TABLES:
            uuid = {c["name"]: c for c in inspector.get_columns(table)}["uuid"]
            assert uuid["nullable"] is False, table
            assert any(u["column_names"] == ["uuid"] for u in inspector.get_unique_constraints(table)), table
    finally:
        db.close()


def test_new_records_get_distinct_uuid4_keys_without_being_asked(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.db")
    try:
        with db.transaction() as session:
            node = CatalogueNode(name="惠民惠农资金")
            session.add(node)
            session.flush()
            first = _document("巫山府办发〔2022〕41号")
            first.catalogue_node_id = node.id
            second = _document(None, "内部工作安排")
            session.add_all([first, second])
            session.flush()
            first.reviews.append(DocumentReview(stage="初审", reviewer="张三", day=date(2025, 9, 22)))
            interpretation = Interpretation(document_id=first.id, title="图解：秋收工作通知")
            interpretation.forms.extend([InterpretationForm(form="文字"), InterpretationForm(form="图表图解")])
            session.add(interpretation)
            session.add(Solicitation(title="草案", kind="其他", start=date(2025, 9, 1), end=date(2025, 9, 7)))
        with db.reading() as session:
            keys = [
                *session.scalars(select(Document.uuid)),
                *session.scalars(select(CatalogueNode.uuid)),
                *session.scalars(select(DocumentReview.uuid)),
                *session.scalars(select(Interpretation.uuid)),
                *session.scalars(select(InterpretationForm.uuid)),
                *session.scalars(select(Solicitation.uuid)),
            ]
            assert len(keys) == 8
            assert all(UUID4.match(k) for k in keys), keys
            assert len(set(keys)) == 8
            stored = session.scalars(select(Document).where(Document.number.is_(None))).one()
            assert stored.title == "内部工作安排"
            assert stored.state == "现行有效"  # the default 状态
    finally:
        db.close()


def test_a_document_number_is_unique_when_present_but_many_documents_may_have_none(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.db")
    try:
        with db.transaction() as session:
            session.add_all([_document(None, "甲"), _document(None, "乙"), _document("巫山府办发〔2022〕41号")])
        with pytest.raises(IntegrityError), db.transaction() as session:
            session.add(_document("巫山府办发〔2022〕41号", "重复的文号"))
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM document")).scalar_one() == 3
    finally:
        db.close()


def test_the_same_review_stage_cannot_be_recorded_twice_for_a_document(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.db")
    try:
        with db.transaction() as session:
            session.add(_document("巫山府办发〔2022〕41号"))
        with pytest.raises(IntegrityError), db.transaction() as session:
            document = session.scalars(select(Document)).one()
            document.reviews.append(DocumentReview(stage="初审", reviewer="张三", day=date(2025, 9, 22)))
            document.reviews.append(DocumentReview(stage="初审", reviewer="李四", day=date(2025, 9, 23)))
    finally:
        db.close()
