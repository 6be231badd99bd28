"""The lists the unit publishes from the 公文 register (issue 10): the 行政规范性文件 catalogue by 状态 (xlsx, PDF
with the embedded CJK font) and the 主动公开目录 (the 公开目录 tree with its documents, xlsx)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from models.db import Database
from models.services import document_catalogue as catalogue
from models.services import document_exports, documents, profile
from models.services.documents import DocumentInput

TODAY = date(2025, 12, 31)


def add(db: Database, number: str, title: str, **changes: object) -> int:
    data = DocumentInput(number=number, title=title, written=date(2025, 3, 3), category="行政规范性文件")
    values = {**data.__dict__, **changes}
    return documents.add_document(db, DocumentInput(**values), today=TODAY).id  # type: ignore[arg-type]


@pytest.fixture
def register(db: Database) -> Database:
    profile.set_field(db, "单位名称", "青山县白鹤镇人民政府")
    node = catalogue.add_node(db, "惠民惠农资金", parent_id=catalogue.add_node(db, "政府信息公开目录"))
    add(db, "白鹤府发〔2025〕1号", "白鹤镇惠民惠农补贴发放办法", catalogue_node_id=node)
    add(db, "白鹤府发〔2025〕2号", "白鹤镇集镇管理办法", state="已废止", state_changed=date(2025, 11, 30))
    add(db, "白鹤府发〔2025〕3号", '=HYPERLINK("x")关于会议的通知', category="其他", catalogue_node_id=node)
    add(db, "白鹤府办发〔2025〕4号", "内部考勤通知", category="其他", attribute="不予公开", note_mark="此件不公开",
        withhold_reason="内部事务", basis_code="3.5", catalogue_node_id=node)  # fmt: skip
    return db


def test_normative_catalogue_by_state_to_xlsx(register: Database, tmp_path: Path) -> None:
    out = tmp_path / "规范性文件目录.xlsx"
    document_exports.export_normative(register, out, today=TODAY)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["现行有效", "已修改", "已废止", "已失效"]
    in_force = book["现行有效"]
    assert in_force["A1"].value == "青山县白鹤镇人民政府行政规范性文件目录（现行有效，截至2025-12-31，共1件）"
    assert [c.value for c in in_force[3]][:3] == [1, "白鹤府发〔2025〕1号", "白鹤镇惠民惠农补贴发放办法"]
    repealed = book["已废止"]
    assert repealed["C3"].value == "白鹤镇集镇管理办法" and repealed["H3"].value.date() == date(2025, 11, 30)
    assert book.properties.title == "青山县白鹤镇人民政府行政规范性文件目录"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_normative_catalogue_to_pdf_text_extracts(register: Database, tmp_path: Path) -> None:
    out = tmp_path / "目录.pdf"
    document_exports.export_normative(register, out, today=TODAY)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "青山县白鹤镇人民政府行政规范性文件目录（截至2025-12-31）" in text
    assert "已废止（1件）" in text and "白鹤镇集镇管理办法" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line or "CJK" in line or "Ming" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # embedded


def test_public_catalogue_lists_nodes_with_their_proactive_documents(register: Database, tmp_path: Path) -> None:
    out = tmp_path / "主动公开目录.xlsx"
    document_exports.export_public_catalogue(register, out)
    ws = openpyxl.load_workbook(out)["主动公开目录"]
    rows = [[c.value for c in r][:3] for r in ws.iter_rows(min_row=3)]
    assert rows == [
        ["政府信息公开目录", None, None],
        ["政府信息公开目录 › 惠民惠农资金", "白鹤府发〔2025〕1号", "白鹤镇惠民惠农补贴发放办法"],
        ["政府信息公开目录 › 惠民惠农资金", "白鹤府发〔2025〕3号", '=HYPERLINK("x")关于会议的通知'],
    ]
    assert ws["C5"].data_type == "s"  # text that looks like a formula stays text
