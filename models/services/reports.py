"""报表: the returns computed straight from the register, and their files.

- 表三 of a period: ONE SQL aggregate over the cached columns of `application` (applicant_type, received,
  result_code, result_date), grouped by applicant type and the result code of the period, with the carry-over
  counts as conditional sums; the applications that break the identity are looked up separately (a small set)
  and listed by `statistics.identity_breaks` — never moved to make the table add up.
- 表四 and the 信息处理费 of a year: only the applications with a 行政复议/行政诉讼 filed or a fee paid in the
  year are loaded with their events.
- 表二: 规章 and 行政规范性文件 from the 公文 register (`register_counts.table_two`); the rows from other systems
  (行政许可, 行政处罚, 行政强制, 行政事业性收费) are the clerk's figures per year (AnnualFigure).
- The monthly return's 公开与解读 rows: from the 公文, 征求意见 and 政策解读 registers (`register_counts`).
- Exports: xlsx (with the 明细 sheet, personal data masked), docx (annual), pdf (tables, ledger).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from models.db import Database
from models.domain.annual_text import AnnualText
from models.domain.case import APPLICANT_TYPES, EventKind
from models.domain.errors import UserError
from models.domain.identity import mask_id, mask_name
from models.domain.results import ROWS_BY_CODE
from models.domain.statistics import (
    CARRIED_IN,
    CARRIED_OUT,
    FEE_KEY,
    FIGURE_KEYS,
    NEW,
    RESULT_CODES,
    REVIEW,
    AppRecord,
    CaseRecord,
    DetailRow,
    Period,
    Return,
    Table2,
    Table3Result,
    build_table3,
    check_figure,
    check_table3,
    count_table4,
    identity_breaks,
    other_items,
    place,
)
from models.entities import AnnualFigure, Application, ApplicationEvent
from models.services import annual_text, applications, locks, register_counts
from models.services.export_marks import log_export
from models.services.profile import get_profile
from models.services.settings import get_setting
from models.version import APP_NAME, __version__

Progress = Callable[[int, int], None]
PROGRAM = f"{APP_NAME} {__version__}"
DEFAULT_DEADLINE = "01-31"

_A = Application


def _noop(_done: int, _total: int) -> None:
    return None


def period_of(value: str | Period) -> Period:
    return value if isinstance(value, Period) else Period.parse(value)


def unit_name(db: Database) -> str:
    from models.services.units import display_name  # several units in one database: the current unit's name

    return display_name(db) or get_profile(db).unit_name.strip() or "（未填写单位名称）"


# -- 表二 figures -------------------------------------------------------------------------------------------------


def get_figures(db: Database, year: int) -> dict[str, float]:
    """The clerk's 表二 figures of `year` (0 for those not typed in)."""
    with db.reading() as session:
        rows = session.scalars(select(AnnualFigure).where(AnnualFigure.year == year))
        stored = {row.key: row.value for row in rows}
    return {key: stored.get(key, 0.0) for key in FIGURE_KEYS}


def set_figure(db: Database, year: int, key: str, value: str | float) -> float:
    """Store one 表二 figure (行政许可, 行政处罚, 行政强制: counts; 行政事业性收费: 万元). A locked year is refused."""
    key = key.strip().replace("（万元）", "").replace("(万元)", "")
    number = check_figure(key, str(value))
    if not 2000 <= year <= 2100:
        raise UserError(f"年份“{year}”无效。")
    with db.transaction() as session:
        locks.ensure_unlocked(session, date(year, 12, 31))
        row = session.get(AnnualFigure, {"year": year, "key": key})
        if row is None:
            session.add(AnnualFigure(year=year, key=key, value=number))
        else:
            row.value = number
            row.updated_at = datetime.now().replace(microsecond=0)
    return number


def _fee_in_table2(db: Database) -> bool:
    return (get_setting(db, "include_fee_in_table2") or "0") == "1"


def report_deadline(db: Database, year: int) -> date:
    """The annual report of `year` is due on the setting's MM-DD of the next year (31 January by default)."""
    text = (get_setting(db, "annual_report_deadline") or DEFAULT_DEADLINE).strip()
    try:
        month, day = (int(part) for part in text.split("-"))
        return date(year + 1, month, day)
    except ValueError:
        month, day = (int(part) for part in DEFAULT_DEADLINE.split("-"))
        return date(year + 1, month, day)


