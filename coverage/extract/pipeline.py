"""The whole pipeline: text in, an Extraction with exact offsets out."""

from __future__ import annotations

import datetime as dt

from .actors import find_actors
from .dates import DateContext, build_context
from .dedupe import dedupe_meetings, dedupe_responses, dedupe_statements
from .doc import Doc
from .events import find_events
from .lexicon import matcher_for
from .meetings import find_meetings
from .memberships import find_memberships
from .responses import is_outside, to_response
from .statements import find_speech, to_statement
from .summit import find_summit
from .text import layout, title_of
from .types import Extraction, FoundActor, FuzzyDate, Lexicon


def extract_document(
    text: str,
    lexicon: Lexicon,
    *,
    published: dt.date | None = None,
    title: str | None = None,
) -> Extraction:
    """Extract events, statements, meetings, responses and memberships from one article."""
    matcher = matcher_for(lexicon)
    lay = layout(text)
    actors = find_actors(text, matcher)
    head = [(b.start, b.end) for b in lay.blocks[:6]]
    dates = build_context(text, published, head)
    doc = Doc(text, lay, matcher, actors, dates)
    doc.summit, summit_sentence = find_summit(text, lay, matcher, actors, dates)
    doc.summit_sentence = summit_sentence

    memberships = find_memberships(doc)
    meetings = dedupe_meetings(find_meetings(doc))
    doc.memberships, doc.meetings = memberships, meetings
    statements, responses = [], []
    for speech in find_speech(doc):
        # A spoken reaction from outside is both: what was said, and a response to the summit.
        statements.append(to_statement(doc, speech))
        if is_outside(doc, speech.speaker, (speech.start, speech.end)):
            responses.append(to_response(doc, speech))
    result = Extraction(
        title=title or title_of(text),
        published=FuzzyDate.from_date(dates.published) if dates.published else None,
        summit=doc.summit,
        events=find_events(doc, summit_sentence, memberships),
        statements=dedupe_statements(statements),
        meetings=meetings,
        responses=dedupe_responses(responses),
        memberships=memberships,
    )
    result.actors = referenced_actors(result, actors.found)
    result.warnings = _warnings(dates, result)
    return result


def _warnings(dates: DateContext, result: Extraction) -> list[str]:
    """What an editor should know about this extraction's limits."""
    out = []
    if dates.published is None and any(m.group("rel") or m.group("wd") for m in dates.matches):
        out.append("no published date: relative dates (today, on Wednesday...) left undated")
    if result.summit is None:
        out.append("no summit recognised: outside reactions are judged against the meetings")
    return out


def referenced_actors(result: Extraction, found: dict[str, FoundActor]) -> list[FoundActor]:
    """Every actor named by a record, in first-reference order."""
    names: list[str] = []
    if result.summit:
        names.append(result.summit.organisation)
    for s in result.statements:
        names.append(s.speaker)
    for r in result.responses:
        names.append(r.responder)
    for m in result.meetings:
        names.extend(m.participants)
    for e in result.events:
        names.extend(e.participants)
    for ms in result.memberships:
        names.extend([ms.organisation, ms.member])
    return [found[n] for n in dict.fromkeys(names) if n in found]
