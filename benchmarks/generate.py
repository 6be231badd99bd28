"""Generate a large register for benchmarks: N applications with realistic outcomes, inserted in bulk.

The cached clock columns are computed by the real domain rules (case.fold/compute), so lists and filters
behave exactly as with data entered through the app.

    .venv/bin/python -m benchmarks.generate --db /tmp/bench.db --count 50000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from models.domain import case
from models.domain.case import Event, EventKind
from models.domain.identity import resident_id_check_char
from models.domain.results import ALL_ROWS
from models.entities import Application, ApplicationEvent, NumberSequence
from models.migrate import open_database
from models.services.holidays import load_calendar

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅兰春林海波"
TOPICS = [
    "道路硬化工程",
    "征收补偿安置方案",
    "低保对象名单",
    "财政预算执行情况",
    "高标准农田建设项目",
    "宅基地审批材料",
    "土地承包经营权流转合同",
    "党政联席会议记录",
    "农贸市场改造环评文件",
    "筹资筹劳收支明细",
    "行政处罚案卷",
    "危房改造补助名单",
    "森林防火工作方案",
    "河道治理工程合同",
    "村级公益事业一事一议项目",
]
PLACES = ["白鹤镇", "石桥村", "柳湾村", "新街社区", "龙潭村", "青山县"]


def generate(db_path: Path, count: int, *, today: date, seed: int = 7) -> float:
    rng = random.Random(seed)
    db = open_database(db_path)
    calendar = load_calendar(db)
    started = time.perf_counter()
    apps: list[dict] = []
    events: list[dict] = []
    seq_by_year: dict[int, int] = {}
    replies = [r for r in ALL_ROWS if r.code not in ("6.1", "6.2")]
    for i in range(1, count + 1):
        received = today - timedelta(days=rng.randint(0, 5 * 365))
        year = received.year
        seq_by_year[year] = seq_by_year.get(year, 0) + 1
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        first17 = (
            f"500235{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
        )
        content = f"申请公开{rng.choice(PLACES)}{rng.randint(2018, 2026)}年{rng.choice(TOPICS)}的相关文件"
        domain_events: list[Event] = []
        if (today - received).days > 40 or rng.random() < 0.3:
            row = rng.choice(replies)
            day = calendar.add_working_days(received, rng.randint(1, 20)).value
            if day <= today:
                data = {"result": row.result, "detail": row.detail, "served": day.isoformat(), "method": "直接"}
                domain_events.append(Event(len(events) + 1, EventKind.REPLY, day, data))
        facts = case.fold(received, domain_events)
        state = case.compute(facts, calendar, today)
        apps.append(
            {
                "id": i,
                "unit_id": 1,  # the database's own unit (migration 0009)
                "number": f"{year}-{seq_by_year[year]:04d}",
                "year": year,
                "seq": seq_by_year[year],
                "received": received,
                "channel": rng.choice(case.CHANNELS),
                "mail_kind": "",
                "applicant_type": rng.choice(case.APPLICANT_TYPES),
                "applicant_name": name,
                "id_type": "居民身份证",
                "id_number": first17 + resident_id_check_char(first17),
                "phone": f"138{rng.randint(10000000, 99999999)}",
                "address": rng.choice(PLACES),
                "postcode": "404100",
                "email": "",
                "content": content,
                "delivery_form": "纸质",
                "handler": "",
                "note": "",
                "status": state.status.value,
                "result": state.result.result if state.result else "",
                "detail": state.result.detail if state.result else "",
                "result_code": state.result.code if state.result else "",
                "result_date": state.result_date,
                "reply_due": state.reply_due,
                "supplement_notice_due": state.supplement_notice_due,
                "paused": state.deadline_state is case.DeadlineState.PAUSED,
                "served": state.served,
                "on_time": state.on_time,
                "calendar_uncertain": state.calendar_uncertain,
            }
        )
        events.append(
            {
                "application_id": i,
                "kind": "登记",
                "day": received,
                "data": {},
                "actor": "bench",
                "voided_by": "",
                "void_reason": "",
            }
        )
        for event in domain_events:
            events.append(
                {
                    "application_id": i,
                    "kind": event.kind.value,
                    "day": event.day,
                    "data": dict(event.data),
                    "actor": "bench",
                    "voided_by": "",
                    "void_reason": "",
                }
            )
    with db.transaction() as session:
        session.execute(insert(Application), apps)
        session.execute(insert(ApplicationEvent), events)
        for year, last in seq_by_year.items():
            session.merge(NumberSequence(unit_id=1, series=f"application:{year}", last=last))
    db.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description="生成基准测试用的申请登记数据")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50_000)
    args = parser.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} 已存在：请指定一个新文件")
    seconds = generate(args.db, args.count, today=date(2026, 11, 23))
    print(f"generated {args.count} applications in {seconds:.1f} s → {args.db}")


if __name__ == "__main__":
    main()
