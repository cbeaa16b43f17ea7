"""Stage 7: dated happenings.

An event is a date mention in a prose sentence next to an event keyword of the lexicon (the
keyword's meaning is the event kind): "Formed in 1994" (founding, year), "a naval parade in
Lisbon on June 3rd" (parade, day), "$120 billion by the close of 2026" (economic figure,
projected year). The summit itself is an event dated by its sentence, else by the
document's date context; membership table rows with a year become accession events.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .dates import DateMention
from .doc import Doc
from .text import Sentence
from .titles import event_title, is_verbish
from .types import ExtractedEvent, ExtractedMembership, FuzzyDate

_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\s-\s")
_PLACE_RE = re.compile(r"\b(?:in|to|at)\s+(?P<place>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)?)")
_MAX_KEYWORD_DISTANCE = 90
_FIGURE = "economic_figure"
_MEETING = "meeting"
# Kinds that, dated like the summit in its own sentence, describe the summit rather than
# another happening ("under Laos's chairmanship", "endorsed a $53 billion plan on Tuesday").
_SUMMIT_CIRCUMSTANCES = frozenset(
    {_FIGURE, "presidency", "anniversary", "visit", "speech", "ceasefire"}
)
# "at the summit on Thursday", "the summit's host": the document's own summit again.
_DEFINITE_BEFORE = re.compile(
    r"\b(?:at|during|of|to|from|before|after|for|on)\s+(?:the|this|that|its|their)\s+$", re.I
)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
# "summit host", "the summit venue": the summit word modifying a noun names the summit as a
# thing already known, the document's own. A verb ("the summit opened", "summit ends") or a
# function word after it is not such a noun.
_ATTRIBUTIVE_NOUN_AFTER = re.compile(
    r" (?!(?:is|was|will|would|could|can|may|might|has|had|have|should|must|and|or|but|that"
    r"|which|who|where|when|in|on|at|of|for|with|to|by|from|near|between|as|this|last|next"
    r"|later|earlier|itself|also|then|now|today|tonight|tomorrow|yesterday|again|too)\b)"
    r"[a-z]+(?<!ed)(?<!s)(?<!ing)\b(?![-’'])"
)
_CROSS_CLAUSE_DISTANCE = 60


def _clause(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The comma-delimited clause of text[start:end] around ``pos``."""
    left = start
    for m in _CLAUSE_BREAK.finditer(text, start, pos):
        left = m.end()
    right = end
    m = _CLAUSE_BREAK.search(text, pos, end)
    if m:
        right = m.start()
    return left, right


def _label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def _title(doc: Doc, kind: str, sentence: Sentence, pos: int) -> str:
    """A short phrase built from the keyword's clause (titles.py), else the kind's label."""
    s, e = _clause(doc.text, sentence.start, sentence.end, pos)
    m = doc.matcher.event_re.match(doc.text, pos) or doc.matcher.figure_verb_re.match(doc.text, pos)
    kw_end = m.end() if m else pos + 1
    title = event_title(doc.text, doc.clause_start(sentence), s, e, pos, kw_end, kind == _FIGURE)
    words = title.split()
    if words and words[0].lower() in _PRONOUNS:
        words = words[1:]  # "It joined": the pronoun says nothing
        title = " ".join(words)
    if len(words) < 2:
        if words and (not doc.matcher.event_re.fullmatch(title) or is_verbish(title.lower())):
            title = ""  # a bare verb ("Joined") is no title
        place = _location(doc, sentence, pos)
        title = title[:1].upper() + title[1:] if title else _label(kind)
        title = f"{title} in {place}" if place else title
    return title


_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "this", "that"})


def _location(doc: Doc, sentence: Sentence, pos: int) -> str:
    s, e = _clause(doc.text, sentence.start, sentence.end, pos)
    for m in _PLACE_RE.finditer(doc.text, s, e):
        place = m.group("place")
        actor = doc.matcher.actor_for_alias(place)
        if actor and doc.matcher.actors[actor].kind == "state":
            return place
        if actor is None and not re.match(
            r"(?:January|February|March|April|May|June|July|"
            r"August|September|October|November|December|"
            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
            r"Sunday)\b",
            place,
        ):
            return place
    return ""


def _participants(doc: Doc, sentence: Sentence, pos: int) -> tuple[str, ...]:
    s, e = _clause(doc.text, sentence.start, sentence.end, pos)
    names = [
        m.actor
        for m in doc.actors.within(s, e)
        if doc.actors.kind(m.actor) in ("person", "state", "organisation")
    ]
    return tuple(dict.fromkeys(names))


