"""App settings as key → text value (one place for defaults)."""

from __future__ import annotations

from models.db import Database
from models.entities import Setting

DEFAULTS: dict[str, str] = {
    "letter_number_pattern": "{prefix}〔{year}〕{seq}号",  # 字号 of the letters (README §4: year in full, no 第)
    "letter_remedy_query_items": "review_first",  # 3.8 行政查询事项: 复议前置 (review_first) or general
    "annual_report_deadline": "01-31",  # MM-DD of the next year: the county's deadline for the annual report
    "include_fee_in_table2": "0",  # "1": 信息处理费 collected is added to 表二（八） 行政事业性收费
}


def get_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        row = session.get(Setting, key)
        return row.value if row is not None else DEFAULTS.get(key)


def set_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as session:
        session.merge(Setting(key=key, value=value))


def current_actor(db: Database, actor: str = "") -> str:
    """Who records a fact: the name passed in, else the signed-in user (optional login), else the operator set in
    设置 (asked at first run), else "".

    The computer's login is never recorded as a person: it is often a shared account ("Administrator")."""
    if actor.strip():
        return actor.strip()
    from models.services.audit import signed_in  # the login is remembered there

    user = signed_in(db)
    if user:
        return user
    return (get_setting(db, "operator") or "").strip()
