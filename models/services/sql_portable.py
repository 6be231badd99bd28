"""SQL expressions that are written differently on SQLite and PostgreSQL, compiled for the engine in use.

The services build their queries with these and never name an engine: `iso_date_text` (a date column as its ISO
text, read fast on SQLite), `year_month` (`YYYY-MM` of a date), `id_in` (a column in a long list of ids: one
parameter, not thousands) and `contains_text` (a column contains a piece of text, without wildcards).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Boolean, Integer, String, bindparam, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class iso_date_text(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """A date column as `YYYY-MM-DD` text: SQLite stores it so (no conversion at all); PostgreSQL formats it."""

    type = String()
    inherit_cache = True


@compiles(iso_date_text)
def _iso_date_text(element: iso_date_text, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(iso_date_text, "postgresql")
def _iso_date_text_pg(element: iso_date_text, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"


class year_month(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """`YYYY-MM` of a date column."""

    type = String()
    inherit_cache = True


@compiles(year_month)
def _year_month(element: year_month, compiler: Any, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_pg(element: year_month, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class id_in(ColumnElement[bool]):  # noqa: N801 - used like a SQL operator
    """`column` is one of `ids`, the list bound as ONE parameter (a JSON array on SQLite, an array on PostgreSQL):
    100,000 ids do not become 100,000 parameters."""

    type = Boolean()
    inherit_cache = False  # the ids are part of the element

    def __init__(self, column: Any, ids: list[int]) -> None:
        self.column = column
        self.ids = list(ids)


@compiles(id_in)
def _id_in(element: id_in, compiler: Any, **kw: Any) -> str:
    ids = bindparam(None, json.dumps(element.ids), type_=String(), unique=True)
    column = compiler.process(element.column, **kw)
    return f"{column} IN (SELECT value FROM json_each({compiler.process(ids, **kw)}))"


@compiles(id_in, "postgresql")
def _id_in_pg(element: id_in, compiler: Any, **kw: Any) -> str:
    from sqlalchemy.dialects.postgresql import ARRAY  # compiled only on PostgreSQL

    ids = bindparam(None, element.ids, type_=ARRAY(Integer()), unique=True)
    return f"{compiler.process(element.column, **kw)} = ANY({compiler.process(ids, **kw)})"


class contains_text(ColumnElement[bool]):  # noqa: N801 - used like a SQL operator
    """`column` contains `needle` literally (case-sensitive): instr on SQLite (no wildcard to escape, twice as fast
    as LIKE … ESCAPE); on PostgreSQL an escaped LIKE, which the `pg_trgm` indexes serve."""

    type = Boolean()
    inherit_cache = False

    def __init__(self, column: Any, needle: str) -> None:
        self.column = column
        self.needle = needle


@compiles(contains_text)
def _contains_text(element: contains_text, compiler: Any, **kw: Any) -> str:
    needle = bindparam(None, element.needle, type_=String(), unique=True)
    return f"instr({compiler.process(element.column, **kw)}, {compiler.process(needle, **kw)}) > 0"


@compiles(contains_text, "postgresql")
def _contains_text_pg(element: contains_text, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.contains(element.needle, autoescape=True), **kw))


def ids_given(session: Session, table: str) -> None:
    """After rows were inserted with ids chosen by the program: PostgreSQL's id sequence of `table` moves past them
    (SQLite takes the next id from the table itself)."""
    if session.get_bind().dialect.name == "postgresql":
        statement = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        session.execute(text(statement))


def new_ids(session: Session, table: str, count: int) -> list[int]:
    """`count` ids for rows the program inserts with their ids given (children name them before they exist),
    allocated by the database: on PostgreSQL from the table's id sequence (concurrent transactions never get the
    same id; never given back); on SQLite after the table's largest id — the caller's transaction must already
    hold SQLite's write lock (it has written), so no other writer can take them meanwhile."""
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        statement = f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :count)"
        return [int(i) for i in session.scalars(text(statement), {"count": count})]
    first = int(session.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")) or 1)
    return list(range(first, first + count))


def like_pattern(needle: str) -> str:
    """`%needle%` with `\\`, `%` and `_` escaped (ESCAPE '\\')."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
