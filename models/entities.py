"""ORM entities (SQLAlchemy 2, typed). One naming convention so SQLite batch migrations can name constraints.

No `from __future__ import annotations` here: with it SQLAlchemy evaluates every `Mapped[...]` string one by one
when the classes are made (importing the tables took 57 ms, now 47 ms, at every start). A relationship to a class
defined further down is written as a string: `Mapped[list["ApplicationEvent"]]`."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: a document still to be published (the partial index the 待发布 / 发布逾期 counts read)
TO_PUBLISH = "published IS NULL AND voided_at IS NULL"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def add_postgresql_options() -> None:
    """The partial index's WHERE on PostgreSQL too (DDL and Alembic's comparison), added when a server engine is made
    (models/db.py). Naming `postgresql_where` in the class body would import SQLAlchemy's PostgreSQL dialect at
    every start of the township app, about 35 ms of its start-up, for a server it never uses."""
    index = next(i for i in Base.metadata.tables["document"].indexes if i.name == "ix_document_to_publish")
    index.dialect_kwargs["postgresql_where"] = text(TO_PUBLISH)


def new_uuid() -> str:
    return str(uuid.uuid4())


class Unit(Base):
    """单位: every register record belongs to one (issue 13). A township database has one; a county server many."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(100), unique=True)  # 单位代码 (short name used in commands)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


def unit_column() -> Mapped[int]:
    """The owning unit of a register record (filled in by models.services.units when a record is added)."""
    return mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)


def version_column() -> Mapped[int]:
    """The optimistic-concurrency version (SQLAlchemy `version_id_col`): a stale save raises a conflict."""
    return mapped_column(Integer, default=1, server_default=text("1"))


class UnitProfile(Base):
    """单位信息: one row per unit (issue 13), the unit's name, seal, number prefix … used by its letters and returns."""

    __tablename__ = "unit_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), unique=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    seal_name: Mapped[str] = mapped_column(String(100), default="")
    number_prefix: Mapped[str] = mapped_column(String(60), default="")
    review_organ: Mapped[str] = mapped_column(String(100), default="")
    court: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Setting(Base):
    """A simple key → value store for app settings (text values)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class HolidayOverride(Base):
    """A day whose kind the user fixed: 休 (rest) or 班 (work). Always wins over the package data."""

    __tablename__ = "holiday_override"
    __table_args__ = (CheckConstraint("kind IN ('休', '班')", name="kind"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(1))
    holiday: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(20), default="manual")  # notice | csv | manual
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class HolidayYear(Base):
    """A year whose whole arrangement the user entered (from a notice or a CSV): it counts as covered."""

    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class NumberSequence(Base):
    """The last number handed out per unit and series (e.g. 'application:2025'): numbers are never reused."""

    __tablename__ = "number_sequence"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), primary_key=True)
    series: Mapped[str] = mapped_column(String(60), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Application(Base):
    """政府信息公开申请: the registration fields, plus a cache of the derived clock for fast lists.

    The cached columns (status … calendar_uncertain) are recomputed from the events by the service after every
    event and after every change of the holiday calendar; they are never edited directly.
    """

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "seq", name="uq_application_unit_year_seq"),
        UniqueConstraint("unit_id", "number", name="uq_application_unit_number"),
        # the 工作台's 已逾期/临期 counts: the few open cases by status, then by due date (migration 0012)
        Index("ix_application_open_due", "status", "reply_due", "unit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    number: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    received: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))
    mail_kind: Mapped[str] = mapped_column(String(10), default="")
    applicant_type: Mapped[str] = mapped_column(String(10), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    content: Mapped[str] = mapped_column(Text)
    delivery_form: Mapped[str] = mapped_column(String(10), default="")
    handler: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    # -- derived (cache) --
    status: Mapped[str] = mapped_column(String(10), index=True, default="办理中")
    result: Mapped[str] = mapped_column(String(10), default="", index=True)
    detail: Mapped[str] = mapped_column(String(60), default="")
    result_code: Mapped[str] = mapped_column(String(4), default="")
    result_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    reply_due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    supplement_notice_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)  # a consultation or a fee is pending
    served: Mapped[date | None] = mapped_column(Date, nullable=True)
    on_time: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    calendar_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    # -- 作废: a mistaken registration keeps its number and history but is left out of every count and list --
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # not indexed: 0012
    voided_by: Mapped[str] = mapped_column(String(40), default="", server_default="")
    void_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    events: Mapped[list["ApplicationEvent"]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="save-update, merge"
    )
    __mapper_args__ = {"version_id_col": version}


class ApplicationEvent(Base):
    """One fact on an application's timeline. Never deleted: a wrong event is voided (with a reason), and a
    correction is a new event that names the one it replaces."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("application_event.id"), nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="events")


