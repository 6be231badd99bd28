"""文书: generating an application's letters, the register of letters (文书登记), and the Word templates.

`generate` is one user action and one transaction: it checks that the facts allow the letter, allocates the
字号 from the year's sequence, records the letter in the register and on the application's timeline (出具文书),
renders the template and writes the file(s) — and only then commits. A refused or failed letter leaves no
number used, no row and no file; a voided letter keeps its number and is shown 作废.

Files go to `<folder of the database>/答复文书/<year>/` unless the caller names a path. A unit's own templates
are kept beside the database in `<db stem>-模板/<kind>.docx`; the built-in ones (resources/templates) stay as
the fallback and can be restored at any time.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from exporters.atomic_file import atomic_write
from exporters.fonts import FontChoice, choose_fonts
from models.db import Database
from models.domain import case as case_rules
from models.domain.case import EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.letters import (
    ALL_KINDS,
    COMMON_KEYS,
    DEFAULT_NUMBER_PATTERN,
    KINDS,
    LetterCase,
    LetterContent,
    LetterInputs,
    LetterKind,
    Options,
    UnitInfo,
    build,
    calendar_warning,
    check_number_pattern,
    contact_warning,
    format_number,
    refusal,
    required_keys,
)
from models.domain.workdays import WorkCalendar
from models.entities import Application, ApplicationEvent, Letter
from models.paths import DEFAULT_DB_NAME
from models.services import applications, units
from models.services.applications import ApplicationDetail
from models.services.holidays import load_calendar
from models.services.profile import PROFILE_FIELDS, Profile, get_profile
from models.services.settings import current_actor, get_setting, set_setting
from resources import resource_path

LETTERS_FOLDER = "答复文书"
SETTING_NUMBER_PATTERN = "letter_number_pattern"
SETTING_QUERY_ITEMS_REMEDY = "letter_remedy_query_items"  # 3.8: review_first | general
REVIEW_FIRST, GENERAL = "review_first", "general"
VOID_MARK = "作废"


# -- settings -------------------------------------------------------------------------------------------------


def number_pattern(db: Database) -> str:
    return get_setting(db, SETTING_NUMBER_PATTERN) or DEFAULT_NUMBER_PATTERN


def set_number_pattern(db: Database, pattern: str) -> str:
    clean = check_number_pattern(pattern or DEFAULT_NUMBER_PATTERN)
    set_setting(db, SETTING_NUMBER_PATTERN, clean)
    return clean


def query_items_review_first(db: Database) -> bool:
    return (get_setting(db, SETTING_QUERY_ITEMS_REMEDY) or REVIEW_FIRST) == REVIEW_FIRST


def set_query_items_review_first(db: Database, review_first: bool) -> None:
    set_setting(db, SETTING_QUERY_ITEMS_REMEDY, REVIEW_FIRST if review_first else GENERAL)


def letters_dir(db: Database) -> Path:
    """答复文书/ beside the default database; `<stem>-答复文书/` beside any other (the demo's letters never mix
    with the real ones)."""
    if db.path.name == DEFAULT_DB_NAME:
        return db.path.parent / LETTERS_FOLDER
    return db.path.parent / f"{db.path.stem}-{LETTERS_FOLDER}"


# -- the case as the letters see it ---------------------------------------------------------------------------


def letter_case(
    detail: ApplicationDetail, *, reply_letter_number: str = "", calendar: WorkCalendar | None = None
) -> LetterCase:
    """The plain case for models.domain.letters: the facts plus the data of the events they came from, the
    dates of its valid letters, and the limits the letters' dates must respect (computed on `calendar`)."""
    event_data: dict[EventKind, dict] = {}
    letter_dates: dict[LetterKind, date] = {}
    by_id = {entry.id: entry for entry in detail.timeline}

    def root(entry_id: int) -> int:
        while by_id.get(entry_id) is not None and by_id[entry_id].replaces_id is not None:
            entry_id = by_id[entry_id].replaces_id  # type: ignore[assignment]
        return entry_id

    consultation_data: dict[int, dict] = {}
    for entry in detail.timeline:
        if entry.voided:
            continue
        event_data[entry.kind] = dict(entry.data)
        if entry.kind is EventKind.CONSULTATION_SENT:
            consultation_data[root(entry.id)] = dict(entry.data)
        if entry.kind is EventKind.LETTER:
            try:
                letter_kind = LetterKind(str(entry.data.get("letter_kind", "")))
            except ValueError:
                continue
            letter_dates[letter_kind] = max(entry.day, letter_dates.get(letter_kind, entry.day))
    facts = detail.facts
    extension_limit = fee_limit = reasons_ends = None
    if calendar is not None:
        if facts.extensions:
            day = facts.extensions[-1][0]
            extension_limit = case_rules.reply_due_before(facts, calendar, day=day, without="extension")
        if facts.fee is not None:
            fee_limit = case_rules.reply_due_before(facts, calendar, day=facts.fee.notice, without="fee")
        reasons_ends = case_rules.reasons_deadline(facts, calendar)
    f = detail.fields
    assert f.received is not None
    return LetterCase(
        number=detail.number,
        applicant_name=f.applicant_name,
        applicant_type=f.applicant_type,
        channel=f.channel,
        received=f.received,
        content=f.content,
        address=" ".join(x for x in (f.address, f.postcode) if x),
        facts=detail.facts,
        state=detail.state,
        event_data=event_data,
        consultation_data=consultation_data,
        reply_letter_number=reply_letter_number,
        letter_dates=letter_dates,
        extension_limit=extension_limit,
        fee_limit=fee_limit,
        reasons_deadline=reasons_ends,
        reasons_established=calendar is not None and case_rules.reasons_established(facts, calendar),
    )


