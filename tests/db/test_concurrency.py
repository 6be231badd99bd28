"""Optimistic concurrency (issue 13): two clerks saving the same application → the second gets a clear conflict
with both versions shown, and nothing is overwritten."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from models.db import Database
from models.entities import Application
from models.services import applications
from models.services.applications import ApplicationInput
from models.services.concurrency import ConflictError

DAY = date(2026, 3, 2)


def form(**changes: object) -> ApplicationInput:
    base = ApplicationInput(
        received=DAY,
        channel="当面",
        applicant_type="自然人",
        applicant_name="周国庆",
        phone="13800000000",
        address="白鹤镇正街1号",
        content="申请公开本镇2025年道路硬化工程的招标文件",
        delivery_form="纸质",
    )
    return replace(base, **changes)


def test_concurrency_two_sessions_save_the_same_application_second_gets_conflict_first_change_stays(
    db: Database,
) -> None:
    number = applications.register(db, form(), today=DAY).number
    first, second = db._sessions(), db._sessions()  # two clerks' sessions  # noqa: SLF001
    try:
        mine = first.scalar(select(Application).where(Application.number == number))
        theirs = second.scalar(select(Application).where(Application.number == number))
        first.commit()  # both loaded; nothing is held open between loading and saving
        second.commit()
        mine.phone = "13911112222"
        first.commit()
        theirs.address = "白鹤镇河街8号"
        with pytest.raises(ConflictError) as caught:
            second.commit()
    finally:
        first.close()
        second.close()
    error = caught.value
    loaded, saved = theirs.version, applications.get_detail(db, number, today=DAY).version
    assert saved > loaded
    assert error.message.startswith(
        f"申请{number}在您打开后已被他人修改并保存（您打开的是第{loaded}版，现在是第{saved}版）"
    )
    assert "您的修改没有保存" in error.message
    assert "联系电话：已保存的是“13911112222”，您要保存的是“13800000000”" in error.details
    assert "通信地址：已保存的是“白鹤镇正街1号”，您要保存的是“白鹤镇河街8号”" in error.details
    stored = applications.get_detail(db, number, today=DAY).fields
    assert (stored.phone, stored.address) == ("13911112222", "白鹤镇正街1号")


def test_concurrency_two_forms_edit_the_same_application_second_save_is_refused_with_both_versions(
    db: Database,
) -> None:
    number = applications.register(db, form(), today=DAY).number
    opened_by_a = applications.get_detail(db, number, today=DAY)
    opened_by_b = applications.get_detail(db, number, today=DAY)
    loaded = opened_by_a.version
    assert opened_by_b.version == loaded
    applications.edit_registration(
        db, number, replace(opened_by_a.fields, applicant_name="周国清"), today=DAY, version=opened_by_a.version
    )
    with pytest.raises(ConflictError) as caught:
        applications.edit_registration(
            db, number, replace(opened_by_b.fields, phone="13700000000"), today=DAY, version=opened_by_b.version
        )
    saved = applications.get_detail(db, number, today=DAY).version
    assert saved > loaded
    assert f"您打开的是第{loaded}版，现在是第{saved}版" in caught.value.message
    assert "申请人：已保存的是“周国清”，您要保存的是“周国庆”" in caught.value.details
    assert "联系电话：已保存的是“13800000000”，您要保存的是“13700000000”" in caught.value.details
    after = applications.get_detail(db, number, today=DAY)
    assert (after.fields.applicant_name, after.fields.phone) == ("周国清", "13800000000")
    # reopened, the clerk's edit goes through
    applications.edit_registration(db, number, replace(after.fields, phone="13700000000"), today=DAY, version=saved)
    assert applications.get_detail(db, number, today=DAY).fields.phone == "13700000000"
