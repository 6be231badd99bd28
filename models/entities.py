"""ORM entities (SQLAlchemy 2, typed). One naming convention so SQLite batch migrations can name constraints."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, MetaData, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
