"""Read queries for the public pages.

Everything readers see goes through these functions, so "hidden never shows" lives in one
place: a record is public when it is not hidden *and* the actors it names are not hidden.
Every function issues a fixed number of queries, whatever the number of rows. Records carry
their document's title but not its text (a page of records would repeat the article per row).
The expensive aggregates (dashboard, positions) are cached per edit generation (coverage.cache).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, RowNumber

from coverage import cache, records
from coverage import search as text_search
from coverage.anchor import SAME_DOCUMENT, sentences_shared
from coverage.models import (
    NEWEST_FIRST,
    WAITING_FOR_REVIEW,
    Actor,
    ActorAlias,
    Bloc,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Stance,
    Statement,
    Summit,
    SummitTally,
    Topic,
    TopicTally,
)
from coverage.passages import placed_here, reported_in, with_other_documents
from coverage.search import sqlite as search_sqlite
from coverage.search.postgresql import AmongKeys
from coverage.sources import SourceText

HIDDEN = ReviewState.HIDDEN
WESTERN = Bloc.WESTERN


# --- Public querysets -------------------------------------------------------------------------


def public_actors() -> QuerySet[Actor]:
    return Actor.objects.public()


def cached_actor_choices() -> list[tuple[int, str]]:
    """(pk, name) of every public actor by name, for the filter forms (cached)."""
    return cache.cached(
        "actor-choices",
        compute=lambda: list(public_actors().order_by("name").values_list("pk", "name")),
    )


def cached_topic_choices() -> list[tuple[int, str]]:
    return cache.cached(
        "topic-choices",
        compute=lambda: list(Topic.objects.order_by("name").values_list("pk", "name")),
    )


def cached_summit_choices() -> list[tuple[int, str]]:
    return cache.cached(
        "summit-choices",
        compute=lambda: list(
            Summit.objects.order_by("-start_date", "-year", "name").values_list("pk", "name")
        ),
    )


def _public_topics_prefetch() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("name"))


def _public_participants_prefetch() -> Prefetch:
    return Prefetch("participants", queryset=public_actors().order_by("name"))


def public_statements() -> QuerySet[Statement]:
    return with_other_documents(
        Statement.objects.public()
        .exclude(speaker__review_state=HIDDEN)
        .select_related("speaker", "document", "summit")
        .defer("document__text")
        .prefetch_related(_public_topics_prefetch())
    )


def public_responses() -> QuerySet[Response]:
    return with_other_documents(
        Response.objects.public()
        .exclude(responder__review_state=HIDDEN)
        .select_related("responder", "document", "summit")
        .defer("document__text")
        .prefetch_related(_public_topics_prefetch())
    )


def public_meetings() -> QuerySet[Meeting]:
    return with_other_documents(
        Meeting.objects.public()
        .select_related("document", "summit")
        .defer("document__text")
        .prefetch_related(_public_participants_prefetch(), _public_topics_prefetch())
    )


def public_events() -> QuerySet[Event]:
    return with_other_documents(
        Event.objects.public()
        .select_related("document", "summit")
        .defer("document__text")
        .prefetch_related(_public_participants_prefetch())
    )


def public_memberships() -> QuerySet[Membership]:
    return with_other_documents(
        Membership.objects.public()
        .exclude(member__review_state=HIDDEN)
        .exclude(organisation__review_state=HIDDEN)
        .select_related("member", "organisation", "document")
        .defer("document__text")
    )


# --- Dashboard --------------------------------------------------------------------------------


def summits() -> QuerySet[Summit]:
    return Summit.objects.order_by("-start_date", "-year", "-pk")


def current_summit() -> Summit | None:
    """The most recent summit."""
    return summits().select_related("organisation").first()


def cached_summits() -> list[Summit]:
    """Every summit, newest first, with its organisation (one query, cached)."""
    return cache.cached("summits", compute=lambda: list(summits().select_related("organisation")))


def pick_summit(all_summits: list[Summit], slug: str | None = None) -> Summit | None:
    """The summit asked for by slug, else the most recent one (no query)."""
    if slug:
        for summit in all_summits:
            if summit.slug == slug:
                return summit
    return all_summits[0] if all_summits else None


# How far (days) an article's date of a summit may lie outside the summit's known dates and
# still be that summit: reports are dated by the day they describe, and summits last days.
SUMMIT_DATE_SLACK = 7


def summit_matching(
    *, organisation_id: int | None, name: str, year: int | None, city: str, day: dt.date | None
) -> Summit | None:
    """The summit an article names (organisation, year, host city, a day of it), if one exists.

    A summit fits unless it contradicts the article: another host city, or dates more than
    ``SUMMIT_DATE_SLACK`` days from the article's. Of several that fit, the one in the same
    city first, then one whose dates agree, then the oldest. Reads one organisation-and-year's
    summits (a handful) along the ``summit_org_year_city_unique`` key.
    """
    found = Summit.objects.filter(year=year).order_by("pk")
    if organisation_id is not None:
        found = found.filter(organisation_id=organisation_id)
    else:  # an organisation no actor stands for: its summits carry its name
        found = found.filter(organisation=None, name__istartswith=f"{name} summit")
    city_key = city.casefold()

    def fits(summit: Summit) -> bool:
        if city_key and summit.host_city and summit.host_city.casefold() != city_key:
            return False
        if day and summit.start_date:
            end = summit.end_date or summit.start_date
            # differences, not sums: a date near date.max or date.min must not overflow
            return (summit.start_date - day).days <= SUMMIT_DATE_SLACK and (
                day - end
            ).days <= SUMMIT_DATE_SLACK
        return True

    fitting = [s for s in found if fits(s)]
    fitting.sort(
        key=lambda s: (
            not (city_key and s.host_city.casefold() == city_key),
            not (day and s.start_date),
            s.pk,
        )
    )
    return fitting[0] if fitting else None


def in_summit(summit: Summit, using: str = "default") -> Q:
    """Records of a summit: tagged with it, or untagged but from one of its documents (on
    PostgreSQL the documents' keys listed first, so the OR is two index lookups)."""
    if connections[using].vendor == "postgresql":
        documents = Document.objects.filter(summit=summit).values("pk")
        return Q(summit=summit) | Q(Q(summit__isnull=True) & Q(AmongKeys("document_id", documents)))
    return Q(summit=summit) | Q(summit__isnull=True, document__summit=summit)


def _newest_of_summit(using: str = "default") -> tuple:
    """The newest first, for a summit's few rows. On PostgreSQL sorted after fetching them:
    read along the date index instead, as the planner chose for a LIMIT, a summit with few
    records was looked for through every row of the table. SQLite's own choice is right; it
    keeps NEWEST_FIRST."""
    if connections[using].vendor != "postgresql":
        return NEWEST_FIRST
    undated_last = Coalesce(F("date"), Value(dt.date.min))
    return (undated_last.desc(), F("pk").desc())


# Rows a list page shows (the tables, actors, the timeline).
PER_PAGE = 25


def on_topic(qs: QuerySet, topic: int | str) -> QuerySet:
    """Records (statements, responses, meetings) tagged with a topic: on SQLite, a topic on a
    good share of the rows is matched as the list is read in its order, a rarer one's rows
    looked up from its list and sorted (coverage.search.sqlite.among); the share is counted
    once per edit generation."""
    field = qs.model._meta.get_field("topics")
    links = field.remote_field.through.objects.filter(topic_id=topic).values(field.m2m_field_name())

    def share() -> tuple[int, int]:
        return cache.cached(
            "topic-share",
            qs.model._meta.label_lower,
            topic,
            compute=lambda: (links.count(), qs.model.objects.aggregate(n=Max("pk"))["n"] or 0),
        )

    return search_sqlite.among(qs, links, share=share, limit=PER_PAGE)


@dataclass
class Dashboard:
    summit: Summit
    members: list[Membership]
    counts: dict[str, int]
    latest_events: list[Event]
    headline_positions: list[tuple[Actor, list[Statement]]]
    western_responses: list[Response]
    bilateral_meetings: list[Meeting]


def _count(qs: QuerySet) -> Subquery:
    """COUNT(*) of a queryset as a scalar subquery (to read several counts in one query)."""
    return Subquery(
        qs.order_by()
        .annotate(_one=Value(1, output_field=IntegerField()))
        .values("_one")
        .annotate(n=Count("*"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def _public_tallies(qs: QuerySet) -> QuerySet:
    """Tally rows of public actors (meetings and events are counted under actor 0): whether
    an actor is hidden is asked here, so hiding one changes no tally."""
    return qs.filter(n__gt=0).filter(Q(actor_id=0) | Q(actor_id__in=public_actors().values("pk")))


def summit_counts(summit: Summit) -> dict[str, int]:
    """Public statements, events, meetings and responses of a summit, from its tallies (a
    row per kind and actor: a few hundred, whatever the archive's size), in one query."""
    rows = (
        _public_tallies(SummitTally.objects.filter(summit_id=summit.pk))
        .values_list("kind")
        .annotate(total=Sum("n"))
        .order_by()
    )
    found = dict(rows)
    return {
        f"{kind}s": found.get(kind, 0) for kind in ("statement", "event", "meeting", "response")
    }


def dashboard(summit: Summit, *, limit: int = 6, speakers: int = 5) -> Dashboard:
    """Everything the dashboard shows about a summit, in twelve queries whatever the size."""
    in_summit_q = in_summit(summit)
    members: list[Membership] = []
    if summit.organisation_id:
        members = list(
            public_memberships()
            .filter(organisation_id=summit.organisation_id)
            .order_by(F("year_joined").asc(nulls_last=True), "member__name")
        )
    counts = summit_counts(summit)
    newest = _newest_of_summit()
    latest_events = list(public_events().filter(in_summit_q).order_by(*newest)[:limit])
    statements = public_statements().filter(in_summit_q)
    top_speakers = (
        _public_tallies(SummitTally.objects.filter(summit_id=summit.pk, kind="statement"))
        .annotate(name=Subquery(Actor.objects.filter(pk=OuterRef("actor_id")).values("name")))
        .order_by("-n", "name")
        .values("actor_id")[:speakers]
    )
    by_speaker = newest_per_speaker(statements.filter(speaker_id__in=top_speakers), 2)
    ranked = sorted(
        by_speaker.values(),
        key=lambda said: (-said[0].said, said[0].speaker.name, said[0].speaker_id),
    )
    headline = [(said[0].speaker, said) for said in ranked]
    western = list(
        public_responses()
        .prefetch_related(None)  # a response's topics are not shown
        .filter(in_summit_q, responder__bloc=WESTERN)
        .order_by(*newest)[:limit]
    )
    bilateral = list(
        public_meetings()
        .filter(in_summit_q)
        .annotate(n_participants=Count("participants", distinct=True))
        .filter(n_participants=2)
        .order_by(*newest)[:limit]
    )
    return Dashboard(
        summit=summit,
        members=members,
        counts=counts,
        latest_events=latest_events,
        headline_positions=headline,
        western_responses=western,
        bilateral_meetings=bilateral,
    )


def newest_per_speaker(statements: QuerySet[Statement], per_speaker: int) -> dict:
    """{speaker_id: the speaker's ``per_speaker`` newest statements}, in one query; each row
    carries ``said``, how many of ``statements`` its speaker made (window functions)."""
    newest = list(NEWEST_FIRST)
    by_speaker: dict[int, list[Statement]] = defaultdict(list)
    for statement in (
        statements.annotate(
            nth=Window(RowNumber(), partition_by=[F("speaker_id")], order_by=newest),
            said=Window(Count("pk"), partition_by=[F("speaker_id")]),
        )
        .filter(nth__lte=per_speaker)
        .order_by(*newest)
    ):
        by_speaker[statement.speaker_id].append(statement)
    return by_speaker


def newest_of_each(
    statements: QuerySet[Statement], speakers: list[int], per_speaker: int
) -> dict[int, list[Statement]]:
    """{speaker_id: the speaker's ``per_speaker`` newest of ``statements``}, in one query:
    each speaker's read along their (speaker, date) index until it has enough, where
    numbering every statement of the speakers (newest_per_speaker) read them all (a topic's
    twelve most vocal actors: tens of thousands of rows at 1,000,000 records)."""
    if not speakers:
        return {}
    newest = statements.order_by(*NEWEST_FIRST).values("pk")
    condition = Q()
    for pk in speakers:
        condition |= _among(statements, newest.filter(speaker_id=pk)[:per_speaker])
    by_speaker: dict[int, list[Statement]] = defaultdict(list)
    for statement in statements.filter(condition).order_by(*NEWEST_FIRST):
        by_speaker[statement.speaker_id].append(statement)
    return by_speaker


def _among(qs: QuerySet, keys: QuerySet) -> Q:
    """Rows of ``qs`` whose key is one of ``keys`` (a query of a few keys). On PostgreSQL as
    ``= ANY(ARRAY(...))``: an OR of several is then a lookup of each list's keys, where an OR
    of ``IN (subquery)`` checked every row of ``qs`` (every statement of a busy topic); SQLite
    looks each ``IN`` list up by key itself."""
    if text_search.full_text(qs):
        return Q(AmongKeys(qs.model._meta.pk.column, keys))
    return Q(pk__in=keys)


def cached_dashboard(summit: Summit) -> Dashboard:
    return cache.cached("dashboard", summit.pk, compute=lambda: dashboard(summit))


# --- Timeline ---------------------------------------------------------------------------------


@dataclass
class MonthGroup:
    label: str
    anchor: str
    events: list[Event] = field(default_factory=list)


@dataclass
class YearGroup:
    year: int | None
    months: list[MonthGroup] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.year) if self.year else "Undated"

    @property
    def anchor(self) -> str:
        return f"year-{self.year}" if self.year else "undated"


def group_by_year_and_month(events: list[Event]) -> list[YearGroup]:
    """Events (already in date order) grouped by year, then month; as precise as each date."""
    years: list[YearGroup] = []
    for event in events:
        year = event.date.year if event.date else None
        if not years or years[-1].year != year:
            years.append(YearGroup(year=year))
        group = years[-1]
        if event.date is None:
            label, anchor = "Date unknown", "undated-events"
        elif event.date_precision == "year":
            label, anchor = "Dated to the year only", f"year-{year}-whole"
        else:
            label = event.date.strftime("%B")
            anchor = f"month-{year}-{event.date.month:02d}"
        if not group.months or group.months[-1].anchor != anchor:
            group.months.append(MonthGroup(label=label, anchor=anchor))
        group.months[-1].events.append(event)
    return years


def events_per_year(events: QuerySet[Event]) -> list[tuple[int, int]]:
    """(year, how many) of the dated events, by year (1 query)."""
    return list(
        events.order_by()
        .exclude(date__isnull=True)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
        .values_list("year", "n")
    )


def cached_events_per_year(events: QuerySet[Event]) -> list[tuple[int, int]]:
    """events_per_year of these (filtered) events, once per edit generation: grouping every
    event by year is a scan of the whole table."""
    return cache.cached_for(
        "events-per-year", events.order_by(), compute=lambda: events_per_year(events)
    )


def newest_dated_events(events: QuerySet[Event], limit: int) -> tuple[int, list[Event]]:
    """How many of the events are dated, and the newest ``limit`` of them, with only what
    TimelineJS shows (2 queries)."""
    dated = (
        events.exclude(date__isnull=True)
        .select_related(None)
        .prefetch_related(None)
        .only("title", "kind", "date", "date_precision", "date_projected", "summary")
    )
    total = dated.count()
    return total, list(dated.order_by("-date", "-pk")[:limit]) if total else []


# --- Positions --------------------------------------------------------------------------------


@dataclass
class Cell:
    actor: Actor
    stances: list[tuple[str, str, int]]  # (value, label, count)
    responses: list[tuple[str, str, int]]

    @property
    def empty(self) -> bool:
        return not self.stances and not self.responses


def positions_matrix(
    topics: list[Topic], *, max_actors: int = 12, min_sources: int = 1
) -> tuple[list[Actor], list]:
    """Rows of (topic, [Cell per actor]) for the given topics; actors are the most-quoted
    speakers plus Western responders on those topics. Three queries, read from the topic
    tallies (coverage.tallies): counting the statements themselves read every statement on
    every topic. ``min_sources`` > 1: only records at least that many documents report,
    counted from the records (along their ``source_count`` index; the tallies count all).
    """
    if min_sources > 1:
        counts = _corroborated_positions(topics, min_sources)
        totals: Counter = Counter()
        for _, _, actor_id, _, n in counts:
            totals[actor_id] += n
        weight = dict(sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:max_actors])
    else:
        tallies = TopicTally.objects.filter(topic_id__in=[t.pk for t in topics], n__gt=0).filter(
            Q(kind="statement", actor_id__in=public_actors().values("pk"))
            | Q(kind="response", actor_id__in=public_actors().filter(bloc=WESTERN).values("pk"))
        )
        weights = (
            tallies.values_list("actor_id").annotate(total=Sum("n")).order_by("-total", "actor_id")
        )
        weight = dict(weights[:max_actors])
        counts = tallies.filter(actor_id__in=list(weight)).values_list(
            "kind", "topic_id", "actor_id", "stance", "n"
        )
    actor_ids = list(weight)
    actors = sorted(Actor.objects.filter(pk__in=actor_ids), key=lambda a: (-weight[a.pk], a.pk))
    said: Counter = Counter()
    responded: Counter = Counter()
    for kind, topic_id, actor_id, stance, n in counts:
        if actor_id in weight:
            (said if kind == "statement" else responded)[(topic_id, actor_id, stance)] += n
    stance_labels = dict(Statement._meta.get_field("stance").choices)
    response_labels = dict(Response.Stance.choices)

    def stances(counts: Counter, labels: dict, topic: Topic, actor: Actor):
        return [
            (value, label, n)
            for value, label in labels.items()
            if (n := counts[(topic.pk, actor.pk, value)])
        ]

    rows = []
    for topic in topics:
        cells = [
            Cell(
                actor=actor,
                stances=stances(said, stance_labels, topic, actor),
                responses=stances(responded, response_labels, topic, actor),
            )
            for actor in actors
        ]
        rows.append((topic, cells))
    return actors, rows


def _corroborated(model: type, min_sources: int, *, western: bool = False) -> QuerySet:
    """Topic links of ``model``'s public records by public (``western``: and Western) actors
    that at least ``min_sources`` documents report, read from the records' source_count index
    (an actor ``IN`` list made the planner read every statement of every public actor)."""
    key = model._meta.model_name
    actor = f"{key}__{'speaker' if model is Statement else 'responder'}"
    links = (
        model.topics.through.objects.filter(**{f"{key}__source_count__gte": min_sources})
        .exclude(**{f"{key}__review_state": HIDDEN})
        .exclude(**{f"{actor}__review_state": HIDDEN})
        .order_by()
    )
    return links.filter(**{f"{actor}__bloc": WESTERN}) if western else links


def _corroborated_positions(topics: list[Topic], min_sources: int) -> list[tuple]:
    """(kind, topic, actor, stance, n) like the topic tallies', counted from the public
    statements (by public actors) and responses (by public Western actors) on ``topics`` at
    least ``min_sources`` documents report: two queries."""
    found = []
    for kind, model, actor in (
        ("statement", Statement, "speaker"),
        ("response", Response, "responder"),
    ):
        rows = (
            _corroborated(model, min_sources, western=model is Response)
            .filter(topic_id__in=[t.pk for t in topics])
            .values_list("topic_id", f"{kind}__{actor}_id", f"{kind}__stance")
            .annotate(n=Count("pk"))
        )
        found += [(kind, topic_id, actor_id, stance, n) for topic_id, actor_id, stance, n in rows]
    return found


def cached_topics_with_positions(min_sources: int = 1) -> list[Topic]:
    return cache.cached(
        "positions-topics", min_sources, compute=lambda: list(topics_with_positions(min_sources))
    )


def topics_with_positions(min_sources: int = 1) -> QuerySet[Topic]:
    """Topics with at least one public statement or response (by a public actor); with
    ``min_sources`` > 1, one at least that many documents report."""
    if min_sources > 1:
        return Topic.objects.filter(
            Q(pk__in=_corroborated(Statement, min_sources).values("topic_id"))
            | Q(pk__in=_corroborated(Response, min_sources).values("topic_id"))
        ).order_by("name")
    tallied = _public_tallies(TopicTally.objects.all()).values("topic_id")
    return Topic.objects.filter(pk__in=tallied).order_by("name")


@dataclass
class ActorPositions:
    actor: Actor
    statements: list[Statement]  # the newest few
    total: int
    stances: list[tuple[str, str, int]]  # (value, label, count), every statement counted


@dataclass
class TopicPositions:
    topic: Topic
    positions: list[ActorPositions]
    speakers: int  # every public actor with a public statement on the topic
    statements: int
    responses: list[Response]  # the newest Western responses
    response_count: int

    @property
    def more_speakers(self) -> int:
        return self.speakers - len(self.positions)


def topic_positions(topic: Topic, *, actors: int = 12, per_actor: int = 3) -> TopicPositions:
    """The most vocal actors on a topic (all their stances counted, their newest statements
    shown) beside the newest Western responses; five queries whatever the archive's size,
    the counts read from the topic's tallies (coverage.tallies)."""
    totals: Counter = Counter()
    stances: dict[int, Counter] = defaultdict(Counter)
    names: dict[int, str] = {}
    counts = (
        _public_tallies(TopicTally.objects.filter(topic_id=topic.pk, kind="statement"))
        .annotate(name=Subquery(Actor.objects.filter(pk=OuterRef("actor_id")).values("name")))
        .values_list("actor_id", "name", "stance", "n")
    )
    for speaker_id, name, stance, n in counts:
        totals[speaker_id] += n
        stances[speaker_id][stance] += n
        names[speaker_id] = name
    top = sorted(totals, key=lambda pk: (-totals[pk], names[pk], pk))[:actors]
    newest = newest_of_each(public_statements().filter(topics=topic), top, per_actor)
    labels = dict(Stance.choices)
    positions = [
        ActorPositions(
            actor=newest[pk][0].speaker,
            statements=newest[pk],
            total=totals[pk],
            stances=[(v, labels[v], stances[pk][v]) for v in labels if stances[pk][v]],
        )
        for pk in top
    ]
    responses = list(
        public_responses()
        .prefetch_related(None)  # a response's topics are not shown
        .filter(topics=topic, responder__bloc=WESTERN)
        .order_by(*NEWEST_FIRST)[:10]
    )
    western = public_actors().filter(bloc=WESTERN).values("pk")
    response_count = (
        TopicTally.objects.filter(
            topic_id=topic.pk, kind="response", actor_id__in=western
        ).aggregate(n=Sum("n"))["n"]
        or 0
    )
    return TopicPositions(
        topic=topic,
        positions=positions,
        speakers=len(totals),
        statements=sum(totals.values()),
        responses=responses,
        response_count=response_count,
    )


# --- Actors -----------------------------------------------------------------------------------


@dataclass
class ActorRecord:
    actor: Actor
    statements: list[Statement]
    statement_count: int
    meetings: list[Meeting]
    meeting_count: int
    responses: list[Response]
    response_count: int
    memberships: list[Membership]
    members: list[Membership]


def _with_total(qs: QuerySet, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows and the number of all rows, in one query (a window count)."""
    rows = list(qs.annotate(total_rows=Window(Count("pk")))[:limit])
    return rows, (rows[0].total_rows if rows else 0)


def actor_counts(actor: Actor) -> dict[str, int]:
    """How many public statements, meetings and responses the actor has (statements and
    responses from the summit tallies), and the meetings' highest key (about how many there
    are in all), in one query."""

    def tallied(kind: str) -> Subquery:
        rows = SummitTally.objects.filter(actor_id=actor.pk, kind=kind).order_by()
        total = rows.values("actor_id").annotate(total=Sum("n")).values("total")
        return Subquery(total[:1], output_field=IntegerField())

    subqueries = {
        "statements": tallied("statement"),
        "meetings": _count(public_meetings().filter(participants=actor)),
        "responses": tallied("response"),
        "meeting_rows": Subquery(Meeting.objects.order_by("-pk").values("pk")[:1]),
    }
    # (named n_*: "statements" and the rest are the actor's reverse relations)
    row = Actor.objects.filter(pk=actor.pk).values(**{f"n_{k}": v for k, v in subqueries.items()})
    found = row.first() or {}
    return {name: found.get(f"n_{name}") or 0 for name in subqueries}


def actor_record(actor: Actor, *, limit: int = 25) -> ActorRecord:
    """An actor's newest statements, meetings and responses, read along the date index, and
    memberships: seven queries. Counting them reads every one (a prominent actor's tens of
    thousands, where the first 25 are a few index steps away): once per edit generation, in
    an eighth."""
    counts = cache.cached("actor-counts", actor.pk, compute=lambda: actor_counts(actor))
    statements = public_statements().filter(speaker=actor).order_by(*NEWEST_FIRST)
    # Statements and responses have an (actor, date) index; meetings name their participants
    # in a table of their own: the actor's meetings are sorted, or, for an actor in a good
    # share of all meetings, the meetings read by date until 25 are found (worth_walking).
    if search_sqlite.worth_walking(counts["meetings"], counts["meeting_rows"], limit):
        participant = Meeting.participants.through.objects.filter(
            meeting_id=OuterRef("pk"), actor_id=actor.pk
        )
        meetings = public_meetings().filter(Exists(participant))
    else:
        meetings = public_meetings().filter(participants=actor)
    meetings = meetings.order_by(*NEWEST_FIRST)
    # A response's topics are not shown.
    responses = (
        public_responses().prefetch_related(None).filter(responder=actor).order_by(*NEWEST_FIRST)
    )
    links = list(public_memberships().filter(Q(member=actor) | Q(organisation=actor)))
    return ActorRecord(
        actor=actor,
        statements=list(statements[:limit]),
        statement_count=counts["statements"],
        meetings=list(meetings[:limit]),
        meeting_count=counts["meetings"],
        responses=list(responses[:limit]),
        response_count=counts["responses"],
        memberships=[m for m in links if m.member_id == actor.pk],
        members=[m for m in links if m.organisation_id == actor.pk],
    )


def actor_record_counts() -> list[tuple[int, int]]:
    """(key, how many public records name them) of every public actor some record names:
    statements, responses, meetings, events and memberships. Most named first, ties by name.
    One query; it reads every record, so it is cached per edit generation
    (cached_actor_record_counts)."""
    actor = OuterRef("pk")
    records = (
        _count(public_statements().filter(speaker=actor))
        + _count(public_responses().filter(responder=actor))
        + _count(public_meetings().filter(participants=actor))
        + _count(public_events().filter(participants=actor))
        + _count(public_memberships().filter(Q(member=actor) | Q(organisation=actor)))
    )
    return list(
        public_actors()
        .annotate(n_records=records)
        .filter(n_records__gt=0)
        .order_by("-n_records", "name", "pk")
        .values_list("pk", "n_records")
    )


def cached_actor_record_counts() -> list[tuple[int, int]]:
    return cache.cached("actor-record-counts", compute=actor_record_counts)


def actors_by_coverage(
    *, kind: str = "", bloc: str = "", q: str = "", include_empty: bool = False
) -> list[tuple[int, int]]:
    """(key, number of public records) of the public actors of that kind, bloc and name or
    alias, the most covered first; with ``include_empty``, then the lexicon's actors no
    record names, by name. Two queries (one cached), whatever the number of actors."""
    qs = public_actors()
    if kind:
        qs = qs.filter(kind=kind)
    if bloc:
        qs = qs.filter(bloc=bloc)
    if q:
        qs = text_search.actor_matches(qs, q)
    matching = list(qs.order_by("name", "pk").values_list("pk", flat=True))
    wanted = set(matching)
    ranked = [(pk, n) for pk, n in cached_actor_record_counts() if pk in wanted]
    if include_empty:
        named = {pk for pk, _ in ranked}
        ranked += [(pk, 0) for pk in matching if pk not in named]
    return ranked


def actors_with_counts(rows: list[tuple[int, int]]) -> list[Actor]:
    """The actors of ``rows`` in that order, with their aliases and ``record_count``."""
    by_pk = public_actors().prefetch_related("aliases").in_bulk([pk for pk, _ in rows])
    actors = []
    for pk, n in rows:
        if pk in by_pk:
            by_pk[pk].record_count = n
            actors.append(by_pk[pk])
    return actors


# --- Feeds ------------------------------------------------------------------------------------

FEED_ITEMS = 30


def feed_records(
    *,
    summit: Summit | None = None,
    actor: Actor | None = None,
    topic: Topic | None = None,
    limit: int = FEED_ITEMS,
) -> list:
    """The newest public records (by when they were added), of a summit, naming an actor or on
    a topic: each kind's newest ``limit`` along its key, merged. A fixed number of queries."""
    kinds: list[tuple[QuerySet, Q | None, bool]] = [
        (public_statements(), Q(speaker=actor), True),
        (public_responses(), Q(responder=actor), True),
        (public_meetings(), Q(participants=actor), True),
        (public_events(), Q(participants=actor), False),
        (public_memberships(), Q(member=actor) | Q(organisation=actor), False),
    ]
    records: list = []
    for qs, naming, has_topics in kinds:
        if topic is not None:
            if not has_topics:
                continue
            qs = qs.filter(topics=topic)
        if actor is not None:
            qs = qs.filter(naming)
        if summit is not None:
            qs = qs.filter(in_summit(summit))
        records.extend(qs.order_by("-pk")[:limit])
    records.sort(key=lambda r: (r.created_at, r._meta.model_name, r.pk), reverse=True)
    return records[:limit]


# --- Documents --------------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    records: list = field(default_factory=list)  # records covering this segment
    starts: list = field(default_factory=list)  # records whose first segment this is


def document_records(document: Document) -> list:
    """Every public record with a source span in the document, in text order."""
    # The page names each record's people, never its topics: no topic prefetches. Records
    # other documents report first are here by their passage in this one.
    records: list = placed_here(
        [
            *reported_in(public_statements().prefetch_related(None), document),
            *reported_in(public_responses().prefetch_related(None), document),
            *reported_in(
                public_meetings()
                .prefetch_related(None)
                .prefetch_related(_public_participants_prefetch()),
                document,
            ),
            *reported_in(public_events(), document),
            *reported_in(public_memberships(), document),
        ],
        document,
    )
    length = len(document.text)
    records = [r for r in records if 0 <= r.source_start < r.source_end <= length]
    records.sort(key=lambda r: (r.source_start, -r.source_end, r._meta.model_name, r.pk))
    return records


def segment_text(
    text: str, records: list, *, start: int = 0, end: int | None = None
) -> list[Segment]:
    """Split the text (or its part from ``start`` to ``end``) at every span boundary; each
    segment knows the records covering it.

    Overlapping and nested spans are fine: a record's anchor sits on its first segment.
    """
    end = len(text) if end is None else end
    bounds = {start, end}
    for record in records:
        bounds.update(b for b in (record.source_start, record.source_end) if start <= b <= end)
    points = sorted(bounds)
    segments = []
    started: set[str] = set()
    for left, right in zip(points, points[1:], strict=False):
        covering = [r for r in records if r.source_start <= left and r.source_end >= right]
        starts = [r for r in covering if r.anchor not in started]
        started.update(r.anchor for r in starts)
        segments.append(Segment(text=text[left:right], records=covering, starts=starts))
    return segments


# A passage's paragraph is shown whole up to this many characters either side of it.
CONTEXT_CHARS = 600


def passage_context(record) -> list[Segment]:
    """The record's passage highlighted inside its paragraph, for the editors' review page
    and change form. A paragraph is a line, as the extractor reads blocks
    (coverage.extract.text); a long one is cut at a space near ``CONTEXT_CHARS``."""
    text = record.document.text
    start, end = record.source_start, record.source_end
    if start is None:
        return []  # the passage was lost in a newer version: see record.stale_passage
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    after = len(text) if after < 0 else after
    if start - before > CONTEXT_CHARS:
        cut = text.find(" ", start - CONTEXT_CHARS, start)
        before = start - CONTEXT_CHARS if cut < 0 else cut + 1
    if after - end > CONTEXT_CHARS:
        cut = text.rfind(" ", end, end + CONTEXT_CHARS)
        after = end + CONTEXT_CHARS if cut < 0 else cut
    return segment_text(text, [record], start=before, end=after)


def documents() -> QuerySet[Document]:
    return Document.objects.select_related("summit").order_by("-published", "-ingested_at")


# --- Search -----------------------------------------------------------------------------------


def _listed(qs: QuerySet, *related: str, prefetch: bool = True) -> QuerySet:
    """Only what the result lists show: a row's document and summit are not (its source link
    needs only ``document_id``), nor a response's topics or an event's participants."""
    qs = qs.select_related(None).defer(None)
    qs = qs.select_related(*related) if related else qs
    return qs if prefetch else qs.prefetch_related(None)


def _listings() -> text_search.Listings:
    """Each kind's public rows as the result lists show them, and how to match them."""
    return {
        "statements": (_listed(public_statements(), "speaker"), text_search.record_matches),
        "responses": (
            _listed(public_responses(), "responder", prefetch=False),
            text_search.record_matches,
        ),
        "meetings": (_listed(public_meetings()), text_search.record_matches),
        "events": (_listed(public_events(), prefetch=False), text_search.record_matches),
        "actors": (public_actors(), text_search.actor_matches),
        "documents": (_listed(documents()).defer("text"), text_search.document_matches),
    }


def search(q: str, *, limit: int = text_search.SEARCH_LISTED) -> text_search.SearchResults:
    """Every kind of public record matching the words (coverage.search): the first ``limit``
    of each, and how many there are."""
    return text_search.search(q, _listings(), limit=limit)


# --- Review queue (editors) -------------------------------------------------------------------

# The kinds of record the queue offers, by model name, in the order it shows records that
# share a passage (the registry's).
REVIEW_KINDS: dict[str, type] = {kind.key: kind.model for kind in records.KINDS}


@dataclass(frozen=True)
class ReviewFilter:
    """Which records the queue offers: of these kinds, optionally one summit, document, actor."""

    kinds: tuple[str, ...]
    summit: int | None = None
    document: int | None = None
    actor: int | None = None


# A record's place in the queue: document, passage start, kind, id.
ReviewKey = tuple[int, int, int, int]


def review_key(record) -> ReviewKey:
    rank = list(REVIEW_KINDS).index(record._meta.model_name)
    start = -1 if record.source_start is None else record.source_start
    return (record.document_id, start, rank, record.pk)


def _review_records(kind: str, where: ReviewFilter) -> QuerySet:
    """Records of one kind from a document that match the filter (any review state). A record
    whose passage a newer version lost has no span: it comes first in its document."""
    qs = (
        REVIEW_KINDS[kind]
        .objects.filter(document__isnull=False)
        .annotate(queue_start=Coalesce("source_start", Value(-1)))
    )
    if where.summit:
        qs = qs.filter(summit_id=where.summit)
    if where.document:
        qs = qs.filter(document_id=where.document)
    if where.actor:
        about = Q()
        for name in records.BY_KEY[kind].actors:
            about |= Q(**{f"{name}__id": where.actor})
        qs = qs.filter(about)
    return qs


def review_queue(kind: str, where: ReviewFilter) -> QuerySet:
    """One kind's records waiting for an editor, in queue order."""
    waiting = _review_records(kind, where).needing_review()
    return waiting.order_by("document_id", "queue_start", "pk")


def _after(key: ReviewKey, rank: int) -> Q:
    document, start, key_rank, pk = key
    later = Q(document_id__gt=document) | Q(document_id=document, queue_start__gt=start)
    if rank > key_rank:
        later |= Q(document_id=document, queue_start=start)
    elif rank == key_rank:
        later |= Q(document_id=document, queue_start=start, pk__gt=pk)
    return later


def review_next(where: ReviewFilter, *, after: ReviewKey | None = None):
    """The next record to review after ``after`` in queue order, starting over from the
    beginning past the end (records skipped earlier come round again); None when none is left.
    One query per kind."""
    found = []
    for rank, kind in enumerate(REVIEW_KINDS):
        if kind not in where.kinds:
            continue
        qs = review_queue(kind, where)
        record = (qs.filter(_after(after, rank)) if after else qs).first()
        if record is not None:
            found.append(record)
    if not found and after is not None:
        return review_next(where)
    return min(found, key=review_key, default=None)


def review_record(kind: str, pk: int):
    """One record with everything the review page shows of it, or None."""
    entry = records.BY_KEY[kind]
    # Its actors one each (a speaker) joined, its many (participants, topics) prefetched.
    single = [name for name in entry.actors if name not in entry.m2m]
    qs = entry.model.objects.select_related("document", "summit", *single)
    return qs.prefetch_related(*entry.m2m).filter(pk=pk).first()


@dataclass
class ReviewCounts:
    left: int  # records in the document still waiting
    total: int  # records in the document (the filter's kinds and actor)


def review_counts(where: ReviewFilter, document_id: int) -> ReviewCounts:
    """How many of a document's records (within the filter) still wait: one query per kind."""
    in_document = ReviewFilter(
        kinds=where.kinds, summit=where.summit, document=document_id, actor=where.actor
    )
    left = total = 0
    for kind in where.kinds:
        counts = _review_records(kind, in_document).aggregate(
            total=Count("pk"), left=Count("pk", filter=WAITING_FOR_REVIEW)
        )
        left += counts["left"]
        total += counts["total"]
    return ReviewCounts(left=left, total=total)


def review_actor_names() -> list[str]:
    """Every actor's name and alias, sorted, for the correction form's suggestions."""
    names = set(Actor.objects.values_list("name", flat=True))
    names.update(ActorAlias.objects.values_list("alias", flat=True))
    return sorted(names, key=str.lower)


# --- Ingest: which document a new file is a version of ---------------------------------------


@dataclass(frozen=True)
class EarlierVersion:
    document: Document
    why: str  # SAME_TEXT, or why the new text replaces the document's

    @property
    def replaced(self) -> bool:
        return self.why != SAME_TEXT

    def describe(self) -> str:
        return f"document {self.document.pk} “{self.document.title}” ({self.why})"


SAME_TEXT = "the same text"


def document_earlier_version(source: SourceText) -> EarlierVersion | None:
    """The document this text is a version of, or None for a new document.

    The same text is the same document. A changed text replaces a document with the same
    source address, or one with the same file name whose sentences are mostly the same
    (coverage.anchor.sentences_shared: an unrelated article saved as "article.txt" is a new
    document, never an overwrite). One query.
    """
    sha = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    match = Q(sha256=sha)
    if source.source_url:
        match |= Q(source_url=source.source_url)
    if source.filename:
        match |= Q(filename=source.filename)
    candidates = list(Document.objects.filter(match))
    for document in candidates:
        if document.sha256 == sha:
            return EarlierVersion(document, SAME_TEXT)
    if source.source_url:
        for document in candidates:
            if document.source_url == source.source_url:
                return EarlierVersion(document, "the same source address")
    shares = [
        (sentences_shared(d.text, source.text), d)
        for d in candidates
        if source.filename and d.filename == source.filename
    ]
    share, document = max(shares, key=lambda pair: pair[0], default=(0.0, None))
    if document is None or share < SAME_DOCUMENT:
        return None
    return EarlierVersion(
        document, f"the same file name and {share:.0%} of its sentences in common"
    )
