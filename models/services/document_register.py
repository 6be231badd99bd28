"""发文登记簿: the 公文 register as an .xlsx, on the shared mechanism of models.services.tabular.

This module supplies only the columns and the 公文 rules (through `documents.clean_input` and the 三审三校
check); reading, the template with 填写说明, all-or-nothing and safe cells are shared. Rows whose 文号 is already
registered are skipped, so the same file can be imported twice. A 公开目录 path that does not exist yet is created.
The column 发布栏目/网址 holds both: the part starting with http(s):// is the 网址, the rest the 栏目.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.db import Database
from models.domain import documents as rules
from models.domain.document_number import normalize_document_number
from models.domain.documents import Review, ReviewStage
from models.domain.errors import ValidationError
from models.domain.tabular import CHOICE, DATE, Column, Problem, Table, error_text
from models.entities import Document
from models.services import audit, collector, documents, tabular
from models.services import document_catalogue as catalogue
from models.services.documents import DocumentInput
from models.services.holidays import load_calendar
from models.services.profile import get_profile
from models.services.tabular import ROW_KEY, Progress

_EXEMPTIONS = "；".join(f"{r.code} {r.detail}" for r in rules.EXEMPTION_ROWS)
_STAGES = (("初审", "first"), ("复审", "second"), ("终审", "final"))

REGISTER = Table(
    sheet="发文登记簿",
    noun="发文登记簿",
    item="公文",
    command="documents template",
    intro="发文登记簿填写说明：每行填写一件公文，第1行的列名不要修改。文号已登记的行导入时跳过。",
    columns=(
        Column("文号", "number", help="有文号的必填。〔〕、[]、（）均可。", example="白鹤府发〔2025〕12号", width=24),
        Column("标题", "title", required=True, help="必填。", example="白鹤镇人民政府关于印发……的通知", width=40),
        Column("发文机关", "issuer", example="白鹤镇人民政府"),
        Column("成文日期", "written", DATE, required=True, help="必填。", example="2025-09-22"),
        Column("文种", "doc_type", example="通知"),
        Column("类别", "category", CHOICE, required=True, choices=tuple(c.value for c in rules.Category),
               help="必填。", example="行政规范性文件"),
        Column("公开属性", "attribute", CHOICE, required=True, choices=tuple(a.value for a in rules.Attribute),
               help="必填。", example="主动公开"),
        Column("附注", "note_mark", CHOICE, required=True, choices=tuple(n.value for n in rules.NoteMark),
               help="必填。主动公开：此件公开发布、此件删减后公开或此件脱密后公开；依申请公开：此件依申请公开；"
               "不予公开：此件不公开。", example="此件公开发布"),
        Column("不公开理由", "withhold_reason", help="附注不是“此件公开发布”时必填。"),
        Column("依据", "basis_code", help=f"附注不是“此件公开发布”时必填，填写编号：{_EXEMPTIONS}。", example="3.4"),
        Column("公开目录", "catalogue", help="用>分隔各级目录；不存在的目录导入时自动添加。",
               example="政府信息公开目录>惠民惠农资金", width=30),
        Column("解读主体", "interpreter"),
        Column("有效期至", "valid_until", DATE, example="2030-09-21"),
        Column("状态", "state", CHOICE, choices=tuple(s.value for s in rules.DocState), help="不填为现行有效。",
               example="现行有效"),
        Column("状态变更日期", "state_changed", DATE, help="状态不是现行有效时必填（已废止填废止日期）。"),
        Column("发布日期", "published", DATE, help="须已登记终审，且不早于终审日期。", example="2025-09-26"),
        Column("发布栏目/网址", "publish", help="栏目和网址之间用空格分隔。",
               example="政府信息公开目录>惠民惠农资金 http://www.baihe.gov.cn/zwgk/12.html", width=36),
        Column("承办科室", "department", example="党政办公室"),
        *(
            column
            for label, key in _STAGES
            for column in (
                Column(f"{label}人", f"{key}_reviewer", help=f"{label}（{rules.STAGE_ROLES[ReviewStage(label)]}）。"),
                Column(f"{label}日期", f"{key}_day", DATE),
            )
        ),
        Column("备注", "note"),
    ),
)  # fmt: skip
HEADERS = REGISTER.headers
_URL = re.compile(r"https?://\S+")


def write_template(path: str | Path) -> Path:
    return tabular.write_template(REGISTER, path, title="发文登记簿模板")


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)  # (row, 文号 or 标题)
    skipped: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Skipped:
    message: str


@dataclass(frozen=True)
class _Planned:
    row: int
    form: DocumentInput
    reviews: list[Review]
    catalogue: str


def _split_publish(text: str) -> tuple[str, str]:
    url = _URL.search(text or "")
    if url is None:
        return (text or "").strip(), ""
    return (text[: url.start()] + text[url.end() :]).strip(), url.group(0)


def _plan_row(
    values: Mapping[str, Any], *, today: date, known: set[str], seen: dict[str, int]
) -> tuple[_Planned | _Skipped | None, list[Problem]]:
    row = int(values[ROW_KEY])
    attrs, problems = REGISTER.parse(values, row, today=today)
    if problems:
        return None, problems
    try:
        number = normalize_document_number(attrs["number"] or "") or ""
    except ValidationError as error:
        return None, [Problem(row, "文号", error_text(error))]
    if number and number in known:
        return _Skipped(f"第{row}行 文号{number}已登记，跳过。"), []
    if number and number in seen:
        return None, [Problem(row, "文号", f"与第{seen[number]}行的文号相同。")]
    if number:
        seen[number] = row
    reviews = []
    for label, key in _STAGES:
        name, day = attrs.get(f"{key}_reviewer") or "", attrs.get(f"{key}_day")
        if bool(name) != bool(day):
            return None, [Problem(row, f"{label}{'日期' if name else '人'}", f"{label}人和{label}日期须同时填写。")]
        if name and day:
            reviews.append(Review(ReviewStage(label), name, day))
    column, url = _split_publish(attrs.get("publish") or "")
    form = DocumentInput(
        number=number,
        title=attrs["title"],
        issuer=attrs["issuer"],
        written=attrs["written"],
        doc_type=attrs["doc_type"],
        category=attrs["category"],
        attribute=attrs["attribute"],
        note_mark=attrs["note_mark"],
        withhold_reason=attrs["withhold_reason"],
        basis_code=attrs["basis_code"],
        interpreter=attrs["interpreter"],
        valid_until=attrs["valid_until"],
        state=attrs["state"] or rules.DocState.IN_FORCE.value,
        state_changed=attrs["state_changed"],
        published=attrs["published"],
        publish_column=column,
        publish_url=url,
        department=attrs["department"],
        note=attrs["note"],
    )
    try:
        rules.check_reviews(reviews, today=today)
        clean = documents.clean_input(form, reviews, today=today)
        catalogue.split_path(attrs["catalogue"])  # the names are checked when created
    except ValidationError as error:
        return None, [Problem(row, error.field, error_text(error))]
    return _Planned(row, clean, reviews, attrs["catalogue"]), []


def validate_and_import(
    db: Database, path: str | Path, *, today: date | None = None, progress: Progress | None = None
) -> ImportReport:
    """Import the 发文登记簿, all or nothing (`SheetProblems` lists every problem; nothing is written)."""
    with collector.paused():  # thousands of rows: the collector's passes over the app heap would cost ≈20%
        return _validate_and_import(db, path, today=today, progress=progress)


def _validate_and_import(
    db: Database, path: str | Path, *, today: date | None, progress: Progress | None
) -> ImportReport:
    today = today or date.today()
    sheet = tabular.read_sheet(REGISTER, path)
    with db.reading() as session:
        known = {n for n in session.scalars(select(Document.number)) if n}
    seen: dict[str, int] = {}
    planned: list[_Planned | _Skipped] = tabular.plan_rows(
        REGISTER, sheet.rows, lambda values: _plan_row(values, today=today, known=known, seen=seen), progress=progress
    )
    report = ImportReport(ignored_columns=sheet.ignored_columns)
    calendar = load_calendar(db)
    with db.transaction() as session:
        for item in planned:
            if isinstance(item, _Skipped):
                report.skipped.append(item.message)
                continue
            node = catalogue.node_id_for_path(session, item.catalogue, create=True) if item.catalogue else None
            form = replace(item.form, catalogue_node_id=node)
            documents.insert_document(session, form, item.reviews, calendar=calendar, today=today, actor="登记簿导入")
            report.imported.append((item.row, form.number or form.title))
    return report


def _values(session: Any, doc: Document) -> dict[str, Any]:
    reviews = {r.stage: r for r in doc.reviews}
    values: dict[str, Any] = {
        "文号": doc.number or "",
        "标题": doc.title,
        "发文机关": doc.issuer,
        "成文日期": doc.written,
        "文种": doc.doc_type,
        "类别": doc.category,
        "公开属性": doc.attribute,
        "附注": doc.note_mark,
        "不公开理由": doc.withhold_reason,
        "依据": doc.basis_code,
        "公开目录": catalogue.path_of_node(session, doc.catalogue_node_id).replace(catalogue.SEPARATOR, ">"),
        "解读主体": doc.interpreter,
        "有效期至": doc.valid_until,
        "状态": doc.state,
        "状态变更日期": doc.state_changed,
        "发布日期": doc.published,
        "发布栏目/网址": " ".join(x for x in (doc.publish_column, doc.publish_url) if x),
        "承办科室": doc.department,
        "备注": doc.note,
    }
    for label, _key in _STAGES:
        review = reviews.get(label)
        values[f"{label}人"] = review.reviewer if review else ""
        values[f"{label}日期"] = review.day if review else None
    return values


def export_register(
    db: Database, path: str | Path, *, year: int | None = None, progress: Progress | None = None
) -> int:
    """Write every (not voided) document of `year` (成文日期) in 成文日期 order, in the import's format."""
    from exporters.doc_properties import set_xlsx_properties

    title = f"发文登记簿（{year}年）" if year is not None else "发文登记簿"
    with db.reading() as session:
        query = select(Document).where(Document.voided_at.is_(None)).order_by(Document.written, Document.id)
        if year is not None:
            query = query.where(Document.written >= date(year, 1, 1), Document.written <= date(year, 12, 31))
        rows = [_values(session, doc) for doc in session.scalars(query)]
    unit = get_profile(db).unit_name.strip()
    tabular.write_export(
        REGISTER,
        path,
        rows,
        total=len(rows),
        full=True,  # no personal data in a 发文登记簿
        mark=lambda workbook: set_xlsx_properties(workbook, title=title, author=unit),
        progress=progress,
    )
    audit.log(db, audit.EXPORT, table="file", record=Path(path).name, detail=f"导出发文登记簿{len(rows)}件 → {path}")
    return len(rows)
