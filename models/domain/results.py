"""办理结果 and 具体情形: the rows of table 三 of the 2021 annual-report format, in one place.

Each reply or closing is one `ResultRow`. The annual report counts by `code`, letters cite `basis`, the remedy
sentence follows `remedy` (README §3), and the ledger uses `result` and `detail` (the sub-row label without its
number). Rows and labels are verbatim from the 2021 format (国办公开办函〔2021〕30号).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Remedy(StrEnum):
    GENERAL = "general"  # 行政复议 or 行政诉讼, both offered
    REVIEW_FIRST = "review_first"  # 复议前置 (行政复议法第23条第1款第4项)


RESULTS: tuple[str, ...] = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")


@dataclass(frozen=True)
class ResultRow:
    code: str  # "1", "2", "3.1" … "6.3": the position in table 三
    result: str  # 办理结果, one of RESULTS
    detail: str  # 具体情形 without its number ("" for 予以公开 / 部分公开)
    label: str  # the row label, verbatim, as printed in table 三
    basis: str  # the article(s) of the 条例 a letter cites
    remedy: Remedy


_ROWS: tuple[ResultRow, ...] = (
    ResultRow("1", "予以公开", "", "（一）予以公开", "第三十六条第（二）项", Remedy.GENERAL),
    ResultRow(
        "2",
        "部分公开",
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "第三十七条",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.1", "不予公开", "属于国家秘密", "1.属于国家秘密", "第十四条、第三十六条第（三）项", Remedy.REVIEW_FIRST
    ),
    ResultRow(
        "3.2",
        "不予公开",
        "其他法律行政法规禁止公开",
        "2.其他法律行政法规禁止公开",
        "第十四条、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.3",
        "不予公开",
        "危及“三安全一稳定”",
        "3.危及“三安全一稳定”",
        "第十四条、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.4",
        "不予公开",
        "保护第三方合法权益",
        "4.保护第三方合法权益",
        "第十五条、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.5",
        "不予公开",
        "属于三类内部事务信息",
        "5.属于三类内部事务信息",
        "第十六条第一款、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.6",
        "不予公开",
        "属于四类过程性信息",
        "6.属于四类过程性信息",
        "第十六条第二款、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow(
        "3.7",
        "不予公开",
        "属于行政执法案卷",
        "7.属于行政执法案卷",
        "第十六条第二款、第三十六条第（三）项",
        Remedy.REVIEW_FIRST,
    ),
    ResultRow("3.8", "不予公开", "属于行政查询事项", "8.属于行政查询事项", "第三十六条第（七）项", Remedy.REVIEW_FIRST),
    ResultRow(
        "4.1",
        "无法提供",
        "本机关不掌握相关政府信息",
        "1.本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
        Remedy.GENERAL,
    ),
    ResultRow(
        "4.2", "无法提供", "没有现成信息需要另行制作", "2.没有现成信息需要另行制作", "第三十八条", Remedy.GENERAL
    ),
    ResultRow("4.3", "无法提供", "补正后申请内容仍不明确", "3.补正后申请内容仍不明确", "第三十条", Remedy.GENERAL),
    ResultRow("5.1", "不予处理", "信访举报投诉类申请", "1.信访举报投诉类申请", "第三十九条第一款", Remedy.GENERAL),
    ResultRow("5.2", "不予处理", "重复申请", "2.重复申请", "第三十六条第（六）项", Remedy.GENERAL),
    ResultRow("5.3", "不予处理", "要求提供公开出版物", "3.要求提供公开出版物", "第三十九条第二款", Remedy.GENERAL),
    ResultRow("5.4", "不予处理", "无正当理由大量反复申请", "4.无正当理由大量反复申请", "第三十五条", Remedy.GENERAL),
    ResultRow(
        "5.5",
        "不予处理",
        "要求行政机关确认或重新出具已获取信息",
        "5.要求行政机关确认或重新出具已获取信息",
        "第二十七条",  # the 条例 covers requests to obtain (获取) information; no item names this case
        Remedy.GENERAL,
    ),
    ResultRow(
        "6.1",
        "其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
        Remedy.GENERAL,
    ),
    ResultRow(
        "6.2",
        "其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条，《政府信息公开信息处理费管理办法》",
        Remedy.GENERAL,
    ),
    ResultRow("6.3", "其他处理", "其他", "3.其他", "", Remedy.GENERAL),
)

ROWS_BY_CODE = {row.code: row for row in _ROWS}
ALL_ROWS = _ROWS

# Short names a clerk may type in a ledger for the long 其他处理 rows, and the 予以公开 variant of 36(一).
_ALIASES = {
    ("其他处理", "逾期不补正"): "6.1",
    ("其他处理", "申请人无正当理由逾期不补正"): "6.1",
    ("其他处理", "逾期未缴费"): "6.2",
    ("其他处理", "逾期未缴"): "6.2",
    ("其他处理", "申请人逾期未按收费通知要求缴纳费用"): "6.2",
    ("予以公开", "已主动公开"): "1",
    ("予以公开", "予以公开"): "1",
    ("部分公开", "部分公开"): "2",
}

SUPPLEMENT_EXPIRED = ROWS_BY_CODE["6.1"]
FEE_EXPIRED = ROWS_BY_CODE["6.2"]
OTHER = ROWS_BY_CODE["6.3"]


def details_of(result: str) -> list[str]:
    """The 具体情形 that belong to a 办理结果 ([""] for 予以公开 and 部分公开)."""
    return [row.detail for row in _ROWS if row.result == result]


def find_row(result: str, detail: str) -> ResultRow | None:
    """The row for a (办理结果, 具体情形) pair, or None when the detail does not belong to the result."""
    result, detail = result.strip(), detail.strip()
    code = _ALIASES.get((result, detail))
    if code:
        return ROWS_BY_CODE[code]
    for row in _ROWS:
        if row.result == result and (row.detail == detail or row.label == detail):
            return row
    return None
