"""--demo (issue 10): realistic 征求意见 and 政策解读 records, one of each situation the clerk meets."""

from __future__ import annotations

from datetime import date

import pytest

from models.services import interpretations, solicitations
from models.services.demo_registers import seed_registers


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2026, 1, 20)])
def test_demo_has_a_30_day_decision_a_7_day_file_a_shortened_one_and_one_pending(db, today: date) -> None:  # noqa: ANN001
    seed_registers(db, today=today)
    rows = solicitations.list_solicitations(db, today=today)
    by_kind = {(r.kind, r.days, bool(r.shortening_reason)) for r in rows}
    assert {("重大行政决策", 30, False), ("行政规范性文件", 7, False), ("行政规范性文件", 5, True)} <= by_kind
    assert [r.title for r in solicitations.pending(db, today=today)] == ["白鹤镇生活垃圾分类处理收费方案（征求意见稿）"]
    flagged = [f.document.title for f in interpretations.sync_flags(db)]
    assert flagged == ["白鹤镇文明养犬管理规定"]
    assert len(interpretations.list_interpretations(db)) == 5
    seed_registers(db, today=today)  # a second run reuses the documents (文号 are unique)
