"""Benchmark: the county server (issue 13) — 30 units × 10 years (2016–2025) of generated data on PostgreSQL.

In one run, each figure with its baseline:

- the county-wide annual table of 2025 (`county.county_return`), computed signed in as the county role (县级),
  against the 表三 aggregate SQL over every unit replayed with psycopg. Goal ≤ 2 s.
- one unit's application list: what the 依申请公开 page loads for its first screen (the calendar, then
  `applications.list_page` of 200 rows and the count, the unit's filter added by the service layer), for every
  unit; the slowest unit's median against the same SQL replayed with psycopg. Goal ≤ 100 ms.
- the import of a 1,000-record sync package, from `benchmarks.bench_sync.measure` when that module exists.

The data: per unit and year about `applications` applications (a township's rate, each unit busier or quieter)
with their registration and reply events and 答复书 in the letter register, and `documents` 公文. Generated once
in bulk and cached as a pg_dump (custom format) in benchmarks/.cache/ keyed by the parameters and the generator's
source: a later run restores it (pg_restore) instead of generating.

    nice .venv/bin/python -m benchmarks.bench_county [--pg-url postgresql://…] [--quick]

Without `--pg-url` (or DISCLOSURE_DESK_BENCH_PG_URL) a throwaway cluster is started (benchmarks/_pg.py).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks import _pg

TODAY = date(2026, 11, 23)
CACHE = Path(__file__).resolve().parent / ".cache"
COUNTY_USER, COUNTY_PASSWORD = "县政务公开办", "county-bench-2025"
PAGE = 200  # the applications page's PAGE_SIZE
REPORT_YEAR = 2025


@dataclass(frozen=True)
class Size:
    units: int = 30
    first_year: int = 2016
    last_year: int = 2025
    applications: int = 120  # per unit and year, on average (each unit 0.4–1.6× that)
    documents: int = 250  # per unit and year, on average
    seed: int = 13

    @property
    def label(self) -> str:
        return f"{self.units} 个单位 × {self.last_year - self.first_year + 1} 年"


FULL = Size()
QUICK = Size(units=3, first_year=2024, last_year=2025, applications=40, documents=60)


# -- generation --------------------------------------------------------------------------------------------


def generate(url: str, size: Size) -> dict[str, int]:
    """Write `size` of data into the (new) database at `url`, in bulk; returns the row counts."""
    from sqlalchemy import insert, update

    from benchmarks.generate import GIVEN, PLACES, SURNAMES, TOPICS
    from models.domain import case
    from models.domain.case import Event, EventKind
    from models.domain.identity import resident_id_check_char
    from models.domain.results import ALL_ROWS
    from models.entities import Application, ApplicationEvent, Document, Letter, NumberSequence, Unit
    from models.migrate import open_database
    from models.services import sql_portable, users
    from models.services.holidays import load_calendar

    rng = random.Random(size.seed)
    db = open_database(url)
    calendar = load_calendar(db)
    replies = [r for r in ALL_ROWS if r.code not in ("6.1", "6.2")]
    apps: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    letters: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    sequences: list[dict[str, Any]] = []
    towns = [f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{'镇' if i % 4 else '乡'}" for i in range(size.units)]
    for unit_id, town in enumerate(towns, start=1):
        busy = rng.uniform(0.4, 1.6)
        for year in range(size.first_year, size.last_year + 1):
            count = max(1, round(size.applications * busy * rng.uniform(0.8, 1.2)))
            start, days = date(year, 1, 1), (date(year, 12, 31) - date(year, 1, 1)).days
            received_days = sorted(start + timedelta(days=rng.randint(0, days)) for _ in range(count))
            for seq, received in enumerate(received_days, start=1):
                app_id = len(apps) + 1
                domain_events: list[Event] = []
                if rng.random() < 0.97:  # a few stay open (补正, 征求意见 pending …)
                    outcome = rng.choice(replies)
                    day = calendar.add_working_days(received, rng.randint(1, 20)).value
                    data = {"result": outcome.result, "detail": outcome.detail, "served": day.isoformat(),
                            "method": "直接"}  # fmt: skip
                    domain_events.append(Event(len(events) + 1, EventKind.REPLY, day, data))
                    letters.append({
                        "unit_id": unit_id, "application_id": app_id, "kind": "reply", "year": day.year,
                        "title": "政府信息公开申请答复书", "file_path": "", "created_by": "基准测试", "voided_by": "",
                        "void_reason": "", "number": f"{town}政府信息公开",  # the prefix: the 字号 in _number_letters
                    })  # fmt: skip
                state = case.compute(case.fold(received, domain_events), calendar, TODAY)
                first17 = (f"500237{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                           f"{rng.randint(100, 999)}")  # fmt: skip
                apps.append({
                    "id": app_id, "unit_id": unit_id, "number": f"{year}-{seq:04d}", "year": year, "seq": seq,
                    "received": received, "channel": rng.choice(case.CHANNELS), "mail_kind": "",
                    "applicant_type": rng.choice(case.APPLICANT_TYPES),
                    "applicant_name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2))),
                    "id_type": "居民身份证", "id_number": first17 + resident_id_check_char(first17),
                    "phone": f"139{rng.randint(10000000, 99999999)}", "address": f"{town}{rng.choice(PLACES)}",
                    "postcode": "404700", "email": "", "delivery_form": "纸质", "handler": "", "note": "",
                    "content": f"申请公开{town}{year}年{rng.choice(TOPICS)}的相关文件",
                    "status": state.status.value, "result": state.result.result if state.result else "",
                    "detail": state.result.detail if state.result else "",
                    "result_code": state.result.code if state.result else "", "result_date": state.result_date,
                    "reply_due": state.reply_due, "supplement_notice_due": state.supplement_notice_due,
                    "paused": state.deadline_state is case.DeadlineState.PAUSED, "served": state.served,
                    "on_time": state.on_time, "calendar_uncertain": state.calendar_uncertain,
                })  # fmt: skip
                for kind, day, data in [(EventKind.REGISTERED, received, {}),
                                        *((e.kind, e.day, dict(e.data)) for e in domain_events)]:  # fmt: skip
                    events.append({"id": len(events) + 1, "application_id": app_id, "kind": kind.value, "day": day,
                                   "data": data, "actor": "基准测试", "voided_by": "", "void_reason": ""})  # fmt: skip
            sequences.append({"unit_id": unit_id, "series": f"application:{year}", "last": count})
            docs += _documents(rng, unit_id, town, year, max(1, round(size.documents * rng.uniform(0.6, 1.4))))
    sequences += _number_letters(letters)
    with db.engine.begin() as conn:  # core statements: no unit filter, every unit's rows at once
        conn.execute(update(Unit).where(Unit.id == 1).values(code="U01", name=f"{towns[0]}人民政府"))
        more = [{"id": i, "code": f"U{i:02d}", "name": f"{t}人民政府"} for i, t in enumerate(towns, start=1)][1:]
        if more:
            conn.execute(insert(Unit), more)
        for model, rows in ((Application, apps), (ApplicationEvent, events), (Letter, letters), (Document, docs),
                            (NumberSequence, sequences)):  # fmt: skip
            for start in range(0, len(rows), 20_000):
                conn.execute(insert(model), rows[start : start + 20_000])
    with db.transaction() as session:
        for table in ("unit", "application", "application_event"):
            sql_portable.ids_given(session, table)
    users.add_user(db, COUNTY_USER, users.COUNTY, COUNTY_PASSWORD)
    db.close()
    _pg.execute(url, "VACUUM ANALYZE")
    return {"units": size.units, "applications": len(apps), "events": len(events), "letters": len(letters),
            "documents": len(docs)}  # fmt: skip


def _number_letters(letters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each letter's seq and 字号 per unit and year, in issue order (a December request's reply is numbered in
    January); returns the letter sequences' rows."""
    from models.domain.letters import DEFAULT_NUMBER_PATTERN, format_number

    last: dict[tuple[int, int], int] = {}
    for letter in letters:
        key = (letter["unit_id"], letter["year"])
        last[key] = last.get(key, 0) + 1
        letter["seq"] = last[key]
        letter["number"] = format_number(DEFAULT_NUMBER_PATTERN, prefix=letter["number"], year=key[1], seq=last[key])
    return [{"unit_id": u, "series": f"letter:{y}", "last": n} for (u, y), n in last.items()]