class Attachment(Base):
    """A file kept with an application (scanned application, envelope, 送达回证), copied into the data folder."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    added_by: Mapped[str] = mapped_column(String(40), default="")


class Letter(Base):
    """The register of letters (答复书, 告知书 …): each issued letter with its 字号, file, and 作废 mark.

    A voided letter keeps its number (numbers are never reused)."""

    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[str] = mapped_column(String(80), default="")  # 字号, "" for letters without one
    title: Mapped[str] = mapped_column(String(100), default="")
    file_path: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    created_by: Mapped[str] = mapped_column(String(40), default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": version}


class AnnualFigure(Base):
    """A figure of the annual report typed by the clerk (表二: 行政许可, 行政处罚 …), kept per year."""

    __tablename__ = "annual_figure"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float] = mapped_column(default=0.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class PeriodLock(Base):
    """A submitted return's period ('2025-03' for a month, '2025' for a year): edits that would change it are
    refused while it is locked."""

    __tablename__ = "period_lock"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    locked_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    locked_by: Mapped[str] = mapped_column(String(40), default="")


class PeriodLockLog(Base):
    """Every lock and unlock, with who and when (unlocking is confirmed and recorded)."""

    __tablename__ = "period_lock_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    action: Mapped[str] = mapped_column(String(10))  # 锁定 | 解锁
    actor: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class AuditEntry(Base):
    """审计日志: one create, change, void, export, letter, backup, restore or login, with who and when.

    Append-only: the service has no update or delete, and SQLite triggers (migration 0006) refuse both.
    Personal data appears only masked (张*, 110101********1234); passwords never."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(40), default="", index=True)
    action: Mapped[str] = mapped_column(String(20))  # 新增 | 修改 | 作废 | 导出 | 生成文书 | 备份 | 恢复 | 登录 …
    table_name: Mapped[str] = mapped_column(String(40), default="")
    record: Mapped[str] = mapped_column(String(100), default="", index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)  # field → [old, new]
    detail: Mapped[str] = mapped_column(Text, default="")


