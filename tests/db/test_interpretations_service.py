"""政策解读 register (issue 10): linked to a document, several forms, and the 三同步 flag list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import ValidationError
from models.services import interpretations
from models.services.interpretations import InterpretationInput, ListFilter
from tests.register_documents import add_document

TODAY = date(2025, 6, 10)
NUMBER = "白鹤府发〔2025〕3号"


def _form(**changes: object) -> InterpretationInput:
    values: dict[str, object] = {
        "document": NUMBER,
        "title": "《白鹤镇农村人居环境整治办法》政策解读",
        "forms": ("文字",),
        "interpreter": "白鹤镇农业服务中心",
        "approved": date(2025, 3, 10),
        "published": date(2025, 3, 12),
        "url": "https://www.baihe.gov.cn/zcjd/2025/0312.html",
    }
    values.update(changes)
    return InterpretationInput(**values)  # type: ignore[arg-type]


def test_an_interpretation_must_name_an_existing_document(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as refused:
        interpretations.add(db, _form(document=""), today=TODAY)
    assert refused.value.field == "关联文件（文号）"
    with pytest.raises(ValidationError, match="没有文号为"):
        interpretations.add(db, _form(), today=TODAY)
    assert interpretations.list_interpretations(db) == []


def test_normative_document_is_flagged_until_two_forms_are_published_with_it(db) -> None:  # noqa: ANN001
    doc = add_document(db, NUMBER, "白鹤镇农村人居环境整治办法", published=date(2025, 3, 12))
    add_document(db, "白鹤府发〔2025〕4号", "关于召开春耕会议的通知", category="其他")
    flags = interpretations.sync_flags(db)
    assert [f.document.number for f in flags] == [NUMBER]
    assert "缺少政策解读" in flags[0].message
    interpretations.add(db, _form(), today=TODAY)
    assert "仅有1种形式（文字）" in interpretations.sync_flags(db)[0].message
    interpretations.add(db, _form(title="一图读懂", forms=("图表图解",)), today=TODAY)
    assert interpretations.sync_flags(db) == []
    assert interpretations.sync_state(db, doc).check.forms == ("文字", "图表图解")


def test_a_form_published_after_the_document_does_not_count(db) -> None:  # noqa: ANN001
    add_document(db, NUMBER, "白鹤镇农村人居环境整治办法", published=date(2025, 3, 12))
    interpretations.add(db, _form(forms=("文字",)), today=TODAY)
    interpretations.add(db, _form(title="视频解读", forms=("音视频",), published=date(2025, 3, 20)), today=TODAY)
    message = interpretations.sync_flags(db)[0].message
    assert "仅有1种形式" in message and "1件解读晚于文件发布" in message


def test_a_document_marked_as_needing_interpretation_is_flagged_and_one_item_with_two_forms_clears_it(db) -> None:  # noqa: ANN001
    add_document(db, NUMBER, "白鹤镇2025年产业扶持政策", category="政策性文件", needs_interpretation=True)
    assert len(interpretations.sync_flags(db)) == 1
    row = interpretations.add(db, _form(forms=("文字", "问答")), today=TODAY)
    assert row.forms_text == "文字、问答"
    assert interpretations.sync_flags(db) == []
    interpretations.void(db, row.id, "解读内容有误，重新起草", actor="王敏")
    assert len(interpretations.sync_flags(db)) == 1


def test_published_before_approval_or_a_bad_url_is_refused(db) -> None:  # noqa: ANN001
    add_document(db, NUMBER, "白鹤镇农村人居环境整治办法")
    with pytest.raises(ValidationError) as refused:
        interpretations.add(db, _form(approved=date(2025, 3, 12), published=date(2025, 3, 10)), today=TODAY)
    assert refused.value.field == "发布日期"
    with pytest.raises(ValidationError) as refused:
        interpretations.add(db, _form(url="www.baihe.gov.cn"), today=TODAY)
    assert refused.value.field == "网址"
    with pytest.raises(ValidationError, match="应为文字、图表图解"):
        interpretations.add(db, _form(forms=("漫画",)), today=TODAY)


def test_edit_changes_the_forms_and_filters_find_it(db, tmp_path: Path) -> None:  # noqa: ANN001
    doc = add_document(db, NUMBER, "白鹤镇农村人居环境整治办法")
    row = interpretations.add(db, _form(document=doc), today=TODAY)
    edited = interpretations.edit(db, row.id, _form(forms=("图表图解", "文字")), today=TODAY)
    assert edited.forms_text == "文字、图表图解"
    assert [r.id for r in interpretations.list_interpretations(db, ListFilter(form="图表图解"))] == [row.id]
    assert interpretations.list_interpretations(db, ListFilter(form="音视频")) == []
    assert [r.id for r in interpretations.list_interpretations(db, ListFilter(text="人居环境", year=2025))] == [row.id]
    source = tmp_path / "一图读懂.png"
    source.write_bytes(b"\x89PNG fake")
    interpretations.add_attachment(db, row.id, source, "图解")
    stored = interpretations.list_attachments(db, row.id)
    assert [(a.original_name, a.intact) for a in stored] == [("一图读懂.png", True)]
