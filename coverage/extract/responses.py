"""Stage 6: reactions of outside (typically Western) actors to the summit.

A speech act is also a response when its speaker stands outside the summit: bloc "western"
while the summit's organisation is not itself Western, another bloc at a Western summit, and,
without a recognised summit, a state (or its people) that is not a party to the article's
meetings and visits. Its stance comes from a response verb, else from
stance cue words (both lexicon terms); what it responds to is a quoted proposal named in the
sentence or earlier in its section, else a summit speaker mentioned in the sentence.
"""

from __future__ import annotations

import re
from re import Match

from .doc import Doc
from .statements import Speech
from .topics import topics_in
from .types import ExtractedResponse

_PROPOSAL_RE = re.compile(
    r"[“\"]([^”\"]{2,60})[”\"]\s+(?:proposal|framework|concept|plan|initiative|doctrine|vision|"
    r"idea|formula|roadmap|declaration|communiqu[eé])",
    re.I,
)


# "Modi, attending as a guest,", "Guterres, who attended the summit", "Li, who co-chaired":
# the actor named just before takes part in the summit.
_ATTENDING_RE = re.compile(
    # the lookahead turns most words away at their first letter
    r"\b(?=[aAgGiIcCpPtT])(?:attend(?:s|ed|ing)?|guests?|invited|invitees?|co-?chair(?:s|ed|ing)?|"
    r"participat(?:es|ed|ing)|addressed|told\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:summit|meeting|gathering|leaders|delegates|session|plenary|conference))\b",
    re.I,
)
_ATTENDING_GAP = 60
_ATTENDED_BY_RE = re.compile(r"\b(?=[aAcChH])(?:attended|co-?chaired|chaired|hosted)\s+by\s+", re.I)
# "the EU-China summit", "an ASEAN–Japan meeting": the state joined to the organisation's name.
_JOINED_NAME = re.compile(r"^\s*[-–—/]\s*$")
# "Leaders of the African Union and the European Union met ... for their summit".
_COORDINATED = re.compile(r"^\s*(?:,|,?\s*and|&)\s*(?:the\s+)?$")


def _side(doc: Doc, name: str) -> str:
    """The state (or organisation) an actor speaks for: a person's or body's country."""
    actor = doc.actors.found.get(name)
    if actor is None:
        return ""
    if actor.kind in ("state", "organisation"):
        return actor.name
    return actor.country


def summit_sides(doc: Doc) -> set[str]:
    """States/organisations taking part in the summit as far as the text tells: the
    organisation, its host country, members listed in the text, states joined to its name
    ("EU-China summit"), actors described as attending, and everyone in a meeting."""
    if doc.summit_sides is not None:
        return doc.summit_sides
    sides: set[str] = set()
    if doc.summit is not None:
        org = doc.summit.organisation
        sides.update(x for x in (org, _host(doc)) if x)
        sides.update(ms.member for ms in doc.memberships if ms.organisation == org)
        mentions = doc.actors.mentions
        for a, b in zip(mentions, mentions[1:], strict=False):
            if org in (a.actor, b.actor) and _JOINED_NAME.match(doc.text[a.end : b.start]):
                sides.update((_side(doc, a.actor), _side(doc, b.actor)))
        if doc.summit_sentence is not None:
            run = doc.actors.within(doc.summit_sentence.start, doc.summit_sentence.end)
            for a, b in zip(run, run[1:], strict=False):
                if org in (a.actor, b.actor) and _COORDINATED.match(doc.text[a.end : b.start]):
                    sides.update((_side(doc, a.actor), _side(doc, b.actor)))
        sides.update(_attending_sides(doc))
        sides.update(_listed_with_the_organisation(doc, org))
        for meeting in doc.meetings:
            sides.update(_side(doc, p) for p in meeting.participants)
    sides.discard("")
    doc.summit_sides = sides
    return sides


# "the leaders of the Quad countries of Japan, the United States, Australia and India", "the
# Quad summit brought together A, B, C and D", "Biden will host A, B and C at the Quad Leaders
# Summit": those listed after the cue, in a sentence naming the organisation, take part.
_MEMBERS_CUE = re.compile(
    r"\b(?:countries|members|nations|states|leaders)\s+(?:of|from|including|[—–:])\s+(?:the\s+)?"
    r"|\b(?:brought\s+together|will\s+host|hosted|hosts|hosting|gathered)\s+(?:the\s+)?",
    re.I,
)
# a title the lexicon's name leaves out may stand before a name ("and Australian PM A")
_MEMBERS_SEP = re.compile(r"^\s*(?:,|,?\s+and|&)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$")


