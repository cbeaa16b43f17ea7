"""Stage 6: reactions of outside (typically Western) actors to the summit.

A speech act is a response when its speaker stands outside the summit: bloc "western" while the
summit's organisation is not itself Western. Its stance comes from a response verb, else from
stance cue words (both lexicon terms); what it responds to is a quoted proposal named in the
sentence or earlier in its section, else a summit speaker mentioned in the sentence.
"""

from __future__ import annotations

import re

from .doc import Doc
from .statements import Speech
from .topics import topics_in
from .types import ExtractedResponse

_PROPOSAL_RE = re.compile(
    r"[“\"]([^”\"]{2,60})[”\"]\s+(?:proposal|framework|concept|plan|initiative|doctrine|vision|"
    r"idea|formula|roadmap|declaration|communiqu[eé])",
    re.I,
)


def is_outside(doc: Doc, speaker: str) -> bool:
    """Western actor reacting to a summit whose organisation is not Western."""
    actor = doc.actors.found.get(speaker)
    if actor is None or actor.bloc != "western" or doc.summit is None:
        return False
    org = doc.actors.found.get(doc.summit.organisation) or doc.matcher.actors.get(
        doc.summit.organisation
    )
    return org is not None and org.bloc not in ("western", "")


def stance_of(doc: Doc, start: int, end: int) -> str:
    """Response verb meaning, else the first stance cue, else neutral."""
    for m in doc.matcher.response_re.finditer(doc.text, start, end):
        meaning = doc.matcher.lookup("response_verb", m.group())
        if meaning and meaning != "neutral":
            return meaning
    m = doc.matcher.stance_cue_re.search(doc.text, start, end)
    if m:
        return doc.matcher.lookup("stance_cue", m.group()) or "neutral"
    return "neutral"


def responds_to(doc: Doc, speech: Speech) -> str:
    """The proposal quoted in the sentence or its section, else a summit speaker mentioned."""
    spans = [(speech.start, speech.end)] + doc.section_before(speech.start)
    for s, e in spans:
        found = _PROPOSAL_RE.findall(doc.text, s, e)
        if found:
            return found[-1].strip()
    for m in doc.actors.within(speech.start, speech.end):
        actor = doc.actors.found.get(m.actor)
        # a summit-side person, not someone on the responder's own side
        summit_side = actor is not None and actor.kind == "person" and actor.bloc != "western"
        if m.actor != speech.speaker and summit_side:
            return m.actor
    return doc.summit.organisation if doc.summit else ""


def to_response(doc: Doc, speech: Speech) -> ExtractedResponse:
    return ExtractedResponse(
        responder=speech.speaker,
        start=speech.start,
        end=speech.end,
        responds_to=responds_to(doc, speech),
        stance=stance_of(doc, speech.start, speech.end),
        quote=speech.quote,
        summary=speech.summary,
        topics=topics_in(doc.matcher, doc.text, speech.start, speech.end),
        date=speech.date,
    )
