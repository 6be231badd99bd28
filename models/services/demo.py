"""Demo data for `--demo`: a realistic township so a first look at the app is not empty.

Each register adds its sample records here; seeding runs once, on an empty demo database.
"""

from __future__ import annotations

from datetime import date

from models.db import Database
from models.domain.workdays import DayKind
from models.services import documents, holidays, profile
from models.services.demo_applications import DEMO_PROFILE, seed_applications
from models.services.demo_documents import seed_documents
from models.services.demo_letters import seed_letters
from models.services.demo_registers import seed_registers
from models.services.demo_tasks import seed_tasks
from models.services.settings import get_setting, set_setting


def seed_demo(db: Database, *, today: date | None = None) -> bool:
    """Fill an empty demo database; returns False when it was already seeded."""
    if get_setting(db, "demo_seeded") == "1":
        return False
    profile.save_profile(db, DEMO_PROFILE)
    # A locally decided working Saturday (e.g. a township-wide flood-control drill), entered by hand.
    holidays.set_manual_day(db, date(2026, 6, 27), DayKind.WORK, "防汛演练补班（示例）")
    seed_applications(db, today=today or date.today())
    seed_letters(db, today=today or date.today())
    seed_documents(db, today=today or date.today())
    seed_registers(db, today=today or date.today())
    seed_tasks(db, today=today or date.today())  # 任务清单 and its dates on the deadline calendar
    documents.recompute_all(db, today=today or date.today())  # the 公文 the other registers' demo adds get a clock too
    set_setting(db, "demo_seeded", "1")
    return True
