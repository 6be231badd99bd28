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

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from exporters.atomic_file import atomic_write
from exporters.fonts import FontChoice, choose_fonts
from exporters.letter_docx import check_template_syntax, render_letter, template_variables
from exporters.letter_layout import template_name
from models.db import Database
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
    check_number_pattern,
    format_number,
    refusal,
    required_keys,
)
from models.entities import Application, ApplicationEvent, Letter, NumberSequence
from models.paths import DEFAULT_DB_NAME
from models.services import applications
from models.services.applications import ApplicationDetail
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


def letter_case(detail: ApplicationDetail, *, reply_letter_number: str = "") -> LetterCase:
    """The plain case for models.domain.letters: the facts plus the data of the events they came from."""
    event_data: dict[EventKind, dict] = {}
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
    )


def _unit(profile: Profile) -> UnitInfo:
    missing = [f.label for f in PROFILE_FIELDS if f.required and not getattr(profile, f.attr).strip()]
    if missing:
        raise UserError(f"请先在“设置”中填写单位信息：{'、'.join(missing)}（文书的落款、字号和救济途径要用）。")
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
    return letter_case(detail, reply_letter_number=_reply_letter_number(db, detail.id))


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
    return atomic_write(path, lambda temp: temp.write_bytes(data), program=program)


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


def _allocate(session, year: int) -> int:  # noqa: ANN001 - a Session
    """The next seq of the year's letter sequence, in the caller's transaction (never reused, no gaps)."""
    series = f"letter:{year}"
    row = session.get(NumberSequence, series)
    if row is None:
        row = NumberSequence(series=series, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


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
            session.add(
                ApplicationEvent(
                    application_id=app.id, kind=EventKind.LETTER.value, day=content.date, data=data, actor=actor
                )
            )
            session.flush()
            docx_bytes = render_letter(template, content.context(), fonts)
            pdf_letter = None
            if pdf:
                from exporters.letter_pdf import render_pdf  # reportlab is loaded only when a PDF is wanted

                pdf_letter = render_pdf(content, docx=docx_bytes)
            written.append(_write(docx_bytes, path, "Word或WPS"))
            pdf_path = None
            warnings: tuple[str, ...] = ()
            if pdf_letter is not None:
                pdf_path = _write(pdf_letter.data, path.with_suffix(".pdf"), "PDF阅读器")
                written.append(pdf_path)
                if pdf_letter.missing:
                    warnings = (
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
    """A UserError listing the unknown and the missing placeholders of a unit's template for `kind`."""
    check_template_syntax(path)  # attribute access, calls, statements … (a template is code)
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
