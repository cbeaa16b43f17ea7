"""Search: which records match the words, on either database.

Full-text search on PostgreSQL (English stemming, web-search syntax: "quoted phrases", or,
-minus; stored vectors: coverage.search.postgresql), case-insensitive substring search
elsewhere (SQLite in development and tests), answered by trigram indexes for queries of three
characters or more, with the choices of how to list the first matches cheaply
(coverage.search.sqlite). Which backend answers is decided by the queryset's own database.

Callers pass the rows to search among (coverage.selectors: the public ones); this module
decides which of them match, and how to read the first few of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet

from coverage import cache, records
from coverage.models import (
    NEWEST_FIRST,
    Actor,
    ActorAlias,
    Document,
    Event,
    Meeting,
    Response,
    Statement,
)
from coverage.search import postgresql, sqlite
from coverage.search.sqlite import FETCH

# Matches listed per kind (the rest are a link away, in the filtered tables), and counted per
# kind: a common word matches tens of thousands of statements, and counting them all cost more
# than the rest of the page.
SEARCH_LISTED = 10
SEARCH_COUNT_CAP = 1000
SEARCH_RANKED_DOCUMENTS = 100  # on PostgreSQL, documents ranked among their newest matches


@dataclass
class SearchResults:
    query: str
    statements: list[Statement]
    responses: list[Response]
    meetings: list[Meeting]
    events: list[Event]
    actors: list[Actor]
    documents: list[Document]
    counts: dict[str, int]  # up to SEARCH_COUNT_CAP + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def labels(self) -> dict[str, str]:
        """Each count as shown: "1,000+" past the cap."""
        return {name: _count_label(n) for name, n in self.counts.items()}

    @property
    def total_label(self) -> str:
        if any(n > SEARCH_COUNT_CAP for n in self.counts.values()):
            return f"{self.total - 1:,}+"  # at least: a capped count stands for cap + 1
        return f"{self.total:,}"


def _count_label(n: int) -> str:
    return f"{SEARCH_COUNT_CAP:,}+" if n > SEARCH_COUNT_CAP else f"{n:,}"


def full_text(qs: QuerySet) -> bool:
    """Whether the queryset's database searches by words (PostgreSQL) rather than substrings."""
    return connections[qs.db].vendor == "postgresql"


