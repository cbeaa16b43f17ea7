"""Is a freshly extracted record one already in the database, reported by another document?

Conservative: a record is the same happening only when who, when and what all agree (the same
speaker and nearly the same words; the same participants on compatible dates; the same kind,
dates and a similar title). Close but not sure: a *possible duplicate*, kept apart for an
editor. Candidates are read once per record kind and document, along indexes (speaker,
responder, participants or kind, with a date window): never a scan.

Where: records of the same summit, or dated records of any summit (or none) whose dates meet.
Summit resolution is not matching's business: one outlet's article may land on no summit or
another one, while what it reports is the same happening. An undated record is matched within
its own summit only (nothing else says it is the same occasion).
"""

from __future__ import annotations

import datetime as dt
import functools
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q
from rapidfuzz import fuzz, utils

from coverage.models import Actor, DatePrecision, Event, Meeting, Response, Statement

# rapidfuzz scores (0-100) from which two texts say the same (SAME) or maybe the same (CLOSE).
SAME_WORDS = 90
CLOSE_WORDS = 75
SAME_TITLE = 85
CLOSE_TITLE = 70
# Fewer words than this and a subset of words proves nothing: the plain ratio decides.
FEW_WORDS = 4
# Days two reports of one happening may disagree by (publication-date fallbacks, time zones).
DATE_SLACK = dt.timedelta(days=2)
# Candidates are read within this many days of the fresh records' dates.
WINDOW = dt.timedelta(days=40)
# With no date and no summit in common to tell the occasion, only the same long quotation says
# two reports are one statement: this many words in each, nearly the same (SAME_WORDS).
LONG_QUOTE = 8
# An undated report without a summit is compared with its speakers' newest records only: an
# article that gives no date is, as a rule, today's news.
RECENT = 200


class Voice(NamedTuple):
    """What the lexicon says of a speaker or responder: enough to tell who speaks for whom."""

    name: str
    kind: str
    title: str = ""
    country: str = ""


def _office(voice: Voice) -> str:
    """The state whose office speaks (a ministry, the presidency; their spokesperson), if
    ``voice`` is such an office."""
    if voice.kind == "body" or (voice.kind == "person" and "spokes" in voice.title.lower()):
        return voice.country
    return ""


def same_voice(a: Voice, b: Voice) -> bool:
    """Whether two speakers are one voice: the same actor; a state's offices and spokespeople
    (the Kremlin and Dmitry Peskov, a ministry and its spokesperson); an organisation and the
    official who speaks for it (the lexicon gives the organisation as the person's country)."""
    if a.name == b.name:
        return True
    if _office(a) and _office(a) == _office(b):
        return True
    for org, person in ((a, b), (b, a)):
        if org.kind == "organisation" and person.kind == "person" and person.country == org.name:
            return True
    return False


def _one_voice_q(voices: Iterable[Voice]) -> Q:
    """Actors who may be one voice with any of ``voices`` (other than themselves)."""
    offices = {o for v in voices if (o := _office(v))}
    orgs = {v.name for v in voices if v.kind == "organisation"}
    countries = {v.country for v in voices if v.kind == "person" and v.country}
    return (
        Q(kind="body", country__in=offices)
        | Q(kind="person", title__icontains="spokes", country__in=offices)
        | Q(kind="person", country__in=orgs)
        | Q(kind="organisation", name__in=countries)
    )


@dataclass
class Voices:
    """One document's speakers and responders: what the lexicon says of each (``known``, by
    actor key) and, read when first needed, the other actors that may be one voice with one of
    them. One object per document, in its transaction: a batch adds actors between documents."""

    known: dict[int, Voice] = field(default_factory=dict)

    @functools.cached_property
    def others(self) -> frozenset[int]:
        """Actors one voice with one of ``known`` (a superset for any one kind: matching drops
        a candidate whose voice is not its fresh record's). One query for statements and
        responses alike, rather than a subquery built for each."""
        if not self.known:
            return frozenset()
        query = Actor.objects.filter(_one_voice_q(self.known.values())).values_list("pk", flat=True)
        return frozenset(query.order_by())


