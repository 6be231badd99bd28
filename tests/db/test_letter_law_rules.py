"""Issue 8, "the app refuses what the law does not allow": one test (or more) per numbered rule, through the
letters service as the GUI and the CLI use it. A refusal writes nothing and uses no 字号.

Expected dates are read off the official calendars (shared/domain/holidays/days.csv, README §1):
- received 2025-09-22 (Mon) → 补正告知 due 2025-09-30 (9-27 Sat rest, 9-28 Sun 调休上班) and reply due 2025-10-24;
- 2025-10-01…10-08 国庆中秋 rest days, 2025-10-11 (Sat) 调休上班; 2025-10-18 is a plain Saturday.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from exporters.letter_layout import template_name
from models.db import Database
from models.domain.case import EventKind
from models.domain.errors import UserError, ValidationError
from models.domain.letters import LetterInputs, LetterKind
from models.services import applications, demo_letters, ledger, letters

TODAY = date(2025, 12, 31)
REMEDY_GENERAL = (
    "如对本答复不服，可以自收到本答复之日起六十日内向青山县人民政府申请行政复议，"
    "也可以自收到本答复之日起六个月内向青山县人民法院提起行政诉讼。"
)
REMEDY_REVIEW_FIRST = (
    "如对本答复不服，应当自收到本答复之日起六十日内先向青山县人民政府申请行政复议；"
    "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
)


@pytest.fixture
def ready(db: Database) -> Database:
    demo_letters.ensure_profile(db)
    return db


def record(db: Database, number: str, kind: EventKind, day: date, **data) -> None:  # noqa: ANN003
    applications.record_event(db, number, kind, day, data, today=TODAY)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def nothing_written(db: Database) -> bool:
    folder = letters.letters_dir(db)
    return letters.list_letters(db) == [] and not (folder.exists() and any(folder.rglob("*.docx")))


# -- rule 1: dates fit the case ------------------------------------------------------------------------------


def test_rule1_extension_notice_dated_after_the_original_due_date_is_refused(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.EXTENSION, date(2025, 10, 20), days=20, approver="王建华")
    with pytest.raises(ValidationError, match="原答复期限2025年10月24日"):
        letters.generate(ready, number, LetterKind.EXTENSION, LetterInputs(letter_date=date(2025, 10, 27)), today=TODAY)
    assert nothing_written(ready)
    letter = letters.generate(
        ready, number, LetterKind.EXTENSION, LetterInputs(letter_date=date(2025, 10, 24)), today=TODAY
    )
    assert letter.number == "白鹤镇政府信息公开〔2025〕1号"  # the refusal used no number


def test_rule1_supplement_notice_after_its_7_working_days_is_refused(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.SUPPLEMENT_NOTICE, date(2025, 9, 24), deadline=date(2025, 10, 15), items="工程名称")
    with pytest.raises(ValidationError, match="补正告知期限2025年9月30日"):
        letters.generate(ready, number, LetterKind.SUPPLEMENT, LetterInputs(letter_date=date(2025, 10, 9)), today=TODAY)
    assert nothing_written(ready)
    ok = letters.generate(
        ready, number, LetterKind.SUPPLEMENT, LetterInputs(letter_date=date(2025, 9, 30)), today=TODAY
    )
    assert ok.date == date(2025, 9, 30)


def test_rule1_supplement_deadline_must_fall_after_the_letter_date(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.SUPPLEMENT_NOTICE, date(2025, 9, 24), deadline=date(2025, 9, 25), items="工程名称")
    with pytest.raises(ValidationError, match="补正期限2025年9月25日应晚于告知书的日期2025年9月26日"):
        letters.generate(ready, number, LetterKind.SUPPLEMENT, LetterInputs(letter_date=date(2025, 9, 26)), today=TODAY)
    assert nothing_written(ready)


def test_rule1_reply_dated_before_the_extension_notice_it_follows_is_refused(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.EXTENSION, date(2025, 10, 20), days=20, approver="王建华")
    letters.generate(ready, number, LetterKind.EXTENSION, LetterInputs(letter_date=date(2025, 10, 22)), today=TODAY)
    record(ready, number, EventKind.REPLY, date(2025, 10, 21), result="无法提供", detail="没有现成信息需要另行制作")
    with pytest.raises(ValidationError, match="早于它所依据的延期答复告知书（2025年10月22日）"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert [r.label for r in letters.list_letters(ready)] == ["延期答复告知书"]
    with pytest.raises(ValidationError, match="早于它所依据的登记事项（2025年10月21日）"):
        letters.generate(ready, number, LetterKind.REPLY, LetterInputs(letter_date=date(2025, 10, 20)), today=TODAY)
    reply = letters.generate(ready, number, LetterKind.REPLY, LetterInputs(letter_date=date(2025, 10, 22)), today=TODAY)
    assert reply.number == "白鹤镇政府信息公开〔2025〕2号"


def test_rule1_late_reply_needs_the_late_confirmation_recorded_on_the_timeline(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.REPLY, date(2025, 10, 27), result="无法提供", detail="没有现成信息需要另行制作")
    with pytest.raises(UserError, match="法定期限2025年10月24日") as refused:
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert "--late" not in refused.value.message  # the GUI shows the same message
    assert nothing_written(ready)
    letter = letters.generate(ready, number, LetterKind.REPLY, LetterInputs(late=True), today=TODAY)
    assert letter.date == date(2025, 10, 27) and letter.number == "白鹤镇政府信息公开〔2025〕1号"
    detail = applications.get_detail(ready, number, today=TODAY)
    entry = next(e for e in detail.timeline if e.kind is EventKind.LETTER)
    assert entry.data["late"] is True and entry.data["deadline"] == "2025-10-24"


def test_rule1_late_fee_notice_needs_the_late_confirmation(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.FEE_NOTICE, date(2025, 10, 20), method="按件", amount=100, basis="第11件")
    inputs = LetterInputs(letter_date=date(2025, 10, 27))
    with pytest.raises(UserError, match="法定期限2025年10月24日"):
        letters.generate(ready, number, LetterKind.FEE, inputs, today=TODAY)
    assert nothing_written(ready)
    late = LetterInputs(letter_date=date(2025, 10, 27), late=True)
    assert letters.generate(ready, number, LetterKind.FEE, late, today=TODAY).date == date(2025, 10, 27)


# -- rule 2: the 第32条 notice ----------------------------------------------------------------------------


def _third_party_case(db: Database, *, served: date | None = None) -> str:
    number = demo_letters.register(db)
    record(
        db, number, EventKind.CONSULTATION_SENT, date(2025, 9, 25), party_kind="第三方", party="青山县鑫源建材有限公司"
    )
    ref = applications.get_detail(db, number, today=TODAY).facts.consultations[-1].id
    record(db, number, EventKind.CONSULTATION_ANSWERED, date(2025, 10, 10), ref=ref, opinion="不同意公开")
    data = {"served": served} if served else {}
    record(db, number, EventKind.REPLY, date(2025, 10, 20), result="予以公开", detail="", method="直接", **data)
    return number


NOTICE = LetterInputs(provided_part="中标合同（含合同总价）", reasons="该工程使用财政资金，合同总价涉及公共利益")


def test_rule2_third_party_notice_is_dated_on_the_decision_never_today(ready: Database) -> None:
    number = _third_party_case(ready)
    letter = letters.generate(ready, number, LetterKind.THIRD_PARTY_NOTICE, NOTICE, today=TODAY)
    assert letter.date == date(2025, 10, 20)  # the decision (the reply), not today 2025-12-31
    assert paragraphs(letter.path)[-1] == "2025年10月20日"


def test_rule2_third_party_notice_on_another_day_or_after_the_disclosure_is_refused(ready: Database) -> None:
    number = _third_party_case(ready)
    inputs = LetterInputs(letter_date=date(2025, 10, 21), provided_part="中标合同", reasons="涉及公共利益")
    with pytest.raises(ValidationError, match="决定公开（答复）的日期是2025年10月20日"):
        letters.generate(ready, number, LetterKind.THIRD_PARTY_NOTICE, inputs, today=TODAY)
    served = _third_party_case(ready, served=date(2025, 10, 20))
    with pytest.raises(UserError, match="已于2025年10月20日送达申请人"):
        letters.generate(ready, served, LetterKind.THIRD_PARTY_NOTICE, NOTICE, today=TODAY)
    assert nothing_written(ready)


# -- rule 3: 部分公开 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("ground", ["", "5.2", "6.3", "1", "9.9"])
def test_rule3_partial_disclosure_without_a_withholding_ground_is_refused(ready: Database, ground: str) -> None:
    number = demo_letters.with_reply(ready, "2")
    inputs = LetterInputs(provided_part="招标文件", refused_part="报价明细", refused_ground=ground, reasons="商业秘密")
    with pytest.raises(ValidationError, match="不予公开部分的理由类型"):
        letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY)
    assert nothing_written(ready)


def test_rule3_partial_disclosure_without_a_case_reason_is_refused(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "2")
    inputs = LetterInputs(provided_part="招标文件", refused_part="报价明细", refused_ground="3.4")
    with pytest.raises(ValidationError, match="事实和理由"):
        letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY)
    assert nothing_written(ready)


def test_rule3_partial_disclosure_cites_the_ground_of_the_withheld_part(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "2")
    inputs = LetterInputs(
        provided_part="招标文件", refused_part="2023年的验收记录", refused_ground="4.1", reasons="本机关未制作该记录"
    )
    text = "\n".join(paragraphs(letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY).path))
    assert "二、2023年的验收记录，不予公开。理由：本机关未制作该记录。" in text
    assert "根据《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项的规定，该部分无法提供。" in text


# -- rule 4: 不予公开 needs the case's own reasons ------------------------------------------------------------


def test_rule4_refusal_without_the_case_reasons_is_refused(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "3.4")
    with pytest.raises(ValidationError, match="事实和理由：不予公开须写明本案的事实和理由"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert nothing_written(ready)
    inputs = LetterInputs(reasons="该合同含有中标企业的报价明细，该企业书面表示不同意公开")
    text = "\n".join(paragraphs(letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY).path))
    assert "该合同含有中标企业的报价明细，该企业书面表示不同意公开。" in text
    assert "第十五条、第三十六条第（三）项" in text


# -- rule 5: 其他处理 states what and on what basis ----------------------------------------------------------


def test_rule5_other_handling_needs_what_was_decided_and_its_basis(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "6.3")
    with pytest.raises(ValidationError, match="事实和理由"):
        letters.generate(ready, number, LetterKind.REPLY, LetterInputs(basis="条例第二条"), today=TODAY)
    with pytest.raises(ValidationError, match="处理依据"):
        letters.generate(ready, number, LetterKind.REPLY, LetterInputs(reasons="所申请的系村务信息"), today=TODAY)
    assert nothing_written(ready)
    inputs = LetterInputs(
        reasons="所申请的系村务信息，不属于政府信息", basis="《中华人民共和国政府信息公开条例》第二条"
    )
    text = "\n".join(paragraphs(letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY).path))
    assert "所申请的系村务信息，不属于政府信息。根据《中华人民共和国政府信息公开条例》第二条的规定" in text


# -- rule 6: applicant periods ending on a rest day --------------------------------------------------------


def test_rule6_supplement_deadline_on_a_holiday_moves_to_the_next_working_day(ready: Database) -> None:
    number = demo_letters.register(ready)
    # 2025-10-04 is a 国庆 rest day: the period ends on 2025-10-09, the first working day after the holiday.
    record(ready, number, EventKind.SUPPLEMENT_NOTICE, date(2025, 9, 24), deadline=date(2025, 10, 4), items="工程名称")
    assert applications.get_detail(ready, number, today=TODAY).state.supplement_deadline == date(2025, 10, 9)
    with pytest.raises(ValidationError, match="补正期限2025年10月9日"):
        record(ready, number, EventKind.SUPPLEMENT_EXPIRED, date(2025, 10, 9))
    letter = letters.generate(ready, number, LetterKind.SUPPLEMENT, today=TODAY)
    text = "\n".join(paragraphs(letter.path))
    assert "于2025年10月9日前将补正后的申请提交本机关" in text and "2025年10月4日" not in text
    record(ready, number, EventKind.SUPPLEMENT_EXPIRED, date(2025, 10, 10))
    state = applications.get_detail(ready, number, today=TODAY).state
    assert state.result_date == date(2025, 10, 10)  # README §2: the day after the (moved) 补正期限


def test_rule6_supplement_deadline_on_a_saturday_moves_to_monday(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.SUPPLEMENT_NOTICE, date(2025, 9, 24), deadline=date(2025, 10, 18), items="工程名称")
    with pytest.raises(ValidationError, match="补正期限2025年10月20日"):
        record(ready, number, EventKind.SUPPLEMENT_EXPIRED, date(2025, 10, 19))
    record(ready, number, EventKind.SUPPLEMENT_EXPIRED, date(2025, 10, 21))
    letter = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert "补正期限为2025年10月20日" in "\n".join(paragraphs(letter.path))


# -- rule 7: the remedy cannot be lost --------------------------------------------------------------------


def _hostile(tmp_path: Path, replace_with: str | None) -> Path:
    """The built-in 答复书 template with its {{ remedy }} paragraph removed or rewritten."""
    document = docx.Document(str(letters.builtin_template(LetterKind.REPLY)))
    paragraph = next(p for p in document.paragraphs if p.text == "{{ remedy }}")
    if replace_with is None:
        paragraph._element.getparent().remove(paragraph._element)
    else:
        for run in paragraph.runs[1:]:
            run._element.getparent().remove(run._element)
        paragraph.runs[0].text = replace_with
    path = tmp_path / "hostile.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("replacement", "named"),
    [
        (None, "救济途径"),
        # A filter or a slice is refused by the template sandbox first (a template is code), naming the construct.
        ('{{ remedy|replace("六十日", "十五日") }}', "过滤器“\\|replace”"),
        ("{{ remedy[:10] }}", "切片"),
        ('{% if applicant == "样例" %}{{ remedy }}{% endif %}', "救济途径"),
        ('{% if number == "" %}{{ remedy }}{% endif %}', "救济途径"),
        ("如不服，可以向上级机关反映。", "救济途径"),
    ],
)
def test_rule7_a_template_that_drops_or_rewrites_the_remedy_is_refused_when_loaded(
    ready: Database, tmp_path: Path, replacement: str | None, named: str
) -> None:
    path = _hostile(tmp_path, replacement)
    with pytest.raises(UserError, match=f"模板“hostile.docx”.*{named}"):
        letters.load_template(ready, LetterKind.REPLY, path)
    assert not letters.custom_template(ready, LetterKind.REPLY).exists()
    assert letters.template_status(ready)[0].custom is False


def test_rule7_a_rendered_reply_without_the_remedy_sentence_is_not_saved(ready: Database, tmp_path: Path) -> None:
    # A template that slipped past the loading check (copied into the folder by hand) hides the remedy for
    # this applicant only.
    hostile = _hostile(tmp_path, '{% if applicant != "张三" %}{{ remedy }}{% endif %}')
    target = letters.custom_template(ready, LetterKind.REPLY)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(hostile.read_bytes())
    number = demo_letters.with_reply(ready, "4.2")
    with pytest.raises(UserError, match="没有法定救济途径"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert nothing_written(ready)
    letters.restore_template(ready, LetterKind.REPLY)
    letter = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert letter.number == "白鹤镇政府信息公开〔2025〕1号"
    assert REMEDY_GENERAL in paragraphs(letter.path)


def test_rule7_the_builtin_and_a_harmless_edit_still_load(ready: Database, tmp_path: Path) -> None:
    letters.check_template(LetterKind.REPLY, letters.builtin_template(LetterKind.REPLY))
    path = _hostile(tmp_path, "{{ remedy }}")
    assert letters.load_template(ready, LetterKind.REPLY, path).name == template_name(LetterKind.REPLY)


# -- rule 8: one valid 答复书 per application -----------------------------------------------------------------


def test_rule8_a_second_reply_is_refused_until_the_first_is_voided(ready: Database, tmp_path: Path) -> None:
    number = demo_letters.with_reply(ready, "4.2")
    first = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    with pytest.raises(UserError, match="已有有效的答复书（白鹤镇政府信息公开〔2025〕1号）"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    states = {s.kind: s for s in letters.kinds_for(ready, number, today=TODAY)}
    assert not states[LetterKind.REPLY].allowed and "先在文书登记中作废原答复书" in states[LetterKind.REPLY].reason
    assert len(letters.list_letters(ready)) == 1
    letters.void_letter(ready, first.id, "申请人姓名打错")
    second = letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert second.number == "白鹤镇政府信息公开〔2025〕2号"
    records = {r.number: r for r in letters.list_letters(ready)}
    assert records["白鹤镇政府信息公开〔2025〕1号"].void_reason == "申请人姓名打错"
    # The 送达回证, the ledger and the facts the reports read name the valid one.
    service = letters.generate(ready, number, LetterKind.SERVICE, today=TODAY)
    text = "\n".join(c.text for t in docx.Document(str(service.path)).tables for row in t.rows for c in row.cells)
    assert "政府信息公开申请答复书（白鹤镇政府信息公开〔2025〕2号）" in text and "〔2025〕1号" not in text
    assert applications.get_detail(ready, number, today=TODAY).facts.reply.doc_number == "白鹤镇政府信息公开〔2025〕2号"
    out = tmp_path / "台账.xlsx"
    ledger.export_ledger(ready, out, year=2025)
    sheet = openpyxl.load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    column = headers.index("答复文号")
    values = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == number]
    assert values == ["白鹤镇政府信息公开〔2025〕2号"]


# -- rule 9: 第35条 has two letters --------------------------------------------------------------------------


def test_rule9_unreasonable_reasons_reply_needs_a_request_and_its_outcome(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.REPLY, date(2025, 10, 17), result="不予处理", detail="无正当理由大量反复申请")
    with pytest.raises(UserError, match="须先要求申请人说明理由"):
        letters.generate(ready, number, LetterKind.REPLY, today=TODAY)
    assert nothing_written(ready)

    asked = demo_letters.register(ready)
    # Period ends 2025-10-04 (a 国庆 rest day) → moved to 2025-10-09.
    record(ready, asked, EventKind.REASONS_REQUEST, date(2025, 9, 26), deadline=date(2025, 10, 4), matter="本月32件")
    request = letters.generate(ready, asked, LetterKind.REASONS_REQUEST, today=TODAY)
    assert request.label == "要求说明理由告知书"
    text = "\n".join(paragraphs(request.path))
    assert "第三十五条" in text and "请您于2025年10月9日前向本机关书面说明申请理由" in text
    with pytest.raises(ValidationError, match="说明理由期限2025年10月9日尚未届满"):
        record(ready, asked, EventKind.REASONS_NO_ANSWER, date(2025, 10, 9))
    record(ready, asked, EventKind.REASONS_NO_ANSWER, date(2025, 10, 10))
    record(ready, asked, EventKind.REPLY, date(2025, 10, 17), result="不予处理", detail="无正当理由大量反复申请")
    reply = "\n".join(paragraphs(letters.generate(ready, asked, LetterKind.REPLY, today=TODAY).path))
    assert "本机关已于2025年9月26日要求您说明理由。您至2025年10月9日未说明理由。" in reply
    assert "不予处理" in reply


def test_rule9_the_answer_is_named_and_the_delay_letter_sets_the_later_date(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "5.4")  # asked 2025-09-26, answered 2025-10-09
    reply = "\n".join(paragraphs(letters.generate(ready, number, LetterKind.REPLY, today=TODAY).path))
    assert "您于2025年10月9日作出了说明。经审查，本机关认为您说明的申请理由不合理。" in reply
    delayed = demo_letters.register(ready)
    record(ready, delayed, EventKind.DELAY, date(2025, 9, 30), until=date(2025, 12, 15), reason="本月32件")
    letter = letters.generate(ready, delayed, LetterKind.REASONS, today=TODAY)
    document = docx.Document(str(letter.path))
    assert document.paragraphs[1].text == "政府信息公开延迟答复告知书"
    assert "延迟答复的合理期限为2025年12月15日前" in "\n".join(paragraphs(letter.path))


# -- rule 10: the 字号 pattern -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "{prefix}{seq}",
        "{prefix}〔{year}〕第{seq}号",
        "{prefix}[{year}]{seq}号",
        "{prefix}〔{year}〕{seq:03d}号",
        "{seq}号",
    ],
)
def test_rule10_a_number_pattern_without_the_gbt9704_shape_is_refused_with_an_example(
    ready: Database, pattern: str
) -> None:
    with pytest.raises(ValidationError, match="例如 {prefix}〔{year}〕{seq}号"):
        letters.set_number_pattern(ready, pattern)
    assert letters.number_pattern(ready) == "{prefix}〔{year}〕{seq}号"


def test_rule10_numbers_render_in_hexagonal_brackets_without_leading_zeros(ready: Database) -> None:
    numbers = []
    for _ in range(12):
        number = demo_letters.with_reply(ready, "4.2")
        numbers.append(letters.generate(ready, number, LetterKind.REPLY, today=TODAY).number)
    assert numbers[0] == "白鹤镇政府信息公开〔2025〕1号" and numbers[11] == "白鹤镇政府信息公开〔2025〕12号"


# -- wording ----------------------------------------------------------------------------------------------


def test_wording_the_remedy_comes_before_te_ci_da_fu_and_jing_shen_cha_once(ready: Database) -> None:
    number = demo_letters.with_reply(ready, "3.4")
    inputs = LetterInputs(reasons="经审查，该合同含有中标企业的报价明细")
    lines = paragraphs(letters.generate(ready, number, LetterKind.REPLY, inputs, today=TODAY).path)
    assert lines.index(REMEDY_REVIEW_FIRST) + 1 == lines.index("特此答复。")
    assert "\n".join(lines).count("经审查") == 1


def test_wording_the_applicants_content_is_quoted_once(ready: Database) -> None:
    number = demo_letters.register(ready)
    detail = applications.get_detail(ready, number, today=TODAY)
    data = dataclasses.replace(detail.fields, content="申请公开“2025年白鹤镇道路硬化工程的招标文件。”")
    applications.edit_registration(ready, number, data, today=TODAY)
    text = "\n".join(paragraphs(letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY).path))
    assert "申请获取“2025年白鹤镇道路硬化工程的招标文件”。" in text
    assert "“申请公开" not in text and "““" not in text


@pytest.mark.parametrize(
    ("party", "party_type", "you", "not_you"),
    [
        ("李四", "自然人", "请您自收到本征询函之日起", "贵单位"),
        ("青山县鑫源建材有限公司", "法人或其他组织", "请贵单位自收到", "您"),
    ],
)
def test_wording_a_third_party_is_addressed_as_recorded(
    ready: Database, party: str, party_type: str, you: str, not_you: str
) -> None:
    number = demo_letters.register(ready)
    record(
        ready,
        number,
        EventKind.CONSULTATION_SENT,
        date(2025, 9, 25),
        party_kind="第三方",
        party=party,
        party_type=party_type,
    )
    lines = paragraphs(letters.generate(ready, number, LetterKind.CONSULTATION, today=TODAY).path)
    body = "\n".join(lines[4:-3])
    assert you in body and "您（单位）" not in body
    assert not_you not in body.replace("本征询函", "")


def test_wording_missing_contact_details_are_a_warning_before_the_letter(ready: Database) -> None:
    from models.services import profile as profile_service

    profile_service.save_profile(ready, {"联系电话": ""})
    number = demo_letters.register(ready)
    assert any("联系电话" in w for w in letters.letter_warnings(ready, number, LetterKind.RECEIPT, today=TODAY))
    letter = letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY)
    assert any("联系电话" in w for w in letter.warnings)


def test_gui_point_a_promised_date_in_a_year_without_holiday_data_is_warned(db: Database) -> None:
    demo_letters.ensure_profile(db)
    today = date(2026, 12, 31)
    number = demo_letters.register(db, received=date(2026, 12, 21), today=today)
    warnings = letters.letter_warnings(db, number, LetterKind.RECEIPT, today=today)
    assert any("2027年节假日安排尚未录入" in w for w in warnings)
    covered = demo_letters.register(db, received=date(2026, 11, 2), today=today)
    assert not any("节假日" in w for w in letters.letter_warnings(db, covered, LetterKind.RECEIPT, today=today))


def test_rule9_the_delay_letter_names_the_request_and_the_answer_it_follows(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.REASONS_REQUEST, date(2025, 9, 26), deadline=date(2025, 10, 10))
    request = letters.generate(ready, number, LetterKind.REASONS_REQUEST, today=TODAY)
    record(ready, number, EventKind.REASONS_ANSWERED, date(2025, 9, 29), summary="为撰写调查报告")
    record(ready, number, EventKind.DELAY, date(2025, 9, 30), until=date(2025, 12, 15), reason="本月32件")
    with pytest.raises(ValidationError, match="早于它所依据的登记事项（2025年9月30日）"):
        letters.generate(ready, number, LetterKind.REASONS, LetterInputs(letter_date=date(2025, 9, 29)), today=TODAY)
    letter = letters.generate(ready, number, LetterKind.REASONS, today=TODAY)
    text = "\n".join(paragraphs(letter.path))
    assert "本机关已于2025年9月26日要求您说明理由，您于2025年9月29日作出了说明。" in text
    assert request.number == "白鹤镇政府信息公开〔2025〕1号" and letter.number == "白鹤镇政府信息公开〔2025〕2号"


def test_rule1_a_delay_letter_dated_before_the_request_letter_it_follows_is_refused(ready: Database) -> None:
    number = demo_letters.register(ready)
    record(ready, number, EventKind.REASONS_REQUEST, date(2025, 9, 26), deadline=date(2025, 10, 10))
    letters.generate(
        ready, number, LetterKind.REASONS_REQUEST, LetterInputs(letter_date=date(2025, 10, 1)), today=TODAY
    )
    record(ready, number, EventKind.DELAY, date(2025, 9, 30), until=date(2025, 12, 15), reason="本月32件")
    with pytest.raises(ValidationError, match="早于它所依据的要求说明理由告知书（2025年10月1日）"):
        letters.generate(ready, number, LetterKind.REASONS, today=TODAY)
    assert len(letters.list_letters(ready)) == 1
