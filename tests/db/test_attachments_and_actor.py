"""Attachments keep a copy with its SHA-256; every recorded fact names who recorded it."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from models.domain.case import EventKind
from models.domain.errors import UserError
from models.services import applications as service
from models.services import attachments
from models.services.settings import set_setting

TODAY = date(2026, 11, 23)


def _register(db) -> str:  # noqa: ANN001
    data = service.ApplicationInput(received=date(2026, 11, 2), applicant_name="张三", content="申请公开某合同")
    return service.register(db, data, today=TODAY).number


def test_an_attachment_is_copied_with_its_hash_and_a_changed_copy_is_flagged(db, tmp_path: Path) -> None:
    number = _register(db)
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned application")
    info = attachments.add_attachment(db, number, scan, "申请书扫描件")
    assert info.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert info.path != scan and info.path.read_bytes() == scan.read_bytes()
    scan.unlink()  # the clerk deletes the original: the copy stays
    (listed,) = attachments.list_attachments(db, number)
    assert listed.intact and listed.original_name == "申请书.pdf"
    listed.path.write_bytes(b"tampered")
    assert not attachments.list_attachments(db, number)[0].intact


def test_an_attachment_of_an_unknown_kind_or_missing_file_is_refused(db, tmp_path: Path) -> None:
    number = _register(db)
    with pytest.raises(UserError, match="找不到文件"):
        attachments.add_attachment(db, number, tmp_path / "none.pdf", "信封")
    with pytest.raises(UserError, match="附件类型"):
        attachments.add_attachment(db, number, tmp_path, "照片")
    assert attachments.list_attachments(db, number) == []


def test_the_operator_setting_is_recorded_as_who(db) -> None:
    set_setting(db, "operator", "李晓梅")
    number = _register(db)
    detail = service.record_event(
        db, number, EventKind.SUPPLEMENT_NOTICE, date(2026, 11, 5), {"deadline": date(2026, 11, 20)}, today=TODAY
    )
    assert [e.actor for e in detail.timeline] == ["李晓梅", "李晓梅"]
    detail = service.record_event(
        db, number, EventKind.SUPPLEMENT_RECEIVED, date(2026, 11, 9), actor="王磊", today=TODAY
    )
    assert detail.timeline[-1].actor == "王磊"