class Match(NamedTuple):
    record: object  # the existing record (a row with its ``pk``, not a model instance)
    sure: bool  # False: a possible duplicate


class _Said(NamedTuple):
    """An existing statement or response as matching reads it: plain values, not a model
    instance (building the instances and their speakers cost more than the query itself)."""

    pk: int
    summit_id: int | None
    date: dt.date | None
    date_precision: str
    date_projected: bool
    quote: str
    summary: str
    voice_id: int  # the speaker or responder
    voice: Voice
    responds_to: str = ""
    stance: str = ""


def _period(date: dt.date | None, precision: str) -> tuple[dt.date, dt.date] | None:
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1), date.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return date.replace(day=1), date.replace(day=monthrange(date.year, date.month)[1])
    return date, date


def dates_compatible(a: object, b: object, *, undated: bool = True) -> bool:
    """Two records' dates can name the same day: their periods overlap (give or take
    ``DATE_SLACK``) and neither is a forecast the other is not. ``undated``: whether a record
    without a date is compatible with any."""
    if a.date_projected != b.date_projected:
        return False
    pa, pb = _period(a.date, a.date_precision), _period(b.date, b.date_precision)
    if pa is None or pb is None:
        return undated or (pa is None and pb is None)
    return pa[0] - DATE_SLACK <= pb[1] and pb[0] - DATE_SLACK <= pa[1]


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Lower case, punctuation (quotation marks, commas, apostrophes) as spaces: one outlet
    quotes a phrase another reports plainly. Cached: each fresh record's words are compared
    with every candidate's, and a pure function of the text cannot go stale."""
    return " ".join(utils.default_process(text).split())


def words_similarity(a: str, b: str) -> float:
    """How nearly two quotations or reported clauses say the same (0-100): the words of one
    within the other's (a shortened quote) once both have a few words, else the plain ratio."""
    a, b = _words(a), _words(b)
    if not a or not b:
        return 0.0
    if min(len(a.split()), len(b.split())) < FEW_WORDS:
        return fuzz.ratio(a, b)
    return fuzz.token_set_ratio(a, b)


def quote_paraphrase_similarity(quote: str, paraphrase: str) -> float:
    """How nearly reported speech says what a quotation says (0-100): the better of the words
    in common and, once the quotation has a few words, the quotation found within the
    paraphrase (a reporter quoting a fragment of the sentence)."""
    score = words_similarity(quote, paraphrase)
    quote, paraphrase = _words(quote), _words(paraphrase)
    if quote and paraphrase and len(quote.split()) >= FEW_WORDS:
        score = max(score, fuzz.partial_ratio(quote, paraphrase))
    return score


# What a match function says of a fresh record and a candidate: None, different; else whether
# they are surely the same (False: close, a possible duplicate) and how similar, which ranks
# the candidates (computed once per pair).
Graded = tuple[bool, float] | None


def _grade(score: float, same: float, close: float) -> Graded:
    """(True, score): the same; (False, score): close; None: different."""
    if score >= same:
        return True, score
    return (False, score) if score >= close else None


def _statement_match(fresh: Statement, old: _Said, summit_id: int | None, voices: Voices) -> Graded:
    if not _one_voice(fresh.speaker_id, old, voices):
        return None
    if not dates_compatible(fresh, old, undated=_same_summit(old, summit_id)):
        return _same_long_quote(fresh, old, summit_id)
    return _grade(_statement_words(fresh, old), SAME_WORDS, CLOSE_WORDS)


def _same_long_quote(fresh: Statement | Response, old: _Said, summit_id: int | None) -> Graded:
    """One of two reports undated and no summit in common, so nothing tells the occasion: the
    same long quotation (``LONG_QUOTE`` words or more in each, nearly word for word) is the
    same statement; anything less is not even a possible duplicate."""
    if (fresh.date and old.date) or _same_summit(old, summit_id):
        return None  # dated both, or undated at one summit: dates_compatible has spoken
    if fresh.date_projected != old.date_projected:
        return None
    if min(len(_words(q).split()) for q in (fresh.quote, old.quote)) < LONG_QUOTE:
        return None
    score = words_similarity(fresh.quote, old.quote)
    return (True, score) if score >= SAME_WORDS else None


