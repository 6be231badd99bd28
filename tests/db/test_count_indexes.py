"""Issue 12: the 工作台's counts read the few open cases and the pending documents through the indexes made for
them (migration 0012), on a database without ANALYZE statistics (a township's file never has them): not the
`unit_id` or `voided_at` indexes that match every row (which made the 三同步 count take 18 s at 100,000 documents).
The query plans SQLite chooses for the statements the dashboard runs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from models.db import Database
from models.domain.case import DeadlineState
from models.services import applications, register_counts
from models.services.holidays import load_calendar

pytestmark = pytest.mark.sqlite_only  # SQLite's query planner

TODAY = date(2026, 11, 27)


def _plans(db: Database, action) -> list[str]:  # noqa: ANN001 - a callable without arguments
    statements: list[tuple[str, object]] = []

    def listener(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() == (0,)
        return [
            " | ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters))
            for statement, parameters in statements
            if statement.lstrip().upper().startswith("SELECT") and ("count(" in statement or "sum(" in statement)
        ]


def _no_index_matching_every_row(plans: list[str]) -> None:
    for plan in plans:
        assert "_unit_id" not in plan and "voided_at" not in plan, plan


def test_deadline_state_counts_read_the_open_case_index(db: Database) -> None:
    calendar = load_calendar(db)
    states = list(DeadlineState)
    plans = _plans(db, lambda: applications.count_by_deadline_state(db, states, today=TODAY, calendar=calendar))
    assert plans and all("ix_application_open_due" in plan for plan in plans), plans
    _no_index_matching_every_row(plans)


def test_overdue_list_filter_reads_the_open_case_index(db: Database) -> None:
    overdue = applications.ListFilter(deadline_state=DeadlineState.OVERDUE.value)
    plans = _plans(db, lambda: applications.count_applications(db, overdue, today=TODAY))
    assert plans and all("ix_application_open_due" in plan for plan in plans), plans


def test_publication_and_sync_counts_read_their_indexes(db: Database) -> None:
    plans = _plans(db, lambda: register_counts.register_todo(db, TODAY))
    assert any("ix_document_to_publish" in plan for plan in plans), plans
    assert any("ix_document_interpretation_required" in plan for plan in plans), plans
    _no_index_matching_every_row(plans)
