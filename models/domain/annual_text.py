"""The written parts of the annual report: 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.

一 is drafted from the year's own figures (applications received and answered, the results, 表二, 复议/诉讼) and
the clerk may rewrite it; 五 and 六 start as placeholders marked 【待填写：…】 that only the clerk can fill in.
Pure: the figures in, the text out (models.services.annual_text stores the clerk's version per year).
"""

from __future__ import annotations

from dataclasses import dataclass

from models.domain.statistics import (
    CARRIED_IN,
    CARRIED_OUT,
    FEE_KEY,
    NEW,
    REVIEW,
    TABLE4_GROUPS,
    TOTAL,
    Return,
    figure_value,
)

SUMMARY, PROBLEMS, OTHER = "summary", "problems", "other"
SECTIONS: tuple[str, ...] = (SUMMARY, PROBLEMS, OTHER)
HEADINGS = {
    SUMMARY: "一、总体情况",
    PROBLEMS: "五、存在的主要问题及改进情况",
    OTHER: "六、其他需要报告的事项",
}
PLACEHOLDER_MARK = "【待填写"
PLACEHOLDERS = {
    PROBLEMS: "【待填写：上一年度问题的整改落实情况，本年度政府信息公开工作存在的主要问题和下一步的改进措施。】",
    OTHER: "【待填写：人大代表建议和政协委员提案办理结果公开情况、年度政务公开工作要点落实情况等其他需要报告的事项；"
    "没有的，写“无”。】",
}
MAX_LENGTH = 20000

# 表三 rows of the six 办理结果 (their group totals are the sum of their 具体情形 rows).
_RESULT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("1",)),
    ("部分公开", ("2",)),
    ("不予公开", tuple(f"3.{i}" for i in range(1, 9))),
    ("无法提供", ("4.1", "4.2", "4.3")),
    ("不予处理", tuple(f"5.{i}" for i in range(1, 6))),
    ("其他处理", ("6.1", "6.2", "6.3")),
)
_CORRECTED = "结果纠正"


def draft_summary(ret: Return) -> str:
    """一、总体情况 written from the year's figures (one paragraph per line)."""
    year = ret.period.start.year
    t3 = ret.table3.table
    natural = t3.get(NEW, "自然人")
    received = t3.get(NEW)
    answered = t3.get(TOTAL)
    results = []
    for name, codes in _RESULT_GROUPS:
        count = sum(t3.get(code) for code in codes)
        if count:
            results.append(f"{name}{count}件")
    detail = f"，其中{'、'.join(results)}" if results else ""
    lines = [
        f"{year}年，{ret.unit_name}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。",
        f"（一）依申请公开。本年度新收政府信息公开申请{received}件（自然人{natural}件，法人或其他组织"
        f"{received - natural}件），上年结转{t3.get(CARRIED_IN)}件；本年度办结{answered}件{detail}；"
        f"结转下年度继续办理{t3.get(CARRIED_OUT)}件。",
    ]
    if ret.table2 is not None:
        t2 = ret.table2
        figures = "，".join(
            f"{key}{figure_value(key, t2.figure(key))}{'万元' if key == FEE_KEY else '件'}"
            for key in ("行政许可", "行政处罚", "行政强制", FEE_KEY)
        )
        lines.append(f"（二）主动公开。本年度公开的处理决定和收费情况：{figures}（详见第二部分）。")
    if ret.table4 is not None:
        t4 = ret.table4
        reviews = t4.get(REVIEW, "总计")
        lawsuits = sum(t4.get(group, "总计") for group in TABLE4_GROUPS[1:])
        corrected = sum(t4.get(group, _CORRECTED) for group in TABLE4_GROUPS)
        if reviews or lawsuits:
            text = f"本年度因政府信息公开被申请行政复议{reviews}件，被提起行政诉讼{lawsuits}件"
            text += f"，其中结果纠正{corrected}件。" if corrected else "，无被纠正的情况。"
        else:
            text = "本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"
        lines.append(f"（三）行政复议和行政诉讼。{text}")
    return "\n".join(lines)


@dataclass(frozen=True)
class AnnualText:
    """The three written parts of one year's report as they will be printed."""

    summary: str
    problems: str
    other: str
    summary_edited: bool = False  # the clerk rewrote 一 (it is not the current draft)
    summary_stale: bool = False  # ... and the figures changed since

    def section(self, name: str) -> str:
        return {SUMMARY: self.summary, PROBLEMS: self.problems, OTHER: self.other}[name]

    def placeholders(self) -> list[str]:
        """The headings of the parts still to be written (empty, or with a 【待填写 mark)."""
        return [HEADINGS[s] for s in SECTIONS if not self.section(s).strip() or PLACEHOLDER_MARK in self.section(s)]

    def warnings(self) -> list[str]:
        out = []
        if self.placeholders():
            out.append(
                f"年度报告的以下部分尚待填写（文中标有{PLACEHOLDER_MARK}：…】）：{'、'.join(self.placeholders())}。"
            )
        if self.summary_stale:
            out.append(f"{HEADINGS[SUMMARY]}是按修改前的数据编写的，数据已有变化，请核对其中的数字。")
        return out


def default_text(ret: Return) -> AnnualText:
    """Nothing written by the clerk yet: the draft of 一 and the placeholders of 五 and 六."""
    return AnnualText(draft_summary(ret), PLACEHOLDERS[PROBLEMS], PLACEHOLDERS[OTHER])