def _unit(profile: Profile) -> UnitInfo:
    missing = [f.label for f in PROFILE_FIELDS if f.required and not getattr(profile, f.attr).strip()]
    if missing:
        raise UserError(f"请先在“设置”中填写单位信息：{'、'.join(missing)}（文书的落款、字号和救济途径要用）。")
    return _unit_info(profile)


def _unit_info(profile: Profile) -> UnitInfo:
    return UnitInfo(
        unit_name=profile.unit_name,
        seal_name=profile.seal_name,
        number_prefix=profile.number_prefix,
        review_organ=profile.review_organ,
        court=profile.court,
        contact_person=profile.contact_person,
        contact_phone=profile.contact_phone,
        address=profile.address,
    )


def _reply_letter_number(db: Database, application_id: int) -> str:
    with db.reading() as session:
        query = (
            select(Letter.number)
            .where(
                Letter.application_id == application_id,
                Letter.kind == LetterKind.REPLY.value,
                Letter.voided_at.is_(None),
            )
            .order_by(Letter.id.desc())
        )
        return session.scalars(query).first() or ""


def _case(db: Database, number: str, today: date) -> LetterCase:
    detail = applications.get_detail(db, number, today=today)
    return letter_case(detail, reply_letter_number=_reply_letter_number(db, detail.id), calendar=load_calendar(db))


@dataclass(frozen=True)
class KindState:
    kind: LetterKind
    label: str
    allowed: bool
    reason: str  # why not, in Chinese ("" when allowed)


def kinds_for(db: Database, number: str, *, today: date | None = None) -> list[KindState]:
    """Every kind with whether the application's facts allow it now (the GUI menu)."""
    case = _case(db, number, today or date.today())
    out = []
    for kind in ALL_KINDS:
        why = refusal(kind, case)
        out.append(KindState(kind, KINDS[kind].label, why is None, why or ""))
    return out


def letter_warnings(db: Database, number: str, kind: LetterKind, *, today: date | None = None) -> list[str]:
    """What the clerk should know before issuing: a promised date in a year without holiday data, missing
    contact details of the unit (shown in the dialog before the letter is issued)."""
    case = _case(db, number, today or date.today())
    unit = _unit_info(get_profile(db))
    return [w for w in (calendar_warning(kind, case), contact_warning(unit)) if w]


def letter_case_for(db: Database, number: str, *, today: date | None = None) -> LetterCase:
    """The case of an application as the letters see it (the GUI dialog asks for the fields it needs)."""
    return _case(db, number, today or date.today())


# -- generating -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedLetter:
    id: int
    kind: LetterKind
    label: str
    number: str  # 字号, "" for 登记回执 / 送达回证
    title: str
    date: date
    application: str
    path: Path
    pdf_path: Path | None = None
    warnings: tuple[str, ...] = ()  # e.g. characters the PDF font lacks