def _nearer_date(
    kw_start: int,
    kw_end: int,
    date: DateMention,
    distance: int,
    dates: list[DateMention],
    cs: int,
    ce: int,
) -> bool:
    """A date of the clause nearer the keyword on the same side is its date: "established in
    2005 but suspended in 2009" founds nothing in 2009."""
    return any(
        d is not date
        and cs <= d.start < ce
        and (d.start - kw_start) * (date.start - kw_start) > 0
        and min(abs(kw_start - d.end), abs(d.start - kw_end)) < distance
        for d in dates
    )


def _keyword_for(
    doc: Doc, sentence: Sentence, date: DateMention, dates: list[DateMention]
) -> tuple[str, int] | None:
    """Nearest event keyword to the date in its clause; else a keyword close by in a
    neighbouring clause that has no date of its own ("a visit to China, concluding 1 September").
    """
    best = None
    cs, ce = _clause(doc.text, sentence.start, sentence.end, date.start)
    said_when = _said_when(doc, cs, date)
    for m in doc.matcher.event_re.finditer(doc.text, sentence.start, sentence.end):
        if _NEGATED_BEFORE.search(doc.text, max(sentence.start, m.start() - 50), m.start()):
            continue
        distance = min(abs(m.start() - date.end), abs(date.start - m.end()))
        same_clause = cs <= m.start() < ce
        if same_clause and _nearer_date(m.start(), m.end(), date, distance, dates, cs, ce):
            continue
        if distance > _MAX_KEYWORD_DISTANCE:
            continue
        if not same_clause:
            if said_when and m.start() > date.end:
                continue
            ks, ke = _clause(doc.text, sentence.start, sentence.end, m.start())
            own_date = any(ks <= d.start < ke for d in dates)
            if distance > _CROSS_CLAUSE_DISTANCE or own_date:
                continue
        # a keyword before the date reads as its head ("parade on 3 September"): prefer it
        weighted = distance if m.start() < date.start else distance * 1.5
        kind = doc.matcher.lookup("event_keyword", m.group())
        # an amount only dates a figure when nothing else happens there: "agreed to lend
        # Ukraine $50 billion" is an agreement
        # ... and a meeting only when no other happening is named there ("met leaders ... for
        # a summit" is the summit)
        rank = (0 if same_clause else 1, kind in (_FIGURE, _MEETING), weighted)
        if best is None or rank < best[0]:
            best = (rank, kind, m.start())
    if best and best[1] == _FIGURE:
        # "agreed on Thursday to lend Ukraine $50 billion": the verb governing the amount
        for verb in doc.matcher.figure_verb_re.finditer(doc.text, cs, best[2]):
            kind = doc.matcher.lookup("figure_verb", verb.group())
            if kind:
                return kind, verb.start()
    return (best[1], best[2]) if best and best[1] else None


# "the ministry said Tuesday, responding to an agreement reached last week": a date governing
# the verb of saying is when it was said; a happening told in a later clause does not borrow it.
# (A happening told before it, "Putin signed a pact, state media reported on Wednesday", is
# usually reported the same day, and keeps it.)
_SAID_GAP = re.compile(r"\s+(?:(?:on|early|late|earlier|later)\s+)?$", re.I)
_REPORTING = re.compile(r"\b(?:reported|announced|confirmed|said|told)$", re.I)


def _said_when(doc: Doc, clause_start: int, date: DateMention) -> bool:
    gap = _SAID_GAP.search(doc.text, clause_start, date.start)
    if gap is None:
        return False
    verb_end = gap.start()
    if _REPORTING.search(doc.text, max(clause_start, verb_end - 10), verb_end):
        return True
    return any(
        m.end() == verb_end
        for m in doc.matcher.speech_re.finditer(
            doc.text, max(clause_start, verb_end - 40), verb_end
        )
    )


