"""The annual report's Word version: the six headings, each 表 in a table of its own with verbatim labels and
every number written, the fee under 六, the East-Asian font on the runs."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from exporters.report_docx import HEADINGS
from models.db import Database
from models.services import reports
from tests.report_register import build, expected_2025


def test_word_version(db: Database, tmp_path: Path) -> None:
    build(db)
    out = tmp_path / "年报.docx"
    reports.export_return(db, "2025", tmp_path / "年报.xlsx", docx=out)
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert "本年度收取信息处理费300元。" in texts
    assert len(doc.tables) == 3
    table2, table3, table4 = doc.tables
    assert table2.cell(2, 0).text == "规章" and table2.cell(2, 1).text == "0"
    # 表三: each row's label is in one of the three label columns; the seven numbers follow.
    by_label = {}
    for row in table3.rows[3:]:
        cells = [c.text for c in row.cells]
        by_label[cells[2]] = [int(v) for v in cells[3:]]
    expected = expected_2025()
    assert by_label == {label: values for label, values in expected.items()}
    assert table3.cell(0, 0).text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [c.text for c in table4.rows[3].cells][:5] == ["1", "0", "0", "1", "2"]
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")), run.text
