"""Property-based tests of the file readers: the ledger import (random cells and rows written to real .xlsx
files, and real files with a damaged part) and the county merge reader. Whatever the file, the answer is an
import report / a merged return or the project's own UserError naming the file, and a refused import leaves
every table of the database exactly as it was (0 partial writes)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from models.db import Database
from models.domain.errors import UserError
from models.migrate import open_database
from models.services import holidays, ledger, profile, reports
from models.services.ledger import LEDGER_COLUMNS
from models.services.merge import merge_returns
from tests.hypothesis.fuzz import budget, row_counts, user_error_or_value
from tests.hypothesis.xlsx_parts import write_parts, write_xlsx, xlsx_parts

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 3, 31, 9, 0)
REQUIRED = ["收到日期", "申请方式", "申请人类型", "申请人", "申请内容"]
GOOD_ROW = ["2025-03-03", "当面", "自然人", "张三", "2024年X村道路硬化工程招标文件"]


@pytest.fixture
def ledger_db(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    """One database for all examples of a test (migrating one per example would take most of the budget)."""
    path = tmp_path / "fuzz.db"
    database = open_database(path)
    try:
        yield database, path
    finally:
        database.close()


def _import_refused_or_done(db: Database, db_path: Path, file: Path) -> None:
    before = row_counts(db_path)
    outcome = user_error_or_value(lambda: ledger.validate_and_import(db, file, today=TODAY))
    if isinstance(outcome, UserError):
        assert row_counts(db_path) == before, "a refused import wrote something"
        assert file.name in outcome.full_text() or "第" in outcome.full_text()
    else:
        added = row_counts(db_path)["application"] - before["application"]
        assert added == len(outcome.imported)


# -- random cells in a real workbook -------------------------------------------------------------------------

_CELL = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1900, 3, 1)),
    st.sampled_from(
        [
            "2025-03-03",
            "2025-09-22",
            "0001-01-01",
            "2099-01-01",
            "当面",
            "信函",
            "自然人",
            "商业企业",
            "予以公开",
            "不予公开",
            "属于国家秘密",
            "2025-0001",
            "1-0001",
            "=1+1",
            "#N/A",
            "x" * 5001,
        ]
    ),
)


@st.composite
def ledger_rows(draw: st.DrawFn) -> list[list[object]]:
    extra = draw(st.lists(st.sampled_from([*LEDGER_COLUMNS, "序号", ""]), max_size=6))
    headers = draw(st.permutations(REQUIRED + [h for h in dict.fromkeys(extra) if h not in REQUIRED]))
    if draw(st.booleans()):
        headers = headers[1:]  # sometimes a required column is missing
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        base = dict(zip(REQUIRED, GOOD_ROW, strict=True))
        rows.append([draw(st.one_of(st.just(base.get(h)), _CELL)) for h in headers])
    return [list(headers), *rows]


@budget(40)
@given(ledger_rows())
@example([REQUIRED, ["0001-01-01", "当面", "自然人", "张三", "道路"]])  # year 1: refused, not stored
@example([["申请编号", *REQUIRED], ["1-0001", *GOOD_ROW]])
def test_ledger_import_of_random_cells_imports_or_refuses_everything(
    ledger_db: tuple[Database, Path], tmp_path: Path, rows: list[list[object]]
) -> None:
    db, db_path = ledger_db
    file = write_xlsx(tmp_path / "台账.xlsx", rows)
    _import_refused_or_done(db, db_path, file)


# -- a real workbook with a damaged part ---------------------------------------------------------------------

_PARTS = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"]


@st.composite
def damaged_parts(draw: st.DrawFn) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = dict(xlsx_parts([REQUIRED, GOOD_ROW, ["2025-03-04", *GOOD_ROW[1:]]]))
    name = draw(st.sampled_from(_PARTS))
    data = str(parts[name]).encode()
    how = draw(st.sampled_from(["truncate", "overwrite", "delete", "insert"]))
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    noise = draw(st.binary(min_size=1, max_size=12))
    if how == "delete":
        del parts[name]
    elif how == "truncate":
        parts[name] = data[:cut]
    elif how == "overwrite":
        parts[name] = data[:cut] + noise + data[cut + len(noise) :]
    else:
        parts[name] = data[:cut] + noise + data[cut:]
    return parts


_SHEET = xlsx_parts([REQUIRED, GOOD_ROW])["xl/worksheets/sheet1.xml"]
_STRINGS = xlsx_parts([REQUIRED, GOOD_ROW])["xl/sharedStrings.xml"]


@budget(60)
@given(damaged_parts())
@example({**xlsx_parts([REQUIRED, GOOD_ROW]), "xl/worksheets/sheet1.xml": _SHEET[:-40]})  # malformed sheet XML
@example({**xlsx_parts([REQUIRED, GOOD_ROW]), "xl/sharedStrings.xml": _STRINGS[:-30]})  # corrupt shared strings
@example({**xlsx_parts([REQUIRED, GOOD_ROW]), "xl/sharedStrings.xml": b"\xff\xfe garbage"})
@example({**xlsx_parts([REQUIRED, GOOD_ROW]), "xl/sharedStrings.xml": _STRINGS.replace("<si>", "<si><x>", 1)})
def test_ledger_import_of_a_damaged_workbook_is_a_user_error(
    ledger_db: tuple[Database, Path], tmp_path: Path, parts: dict[str, str | bytes]
) -> None:
    db, db_path = ledger_db
    file = write_parts(tmp_path / "损坏.xlsx", parts)
    _import_refused_or_done(db, db_path, file)


@budget(30)
@given(st.binary(max_size=64))
@example(b"")
@example(b"PK\x03\x04")
def test_ledger_import_of_arbitrary_bytes_is_a_user_error(
    ledger_db: tuple[Database, Path], tmp_path: Path, data: bytes
) -> None:
    db, db_path = ledger_db
    file = tmp_path / "台账.xlsx"
    file.write_bytes(data)
    _import_refused_or_done(db, db_path, file)


# -- the county merge reader ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unit_returns(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two real monthly returns of two units (an empty register: the structure is what is read)."""
    folder = tmp_path_factory.mktemp("returns")
    out = []
    for name in ("甲镇人民政府", "乙镇人民政府"):
        db = open_database(folder / f"{name}.db")
        try:
            profile.set_field(db, "单位名称", name)
            path = folder / f"{name}.xlsx"
            reports.export_return(db, "2025-03", path, now=NOW)
            out.append(path)
        finally:
            db.close()
    return out[0], out[1]