# -- 表三 ---------------------------------------------------------------------------------------------------------


def _in_results(period: Period):  # noqa: ANN202 - SQL expression
    return and_(_A.result_date.is_not(None), _A.result_date >= period.start, _A.result_date <= period.end)


def _scope(period: Period):  # noqa: ANN202 - SQL expression: the applications the period's 表三 can count
    open_then = or_(_A.result_date.is_(None), _A.result_date >= period.start)
    received_in = and_(_A.received >= period.start, _A.received <= period.end)
    scope = or_(and_(_A.received <= period.end, open_then), _in_results(period), received_in)
    return and_(_A.voided_at.is_(None), scope)  # a voided registration counts nowhere


def aggregate_statement(period: Period):  # noqa: ANN201 - the one SQL aggregate of 表三 (also benchmarked)
    s, e, rd = period.start, period.end, _A.result_date
    in_results = _in_results(period)
    code = case((in_results, _A.result_code), else_=literal("")).label("code")

    def count(condition):  # noqa: ANN001, ANN202
        return func.sum(case((condition, 1), else_=0))

    return (
        select(
            _A.applicant_type,
            code,
            count(and_(_A.received >= s, _A.received <= e)),
            count(and_(_A.received < s, or_(rd.is_(None), rd >= s))),
            count(in_results),
            count(and_(_A.received <= e, or_(rd.is_(None), rd > e))),
        )
        .where(_scope(period))
        .group_by(_A.applicant_type, code)
    )


def _table3(session: Session, period: Period) -> Table3Result:
    counts: list[tuple[str, str, int]] = []
    for applicant_type, code, new, carried_in, handled, carried_out in session.execute(aggregate_statement(period)):
        counts += [(NEW, applicant_type, new), (CARRIED_IN, applicant_type, carried_in)]
        counts.append((CARRIED_OUT, applicant_type, carried_out))
        if code in ROWS_BY_CODE:
            counts.append((code, applicant_type, handled))
    table = build_table3(period, counts)
    suspects = select(_A.number, _A.applicant_type, _A.received, _A.result_code, _A.result_date).where(
        _scope(period),
        or_(
            and_(_A.result_date.is_not(None), _A.result_date < _A.received),
            and_(_in_results(period), _A.result_code.not_in(RESULT_CODES)),
            _A.applicant_type.not_in(APPLICANT_TYPES),
        ),
    )
    records = [AppRecord(*row) for row in session.execute(suspects.order_by(_A.year, _A.seq))]
    return Table3Result(table, check_table3(table), identity_breaks(records, period))


def table3(db: Database, period: str | Period) -> Table3Result:
    """表三 of a year or month, with its checks and the applications that break them."""
    with db.reading() as session:
        return _table3(session, period_of(period))


# -- 表四 and the fees: from the events -------------------------------------------------------------------------


