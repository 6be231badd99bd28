"""政策解读 register: adding, editing, voiding interpretations of a 公文, their attachments, and the 三同步 flags.

Every public function is one user action and one transaction. An interpretation always belongs to a document
(by id or 文号) and has one or several 形式; the 三同步 rule (models.domain.interpretations.sync_check) flags a
行政规范性文件, or a document marked as needing interpretation, until interpretations in at least two distinct
forms are published no later than the document itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from models.db import Database
from models.domain import limits
from models.domain.documents import Category
from models.domain.errors import UserError, ValidationError
from models.domain.interpretations import (
    MINIMUM_FORMS,
    Form,
    PublishedInterpretation,
    SyncCheck,
    check_dates,
    parse_forms,
    sync_check,
)
from models.entities import Document, Interpretation, InterpretationAttachment, InterpretationForm
from models.services import attachments, document_links
from models.services.concurrency import expect_version
from models.services.document_links import LinkedDocument
from models.services.settings import current_actor

ATTACHMENT_KINDS = ("解读文稿", "图解", "音视频", "其他")
VOIDED = "已作废"
SYNC_HELP = "三同步：行政规范性文件及标注需解读的文件，须有不少于2种形式的解读，且发布日期不晚于文件发布日期。"


@dataclass(frozen=True)
class InterpretationInput:
    document: str | int = ""  # 关联文件: a 文号, "#id" or the id (required)
    title: str = ""  # 解读标题
    forms: tuple[str, ...] = ()  # 形式 (one or several)
    interpreter: str = ""  # 解读主体
    approved: date | None = None  # 审签日期
    published: date | None = None  # 发布日期
    url: str = ""  # 网址
    note: str = ""


@dataclass(frozen=True)
class InterpretationRow:
    id: int
    document: LinkedDocument
    title: str
    forms: tuple[Form, ...]
    interpreter: str
    approved: date | None
    published: date | None
    url: str
    note: str
    voided_at: datetime | None
    void_reason: str
    version: int = 1  # the stored version: the form passes it back when saving (optimistic concurrency)

    @property
    def forms_text(self) -> str:
        return "、".join(self.forms)

    @property
    def late(self) -> bool:
        """Published after the document: it does not count for 三同步."""
        doc = self.document.published
        return self.published is not None and doc is not None and self.published > doc


def clean_input(data: InterpretationInput, *, today: date) -> tuple[InterpretationInput, tuple[Form, ...]]:
    """The checked form and its forms, or a ValidationError naming the first wrong field."""
    if data.document in ("", None) or (isinstance(data.document, str) and not data.document.strip()):
        raise ValidationError(document_links.LINK_FIELD, "请填写所解读文件的文号（政策解读必须关联一件公文）。")
    title = data.title.strip()
    if not title:
        raise ValidationError("解读标题", "请填写解读标题。")
    forms = parse_forms(data.forms)
    for label, day in (("审签日期", data.approved), ("发布日期", data.published)):
        if day is not None:
            limits.check_date(label, day, today=today)
    check_dates(data.approved, data.published, today=today)
    url = data.url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValidationError("网址", f"“{url}”不是网址，应以http://或https://开头。")
    document = data.document.strip() if isinstance(data.document, str) else data.document
    clean = InterpretationInput(
        document, title, tuple(forms), data.interpreter.strip(), data.approved, data.published, url, data.note.strip()
    )
    for label, value in (("解读标题", title), ("解读主体", clean.interpreter), ("网址", url), ("备注", clean.note)):
        limits.check_length(label, value)
    return clean, forms


def _row(item: Interpretation, document: Document) -> InterpretationRow:
    return InterpretationRow(
        item.id,
        document_links.linked(document),
        item.title,
        tuple(Form(f.form) for f in item.forms),
        item.interpreter,
        item.approved,
        item.published,
        item.url,
        item.note,
        item.voided_at,
        item.void_reason,
        item.version,
    )


def _load(session: Session, interpretation_id: int) -> Interpretation:
    item = session.get(Interpretation, interpretation_id)
    if item is None:
        raise UserError(f"找不到编号为{interpretation_id}的政策解读。")
    return item


def _apply(session: Session, item: Interpretation, clean: InterpretationInput, forms: tuple[Form, ...]) -> Document:
    document = document_links.resolve(session, clean.document)
    assert document is not None
    item.document_id = document.id
    item.title, item.interpreter, item.url, item.note = clean.title, clean.interpreter, clean.url, clean.note
    item.approved, item.published = clean.approved, clean.published
    kept = [f for f in item.forms if f.form in forms]
    item.forms = kept + [InterpretationForm(form=f.value) for f in forms if f.value not in {k.form for k in kept}]
    return document


def insert(session: Session, clean: InterpretationInput, forms: tuple[Form, ...], *, actor: str) -> InterpretationRow:
    """Add a checked interpretation in the caller's transaction (form and import)."""
    item = Interpretation(created_by=actor)
    document = _apply(session, item, clean, forms)
    session.add(item)
    session.flush()
    return _row(item, document)


