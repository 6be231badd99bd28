"""The annual report's Word version: the six headings, each 表 in a table of its own with verbatim labels and
every number written, the fee under 六, the East-Asian font on the runs."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from models.db import Database
from models.services import reports
from tests.report_register import build, expected_2025

# The six parts of the 2021 format (国办公开办函〔2021〕30号), in order.
HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def test_word_version(db: Database, tmp_path: Path) -> None:
    build(db)
    out = tmp_path / "年报.docx"
    reports.export_return(db, "2025", tmp_path / "年报.xlsx", docx=out)
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert {doc.paragraphs[i].style.name for i in positions} == {"Heading 1"}
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


def test_parts_five_and_six_are_marked_to_be_written_and_highlighted(db: Database, tmp_path: Path) -> None:
    build(db)
    out = tmp_path / "年报.docx"
    result = reports.export_return(db, "2025", tmp_path / "年报.xlsx", docx=out)
    assert result.unwritten == ["五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    five = texts[texts.index("五、存在的主要问题及改进情况") + 1]
    six = texts[texts.index("六、其他需要报告的事项") + 1 :]
    assert five.startswith("【待填写：")
    assert six[0] == "本年度收取信息处理费300元。" and six[1].startswith("【待填写：")
    marked = [p for p in doc.paragraphs if p.text.startswith("【待填写")]
    assert len(marked) == 2
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in marked for run in p.runs)
    summary = texts[texts.index("一、总体情况") + 1 : texts.index("二、主动公开政府信息情况")]
    assert not any("【待填写" in t for t in summary)  # 一 is drafted, not a placeholder
