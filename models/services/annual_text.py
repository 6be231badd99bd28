"""The clerk's text of the annual report's written parts (一、五、六), kept per year in the settings table.

Keys `annual_report_text.<year>.<section>`; an empty stored text means "the default" (the draft of 一 from the
figures, the 【待填写：…】 placeholder of 五 and 六). The draft 一 was edited from is kept too
(`annual_report_text.<year>.summary_basis`), so that an export can warn when the figures changed since.
"""

from __future__ import annotations

from models.db import Database
from models.domain.annual_text import (
    HEADINGS,
    MAX_LENGTH,
    OTHER,
    PLACEHOLDERS,
    PROBLEMS,
    SECTIONS,
    SUMMARY,
    AnnualText,
    draft_summary,
)
from models.domain.errors import UserError
from models.domain.statistics import Return
from models.entities import Setting
from models.services.settings import get_setting


def _key(year: int, section: str) -> str:
    return f"annual_report_text.{year}.{section}"


BASIS = "summary_basis"


def _stored(db: Database, year: int) -> dict[str, str]:
    return {name: (get_setting(db, _key(year, name)) or "").strip() for name in (*SECTIONS, BASIS)}


def _compose(ret: Return, stored: dict[str, str]) -> AnnualText:
    draft = draft_summary(ret)
    edited = bool(stored[SUMMARY]) and stored[SUMMARY] != draft
    return AnnualText(
        summary=stored[SUMMARY] or draft,
        problems=stored[PROBLEMS] or PLACEHOLDERS[PROBLEMS],
        other=stored[OTHER] or PLACEHOLDERS[OTHER],
        summary_edited=edited,
        summary_stale=edited and bool(stored[BASIS]) and stored[BASIS] != draft,
    )


def _cleaned(ret: Return, texts: dict[str, str | None]) -> dict[str, str]:
    """What to store for the given sections: "" for a text equal to its default (so the draft keeps following the
    figures); for 一 also the draft it was written from."""
    draft = draft_summary(ret)
    defaults = {SUMMARY: draft, **PLACEHOLDERS}
    values: dict[str, str] = {}
    for section, text in texts.items():
        if section not in SECTIONS:
            raise ValueError(section)
        if text is None:
            continue
        value = "\n".join(line.strip() for line in text.replace("\r\n", "\n").strip().splitlines())
        if len(value) > MAX_LENGTH:
            raise UserError(f"{HEADINGS[section]}太长（{len(value)}字，最多{MAX_LENGTH}字）。")
        values[section] = "" if value == defaults[section] else value
        if section == SUMMARY:
            values[BASIS] = draft if values[section] else ""
    return values


def load_text(db: Database, ret: Return) -> AnnualText:
    """The stored text of `ret`'s year, the defaults where nothing was stored."""
    return _compose(ret, _stored(db, ret.period.start.year))


def preview_text(db: Database, ret: Return, **texts: str | None) -> AnnualText:
    """The text with some sections replaced (summary=…, problems=…, other=…), without storing it."""
    return _compose(ret, {**_stored(db, ret.period.start.year), **_cleaned(ret, texts)})


def save_text(db: Database, ret: Return, **texts: str | None) -> AnnualText:
    """Store the clerk's text of some sections for `ret`'s year (one transaction). A text equal to the default, or
    empty, stores nothing: the default applies again."""
    year = ret.period.start.year
    values = _cleaned(ret, texts)
    with db.transaction() as session:  # one user action, one transaction
        for name, value in values.items():
            session.merge(Setting(key=_key(year, name), value=value))
    return load_text(db, ret)
