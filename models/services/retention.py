"""Retention: closed applications older than N years are anonymised in one step, keeping the statistics.

Replaced by 已匿名化: 申请人, 证件号码, 联系电话, 通信地址, 邮编, 电子邮箱, and the old/new values of these
fields in 修改登记信息 events. Kept: numbers, dates, 申请人类型, channel, content, results, counts — everything the
returns are made of, so the annual and monthly tables are the same before and after. An application counts as
closed when it is no longer open (已答复, 已结案, 已撤回, 已归档) and old when its 办结日期 (else its 收到日期) is at
least N years before today. The changes are in the audit log with the action 匿名化 (the log holds masked values
only, so it needs no change). Letters and attachments already written to files are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from models.db import Database
from models.domain.case import OPEN_STATUSES
from models.domain.errors import UserError
from models.domain.identity import ANONYMISED
from models.domain.personal_data import PERSONAL_COLUMNS, anonymise_event_data
from models.entities import Application, ApplicationEvent
from models.services import audit
from models.services.settings import get_setting, set_setting

SETTING = "retention_years"
MAX_YEARS = 100


@dataclass(frozen=True)
class Candidate:
    number: str
    received: date
    closed: date | None
    status: str


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def retention_years(db: Database, older_than: int | None = None) -> int:
    """N: the value given, else the setting; a UserError when neither is there or it is not 1–100."""
    if older_than is None:
        stored = (get_setting(db, SETTING) or "").strip()
        if not stored:
            raise UserError("请指定保存年限（--older-than N），或先在设置中填写保存年限。")
        try:
            older_than = int(stored)
        except ValueError:
            raise UserError(f"设置中的保存年限“{stored}”不是整数。") from None
    if not 1 <= older_than <= MAX_YEARS:
        raise UserError(f"保存年限应为1到{MAX_YEARS}年（收到{older_than}）。")
    return older_than


def set_retention_years(db: Database, years: int) -> None:
    set_setting(db, SETTING, str(retention_years(db, years)))


def _query(cutoff: date) -> Select[Application]:
    day = Application.result_date
    return (
        select(Application)
        .where(Application.status.not_in([s.value for s in OPEN_STATUSES]))
        .where(((day.is_not(None)) & (day <= cutoff)) | ((day.is_(None)) & (Application.received <= cutoff)))
        .where(Application.applicant_name != ANONYMISED)
        .order_by(Application.number)
    )


def candidates(db: Database, older_than: int | None = None, *, today: date | None = None) -> list[Candidate]:
    """The closed applications that `anonymise` would change now (nothing is written)."""
    cutoff = years_before(today or date.today(), retention_years(db, older_than))
    with db.reading() as session:
        return [Candidate(a.number, a.received, a.result_date, a.status) for a in session.scalars(_query(cutoff))]


def anonymise(db: Database, older_than: int | None = None, *, today: date | None = None) -> list[str]:
    """Anonymise every closed application older than N years in one transaction; returns their numbers."""
    cutoff = years_before(today or date.today(), retention_years(db, older_than))
    with db.transaction() as session:
        session.info["audit_action"] = audit.ANONYMISE
        apps = list(session.scalars(_query(cutoff)))
        for app in apps:
            for column in PERSONAL_COLUMNS:
                if getattr(app, column):
                    setattr(app, column, ANONYMISED)
            if not app.applicant_name:
                app.applicant_name = ANONYMISED
            for event in session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == app.id)):
                if isinstance(event.data, dict) and "changes" in event.data:
                    event.data = anonymise_event_data(event.data)
        numbers = [a.number for a in apps]
    if numbers:
        audit.log(
            db,
            audit.ANONYMISE,
            table="application",
            record=f"{len(numbers)}件",
            detail=f"匿名化办结满{retention_years(db, older_than)}年的申请：{'、'.join(numbers)}",
        )
    return numbers