def _icontains(fields: tuple[str, ...], q: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": q})
    return condition


def _actors_named(q: str, qs: QuerySet) -> QuerySet:
    """The public actors whose name contains ``q`` (a small table: LIKE is fine), or on
    PostgreSQL whose name matches it as words."""
    if full_text(qs):
        return postgresql.named(Actor.objects.public(), q)
    return Actor.objects.public().filter(name__icontains=q)


def _matches(
    qs: QuerySet,
    fields: tuple[str, ...],
    q: str,
    also: QuerySet | None = None,
    named: str = "",
    plan: str = FETCH,
) -> QuerySet:
    """Rows whose ``fields`` or the name of their ``named`` actor match, or whose pk is one
    of ``also`` (a queryset of pks). ``plan``: how SQLite lists the first few (sqlite.matching).
    """
    if "\x00" in q:  # in no stored text (and PostgreSQL refuses it in a query)
        qs = qs.none()
    if full_text(qs):
        keys = _actors_named(q, qs).values("pk") if named else None
        return postgresql.matching_fields(qs, fields, q, also=also, named=named, actors=keys)
    # Named actors by id, not a join: the speaker index answers it.
    by_name = Q(**{f"{named}__in": _actors_named(q, qs).values("pk")}) if named else None
    found = sqlite.matching(qs, q, also=also, by_name=by_name, plan=plan)
    if found is not None:
        return found
    condition = _icontains(fields, q)
    if by_name is not None:
        condition |= by_name
    if also is not None:
        condition |= Q(pk__in=also)
    return qs.filter(condition)


def _public_links(qs: QuerySet, relation: str, q: str) -> QuerySet:
    """Keys of ``qs``'s records linked through ``relation`` (a many-to-many to actors) to a
    public actor whose name matches."""
    m2m = qs.model._meta.get_field(relation)
    owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    return m2m.remote_field.through.objects.filter(
        **{f"{target}__in": _actors_named(q, qs).values("pk")}
    ).values(f"{owner}_id")


def record_matches(qs: QuerySet, q: str, *, plan: str = FETCH) -> QuerySet:
    """Records of one kind whose own text (its registry entry's search fields) or whose
    named actor's name (``search_named``: a speaker, or participants) matches."""
    kind = records.BY_MODEL[qs.model]
    named = kind.search_named
    if named and qs.model._meta.get_field(named).many_to_many:
        links = _public_links(qs, named, q)
        return _matches(qs, kind.search_fields, q, also=links, plan=plan)
    return _matches(qs, kind.search_fields, q, named=named, plan=plan)


def actor_matches(qs: QuerySet[Actor], q: str, *, plan: str = FETCH) -> QuerySet[Actor]:
    aliases = ActorAlias.objects.all()
    if full_text(qs):
        aliases = postgresql.aliases_matching(aliases, q)
    else:
        aliases = aliases.filter(alias__icontains=q)
    return _matches(qs, ("name", "title"), q, also=aliases.values("actor_id"), plan=plan)


def document_matches(qs: QuerySet[Document], q: str, *, plan: str = FETCH) -> QuerySet[Document]:
    return _matches(qs, ("title", "text"), q, plan=plan)


DATED = (Statement, Response, Meeting, Event)


def _ranked(qs: QuerySet) -> QuerySet:
    """The newest first (records by date, documents by publication, actors by name); on
    PostgreSQL the best matches first among the newest SEARCH_COUNT_CAP: ranking every match
    of a common word computes a rank for each of hundreds of thousands of rows, where the
    newest thousand are read along the date index."""
    ordering = NEWEST_FIRST if qs.model in DATED else qs.model._meta.ordering
    if not full_text(qs):
        return qs.order_by(*ordering)
    # A document's vector is a whole article's: ranking a thousand of them is slow.
    candidates = SEARCH_RANKED_DOCUMENTS if qs.model is Document else SEARCH_COUNT_CAP
    newest = qs.order_by(*ordering).values("pk")[:candidates]
    return qs.filter(pk__in=newest).order_by("-search_rank", *ordering)


@dataclass(frozen=True)
class Tally:
    """One kind's search matches, as counted for the page and for planning its list."""

    matches: int  # public matches, counted up to the cap + 1
    rows: int  # about how many rows the kind's table holds (its highest key; 0: not planned)
    indexed: int | None  # rows the text index matches, hidden ones too (None: no index)


def _tallies(found: dict[str, QuerySet], q: str, cap: int) -> dict[str, Tally]:
    """Each kind's Tally, in one query: matches counted up to ``cap + 1``, and the figures
    SQLite plans its lists by (sqlite.plan_figures; none elsewhere)."""
    parts, params = [], []
    for qs in found.values():
        try:
            sql, more = qs.order_by().values("pk")[: cap + 1].query.sql_with_params()
        except EmptyResultSet:  # qs.none()
            parts.append("0")
        else:
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS matches)")
            params.extend(more)
        figures, more = sqlite.plan_figures(qs, q)
        parts.extend(figures)
        params.extend(more)
    with connections[next(iter(found.values())).db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {name: Tally(*row[3 * i : 3 * i + 3]) for i, name in enumerate(found)}


# Each kind's rows to search among (as the result lists show them), and how to match them.
Listings = dict[str, tuple[QuerySet, Callable[..., QuerySet]]]


def _found(listings: Listings, q: str, plans: dict[str, str] | None = None) -> dict:
    """Each kind's matches, listed by the plans given (see sqlite.matching)."""
    plan = (plans or {}).get
    return {
        name: matches(qs, q, plan=plan(name, FETCH)) for name, (qs, matches) in listings.items()
    }


def _first_matches(listings: Listings, q: str, limit: int) -> dict[str, tuple[Tally, list]]:
    """Each kind's first ``limit`` matches in the lists' order, and the Tally of all of them."""
    found = _found(listings, q)
    tallies = _tallies(found, q, SEARCH_COUNT_CAP)
    plans = sqlite.plans(tallies, limit, using=next(iter(found.values())).db)
    if plans:
        found = _found(listings, q, plans)
    return {name: (tallies[name], list(_ranked(qs)[:limit])) for name, qs in found.items()}


def search(q: str, listings: Listings, *, limit: int = SEARCH_LISTED) -> SearchResults:
    """Every kind of ``listings`` matching the words: the first ``limit`` of each, and how
    many there are (up to SEARCH_COUNT_CAP). Full-text search ranked by relevance on
    PostgreSQL, substring search elsewhere.

    Finding the first matches reads every match of a kind (an index's list of them, or a
    capped count), so which rows they are is kept once per edit generation, with the counts,
    like the tables' counts; a later view looks the rows up by key. Seven queries plus the
    prefetches the first time, six after.
    """
    q = q.strip()
    fetched: dict[str, tuple[Tally, list]] = {}

    def first() -> dict[str, tuple[Tally, list[int]]]:
        fetched.update(_first_matches(listings, q, limit))
        return {name: (tally, [row.pk for row in rows]) for name, (tally, rows) in fetched.items()}

    firsts = cache.cached(
        "search-results",
        hashlib.sha256(q.encode()).hexdigest(),
        SEARCH_COUNT_CAP,
        limit,
        compute=first,
    )
    lists = {name: rows for name, (_, rows) in fetched.items()}
    if not fetched:  # from the cache: the same rows (any edit since would have changed it)
        for name, (qs, _) in listings.items():
            pks = firsts[name][1]
            rows = qs.in_bulk(pks) if pks else {}
            lists[name] = [rows[pk] for pk in pks if pk in rows]
    counts = {name: tally.matches for name, (tally, _) in firsts.items()}
    return SearchResults(query=q, counts=counts, **lists)