def _statement_words(fresh: Statement, old: _Said) -> float:
    """Two quotations, or two paraphrases, compared word for word; a quotation and another
    outlet's reported speech: the quotation within the paraphrase too."""
    if bool(fresh.quote) == bool(old.quote):
        return words_similarity(fresh.quote or fresh.summary, old.quote or old.summary)
    quote, other = (fresh, old) if fresh.quote else (old, fresh)
    return quote_paraphrase_similarity(quote.quote, other.summary)


def _one_voice(fresh_id: int, old: _Said, voices: Voices) -> bool:
    if fresh_id == old.voice_id:
        return True
    mine = voices.known.get(fresh_id)
    return mine is not None and same_voice(mine, old.voice)


def _same_summit(old: object, summit_id: int | None) -> bool:
    return summit_id is not None and old.summit_id == summit_id


def _response_match(fresh: Response, old: _Said, summit_id: int | None, voices: Voices) -> Graded:
    if not _one_voice(fresh.responder_id, old, voices):
        return None
    if not dates_compatible(fresh, old, undated=_same_summit(old, summit_id)):
        return _same_long_quote(fresh, old, summit_id)
    if fresh.responds_to or old.responds_to:
        target = words_similarity(fresh.responds_to, old.responds_to)
        if target < CLOSE_WORDS:
            return None
    words = _statement_words(fresh, old)
    if words >= CLOSE_WORDS:
        # Two stances read off the words that contradict: maybe a second reaction. Neutral is
        # what the extractor says when the words show none, so it contradicts nothing.
        same = fresh.stance == old.stance or Response.Stance.NEUTRAL in (fresh.stance, old.stance)
        return same, words
    # Other words on the same named target may be the same reaction reported otherwise.
    return (False, words) if fresh.responds_to and old.responds_to else None


def _event_match(
    fresh: Event, old: object, fresh_people: set[int], old_people: set[int], summit_id: int | None
) -> Graded:
    if fresh.kind != old.kind or not dates_compatible(fresh, old, undated=False):
        return None
    if not _same_summit(old, summit_id) and not fresh_people & old_people:
        return None
    same_place = bool(fresh.location and old.location)
    if same_place and fuzz.ratio(fresh.location, old.location) < 80:
        return None
    shared = fresh_people & old_people
    if fresh_people and old_people and not shared:
        return None
    title = _title_similarity(fresh.title, old.title, bool(shared))
    if fresh.kind == Event.Kind.MEETING and shared and fresh_people != old_people:
        # Leaders at one summit meet several others on one day: "A met B" and "A met C and D"
        # share A, not the meeting. Two in common: maybe a third left unreported.
        return (False, title) if len(shared) >= 2 else None
    if shared and same_place and fresh.kind == Event.Kind.VISIT:
        return True, title  # the same people arriving in the same place within days: one visit
    return _grade(title, SAME_TITLE, CLOSE_TITLE)


def _title_similarity(a: str, b: str, shared_people: bool) -> float:
    """Titles compared as words are; with participants in common, a title all of whose (two
    or more) words are in the other's is the same event told at more length ("ASEAN summit",
    "ASEAN summit in Manila")."""
    score = words_similarity(a, b)
    a, b = _words(a).split(), _words(b).split()
    if shared_people and min(len(a), len(b)) >= 2:
        score = max(score, fuzz.token_set_ratio(" ".join(a), " ".join(b)))
    return score


def _meeting_match(
    fresh_people: set[int], old_people: set[int], fresh: Meeting, old: object, summit_id
) -> Graded:
    """Ranked by the participants in common."""
    if not dates_compatible(fresh, old, undated=_same_summit(old, summit_id)):
        return None
    shared = len(fresh_people & old_people)
    if fresh_people == old_people:
        return True, shared
    if shared >= 2:
        return False, shared  # the same two leaders, with a third in one report only
    return None


def _widened(low: dt.date, high: dt.date, by: dt.timedelta) -> tuple[dt.date, dt.date]:
    low = low - by if low - dt.date.min > by else dt.date.min
    high = high + by if dt.date.max - high > by else dt.date.max
    return low, high


