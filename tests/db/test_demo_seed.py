"""`main.py --demo` (the README's first command) seeds its sample township through the real services, so every
demo fact must pass the rules a clerk's would. The demo dates follow "today": seeded on several days, including
2026-11-27, where a 补正期限 of the sample ended on Sunday 2025-12-07 and the 逾期未补正 closing was refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.migrate import open_database
from models.services import applications
from models.services.demo import seed_demo


@pytest.mark.parametrize("today", [date(2026, 11, 27), date(2026, 12, 8), date(2027, 1, 4), date(2026, 5, 6)])
def test_demo_database_seeds_on_any_day_rule6_closing_after_the_moved_supplement_deadline(
    tmp_path: Path, today: date
) -> None:
    db = open_database(tmp_path / "demo.db")
    try:
        assert seed_demo(db, today=today)
        listed = applications.list_applications(db, today=today)
        assert len(listed) >= 40
    finally:
        db.close()
