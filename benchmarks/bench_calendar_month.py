"""Benchmark: the 期限日历 month with 10,000 open deadlines — the service call a month view redraws from
(`deadline_calendar.month_days`: every register's items of the month plus each day's 休/班 mark).
Target (issue 11): ≤ 100 ms (median).

    .venv/bin/python -m benchmarks.bench_calendar_month [--open 10000] [--closed 50000]

The open deadlines all fall in the month shown (the worst case): open applications with a 答复期限, paused ones
with a third party's 15 working days (their events are folded), unpublished 公文 (行政规范性文件 among them also
owe a 政策解读), and 征求意见 closing; `--closed` answered applications of earlier years stay in the database.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.bench_applications_list import median_ms

TODAY = date(2026, 11, 23)
YEAR, MONTH = 2026, 11
APP_COLUMNS = (
    "id, number, year, seq, received, channel, mail_kind, applicant_type, applicant_name, id_type, id_number, phone,"
    " address, postcode, email, content, delivery_form, handler, note, status, result, detail, result_code,"
    " result_date, reply_due, supplement_notice_due, paused, served, on_time, calendar_uncertain, unit_id, uuid"
)


def _in_month(rnd: random.Random) -> date:
    return date(YEAR, MONTH, rnd.randint(1, 30))


def generate(path: Path, open_count: int, closed: int, *, seed: int = 11) -> tuple[float, int]:
    """Rows as the services cache them, written directly; returns (seconds, deadlines planted in the month)."""
    from models.migrate import open_database

    started = time.perf_counter()
    open_database(path).close()
    rnd = random.Random(seed)
    raw = sqlite3.connect(path)
    apps, events = [], []
    n_apps = open_count * 50 // 100
    n_paused = open_count * 2 // 100
    for i in range(1, closed + n_apps + n_paused + 1):
        is_open = i > closed
        paused = i > closed + n_apps
        received = _in_month(rnd) - timedelta(days=28) if is_open else date(2018 + i % 8, 1 + i % 12, 1 + i % 28)
        due = None if paused else (_in_month(rnd) if is_open else received + timedelta(days=28))
        apps.append((
            i, f"{received.year}-{i:06d}"[:12], received.year, i, received.isoformat(), "当面", "", "自然人",
            f"申请人{i}", "", "", "", "", "", "", f"申请公开第{i}号事项", "纸质", "李四", "",
            "征求意见中" if paused else ("办理中" if is_open else "已答复"), "" if is_open else "予以公开", "",
            "", None if is_open else due.isoformat() if due else None, due.isoformat() if due else None,
            (received - timedelta(days=20)).isoformat(), paused, None, None, False, 1, f"app-{i}",
        ))  # fmt: skip
        if paused:
            sent = _in_month(rnd) - timedelta(days=21)
            events.append(
                (i, "发出征求意见", sent.isoformat(), json.dumps({"party_kind": "第三方", "party": f"公司{i}"}))
            )
    raw.executemany(f"INSERT INTO application ({APP_COLUMNS}) VALUES ({', '.join('?' * 32)})", apps)
    raw.executemany(
        "INSERT INTO application_event (application_id, kind, day, data, actor, voided_by, void_reason, uuid)"
        " VALUES (?, ?, ?, ?, '李四', '', '', lower(hex(randomblob(16))))",
        events,
    )
    n_docs = open_count * 28 // 100
    n_normative = open_count * 5 // 100  # two deadlines each: publication and 政策解读
    docs = []
    for i in range(n_docs + n_normative):
        due = _in_month(rnd)
        written = due - timedelta(days=28)
        category = "行政规范性文件" if i >= n_docs else "其他"
        number = f"白鹤府发〔2026〕{i + 1}号"
        docs.append((f"d{i}", number, written.year, i + 1, f"关于第{i}项工作的通知", written.isoformat(), category,
                     due.isoformat()))  # fmt: skip
    raw.executemany(
        "INSERT INTO document (uuid, number, organ_code, number_year, number_seq, title, issuer, written, category,"
        " attribute, note_mark, withhold_reason, basis_code, state, publish_due, publish_state, doc_type,"
        " interpreter, needs_interpretation, publish_column, publish_url, department, note, created_by,"
        " calendar_uncertain, void_reason, voided_by, unit_id)"
        " VALUES (?, ?, '白鹤府发', ?, ?, ?, '白鹤镇人民政府', ?, ?, '主动公开', '此件公开发布', '', '', '现行有效', ?,"
        " '正常', '通知', '', 0, '', '', '', '', '', 0, '', '', 1)",
        docs,
    )
    n_sol = open_count * 5 // 100  # closing + (results pending) — the results fall the next day
    sols = []
    for i in range(n_sol):
        end = date(YEAR, MONTH, rnd.randint(1, 29))
        sols.append((f"s{i}", f"第{i}号草案（征求意见稿）", (end - timedelta(days=30)).isoformat(), end.isoformat()))
    raw.executemany(
        'INSERT INTO solicitation (uuid, title, kind, start, "end", channel, shortening_reason, received_count,'
        " adopted_count, partly_adopted_count, rejected_count, rejection_reason, note, created_by, voided_by,"
        " void_reason, unit_id) VALUES (?, ?, '重大行政决策', ?, ?, '网站', '', 0, 0, 0, 0, '', '', '', '', '', 1)",
        sols,
    )
    raw.commit()
    # no ANALYZE: a clerk's database never has planner statistics, and the figures are for that database
    raw.close()
    planted = n_apps + n_paused + n_docs + 2 * n_normative + 2 * n_sol
    return time.perf_counter() - started, planted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=10_000, help="open deadlines planted in the month")
    parser.add_argument("--closed", type=int, default=50_000, help="answered applications of earlier years")
    args = parser.parse_args()

    from models.migrate import open_database
    from models.services import deadline_calendar

    path = Path(tempfile.mkdtemp()) / "bench.db"
    print(f"generating {args.open} open deadlines + {args.closed} closed applications … ", end="", flush=True)
    seconds, planted = generate(path, args.open, args.closed)
    print(f"{seconds:.1f} s ({planted} deadlines planted in {YEAR}-{MONTH:02d})")
    db = open_database(path)
    days = deadline_calendar.month_days(db, YEAR, MONTH, today=TODAY)
    items = sum(len(d.items) for d in days)
    ms = median_ms(lambda: deadline_calendar.month_days(db, YEAR, MONTH, today=TODAY))
    ok = ms <= 100
    verdict = "ok" if ok else "TOO SLOW"
    print(f"month_days({YEAR}-{MONTH:02d}): {items} items, median {ms:.1f} ms  target ≤ 100 ms  {verdict}")
    db.close()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