def _window(records: Iterable[object], summit_id: int | None, elsewhere: Q | None = None) -> Q:
    """Candidates of the summit dated near any of ``records`` (one range over their dates
    widened by ``WINDOW``) or undated, and those of any summit (and ``elsewhere``) dated within
    ``DATE_SLACK`` of a record known to the day or month (a range per cluster of dates: a
    report of the summit that recalls a war's start years before reads two short ranges, not
    the years between; a year is too wide to look across summits); read along the (…, date)
    indexes."""
    periods = sorted(p for r in records if (p := _period(r.date, r.date_precision)))
    close = sorted(
        p
        for r in records
        if r.date_precision != DatePrecision.YEAR and (p := _period(r.date, r.date_precision))
    )
    ranges: list[list[dt.date]] = []
    for low, high in (_widened(*p, DATE_SLACK) for p in close):
        if ranges and low <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], high)
        else:
            ranges.append([low, high])
    near = Q(pk__in=[])  # nothing, when no record is dated
    for low, high in ranges:
        near = Q(date__range=(low, high)) if not near else near | Q(date__range=(low, high))
    if ranges and elsewhere is not None:
        near &= elsewhere
    if summit_id is None:
        return near
    mine = Q(date=None)
    if periods:
        mine |= Q(date__range=_widened(periods[0][0], max(p[1] for p in periods), WINDOW))
    return near | (Q(summit_id=summit_id) & mine)


def _best(options: list[tuple[float, object, bool]]) -> Match | None:
    """The sure match first, then the most similar."""
    if not options:
        return None
    score, record, sure = max(options, key=lambda o: (o[2], o[0], -o[1].pk))
    return Match(record, sure)


def _best_each(items, found, grade) -> dict[int, Match]:
    """For each fresh record (by its index), the best candidate of ``found`` that ``grade``
    accepts, ranked by sureness, then by the similarity ``grade`` gives."""
    out = {}
    for n, item in enumerate(items):
        options = []
        for old in found:
            graded = grade(item, old)
            if graded is not None:
                sure, score = graded
                options.append((score, old, sure))
        if best := _best(options):
            out[n] = best
    return out


def matches_find(
    kind: str,
    fresh: list[tuple[object, dict[str, list[int]]]],
    *,
    summit_id: int | None,
    document_id: int,
    voices: Voices | None = None,
) -> dict[int, Match]:
    """For fresh records of one kind (unsaved, with their many-to-many keys), the existing
    record of another document each one reports, by position in ``fresh``: of the summit
    ``summit_id``, or dated and of any summit (module docstring). ``voices``: the document's
    speakers and responders (without it, only the same actor is the same speaker)."""
    if not fresh or kind not in _READERS:
        return {}
    voices = voices or Voices()
    return _READERS[kind]([obj for obj, _ in fresh], fresh, summit_id, document_id, voices)


def _speakers_q(field: str, ids: set[int], voices: Voices) -> Q:
    """``field`` (speaker or responder) one of ``ids`` or one voice with one of them, by key:
    read along the (field, date) index."""
    if not any(k in voices.known for k in ids):
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__in": ids | voices.others})


_DATED = ("pk", "summit_id", "date", "date_precision", "date_projected")
_VOICE_FIELDS = ("name", "kind", "title", "country")  # Voice's, in its order


def _said(model: type, field: str, q: Q, extra: tuple[str, ...] = ()) -> list[_Said]:
    """The statements or responses ``q`` selects, with their speaker's or responder's
    (``field``) voice: one query, one plain row each."""
    rows = (
        model.objects.filter(q)
        .values_list(
            *_DATED, "quote", "summary", field, *(f"{field}__{f}" for f in _VOICE_FIELDS), *extra
        )
        .order_by()
    )
    return [_Said(*row[:8], Voice(*row[8:12]), *row[12:]) for row in rows]


def _statements(objs, fresh, summit_id, document_id, voices) -> dict[int, Match]:
    speakers = _speakers_q("speaker_id", {o.speaker_id for o in objs}, voices)
    found = _said_near(Statement, "speaker", objs, summit_id, speakers, document_id)
    return _best_each(objs, found, lambda obj, old: _statement_match(obj, old, summit_id, voices))