def add(db: Database, data: InterpretationInput, *, actor: str = "", today: date | None = None) -> InterpretationRow:
    today = today or date.today()
    clean, forms = clean_input(data, today=today)
    with db.transaction() as session:
        return insert(session, clean, forms, actor=current_actor(db, actor))


#: the form's columns by their Chinese names (a save conflict lists them)
FORM_LABELS = {"document_id": "关联文件", "title": "解读标题", "interpreter": "解读主体", "approved": "审签日期",
               "published": "发布日期", "url": "网址", "note": "备注"}  # fmt: skip


def edit(
    db: Database,
    interpretation_id: int,
    data: InterpretationInput,
    *,
    today: date | None = None,
    version: int | None = None,
) -> InterpretationRow:
    """Change an interpretation; `version` is the version the form loaded (a later save by someone else raises a
    ConflictError showing both versions, nothing is saved)."""
    today = today or date.today()
    clean, forms = clean_input(data, today=today)
    with db.transaction() as session:
        item = _load(session, interpretation_id)
        document = document_links.resolve(session, clean.document)
        mine = {key: getattr(clean, key) for key in FORM_LABELS if key != "document_id"}
        expect_version(item, version, mine | {"document_id": document.id if document else None}, FORM_LABELS)
        _refuse_voided(item)
        document = _apply(session, item, clean, forms)
        session.flush()
        return _row(item, document)


def _refuse_voided(item: Interpretation) -> None:
    if item.voided_at is not None:
        raise UserError(f"政策解读“{item.title}”已于{item.voided_at:%Y-%m-%d}作废，不能再修改。")


def void(db: Database, interpretation_id: int, reason: str, *, actor: str = "") -> None:
    """作废: kept with who voided it, when and why; left out of lists and of 三同步 from then on."""
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废的理由。")
    actor = current_actor(db, actor)
    with db.transaction() as session:
        item = _load(session, interpretation_id)
        _refuse_voided(item)
        item.voided_at, item.voided_by, item.void_reason = datetime.now().replace(microsecond=0), actor, reason.strip()


def get(db: Database, interpretation_id: int) -> InterpretationRow:
    with db.reading() as session:
        item = _load(session, interpretation_id)
        document = session.get(Document, item.document_id)
        assert document is not None
        return _row(item, document)


# -- attachments --------------------------------------------------------------------------------------------


def add_attachment(
    db: Database, interpretation_id: int, source: Path, kind: str, *, actor: str = ""
) -> attachments.AttachmentInfo:
    """Copy `source` into the data folder (atomically) and record it with the interpretation."""
    if kind not in ATTACHMENT_KINDS:
        raise UserError(f"附件类型应为{'、'.join(ATTACHMENT_KINDS)}之一。")
    target, sha = attachments.store_copy(db, f"政策解读-{interpretation_id}", source)
    with db.transaction() as session:
        _load(session, interpretation_id)
        row = InterpretationAttachment(
            interpretation_id=interpretation_id,
            kind=kind,
            original_name=source.name,
            stored_path=attachments.stored_relative(db, target),
            sha256=sha,
            size=source.stat().st_size,
            added_by=current_actor(db, actor),
        )
        session.add(row)
        session.flush()
        return attachments.stored_info(db, row.id, kind, source.name, row.stored_path, sha, row.size)


def list_attachments(db: Database, interpretation_id: int) -> list[attachments.AttachmentInfo]:
    with db.reading() as session:
        rows = session.scalars(
            select(InterpretationAttachment)
            .where(InterpretationAttachment.interpretation_id == interpretation_id)
            .order_by(InterpretationAttachment.id)
        ).all()
        return [
            attachments.stored_info(db, r.id, r.kind, r.original_name, r.stored_path, r.sha256, r.size) for r in rows
        ]


# -- lists --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    text: str = ""  # in 解读标题, 解读主体, the document's 文号 or 标题
    form: str = ""  # a Form value or ""
    year: int | None = None  # the year of the 发布日期
    document_id: int | None = None
    voided: bool = False  # only voided interpretations


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[InterpretationRow]


def _filtered(query, flt: ListFilter):  # noqa: ANN001, ANN202
    voided = Interpretation.voided_at.is_not(None)
    query = query.where(voided if flt.voided else ~voided)
    if flt.form:
        form = parse_forms([flt.form])[0]
        with_form = select(InterpretationForm.interpretation_id).where(InterpretationForm.form == form.value)
        query = query.where(Interpretation.id.in_(with_form))
    if flt.year is not None:
        first, last = date(flt.year, 1, 1), date(flt.year, 12, 31)
        query = query.where(Interpretation.published >= first, Interpretation.published <= last)
    if flt.document_id is not None:
        query = query.where(Interpretation.document_id == flt.document_id)
    needle = flt.text.strip()
    if needle:
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Interpretation.title.like(like, escape="\\"),
                Interpretation.interpreter.like(like, escape="\\"),
                Document.number.like(like, escape="\\"),
                Document.title.like(like, escape="\\"),
            )
        )
    return query