def _listed_with_the_organisation(doc: Doc, org: str) -> set[str]:
    """Sides listed (three or more) after a members or gathering cue in a sentence that names
    the summit's organisation."""
    sides: set[str] = set()
    named = {m.start for m in doc.actors.mentions if m.actor == org}
    if not named:
        return sides
    for sentence in doc.layout.prose():
        if not any(sentence.start <= x < sentence.end for x in named):
            continue
        for cue in _MEMBERS_CUE.finditer(doc.text, sentence.start, sentence.end):
            run = doc.actors.within(cue.end(), sentence.end)
            if not run or run[0].start != cue.end():
                continue
            listed = [run[0]]
            for m in run[1:]:
                if not _MEMBERS_SEP.match(doc.text[listed[-1].end : m.start]):
                    break
                listed.append(m)
            if len(listed) >= 3:  # a list, not "the leaders of India" alone
                sides.update(_side(doc, m.actor) for m in listed)
    return sides


def _host(doc: Doc) -> str:
    """The summit's host country, unless a Western organisation's summit would be hosted by a
    non-Western state: that place is a wire dateline ("BEIJING (Wire) - ... the NATO summit
    in Washington"), where the story was filed, and its government reacts from outside."""
    country = doc.summit.country if doc.summit else ""
    if country and _bloc(doc, doc.summit.organisation) == "western":
        return country if _bloc(doc, country) in ("western", "") else ""
    return country


def _attending_sides(doc: Doc) -> set[str]:
    """Sides of the actors described as taking part: named just before an attending cue
    ("Modi, attending as a guest"), or after a passive one ("co-chaired by the Chairperson
    of the African Union, President of the Comoros X": everyone named in the rest of it)."""
    sides: set[str] = set()
    for sentence in doc.layout.prose():
        for cue in _ATTENDING_RE.finditer(doc.text, sentence.start, sentence.end):
            before = doc.actors.within(
                max(sentence.start, cue.start() - _ATTENDING_GAP), cue.start()
            )
            if before:
                sides.add(_side(doc, before[-1].actor))
        for cue in _ATTENDED_BY_RE.finditer(doc.text, sentence.start, sentence.end):
            sides.update(_side(doc, m.actor) for m in doc.actors.within(cue.end(), sentence.end))
    return sides


def is_outside(doc: Doc, speaker: str, span: tuple[int, int] | None = None) -> bool:
    """An actor reacting from outside the summit (in the passage ``span``, when given).

    At a non-Western summit: a Western actor. At a Western summit: an actor of another bloc
    whose side (its country) is neither the organisation, the host, a member listed in the
    text, nor described as taking part. Mixed organisations (bloc "") have no outside.
    """
    actor = doc.actors.found.get(speaker)
    if actor is None:
        return False
    if doc.summit is None:
        return _outside_the_meetings(doc, speaker, span)
    org = doc.actors.found.get(doc.summit.organisation) or doc.matcher.actors.get(
        doc.summit.organisation
    )
    if org is None or org.bloc == "":
        return False
    if org.bloc != "western":
        return actor.bloc == "western"
    if actor.bloc in ("western", ""):
        return False
    sides = summit_sides(doc)
    if any(
        doc.actors.kind(x) == "organisation" and _bloc(doc, x) not in ("western", "") for x in sides
    ):
        return False  # a non-Western body takes part: its members are not known here
    side = _side(doc, speaker)
    return bool(side) and side not in sides