def _documents(rng: random.Random, unit_id: int, town: str, year: int, count: int) -> list[dict[str, Any]]:
    from benchmarks.bench_documents_list import TYPES, WORDS

    rows = []
    for seq in range(1, count + 1):
        written = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        proactive = rng.random() < 0.8
        published = written + timedelta(days=rng.randrange(1, 40)) if proactive and rng.random() < 0.97 else None
        rows.append({
            "unit_id": unit_id, "number": f"{town}府发〔{year}〕{seq}号", "organ_code": f"{town}府发",
            "number_year": year, "number_seq": seq, "written": written,
            "title": f"{town}人民政府关于{rng.choice(WORDS)}工作的{rng.choice(TYPES)}（第{seq}号）",
            "issuer": f"{town}人民政府", "doc_type": "通知",
            "category": rng.choice(("行政规范性文件", "政策性文件", "其他", "其他")),
            "attribute": "主动公开" if proactive else "依申请公开",
            "note_mark": "此件公开发布" if proactive else "此件依申请公开",
            "withhold_reason": "" if proactive else "涉及第三方", "basis_code": "" if proactive else "3.4",
            "state": "现行有效", "published": published, "publish_from": written if proactive else None,
            "publish_due": written + timedelta(days=28) if proactive else None,
            "publish_state": ("按时发布" if published else "正常") if proactive else "",
            "on_time": bool(published) if proactive else None,
            "interpreter": "", "needs_interpretation": False, "publish_column": "", "publish_url": "",
            "department": "", "note": "", "created_by": "", "calendar_uncertain": False, "void_reason": "",
            "voided_by": "",
        })  # fmt: skip
    return rows


