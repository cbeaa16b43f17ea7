"""Read queries for the public pages.

Everything readers see goes through these functions, so "hidden never shows" lives in one
place: a record is public when it is not hidden *and* the actors it names are not hidden.
Every function issues a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from coverage.models import (
    Actor,
    Bloc,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Statement,
    Summit,
    Topic,
)

HIDDEN = ReviewState.HIDDEN
WESTERN = Bloc.WESTERN


# --- Public querysets -------------------------------------------------------------------------


def public_actors() -> QuerySet[Actor]:
    return Actor.objects.public()


def _public_topics_prefetch() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("name"))


def _public_participants_prefetch() -> Prefetch:
    return Prefetch("participants", queryset=public_actors().order_by("name"))


def public_statements() -> QuerySet[Statement]:
    return (
        Statement.objects.public()
        .exclude(speaker__review_state=HIDDEN)
        .select_related("speaker", "document", "summit")
        .prefetch_related(_public_topics_prefetch())
    )


def public_responses() -> QuerySet[Response]:
    return (
        Response.objects.public()
        .exclude(responder__review_state=HIDDEN)
        .select_related("responder", "document", "summit")
        .prefetch_related(_public_topics_prefetch())
    )


def public_meetings() -> QuerySet[Meeting]:
    return (
        Meeting.objects.public()
        .select_related("document", "summit")
        .prefetch_related(_public_participants_prefetch(), _public_topics_prefetch())
    )


def public_events() -> QuerySet[Event]:
    return (
        Event.objects.public()
        .select_related("document", "summit")
        .prefetch_related(_public_participants_prefetch())
    )


def public_memberships() -> QuerySet[Membership]:
    return (
        Membership.objects.public()
        .exclude(member__review_state=HIDDEN)
        .exclude(organisation__review_state=HIDDEN)
        .select_related("member", "organisation", "document")
    )


# --- Dashboard --------------------------------------------------------------------------------


def summits() -> QuerySet[Summit]:
    return Summit.objects.order_by("-start_date", "-year", "-pk")


def current_summit(slug: str | None = None) -> Summit | None:
    """The summit asked for by slug, else the most recent one."""
    qs = summits().select_related("organisation")
    if slug:
        found = qs.filter(slug=slug).first()
        if found is not None:
            return found
    return qs.first()


def in_summit(summit: Summit) -> Q:
    """Records of a summit: tagged with it, or untagged but from one of its documents."""
    return Q(summit=summit) | Q(summit__isnull=True, document__summit=summit)


@dataclass
class Dashboard:
    summit: Summit
    members: list[Membership]
    counts: dict[str, int]
    latest_events: list[Event]
    headline_positions: list[tuple[Actor, list[Statement]]]
    western_responses: list[Response]
    bilateral_meetings: list[Meeting]


def dashboard(summit: Summit, *, limit: int = 6, speakers: int = 5) -> Dashboard:
    in_summit_q = in_summit(summit)
    members: list[Membership] = []
    if summit.organisation_id:
        members = list(
            public_memberships()
            .filter(organisation_id=summit.organisation_id)
            .order_by(F("year_joined").asc(nulls_last=True), "member__name")
        )
    statements = public_statements().filter(in_summit_q)
    counts = {
        "statements": statements.count(),
        "events": public_events().filter(in_summit_q).count(),
        "meetings": public_meetings().filter(in_summit_q).count(),
        "responses": public_responses().filter(in_summit_q).count(),
    }
    latest_events = list(public_events().filter(in_summit_q).order_by("-date", "-pk")[:limit])
    top_ids = list(
        statements.order_by()
        .values("speaker_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker__name")
        .values_list("speaker_id", flat=True)[:speakers]
    )
    by_speaker: dict[int, list[Statement]] = defaultdict(list)
    for statement in statements.filter(speaker_id__in=top_ids).order_by("-date", "-pk"):
        if len(by_speaker[statement.speaker_id]) < 2:
            by_speaker[statement.speaker_id].append(statement)
    headline = [(by_speaker[pk][0].speaker, by_speaker[pk]) for pk in top_ids if by_speaker.get(pk)]
    western = list(
        public_responses()
        .filter(in_summit_q, responder__bloc=WESTERN)
        .order_by("-date", "-pk")[:limit]
    )
    bilateral = list(
        public_meetings()
        .filter(in_summit_q)
        .annotate(n_participants=Count("participants", distinct=True))
        .filter(n_participants=2)
        .order_by("-date", "-pk")[:limit]
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


@dataclass
class YearBar:
    year: int
    count: int
    x: float
    top: float
    label: bool


@dataclass
class Density:
    bars: list[YearBar]

    @property
    def first(self) -> int:
        return self.bars[0].year

    @property
    def last(self) -> int:
        return self.bars[-1].year


def timeline_density(events: QuerySet[Event], *, width: int = 600) -> Density | None:
    """Events per year across the filtered set, scaled for a server-rendered SVG (1 query).

    The SVG is 600 x 100: the axis sits at y=70, stems rise up to 60 units for the busiest
    year, year labels sit under the axis and are thinned out so they never collide.
    """
    rows = list(
        events.order_by()
        .exclude(date__isnull=True)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    if not rows:
        return None
    first, last = rows[0]["year"], rows[-1]["year"]
    most = max(r["n"] for r in rows)
    bars = []
    for row in rows:
        if last == first:
            x = width / 2
        else:
            x = 40 + (width - 80) * (row["year"] - first) / (last - first)
        bars.append(
            YearBar(
                year=row["year"],
                count=row["n"],
                x=round(x, 1),
                top=round(70 - (10 + 50 * row["n"] / most), 1),
                label=False,
            )
        )
    # Label the last year, then walk back labelling every year far enough from the previous.
    bars[-1].label = True
    last_x = bars[-1].x
    for bar in reversed(bars[:-1]):
        if last_x - bar.x >= 80:
            bar.label = True
            last_x = bar.x
    return Density(bars=bars)


def timeline_json(events: QuerySet[Event], title: str) -> dict:
    """Knight Lab TimelineJS data; month and day only as precise as the event."""
    items = []
    for event in events.exclude(date__isnull=True):
        start: dict[str, int] = {"year": event.date.year}
        if event.date_precision in ("month", "day"):
            start["month"] = event.date.month
        if event.date_precision == "day":
            start["day"] = event.date.day
        text = event.summary or ""
        if event.date_projected:
            text = f"{text} (projected: {event.date_display})".strip()
        items.append(
            {
                "start_date": start,
                "text": {"headline": event.title, "text": text},
                "group": event.get_kind_display(),
                "unique_id": event.anchor,
            }
        )
    return {"title": {"text": {"headline": title, "text": ""}}, "events": items}


# --- Positions --------------------------------------------------------------------------------


@dataclass
class Cell:
    actor: Actor
    stances: list[tuple[str, str, int]]  # (value, label, count)
    responses: list[tuple[str, str, int]]

    @property
    def empty(self) -> bool:
        return not self.stances and not self.responses


def positions_matrix(topics: list[Topic], *, max_actors: int = 12) -> tuple[list[Actor], list]:
    """Rows of (topic, [Cell per actor]) for the given topics; actors are the most-quoted
    speakers plus Western responders on those topics. Two queries."""
    topic_ids = [t.pk for t in topics]
    statement_rows = (
        Statement.objects.public()
        .exclude(speaker__review_state=HIDDEN)
        .filter(topics__in=topic_ids)
        .values_list("topics", "speaker_id", "stance")
    )
    response_rows = (
        Response.objects.public()
        .exclude(responder__review_state=HIDDEN)
        .filter(topics__in=topic_ids, responder__bloc=WESTERN)
        .values_list("topics", "responder_id", "stance")
    )
    said: Counter = Counter(statement_rows)
    responded: Counter = Counter(response_rows)
    weight: Counter = Counter()
    for (_t, actor_id, _s), n in [*said.items(), *responded.items()]:
        weight[actor_id] += n
    actor_ids = [pk for pk, _n in weight.most_common(max_actors)]
    actors = sorted(Actor.objects.filter(pk__in=actor_ids), key=lambda a: -weight[a.pk])
    stance_labels = dict(Statement._meta.get_field("stance").choices)
    response_labels = dict(Response.Stance.choices)
    rows = []
    for topic in topics:
        cells = []
        for actor in actors:
            stances = [
                (s, stance_labels.get(s, s), said[(topic.pk, actor.pk, s)])
                for s in stance_labels
                if said[(topic.pk, actor.pk, s)]
            ]
            responses = [
                (s, response_labels.get(s, s), responded[(topic.pk, actor.pk, s)])
                for s in response_labels
                if responded[(topic.pk, actor.pk, s)]
            ]
            cells.append(Cell(actor=actor, stances=stances, responses=responses))
        rows.append((topic, cells))
    return actors, rows


def topics_with_positions() -> QuerySet[Topic]:
    return (
        Topic.objects.annotate(
            n_statements=Count(
                "statements",
                filter=~Q(statements__review_state=HIDDEN)
                & ~Q(statements__speaker__review_state=HIDDEN),
                distinct=True,
            ),
            n_responses=Count(
                "responses",
                filter=~Q(responses__review_state=HIDDEN)
                & ~Q(responses__responder__review_state=HIDDEN),
                distinct=True,
            ),
        )
        .filter(Q(n_statements__gt=0) | Q(n_responses__gt=0))
        .order_by("name")
    )


@dataclass
class ActorPositions:
    actor: Actor
    statements: list[Statement]


def topic_positions(topic: Topic) -> tuple[list[ActorPositions], list[Response]]:
    """Each actor's statements on a topic, and the Western responses on it."""
    by_actor: dict[int, ActorPositions] = {}
    for statement in (
        public_statements().filter(topics=topic).order_by("speaker__name", "date", "pk")
    ):
        entry = by_actor.setdefault(
            statement.speaker_id, ActorPositions(actor=statement.speaker, statements=[])
        )
        entry.statements.append(statement)
    responses = list(
        public_responses().filter(topics=topic, responder__bloc=WESTERN).order_by("date", "pk")
    )
    return list(by_actor.values()), responses


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