def list_page(db: Database, flt: ListFilter = ListFilter(), *, limit: int | None = None, offset: int = 0) -> Page:
    """One page (latest 发布日期 first, unpublished on top) and the total count."""
    joined = select(Interpretation, Document).join(Document, Interpretation.document_id == Document.id)
    counted = select(func.count(Interpretation.id)).join(Document, Interpretation.document_id == Document.id)
    with db.reading() as session:
        total = int(session.scalar(_filtered(counted, flt)) or 0)
        query = _filtered(joined, flt).options(selectinload(Interpretation.forms))
        query = query.order_by(Interpretation.published.is_not(None), Interpretation.published.desc())
        query = query.order_by(Interpretation.id.desc())
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return Page(total, [_row(i, d) for i, d in session.execute(query)])


def list_interpretations(db: Database, flt: ListFilter = ListFilter()) -> list[InterpretationRow]:
    return list_page(db, flt).rows


# -- 三同步 -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncFlag:
    document: LinkedDocument
    check: SyncCheck

    @property
    def message(self) -> str:
        return self.check.message()


_DOC_COLUMNS = (
    Document.id,
    Document.number,
    Document.title,
    Document.category,
    Document.published,
    Document.needs_interpretation,
)


def _forms_that_may_count() -> Any:
    """Per document (correlated): the distinct forms of its interpretations published no later than it. SQL only
    narrows the candidates (a document with two such forms is never flagged); `sync_check` decides and explains."""
    return (
        select(func.count(func.distinct(InterpretationForm.form)))
        .join(Interpretation, InterpretationForm.interpretation_id == Interpretation.id)
        .where(
            Interpretation.document_id == Document.id,
            Interpretation.voided_at.is_(None),
            Interpretation.published.is_not(None),
            or_(Document.published.is_(None), Interpretation.published <= Document.published),
        )
        .correlate(Document)
        .scalar_subquery()
    )


def sync_candidates() -> Any:
    """The SQL condition on a document that may be flagged by 三同步 (interpretation required, fewer than two forms
    that may count): `sync_flags` narrows with it, the 工作台 counts with it (one query, no per-document check)."""
    required = or_(Document.category == Category.NORMATIVE.value, Document.needs_interpretation.is_(True))
    return and_(required, _forms_that_may_count() < MINIMUM_FORMS)


def _checks(session: Session, documents: Select[*tuple[Any, ...]]) -> list[SyncFlag]:
    """三同步 of the documents `documents` selects (the _DOC_COLUMNS), in its order."""
    rows = list(session.execute(documents))
    items: dict[int, tuple[int, date | None, list[Form]]] = {}
    ids = documents.with_only_columns(Document.id).order_by(None)
    query = (
        select(Interpretation.id, Interpretation.document_id, Interpretation.published, InterpretationForm.form)
        .join(InterpretationForm, InterpretationForm.interpretation_id == Interpretation.id)
        .where(Interpretation.document_id.in_(ids), Interpretation.voided_at.is_(None))
        .order_by(Interpretation.id, InterpretationForm.id)
    )
    for item_id, document_id, published, form in session.execute(query):
        items.setdefault(item_id, (document_id, published, []))[2].append(Form(form))
    by_document: dict[int, list[PublishedInterpretation]] = defaultdict(list)
    for document_id, published, forms in items.values():
        by_document[document_id].append(PublishedInterpretation(tuple(forms), published))
    return [
        SyncFlag(
            LinkedDocument(row.id, row.number or "", row.title, row.category, row.published, row.needs_interpretation),
            sync_check(Category(row.category), bool(row.needs_interpretation), row.published, by_document[row.id]),
        )
        for row in rows
    ]


def sync_state(db: Database, document_id: int) -> SyncFlag:
    """三同步 of one document (for its detail): required or not, the forms that count, and what is missing."""
    with db.reading() as session:
        checks = _checks(session, select(*_DOC_COLUMNS).where(Document.id == document_id))
        if not checks:
            raise UserError(f"找不到编号为{document_id}的公文。")
        return checks[0]


def sync_flags(db: Database, *, text: str = "", condition: Any = None) -> list[SyncFlag]:
    """Every 行政规范性文件 or document marked as needing interpretation that lacks interpretations in at least two
    forms published no later than the document (三同步), in 成文日期 order, latest first. `condition`: an extra SQL
    condition on the document (the 期限日历 narrows to its date range)."""
    query = select(*_DOC_COLUMNS).where(
        Document.voided_at.is_(None), true() if condition is None else condition, sync_candidates()
    )
    needle = text.strip()
    if needle:
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(Document.number.like(like, escape="\\"), Document.title.like(like, escape="\\")))
    with db.reading() as session:
        checks = _checks(session, query.order_by(Document.written.desc(), Document.id.desc()))
        return [flag for flag in checks if flag.check.flagged]


__all__ = [
    "ATTACHMENT_KINDS",
    "InterpretationInput",
    "InterpretationRow",
    "ListFilter",
    "SyncFlag",
    "add",
    "add_attachment",
    "edit",
    "get",
    "list_attachments",
    "list_interpretations",
    "list_page",
    "sync_flags",
    "sync_state",
    "void",
]