def _outside_the_meetings(doc: Doc, speaker: str, span: tuple[int, int] | None = None) -> bool:
    """Without a recognised summit, the article is about a visit or talks: the states of the
    meetings' participants are the inside, any other state's government or official reacts
    from outside ("Ukraine's Zelensky" on Modi meeting Putin). No meeting, no outside."""
    sides = doc.visit_sides
    if sides is None:  # asked once per speech act: worked out once per document
        sides = {_side(doc, p) for m in doc.meetings for p in m.participants}
        sides.update(_visit_sides(doc))
        named, doc.visit_regions = _named_summit_sides(doc)
        sides.update(named)
        sides.discard("")
        if sides:  # those taking part join the meetings' sides (alone, one side says little)
            sides.update(_attending_sides(doc))
            sides.discard("")
        doc.visit_sides = sides
    if not sides:
        return False
    side = _side(doc, speaker)
    actor = doc.actors.found.get(side) or doc.matcher.actors.get(side)
    if doc.visit_regions and (actor is None or actor.bloc != "western"):
        return False  # "the Russia-Africa summit": Africa's states are not all known here
    if not side or side in sides or actor is None:
        return False
    if actor.kind == "state":
        return True
    # A Western body (the EU on a member's leader in Moscow) reacts where its words name the
    # visit or the talks; elsewhere it speaks of its own affairs ("the 27-nation EU has
    # imposed sanctions"). A court or agency of no bloc is not a reacting government.
    return (
        actor.kind == "organisation"
        and actor.bloc == "western"
        and span is not None
        and _VISIT_WORD.search(doc.text, *span) is not None
    )


_VISIT_WORD = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|journey|mission|talks|meeting)\b", re.I)


# "paid a two-day visit to Pakistan", "visited Kyiv", "his trip to China".
_VISIT_OF_RE = re.compile(r"\bvisit\s+of\s+(?:the\s+)?", re.I)
_VISIT_RE = re.compile(
    r"\b(?:visit(?:ed|ing|s)?|trip|tour)\s+(?:to\s+)?"
    # "Putin has arrived in Mongolia for a state visit", "Modi landed in Kyiv", "Putin's
    # arrival in Hanoi"
    r"|\b(?:arriv(?:ed|es|ing|al)|landed|lands)\s+in\s+(?:[A-Z]{2,5}\s+member\s+)?",
    re.I,
)


