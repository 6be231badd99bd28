"""政策解读 rules: 三同步 (巫山县2022年方案 §(四): 解读形式不少于2种, 同步发布) and the forms and dates."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain import interpretations as i
from models.domain.documents import Category
from models.domain.errors import ValidationError
from models.domain.interpretations import Form, PublishedInterpretation

D = date
DOC_PUBLISHED = D(2025, 10, 30)


def _item(*forms: Form, published: date | None) -> PublishedInterpretation:
    return PublishedInterpretation(tuple(forms), published)


def test_rule_normative_document_without_interpretation_is_flagged() -> None:
    check = i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, [])
    assert check.flagged
    assert check.message() == "缺少政策解读（须不少于2种形式，与文件同步发布）"


def test_rule_one_form_is_not_enough() -> None:
    check = i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, [_item(Form.TEXT, published=DOC_PUBLISHED)])
    assert check.flagged
    assert check.message() == "政策解读仅有1种形式（文字），须不少于2种，与文件同步发布"
    same_form_twice = [_item(Form.TEXT, published=D(2025, 10, 29)), _item(Form.TEXT, published=DOC_PUBLISHED)]
    assert i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, same_form_twice).flagged


def test_rule_two_forms_published_with_the_document_clear_the_flag() -> None:
    items = [_item(Form.TEXT, published=DOC_PUBLISHED), _item(Form.GRAPHIC, published=D(2025, 10, 29))]
    check = i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, items)
    assert not check.flagged
    assert check.message() == ""
    one_with_two_forms = [_item(Form.TEXT, Form.QA, published=DOC_PUBLISHED)]
    assert not i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, one_with_two_forms).flagged


def test_rule_interpretation_published_after_the_document_does_not_count() -> None:
    items = [_item(Form.TEXT, published=DOC_PUBLISHED), _item(Form.AUDIO_VIDEO, published=D(2025, 10, 31))]
    check = i.sync_check(Category.NORMATIVE, False, DOC_PUBLISHED, items)
    assert check.flagged
    assert check.message().endswith("；另有1件解读晚于文件发布，不计入")


def test_rule_unpublished_interpretations_do_not_count() -> None:
    items = [_item(Form.TEXT, published=D(2025, 10, 20)), _item(Form.GRAPHIC, published=None)]
    assert i.sync_check(Category.NORMATIVE, False, None, items).flagged


def test_rule_policy_document_is_flagged_only_when_marked() -> None:
    assert not i.sync_check(Category.POLICY, False, DOC_PUBLISHED, []).flagged
    assert i.sync_check(Category.POLICY, True, DOC_PUBLISHED, []).flagged
    assert not i.sync_check(Category.OTHER, False, DOC_PUBLISHED, []).flagged


def test_rule_forms_come_from_the_list_without_repeats() -> None:
    assert i.parse_forms(["文字", " 图表图解 ", "文字", ""]) == (Form.TEXT, Form.GRAPHIC)
    with pytest.raises(
        ValidationError, match="^形式：应为文字、图表图解、音视频、新闻发布会、在线访谈、问答、其他之一，收到“视频”"
    ):
        i.parse_forms(["视频"])
    with pytest.raises(ValidationError, match="^形式：请至少选择一种解读形式"):
        i.parse_forms([])


def test_rule_interpretation_published_before_its_approval_is_refused() -> None:
    with pytest.raises(ValidationError, match="^发布日期：发布日期2025-10-28早于审签日期2025-10-29"):
        i.check_dates(D(2025, 10, 29), D(2025, 10, 28), today=D(2025, 11, 1))
    with pytest.raises(ValidationError, match="^审签日期：审签日期2025-11-02晚于今天"):
        i.check_dates(D(2025, 11, 2), None, today=D(2025, 11, 1))
    i.check_dates(D(2025, 10, 29), D(2025, 10, 29), today=D(2025, 11, 1))