def actor_record(actor: Actor, *, limit: int = 25) -> ActorRecord:
    statements = public_statements().filter(speaker=actor)
    meetings = public_meetings().filter(participants=actor)
    responses = public_responses().filter(responder=actor)
    return ActorRecord(
        actor=actor,
        statements=list(statements.order_by("date", "pk")[:limit]),
        statement_count=statements.count(),
        meetings=list(meetings.order_by("date", "pk")[:limit]),
        meeting_count=meetings.count(),
        responses=list(responses.order_by("date", "pk")[:limit]),
        response_count=responses.count(),
        memberships=list(public_memberships().filter(member=actor)),
        members=list(public_memberships().filter(organisation=actor)),
    )


# --- Documents --------------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    records: list = field(default_factory=list)  # records covering this segment
    starts: list = field(default_factory=list)  # records whose first segment this is


def document_records(document: Document) -> list:
    """Every public record with a source span in the document, in text order."""
    spans = Q(document=document, source_start__isnull=False, source_end__isnull=False)
    records: list = [
        *public_statements().filter(spans),
        *public_responses().filter(spans),
        *public_meetings().filter(spans),
        *public_events().filter(spans),
        *public_memberships().filter(spans),
    ]
    length = len(document.text)
    records = [r for r in records if 0 <= r.source_start < r.source_end <= length]
    records.sort(key=lambda r: (r.source_start, -r.source_end, r._meta.model_name, r.pk))
    return records


