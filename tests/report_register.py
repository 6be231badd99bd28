"""A register for the report tests, built through the real services: every 办理结果/具体情形 row and every
applicant type, across the 2024/2025/2026 year boundaries. The expected tables are computed by hand below.

The 21 result rows, one application each, all received and closed in 2025 (type = APPLICANT_TYPES[i % 6]):
    i  code type        i  code type        i  code type
    0  1    自然人      7  3.6  商业企业    14 5.2  科研机构
    1  2    商业企业    8  3.7  科研机构    15 5.3  社会公益组织
    2  3.1  科研机构    9  3.8  社会公益组织 16 5.4  法律服务机构
    3  3.2  社会公益组织 10 4.1  法律服务机构 17 5.5  其他
    4  3.3  法律服务机构 11 4.2  其他        18 6.1  自然人 (逾期未补正: result date = 补正期限 + 1)
    5  3.4  其他        12 4.3  自然人      19 6.2  商业企业 (逾期未缴费: result date = 缴费期限 + 1)
    6  3.5  自然人      13 5.1  商业企业    20 6.3  科研机构 (撤回: the withdrawal date)
Received on date(2025, 2 + i // 3, 3 + 7 * (i % 3)), replied 10 days later.

Across the boundaries (letters are the `extra` keys):
    A 2024-12-15 自然人     replied 2025-01-10 (1)          → 2025 上年结转, 2025 result
    B 2024-12-20 商业企业   open                            → 2025 上年结转 and 结转下年度
    C 2025-12-22 科研机构   replied 2026-01-12 (5.2)        → 2025 新收 + 结转; 2026-01 result
    D 2025-12-26 其他       open                            → 2025 新收 + 结转
    E 2024-11-03 自然人     replied 2024-11-20 (1)          → not in 2025; its lawsuit filed 2024
    F 2026-01-05 自然人     open                            → 2026-01 新收 + 结转
    G 2025-12-01 社会公益组织 fee received 2025-12-10, 缴费期限 2026-01-08 → 6.2 on 2026-01-09
    H 2025-12-10 法律服务机构 补正期限 2025-12-31 → 6.1 on 2026-01-01
    I 2025-12-15 法律服务机构 补正 received 2026-01-08, replied 2026-01-20 (1): 新收 counts by 收到日期
    J 2025-04-01 自然人     fee 300 元 paid 2025-04-10, replied 2025-04-20 (1)
表四 (2025): 复议 on i=2 filed 2025-05-01 decided 2025-07-01 维持 → 结果维持; 复议 on i=5 filed 2025-11-01
decided 2026-01-15 纠正 → 尚未审结; 诉讼 未经复议直接起诉 on i=10 filed 2025-08-01 decided 2025-10-01 其他 →
其他结果; 诉讼 复议后起诉 on i=2 filed 2025-12-01 → 尚未审结; E's lawsuit filed 2024-12-01 → not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from models.db import Database
from models.domain.case import EventKind
from models.domain.identity import resident_id_check_char
from models.services import applications as service
from models.services.applications import ApplicationInput
from tests.expected_labels import APPLICANT_TYPES, RESULT_ROWS

TODAY = date(2026, 3, 31)
D = date

_RESULTS = {"1": "予以公开", "2": "部分公开", "3": "不予公开", "4": "无法提供", "5": "不予处理", "6": "其他处理"}


def result_and_detail(code: str) -> tuple[str, str]:
    """办理结果 and 具体情形 (the row label without its number) of a result row, as the clerk records them."""
    label = dict(RESULT_ROWS)[code]
    return _RESULTS[code.split(".")[0]], label.split(".", 1)[1] if "." in code else ""


def resident_id(seq: int) -> str:
    first17 = f"50023519800101{seq:03d}"
    return first17 + resident_id_check_char(first17)


@dataclass
class Register:
    by_code: dict[str, str] = field(default_factory=dict)  # result code → 申请编号
    extra: dict[str, str] = field(default_factory=dict)  # A … J → 申请编号


def _register(db: Database, received: date, applicant_type: str, seq: int, **more: Any) -> str:
    name = "张三丰" if applicant_type == "自然人" else f"测试{applicant_type}{seq}有限公司"
    data = ApplicationInput(
        received=received,
        channel="当面",
        applicant_type=applicant_type,
        applicant_name=more.pop("name", name),
        id_type="居民身份证",
        id_number=resident_id(seq),
        phone="13800138000",
        content=more.pop("content", f"申请公开第{seq}号文件"),
        **more,
    )
    return service.register(db, data, actor="测试", today=TODAY).number


def _event(db: Database, number: str, event_kind: EventKind, day: date, **data: Any) -> None:
    service.record_event(db, number, event_kind, day, data, actor="测试", today=TODAY)


def _reply(db: Database, number: str, day: date, code: str) -> None:
    result, detail = result_and_detail(code)
    _event(db, number, EventKind.REPLY, day, result=result, detail=detail, served=day, method="直接")


def build(db: Database) -> Register:
    reg = Register()
    for i, (code, _label) in enumerate(RESULT_ROWS):
        received = D(2025, 2 + i // 3, 3 + 7 * (i % 3))
        number = _register(db, received, APPLICANT_TYPES[i % 6], i + 1)
        reg.by_code[code] = number
        if code == "6.1":
            deadline = received + timedelta(days=17)
            _event(db, number, EventKind.SUPPLEMENT_NOTICE, received + timedelta(days=2), deadline=deadline)
            _event(db, number, EventKind.SUPPLEMENT_EXPIRED, received + timedelta(days=21))
        elif code == "6.2":
            notice = received + timedelta(days=2)
            _event(db, number, EventKind.FEE_NOTICE, notice, amount=100, method="按件", received=notice)
            _event(db, number, EventKind.FEE_EXPIRED, D(2025, 9, 15))
        elif code == "6.3":
            _event(db, number, EventKind.WITHDRAWN, received + timedelta(days=5))
        else:
            _reply(db, number, received + timedelta(days=10), code)

    x = reg.extra
    x["A"] = _register(db, D(2024, 12, 15), "自然人", 101)
    _reply(db, x["A"], D(2025, 1, 10), "1")
    x["B"] = _register(db, D(2024, 12, 20), "商业企业", 102)
    x["C"] = _register(db, D(2025, 12, 22), "科研机构", 103)
    _reply(db, x["C"], D(2026, 1, 12), "5.2")
    x["D"] = _register(db, D(2025, 12, 26), "其他", 104)
    x["E"] = _register(db, D(2024, 11, 3), "自然人", 105)
    _reply(db, x["E"], D(2024, 11, 20), "1")
    _event(db, x["E"], EventKind.LAWSUIT_FILED, D(2024, 12, 1), court="X县人民法院", kind="未经复议直接起诉")
    x["F"] = _register(db, D(2026, 1, 5), "自然人", 106)
    x["G"] = _register(db, D(2025, 12, 1), "社会公益组织", 107)
    _event(db, x["G"], EventKind.FEE_NOTICE, D(2025, 12, 10), amount=200, method="按件", received=D(2025, 12, 10))
    _event(db, x["G"], EventKind.FEE_EXPIRED, D(2026, 1, 12))
    x["H"] = _register(db, D(2025, 12, 10), "法律服务机构", 108)
    _event(db, x["H"], EventKind.SUPPLEMENT_NOTICE, D(2025, 12, 12), deadline=D(2025, 12, 31))
    _event(db, x["H"], EventKind.SUPPLEMENT_EXPIRED, D(2026, 1, 5))
    x["I"] = _register(db, D(2025, 12, 15), "法律服务机构", 109)
    _event(db, x["I"], EventKind.SUPPLEMENT_NOTICE, D(2025, 12, 17), deadline=D(2026, 1, 15))
    _event(db, x["I"], EventKind.SUPPLEMENT_RECEIVED, D(2026, 1, 8))
    _reply(db, x["I"], D(2026, 1, 20), "1")
    x["J"] = _register(db, D(2025, 4, 1), "自然人", 110)
    _event(db, x["J"], EventKind.FEE_NOTICE, D(2025, 4, 3), amount=300, method="按件", received=D(2025, 4, 3))
    _event(db, x["J"], EventKind.FEE_PAID, D(2025, 4, 10))
    _reply(db, x["J"], D(2025, 4, 20), "1")

    # 表四
    first = reg.by_code["3.1"]
    detail = service.record_event(
        db, first, EventKind.REVIEW_FILED, D(2025, 5, 1), {"organ": "X县人民政府"}, actor="测试", today=TODAY
    )
    review = next(e.id for e in detail.timeline if e.kind is EventKind.REVIEW_FILED)
    _event(db, first, EventKind.REVIEW_DECIDED, D(2025, 7, 1), ref=review, result="维持")
    other = reg.by_code["3.4"]
    detail = service.record_event(
        db, other, EventKind.REVIEW_FILED, D(2025, 11, 1), {"organ": "X县人民政府"}, actor="测试", today=TODAY
    )
    review = next(e.id for e in detail.timeline if e.kind is EventKind.REVIEW_FILED)
    _event(db, other, EventKind.REVIEW_DECIDED, D(2026, 1, 15), ref=review, result="纠正")
    direct = reg.by_code["4.1"]
    detail = service.record_event(
        db,
        direct,
        EventKind.LAWSUIT_FILED,
        D(2025, 8, 1),
        {"court": "X县人民法院", "kind": "未经复议直接起诉"},
        actor="测试",
        today=TODAY,
    )
    suit = next(e.id for e in detail.timeline if e.kind is EventKind.LAWSUIT_FILED)
    _event(db, direct, EventKind.LAWSUIT_DECIDED, D(2025, 10, 1), ref=suit, result="其他")
    _event(db, first, EventKind.LAWSUIT_FILED, D(2025, 12, 1), court="X县人民法院", kind="复议后起诉")
    return reg


# -- the expected tables, by hand -------------------------------------------------------------------------------
# Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.

_ONE = {  # each result row's single 2025 application, by column index (i % 6)
    code: i % 6 for i, (code, _label) in enumerate(RESULT_ROWS)
}


def _row(col: int | None, n: int = 1) -> list[int]:
    values = [0] * 6
    if col is not None:
        values[col] = n
    return [*values, sum(values)]


def expected_2025() -> dict[str, list[int]]:
    """表三 of 2025 by row label."""
    rows: dict[str, list[int]] = {
        "一、本年新收政府信息公开申请数量": [5, 4, 5, 4, 5, 4, 27],
        "二、上年结转政府信息公开申请数量": [1, 1, 0, 0, 0, 0, 2],
    }
    for code, label in RESULT_ROWS:
        rows[label] = _row(_ONE[code])
    rows["（一）予以公开"] = [3, 0, 0, 0, 0, 0, 3]  # i=0, A, J
    rows["（七）总计"] = [6, 4, 4, 3, 3, 3, 23]
    rows["四、结转下年度继续办理"] = [0, 1, 1, 1, 2, 1, 6]  # B, C, G, H + I, D
    return rows


def expected_2026_01() -> dict[str, list[int]]:
    """表三 of January 2026 by row label (月报 labels for the first, second and fourth rows)."""
    rows: dict[str, list[int]] = {
        "一、本月新收政府信息公开申请数量": [1, 0, 0, 0, 0, 0, 1],  # F
        "二、上月结转政府信息公开申请数量": [0, 1, 1, 1, 2, 1, 6],  # B, C, G, H + I, D
    }
    for _code, label in RESULT_ROWS:
        rows[label] = _row(None)
    rows["（一）予以公开"] = _row(4)  # I
    rows["2.重复申请"] = _row(2)  # C
    rows["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] = _row(4)  # H
    rows["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"] = _row(3)  # G
    rows["（七）总计"] = [0, 0, 1, 1, 2, 0, 4]
    rows["四、结转下月继续办理"] = [1, 1, 0, 0, 0, 1, 3]  # F, B, D
    return rows


EXPECTED_TABLE4_2025 = {
    ("行政复议", "结果维持"): 1,
    ("行政复议", "尚未审结"): 1,
    ("行政复议", "总计"): 2,
    ("未经复议直接起诉", "其他结果"): 1,
    ("未经复议直接起诉", "总计"): 1,
    ("复议后起诉", "尚未审结"): 1,
    ("复议后起诉", "总计"): 1,
}