def _cases_and_fees(session: Session, year: int) -> tuple[list[CaseRecord], int]:
    """The reviews and lawsuits filed in `year` and the 信息处理费 paid in `year` (元)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    kinds = [EventKind.REVIEW_FILED.value, EventKind.LAWSUIT_FILED.value, EventKind.FEE_PAID.value]
    ids = (
        select(ApplicationEvent.application_id)
        .where(
            ApplicationEvent.voided_at.is_(None),
            ApplicationEvent.kind.in_(kinds),
            ApplicationEvent.day >= start,
            ApplicationEvent.day <= end,
        )
        .distinct()
    )
    query = select(_A).where(_A.id.in_(ids), _A.voided_at.is_(None)).options(selectinload(_A.events))
    query = query.order_by(_A.year, _A.seq)
    cases: list[CaseRecord] = []
    fees = 0
    for app in session.scalars(query):
        facts = applications.facts_of(app)
        cases += [CaseRecord(app.number, REVIEW, r.filed, r.result, r.decided) for r in facts.reviews]
        cases += [CaseRecord(app.number, s.kind, s.filed, s.result, s.decided) for s in facts.lawsuits]
        if facts.fee is not None and facts.fee.paid is not None and start <= facts.fee.paid <= end:
            fees += facts.fee.amount
    return cases, fees


# -- the returns ------------------------------------------------------------------------------------------------


def annual_report(db: Database, year: int, *, progress: Progress | None = None) -> Return:
    """The annual report's data: 表二, 表三 (with checks), 表四, the 信息处理费 of the year."""
    progress = progress or _noop
    period = Period.year(year)
    progress(0, 4)
    with db.reading() as session:
        t3 = _table3(session, period)
        progress(1, 4)
        cases, fee = _cases_and_fees(session, year)
        documents = register_counts.table_two(session, year)
        progress(2, 4)
    figures = get_figures(db, year)
    included = fee if _fee_in_table2(db) else 0
    if included:
        figures[FEE_KEY] = figures[FEE_KEY] + included / 10000
    t2 = Table2(
        year,
        documents=documents.cells,
        figures=figures,
        documents_registered=documents.registered,
        processing_fee_yuan=included,
    )
    progress(3, 4)
    ret = Return(
        period=period,
        unit_name=unit_name(db),
        table3=t3,
        table2=t2,
        table4=count_table4(cases, year),
        processing_fee_yuan=fee,
        deadline=report_deadline(db, year),
        locked=locks.is_locked(db, period),
    )
    progress(4, 4)
    return ret


def monthly_return(db: Database, month: str | Period) -> Return:
    """The monthly return's data: 表三 of the month and the month's counts from the other registers."""
    period = period_of(month)
    if period.kind != "month":
        raise UserError(f"月报的期间应为某年某月（如2025-03），收到“{period.key}”。")
    with db.reading() as session:
        t3 = _table3(session, period)
        counts = register_counts.monthly_counts(session, period)
    return Return(
        period=period,
        unit_name=unit_name(db),
        table3=t3,
        others=other_items(counts),
        locked=locks.is_locked(db, period),
    )


def return_for(db: Database, period: str | Period, *, progress: Progress | None = None) -> Return:
    p = period_of(period)
    return annual_report(db, p.start.year, progress=progress) if p.kind == "year" else monthly_return(db, p)


# -- 明细 -------------------------------------------------------------------------------------------------------

_DETAIL_COLUMNS = (
    _A.number,
    _A.received,
    _A.channel,
    _A.applicant_type,
    _A.applicant_name,
    _A.id_number,
    _A.content,
    _A.status,
    _A.result,
    _A.detail,
    _A.result_code,
    _A.result_date,
    _A.reply_due,
    _A.served,
    _A.on_time,
)


def count_details(db: Database, period: str | Period) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count(_A.id)).where(_scope(period_of(period)))) or 0)


def detail_rows(db: Database, period: str | Period) -> Iterator[DetailRow]:
    """The 明细 of a period: every application its 表三 counts (新收, 结转, 办结), personal data masked."""
    p = period_of(period)
    with db.reading() as session:
        query = select(*_DETAIL_COLUMNS).where(_scope(p)).order_by(_A.year, _A.seq)
        for (
            number,
            received,
            channel,
            applicant_type,
            name,
            id_number,
            content,
            status,
            result,
            detail,
            code,
            result_date,
            reply_due,
            served,
            on_time,
        ) in session.execute(query.execution_options(yield_per=1000)):
            record = AppRecord(number, applicant_type, received, code or "", result_date)
            yield DetailRow(
                number=number,
                received=received,
                channel=channel,
                applicant_type=applicant_type,
                applicant=mask_name(name),
                id_number=mask_id(id_number or ""),
                content=content,
                status=status,
                result=result,
                detail=detail,
                row_label=ROWS_BY_CODE[code].label if code in ROWS_BY_CODE else "",
                result_date=result_date,
                reply_due=reply_due,
                served=served,
                on_time=on_time,
                placement=place(record, p),
            )


# -- files ------------------------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    report: Return | None
    files: list[Path] = field(default_factory=list)
    details: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ReturnExport(ExportResult):
    """The files of one return: `report` is always there."""

    report: Return
    unwritten: list[str] = field(default_factory=list)  # the Word version's parts still to be written (一、五、六)
    text_warnings: list[str] = field(default_factory=list)  # ... and what the clerk should check in its text