def _write(data: bytes, path: Path, program: str) -> Path:
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    return atomic_write(path, write, program=program)


_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]')


def _file_name(application: str, label: str, number: str, letter_id: int) -> str:
    stem = f"{application}-{label}-{number or letter_id}"
    return _UNSAFE.sub("_", stem)[:150] + ".docx"


def _target(out: Path | None, default_folder: Path, name: str) -> Path:
    if out is None:
        default_folder.mkdir(parents=True, exist_ok=True)
        return default_folder / name
    if out.is_dir() or out.suffix.lower() != ".docx":
        if not out.exists():
            raise UserError(f"文件夹不存在：{out}（输出到文件时请以.docx结尾）")
        return out / name
    return out


def _ensure_no_valid_reply(session, application_id: int) -> None:  # noqa: ANN001 - a Session
    """One valid 答复书 per application (checked again inside the transaction that would add one)."""
    query = select(Letter.number).where(
        Letter.application_id == application_id,
        Letter.kind == LetterKind.REPLY.value,
        Letter.voided_at.is_(None),
    )
    number = session.scalars(query).first()
    if number is not None:
        raise UserError(
            f"本申请已有有效的答复书（{number}）。一件申请只能有一份有效的答复书："
            "如需重新出具，请先在文书登记中作废原答复书并写明理由。"
        )


def _allocate(session, year: int) -> int:  # noqa: ANN001 - a Session
    """The next seq of the year's letter sequence, in the caller's transaction (never reused, no gaps)."""
    return units.next_number(session, f"letter:{year}")


def generate(
    db: Database,
    number: str,
    kind: LetterKind,
    inputs: LetterInputs | None = None,
    *,
    today: date | None = None,
    actor: str = "",
    out: Path | None = None,
    pdf: bool = False,
    fonts: FontChoice | None = None,
) -> GeneratedLetter:
    """Generate one letter for application `number` (see the module docstring)."""
    today = today or date.today()
    inputs = inputs or LetterInputs()
    actor = current_actor(db, actor)
    case = _case(db, number, today)
    unit = _unit(get_profile(db))
    options = Options(query_items_review_first=query_items_review_first(db))
    pattern = number_pattern(db)
    # Everything the clerk can fix is checked before a number is taken.
    draft = build(kind, case, unit, inputs, number="", today=today, options=options)
    year = draft.date.year
    template = template_for(db, kind)
    fonts = fonts or choose_fonts()
    info = KINDS[kind]
    written: list[Path] = []
    try:
        with db.transaction() as session:
            app = session.scalars(select(Application).where(Application.number == case.number)).one()
            if kind is LetterKind.REPLY:
                _ensure_no_valid_reply(session, app.id)
            seq = _allocate(session, year) if info.numbered else None
            doc_number = format_number(pattern, prefix=unit.number_prefix, year=year, seq=seq) if seq else ""
            content = build(kind, case, unit, inputs, number=doc_number, today=today, options=options)
            letter = Letter(
                application_id=app.id,
                kind=kind.value,
                year=year,
                seq=seq,
                number=doc_number,
                title=content.register_title,
                created_by=actor,
            )
            session.add(letter)
            session.flush()
            path = _target(out, letters_dir(db) / str(year), _file_name(case.number, info.label, doc_number, letter.id))
            letter.file_path = str(path)
            data = {"kind": info.label, "letter_kind": kind.value, "doc_number": doc_number, "letter_id": letter.id}
            if content.late_due is not None:  # the clerk confirmed issuing it after the statutory deadline
                data.update(late=True, deadline=content.late_due.isoformat())
            session.add(
                ApplicationEvent(
                    application_id=app.id, kind=EventKind.LETTER.value, day=content.date, data=data, actor=actor
                )
            )
            session.flush()
            docx_bytes = render_letter(template, content.context(), fonts)
            check_remedy_kept(docx_bytes, content, template)
            pdf_letter = None
            if pdf:
                from exporters.letter_pdf import render_pdf  # reportlab is loaded only when a PDF is wanted

                pdf_letter = render_pdf(content, docx=docx_bytes)
            written.append(_write(docx_bytes, path, "Word或WPS"))
            pdf_path = None
            warnings: tuple[str, ...] = content.warnings
            if pdf_letter is not None:
                pdf_path = _write(pdf_letter.data, path.with_suffix(".pdf"), "PDF阅读器")
                written.append(pdf_path)
                if pdf_letter.missing:
                    warnings += (
                        f"PDF字体中没有以下字符，PDF中已用〓标出：{''.join(pdf_letter.missing)}。"
                        "请用Word文书（.docx）打印，或核对后手工填写。",
                    )
            result = GeneratedLetter(
                letter.id,
                kind,
                info.label,
                doc_number,
                content.register_title,
                content.date,
                case.number,
                path,
                pdf_path,
                warnings,
            )
    except BaseException:
        for item in written:  # the transaction rolled back: no file may claim a number that was not kept
            item.unlink(missing_ok=True)
        raise
    return result


