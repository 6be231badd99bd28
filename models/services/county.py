"""County-wide tables (issue 13): the monthly return and the annual report over every unit of the database,
computed directly from the records: the same figures as `report merge` of the units' own returns.

Not summed: the 表二 figures the clerk types (行政许可, 行政处罚 …, table annual_figure) are kept per database,
not per unit: the county's own figures are used.
"""

from __future__ import annotations

from dataclasses import replace

from models.db import Database
from models.domain.statistics import Period, Return
from models.services import reports, units


def county_return(db: Database, period: str | Period, *, name: str = "") -> Return:
    """The return of `period` ('YYYY' or 'YYYY-MM') over every unit, read-only, listing the units included."""
    p = reports.period_of(period)
    included = [(units.label(db, u), p.key) for u in units.list_units(db)]
    with units.every_unit(db):
        ret = reports.return_for(db, p)
    return replace(ret, unit_name=name.strip() or f"汇总（{len(included)}个单位）", units=included, locked=False)