class User(Base):
    """A login of the optional sign-in (off by default): role 录入员, 审核人, 管理员 or 县级 (all units, read-only);
    an argon2 password hash."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('录入员', '审核人', '管理员', '县级')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    # the unit whose records the user sees and changes; NULL: the database's own unit (县级: all units, read-only)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True, index=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


# -- the registers of issue 10: 公文, 征求意见, 政策解读 -----------------------------------------------------------
# Every table has a `uuid`: a stable key that survives copying records between databases (sync, issue 13).


class CatalogueNode(Base):
    """A node of the unit's 主动公开目录 (e.g. 政府信息公开目录 › 惠民惠农资金): a tree the unit edits."""

    __tablename__ = "catalogue_node"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = unit_column()
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_node.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)  # order among its siblings
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class Document(Base):
    """公文: a document of the unit with its 公开属性, validity and publication.

    `number` (文号) is NULL for a document without one; when present it is unique, and `organ_code` / `number_year`
    / `number_seq` hold its parsed parts (models.domain.document_number). `state_changed` is the date the 状态 last
    changed (the 废止日期 for 已废止), so 表二 can count 本年废止. The cached columns (publish_from …
    calendar_uncertain) are recomputed by the service from the document, its review decisions and the calendar;
    never edited directly.
    """

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("unit_id", "number", name="uq_document_unit_number"),
        # the documents still to be published: the 待发布 / 发布逾期 counts (migration 0012)
        Index(
            "ix_document_to_publish",
            "published",  # always NULL here: an equality the planner prefers to ix_document_published
            "publish_due",
            "unit_id",
            sqlite_where=text(TO_PUBLISH),  # and on PostgreSQL: add_postgresql_options()
        ),
        # 三同步 candidates (行政规范性文件 or flagged): read from the index alone, not the wide rows (migration 0012)
        Index(
            "ix_document_interpretation_required",
            "category",
            "needs_interpretation",
            "voided_at",
            "published",
            "unit_id",
        ),  # fmt: skip
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    number: Mapped[str | None] = mapped_column(String(80), nullable=True)  # 文号 (unique per unit)
    organ_code: Mapped[str] = mapped_column(String(40), default="")  # 机关代字
    number_year: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 年份
    number_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 序号
    title: Mapped[str] = mapped_column(String(300))  # 标题
    issuer: Mapped[str] = mapped_column(String(100), default="")  # 发文机关
    written: Mapped[date] = mapped_column(Date, index=True)  # 成文日期
    doc_type: Mapped[str] = mapped_column(String(20), default="")  # 文种 (通知, 意见, 办法 …)
    category: Mapped[str] = mapped_column(String(20), index=True)  # 类别
    attribute: Mapped[str] = mapped_column(String(10), index=True)  # 公开属性
    note_mark: Mapped[str] = mapped_column(String(20))  # 附注: 此件公开发布 …
    withhold_reason: Mapped[str] = mapped_column(Text, default="")  # 不公开理由
    basis_code: Mapped[str] = mapped_column(String(4), default="")  # 依据: an exemption row of table 三 (3.1–3.8)
    catalogue_node_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_node.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    interpreter: Mapped[str] = mapped_column(String(100), default="")  # 解读主体
    needs_interpretation: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # 有效期至
    state: Mapped[str] = mapped_column(String(10), default="现行有效", index=True)  # 状态
    state_changed: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # 废止日期 …
    published: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # 发布日期
    publish_column: Mapped[str] = mapped_column(String(200), default="")  # 发布栏目
    publish_url: Mapped[str] = mapped_column(String(500), default="")  # 网址
    department: Mapped[str] = mapped_column(String(60), default="", index=True)  # 承办科室
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="")
    # -- derived (cache) --
    publish_from: Mapped[date | None] = mapped_column(Date, nullable=True)  # 成文日期 or the 转为主动公开 date
    publish_due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    publish_state: Mapped[str] = mapped_column(String(20), default="", index=True)  # 正常 · 已逾期 · 按时发布 …
    on_time: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    calendar_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    # -- 作废: a mistaken registration is kept but left out of every count and list --
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # not indexed: 0012
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")

    reviews: Mapped[list["DocumentReview"]] = relationship(
        back_populates="document", order_by="DocumentReview.day", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}