def segment_text(text: str, records: list) -> list[Segment]:
    """Split the text at every span boundary; each segment knows the records covering it.

    Overlapping and nested spans are fine: a record's anchor sits on its first segment.
    """
    bounds = {0, len(text)}
    for record in records:
        bounds.update((record.source_start, record.source_end))
    points = sorted(bounds)
    segments = []
    started: set[str] = set()
    for start, end in zip(points, points[1:], strict=False):
        covering = [r for r in records if r.source_start <= start and r.source_end >= end]
        starts = [r for r in covering if r.anchor not in started]
        started.update(r.anchor for r in starts)
        segments.append(Segment(text=text[start:end], records=covering, starts=starts))
    return segments


def documents() -> QuerySet[Document]:
    return Document.objects.select_related("summit").order_by("-published", "-ingested_at")


# --- Search -----------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    statements: list[Statement]
    responses: list[Response]
    meetings: list[Meeting]
    events: list[Event]
    actors: list[Actor]
    documents: list[Document]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def statement_matches(qs: QuerySet[Statement], q: str) -> QuerySet[Statement]:
    return qs.filter(
        Q(quote__icontains=q) | Q(summary__icontains=q) | Q(speaker__name__icontains=q)
    )


def response_matches(qs: QuerySet[Response], q: str) -> QuerySet[Response]:
    return qs.filter(
        Q(quote__icontains=q)
        | Q(summary__icontains=q)
        | Q(responds_to__icontains=q)
        | Q(responder__name__icontains=q)
    )


def meeting_matches(qs: QuerySet[Meeting], q: str) -> QuerySet[Meeting]:
    return qs.filter(
        Q(summary__icontains=q)
        | Q(location__icontains=q)
        | Q(
            pk__in=Meeting.participants.through.objects.filter(actor__name__icontains=q)
            .exclude(actor__review_state=HIDDEN)
            .values("meeting_id")
        )
    )


def event_matches(qs: QuerySet[Event], q: str) -> QuerySet[Event]:
    return qs.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(location__icontains=q))


def search(q: str, *, limit: int = 25) -> SearchResults:
    """Case-insensitive substring search; swap in PostgreSQL full-text search here later."""
    q = q.strip()
    found = {
        "statements": statement_matches(public_statements(), q),
        "responses": response_matches(public_responses(), q),
        "meetings": meeting_matches(public_meetings(), q),
        "events": event_matches(public_events(), q),
        "actors": public_actors()
        .filter(Q(name__icontains=q) | Q(aliases__alias__icontains=q) | Q(title__icontains=q))
        .distinct(),
        "documents": documents().filter(Q(title__icontains=q) | Q(text__icontains=q)),
    }
    counts = {name: qs.count() for name, qs in found.items()}
    return SearchResults(
        query=q,
        counts=counts,
        **{name: list(qs[:limit]) for name, qs in found.items()},
    )
