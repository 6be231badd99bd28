"""Property-based tests of the 公文 readers (issue 10): the 发文登记簿 import (random cells written to a real
.xlsx) imports everything or refuses everything and writes nothing; a damaged .docx read for 从文件新增 gives a
proposal or the project's own UserError, never a traceback."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.db import Database
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import document_register
from models.services.document_files import read_document_file
from tests.docx_samples import write_gbt9704
from tests.hypothesis.fuzz import budget, row_counts, user_error_or_value
from tests.hypothesis.xlsx_parts import write_xlsx

TODAY = date(2026, 11, 23)
GOOD = {"文号": "白鹤府发〔2025〕12号", "标题": "关于印发办法的通知", "成文日期": "2025-09-22", "类别": "其他",
        "公开属性": "主动公开", "附注": "此件公开发布"}  # fmt: skip
_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**6), max_value=10**9),
    st.dates(min_value=date(1900, 3, 1)),
    st.sampled_from(
        ["依申请公开", "此件不公开", "3.4", "9.9", "已废止", "白鹤府发[2025]12", "〔〕号", "=1+1", "x" * 400]
    ),
)


@pytest.fixture
def documents_db(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "fuzz.db"
    database = open_database(path)
    try:
        yield database, path
    finally:
        database.close()


@st.composite
def register_rows(draw: st.DrawFn) -> list[list[object]]:
    extra = draw(st.lists(st.sampled_from(list(document_register.HEADERS)), max_size=5))
    headers = list(dict.fromkeys([*GOOD, *extra]))
    rows = [[draw(st.one_of(st.just(GOOD.get(h)), _CELL)) for h in headers] for _ in range(draw(st.integers(0, 3)))]
    return [headers, *rows]


@budget(30)
@given(register_rows())
def test_register_import_of_random_cells_imports_or_refuses_everything(
    documents_db: tuple[Database, Path], tmp_path: Path, rows: list[list[object]]
) -> None:
    db, db_path = documents_db
    file = write_xlsx(tmp_path / "发文登记簿.xlsx", rows, sheet="发文登记簿")
    before = row_counts(db_path)
    outcome = user_error_or_value(lambda: document_register.validate_and_import(db, file, today=TODAY))
    if isinstance(outcome, UserError):
        assert row_counts(db_path) == before, "a refused import wrote something"


@budget(30)
@given(st.sampled_from(["word/document.xml", "[Content_Types].xml", "word/styles.xml"]), st.binary(max_size=200))
def test_damaged_docx_gives_a_proposal_or_a_chinese_error(tmp_path: Path, part: str, junk: bytes) -> None:
    good = write_gbt9704(tmp_path / "good.docx")
    damaged = tmp_path / "damaged.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, junk if item.filename == part else source.read(item))
    damaged.write_bytes(buffer.getvalue())
    user_error_or_value(lambda: read_document_file(damaged))
