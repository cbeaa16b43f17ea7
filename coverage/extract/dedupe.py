"""Stage 10: the same fact told twice is kept once (the first telling keeps its span)."""

from __future__ import annotations

from .types import ExtractedMeeting, ExtractedResponse, ExtractedStatement, FuzzyDate


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
    """Same participants on the same date, or told again less precisely ("Kim and Putin met
    on Wednesday. ... They met at the cosmodrome." is one meeting), or without a date of its
    own, in the same month (the report's day it was given is no evidence of another meeting)."""
    out: list[ExtractedMeeting] = []
    for r in records:
        same = next(
            (
                i
                for i, o in enumerate(out)
                if frozenset(o.participants) == frozenset(r.participants)
                and _same_time(_as_told(o), _as_told(r))
            ),
            None,
        )
        if same is None:
            out.append(r)
        elif _precision(_as_told(r)) > _precision(_as_told(out[same])):
            out[same] = r
    return out


def _precision(date: FuzzyDate | None) -> int:
    if date is None:
        return 0
    return 1 + (date.month is not None) + (date.day is not None)


def _as_told(r: ExtractedMeeting) -> FuzzyDate | None:
    """The date as precise as the text gave it: a date the sentence lacks is only a month."""
    if r.date_told or r.date is None or r.date.month is None:
        return r.date
    return FuzzyDate(r.date.year, r.date.month, projected=r.date.projected)


def _same_time(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """Equal dates, or one is the other told less precisely (the same month or year)."""
    if a is None or b is None:
        return a == b
    if a.projected != b.projected or a.year != b.year:
        return False
    if a.month is None or b.month is None:
        return True
    return a.month == b.month and (a.day is None or b.day is None or a.day == b.day)


def dedupe_responses(records: list[ExtractedResponse]) -> list[ExtractedResponse]:
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (r.responder, r.quote) if r.quote else (r.responder, r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
