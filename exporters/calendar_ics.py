"""The deadline agenda as an iCalendar file (.ics) for any calendar program or phone: one all-day VEVENT per item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from exporters.atomic_file import atomic_write
from models.domain.deadline_calendar import DeadlineItem

PRODID = "-//政务公开工作台//期限日历//ZH"
UID_DOMAIN = "disclosure-desk"


def build_calendar(items: Sequence[DeadlineItem], *, stamp: datetime | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "政务公开期限日历")
    stamp = stamp or datetime.now(UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))  # all-day: DTEND is the next day, exclusive
        event.add("summary", f"【{item.register}】{item.key} {item.what}")
        event.add(
            "description",
            f"状态：{item.state}\n登记簿：{item.register}\n编号：{item.key}\n期限：{item.due.isoformat()}",
        )
        cal.add_component(event)
    return cal


def write_ics(path: Path, items: Sequence[DeadlineItem]) -> Path:
    data = build_calendar(items).to_ical()
    return atomic_write(path, lambda temp: temp.write_bytes(data), program="日历程序")
