"""`applications void NUMBER --reason TEXT` and `applications delete NUMBER`, typed as a clerk would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.case import EventKind
from models.migrate import open_database
from models.services import applications as service
from tests.cli.runner import Cli


def _run(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return Cli(db_path, capsys)(*args)


@pytest.fixture
def two(tmp_path: Path, database_target: Path | str) -> Path | str:
    path = tmp_path / "c.db" if isinstance(database_target, Path) else database_target  # the engine under test
    db = open_database(path)
    try:
        for name in ("王小明", "张错登"):
            service.register(
                db,
                service.ApplicationInput(
                    received=date(2025, 9, 22), applicant_name=name, content="申请公开道路工程合同"
                ),
                actor="李四",
                today=date(2025, 9, 22),
            )
        service.record_event(
            db, "2025-0002", EventKind.WITHDRAWN, date(2025, 9, 23), actor="李四", today=date(2025, 9, 23)
        )
    finally:
        db.close()
    return path


def test_gui_void_cli_needs_a_reason_and_an_operator_then_leaves_the_list(two, capsys) -> None:  # noqa: ANN001
    code, out, err = _run(two, capsys, "applications", "void", "2025-0002")
    assert code == 2 and "--reason" in err and out == ""
    code, _out, err = _run(two, capsys, "applications", "void", "2025-0002", "--reason", "重复登记")
    assert code == 2 and "经办人" in err  # no operator: the computer login is not taken instead
    code, out, err = _run(
        two, capsys, "applications", "void", "2025-0002", "--reason", "重复登记", "--operator", "李晓梅"
    )
    assert (code, err) == (0, "") and "已作废申请2025-0002" in out
    _code, out, _err = _run(two, capsys, "applications", "list", "--today", "2025-12-31")
    assert "2025-0001" in out and "2025-0002" not in out and "共 1 件" in out
    code, _out, err = _run(two, capsys, "applications", "delete", "2025-0002")
    assert code == 2 and "不能删除" in err


def test_gui_delete_cli_removes_a_bare_registration(two, capsys) -> None:  # noqa: ANN001
    code, out, err = _run(two, capsys, "applications", "delete", "2025-0001")
    assert (code, err) == (0, "") and "已删除申请2025-0001" in out
    code, _out, err = _run(two, capsys, "applications", "show", "2025-0001")
    assert code == 2 and "找不到" in err


def test_gui_overdue_cli_text_reads_overdue_n_working_days(two, capsys) -> None:  # noqa: ANN001
    # Received Mon 2025-09-22: 9-23…26, 9-28 (调休上班), 9-29, 9-30, 10-09, 10-10, 10-11 (调休上班), 10-13…17,
    # 10-20…24 → due 2025-10-24; on 2025-10-30 (10-27…30) it is 4 working days late.
    _code, out, _err = _run(two, capsys, "applications", "list", "--today", "2025-10-30")
    assert "2025-10-24\t逾期4个工作日" in out and "\t-4\t" not in out
    _code, out, _err = _run(two, capsys, "applications", "show", "2025-0001", "--today", "2025-10-30")
    assert "剩余工作日：逾期4个工作日" in out
