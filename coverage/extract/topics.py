"""Stage 9: topics of a passage by keyword (case-insensitive, whole words)."""

from __future__ import annotations

from .lexicon import Matcher


def topics_in(matcher: Matcher, text: str, start: int, end: int) -> tuple[str, ...]:
    """Names of the lexicon topics whose keywords occur in text[start:end], in lexicon order."""
    keywords = matcher.topic_keywords
    hits: set[str] = set()
    for m in matcher.topic_re.finditer(text, start, end):
        word = " ".join(m.group().split())
        hits.update(keywords.get(word, ()) or keywords.get(word.lower(), ()))
    return tuple(t.name for t in matcher.lexicon.topics if t.name in hits)