def _cache_file(folder: Path, size: Size) -> Path:
    from models import migrate

    versions = sorted(p.name for p in (Path(migrate.__file__).parent / "migrations" / "versions").glob("*.py"))
    key = (
        repr(asdict(size))
        + repr(versions)
        + "".join(inspect.getsource(f) for f in (generate, _documents, _number_letters))
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"county-{hashlib.sha256(key.encode()).hexdigest()[:12]}.pgdump"


@contextmanager
def county_database(admin_url: str, size: Size, cache: Path, log: Callable[[str], None] = print) -> Iterator[str]:
    """A database with `size` of data (restored from the cached dump, else generated and dumped), dropped after."""
    from models.migrate import open_database

    name = f"dd_bench_county_{hashlib.sha256(repr(size).encode()).hexdigest()[:8]}"
    url = _pg.create(admin_url, name)
    dump = _cache_file(cache, size)
    try:
        started = time.perf_counter()
        if dump.exists():
            _pg.restore(dump, url)
            _pg.execute(url, "ANALYZE")  # pg_restore brings no planner statistics
            open_database(url).close()  # a newer migration, if any, runs here
            log(f"restored {dump.name} in {time.perf_counter() - started:.1f} s")
        else:
            log(f"generating {size.label} into PostgreSQL …")
            counts = generate(url, size)
            scratch = dump.with_suffix(".building")
            _pg.dump(url, scratch)
            scratch.rename(dump)
            log(f"generated {counts} in {time.perf_counter() - started:.1f} s → {dump.name}")
        yield url
    finally:
        _pg.drop(admin_url, name)


# -- the figures -------------------------------------------------------------------------------------------


def _row(figure: str, value: float, baseline: float | None, label: str, goal: str, met: bool) -> dict[str, Any]:
    return {"figure": figure, "value": value, "unit": "ms", "baseline": baseline, "baseline_label": label,
            "ratio": value / baseline if baseline else None, "goal": goal, "met": met}  # fmt: skip


def _psycopg(url: str) -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    return psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))


def _check(what: str, shown: int, stored: int) -> None:
    """A figure measured on a wrong answer is no figure: the service's count against the rows stored."""
    if shown != stored:
        raise RuntimeError(f"{what}：服务给出 {shown}，数据库中为 {stored}")


def county_table(url: str, size: Size, runs: int) -> dict[str, Any]:
    from benchmarks.run import median_of
    from models.domain.statistics import NEW, Period
    from models.migrate import open_database
    from models.services import county, reports, users

    db = open_database(url)
    raw = _psycopg(url)
    try:
        users.sign_in(db, COUNTY_USER, COUNTY_PASSWORD)
        table = county.county_return(db, str(REPORT_YEAR))  # warm-up (statements prepared, caches filled)
        received = (
            f"SELECT count(*) FROM application WHERE received BETWEEN '{REPORT_YEAR}-01-01' AND '{REPORT_YEAR}-12-31'"
        )
        _check("全县本年新收申请", table.table3.table.get(NEW), raw.execute(received).fetchone()[0])
        ms = median_of(lambda: county.county_return(db, str(REPORT_YEAR)), runs)
        sql = str(reports.aggregate_statement(Period.year(REPORT_YEAR)).compile(
            db.engine, compile_kwargs={"literal_binds": True}))  # fmt: skip
        raw_ms = median_of(lambda: raw.execute(sql).fetchall(), runs)
    finally:
        raw.close()
        db.close()
    figure = f"县级：全县 {REPORT_YEAR} 年度报告（{size.label}，县级账号）"
    return _row(figure, ms, raw_ms, "全县表三聚合SQL（psycopg）", "≤ 2 s", ms <= 2000)


