"""Stage 10: the same fact told twice is kept once (the first telling keeps its span)."""

from __future__ import annotations

from .types import ExtractedMeeting, ExtractedResponse, ExtractedStatement


def dedupe_statements(records: list[ExtractedStatement]) -> list[ExtractedStatement]:
    """Same speaker and same non-empty quote, or same speaker and same span."""
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (r.speaker, r.quote) if r.quote else (r.speaker, r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def dedupe_meetings(records: list[ExtractedMeeting]) -> list[ExtractedMeeting]:
    """Same participants on the same date."""
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (frozenset(r.participants), r.date)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def dedupe_responses(records: list[ExtractedResponse]) -> list[ExtractedResponse]:
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (r.responder, r.quote) if r.quote else (r.responder, r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
