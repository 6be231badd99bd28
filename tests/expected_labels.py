"""Labels of the annual-report tables as the tests expect them: written out from the law, never imported from
the code under test."""

from __future__ import annotations

# The columns and the result rows of 表三, written out from the 2021 format (国办公开办函〔2021〕30号;
# domain README §2), never taken from the code under test: (code, verbatim row label).
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
RESULT_ROWS: tuple[tuple[str, str], ...] = (
    ("1", "（一）予以公开"),
    ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.1", "1.属于国家秘密"),
    ("3.2", "2.其他法律行政法规禁止公开"),
    ("3.3", "3.危及“三安全一稳定”"),
    ("3.4", "4.保护第三方合法权益"),
    ("3.5", "5.属于三类内部事务信息"),
    ("3.6", "6.属于四类过程性信息"),
    ("3.7", "7.属于行政执法案卷"),
    ("3.8", "8.属于行政查询事项"),
    ("4.1", "1.本机关不掌握相关政府信息"),
    ("4.2", "2.没有现成信息需要另行制作"),
    ("4.3", "3.补正后申请内容仍不明确"),
    ("5.1", "1.信访举报投诉类申请"),
    ("5.2", "2.重复申请"),
    ("5.3", "3.要求提供公开出版物"),
    ("5.4", "4.无正当理由大量反复申请"),
    ("5.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("6.3", "3.其他"),
)

# The 27 column headers of the 台账 (ledger) template, in order: an interface the clerk's spreadsheets rely on.
LEDGER_HEADERS: tuple[str, ...] = (
    "申请编号",
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "通信地址",
    "申请内容",
    "补正告知日期",
    "补正期限",
    "补正收到日期",
    "征求意见发出日期",
    "征求意见回复日期",
    "延期告知日期",
    "延期工作日数",
    "收费通知日期",
    "缴费日期",
    "答复日期",
    "办理结果",
    "具体情形",
    "答复文号",
    "送达日期",
    "复议结果",
    "诉讼类型",
    "诉讼结果",
    "备注",
)
