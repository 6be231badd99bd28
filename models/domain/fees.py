"""信息处理费 (information processing fee) by 国办函〔2020〕109号, domain README §5.

Two methods, one per application, never both, both progressive:
- 按件 (per piece): the k-th application of one applicant in one calendar month costs 0 for k ≤ 10,
  100 元 for k = 11…30 and 100 × (⌊(k−31)/10⌋ + 2) 元 for k ≥ 31. A notice charges that application's fee
  only (the 35th costs 200 元), not the month's total;
- 按量 (by volume): the first 30 pages free, pages 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元.

`FeeQuote.basis` is the sentence the fee notice (收费通知) quotes as the basis and rate of the amount.
"""

from __future__ import annotations

from dataclasses import dataclass

PER_PIECE = "按件"
BY_VOLUME = "按量"

FREE_PIECES = 10
FLAT_PIECES_END = 30
FLAT_PIECE_FEE = 100

FREE_PAGES = 30
# (first page, last page or None for no limit, yuan per page), in order.
PAGE_BRACKETS: tuple[tuple[int, int | None, int], ...] = ((31, 100, 10), (101, 200, 20), (201, None, 40))


@dataclass(frozen=True)
class FeeQuote:
    """An amount in yuan with its method (按件 or 按量) and the Chinese sentence stating its basis."""

    method: str
    amount: int
    basis: str


def fee_per_piece(k: int) -> int:
    """The fee in yuan of the k-th application of one applicant in one calendar month (k counts from 1)."""
    if k < 1:
        raise ValueError("k counts from 1")
    if k <= FREE_PIECES:
        return 0
    if k <= FLAT_PIECES_END:
        return FLAT_PIECE_FEE
    return FLAT_PIECE_FEE * ((k - 31) // 10 + 2)


def month_total_per_piece(count: int) -> int:
    """The sum of the per-piece fees of the 1st…count-th applications of a month (35 → 3000)."""
    if count < 0:
        raise ValueError("count must not be negative")
    return sum(fee_per_piece(k) for k in range(1, count + 1))


def _volume_parts(pages: int) -> list[tuple[int, int, int]]:
    """The charged ranges of `pages` as (first page, last page, yuan per page), brackets in order."""
    parts = []
    for first, last, rate in PAGE_BRACKETS:
        if pages < first:
            break
        parts.append((first, pages if last is None else min(pages, last), rate))
    return parts


def fee_by_volume(pages: int) -> int:
    """The fee in yuan for `pages` pages (150 → 70 × 10 + 50 × 20 = 1700)."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    return sum((last - first + 1) * rate for first, last, rate in _volume_parts(pages))


def quote_per_piece(k: int) -> FeeQuote:
    """The 按件 quote of the k-th application of the month, with the bracket it falls in."""
    amount = fee_per_piece(k)
    if k <= FREE_PIECES:
        basis = f"按件计收：本月第{k}件申请，在{FREE_PIECES}件以内，不收费。"
    elif k <= FLAT_PIECES_END:
        basis = (
            f"按件计收：本月第{k}件申请，适用第{FREE_PIECES + 1}至{FLAT_PIECES_END}件每件{FLAT_PIECE_FEE}元的标准，"
            f"本件收费{amount}元。"
        )
    else:
        tier_first = 31 + (k - 31) // 10 * 10
        basis = (
            f"按件计收：本月第{k}件申请，适用第31件起每10件为一档的标准"
            f"（第{tier_first}至{tier_first + 9}件每件{amount}元），本件收费{amount}元。"
        )
    return FeeQuote(PER_PIECE, amount, basis)


def quote_by_volume(pages: int) -> FeeQuote:
    """The 按量 quote for `pages` pages, naming each bracket charged with its pages, rate and subtotal."""
    amount = fee_by_volume(pages)
    if pages <= FREE_PAGES:
        basis = f"按量计收：共{pages}页，未超过{FREE_PAGES}页，不收费。"
        return FeeQuote(BY_VOLUME, amount, basis)
    parts = []
    for first, last, rate in _volume_parts(pages):
        if first == last:
            parts.append(f"第{first}页{rate}元")
        else:
            parts.append(f"第{first}至{last}页每页{rate}元计{(last - first + 1) * rate}元")
    basis = f"按量计收：共{pages}页，其中{FREE_PAGES}页以内免费，" + "，".join(parts) + f"，合计{amount}元。"
    return FeeQuote(BY_VOLUME, amount, basis)
