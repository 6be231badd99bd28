"""文号 parsing (GB/T 9704 发文字号): 机关代字〔年份〕序号号, whatever brackets and digits the clerk typed."""

from __future__ import annotations

import pytest

from models.domain.document_number import DocumentNumber, normalize_document_number, parse_document_number
from models.domain.errors import ValidationError


@pytest.mark.parametrize(
    "typed",
    [
        "巫山府办发〔2022〕41号",
        "巫山府办发[2022]41号",
        "巫山府办发［2022］41号",
        "巫山府办发(2022)41号",
        "巫山府办发（2022）41号",
        "巫山府办发〔２０２２〕４１号",
        "巫山府办发〔2022〕041号",
        " 巫山府办发 〔2022〕 41号 ",
        "巫山府办发〔2022〕41",
    ],
)
def test_number_variants_parse_to_the_canonical_number(typed: str) -> None:
    number = parse_document_number(typed)
    assert number == DocumentNumber("巫山府办发", 2022, 41)
    assert str(number) == "巫山府办发〔2022〕41号"


def test_number_parts_of_another_organ() -> None:
    number = parse_document_number("云阳府发〔2021〕7号")
    assert (number.organ_code, number.year, number.seq) == ("云阳府发", 2021, 7)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "不是有效的文号"),
        ("〔2022〕41号", "不是有效的文号"),  # no 机关代字
        ("巫山府办发2022年41号", "不是有效的文号"),  # no brackets
        ("巫山府办发〔22〕41号", "不是有效的文号"),  # two-digit year
        ("巫山府办发〔2022〕号", "不是有效的文号"),  # no 序号
        ("巫山府办发〔2022〕41号附件", "不是有效的文号"),
        ("123〔2022〕4号", "机关代字"),
        ("巫山府办发〔1900〕4号", "年份1900不正确"),
        ("巫山府办发〔2022〕0号", "序号应从1开始"),
    ],
)
def test_garbage_number_is_refused_in_chinese(typed: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_document_number(typed)
    assert refused.value.message.startswith("文号：")
    assert says in refused.value.message


def test_an_empty_number_means_a_document_without_one() -> None:
    assert normalize_document_number("  ") is None
    assert normalize_document_number("巫山府办发(2022)41号") == "巫山府办发〔2022〕41号"
    with pytest.raises(ValidationError, match="请填写文号"):
        parse_document_number("")