def preview(
    db: Database, number: str, kind: LetterKind, inputs: LetterInputs | None = None, *, today: date | None = None
) -> LetterContent:
    """The letter's text without a number, stored nothing (checks and previews)."""
    today = today or date.today()
    inputs = inputs or LetterInputs()
    case = _case(db, number, today)
    options = Options(query_items_review_first=query_items_review_first(db))
    return build(kind, case, _unit(get_profile(db)), inputs, number="", today=today, options=options)


# -- the register -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterRecord:
    id: int
    application: str  # 申请编号 ("" for a letter without an application)
    kind: str
    label: str
    year: int
    seq: int | None
    number: str
    title: str
    path: Path | None
    created_at: datetime | None
    created_by: str
    voided: bool
    voided_at: datetime | None
    void_reason: str

    @property
    def status(self) -> str:
        return VOID_MARK if self.voided else "有效"

    @property
    def file_exists(self) -> bool:
        return self.path is not None and self.path.is_file()


def _record(letter: Letter, application: str) -> LetterRecord:
    try:
        label = KINDS[LetterKind(letter.kind)].label
    except ValueError:
        label = letter.kind
    return LetterRecord(
        letter.id,
        application,
        letter.kind,
        label,
        letter.year,
        letter.seq,
        letter.number,
        letter.title,
        Path(letter.file_path) if letter.file_path else None,
        letter.created_at,
        letter.created_by,
        letter.voided_at is not None,
        letter.voided_at,
        letter.void_reason,
    )


def list_letters(db: Database, *, number: str | None = None, year: int | None = None) -> list[LetterRecord]:
    """The register, newest first (voided letters included, marked 作废)."""
    with db.reading() as session:
        query = select(Letter, Application.number).join(
            Application, Letter.application_id == Application.id, isouter=True
        )
        if number:
            query = query.where(Application.number == number.strip())
        if year is not None:
            query = query.where(Letter.year == year)
        query = query.order_by(Letter.year.desc(), Letter.id.desc())
        return [_record(letter, app_number or "") for letter, app_number in session.execute(query)]


def letter_years(db: Database) -> list[int]:
    with db.reading() as session:
        return sorted(set(session.scalars(select(Letter.year))), reverse=True)


def void_letter(db: Database, letter_id: int, reason: str, *, actor: str = "") -> LetterRecord:
    """Mark a letter 作废 (it keeps its number); its 出具文书 entry on the timeline is voided with it."""
    if not reason.strip():
        raise ValidationError("作废理由", "请写明作废的理由。")
    actor = current_actor(db, actor)
    with db.transaction() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise UserError(f"找不到编号为{letter_id}的文书。")
        if letter.voided_at is not None:
            raise UserError(f"该文书已于{letter.voided_at:%Y-%m-%d}作废。")
        now = datetime.now()
        letter.voided_at, letter.voided_by, letter.void_reason = now, actor, reason.strip()
        app_number = ""
        if letter.application_id is not None:
            app = session.get(Application, letter.application_id)
            app_number = app.number if app else ""
            events = session.scalars(
                select(ApplicationEvent).where(
                    ApplicationEvent.application_id == letter.application_id,
                    ApplicationEvent.kind == EventKind.LETTER.value,
                    ApplicationEvent.voided_at.is_(None),
                )
            )
            for event in events:
                if (event.data or {}).get("letter_id") == letter.id:
                    event.voided_at, event.voided_by = now, actor
                    event.void_reason = f"文书作废：{reason.strip()}"
        session.flush()
        return _record(letter, app_number)