def _responses(objs, fresh, summit_id, document_id, voices) -> dict[int, Match]:
    responders = _speakers_q("responder_id", {o.responder_id for o in objs}, voices)
    found = _said_near(
        Response, "responder", objs, summit_id, responders, document_id, ("responds_to", "stance")
    )
    return _best_each(objs, found, lambda obj, old: _response_match(obj, old, summit_id, voices))


def _said_near(
    model: type,
    field: str,
    objs,
    summit_id: int | None,
    speakers: Q,
    document_id: int,
    extra: tuple[str, ...] = (),
) -> list[_Said]:
    """The candidates of ``speakers`` in other documents than ``document_id``: in the date
    window, and those only a long quotation can match (``_same_long_quote``): undated ones of no
    summit (along the (field, date) index) and, for an undated fresh quotation without a
    summit, the speakers' newest records."""
    who = speakers & ~Q(document_id=document_id)
    found = _said(model, field, (_window(objs, summit_id) | Q(date=None, summit=None)) & who, extra)
    if summit_id is None and any(o.date is None and o.quote for o in objs):
        newest = model.objects.filter(who).order_by("-pk").values("pk")[:RECENT]
        seen = {row.pk for row in found}
        found += [r for r in _said(model, field, Q(pk__in=newest), extra) if r.pk not in seen]
    return found


def _with_participants(fresh) -> list[tuple[object, set[int]]]:
    """Each fresh record with the set of its participants' keys."""
    return [(obj, set(m2m.get("participants", ()))) for obj, m2m in fresh]


class _MeetingRow(NamedTuple):
    pk: int
    summit_id: int | None
    date: dt.date | None
    date_precision: str
    date_projected: bool


class _EventRow(NamedTuple):
    pk: int
    summit_id: int | None
    date: dt.date | None
    date_precision: str
    date_projected: bool
    kind: str
    title: str
    location: str


def _with_people(queryset, row: type) -> tuple[list, dict[int, set[int]]]:
    """The records ``queryset`` selects, as ``row`` (its fields), and each one's participants'
    keys: one query joining the participants table (a row per record and participant), not a
    second one by the records' keys."""
    found: dict[int, object] = {}
    people: dict[int, set[int]] = defaultdict(set)
    for *values, actor_id in queryset.values_list(*row._fields, "participants").order_by():
        if values[0] not in found:
            found[values[0]] = row(*values)
        if actor_id is not None:
            people[values[0]].add(actor_id)
    return list(found.values()), people


def _meetings(objs, fresh, summit_id, document_id, voices) -> dict[int, Match]:
    wanted = {pk for _, m2m in fresh for pk in m2m.get("participants", ())}
    through = Meeting.participants.through
    found, people = _with_people(
        Meeting.objects.filter(
            _window(objs, summit_id)
            & Q(pk__in=through.objects.filter(actor_id__in=wanted).values("meeting_id"))
            & ~Q(document_id=document_id)
        ),
        _MeetingRow,
    )
    return _best_each(
        _with_participants(fresh),
        found,
        lambda new, old: _meeting_match(new[1], people[old.pk], new[0], old, summit_id),
    )


def _events(objs, fresh, summit_id, document_id, voices) -> dict[int, Match]:
    # Across summits, an event shares a participant (many events fall on any day).
    wanted = {pk for _, m2m in fresh for pk in m2m.get("participants", ())}
    through = Event.participants.through
    shared = Q(pk__in=through.objects.filter(actor_id__in=wanted).values("event_id"))
    found, people = _with_people(
        Event.objects.filter(
            _window(objs, summit_id, shared)
            & Q(kind__in={o.kind for o in objs})
            & ~Q(document_id=document_id)
        ),
        _EventRow,
    )
    return _best_each(
        _with_participants(fresh),
        found,
        lambda new, old: _event_match(new[0], old, new[1], people[old.pk], summit_id),
    )


_READERS = {
    "statements": _statements,
    "responses": _responses,
    "meetings": _meetings,
    "events": _events,
}