def export_return(
    db: Database,
    period: str | Period,
    out: str | Path,
    *,
    docx: str | Path | None = None,
    pdf: str | Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    text: AnnualText | None = None,
) -> ReturnExport:
    """Write a return (annual: 'YYYY', monthly: 'YYYY-MM') to `out` (.xlsx, with 明细), and optionally the Word
    version (annual only: with `text`, default the year's stored text) and the PDF of the tables. Every file is
    written atomically; the check results are in the 说明 sheet and in `report.table3`; the Word version's parts
    still to be written are in `unwritten` (and a warning)."""
    from exporters import report_xlsx  # openpyxl, python-docx and reportlab only for the exports

    progress = progress or _noop
    p = period_of(period)
    if docx is not None and p.kind != "year":
        raise UserError("Word版只用于年度报告。")
    ret = return_for(db, p)
    total = count_details(db, p)
    steps = total + 10
    progress(0, steps)
    generated = now or datetime.now()
    result = ReturnExport(ret, details=total)
    result.files.append(
        report_xlsx.write_return(
            out,
            ret,
            details=detail_rows(db, p),
            detail_total=steps,
            generated=generated,
            program=PROGRAM,
            progress=progress,
        )
    )
    if docx is not None:
        from exporters.report_docx import write_annual_docx

        text = text or annual_text.load_text(db, ret)
        result.files.append(write_annual_docx(docx, ret, text=text, created=generated))
        result.unwritten = text.placeholders()
        result.text_warnings = text.warnings()
    if pdf is not None:
        from exporters.report_pdf import write_tables_pdf

        printed = write_tables_pdf(pdf, ret)
        result.files.append(printed.path)
        if printed.warning():
            result.warnings.append(printed.warning())
    for path in result.files:
        log_export(db, f"{p.label}{p.kind_label}", path, count=total)
    progress(steps, steps)
    return result


def export_ledger_pdf(
    db: Database, out: str | Path, *, year: int | None = None, progress: Progress | None = None
) -> ExportResult:
    """The application ledger as a PDF (landscape A4): names masked, no ID or phone numbers."""
    from exporters.report_pdf import write_ledger_pdf

    rows = applications.list_applications(db, applications.ListFilter(year=year), sort="number", descending=False)

    def iso(day: date | None) -> str:
        return day.isoformat() if day else ""

    lines = [
        (
            r.number,
            iso(r.received),
            r.applicant_type,
            mask_name(r.applicant_name),
            r.content,
            r.status,
            iso(r.reply_due),
            r.result,
            r.detail,
            iso(r.result_date),
            "" if r.on_time is None else ("是" if r.on_time else "否"),
        )
        for r in rows
    ]
    label = f"{year}年" if year is not None else "全部年份"
    printed = write_ledger_pdf(out, lines, unit_name=unit_name(db), period_label=label, progress=progress)
    log_export(db, f"台账PDF（{label}）", printed.path, count=len(lines))
    return ExportResult(None, [printed.path], len(lines), [printed.warning()] if printed.warning() else [])


def export_yearly_review(
    db: Database, year: int, out: str | Path, *, progress: Progress | None = None, now: datetime | None = None
) -> ExportResult:
    """The yearly review of `year` (年度审查清单) to `out` (.xlsx): the documents not proactively disclosed with the
    year's decision, and the solicitations whose period was shortened, with the reason."""
    from exporters.review_xlsx import write_review_xlsx

    if not 2000 <= year <= 2100:
        raise UserError(f"年份“{year}”无效。")
    progress = progress or _noop
    progress(0, 2)
    review = register_counts.yearly_review(db, year)
    progress(1, 2)
    path = write_review_xlsx(out, review, unit=unit_name(db), generated=now or datetime.now(), program=PROGRAM)
    count = len(review.withheld) + len(review.shortened)
    log_export(db, f"{year}年度审查清单", path, count=count)
    progress(2, 2)
    result = ExportResult(None, [path], count)
    undecided = sum(1 for row in review.withheld if not row.decision)
    if undecided:
        result.warnings.append(f"有{undecided}件不予公开（或依申请公开）的公文尚未作出{year}年度审查决定。")
    return result