def _zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@budget(60)
@given(data=st.data())
def test_merge_of_a_damaged_return_is_a_user_error_and_writes_nothing(
    unit_returns: tuple[Path, Path], tmp_path: Path, data: st.DataObject
) -> None:
    good, other = unit_returns
    parts: dict[str, str | bytes] = dict(_zip_parts(good))
    name = data.draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml"))))
    raw = bytes(parts[name])
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    noise = data.draw(st.binary(min_size=1, max_size=8))
    how = data.draw(st.sampled_from(["truncate", "overwrite", "delete", "keep"]))
    if how == "delete":
        del parts[name]
    elif how == "truncate":
        parts[name] = raw[:cut]
    elif how == "overwrite":
        parts[name] = raw[:cut] + noise + raw[cut + len(noise) :]
    damaged = write_parts(tmp_path / "丙镇.xlsx", parts)
    out = tmp_path / "汇总.xlsx"
    out.unlink(missing_ok=True)  # left by an earlier example that merged
    outcome = user_error_or_value(lambda: merge_returns([damaged, other], out, now=NOW))
    if isinstance(outcome, UserError):
        assert not out.exists()
        assert any(line.startswith("丙镇.xlsx：") for line in outcome.details), outcome.full_text()


@budget(20)
@given(st.binary(max_size=40))
@example(b"")  # a zero-byte file: found crashing `report merge`
def test_merge_of_arbitrary_bytes_is_a_user_error(unit_returns: tuple[Path, Path], tmp_path: Path, data: bytes) -> None:
    bad = tmp_path / "丁镇.xlsx"
    bad.write_bytes(data)
    out = tmp_path / "汇总.xlsx"
    out.unlink(missing_ok=True)
    with pytest.raises(UserError) as refused:
        merge_returns([unit_returns[0], bad], out, now=NOW)
    assert any(line.startswith("丁镇.xlsx：") for line in refused.value.details)
    assert not out.exists()


# -- holiday files -------------------------------------------------------------------------------------------


@budget(60)
@given(
    st.one_of(
        st.binary(max_size=80),
        st.text(max_size=60).map(str.encode),
        st.sampled_from(["date,type\r2027-01-01,休\r", "日期,类型\n2027-01-01,休"]).map(lambda t: t.encode("gb18030")),
    )
)
@example("date,type\r2027-01-01,休\r2027-01-02,休\r".encode())  # bare CR line ends
def test_holiday_file_gives_an_arrangement_or_a_user_error_naming_the_file(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "节假日.csv"
    file.write_bytes(data)
    outcome = user_error_or_value(lambda: holidays.read_arrangement(file))
    if isinstance(outcome, UserError):
        assert "节假日.csv" in outcome.message
