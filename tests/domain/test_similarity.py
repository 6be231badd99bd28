"""Similarity of application texts, to spot a 重复申请 (models.domain.similarity)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain.similarity import Candidate, find_similar, normalize, similarity

ROAD = "申请公开2025年白鹤镇道路硬化工程招标文件"


def test_normalize() -> None:
    assert normalize("申请公开：２０２５年 ＡＢＣ《白鹤镇》\t道路。") == "申请公开2025年abc白鹤镇道路"
    assert normalize("Road, Project!") == "roadproject"
    assert normalize(" ，。 ") == ""


def test_identical_texts_score_one() -> None:
    assert similarity(ROAD, ROAD) == 1.0


def test_punctuation_space_and_width_do_not_matter() -> None:
    assert similarity(ROAD, "申请公开：２０２５年 白鹤镇“道路硬化工程”招标文件。") == 1.0
    assert similarity("ABC项目", "ａｂｃ 项目") == 1.0


def test_a_reworded_request_for_the_same_document_is_similar() -> None:
    score = similarity(ROAD, "请公开2025年白鹤镇道路硬化工程的招标文件及合同")
    assert score > 0.35
    assert score < 1.0


@pytest.mark.parametrize(
    "other",
    ["请提供本村2023年低保户名单及发放金额", "要求公开县医院药品采购合同", "关于征地补偿标准的信息"],
)
def test_unrelated_requests_are_not_similar(other: str) -> None:
    assert similarity(ROAD, other) < 0.1


def test_short_and_empty_texts() -> None:
    assert similarity("", "") == 0.0
    assert similarity("", ROAD) == 0.0
    assert similarity("。", "。") == 0.0
    assert similarity("路", "路") == 1.0
    assert similarity("路", "桥") == 0.0
    assert similarity("路", "道路") == 0.0


def test_partial_overlap_is_the_jaccard_index_of_bigrams() -> None:
    # {ab, bc} vs {bc, cd}: 1 shared of 3.
    assert similarity("abc", "bcd") == pytest.approx(1 / 3)


@given(st.text(max_size=30), st.text(max_size=30))
def test_similarity_is_symmetric_and_in_range(a: str, b: str) -> None:
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == similarity(b, a)


def test_find_similar_orders_best_first_and_filters() -> None:
    candidates = [
        Candidate(1, "要求公开县医院药品采购合同"),
        Candidate(2, "请公开2025年白鹤镇道路硬化工程的招标文件及合同"),
        Candidate(3, ROAD),
        Candidate(4, "申请公开2025年白鹤镇道路硬化工程的中标通知书"),
    ]
    found = find_similar(ROAD, candidates)
    assert [c.key for c, _ in found] == [3, 2, 4]
    scores = [score for _, score in found]
    assert scores[0] == 1.0
    assert scores == sorted(scores, reverse=True)
    assert all(score >= 0.35 for score in scores)
    assert find_similar(ROAD, candidates, threshold=0.99) == [(candidates[2], 1.0)]


def test_find_similar_respects_the_limit_and_keeps_ties_in_order() -> None:
    candidates = [Candidate(i, ROAD) for i in range(15)]
    found = find_similar(ROAD, iter(candidates))
    assert [c.key for c, _ in found] == list(range(10))
    assert [c.key for c, _ in find_similar(ROAD, candidates, limit=3)] == [0, 1, 2]
    assert find_similar(ROAD, candidates, limit=0) == []
    assert find_similar(ROAD, []) == []
