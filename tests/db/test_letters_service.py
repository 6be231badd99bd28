"""The letters service as the register of letters: numbers per year without gaps, refusals that write
nothing, rollback of a failed generation, 作废, the timeline, templates, atomic files and the PDF fallback."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from exporters import letter_docx
from exporters.letter_layout import template_name
from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.letters import LetterInputs, LetterKind
from models.services import applications, demo_letters, letters

TODAY = demo_letters.TODAY


@pytest.fixture
def ready(db: Database) -> Database:
    demo_letters.ensure_profile(db)
    return db


def _files(db: Database) -> list[Path]:
    folder = letters.letters_dir(db)
    return sorted(folder.rglob("*.docx")) if folder.exists() else []


def test_numbers_are_sequential_per_year_and_start_again_each_year(ready: Database) -> None:
    a = demo_letters.with_reply(ready, "4.2")
    b = demo_letters.with_reply(ready, "5.2")
    first = letters.generate(ready, a, LetterKind.REPLY, today=TODAY)
    receipt = letters.generate(ready, a, LetterKind.RECEIPT, today=TODAY)
    second = letters.generate(ready, b, LetterKind.REPLY, today=TODAY)
    assert (first.number, second.number) == ("白鹤镇政府信息公开〔2025〕1号", "白鹤镇政府信息公开〔2025〕2号")
    assert receipt.number == ""  # a receipt takes no number
    c = demo_letters.register(ready, received=date(2026, 1, 5), today=date(2026, 1, 6))
    next_year = letters.generate(ready, c, LetterKind.RECEIPT, today=date(2026, 1, 6))
    assert next_year.path.parent.name == "2026"
    demo_letters.record(
        ready,
        c,
        EventKind.REPLY,
        date(2026, 1, 6),
        date(2026, 1, 6),
        result="无法提供",
        detail="没有现成信息需要另行制作",
        method="直接",
    )
    assert (
        letters.generate(ready, c, LetterKind.REPLY, today=date(2026, 1, 6)).number == "白鹤镇政府信息公开〔2026〕1号"
    )
    assert first.path == letters.letters_dir(ready) / "2025" / f"{a}-答复书-白鹤镇政府信息公开〔2025〕1号.docx"
    assert first.path.is_file()


def test_reply_before_a_reply_is_recorded_is_refused_and_writes_nothing(ready: Database) -> None:
    number = demo_letters.register(ready)
    with pytest.raises(UserError, match="尚未登记答复"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert letters.list_letters(ready) == [] and _files(ready) == []
    detail = applications.get_detail(ready, number, today=TODAY)
    assert all(e.kind is not EventKind.LETTER for e in detail.timeline)
    answered = demo_letters.with_reply(ready, "4.2")
    assert letters.generate(ready, answered, LetterKind.REPLY, today=TODAY).number.endswith("〔2025〕1号")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (LetterKind.SUPPLEMENT, "尚未登记补正告知"),
        (LetterKind.EXTENSION, "尚未登记延期答复"),
        (LetterKind.FEE, "尚未登记收费通知"),
        (LetterKind.CONSULTATION, "尚未登记征求意见"),
        (LetterKind.SERVICE, "尚未登记答复"),
        (LetterKind.REASONS, "尚未登记延迟答复"),
        (LetterKind.COPRODUCER, "共同制作机关"),
        (LetterKind.THIRD_PARTY_NOTICE, "第三方"),
    ],
)
def test_letters_the_facts_do_not_support_are_refused(ready: Database, kind: LetterKind, message: str) -> None:
    number = demo_letters.register(ready)
    with pytest.raises(UserError, match=message):
        letters.generate(ready, number, kind, today=TODAY)
    states = {s.kind: s for s in letters.kinds_for(ready, number, today=TODAY)}
    assert not states[kind].allowed and message in states[kind].reason
    assert states[LetterKind.RECEIPT].allowed


def test_a_failed_rendering_uses_no_number_and_leaves_no_file(ready: Database, monkeypatch) -> None:
    number = demo_letters.with_reply(ready, "4.2")

    def broken(*_args, **_kwargs) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(letters, "render_letter", broken)
    with pytest.raises(RuntimeError):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    monkeypatch.undo()
    assert letters.list_letters(ready) == [] and _files(ready) == []
    assert letters.generate(ready, number, LetterKind.REPLY, today=TODAY).number.endswith("〔2025〕1号")


def test_a_missing_input_is_refused_before_a_number_is_taken(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "2")
    with pytest.raises(ValidationError, match="予以公开的部分"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    published = demo_letters.with_reply(ready, "1", published=True)
    with pytest.raises(ValidationError, match="获取该信息的方式、途径"):
        letters.generate(ready, published, LetterKind.REPLY, today=TODAY)
    with pytest.raises(ValidationError, match="晚于今天"):
        letters.generate(ready, published, LetterKind.RECEIPT, LetterInputs(letter_date=date(2026, 1, 1)), today=TODAY)
    assert letters.list_letters(ready) == []
    ok = letters.generate(ready, number, LetterKind.REPLY, demo_letters.REPLY_INPUTS["2"], today=TODAY)
    assert ok.number.endswith("〔2025〕1号")


def test_voided_letter_keeps_its_number_and_shows_void(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "4.2")
    first = letters.generate(ready, number, LetterKind.REPLY, today=TODAY, actor="李晓梅")
    with pytest.raises(ValidationError):
        letters.void_letter(ready, first.id, " ")
    record = letters.void_letter(ready, first.id, "申请人姓名写错", actor="李晓梅")
    assert record.voided and record.status == "作废" and record.number.endswith("〔2025〕1号")
    with pytest.raises(UserError, match="已于"):
        letters.void_letter(ready, first.id, "again")
    second = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert second.number.endswith("〔2025〕2号")
    rows = {r.id: r for r in letters.list_letters(ready)}
    assert rows[first.id].status == "作废" and rows[first.id].void_reason == "申请人姓名写错"
    assert rows[second.id].status == "有效"
    assert first.path.is_file()  # the file of a voided letter is kept for the record
    timeline = [e for e in applications.get_detail(ready, number, today=TODAY).timeline if e.kind is EventKind.LETTER]
    assert [(e.voided, e.data["doc_number"]) for e in timeline] == [(True, first.number), (False, second.number)]
    assert letters.letter_for_event(ready, timeline[0].id) == first.id


def test_letter_on_the_timeline_does_not_change_the_clock(ready: Database) -> None:
    number = demo_letters.register(ready)
    before = applications.get_detail(ready, number, today=TODAY).state
    letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY, actor="李晓梅")
    detail = applications.get_detail(ready, number, today=TODAY)
    assert detail.state == before
    entry = next(e for e in detail.timeline if e.kind is EventKind.LETTER)
    assert entry.data["kind"] == "登记回执" and entry.actor == "李晓梅" and entry.day == demo_letters.RECEIVED
    # Later facts are still checked and recorded as usual.
    applications.record_event(
        ready,
        number,
        EventKind.REPLY,
        date(2025, 10, 17),
        {"result": "无法提供", "detail": "没有现成信息需要另行制作"},
        today=TODAY,
    )
    assert applications.get_detail(ready, number, today=TODAY).state.status.value == "已答复"


def test_number_pattern_setting(ready: Database) -> None:
    letters.set_number_pattern(ready, "{prefix}函〔{year}〕{seq}号")
    number = demo_letters.with_reply(ready, "4.2")
    assert letters.generate(ready, number, LetterKind.REPLY, today=TODAY).number == "白鹤镇政府信息公开函〔2025〕1号"
    with pytest.raises(ValidationError, match="不加“第”"):  # GB/T 9704: no 第 (this test used to accept it)
        letters.set_number_pattern(ready, "{prefix}〔{year}〕第{seq}号")
    with pytest.raises(ValidationError, match="不认识的占位符"):
        letters.set_number_pattern(ready, "{prefix}{month}{seq}")
    with pytest.raises(ValidationError, match="seq"):
        letters.set_number_pattern(ready, "{prefix}〔{year}〕")


def test_query_items_remedy_follows_the_setting(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "3.8")
    inputs = demo_letters.REPLY_INPUTS["3.8"]
    review_first = letters.preview(ready, number, LetterKind.REPLY, inputs, today=TODAY).remedy
    assert "应当自收到本答复之日起六十日内先向青山县人民政府申请行政复议" in review_first
    letters.set_query_items_review_first(ready, False)
    general = letters.preview(ready, number, LetterKind.REPLY, inputs, today=TODAY).remedy
    assert "也可以自收到本答复之日起六个月内向青山县人民法院提起行政诉讼" in general


def test_an_incomplete_profile_is_named(db: Database) -> None:
    number = demo_letters.register(db)
    with pytest.raises(UserError, match="单位名称"):
        letters.generate(db, number, LetterKind.RECEIPT, today=TODAY)


def test_file_open_in_word_gives_a_chinese_message_and_no_number(ready: Database, tmp_path: Path, monkeypatch) -> None:
    number = demo_letters.with_reply(ready, "4.2")
    target = tmp_path / "答复书.docx"
    target.write_bytes(b"old")

    def locked(_src, _dst) -> None:
        raise PermissionError(13, "denied")

    monkeypatch.setattr("exporters.atomic_file.os.replace", locked)
    with pytest.raises(UserError, match="文件可能正被Word或WPS打开"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY, out=target)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert letters.list_letters(ready) == []
    assert letters.generate(ready, number, LetterKind.REPLY, today=TODAY, out=target).number.endswith("1号")
    assert zipfile.is_zipfile(target)


def test_out_folder_and_pdf_fallback(ready: Database, tmp_path: Path) -> None:
    number = demo_letters.with_reply(ready, "4.2")
    result = letters.generate(ready, number, LetterKind.REPLY, today=TODAY, out=tmp_path, pdf=True)
    assert result.path.parent == tmp_path and result.pdf_path is not None
    data = result.pdf_path.read_bytes()
    assert data.startswith(b"%PDF")
    assert result.warnings == ()
    if shutil.which("pdftotext"):
        import subprocess

        fonts = subprocess.run(["pdffonts", str(result.pdf_path)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows)  # every font (the CJK one too) is embedded
        text = subprocess.run(["pdftotext", str(result.pdf_path), "-"], capture_output=True, text=True).stdout
        assert "第三十八条" in text.replace("\n", "")


def test_pdf_reports_characters_its_font_lacks(ready: Database, tmp_path: Path) -> None:
    number = demo_letters.register(ready, applicant="王𠮷")
    result = letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY, out=tmp_path, pdf=True)
    assert result.warnings and "𠮷" in result.warnings[0]
    assert "王𠮷：" in "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)


# -- templates ------------------------------------------------------------------------------------------------


def _edited_template(source: Path, target: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace(old, new).encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.mark.sqlite_only
def test_template_export_load_and_restore(ready: Database, tmp_path: Path) -> None:
    exported = letters.export_template(ready, LetterKind.REPLY, tmp_path / "reply.docx")
    assert exported.read_bytes() == letters.builtin_template(LetterKind.REPLY).read_bytes()
    edited = _edited_template(exported, tmp_path / "ours.docx", "{{ salutation }}", "{{ salutation }}（本单位模板）")
    letters.load_template(ready, LetterKind.REPLY, edited)
    custom = letters.templates_dir(ready) / template_name(LetterKind.REPLY)
    assert custom.is_file() and custom.parent.name == "test-模板"
    assert next(t for t in letters.template_status(ready) if t.kind is LetterKind.REPLY).custom
    number = demo_letters.with_reply(ready, "4.2")
    result = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert "张三：（本单位模板）" in [p.text for p in docx.Document(str(result.path)).paragraphs]
    assert letters.restore_template(ready, LetterKind.REPLY) is True
    assert letters.restore_template(ready, LetterKind.REPLY) is False
    assert letters.template_for(ready, LetterKind.REPLY) == letters.builtin_template(LetterKind.REPLY)


def test_template_with_unknown_or_missing_placeholders_is_refused_with_a_list(ready: Database, tmp_path: Path) -> None:
    source = letters.builtin_template(LetterKind.REPLY)
    step = _edited_template(source, tmp_path / "step.docx", "remedy", "救济途径")  # {%p if …%} and {{ … }}
    bad = _edited_template(step, tmp_path / "bad.docx", "{{ salutation }}", "{{ salutation }}{{ applicant_phone }}")
    with pytest.raises(UserError) as caught:
        letters.load_template(ready, LetterKind.REPLY, bad)
    text = caught.value.full_text()
    assert "不认识的占位符：{{ applicant_phone }}、{{ 救济途径 }}" in text
    assert "缺少必需的占位符：{{ remedy }}" in text
    assert not (letters.templates_dir(ready) / template_name(LetterKind.REPLY)).exists()
    broken = _edited_template(source, tmp_path / "broken.docx", "{{ remedy }}", "{{ remedy ")
    with pytest.raises(UserError, match="语法错误"):
        letters.load_template(ready, LetterKind.REPLY, broken)
    not_docx = tmp_path / "x.docx"
    not_docx.write_text("hello")
    with pytest.raises(UserError, match="不是有效的Word文档"):
        letters.load_template(ready, LetterKind.REPLY, not_docx)


def test_builtin_templates_use_only_known_placeholders() -> None:
    for kind in LetterKind:
        letters.check_template(kind, letters.builtin_template(kind))
        assert letter_docx.template_variables(letters.builtin_template(kind)) <= letters.allowed_keys(kind)


def test_the_reply_letter_number_becomes_the_reply_doc_number_in_the_ledger(ready: Database) -> None:
    from models.services.ledger import ledger_values

    number = demo_letters.with_reply(ready, "4.2")
    issued = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    detail = applications.get_detail(ready, number, today=TODAY)
    assert detail.facts.reply is not None and detail.facts.reply.doc_number == issued.number
    assert ledger_values(detail)["答复文号"] == issued.number


def test_letters_of_another_database_do_not_mix_with_the_default_ones(tmp_path: Path) -> None:
    from models.migrate import open_database

    demo = open_database(tmp_path / "demo.db")
    try:
        assert letters.letters_dir(demo) == tmp_path / "demo-答复文书"
    finally:
        demo.close()
    default = open_database(tmp_path / "disclosure.db")
    try:
        assert letters.letters_dir(default) == tmp_path / "答复文书"
    finally:
        default.close()
