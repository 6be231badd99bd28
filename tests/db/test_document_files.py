"""Add a document from its file (issue 10): the 字号, 标题, 成文日期 and 附注 read from a GB/T 9704 .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import UserError
from models.services.document_files import read_document_file
from tests.docx_samples import write_gbt9704


def test_add_from_file_reads_number_title_date_and_note(tmp_path: Path) -> None:
    proposal = read_document_file(write_gbt9704(tmp_path / "12号.docx"))
    assert proposal.number == "白鹤府发〔2025〕12号"
    assert proposal.title == "白鹤镇人民政府关于印发2025年惠民惠农财政补贴资金发放办法的通知"
    assert proposal.written == date(2025, 9, 22)
    assert proposal.note_mark == "此件公开发布"
    assert proposal.attribute == "主动公开"
    assert proposal.issuer == "白鹤镇人民政府"
    assert proposal.doc_type == "通知"
    assert proposal.missing == []


def test_add_from_file_with_chinese_date_and_on_request_note(tmp_path: Path) -> None:
    path = write_gbt9704(
        tmp_path / "a.docx",
        number="白鹤府办发[2024]041号",
        written="二〇二四年十二月三十一日",
        note="（此件依申请公开）",
    )
    proposal = read_document_file(path)
    assert proposal.number == "白鹤府办发〔2024〕41号"
    assert proposal.written == date(2024, 12, 31)
    assert (proposal.note_mark, proposal.attribute) == ("此件依申请公开", "依申请公开")


def test_add_from_file_without_number_says_what_is_missing(tmp_path: Path) -> None:
    proposal = read_document_file(write_gbt9704(tmp_path / "b.docx", number="", note=""))
    assert proposal.missing == ["文号", "附注"]
    assert proposal.written == date(2025, 9, 22)


def test_add_from_malformed_docx_is_refused_in_chinese(tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a real zip")
    with pytest.raises(UserError, match="无法读取“坏文件.docx”：它不是有效的Word文档"):
        read_document_file(broken)
    with pytest.raises(UserError, match="不是.docx文件"):
        read_document_file(tmp_path / "x.doc")
