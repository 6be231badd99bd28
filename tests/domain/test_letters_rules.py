"""The small rules of the letters: dates, 字号, amounts in words, citations, the remedy sentences (README §3
wording), the signature block, the attachment note, and the font chains."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from exporters.fonts import FontChoice, choose_fonts, family_names
from exporters.letter_docx import signature_indents
from models.domain.errors import UserError, ValidationError
from models.domain.letters import (
    LetterKind,
    attachment_lines,
    cite,
    cn_date,
    format_number,
    parse_kind,
    remedy_route,
    remedy_sentence,
    rmb_upper,
)
from models.domain.results import ROWS_BY_CODE, Remedy


def test_dates_and_numbers_have_no_leading_zeros() -> None:
    assert cn_date(date(2025, 9, 2)) == "2025年9月2日"
    assert format_number("{prefix}〔{year}〕{seq}号", prefix="X镇政府信息公开", year=2025, seq=12) == (
        "X镇政府信息公开〔2025〕12号"
    )
    with pytest.raises(ValidationError, match="花括号"):
        format_number("{prefix", prefix="X", year=2025, seq=1)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (100, "壹佰元整"),
        (200, "贰佰元整"),
        (1700, "壹仟柒佰元整"),
        (3000, "叁仟元整"),
        (10500, "壹万零伍佰元整"),
        (100000, "壹拾万元整"),
        (0, "零元整"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert rmb_upper(amount) == words


def test_citations() -> None:
    assert cite("第十四条、第三十六条第（三）项") == "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"
    assert cite(ROWS_BY_CODE["6.2"].basis) == (
        "《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
    )


def test_remedy_sentences_are_the_readme_wording() -> None:
    assert remedy_sentence(Remedy.GENERAL, organ="X县人民政府", court="X县人民法院") == (
        "如对本答复不服，可以自收到本答复之日起六十日内向X县人民政府申请行政复议，"
        "也可以自收到本答复之日起六个月内向X县人民法院提起行政诉讼。"
    )
    assert remedy_sentence(Remedy.REVIEW_FIRST, organ="X县人民政府", court="X县人民法院") == (
        "如对本答复不服，应当自收到本答复之日起六十日内先向X县人民政府申请行政复议；"
        "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
    )
    assert remedy_route(ROWS_BY_CODE["3.8"]) is Remedy.REVIEW_FIRST
    assert remedy_route(ROWS_BY_CODE["3.8"], query_items_review_first=False) is Remedy.GENERAL
    assert remedy_route(ROWS_BY_CODE["2"]) is Remedy.REVIEW_FIRST
    assert remedy_route(ROWS_BY_CODE["4.1"]) is Remedy.GENERAL


def test_signature_block_centres_the_unit_over_the_date() -> None:
    assert signature_indents("白鹤镇人民政府", "2025年9月22日") == (3.75, 4)  # 7 characters over 6.5
    # A long name cannot be centred over a date 右空四字: it is set 右空二字, the date centred under it.
    unit, day = signature_indents("青山县白鹤镇人民政府办公室政务公开科", "2025年9月22日")
    assert unit == 2 and day == pytest.approx(2 + (18 - 6.5) / 2)


def test_attachment_note() -> None:
    assert attachment_lines(["检索记录"]) == ("附件：检索记录",)
    assert attachment_lines(["1. 招标文件。", "2、合同", " "]) == ("附件：1.招标文件", "2.合同")


def test_kinds_by_cli_name_or_label() -> None:
    assert parse_kind("reply") is LetterKind.REPLY
    assert parse_kind("送达回证") is LetterKind.SERVICE
    with pytest.raises(UserError, match="receipt"):
        parse_kind("memo")


def test_font_chains_follow_the_installed_fonts() -> None:
    assert choose_fonts(["FangSong_GB2312", "FZXiaoBiaoSong-B05S", "SimSun"]) == FontChoice(
        "仿宋_GB2312", "方正小标宋简体", False
    )
    assert choose_fonts(["仿宋", "华文中宋"]) == FontChoice("仿宋", "华文中宋", False)
    assert choose_fonts([]) == FontChoice("宋体", "宋体", True)


def test_font_family_names_are_read_from_the_files() -> None:
    shipped = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
    names = family_names(shipped)
    assert {"WenQuanYi Micro Hei", "文泉驿微米黑"} <= names
    assert family_names(Path(__file__)) == set()