def letter_for_event(db: Database, event_id: int) -> int | None:
    """The letter a 出具文书 timeline entry stands for (its id), if any."""
    with db.reading() as session:
        event = session.get(ApplicationEvent, event_id)
        if event is None or event.kind != EventKind.LETTER.value:
            return None
        value = (event.data or {}).get("letter_id")
        return int(value) if value is not None else None


# -- templates ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateInfo:
    kind: LetterKind
    label: str
    custom: bool
    path: Path  # the template in use


def render_letter(template: Path, context: dict, fonts: FontChoice) -> bytes:
    from exporters.letter_docx import render_letter as render  # python-docx/docxtpl: only when a letter is written

    return render(template, context, fonts)


def template_name(kind: LetterKind) -> str:
    from exporters.letter_layout import template_name as name  # loads python-docx: only when a template is used

    return name(kind)


def builtin_template(kind: LetterKind) -> Path:
    return resource_path("templates", template_name(kind))


def templates_dir(db: Database) -> Path:
    return db.path.parent / f"{db.path.stem}-模板"


def custom_template(db: Database, kind: LetterKind) -> Path:
    return templates_dir(db) / template_name(kind)


def template_for(db: Database, kind: LetterKind) -> Path:
    custom = custom_template(db, kind)
    return custom if custom.is_file() else builtin_template(kind)


def template_status(db: Database) -> list[TemplateInfo]:
    return [
        TemplateInfo(kind, KINDS[kind].label, custom_template(db, kind).is_file(), template_for(db, kind))
        for kind in ALL_KINDS
    ]


def allowed_keys(kind: LetterKind) -> frozenset[str]:
    return COMMON_KEYS


def check_template(kind: LetterKind, path: Path) -> None:
    """A UserError listing the unknown and the missing placeholders of a unit's template for `kind`; one that
    uses anything but the app's placeholders (a template is code), or drops, rewrites or conditions the remedy
    paragraph (README §3), is refused too."""
    from exporters.letter_docx import check_template_syntax

    check_template_syntax(path)  # attribute access, calls, statements … are refused before anything else
    _check_placeholders(kind, path)
    if "remedy" in required_keys(kind):
        _check_remedy_placeholder(kind, path)


def _check_placeholders(kind: LetterKind, path: Path) -> None:
    from exporters.letter_docx import template_variables

    used = template_variables(path)
    unknown = sorted(used - allowed_keys(kind))
    missing = sorted(required_keys(kind) - used)
    if unknown or missing:
        details = []
        if unknown:
            details.append("不认识的占位符：" + "、".join("{{ " + k + " }}" for k in unknown))
        if missing:
            details.append("缺少必需的占位符：" + "、".join("{{ " + k + " }}" for k in missing))
        raise UserError(
            f"模板“{path.name}”不能用作{KINDS[kind].label}：" + "；".join(details) + "。原模板保持不变。",
            details=details,
        )


_TAG = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)
_REMEDY_VALUE = re.compile(r"\{\{\s*remedy\s*\}\}")
_REMEDY_CONDITION = re.compile(r"\{%[p]?\s*if\s+remedy\s*%\}")
SAMPLE_REMEDY = "如对本答复不服，可以自收到本答复之日起六十日内向样例县人民政府申请行政复议。"


