"""Demo applications: a few dozen realistic cases in every state, built through the real services
(so every demo fact has passed the same checks as a clerk's)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from models.db import Database
from models.domain.case import EventKind
from models.domain.identity import resident_id_check_char
from models.domain.workdays import WorkCalendar
from models.services import applications as service
from models.services.applications import ApplicationInput
from models.services.holidays import load_calendar

# The sample township used by --demo and by the letter samples.
DEMO_PROFILE = {
    "单位名称": "青山县白鹤镇人民政府",
    "印章/落款名称": "青山县白鹤镇人民政府",
    "文号前缀": "白鹤镇政府信息公开",
    "复议机关": "青山县人民政府",
    "诉讼法院": "青山县人民法院",
    "联系人": "李晓梅",
    "联系电话": "023-5567 1234",
    "地址": "青山县白鹤镇政府街18号",
    "邮编": "404100",
}

PEOPLE = [
    "张建国",
    "李秀英",
    "王志强",
    "刘芳",
    "陈德明",
    "杨丽华",
    "赵海军",
    "黄小燕",
    "周国庆",
    "吴淑珍",
    "徐长林",
    "孙玉梅",
    "马文斌",
    "朱红霞",
    "胡永贵",
    "郭静",
]
ORGANIZATIONS = [
    ("商业企业", "青山县鑫源建材有限公司"),
    ("商业企业", "白鹤镇绿野农业开发有限公司"),
    ("法律服务机构", "重庆市正言律师事务所"),
    ("社会公益组织", "青山县乡村振兴促进会"),
    ("科研机构", "西南农业规划研究院"),
    ("其他", "白鹤镇石桥村股份经济合作社"),
]
CONTENTS = [
    "申请公开2025年白鹤镇道路硬化工程的招标文件及中标合同",
    "申请公开本人房屋所在地块的征收补偿安置方案及补偿标准",
    "申请公开石桥村2024年度农村低保对象名单及审批材料",
    "申请公开白鹤镇2025年财政预算执行情况",
    "申请公开高标准农田建设项目（2024年度）的验收报告",
    "申请公开本人宅基地使用审批的全部材料",
    "申请公开白鹤镇农村土地承包经营权流转合同备案登记表",
    "申请公开镇政府2025年第3次党政联席会议关于场镇改造的会议记录",
    "申请公开青山县白鹤镇农贸市场改造项目的环评审批文件",
    "申请公开白鹤镇2024年筹资筹劳项目的收支明细",
    "申请公开对我公司作出的行政处罚决定所依据的执法案卷",
    "要求镇政府确认我已取得的征收补偿协议的真实性并重新出具盖章件",
    "举报村干部在危房改造补助发放中优亲厚友，要求查处",
    "申请公开白鹤镇2025年森林防火工作方案",
]


def _resident_id(rng: random.Random, born: date) -> str:
    first17 = f"500235{born:%Y%m%d}{rng.randint(100, 999)}"
    return first17 + resident_id_check_char(first17)


def _working_day_before(calendar: WorkCalendar, day: date, n: int) -> date:
    """A working day roughly n working days before `day` (so demo dates fall on working days)."""
    d = day
    counted = 0
    while counted < n:
        d -= timedelta(days=1)
        if calendar.is_working_day(d):
            counted += 1
    return d


def seed_applications(db: Database, *, today: date, count: int = 40) -> list[str]:
    rng = random.Random(20251122)
    calendar = load_calendar(db)
    numbers: list[str] = []
    plans = ["reply"] * 14 + ["partial", "refuse", "refuse8", "none", "dup", "complaint", "confirm"]
    plans += ["supp_wait", "supp_done", "supp_expired", "consult_wait", "consult_done", "fee_wait", "fee_expired"]
    plans += ["extend", "delay", "withdrawn", "open_new", "open_soon", "open_overdue", "late_served", "review"]
    plans += ["lawsuit", "archived"]
    for index in range(count):
        plan = plans[index % len(plans)]
        if plan.startswith("open") or plan.endswith("_wait"):
            age = {"open_new": 3, "open_soon": 18, "open_overdue": 24}.get(plan, rng.randint(8, 14))
        else:
            age = rng.randint(40, 260)
        received = _working_day_before(calendar, today, age)
        if rng.random() < 0.7:
            applicant_type, name = "自然人", rng.choice(PEOPLE)
            id_type, id_number = "居民身份证", _resident_id(rng, date(rng.randint(1950, 1998), rng.randint(1, 12), 15))
            phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        else:
            applicant_type, name = rng.choice(ORGANIZATIONS)
            id_type, id_number, phone = "", "", f"023-{rng.randint(55000000, 55999999)}"
        content = CONTENTS[index % len(CONTENTS)]
        if plan == "complaint":
            content = CONTENTS[12]
        if plan == "confirm":
            content = CONTENTS[11]
        data = ApplicationInput(
            received=received,
            channel=rng.choice(["当面", "邮寄", "网络平台", "电子邮件"]),
            applicant_type=applicant_type,
            applicant_name=name,
            id_type=id_type or "居民身份证",
            id_number=id_number,
            phone=phone,
            address=f"青山县白鹤镇{rng.choice(['石桥村', '柳湾村', '新街社区', '龙潭村'])}{rng.randint(1, 12)}组",
            postcode="404100",
            content=content,
            delivery_form=rng.choice(["纸质", "电子", "邮寄"]),
            handler=rng.choice(["李晓梅", "王磊"]),
        )
        number = service.register(db, data, actor="演示数据", today=today).number
        numbers.append(number)
        _play(db, number, plan, received, calendar, today, rng)
    return numbers


def _play(  # noqa: C901 - one scenario per plan
    db: Database, number: str, plan: str, received: date, cal: WorkCalendar, today: date, rng: random.Random
) -> None:
    def add(n: int) -> date:
        return cal.add_working_days(received, n).value

    def record(event: EventKind, day: date, **data: object) -> None:
        service.record_event(db, number, event, min(day, today), data, actor="演示数据", today=today)

    def reply(day: date, result: str, detail: str = "", late: bool = False) -> None:
        served = day + timedelta(days=2 if not late else 9)
        record(
            EventKind.REPLY,
            day,
            result=result,
            detail=detail,
            doc_number="",
            method="邮政邮寄",
            served=min(served, today),
        )

    if plan == "reply":
        reply(add(rng.randint(5, 15)), "予以公开", rng.choice(["", "已主动公开"]))
    elif plan == "partial":
        reply(add(12), "部分公开")
    elif plan == "refuse":
        reply(add(14), "不予公开", "属于四类过程性信息")
    elif plan == "refuse8":
        reply(add(10), "不予公开", "属于行政查询事项")
    elif plan == "none":
        reply(add(9), "无法提供", "本机关不掌握相关政府信息")
    elif plan == "dup":
        reply(add(6), "不予处理", "重复申请")
    elif plan == "complaint":
        reply(add(5), "不予处理", "信访举报投诉类申请")
    elif plan == "confirm":
        reply(add(7), "不予处理", "要求行政机关确认或重新出具已获取信息")
    elif plan in ("supp_wait", "supp_done", "supp_expired"):
        notice = add(3)
        deadline = notice + timedelta(days=15 if plan != "supp_expired" else 10)
        record(EventKind.SUPPLEMENT_NOTICE, notice, deadline=deadline, items="请明确所需信息的名称、时间范围")
        if plan == "supp_done":
            back = notice + timedelta(days=6)
            record(EventKind.SUPPLEMENT_RECEIVED, back)
            reply(cal.add_working_days(back, 10).value, "予以公开")
        elif plan == "supp_expired":
            ends = service.get_detail(db, number, today=today).state.supplement_deadline  # moved past rest days
            if ends and ends + timedelta(days=1) <= today:
                record(EventKind.SUPPLEMENT_EXPIRED, ends + timedelta(days=1))
    elif plan in ("consult_wait", "consult_done"):
        sent = add(4)
        record(
            EventKind.CONSULTATION_SENT,
            sent,
            party_kind="第三方",
            party="青山县鑫源建材有限公司",
            matter="申请公开的合同含贵公司报价信息，是否同意公开",
        )
        detail = service.get_detail(db, number, today=today)
        ref = detail.facts.consultations[0].id
        record(EventKind.CONSULTATION_DELIVERED, sent + timedelta(days=2), ref=ref)
        if plan == "consult_done":
            answered = cal.add_working_days(sent, 9).value
            record(EventKind.CONSULTATION_ANSWERED, answered, ref=ref, opinion="不同意公开")
            reply(cal.add_working_days(answered, 5).value, "部分公开")
    elif plan in ("fee_wait", "fee_expired"):
        record(
            EventKind.FEE_NOTICE, add(5), method="按量", pages=150, amount=1700, basis="按量计收：共150页，合计1700元。"
        )
        if plan == "fee_expired":
            pay_deadline = service.get_detail(db, number, today=today).state.payment_deadline
            if pay_deadline and pay_deadline + timedelta(days=1) <= today:
                record(EventKind.FEE_EXPIRED, pay_deadline + timedelta(days=1))
    elif plan == "extend":
        record(
            EventKind.EXTENSION,
            add(18),
            days=15,
            approver="办公室主任 周林",
            approved=add(17),
            reason="所需信息涉及多个村（社区），需逐一调取核实",
        )
        reply(add(30), "予以公开")
    elif plan == "delay":
        record(EventKind.DELAY, add(6), until=add(45), reason="该申请人本月提交申请42件，明显超过合理范围")
    elif plan == "withdrawn":
        record(EventKind.WITHDRAWN, add(4), reason="申请人书面撤回申请")
    elif plan == "late_served":
        reply(add(19), "予以公开", late=True)
    elif plan in ("review", "lawsuit", "archived"):
        result = ("不予公开", "属于三类内部事务信息") if plan != "archived" else ("予以公开", "")
        reply(add(15), *result)
        filed = add(15) + timedelta(days=30)
        if plan == "review" and filed <= today:
            record(EventKind.REVIEW_FILED, filed, organ="青山县人民政府")
        if plan == "lawsuit" and filed <= today:
            record(EventKind.LAWSUIT_FILED, filed, court="青山县人民法院", kind="复议后起诉")
        if plan == "archived":
            record(EventKind.ARCHIVED, add(15) + timedelta(days=20), file_no="WS·2025-依申请-017")