def unit_list(url: str, size: Size, runs: int, log: Callable[[str], None] = print) -> dict[str, Any]:
    """The slowest unit's first screen of 依申请公开 (median over `runs`), against its SQL replayed."""
    from benchmarks.run import captured, median_of
    from models.migrate import open_database
    from models.services import applications, units
    from models.services.holidays import load_calendar

    db = open_database(url)
    raw = _psycopg(url)
    try:
        worst: tuple[float, float, str] = (-1.0, 0.0, "")
        for unit in units.list_units(db):
            units.choose(db, unit.code)

            def first_screen() -> object:
                calendar = load_calendar(db)
                return applications.list_page(db, applications.ListFilter(), today=TODAY, limit=PAGE,
                                              calendar=calendar)  # fmt: skip

            page = first_screen()  # warm-up: the unit is resolved once per open database
            stored = raw.execute("SELECT count(*) FROM application WHERE unit_id = %s", (unit.id,)).fetchone()[0]
            _check(f"单位 {unit.code} 的申请总数", page.total, stored)  # type: ignore[attr-defined]
            with captured(db) as statements:
                first_screen()

            def replay(statements: list[tuple[str, Any]] = statements) -> None:
                with raw.cursor() as cursor:
                    for statement, parameters in statements:
                        cursor.execute(statement, parameters)
                        if cursor.description is not None:
                            cursor.fetchall()
                raw.rollback()

            ms, raw_ms = median_of(first_screen, runs), median_of(replay, runs)
            if ms > worst[0]:
                worst = (ms, raw_ms, unit.code)
        log(f"slowest unit list: {worst[2]} {worst[0]:.1f} ms")
    finally:
        raw.close()
        db.close()
    ms, raw_ms, code = worst
    figure = f"县级：单位申请列表首屏（{size.label}，最慢的单位 {code}，每页 {PAGE} 行）"
    return _row(figure, ms, raw_ms, "同一SQL（psycopg）", "≤ 100 ms", ms <= 100)


SYNC_FIGURE = "县级：导入 1,000 条记录的同步包（PostgreSQL）"


def sync_import(admin_url: str, work: Path, runs: int, quick: bool) -> list[dict[str, Any]]:
    """benchmarks/bench_sync.py's rows (written with the sync feature), or one row saying why there is none."""
    from benchmarks.run import _call_measure

    try:
        rows = _call_measure("benchmarks.bench_sync", pg_url=admin_url, admin_url=admin_url, work=work, runs=runs,
                             quick=quick, records=1000)  # fmt: skip
    except Exception as error:  # noqa: BLE001 - reported as its row
        return [{"figure": SYNC_FIGURE, "error": f"bench_sync: {type(error).__name__}: {error}"}]
    if rows is None:
        from importlib.util import find_spec

        why = "其 measure 需要本报告不知道的参数" if find_spec("benchmarks.bench_sync") else "尚未提供"
        return [
            {"figure": SYNC_FIGURE, "skipped": f"benchmarks/bench_sync.py（同步包导入的基准）{why}", "goal": "≤ 5 s"}
        ]
    return rows


def measure(
    *,
    pg_url: str | None = None,
    quick: bool = False,
    size: Size | None = None,
    runs: int | None = None,
    cache: Path = CACHE,
    work: Path | None = None,
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """The county figures as report rows (figure, value, unit, baseline, baseline_label, ratio, goal, met)."""
    size = size or (QUICK if quick else FULL)
    runs = runs or (3 if quick else 7)
    work = work or cache / "work"
    work.mkdir(parents=True, exist_ok=True)
    with _pg.server(pg_url) as admin_url:
        with county_database(admin_url, size, cache, log) as url:
            rows = [county_table(url, size, runs), unit_list(url, size, runs, log)]
        return rows + sync_import(admin_url, work, max(1, runs // 2), quick)


def main() -> None:
    parser = argparse.ArgumentParser(description="县级服务器（PostgreSQL）的基准测试")
    parser.add_argument("--pg-url", help=f"PostgreSQL 服务器（默认 ${_pg.ENV_URL}，否则临时启动一个）")
    parser.add_argument("--quick", action="store_true", help=f"小数据量（{QUICK.label}）")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = measure(pg_url=args.pg_url, quick=args.quick, cache=args.cache)
    for r in rows:
        if "error" in r or "skipped" in r:
            print(f"{r['figure']}: {r.get('error') or r['skipped']}")
            continue
        print(f"{r['figure']}: {r['value']:.1f} {r['unit']} (baseline {r['baseline']:.1f}, {r['ratio']:.2f}×) "
              f"goal {r['goal']}: {'met' if r['met'] else 'NOT MET'}")  # fmt: skip
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
