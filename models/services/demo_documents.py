"""Demo 公文: a dozen documents of the sample township across categories and 公开属性 — published on time and
late, one overdue, one due within 3 working days, 依申请公开 and 不予公开 with their reasons, a yearly-review
decision, a repealed and an expiring normative document — on a 公开目录 shaped like the 云阳 plan's 公开路径
(政府信息公开目录 › 惠民惠农资金 …). Built through the real services, dated relative to today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from models.db import Database
from models.domain.documents import Decision, ReviewStage
from models.services import document_catalogue as catalogue
from models.services import documents as service
from models.services.demo_applications import _working_day_before
from models.services.documents import DocumentInput
from models.services.holidays import load_calendar

CATALOGUE = (
    "政府信息公开目录>法定主动公开内容>履职依据>本镇规范性文件",
    "政府信息公开目录>法定主动公开内容>财政信息>预算/决算",
    "政府信息公开目录>惠民惠农资金",
    "政府信息公开目录>乡村振兴",
    "政府信息公开目录>安全生产",
    "政府信息公开目录>政策解读",
)
REVIEWERS = ("李晓梅", "王磊", "陈镇长")  # 信息录入员, 科室负责人, 分管领导


@dataclass(frozen=True)
class _Plan:
    seq: int
    title: str
    age: int  # working days before today
    category: str = "其他"
    doc_type: str = "通知"
    node: int | None = None  # index in CATALOGUE
    attribute: str = "主动公开"
    note_mark: str = "此件公开发布"
    reason: str = ""
    basis: str = ""
    reviews: int = 3  # how many steps of 三审三校 are done
    publish_after: int | None = 3  # working days after 成文日期; None: not published
    valid_days: int | None = None  # 有效期至 = today + this many days
    state: str = "现行有效"
    extra: dict[str, object] = field(default_factory=dict)


PLANS = (
    _Plan(5, "白鹤镇人民政府关于印发《白鹤镇惠民惠农财政补贴资金“一卡通”发放管理办法》的通知", 160,
          "行政规范性文件", node=0, valid_days=18 * 30),
    _Plan(6, "白鹤镇人民政府关于印发《白鹤镇集镇环境卫生管理办法》的通知", 220, "行政规范性文件", node=0,
          valid_days=20),  # within 30 days of 有效期至
    _Plan(3, "白鹤镇人民政府关于印发《白鹤镇农村建房管理暂行办法》的通知", 240, "行政规范性文件", node=0,
          state="已废止", extra={"state_changed": 30}),
    _Plan(12, "白鹤镇2025年森林防火工作方案", 90, "政策性文件", "方案", node=4),  # asked for by an application
    _Plan(14, "白鹤镇人民政府关于下达2025年耕地地力保护补贴资金的通知", 35, "政策性文件", node=2, reviews=1,
          publish_after=None),  # overdue
    _Plan(15, "白鹤镇人民政府关于做好2025年冬春农村困难群众救助工作的通知", 17, "政策性文件", node=2, reviews=2,
          publish_after=None),  # due within 3 working days
    _Plan(16, "白鹤镇人民政府关于开展冬季安全生产大检查的通知", 4, node=4, reviews=1, publish_after=None),
    _Plan(9, "白鹤镇2025年财政预算执行情况的报告", 120, "其他", "报告", node=1, publish_after=26),  # published late
    _Plan(10, "白鹤镇人民政府关于乡村振兴示范村建设项目资金安排的通知", 100, "政策性文件", node=3,
          note_mark="此件删减后公开", reason="附件含农户身份证号码和银行账号，删除后公开", basis="3.4"),
    _Plan(11, "白鹤镇人民政府关于石桥村土地征收补偿安置人员名单的通知", 80, attribute="依申请公开",
          note_mark="此件依申请公开", reason="名单涉及被征收人个人信息，公开会损害第三方合法权益", basis="3.4",
          publish_after=None),
    _Plan(2, "白鹤镇人民政府办公室关于调整机关内部考勤管理的通知", 200, attribute="不予公开",
          note_mark="此件不公开", reason="属于机关内部人事管理信息", basis="3.5", publish_after=None),
    _Plan(4, "白鹤镇人民政府关于柳湾村道路改建项目前期工作的通知", 150, attribute="依申请公开",
          note_mark="此件依申请公开", reason="项目尚在论证，属于过程性信息", basis="3.6", publish_after=None,
          extra={"disclose": True}),  # 转为主动公开 in the yearly review: a new 20-working-day clock
)  # fmt: skip


def seed_documents(db: Database, *, today: date) -> list[int]:
    calendar = load_calendar(db)
    with db.transaction() as session:
        nodes = [catalogue.node_id_for_path(session, path, create=True) for path in CATALOGUE]
    ids: list[int] = []
    for plan in PLANS:
        written = _working_day_before(calendar, today, plan.age)
        organ = "白鹤府办发" if plan.seq == 2 else "白鹤府发"
        changed = plan.extra.get("state_changed")
        data = DocumentInput(
            number=f"{organ}〔{written.year}〕{plan.seq}号",
            title=plan.title,
            issuer="青山县白鹤镇人民政府",
            written=written,
            doc_type="办法" if "办法" in plan.title else plan.doc_type,
            category=plan.category,
            attribute=plan.attribute,
            note_mark=plan.note_mark,
            withhold_reason=plan.reason,
            basis_code=plan.basis,
            catalogue_node_id=nodes[plan.node] if plan.node is not None else None,
            interpreter="白鹤镇党政办公室" if plan.category == "行政规范性文件" else "",
            valid_until=today + timedelta(days=plan.valid_days) if plan.valid_days else None,
            state=plan.state,
            state_changed=today - timedelta(days=changed) if isinstance(changed, int) else None,
            department="党政办公室",
        )
        document_id = service.add_document(db, data, actor="演示数据", today=today).id
        for step, stage in enumerate((ReviewStage.FIRST, ReviewStage.SECOND, ReviewStage.FINAL)[: plan.reviews]):
            day = min(calendar.add_working_days(written, step).value, today)
            service.record_review(db, document_id, stage, REVIEWERS[step], day, actor="演示数据", today=today)
        if plan.publish_after is not None and plan.reviews == 3:
            day = min(calendar.add_working_days(written, plan.publish_after).value, today)
            service.publish(db, document_id, day, url=f"http://www.baihe.gov.cn/zwgk/{written.year}/{plan.seq}.html",
                            today=today)  # fmt: skip
        if plan.extra.get("disclose"):
            decided = _working_day_before(calendar, today, 6)
            reason = "项目已论证完毕，不再属于过程性信息"
            service.record_decision(db, document_id, today.year, Decision.DISCLOSE, decided_by="陈镇长",
                                    decided_on=decided, reason=reason, today=today)  # fmt: skip
        if plan.attribute == "不予公开":
            service.record_decision(db, document_id, today.year, Decision.KEEP, decided_by="陈镇长",
                                    decided_on=_working_day_before(calendar, today, 6), today=today)  # fmt: skip
        ids.append(document_id)
    return ids
