"""Benchmark: the 公文 list with 100,000 documents — opening it and each filter, through the Qt table model
(count + first page + the shown rows' 发布情况), as the clerk waits for it. Target (issue 10): each ≤ 100 ms (median).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_documents_list [--count 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_applications_list import median_ms  # noqa: E402

TODAY = date(2026, 11, 23)
WORDS = ("惠民惠农", "道路硬化", "安全生产", "防汛抗旱", "乡村振兴", "人居环境", "集镇管理", "财政预算", "疫情防控")
TYPES = ("通知", "意见", "办法", "方案", "决定")


def generate(path: Path, count: int, *, seed: int = 11) -> float:
    """`count` documents (with cached clocks as the service stores them) and a small 公开目录, written directly."""
    from models.migrate import open_database

    started = time.perf_counter()
    open_database(path).close()
    rnd = random.Random(seed)
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO catalogue_node (id, uuid, parent_id, name, position, unit_id)"
        " VALUES (1, 'n1', NULL, '政府信息公开目录', 0, 1)"
    )
    for i, word in enumerate(WORDS, start=2):
        raw.execute("INSERT INTO catalogue_node (id, uuid, parent_id, name, position, unit_id)"
                    " VALUES (?, ?, 1, ?, ?, 1)", (i, f"n{i}", word, i))  # fmt: skip
    rows = []
    for i in range(count):
        written = date(2010, 1, 1) + timedelta(days=rnd.randrange((TODAY - date(2010, 1, 1)).days))
        proactive = rnd.random() < 0.8
        published = written + timedelta(days=rnd.randrange(1, 40)) if proactive and rnd.random() < 0.97 else None
        due = written + timedelta(days=28) if proactive else None
        word = rnd.choice(WORDS)
        rows.append((
            f"u{i}", f"白鹤府发〔{written.year}〕{i + 1}号", "白鹤府发", written.year, i + 1,
            f"白鹤镇人民政府关于{word}工作的{rnd.choice(TYPES)}（第{i}号）", "白鹤镇人民政府", written.isoformat(),
            rnd.choice(("行政规范性文件", "政策性文件", "其他", "其他")), "主动公开" if proactive else "依申请公开",
            "此件公开发布" if proactive else "此件依申请公开",
            "" if proactive else "涉及第三方", "" if proactive else "3.4",
            WORDS.index(word) + 2, "现行有效", published.isoformat() if published else None,
            due.isoformat() if due else None, ("按时发布" if published else "正常") if proactive else "",
        ))  # fmt: skip
    raw.executemany(
        "INSERT INTO document (uuid, number, organ_code, number_year, number_seq, title, issuer, written, category,"
        " attribute, note_mark, withhold_reason, basis_code, catalogue_node_id, state, published, publish_due,"
        " publish_state, doc_type, interpreter, needs_interpretation, publish_column, publish_url, department, note,"
        " created_by, calendar_uncertain, void_reason, voided_by, unit_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '通知', '', 0, '', '', '', '', '', 0, '', '',"
        " 1)",
        rows,
    )
    raw.commit()
    # no ANALYZE: a clerk's database never has planner statistics, and the figures are for that database
    raw.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from gui.table_models.documents_model import DocumentsTableModel
    from models.migrate import open_database
    from models.services import document_catalogue
    from models.services.documents import DocumentFilter

    path = Path(tempfile.mkdtemp()) / "bench.db"
    print(f"generating {args.count} documents … ", end="", flush=True)
    print(f"{generate(path, args.count):.1f} s")
    QApplication([])
    db = open_database(path)
    model = DocumentsTableModel(db, today=TODAY)
    branch = tuple(document_catalogue.subtree_ids(db, 2))

    def case(flt: DocumentFilter) -> Callable[[], None]:
        def run() -> None:
            model.set_filter(flt)
            for row in range(min(30, model.rowCount())):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column))

        return run

    cases = [
        ("open the list", DocumentFilter()),
        ("text '惠民惠农' (LIKE)", DocumentFilter(text="惠民惠农")),
        ("text '第4242号' (rare, LIKE)", DocumentFilter(text="第4242号")),
        ("category 行政规范性文件", DocumentFilter(category="行政规范性文件")),
        ("attribute 依申请公开", DocumentFilter(attribute="依申请公开")),
        ("publish 已逾期", DocumentFilter(publish="已逾期")),
        ("publish 未发布", DocumentFilter(publish="未发布")),
        ("catalogue node 惠民惠农", DocumentFilter(catalogue_node_ids=branch)),
        ("year 2025 + 主动公开", DocumentFilter(year=2025, attribute="主动公开")),
        ("expiring (validity)", DocumentFilter(expiring=True)),
    ]
    print(f"{'case':36s} {'median':>9s}  target ≤ 100 ms")
    failed = False
    for name, flt in cases:
        ms = median_ms(case(flt))
        failed |= ms > 100
        print(f"{name:36s} {ms:7.1f}ms  {'ok' if ms <= 100 else 'TOO SLOW'}  ({model.total()} rows)")
    db.close()
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
