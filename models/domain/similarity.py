"""Text similarity of application contents, to help the clerk spot a 重复申请 (repeated application).

The measure is the Jaccard index of the character bigrams of the normalized texts: it needs no word
segmentation, works on Chinese and on mixed text, and is symmetric. It is a hint for the clerk, never a
decision: the clerk still reads the earlier application before replying that it is repeated.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.35
DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Candidate:
    """An earlier text to compare with; `key` identifies it for the caller (e.g. an application id)."""

    key: object
    text: str


def _dropped(c: str) -> bool:
    """Whitespace, punctuation (P*) and invisible characters (Cc, Cf) do not count."""
    return c.isspace() or unicodedata.category(c)[0] == "P" or unicodedata.category(c) in ("Cc", "Cf")


def normalize(text: str) -> str:
    """Whitespace and punctuation dropped, full-width ASCII made half-width, lower-cased."""
    half = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(c for c in half if not _dropped(c)).lower()


def _bigrams(normalized: str) -> frozenset[str]:
    return frozenset(normalized[i : i + 2] for i in range(len(normalized) - 1))


def _similarity_normalized(a: str, a_grams: frozenset[str], b: str, b_grams: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    if len(a) == 1 or len(b) == 1:
        return 1.0 if a == b else 0.0
    return len(a_grams & b_grams) / len(a_grams | b_grams)


def similarity(a: str, b: str) -> float:
    """In [0, 1]: 1.0 for texts equal after `normalize`, 0.0 when either is empty after it."""
    na, nb = normalize(a), normalize(b)
    return _similarity_normalized(na, _bigrams(na), nb, _bigrams(nb))


def find_similar(
    text: str,
    candidates: Iterable[Candidate],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
) -> list[tuple[Candidate, float]]:
    """The candidates at least `threshold` similar to `text`, best first (ties keep their order), at most `limit`."""
    if limit <= 0:
        return []
    n = normalize(text)
    grams = _bigrams(n)
    scored = []
    for candidate in candidates:
        nc = normalize(candidate.text)
        score = _similarity_normalized(n, grams, nc, _bigrams(nc))
        if score >= threshold:
            scored.append((candidate, score))
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored[:limit]
