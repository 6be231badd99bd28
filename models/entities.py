"""ORM entities (SQLAlchemy 2, typed). One naming convention so SQLite batch migrations can name constraints."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UnitProfile(Base):
    """单位信息: a single row (id = 1)."""

    __tablename__ = "unit_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
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
    """The last number handed out per series (e.g. 'application:2025'): numbers are never reused."""

    __tablename__ = "number_sequence"

    series: Mapped[str] = mapped_column(String(60), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Application(Base):
    """政府信息公开申请: the registration fields, plus a cache of the derived clock for fast lists.

    The cached columns (status … calendar_uncertain) are recomputed from the events by the service after every
    event and after every change of the holiday calendar; they are never edited directly.
    """

    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("year", "seq", name="year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(12), unique=True)
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
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    voided_by: Mapped[str] = mapped_column(String(40), default="", server_default="")
    void_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="save-update, merge"
    )


class ApplicationEvent(Base):
    """One fact on an application's timeline. Never deleted: a wrong event is voided (with a reason), and a
    correction is a new event that names the one it replaces."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
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
    """A login of the optional sign-in (off by default): role 录入员, 审核人 or 管理员; an argon2 password hash."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('录入员', '审核人', '管理员')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
