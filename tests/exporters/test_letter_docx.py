"""The letters as a clerk (and a court) would read them: every result row's 答复书 and every other kind, opened
with python-docx — page, title, 字号, applicant, date of receipt, the article cited, the remedy, the signature,
and the fonts and sizes of every run."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from exporters.fonts import BODY_CHAIN, TITLE_CHAIN, FontChoice
from exporters.letter_layout import (
    LINE_PITCH_TWIPS,
    STYLE_DATE,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    save_builtin_templates,
)
from models.domain.letters import ALL_KINDS, LAW
from models.domain.results import ALL_ROWS
from models.migrate import open_database
from models.services import demo_letters, letters
from resources import resource_path

ORGAN, COURT = "青山县人民政府", "青山县人民法院"
GENERAL = (
    f"如对本答复不服，可以自收到本答复之日起六十日内向{ORGAN}申请行政复议，"
    f"也可以自收到本答复之日起六个月内向{COURT}提起行政诉讼。"
)
REVIEW_FIRST = (
    f"如对本答复不服，应当自收到本答复之日起六十日内先向{ORGAN}申请行政复议；"
    "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
)
# The article each result's 答复书 must cite (条例摘录.md), besides the law's name.
CITED = {
    "1": ["第三十六条第（二）项"],
    "2": ["第三十七条", "第十五条、第三十六条第（三）项"],
    "3.1": ["第十四条、第三十六条第（三）项", "国家秘密"],
    "3.2": ["第十四条、第三十六条第（三）项", "法律、行政法规禁止公开"],
    "3.3": ["第十四条、第三十六条第（三）项", "国家安全、公共安全、经济安全、社会稳定"],
    "3.4": ["第十五条、第三十六条第（三）项", "商业秘密、个人隐私"],
    "3.5": ["第十六条第一款、第三十六条第（三）项", "内部事务信息"],
    "3.6": ["第十六条第二款、第三十六条第（三）项", "过程性信息"],
    "3.7": ["第十六条第二款、第三十六条第（三）项", "行政执法案卷"],
    "3.8": ["第三十六条第（七）项", "青山县市场监督管理局"],
    "4.1": ["第三十六条第（五）项", "青山县交通运输委员会", "023-5567 0000"],
    "4.2": ["第三十八条", "加工、分析"],
    "4.3": ["第三十条", "补正后的申请内容仍不明确", "2025年9月24日"],
    "5.1": ["第三十九条第一款", "信访、投诉、举报"],
    "5.2": ["第三十六条第（六）项", "不予重复处理"],
    "5.3": ["第三十九条第二款", "青山县人民政府公报"],
    "5.4": ["第三十五条", "明显超过合理范围"],
    "5.5": ["第二十七条", "确认或者重新出具"],
    "6.1": ["第三十条", "视为放弃申请", "2025年10月9日"],
    "6.2": ["第四十二条", "《政府信息公开信息处理费管理办法》", "视为放弃申请"],
    "6.3": ["村务信息"],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, letters.GeneratedLetter]]:
    folder = tmp_path_factory.mktemp("letters")
    db = open_database(folder / "letters.db")
    try:
        out = {}
        for sample in demo_letters.samples(db):
            out[sample.name] = letters.generate(
                db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, actor="测试"
            )
        yield out
    finally:
        db.close()


def _mm(*lengths: int) -> tuple[float, ...]:
    return tuple(round(length / Mm(1), 1) for length in lengths)


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _paragraph(document, style: str):  # noqa: ANN001, ANN202
    return [p for p in document.paragraphs if p.style.style_id == style]


def test_every_result_row_has_a_reply_sample() -> None:
    assert set(CITED) == {row.code for row in ALL_ROWS}


@pytest.mark.parametrize("code", [row.code for row in ALL_ROWS])
def test_reply_of_each_result_cites_its_article_and_the_right_remedy(generated, code: str) -> None:
    letter = generated[f"reply-{code}"]
    document = docx.Document(str(letter.path))
    text = _text(letter.path)
    section = document.sections[0]
    assert _mm(section.page_width, section.page_height) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert _mm(*margins) == (37, 35, 28, 26)
    titles = [p.text for p in _paragraph(document, STYLE_TITLE)]
    assert titles == ["青山县白鹤镇人民政府", "政府信息公开申请答复书"]
    # 字号: 前缀〔年份〕序号号 — 六角括号, no 第, no leading zeros (issue 8, rule 10).
    assert re.fullmatch(r"白鹤镇政府信息公开〔2025〕[1-9][0-9]*号", letter.number), letter.number
    assert letter.number in text
    assert "张三：" in text
    assert "本机关于2025年9月22日收到您通过当面方式提交的政府信息公开申请" in text
    assert demo_letters.CONTENT in text
    if code != "6.3":
        assert LAW in text
    for expected in CITED[code]:
        assert expected in text, expected
    if code == "2" or code.startswith("3."):  # 复议前置: no direct lawsuit offered
        assert REVIEW_FIRST in text
        assert "六个月内" not in text and COURT not in text
    else:
        assert GENERAL in text
        assert "应当自收到本答复之日起六十日内先向" not in text
    signature = _paragraph(document, STYLE_SIGNATURE)[-1]
    day = _paragraph(document, STYLE_DATE)[-1]
    assert signature.text == "青山县白鹤镇人民政府"
    assert day.text == letter.date.strftime("%Y年") + f"{letter.date.month}月{letter.date.day}日"
    assert "联系人：李晓梅　联系电话：023-5567 1234" in text


def test_numbers_of_the_year_run_from_1_without_gaps(generated) -> None:
    numbers = sorted(letter.number for letter in generated.values() if letter.number)
    expected = sorted(f"白鹤镇政府信息公开〔2025〕{seq}号" for seq in range(1, len(numbers) + 1))
    assert numbers == expected


def test_reply_dates_are_written_without_leading_zeros(generated) -> None:
    letter = generated["reply-1"]
    assert letter.date.isoformat() == "2025-10-17"
    assert "2025年10月17日" in _text(letter.path)
    assert "2025年09月" not in _text(letter.path)


def test_already_published_variant_tells_where_to_find_it(generated) -> None:
    text = _text(generated["reply-1-published"].path)
    assert "本机关已主动公开" in text
    assert "第三十六条第（一）项" in text
    assert "青山县人民政府网站“白鹤镇—政府信息公开—招标投标”栏目" in text
    assert GENERAL in text


def test_partial_disclosure_lists_both_parts_and_reasons(generated) -> None:
    text = _text(generated["reply-2"].path)
    assert "一、招标文件，予以公开" in text
    assert "二、中标合同中投标人的报价明细，不予公开。理由：该部分涉及中标企业的商业秘密" in text


def test_attachments_are_listed_under_the_text(generated) -> None:
    document = docx.Document(str(generated["reply-1"].path))
    texts = [p.text for p in document.paragraphs]
    first = texts.index("附件：1.白鹤镇2025年道路硬化工程招标文件")
    assert texts[first + 1] == "2.中标合同"
    assert texts.index("青山县白鹤镇人民政府", 2) > first


@pytest.mark.parametrize(
    ("name", "title", "expected", "remedy"),
    [
        (
            "supplement",
            "政府信息公开补正申请告知书",
            ["第三十条", "2025年10月15日前", "1.请写明所需工程的名称或者文号", "2.请写明工程所在的村", "视为放弃申请"],
            False,
        ),
        (
            "extension",
            "政府信息公开延期答复告知书",
            ["第三十三条第二款", "延长20个工作日", "你单位", "所申请的信息分散在多个年度的档案中"],
            False,
        ),
        (
            "consultation",
            "政府信息公开第三方意见征询函",
            ["第三十二条", "15个工作日内", "青山县鑫源建材有限公司："],
            False,
        ),
        ("coproducer", "政府信息公开征求意见书", ["第三十四条", "视为同意公开", "青山县农业农村委员会："], False),
        (
            "third_party_notice",
            "依申请公开告知书",
            ["第三十二条", "公共利益造成重大影响", "决定公开的政府信息内容"],
            True,
        ),
        # 第35条 has two letters (issue 8, rule 9; README §3): the reasonable later date, and the request to explain.
        ("reasons", "政府信息公开延迟答复告知书", ["第三十五条", "延迟答复的合理期限", "2025年12月15日前"], False),
        (
            "reasons_request",
            "政府信息公开要求说明理由告知书",
            ["第三十五条", "2025年10月10日前", "书面说明申请理由"],
            False,
        ),
        (
            "fee",
            "信息处理费收费通知书",
            ["第四十二条", "人民币100元（大写：壹佰元整）", "20个工作日内", "到白鹤镇财政所窗口缴纳"],
            True,
        ),
        ("receipt", "政府信息公开申请登记回执", ["第三十一条", "2025年9月22日", "登记编号："], False),
    ],
)
def test_other_letters(generated, name: str, title: str, expected: list[str], remedy: bool) -> None:
    letter = generated[name]
    document = docx.Document(str(letter.path))
    assert [p.text for p in _paragraph(document, STYLE_TITLE)][1] == title
    text = _text(letter.path)
    for item in expected:
        assert item in text, item
    assert ("申请行政复议" in text) is remedy
    if letter.number:
        assert letter.number in text
    assert _mm(document.sections[0].page_width) == (210,)


def test_consultation_to_a_third_party_does_not_name_the_applicant(generated) -> None:
    assert "张三" not in _text(generated["consultation"].path)


def test_receipt_and_service_have_no_number(generated) -> None:
    assert generated["receipt"].number == "" and generated["service"].number == ""
    text = _text(generated["service"].path)
    assert "送达回证" in text
    assert f"政府信息公开申请答复书（{generated['reply-1'].number}）" in text
    assert "直接送达" in text and "李晓梅" in text


def test_applicant_name_with_markup_characters_survives_autoescape(generated) -> None:
    text = _text(generated["receipt"].path)
    assert "张三 <&>：" in text
    with zipfile.ZipFile(generated["receipt"].path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "张三 &lt;&amp;&gt;" in xml


def _runs(path: Path) -> list[tuple[str, str, int, bool]]:
    """(part, eastAsia, size in half points, bold) of every run with text, footers included."""
    out = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name == "word/document.xml" or name.startswith("word/footer")):
                continue
            root = docx.oxml.parse_xml(archive.read(name))
            for run in root.iter(qn("w:r")):
                if not "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
                    continue
                rpr = run.find(qn("w:rPr"))
                fonts = rpr.find(qn("w:rFonts"))
                assert fonts.get(qn("w:hint")) == "eastAsia"
                size = int(rpr.find(qn("w:sz")).get(qn("w:val")))
                p = run
                while p.tag != qn("w:p"):
                    p = p.getparent()
                style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
                kind = (
                    "footer"
                    if name.startswith("word/footer")
                    else (style.get(qn("w:val")) if style is not None else "")
                )
                out.append((kind, fonts.get(qn("w:eastAsia")), size, rpr.find(qn("w:b")) is not None))
    return out


@pytest.mark.parametrize("name", ["reply-3.4", "service", "receipt", "fee"])
def test_every_run_has_an_installed_east_asian_font_and_its_size(generated, name: str) -> None:
    runs = _runs(generated[name].path)
    assert runs
    for part, font, size, _bold in runs:
        if part == "footer":
            assert (font, size) == ("宋体", 28)
        elif part == STYLE_TITLE:
            assert font in TITLE_CHAIN and size == 44
        else:
            assert font in BODY_CHAIN and size == 32


def test_fonts_of_the_pc_are_used_when_it_has_them(tmp_path: Path) -> None:
    db = open_database(tmp_path / "f.db")
    try:
        sample = next(s for s in demo_letters.samples(db) if s.name == "reply-3.1")
        fonts = FontChoice(body="仿宋_GB2312", title="方正小标宋简体", title_bold=False)
        letter = letters.generate(db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, fonts=fonts)
        runs = _runs(letter.path)
        assert {(font, size, bold) for part, font, size, bold in runs if part == STYLE_TITLE} == {
            ("方正小标宋简体", 44, False)
        }
        assert {font for part, font, _s, _b in runs if part not in (STYLE_TITLE, "footer")} == {"仿宋_GB2312"}
        # One valid 答复书 per application (issue 8, rule 8): the first is voided before it is made again.
        letters.void_letter(db, letter.id, "换用本机字体重新生成", actor="测试")
        fallback = FontChoice(body="宋体", title="宋体", title_bold=True)
        letter = letters.generate(
            db, sample.number, sample.kind, sample.inputs, today=demo_letters.TODAY, fonts=fallback
        )
        assert {bold for part, _f, _s, bold in _runs(letter.path) if part == STYLE_TITLE} == {True}
    finally:
        db.close()


def test_layout_grid_footers_and_signature_block(generated) -> None:
    letter = generated["reply-1"]
    with zipfile.ZipFile(letter.path) as archive:
        document_xml = archive.read("word/document.xml").decode("utf-8")
        settings_xml = archive.read("word/settings.xml").decode("utf-8")
        footers = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("word/footer")]
    assert 'w:type="linesAndChars"' in document_xml and f'w:linePitch="{LINE_PITCH_TWIPS}"' in document_xml
    assert "w:evenAndOddHeaders" in settings_xml
    assert len(footers) == 2
    odd = next(f for f in footers if 'w:jc w:val="right"' in f)
    even = next(f for f in footers if 'w:jc w:val="left"' in f)
    for footer in (odd, even):
        assert "— </w:t>" in footer and " PAGE " in footer and " —</w:t>" in footer
    assert 'w:rightChars="100"' in odd and 'w:leftChars="100"' in even
    document = docx.Document(str(letter.path))
    date_ind = _paragraph(document, STYLE_DATE)[-1]._p.pPr.ind
    unit_ind = _paragraph(document, STYLE_SIGNATURE)[-1]._p.pPr.ind
    assert date_ind.get(qn("w:rightChars")) == "400"  # 成文日期右空四字
    # 青山县白鹤镇人民政府 (10) centred over 2025年10月17日 (7): right indent 4 + (7 − 10) / 2 = 2.5 characters.
    assert unit_ind.get(qn("w:rightChars")) == "250"
    body = [p for p in document.paragraphs if p.style.style_id == "DDBody"]
    assert body and all(p.style.paragraph_format.first_line_indent for p in body)


def test_committed_templates_are_what_the_build_script_makes(tmp_path: Path) -> None:
    built = save_builtin_templates(tmp_path)
    assert len(built) == len(ALL_KINDS)
    for path in built:
        committed = resource_path("templates", path.name)
        assert path.read_bytes() == committed.read_bytes(), f"{path.name}: run tools/build_templates.py"


def test_service_table_column_widths_are_in_the_grid_and_the_cells(generated) -> None:
    """送达回证 looks the same in Word (cells), WPS and LibreOffice (grid): 50 mm + 106 mm = the 156 mm 版心."""
    with zipfile.ZipFile(generated["service"].path) as archive:
        root = docx.oxml.parse_xml(archive.read("word/document.xml"))
    table = root.find(".//" + qn("w:tbl"))
    grid = [int(col.get(qn("w:w"))) for col in table.iter(qn("w:gridCol"))]
    assert grid == [2835, 6009]  # twips: 50 mm and 106 mm
    tbl_w = table.find(qn("w:tblPr") + "/" + qn("w:tblW"))
    assert (tbl_w.get(qn("w:type")), tbl_w.get(qn("w:w"))) == ("dxa", "8844")
    assert table.find(qn("w:tblPr") + "/" + qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for row in table.iter(qn("w:tr")):
        cells = [int(tc.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w"))) for tc in row.iter(qn("w:tc"))]
        assert cells == [2835, 6009]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("reply-1", "青山县白鹤镇人民政府政府信息公开申请答复书"),
        ("receipt", "青山县白鹤镇人民政府政府信息公开申请登记回执"),
        ("service", "青山县白鹤镇人民政府送达回证"),
    ],
)
def test_letter_carries_its_title_the_unit_as_author_and_the_creation_time(generated, name: str, title: str) -> None:
    props = docx.Document(str(generated[name].path)).core_properties
    assert props.title == title
    assert props.author == "青山县白鹤镇人民政府"
    assert props.last_modified_by == "青山县白鹤镇人民政府"
    assert "python-docx" not in (props.comments or "") and props.author != "python-docx"
    created = props.created
    assert created is not None
    # Created when the test ran (the fixture's letters), never the library's 2013 or the template's build time.
    now = datetime.now()
    assert abs((created.replace(tzinfo=None) - now).total_seconds()) < 3600, created