# "Lula said ... during a trip to China": the sentence's subject travelled.
_DURING_TRIP = re.compile(
    r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _visit_sides(doc: Doc) -> set[str]:
    """The visitor's and the host's states: a person before "visit(ed) (to)" and the state
    named right after it, in the same sentence."""
    sides: set[str] = set()
    for sentence in doc.layout.prose():
        for m in _VISIT_OF_RE.finditer(doc.text, sentence.start, sentence.end):
            # "the visit of President Xi Jinping to Saudi Arabia"
            run = doc.actors.within(m.end(), min(sentence.end, m.end() + 80))
            if (
                len(run) >= 2
                and doc.actors.kind(run[0].actor) == "person"
                and re.match(r"\s+to\s+(?:the\s+)?$", doc.text[run[0].end : run[1].start])
            ):
                sides.update((_side(doc, run[0].actor), _side(doc, run[1].actor)))
        for m in _VISIT_RE.finditer(doc.text, sentence.start, sentence.end):
            after = doc.actors.within(m.end(), min(sentence.end, m.end() + 30))
            before = [
                x
                for x in doc.actors.within(sentence.start, m.start())
                if doc.actors.kind(x.actor) == "person"
            ]
            gap = doc.text[before[-1].end : m.start()] if before else ""
            visitor = before[-1] if before else None
            if _DURING_TRIP.search(doc.text, sentence.start, m.start()):
                visitor = before[0] if before else None  # "A said ... during a trip to X"
                if after and after[0].start == m.end():
                    # "A said that during his trip to X, B had no mandate": B travelled
                    visitor = _subject_after(doc, after[0].end, sentence.end) or visitor
            elif re.search(r"\b(?:his|her|their|its)\s+(?:\S+\s+)?$", gap) or len(gap.split()) > 5:
                continue  # "welcomed his visit to Moscow": not the subject's own visit
            if after and after[0].start == m.end() and visitor is not None:
                host = _side(doc, after[0].actor)
                if doc.actors.kind(after[0].actor) == "state" or host:
                    sides.update((host, _side(doc, visitor.actor)))
    return sides


def _subject_after(doc: Doc, place_end: int, end: int):
    """The person opening the clause after "during his trip to X," (titles before the name
    are part of its mention)."""
    comma = re.match(r"\s*,\s*", doc.text[place_end:end])
    if comma is None:
        return None
    nxt = doc.actors.within(place_end + comma.end(), end)
    if nxt and nxt[0].start == place_end + comma.end() and _is_person_actor(doc, nxt[0].actor):
        return nxt[0]
    return None


def _is_person_actor(doc: Doc, name: str) -> bool:
    return doc.actors.kind(name) == "person"


# "the Russia-Africa summit", "the Trump–Putin summit": the parties joined before the word.
_JOINED_PARTIES = re.compile(
    r"(?:[A-ZÀ-Þ][\w.’']*(?:\s[A-ZÀ-Þ][\w’']*)?[-–])+[A-ZÀ-Þ][\w.’']*(?:\s[A-ZÀ-Þ][\w’']*)?\s+$"
)


# What two or more parties concluded, held or had: "the US-UK-Australia pact", "the security
# agreement between China and Solomon Islands", "the Trump-Zelensky meeting", "a spat between
# A and B".
_PACT_RE = re.compile(
    r"\b(?:pact|agreement|accord|deal|treaty|partnership|alliance|meeting|talks|summit|spat"
    r"|clash|showdown)s?\b",
    re.I,
)
_PACT_BETWEEN = re.compile(r"\s+(?:[\w-]+\s+){0,3}?between\s+(?:the\s+)?")
_PACT_PAIR = re.compile(r"^\s*(?:,|,?\s*and|&)\s*(?:the\s+)?$")
_SOUGHT = frozenset({"meeting", "meetings", "talks"})
_TITLE_GAP = re.compile(r"^\s+(?:[A-Z][\w-]*\s+){0,3}$")


def _named_summit_sides(doc: Doc) -> tuple[set[str], bool]:
    """The states of the parties a summit, meeting or pact is named by ("the Russia-Africa
    summit": Russia; "the pact between China and Solomon Islands": both), and whether a
    party is a region rather than an actor ("Africa")."""
    sides: set[str] = set()
    regions = False
    for sentence in doc.layout.prose():
        pacts = list(_PACT_RE.finditer(doc.text, sentence.start, sentence.end))
        for word in pacts:
            if word.group().lower() not in _SOUGHT:  # "peace talks between A and B": sought
                sides.update(_parties_between(doc, word.end(), sentence.end))
        words = doc.matcher.summit_word_re.finditer(doc.text, sentence.start, sentence.end)
        for word in sorted({w.start(): w for w in [*pacts, *words]}.values(), key=Match.start):
            named = _JOINED_PARTIES.search(
                doc.text, max(sentence.start, word.start() - 40), word.start()
            )
            if named is None:
                continue
            parties = doc.actors.within(named.start(), word.start())
            for m in parties:
                side = _side(doc, m.actor)
                if doc.actors.kind(side) == "state":
                    sides.add(side)
            parts = re.split(r"[-–]", doc.text[named.start() : word.start()])
            regions = regions or len(parties) < len(parts)
    return sides, regions


def _parties_between(doc: Doc, start: int, end: int) -> set[str]:
    """The states of "between A and B" right after a pact or meeting word, both or none."""
    between = _PACT_BETWEEN.match(doc.text, start, end)
    if between is None:
        return set()
    run = doc.actors.within(between.end(), end)
    if not run or doc.text[between.end() : run[0].start].strip():
        return set()
    parties = [run[0]]
    for m in run[1:]:
        gap = doc.text[parties[-1].end : m.start]
        if _PACT_PAIR.match(gap):
            parties.append(m)
        elif _TITLE_GAP.match(gap) and doc.actors.kind(parties[-1].actor) == "state":
            parties[-1] = m  # "French President Emmanuel Macron": the person, of France
        else:
            break
    if len(parties) < 2:
        return set()
    sides = {_side(doc, m.actor) for m in parties[:2]}
    return sides if all(_is_state(doc, x) for x in sides) else set()


def _is_state(doc: Doc, name: str) -> bool:
    """A state, whether or not the text names it (a leader's country may go unnamed)."""
    actor = doc.actors.found.get(name) or doc.matcher.actors.get(name)
    return actor is not None and actor.kind == "state"


def _bloc(doc: Doc, name: str) -> str:
    actor = doc.actors.found.get(name) or doc.matcher.actors.get(name)
    return actor.bloc if actor else ""


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
    own = doc.actors.found.get(speech.speaker)
    for m in doc.actors.within(speech.start, speech.end):
        actor = doc.actors.found.get(m.actor)
        # a summit-side person, not someone on the responder's own side
        summit_side = (
            actor is not None
            and actor.kind == "person"
            and not is_outside(doc, m.actor)
            and (own is None or actor.bloc != own.bloc or own.bloc == "")
        )
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