def _docx_paragraphs(document) -> list[str]:  # noqa: ANN001 - a python-docx Document
    """The text of every paragraph of the body, table cells included."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def _check_remedy_placeholder(kind: LetterKind, path: Path) -> None:
    """The remedy is written by the app: the template must print {{ remedy }} as it is — no filter, no other
    condition than `if remedy` — and a sample rendering must contain the sample remedy sentence."""
    import docx

    refused = f"模板“{path.name}”不能用作{KINDS[kind].label}：救济途径段落须原样保留占位符 {{{{ remedy }}}}"
    try:
        text = "\n".join(_docx_paragraphs(docx.Document(str(path))))
    except Exception:  # noqa: BLE001 - template_variables already named a broken file
        raise UserError(f"不是有效的Word文档（.docx）：{path}") from None
    tags = [tag for tag in _TAG.findall(text) if re.search(r"\bremedy\b", tag)]
    plain = [tag for tag in tags if _REMEDY_VALUE.fullmatch(tag)]
    other = [tag for tag in tags if not _REMEDY_VALUE.fullmatch(tag) and not _REMEDY_CONDITION.fullmatch(tag)]
    if len(plain) != 1 or other:
        shown = "、".join(other) if other else ("出现了多次" if plain else "被删除了")
        raise UserError(f"{refused}（{shown}）。救济途径由本软件按办理结果写出，不能删改。原模板保持不变。")
    sample = _sample_content(kind)
    rendered = docx.Document(io.BytesIO(render_letter(path, sample.context(), choose_fonts())))
    if not any(SAMPLE_REMEDY in p for p in _docx_paragraphs(rendered)):
        raise UserError(
            f"{refused}：按样例生成时救济途径没有出现（可能被放进了条件或删改）。救济途径由本软件写出，"
            "不能删改。原模板保持不变。"
        )


def _sample_content(kind: LetterKind) -> LetterContent:
    day = date(2025, 9, 22)
    return LetterContent(
        kind=kind,
        title=KINDS[kind].title,
        unit_name="样例镇人民政府",
        number="样例镇政府信息公开〔2025〕1号",
        salutation="张三：",
        body=("本机关于2025年9月22日收到您通过当面方式提交的政府信息公开申请。",),
        remedy=SAMPLE_REMEDY,
        contact="联系人：李四　联系电话：023-00000000",
        attachments=(),
        signature="样例镇人民政府",
        date=day,
        application_number="2025-0001",
        applicant="张三",
        received=day,
        content="样例",
        closing="特此答复。",
    )


def check_remedy_kept(docx_bytes: bytes, content: LetterContent, template: Path) -> None:
    """A rendered letter that should carry the remedy sentence must carry it verbatim before it is saved."""
    if not content.remedy:
        return
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    if not any(content.remedy in text for text in _docx_paragraphs(document)):
        raise UserError(
            f"生成的{KINDS[content.kind].label}中没有法定救济途径（“{content.remedy[:12]}……”）：模板“{template.name}”"
            "删改了救济途径段落。未生成文书，未占用字号。请在设置中恢复内置模板或修改本单位模板。"
        )


def export_template(db: Database, kind: LetterKind, path: Path, *, builtin: bool = True) -> Path:
    """Copy the built-in template (or the one in use) to `path` for editing in Word."""
    source = builtin_template(kind) if builtin else template_for(db, kind)
    target = path / template_name(kind) if path.is_dir() else path
    if target.suffix.lower() != ".docx":
        raise UserError(f"模板文件名应以.docx结尾：{target}")
    return _write(source.read_bytes(), target, "Word或WPS")


def load_template(db: Database, kind: LetterKind, path: Path) -> Path:
    """Use a unit's edited template for `kind` from now on (checked first; the built-in one stays as fallback)."""
    if not path.is_file():
        raise UserError(f"找不到模板文件：{path}")
    check_template(kind, path)
    folder = templates_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    return _write(path.read_bytes(), custom_template(db, kind), "Word或WPS")


def restore_template(db: Database, kind: LetterKind) -> bool:
    """Go back to the built-in template; False when the built-in one was already in use."""
    custom = custom_template(db, kind)
    if not custom.is_file():
        return False
    try:
        custom.unlink()
    except PermissionError:
        raise UserError(f"模板文件可能正被Word或WPS打开，请关闭后重试：{custom}") from None
    return True


# -- batches (benchmarks, demo) -------------------------------------------------------------------------------


def generate_many(
    db: Database,
    jobs: list[tuple[str, LetterKind, LetterInputs]],
    *,
    today: date | None = None,
    actor: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> list[GeneratedLetter]:
    """Generate several letters (each its own transaction); the fonts are chosen once."""
    fonts = choose_fonts()
    out = []
    for index, (number, kind, inputs) in enumerate(jobs, start=1):
        out.append(generate(db, number, kind, inputs, today=today, actor=actor, fonts=fonts))
        if progress is not None:
            progress(index, len(jobs))
    return out
