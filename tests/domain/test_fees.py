"""信息处理费 by 国办函〔2020〕109号 (domain README §5)."""

from __future__ import annotations

import dataclasses

import pytest

from models.domain.fees import (
    FeeQuote,
    fee_by_volume,
    fee_per_piece,
    month_total_per_piece,
    quote_by_volume,
    quote_per_piece,
)


@pytest.mark.parametrize(
    ("k", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (35, 200),  # README: the 35th application costs 200 元.
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
        (90, 700),
        (91, 800),
        (100, 800),
        (101, 900),
    ],
)
def test_fee_per_piece_at_every_boundary(k: int, fee: int) -> None:
    assert fee_per_piece(k) == fee


@pytest.mark.parametrize("k", [0, -1])
def test_the_count_starts_at_one(k: int) -> None:
    with pytest.raises(ValueError):
        fee_per_piece(k)


@pytest.mark.parametrize(
    ("count", "total"),
    [
        (0, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (35, 3000),  # README: 20 × 100 + 5 × 200.
        (40, 4000),
        (41, 4300),
        (50, 7000),
    ],
)
def test_month_total_per_piece(count: int, total: int) -> None:
    assert month_total_per_piece(count) == total


def test_a_notice_charges_one_piece_not_the_month() -> None:
    assert quote_per_piece(35).amount == 200 != month_total_per_piece(35)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),  # README: 70 × 10 + 50 × 20.
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_fee_by_volume_at_every_boundary(pages: int, fee: int) -> None:
    assert fee_by_volume(pages) == fee


def test_negative_counts_are_bugs() -> None:
    with pytest.raises(ValueError):
        fee_by_volume(-1)
    with pytest.raises(ValueError):
        month_total_per_piece(-1)


@pytest.mark.parametrize(
    ("k", "amount", "basis"),
    [
        (1, 0, "按件计收：本月第1件申请，在10件以内，不收费。"),
        (10, 0, "按件计收：本月第10件申请，在10件以内，不收费。"),
        (11, 100, "按件计收：本月第11件申请，适用第11至30件每件100元的标准，本件收费100元。"),
        (30, 100, "按件计收：本月第30件申请，适用第11至30件每件100元的标准，本件收费100元。"),
        (
            31,
            200,
            "按件计收：本月第31件申请，适用第31件起每10件为一档的标准（第31至40件每件200元），本件收费200元。",
        ),
        (
            35,
            200,
            "按件计收：本月第35件申请，适用第31件起每10件为一档的标准（第31至40件每件200元），本件收费200元。",
        ),
        (
            41,
            300,
            "按件计收：本月第41件申请，适用第31件起每10件为一档的标准（第41至50件每件300元），本件收费300元。",
        ),
        (
            51,
            400,
            "按件计收：本月第51件申请，适用第31件起每10件为一档的标准（第51至60件每件400元），本件收费400元。",
        ),
    ],
)
def test_quote_per_piece_states_the_bracket(k: int, amount: int, basis: str) -> None:
    assert quote_per_piece(k) == FeeQuote("按件", amount, basis)


@pytest.mark.parametrize(
    ("pages", "amount", "basis"),
    [
        (30, 0, "按量计收：共30页，未超过30页，不收费。"),
        (31, 10, "按量计收：共31页，其中30页以内免费，第31页10元，合计10元。"),
        (100, 700, "按量计收：共100页，其中30页以内免费，第31至100页每页10元计700元，合计700元。"),
        (
            101,
            720,
            "按量计收：共101页，其中30页以内免费，第31至100页每页10元计700元，第101页20元，合计720元。",
        ),
        (
            150,
            1700,
            "按量计收：共150页，其中30页以内免费，第31至100页每页10元计700元，"
            "第101至150页每页20元计1000元，合计1700元。",
        ),
        (
            200,
            2700,
            "按量计收：共200页，其中30页以内免费，第31至100页每页10元计700元，"
            "第101至200页每页20元计2000元，合计2700元。",
        ),
        (
            201,
            2740,
            "按量计收：共201页，其中30页以内免费，第31至100页每页10元计700元，"
            "第101至200页每页20元计2000元，第201页40元，合计2740元。",
        ),
        (
            250,
            4700,
            "按量计收：共250页，其中30页以内免费，第31至100页每页10元计700元，"
            "第101至200页每页20元计2000元，第201至250页每页40元计2000元，合计4700元。",
        ),
    ],
)
def test_quote_by_volume_states_each_bracket_charged(pages: int, amount: int, basis: str) -> None:
    assert quote_by_volume(pages) == FeeQuote("按量", amount, basis)


def test_the_quotes_agree_with_the_fee_functions() -> None:
    for n in range(0, 260):
        volume = quote_by_volume(n)
        assert volume.amount == fee_by_volume(n)
        assert volume.basis.endswith(f"合计{volume.amount}元。" if volume.amount else "不收费。")
    for k in range(1, 120):
        piece = quote_per_piece(k)
        assert piece.amount == fee_per_piece(k)
        assert piece.basis.endswith(f"本件收费{piece.amount}元。" if piece.amount else "不收费。")
        assert piece.basis.startswith(f"按件计收：本月第{k}件申请，")


def test_a_zero_quote_says_no_fee() -> None:
    assert "不收费" in quote_per_piece(10).basis
    assert "不收费" in quote_by_volume(0).basis
    assert "不收费" not in quote_per_piece(11).basis
    assert "不收费" not in quote_by_volume(31).basis


def test_a_quote_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote_per_piece(35).amount = 0  # type: ignore[misc]