class DocumentReview(Base):
    """三审三校: one stage (初审 · 复审 · 终审) of a document's review, by whom and when."""

    __tablename__ = "document_review"
    __table_args__ = (
        UniqueConstraint("document_id", "stage", name="document_stage"),
        CheckConstraint("stage IN ('初审', '复审', '终审')", name="stage"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"), index=True)
    stage: Mapped[str] = mapped_column(String(4))
    reviewer: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    created_by: Mapped[str] = mapped_column(String(40), default="")

    document: Mapped[Document] = relationship(back_populates="reviews")


class DocumentReviewDecision(Base):
    """The yearly review of a document not proactively disclosed (条例第18条): 维持 or 转为主动公开.

    转为主动公开 starts a new 20-working-day clock from `clock_from` (the decision date unless the clerk says
    otherwise)."""

    __tablename__ = "document_review_decision"
    __table_args__ = (
        UniqueConstraint("document_id", "year", name="document_year"),
        CheckConstraint("decision IN ('维持', '转为主动公开')", name="decision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    decision: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str] = mapped_column(String(40))
    decided_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    clock_from: Mapped[date | None] = mapped_column(Date, nullable=True)  # only for 转为主动公开
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class DocumentAttachment(Base):
    """A file kept with a document (the signed original, the published version …), copied into the data folder."""

    __tablename__ = "document_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    added_by: Mapped[str] = mapped_column(String(40), default="")


class Solicitation(Base):
    """征求意见: a draft put out for public comment, its period and what became of the opinions."""

    __tablename__ = "solicitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    title: Mapped[str] = mapped_column(String(300))  # 草案名称
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(20), index=True)  # 类型
    start: Mapped[date] = mapped_column(Date, index=True)  # 开始日期
    end: Mapped[date] = mapped_column(Date, index=True)  # 截止日期
    channel: Mapped[str] = mapped_column(String(200), default="")  # 渠道
    shortening_reason: Mapped[str] = mapped_column(Text, default="")  # 缩短期限理由
    received_count: Mapped[int] = mapped_column(Integer, default=0)  # 收到意见数
    adopted_count: Mapped[int] = mapped_column(Integer, default=0)  # 采纳
    partly_adopted_count: Mapped[int] = mapped_column(Integer, default=0)  # 部分采纳
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)  # 未采纳
    rejection_reason: Mapped[str] = mapped_column(Text, default="")  # 未采纳理由
    results_published: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # 采纳情况公布日期
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # not indexed: 0012
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": version}


class Interpretation(Base):
    """政策解读: an interpretation of a document, in one or more 形式 (interpretation_form)."""

    __tablename__ = "interpretation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(300))  # 解读标题
    interpreter: Mapped[str] = mapped_column(String(100), default="")  # 解读主体
    approved: Mapped[date | None] = mapped_column(Date, nullable=True)  # 审签日期
    published: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # 发布日期
    url: Mapped[str] = mapped_column(String(500), default="")  # 网址
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # not indexed: 0012
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")

    forms: Mapped[list["InterpretationForm"]] = relationship(
        back_populates="interpretation", order_by="InterpretationForm.id", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}


class InterpretationForm(Base):
    """One 形式 of an interpretation (文字 · 图表图解 · 音视频 …); an interpretation has one or several."""

    __tablename__ = "interpretation_form"
    __table_args__ = (UniqueConstraint("interpretation_id", "form", name="interpretation_form"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    interpretation_id: Mapped[int] = mapped_column(ForeignKey("interpretation.id", ondelete="RESTRICT"), index=True)
    form: Mapped[str] = mapped_column(String(10))

    interpretation: Mapped[Interpretation] = relationship(back_populates="forms")


class InterpretationAttachment(Base):
    """A file kept with an interpretation (the 图解, the video …), copied into the data folder."""

    __tablename__ = "interpretation_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    interpretation_id: Mapped[int] = mapped_column(ForeignKey("interpretation.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    added_by: Mapped[str] = mapped_column(String(40), default="")


class PlanTask(Base):
    """One task of a county's 政务公开 plan (任务清单): who does it, by when (or how often), where it is published,
    and how far it has got (状态, 完成日期, 佐证)."""

    __tablename__ = "plan_task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    unit_id: Mapped[int] = unit_column()
    version: Mapped[int] = version_column()
    plan_year: Mapped[int] = mapped_column(Integer, index=True)  # 方案年度
    content: Mapped[str] = mapped_column(Text)  # 任务内容
    unit: Mapped[str] = mapped_column(String(200), default="", index=True)  # 责任单位
    deadline_text: Mapped[str] = mapped_column(String(100), default="")  # 完成时限 as written
    due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # parsed 完成时限
    recurrence: Mapped[str] = mapped_column(String(10), default="none")  # none · 每月 · 每季度 · 每年 · 长期
    publish_path: Mapped[str] = mapped_column(String(300), default="")  # 公开路径
    status: Mapped[str] = mapped_column(String(10), default="未开始", index=True)  # 未开始 · 进行中 · 已完成 · 长期
    completed: Mapped[date | None] = mapped_column(Date, nullable=True)  # 完成日期
    evidence_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="RESTRICT"), nullable=True, index=True
    )  # 佐证 (a 公文 of the register)
    evidence_number: Mapped[str] = mapped_column(String(80), default="")  # 佐证文号 as written
    evidence_url: Mapped[str] = mapped_column(String(500), default="")  # 佐证网址
    note: Mapped[str] = mapped_column(Text, default="")  # 备注
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # not indexed: 0012

    __mapper_args__ = {"version_id_col": version}


# -- offline units (issue 13): sync packages exported and imported, and what each record was when last exported --


class SyncPackage(Base):
    """A sync package this database wrote (`direction` 导出, on a unit) or applied (导入, on the county server)."""

    __tablename__ = "sync_package"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    direction: Mapped[str] = mapped_column(String(4))  # 导出 | 导入
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # the unit's package number (1, 2, …)
    created: Mapped[datetime] = mapped_column(DateTime)  # when the package was made (its manifest's time)
    done_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    file_name: Mapped[str] = mapped_column(String(500), default="")
    summary: Mapped[dict] = mapped_column(JSON, default=dict)  # record counts (export) or the import's outcome


class SyncRecord(Base):
    """The export watermark of a unit: each record's content hash and version as of the last package that carried
    it. A record whose hash differs now (or that has no row) goes into the next `--since-last` package."""

    __tablename__ = "sync_record"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("sync_package.id", ondelete="RESTRICT"), index=True)
