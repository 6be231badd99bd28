"""Checking and masking identity numbers, phones and names (models.domain.identity)."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import ValidationError
from models.domain.identity import (
    ID_TYPES,
    check_credit_code,
    check_id,
    check_resident_id,
    is_masked,
    mask_id,
    mask_name,
    mask_phone,
)

TODAY = date(2025, 9, 22)


def resident_id(first17: str) -> str:
    """The full number, check digit computed here independently of the module (GB 11643, MOD 11-2)."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    assert weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    remainder = sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def credit_code(first17: str) -> str:
    """The full code, check character computed here independently of the module (GB 32100, MOD 31)."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [3**i % 31 for i in range(17)]
    assert weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(charset.index(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + charset[(31 - total % 31) % 31]


def wrong_last(number: str, charset: str) -> str:
    """The same number with another valid-looking last character."""
    return number[:17] + next(c for c in charset if c != number[17])


def message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.message


# ---------------------------------------------------------------- 居民身份证


def test_the_public_gb11643_example_is_valid() -> None:
    # The example number printed in GB 11643-1999; its check character is X.
    assert resident_id("11010519491231002") == "11010519491231002X"
    assert check_resident_id("11010519491231002X", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize(
    "first17", ["11010119900307001", "44030420000229123", "51010219000101555", "32050220250922001"]
)
def test_valid_numbers_are_accepted(first17: str) -> None:
    number = resident_id(first17)
    assert check_resident_id(number, today=TODAY) == number


def test_the_number_is_normalized() -> None:
    number = "11010519491231002X"
    assert check_resident_id(" 110105 19491231 002x ", today=TODAY) == number
    # Typed with a Chinese input method: full-width digits, ideographic space.
    assert check_resident_id("１１０１０５１９４９１２３１００２ｘ\u3000", today=TODAY) == number


def test_a_wrong_check_digit_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as excinfo:
        check_resident_id("110105194912310023", today=TODAY)
    assert message(excinfo) == "证件号码：身份证号码校验位应为X，实际为3，请核对"
    assert excinfo.value.field == "证件号码"


def test_any_wrong_check_digit_is_refused() -> None:
    number = resident_id("11010119900307001")
    for c in "0123456789X":
        if c == number[17]:
            continue
        with pytest.raises(ValidationError, match=f"校验位应为{number[17]}，实际为{c}"):
            check_resident_id(number[:17] + c, today=TODAY)


def test_a_single_typo_in_the_digits_is_caught() -> None:
    number = resident_id("11010119900307001")
    typo = number[:3] + str((int(number[3]) + 1) % 10) + number[4:]
    with pytest.raises(ValidationError, match="校验位"):
        check_resident_id(typo, today=TODAY)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("", "请填写身份证号码"),
        ("11010519491231002", "身份证号码应为18位，实际为17位"),
        ("11010519491231002X1", "身份证号码应为18位，实际为19位"),
        ("110105491231002", "身份证号码应为18位，15位的旧号码已停止使用，请填写18位号码"),
        ("1101051949123100AX", "身份证号码前17位应为数字，第17位是“A”"),
        ("11010519491231002Y", "身份证号码第18位应为数字或X，实际为“Y”"),
    ],
)
def test_malformed_numbers_say_what_is_wrong(number: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        check_resident_id(number, today=TODAY)
    assert message(excinfo) == "证件号码：" + expected


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("19991340", "身份证号码中的出生日期19991340无效"),
        ("20230229", "身份证号码中的出生日期20230229无效"),
        ("19900431", "身份证号码中的出生日期19900431无效"),
        ("18991231", "身份证号码中的出生日期18991231早于1900年，请核对"),
        ("20250923", "身份证号码中的出生日期20250923晚于今天，请核对"),
    ],
)
def test_the_birth_date_must_be_real_and_plausible(birth: str, expected: str) -> None:
    # A correct check digit, so only the date can be the reason.
    number = resident_id("110105" + birth + "001")
    with pytest.raises(ValidationError) as excinfo:
        check_resident_id(number, today=TODAY)
    assert message(excinfo) == "证件号码：" + expected


def test_born_today_and_leap_day_are_accepted() -> None:
    assert check_resident_id(resident_id("11010520250922001"), today=TODAY).startswith("11010520250922")
    assert check_resident_id(resident_id("11010520000229001"), today=TODAY).startswith("11010520000229")
    # The same number is refused the day before it becomes possible.
    with pytest.raises(ValidationError, match="晚于今天"):
        check_resident_id(resident_id("11010520250922001"), today=date(2025, 9, 21))


# ---------------------------------------------------------------- 统一社会信用代码


def test_a_public_credit_code_example_is_valid() -> None:
    # The sample code commonly quoted with GB 32100-2015; verified by the independent helper above.
    assert credit_code("91350100M000100Y4") == "91350100M000100Y43"
    assert check_credit_code("91350100M000100Y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "first17", ["91110108MA01ABCDE", "12100000400000000", "52440300MJL123456", "Y1110000000000000"]
)
def test_valid_credit_codes_are_accepted_and_normalized(first17: str) -> None:
    code = credit_code(first17)
    assert check_credit_code(code) == code
    assert check_credit_code(" " + code.lower()[:9] + " " + code.lower()[9:]) == code


def test_a_check_character_of_zero_is_handled() -> None:
    # Find a body whose check character is "0" (the (31 - 0) % 31 case) and check it is accepted.
    body = next(f"9111010800000{i:04d}" for i in range(10000) if credit_code(f"9111010800000{i:04d}")[-1] == "0")
    assert check_credit_code(body + "0") == body + "0"
    with pytest.raises(ValidationError, match="校验位应为0，实际为1"):
        check_credit_code(body + "1")


def test_a_wrong_credit_check_character_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as excinfo:
        check_credit_code("91350100M000100Y44")
    assert message(excinfo) == "证件号码：统一社会信用代码校验位应为3，实际为4，请核对"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("", "请填写统一社会信用代码"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，实际为17位"),
        ("91350100I000100Y43", "统一社会信用代码第9位“I”不是有效字符（只用数字和除I、O、Z、S、V以外的大写字母）"),
        ("91350100M000100O43", "统一社会信用代码第16位“O”不是有效字符（只用数字和除I、O、Z、S、V以外的大写字母）"),
        ("9135010SM000100Y43", "统一社会信用代码第8位“S”不是有效字符（只用数字和除I、O、Z、S、V以外的大写字母）"),
        ("91350100M000100Y4-", "统一社会信用代码第18位“-”不是有效字符（只用数字和除I、O、Z、S、V以外的大写字母）"),
    ],
)
def test_malformed_credit_codes_say_what_is_wrong(code: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        check_credit_code(code)
    assert message(excinfo) == "证件号码：" + expected


# ---------------------------------------------------------------- check_id


def test_the_types_offered_in_the_form() -> None:
    assert ID_TYPES == (
        "居民身份证",
        "统一社会信用代码",
        "护照",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "其他",
    )


@pytest.mark.parametrize("id_type", ID_TYPES)
def test_an_empty_number_is_allowed_for_every_type(id_type: str) -> None:
    assert check_id(id_type, "", today=TODAY) == ""
    assert check_id(id_type, "  ", today=TODAY) == ""


def test_check_id_dispatches_by_type() -> None:
    assert check_id("居民身份证", "11010519491231002x", today=TODAY) == "11010519491231002X"
    assert check_id("统一社会信用代码", "91350100m000100y43", today=TODAY) == "91350100M000100Y43"
    with pytest.raises(ValidationError, match="身份证号码校验位"):
        check_id("居民身份证", "110105194912310023", today=TODAY)
    with pytest.raises(ValidationError, match="统一社会信用代码校验位"):
        check_id("统一社会信用代码", "91350100M000100Y44", today=TODAY)
    # A valid resident id is not a valid credit code, and the other way round.
    with pytest.raises(ValidationError):
        check_id("统一社会信用代码", "11010519491231002X", today=TODAY)
    with pytest.raises(ValidationError):
        check_id("居民身份证", "91350100M000100Y43", today=TODAY)


@pytest.mark.parametrize("id_type", ["护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他"])
def test_other_documents_only_check_length_and_control_characters(id_type: str) -> None:
    assert check_id(id_type, " E12345678 ", today=TODAY) == "E12345678"
    assert check_id(id_type, "A" * 40, today=TODAY) == "A" * 40
    with pytest.raises(ValidationError) as excinfo:
        check_id(id_type, "A" * 41, today=TODAY)
    assert message(excinfo) == "证件号码：证件号码最多40个字符，实际为41个"
    with pytest.raises(ValidationError) as excinfo:
        check_id(id_type, "E123\t45678", today=TODAY)
    assert message(excinfo) == "证件号码：证件号码第5位含有不可见的控制字符，请重新输入"
    with pytest.raises(ValidationError, match="第4位"):
        check_id(id_type, "E12\u200b345678", today=TODAY)


def test_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValidationError) as excinfo:
        check_id("驾驶证", "123", today=TODAY)
    assert excinfo.value.field == "证件类型"
    assert "未知的证件类型“驾驶证”" in message(excinfo)


# ---------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199003071234", "110101********1234"),
        ("91350100M000100Y43", "913501********0Y43"),
        ("E12345678", "E1*****78"),
        ("12345", "12*45"),
        ("1234", "1***"),
        ("A", "*"),
        ("", ""),
    ],
)
def test_mask_id(number: str, masked: str) -> None:
    assert mask_id(number) == masked
    assert len(mask_id(number)) == len(number)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("0571-88886666", "*********6666"),
        ("88886666", "****6666"),
        ("12345678901", "123****8901"),
        ("23812345678", "*******5678"),
        ("110", "***"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("李", "*"),
        ("买买提·艾力", "买*****"),
        ("", ""),
        # Organizations are public: not masked.
        ("重庆市某某建设有限公司", "重庆市某某建设有限公司"),
        ("白鹤镇便民服务中心", "白鹤镇便民服务中心"),
        ("某某律师事务所", "某某律师事务所"),
        ("某某县红星机械厂", "某某县红星机械厂"),
        ("某某县农业科学研究院", "某某县农业科学研究院"),
        # Short names ending like an organization are still treated as people's names.
        ("王中心", "王**"),
        ("李会", "李*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_is_masked() -> None:
    assert is_masked(mask_id("110101199003071234"))
    assert is_masked(mask_phone("13812345678"))
    assert is_masked("110101＊＊＊＊＊＊＊＊1234")
    assert not is_masked("110101199003071234")
    assert not is_masked("")