_RANGE_JOIN = re.compile(r"\s*(?:and|to|through|until|-|–)\s*(?:on\s+)?")
# "has held the presidency since 1 July", "sanctions in force since 2014": the date is the
# starting point of a state of affairs, the background of the story, not the day a happening
# took place. Only a date right after "since" ("since the charter was signed in 1945" dates
# the signing), and not after "first ... " naming the happening ("his first visit since 2000"
# tells of a visit in 2000; "the trip, his first since 2000" names none, so tells of none).
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?$", re.I)
_SINCE_WINDOW = 16
_FIRST_BEFORE = re.compile(r"\bfirst\s+[^,;:()–—\s][^,;:()–—]{0,39}$", re.I)
# "since June 2019, when they met in Osaka": the date of the happening the when-clause tells
_WHEN_AFTER = re.compile(r",?\s+when\b")
# "the 2015 Paris Agreement", "Iran's 2015 nuclear deal": a year naming an earlier thing
# is background, not the date of a happening the story reports.
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\bthe|['’]s)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+[A-Za-z]")


# "Seoul, 19 June 2024 (Agency) - ...", "Beijing, May 22 (Agency).- ...": the day of writing,
# not the day of the happening the lead tells (that has its own date, or the summit's).
_DATELINE_BEFORE = re.compile(r"[A-ZÀ-Þ][\w .'’-]{0,40}(?:,\s*[A-ZÀ-Þ][\w .'’-]{0,30})?,\s*")
_DATELINE_AFTER = re.compile(r",?\s*(?:\([^)\n]{1,40}\))?\s*\.?\s*[-–—]")


# "without signing a deal", "failed to reach an agreement": a happening that did not happen
_NEGATED_BEFORE = re.compile(
    r"\b(?:without|never|not|no|failed\s+to|refused\s+to)\s+(?:[\w’'-]+\s+){0,4}$", re.I
)


def _dateline(doc: Doc, sentence: Sentence, date: DateMention) -> bool:
    return bool(
        _DATELINE_BEFORE.fullmatch(doc.text, sentence.start, date.start)
        and _DATELINE_AFTER.match(doc.text, date.end)
    )


def _background(doc: Doc, sentence: Sentence, date: DateMention) -> bool:
    """A date the sentence gives as history: a starting point ("since 2019") or an earlier
    year naming something ("the 2015 Paris Agreement"), not when its happening took place."""
    text = doc.text
    since = _SINCE_BEFORE.search(text, max(sentence.start, date.start - _SINCE_WINDOW), date.start)
    if (
        since
        and not _FIRST_BEFORE.search(text, max(sentence.start, since.start() - 50), since.start())
        and not _WHEN_AFTER.match(text, date.end)
    ):
        return True
    d = date.date
    if d.precision != "year":
        return False
    if not _ATTRIBUTIVE_BEFORE.search(text, max(sentence.start, date.start - 6), date.start):
        return False
    if not _ATTRIBUTIVE_AFTER.match(text, date.end):
        return False
    reference = doc.dates.published.year if doc.dates.published else None
    return reference is None or d.year < reference


def keyword_events(doc: Doc) -> list[ExtractedEvent]:
    out = []
    for sentence in doc.layout.prose():
        dates = doc.dates_in(sentence.start, sentence.end)
        for i, date in enumerate(dates):
            if i and _RANGE_JOIN.fullmatch(doc.text, dates[i - 1].end, date.start):
                continue  # "on Thursday and Friday": the happening starts on the first day
            if _background(doc, sentence, date) or _dateline(doc, sentence, date):
                continue
            found = _keyword_for(doc, sentence, date, dates)
            if not found:
                continue
            kind, pos = found
            if kind == _MEETING and doc.summit is not None:
                continue  # at a summit, its meetings are the meetings' records, not events
            # the title is built once the event survives deduplication (find_events)
            doc.event_title_at[(kind, date.date, sentence.start)] = (sentence, pos)
            out.append(
                ExtractedEvent(
                    title="",
                    kind=kind,
                    date=date.date,
                    start=sentence.start,
                    end=sentence.end,
                    location=_location(doc, sentence, pos),
                    participants=_participants(doc, sentence, date.start),
                )
            )
    return out


def summit_event(doc: Doc, sentence: Sentence | None) -> ExtractedEvent | None:
    """The summit itself, dated by its sentence or the document's date context."""
    if doc.summit is None or sentence is None:
        return None
    date = doc.summit.date
    if date is None:
        # the sentence gives no date: the month it was reported in, no more precise than that
        date = (
            FuzzyDate.from_date(doc.dates.published, precision="month")
            if doc.dates.published
            else FuzzyDate(doc.summit.year)
            if doc.summit.year
            else None
        )
    if date is None:
        return None  # an event is a dated happening: nothing says when this one was
    org = doc.summit.organisation
    where = f" in {doc.summit.city}" if doc.summit.city else ""
    return ExtractedEvent(
        title=f"{org} summit{where}",
        kind="summit",
        date=date,
        start=sentence.start,
        end=sentence.end,
        location=doc.summit.city,
        participants=(org,),
    )


def accession_events(
    doc: Doc, memberships: list[ExtractedMembership], founding_years: set[int]
) -> list[ExtractedEvent]:
    """Table rows with a joining year (founding members belong to the founding event)."""
    table_rows = {(b.start, b.end) for b in doc.layout.blocks if b.kind == "table"}
    rows = [r for r in memberships if r.year_joined and (r.start, r.end) in table_rows]
    years = {r.year_joined for r in rows}
    if len(years) > 1:  # the earliest year of a membership table is its founders' year
        founding_years = founding_years | {min(years)}
    out = []
    for rec in rows:
        if rec.year_joined in founding_years:
            continue
        out.append(
            ExtractedEvent(
                title=f"{rec.member} joins {rec.organisation}",
                kind="accession",
                date=FuzzyDate(rec.year_joined),
                start=rec.start,
                end=rec.end,
                participants=(rec.member, rec.organisation),
            )
        )
    return out


def _is_the_summit(doc: Doc, event: ExtractedEvent, summit: ExtractedEvent) -> bool:
    """A keyword event that only retells the summit: "summit" in its sentence, "at the summit
    on Thursday" anywhere, or an amount dated like the summit in its sentence ("leaders
    endorsed a $53 billion plan on Tuesday")."""
    projected = event.date is not None and event.date.projected
    if event.kind == "summit":
        if event.start == summit.start:
            return True
        if projected:
            return False
        for m in doc.matcher.event_re.finditer(doc.text, event.start, event.end):
            if doc.matcher.lookup("event_keyword", m.group()) != "summit":
                continue
            if _DEFINITE_BEFORE.search(doc.text, max(event.start, m.start() - 20), m.start()):
                return True  # "at the summit on Thursday"
            if _POSSESSIVE_AFTER.match(doc.text[m.end() : m.end() + 3]):
                return True  # "the summit's host", "the summit's decisions"
            if _ATTRIBUTIVE_NOUN_AFTER.match(doc.text, m.end()):
                return True  # "summit host Mario Draghi", "near the summit site"
        return False
    if event.start != summit.start or event.kind not in _SUMMIT_CIRCUMSTANCES:
        return False
    # in the summit's sentence, a happening dated within the summit's dates is the summit
    return _within(event.date, summit.date)


def _first_telling(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Without a recognised summit, a summit of the same date told again later in the text
    is the same summit: the first telling is the event."""
    told: set[FuzzyDate] = set()
    out = []
    for e in events:
        if e.kind == "summit" and e.date is not None:
            if e.date in told:
                continue
            told.add(e.date)
        out.append(e)
    return out


def _within(inner: FuzzyDate | None, outer: FuzzyDate | None) -> bool:
    if inner is None or outer is None or inner.projected:
        return False
    return inner.year == outer.year and (
        inner.month is None
        or (inner.month == outer.month and (inner.day is None or inner.day == outer.day))
    )


def find_events(
    doc: Doc, summit_sentence: Sentence | None, memberships: list[ExtractedMembership]
) -> list[ExtractedEvent]:
    events = keyword_events(doc)
    summit = summit_event(doc, summit_sentence)
    if summit is not None:
        told = [
            e
            for e in events
            if e.kind == "summit"
            and e.start != summit.start
            and e.date is not None
            and not e.date.projected
            and (e.date == summit.date or e.date.precision == "day")
        ]
        if told and not doc.dates_in(summit.start, summit.end):
            # the summit sentence does not date it; a sentence that does tells it already
            summit = None
    if summit is not None:
        events = [e for e in events if not _is_the_summit(doc, e, summit)]
        events.insert(0, summit)
    elif doc.summit is None:
        events = _first_telling(events)
    founding = {e.date.year for e in events if e.kind == "founding" and e.date}
    events.extend(accession_events(doc, memberships, founding))
    # one event per kind, date and sentence ("a declaration" at the summit is the summit's)
    seen = set()
    out = []
    titles = doc.event_title_at
    for e in events:
        key = (e.kind, e.date, e.start)
        if key not in seen:
            seen.add(key)
            if not e.title and key in titles:
                sentence, pos = titles[key]
                e = replace(e, title=_title(doc, e.kind, sentence, pos))
            out.append(e)
    return [e for e in out if not _year_made_precise(e, out)]


def _year_made_precise(event: ExtractedEvent, events: list[ExtractedEvent]) -> bool:
    """ "The 2024 summit is held on July 9-11": the year alone is the same happening, told less
    precisely by the same sentence."""
    d = event.date
    return (
        d is not None
        and d.month is None
        and any(
            e.kind == event.kind
            and e.start == event.start
            and e.date is not None
            and e.date.year == d.year
            and e.date.month is not None
            and e.date.projected == d.projected
            for e in events
        )
    )
