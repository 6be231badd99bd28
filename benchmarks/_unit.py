"""The benchmark unit: one database with N documents, M applications (with their events), some 征求意见 and
政策解读, a complete 单位信息 and an operator — built once and cached under benchmarks/.cache/ by a hash of its
parameters (and of the generators' source), so later runs reuse it.

Also the smaller databases some figures need (the month with 10,000 deadlines, a bare ledger import target).
"""

from __future__ import annotations

import hashlib
import inspect
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
TODAY = date(2026, 11, 23)


def cache_path(folder: Path, kind: str, build: Callable[..., object], **params: object) -> Path:
    """<folder>/<kind>-<hash of params, the builder's source and the migrations' files>.db (a schema change makes
    a new cache: a database built under another chain of migrations is never reused)."""
    versions = Path(__file__).resolve().parents[1] / "models" / "migrations" / "versions"
    schema = "".join(f"{p.name}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in sorted(versions.glob("*.py")))
    key = repr(sorted(params.items())) + inspect.getsource(build) + schema
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{digest}.db"


def cached(
    folder: Path, kind: str, build: Callable[..., object], log: Callable[[str], None] = print, **params: object
) -> Path:
    """The cached database for these parameters, built into a scratch file first (never a half-built cache)."""
    path = cache_path(folder, kind, build, **params)
    if path.exists():
        log(f"reusing {path.name}")
        return path
    scratch = path.with_suffix(".building")
    if scratch.exists():
        shutil.rmtree(scratch) if scratch.is_dir() else scratch.unlink()
    log(f"building {path.name} ({', '.join(f'{k}={v}' for k, v in params.items())}) …")
    build(scratch, **params)
    for suffix in ("-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    scratch.rename(path)
    return path


def build_unit(path: Path, *, applications: int, documents: int, solicitations: int, interpretations: int) -> None:
    from benchmarks import bench_documents_list
    from benchmarks.generate import generate

    generate(path, applications, today=TODAY)
    bench_documents_list.generate(path, documents)
    _registers(path, solicitations, interpretations, documents)
    _ready_for_gui(path)


def _registers(path: Path, solicitations: int, interpretations: int, documents: int) -> None:
    from sqlalchemy import insert

    from models.domain.interpretations import Form
    from models.entities import Interpretation, InterpretationForm, Solicitation
    from models.migrate import open_database

    rnd = random.Random(5)
    forms = list(Form)
    sol_rows, int_rows, form_rows = [], [], []
    for i in range(1, solicitations + 1):
        start = TODAY - timedelta(days=rnd.randrange(5 * 365))
        end = start + timedelta(days=30)
        published = end + timedelta(days=rnd.randrange(1, 20)) if end < TODAY and rnd.random() < 0.8 else None
        sol_rows.append({
            "unit_id": 1,
            "id": i, "title": f"关于第{i}项重大行政决策的征求意见稿", "kind": "重大行政决策",
            "start": start, "end": end,
            "channel": rnd.choice(("网站", "公告栏", "座谈会")), "results_published": published,
            "document_id": rnd.randint(1, documents) if documents and rnd.random() < 0.5 else None,
        })  # fmt: skip
    for i in range(1, interpretations + 1):
        published = TODAY - timedelta(days=rnd.randrange(5 * 365)) if rnd.random() < 0.9 else None
        int_rows.append({
            "unit_id": 1,
            "id": i, "document_id": rnd.randint(1, max(documents, 1)), "title": f"《第{i}号文件》政策解读",
            "interpreter": "白鹤镇人民政府", "published": published,
        })  # fmt: skip
        for form in rnd.sample(forms, rnd.randint(1, 3)):
            form_rows.append({"interpretation_id": i, "form": form.value})
    db = open_database(path)
    try:
        with db.transaction() as session:
            if sol_rows:
                session.execute(insert(Solicitation), sol_rows)
            if int_rows and documents:
                session.execute(insert(Interpretation), int_rows)
                session.execute(insert(InterpretationForm), form_rows)
    finally:
        db.close()


def _ready_for_gui(path: Path) -> None:
    """单位信息 complete and an operator set: the window opens without the first-run questions."""
    from models.migrate import open_database
    from models.services import demo_letters
    from models.services.settings import set_setting

    db = open_database(path)
    try:
        demo_letters.ensure_profile(db)
        set_setting(db, "operator", "基准测试")
    finally:
        db.close()
    raw = sqlite3.connect(path)
    # no ANALYZE: a clerk's database never has planner statistics, and the figures are for that database
    raw.commit()
    raw.close()


def build_month(path: Path, *, open_count: int, closed: int) -> None:
    from benchmarks.bench_calendar_month import generate

    generate(path, open_count, closed)


def build_applications(path: Path, *, count: int) -> None:
    from benchmarks.generate import generate

    generate(path, count, today=TODAY)
    _ready_for_gui(path)


def build_empty(path: Path) -> None:
    from models.migrate import open_database

    open_database(path).close()
    _ready_for_gui(path)


def fresh_copy(source: Path, target: Path) -> Path:
    """A copy of a cached database to work on (figures that write must not change the cache)."""
    shutil.copyfile(source, target)
    return target
