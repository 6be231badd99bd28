"""Every report and ledger file the app writes carries its own title, the unit as author and the time it was
made — never python-docx's or openpyxl's defaults (author "python-docx"/"openpyxl", a 2013 creation date) — so
that a county reviewer sorting the files, or a parser of published reports, finds whose report it is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from models.db import Database
from models.services import ledger, profile, reports
from models.services.merge import merge_returns
from tests.report_register import build

UNIT = "白鹤镇人民政府"
MADE = datetime(2026, 1, 20, 9, 30, 15)


@pytest.fixture
def unit_db(db: Database) -> Database:
    build(db)
    profile.set_field(db, "单位名称", UNIT)
    return db


def xlsx_properties(path: Path) -> tuple[str, str, str, datetime]:
    props = openpyxl.load_workbook(path).properties
    return props.title, props.creator, props.lastModifiedBy, props.created


def test_annual_report_title_is_a_heading_and_the_word_title_property(unit_db: Database, tmp_path: Path) -> None:
    docx = tmp_path / "年报.docx"
    reports.export_return(unit_db, "2025", tmp_path / "年报.xlsx", docx=docx, now=MADE)
    doc = Document(str(docx))
    title = "白鹤镇人民政府2025年政府信息公开工作年度报告"
    first = doc.paragraphs[0]
    assert (first.style.name, first.text) == ("Title", title)  # what a parser of published reports looks for
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [title]
    props = doc.core_properties
    assert (props.title, props.author, props.last_modified_by) == (title, UNIT, UNIT)
    assert props.created.replace(tzinfo=None) == MADE
    assert props.comments == "" and "python-docx" not in (props.author + props.last_modified_by)


def test_annual_and_monthly_xlsx_carry_title_unit_and_time(unit_db: Database, tmp_path: Path) -> None:
    reports.export_return(unit_db, "2025", tmp_path / "年报.xlsx", now=MADE)
    assert xlsx_properties(tmp_path / "年报.xlsx") == (
        "白鹤镇人民政府2025年政府信息公开工作年度报告",
        UNIT,
        UNIT,
        MADE,
    )
    reports.export_return(unit_db, "2026-01", tmp_path / "月报.xlsx", now=MADE)
    assert xlsx_properties(tmp_path / "月报.xlsx") == (
        "白鹤镇人民政府2026年1月政府信息公开工作月报",
        UNIT,
        UNIT,
        MADE,
    )


def test_county_merge_names_the_county_as_author(unit_db: Database, tmp_path: Path) -> None:
    one = tmp_path / "白鹤镇.xlsx"
    reports.export_return(unit_db, "2025", one)
    merge_returns([one], tmp_path / "全县.xlsx", unit_name="青山县", now=MADE)
    assert xlsx_properties(tmp_path / "全县.xlsx") == ("青山县2025年政府信息公开工作年度报告", "青山县", "青山县", MADE)


def test_ledger_export_and_template_carry_their_own_properties(unit_db: Database, tmp_path: Path) -> None:
    before = datetime.now().replace(microsecond=0)
    ledger.export_ledger(unit_db, tmp_path / "台账.xlsx", year=2025)
    title, author, modified_by, created = xlsx_properties(tmp_path / "台账.xlsx")
    assert (title, author, modified_by) == ("依申请公开台账（2025年）", UNIT, UNIT)
    assert before <= created <= datetime.now()
    assert openpyxl.load_workbook(tmp_path / "台账.xlsx").properties.keywords is None
    # A --full export keeps its own title, unit and time and says in its properties that it holds full data.
    ledger.export_ledger(unit_db, tmp_path / "完整.xlsx", year=2025, full=True)
    title, author, modified_by, created = xlsx_properties(tmp_path / "完整.xlsx")
    assert (title, author, modified_by) == ("依申请公开台账（2025年）", UNIT, UNIT)
    assert before <= created <= datetime.now()
    props = openpyxl.load_workbook(tmp_path / "完整.xlsx").properties
    assert (props.subject, props.keywords) == ("含完整个人信息", "含完整个人信息")
    ledger.write_template(tmp_path / "模板.xlsx")
    title, author, _by, created = xlsx_properties(tmp_path / "模板.xlsx")
    assert (title, author) == ("依申请公开台账模板", "政务公开工作台")  # no unit in a blank template: the program
    assert before <= created <= datetime.now()
