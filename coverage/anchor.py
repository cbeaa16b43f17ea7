"""Recognising text again: a passage in a newer version of its document, and a newer version
of a document among unrelated texts. Pure text in, spans and shares out.

A re-ingest of a changed article re-anchors every record and tombstone with
:func:`passage_find`: the same words wherever they moved, or else the span of the new text
most like them, if it is like them with certainty (a similarity of :data:`CERTAIN` out of
100: a changed verb in a sentence passes, a rewritten sentence does not).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz

# Similarity (rapidfuzz's normalised Indel ratio, 0-100) from which a reworded passage is
# taken to be the same passage. One word changed in a 100-character sentence scores ~95.
CERTAIN = 90.0


class Anchor(NamedTuple):
    start: int
    end: int
    score: float  # 100.0: the very same words


def passage_find(passage: str, text: str, *, near: int = 0) -> Anchor | None:
    """Where ``passage`` stands in ``text``: the occurrence of the same words nearest to
    ``near`` (where it used to start), else the most similar span if it scores ``CERTAIN``."""
    if not passage.strip():
        return None
    hits = []
    at = text.find(passage)
    while at >= 0:
        hits.append(at)
        at = text.find(passage, at + 1)
    if hits:
        start = min(hits, key=lambda h: abs(h - near))
        return Anchor(start, start + len(passage), 100.0)
    if len(passage) > len(text):
        return None
    # Where it roughly is: a window of the old passage's length scores lower than the span
    # itself when words were inserted, hence a lower bar here than for the span found.
    rough = fuzz.partial_ratio_alignment(passage, text, score_cutoff=CERTAIN - 20)
    if rough is None:
        return None
    # The alignment is a window as long as the old passage: words inserted or dropped move its
    # true edges by as much. Align the passage's words to the words around it instead.
    reach = max(40, len(passage) // 3)
    lo = max(0, rough.dest_start - reach)
    hi = min(len(text), rough.dest_end + reach)
    start, end = _fitted_span(passage, text, lo, hi)
    score = fuzz.ratio(passage, text[start:end])
    return Anchor(start, end, score) if score >= CERTAIN else None


_WORD = re.compile(r"\w+|[^\w\s]")


def _fitted_span(passage: str, text: str, lo: int, hi: int) -> tuple[int, int]:
    """The span of ``text[lo:hi]`` whose words align to the passage's words with the fewest
    edits (a word inserted, dropped or changed costs one); of equals, the shortest."""
    words = [m.group() for m in _WORD.finditer(passage)]
    found = list(_WORD.finditer(text, lo, hi))
    tokens = [m.group() for m in found]
    n, m = len(words), len(tokens)
    # cost[i][j]: fewest edits aligning the passage's first i words to words ending at the
    # j-th of the window, starting anywhere (a fitting alignment: the first row is all zeros).
    cost = [[0] * (m + 1)] + [[i] + [0] * m for i in range(1, n + 1)]
    for i in range(1, n + 1):
        row, above, word = cost[i], cost[i - 1], words[i - 1]
        for j in range(1, m + 1):
            row[j] = min(above[j - 1] + (word != tokens[j - 1]), above[j] + 1, row[j - 1] + 1)
    last = cost[n]
    j = min(range(1, m + 1), key=lambda k: (last[k], k))
    end = found[j - 1].end()
    i = n
    while i > 0:
        here = cost[i][j]
        if j > 0 and words[i - 1] == tokens[j - 1] and here == cost[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif here == cost[i - 1][j] + 1:  # a passage word dropped: keeps the span short
            i -= 1
        elif j > 0 and here == cost[i - 1][j - 1] + 1:
            i, j = i - 1, j - 1
        else:
            j -= 1
    return found[j].start(), end


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the characters of either span (1.0: the same span)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


# A text is a version of another when at least this share of either one's sentences is in the
# other: an edited article keeps nearly all of them, an unrelated one under the same file name
# next to none, a live page that doubled in length half.
SAME_DOCUMENT = 0.5

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences_shared(a: str, b: str) -> float:
    """The share of sentences (and lines) the two texts have in common, over the sentences of
    the one that has more: 1.0 for the same sentences, 0.0 for none in common."""
    first, second = _sentences(a), _sentences(b)
    if not first or not second:
        return 0.0
    return len(first & second) / max(len(first), len(second))


def _sentences(text: str) -> set[str]:
    return {" ".join(s.split()) for s in _SENTENCE_END.split(text) if s.strip()}
