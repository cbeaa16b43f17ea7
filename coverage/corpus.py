"""A synthetic newsroom corpus for benchmarks: many summits, documents and records, fast.

Documents are written from sentence templates while their records are built, so every record's
provenance is exact: ``document.text[source_start:source_end]`` is the sentence it came from.
Nothing goes through the extraction pipeline (too slow for hundreds of thousands of records):
rows are bulk-inserted with explicit primary keys, one batch of documents at a time.

The same seed on the same (empty) database gives the same corpus, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.text import slugify

from coverage import cache
from coverage.models import (
    Actor,
    ActorAlias,
    Bloc,
    DatePrecision,
    Document,
    Event,
    Meeting,
    Membership,
    Passage,
    Response,
    ReviewState,
    Stance,
    Statement,
    Summit,
    Topic,
)

DAY, MONTH, YEAR = DatePrecision.DAY.value, DatePrecision.MONTH.value, DatePrecision.YEAR.value
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

# How the records split between kinds (memberships are capped by the organisation/member pairs).
SHARES = {"events": 0.22, "meetings": 0.14, "responses": 0.16, "memberships": 0.02}
DOCS_PER_BATCH = 250

# --- The world: states, organisations, people, topics -----------------------------------------

# (name, capital, demonym, bloc)
STATES: list[tuple[str, str, str, str]] = [
    ("China", "Beijing", "Chinese", Bloc.MEMBER),
    ("Russia", "Moscow", "Russian", Bloc.MEMBER),
    ("India", "New Delhi", "Indian", Bloc.MEMBER),
    ("Pakistan", "Islamabad", "Pakistani", Bloc.MEMBER),
    ("Iran", "Tehran", "Iranian", Bloc.MEMBER),
    ("Kazakhstan", "Astana", "Kazakh", Bloc.MEMBER),
    ("Kyrgyzstan", "Bishkek", "Kyrgyz", Bloc.MEMBER),
    ("Tajikistan", "Dushanbe", "Tajik", Bloc.MEMBER),
    ("Uzbekistan", "Tashkent", "Uzbek", Bloc.MEMBER),
    ("Belarus", "Minsk", "Belarusian", Bloc.MEMBER),
    ("Brazil", "Brasilia", "Brazilian", Bloc.MEMBER),
    ("South Africa", "Pretoria", "South African", Bloc.MEMBER),
    ("Egypt", "Cairo", "Egyptian", Bloc.MEMBER),
    ("Ethiopia", "Addis Ababa", "Ethiopian", Bloc.MEMBER),
    ("United Arab Emirates", "Abu Dhabi", "Emirati", Bloc.MEMBER),
    ("Indonesia", "Jakarta", "Indonesian", Bloc.MEMBER),
    ("Turkey", "Ankara", "Turkish", Bloc.PARTNER),
    ("Azerbaijan", "Baku", "Azerbaijani", Bloc.PARTNER),
    ("Armenia", "Yerevan", "Armenian", Bloc.PARTNER),
    ("Cambodia", "Phnom Penh", "Cambodian", Bloc.PARTNER),
    ("Nepal", "Kathmandu", "Nepali", Bloc.PARTNER),
    ("Sri Lanka", "Colombo", "Sri Lankan", Bloc.PARTNER),
    ("Saudi Arabia", "Riyadh", "Saudi", Bloc.PARTNER),
    ("Qatar", "Doha", "Qatari", Bloc.PARTNER),
    ("Mongolia", "Ulaanbaatar", "Mongolian", Bloc.PARTNER),
    ("Malaysia", "Kuala Lumpur", "Malaysian", Bloc.PARTNER),
    ("Thailand", "Bangkok", "Thai", Bloc.PARTNER),
    ("Vietnam", "Hanoi", "Vietnamese", Bloc.PARTNER),
    ("Laos", "Vientiane", "Lao", Bloc.PARTNER),
    ("Myanmar", "Naypyidaw", "Myanmar", Bloc.PARTNER),
    ("United States", "Washington", "American", Bloc.WESTERN),
    ("United Kingdom", "London", "British", Bloc.WESTERN),
    ("France", "Paris", "French", Bloc.WESTERN),
    ("Germany", "Berlin", "German", Bloc.WESTERN),
    ("Italy", "Rome", "Italian", Bloc.WESTERN),
    ("Canada", "Ottawa", "Canadian", Bloc.WESTERN),
    ("Japan", "Tokyo", "Japanese", Bloc.WESTERN),
    ("Australia", "Canberra", "Australian", Bloc.WESTERN),
    ("Netherlands", "The Hague", "Dutch", Bloc.WESTERN),
    ("Poland", "Warsaw", "Polish", Bloc.WESTERN),
    ("Spain", "Madrid", "Spanish", Bloc.WESTERN),
    ("Sweden", "Stockholm", "Swedish", Bloc.WESTERN),
    ("Norway", "Oslo", "Norwegian", Bloc.WESTERN),
    ("Denmark", "Copenhagen", "Danish", Bloc.WESTERN),
    ("Belgium", "Brussels", "Belgian", Bloc.WESTERN),
    ("New Zealand", "Wellington", "New Zealand", Bloc.WESTERN),
    ("South Korea", "Seoul", "South Korean", Bloc.WESTERN),
    ("Ukraine", "Kyiv", "Ukrainian", Bloc.OTHER),
    ("Israel", "Jerusalem", "Israeli", Bloc.OTHER),
    ("Mexico", "Mexico City", "Mexican", Bloc.OTHER),
    ("Argentina", "Buenos Aires", "Argentine", Bloc.OTHER),
    ("Nigeria", "Abuja", "Nigerian", Bloc.OTHER),
    ("Kenya", "Nairobi", "Kenyan", Bloc.OTHER),
    ("Algeria", "Algiers", "Algerian", Bloc.OTHER),
    ("Afghanistan", "Kabul", "Afghan", Bloc.OTHER),
    ("North Korea", "Pyongyang", "North Korean", Bloc.OTHER),
    ("Venezuela", "Caracas", "Venezuelan", Bloc.OTHER),
    ("Cuba", "Havana", "Cuban", Bloc.OTHER),
    ("Serbia", "Belgrade", "Serbian", Bloc.OTHER),
    ("Bangladesh", "Dhaka", "Bangladeshi", Bloc.OTHER),
]

# (name, acronym, bloc, founded, holds summits)
ORGANISATIONS: list[tuple[str, str, str, int, bool]] = [
    ("Shanghai Cooperation Organisation", "SCO", Bloc.OTHER, 2001, True),
    ("BRICS", "BRICS", Bloc.OTHER, 2009, True),
    ("Association of Southeast Asian Nations", "ASEAN", Bloc.OTHER, 1967, True),
    ("Group of Twenty", "G20", Bloc.OTHER, 1999, True),
    ("Group of Seven", "G7", Bloc.WESTERN, 1975, True),
    ("North Atlantic Treaty Organization", "NATO", Bloc.WESTERN, 1949, True),
    ("European Union", "EU", Bloc.WESTERN, 1993, True),
    ("African Union", "AU", Bloc.OTHER, 2002, True),
    ("Collective Security Treaty Organization", "CSTO", Bloc.OTHER, 2002, True),
    ("Eurasian Economic Union", "EAEU", Bloc.OTHER, 2015, True),
    ("Gulf Cooperation Council", "GCC", Bloc.OTHER, 1981, True),
    ("Asia-Pacific Economic Cooperation", "APEC", Bloc.OTHER, 1989, True),
    ("United Nations", "UN", Bloc.UNKNOWN, 1945, False),
    ("New Development Bank", "NDB", Bloc.OTHER, 2015, False),
]

# (name, noun phrases a sentence can name it by)
TOPICS: list[tuple[str, list[str]]] = [
    ("Ukraine conflict", ["a negotiated end to the war in Ukraine", "the Ukraine crisis"]),
    ("NATO expansion", ["NATO expansion", "the eastward enlargement of NATO"]),
    ("World order and multipolarity", ["a multipolar world order", "multipolarity"]),
    ("Trade and investment", ["trade and investment", "the Belt and Road projects"]),
    ("Energy", ["energy cooperation", "long-term gas supply"]),
    ("Sanctions", ["unilateral sanctions", "export controls"]),
    ("Iran nuclear programme", ["the Iran nuclear programme", "uranium enrichment limits"]),
    ("Security architecture", ["a new security architecture", "collective defence"]),
    (
        "Financial system and de-dollarisation",
        ["de-dollarisation", "settlement in national currencies"],
    ),  # noqa: E501
    ("Terrorism", ["the fight against terrorism", "violent extremism"]),
    ("Climate", ["climate finance", "emissions cuts"]),
    ("Taiwan", ["stability in the Taiwan Strait", "the one-China principle"]),
    ("Middle East", ["a ceasefire in Gaza", "peace in the Middle East"]),
    ("Korean Peninsula", ["denuclearisation of the Korean Peninsula", "North Korea"]),
    ("Debt and development", ["debt relief", "development finance"]),
    ("Reform of international institutions", ["Security Council reform", "IMF reform"]),
    ("Food security", ["food security", "grain exports"]),
    ("Technology and AI", ["artificial intelligence governance", "semiconductor supply chains"]),
    ("Defence spending", ["defence spending", "the 2% of GDP target"]),
    ("Migration", ["irregular migration", "refugee protection"]),
    ("Public health", ["pandemic preparedness", "vaccine production"]),
    ("Water and the Arctic", ["transboundary water sharing", "Arctic shipping routes"]),
]

FIRST = [
    "Amir", "Anna", "Arman", "Beatriz", "Chen", "Dara", "Elena", "Farid", "Giulia", "Hana",
    "Ivan", "Jamal", "Kenji", "Lena", "Marek", "Nadia", "Omar", "Priya", "Rustam", "Sofia",
    "Tomas", "Umar", "Vera", "Wei", "Yusuf", "Zara", "Lars", "Ines", "Kwame", "Leila",
]  # fmt: skip
LAST = [
    "Abdullaev", "Bauer", "Castillo", "Dmitriev", "Eriksen", "Fontaine", "Gupta", "Haddad",
    "Ibragimov", "Jensen", "Kovacs", "Li", "Moreau", "Nakamura", "Okafor", "Petrov", "Qureshi",
    "Rahimov", "Silva", "Tanaka", "Usmanov", "Varga", "Wang", "Xu", "Yilmaz", "Zhou",
    "Karimov", "Lindqvist", "Mensah", "Novak", "Ortiz", "Park", "Rossi", "Sato", "Tiwari",
]  # fmt: skip
STATE_ROLES = ["President", "Prime Minister", "Foreign Minister", "Foreign Ministry Spokesperson"]

STATEMENT_CLAUSES = {
    Stance.SUPPORTS: [
        "{country} fully supports {t}",
        "{t} offers real opportunities for the whole region",
        "{t} deserves the backing of every member",
    ],
    Stance.OPPOSES: [
        "{t} poses a grave danger to stability",
        "attempts to impose {t} from outside are unacceptable",
        "{country} will resist any pressure over {t}",
    ],
    Stance.CALLS_FOR: [
        "all parties must work urgently on {t}",
        "the summit should launch a new initiative on {t}",
        "leaders need a common position on {t} before the end of the year",
    ],
    Stance.NEUTRAL: [
        "{t} was discussed at length",
        "talks on {t} would continue at expert level",
        "{country} is studying the proposals on {t}",
    ],
}
STATEMENT_VERBS = {
    Stance.SUPPORTS: ["welcomed", "endorsed", "backed", "praised"],
    Stance.OPPOSES: ["condemned", "criticised", "rejected", "warned against"],
    Stance.CALLS_FOR: ["called for", "urged", "pressed for"],
    Stance.NEUTRAL: ["discussed", "raised", "mentioned"],
}
REPORT_VERBS = ["said", "stressed", "told reporters", "declared", "insisted", "noted"]

RESPONSE_VERBS = {
    Response.Stance.REJECTS: ["rejected", "dismissed", "denounced"],
    Response.Stance.SCEPTICAL: ["expressed scepticism about", "cast doubt on", "questioned"],
    Response.Stance.CONCERNED: ["voiced concern over", "expressed concern about"],
    Response.Stance.REAFFIRMS: ["reaffirmed its position on", "restated its view of"],
    Response.Stance.SUPPORTS: ["welcomed", "praised"],
    Response.Stance.NEUTRAL: ["took note of", "commented on"],
}
RESPONSE_TAILS = [
    "calling it a distraction from the real issues",
    "saying it would be studied closely",
    "adding that actions would matter more than words",
    "and urged the summit to be transparent",
    "saying allies would coordinate their reply",
]
PROPOSALS = ["proposal on {t}", "declaration on {t}", "call for {t}", "plan for {t}"]
FILLERS = [
    "Analysts said the gathering reflected shifting alignments across the region.",
    "The talks took place behind closed doors, and no transcript was released.",
    "Security was tight around the venue, with several roads closed to traffic.",
    "Diplomats described the mood in the conference hall as businesslike.",
    "Officials did not say when the next round of consultations would be held.",
    "Markets showed little reaction to the news on the first day.",
]
MEMBERSHIP_PHRASES = {
    Membership.Status.MEMBER: "a full member",
    Membership.Status.OBSERVER: "an observer",
    Membership.Status.DIALOGUE_PARTNER: "a dialogue partner",
}


@dataclass(frozen=True)
class CorpusStats:
    documents: int
    summits: int
    actors: int
    topics: int
    statements: int
    responses: int
    meetings: int
    events: int
    memberships: int
    seconds: float

    @property
    def records(self) -> int:
        return self.statements + self.responses + self.meetings + self.events + self.memberships


class _Ranked:
    """Actors drawn as coverage names them: unevenly. The k-th is drawn k times less often than
    the first (Zipf weights), so a few leaders say and meet far more than the rest, at any
    corpus size (the busiest of 300 to 500 speakers makes about a sixth of the statements)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(actors) + 1)))

    def pick(self, rng: random.Random) -> Actor:
        return rng.choices(self.actors, cum_weights=self.cumulative)[0]

    def sample(self, rng: random.Random, k: int) -> list[Actor]:
        """``k`` different actors."""
        picked: list[Actor] = []
        while len(picked) < k:
            actor = self.pick(rng)
            if actor not in picked:
                picked.append(actor)
        return picked


@dataclass
class _World:
    states: list[Actor]
    western: _Ranked
    organisations: list[Actor]
    people: list[Actor]
    bodies: list[Actor]
    speakers: _Ranked
    leaders: _Ranked  # the people, to meet
    nations: _Ranked  # the states, to meet
    topics: list[Topic]
    summits: list[Summit]
    capitals: dict[int, str]  # actor pk -> capital city
    country_of: dict[int, str]  # actor pk -> country name
    acronym: dict[int, str]  # organisation pk -> acronym
    membership_pairs: list[tuple[Actor, Actor]]


@dataclass
class _Ids:
    """Next free primary key per model, so rows can be linked before they are inserted."""

    next: dict[type, int] = field(default_factory=dict)

    def take(self, model: type) -> int:
        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value


# --- The service --------------------------------------------------------------------------


def corpus_generate(
    *,
    documents: int,
    records: int,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> CorpusStats:
    """Add ``documents`` documents holding ``records`` curated records, reproducibly by seed.

    Actors, topics and summits are created when missing (matched by name), so the corpus can
    sit beside a seeded lexicon; on an empty database the same seed gives the same corpus.
    """
    if documents < 1:
        raise ValueError("documents must be at least 1")
    if records < 0:
        raise ValueError("records must not be negative")
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic():
        world = _world_ensure(rng, documents)
        kinds = _record_kinds(rng, records, len(world.membership_pairs))
        sizes = _split(rng, len(kinds), documents)
        ids = _Ids()
        counts = dict.fromkeys(("statements", "responses", "meetings", "events", "memberships"), 0)
        pairs = list(world.membership_pairs)
        position = 0
        for first in range(0, documents, DOCS_PER_BATCH):
            batch = _Batch()
            for index in range(first, min(first + DOCS_PER_BATCH, documents)):
                doc_kinds = kinds[position : position + sizes[index]]
                position += sizes[index]
                _write_document(rng, world, ids, batch, seed, index, doc_kinds, pairs)
            batch.save()
            for kind, rows in batch.records.items():
                counts[kind] += len(rows)
            if progress:
                progress(f"{min(first + DOCS_PER_BATCH, documents)}/{documents} documents")
        models = [Document, Statement, Response, Meeting, Event, Membership]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            with connection.cursor() as cursor:
                cursor.execute(sql)
        # bulk_create sends no signals: invalidate the cached pages by hand.
        cache.bump()
    return CorpusStats(
        documents=documents,
        summits=len(world.summits),
        actors=len(world.states + world.organisations + world.people + world.bodies),
        topics=len(world.topics),
        seconds=round(time.perf_counter() - started, 2),
        **counts,
    )


# --- World building -----------------------------------------------------------------------


def _world_ensure(rng: random.Random, documents: int) -> _World:
    """Get or create the actors, aliases, topics and summits the corpus talks about."""
    specs: list[dict] = []
    for name, _capital, _demonym, bloc in STATES:
        specs.append(dict(name=name, kind=Actor.Kind.STATE, country=name, bloc=bloc))
    for name, acronym, bloc, _founded, _holds in ORGANISATIONS:
        specs.append(dict(name=name, kind=Actor.Kind.ORGANISATION, bloc=bloc, alias=acronym))
    for name, _capital, _demonym, bloc in STATES[:40]:
        specs.append(
            dict(name=f"Ministry of Foreign Affairs of {name}", kind=Actor.Kind.BODY,
                 country=name, bloc=bloc)
        )  # fmt: skip
    taken: set[str] = set()
    n_people = len(STATES) * 3 + documents // 20
    people_specs = []
    while len(people_specs) < n_people:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if len(taken) >= len(FIRST) * len(LAST) * 0.9:
            name = f"{name} {len(people_specs)}"
        if name in taken:
            continue
        taken.add(name)
        state = STATES[len(people_specs) % len(STATES)]
        role = STATE_ROLES[(len(people_specs) // len(STATES)) % len(STATE_ROLES)]
        people_specs.append(
            dict(name=name, kind=Actor.Kind.PERSON, title=role, country=state[0], bloc=state[3],
                 alias=f"{role} {name.split()[-1]}")
        )  # fmt: skip
    specs.extend(people_specs)

    existing = {a.name.lower(): a for a in Actor.objects.all()}
    slugs = set(Actor.objects.values_list("slug", flat=True))
    new = []
    for i, spec in enumerate(specs):
        if spec["name"].lower() in existing:
            continue
        slug = base = slugify(spec["name"])[:200]
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        state = ReviewState.VERIFIED
        if spec["kind"] == Actor.Kind.PERSON and i % 41 == 0:
            state = ReviewState.HIDDEN
        elif spec["kind"] == Actor.Kind.PERSON and i % 7 == 0:
            state = ReviewState.UNVERIFIED
        new.append(
            Actor(
                name=spec["name"], slug=slug, kind=spec["kind"], title=spec.get("title", ""),
                country=spec.get("country", ""), bloc=spec.get("bloc", ""), review_state=state,
                discovered=state == ReviewState.UNVERIFIED,
            )
        )  # fmt: skip
    Actor.objects.bulk_create(new, batch_size=500)
    by_name = {a.name.lower(): a for a in Actor.objects.all()}
    aliases_taken = set(ActorAlias.objects.annotate(n=Lower("alias")).values_list("n", flat=True))
    new_aliases = []
    for spec in specs:
        alias = spec.get("alias")
        if alias and alias.lower() not in aliases_taken and alias.lower() != spec["name"].lower():
            aliases_taken.add(alias.lower())
            new_aliases.append(ActorAlias(actor=by_name[spec["name"].lower()], alias=alias))
    ActorAlias.objects.bulk_create(new_aliases, batch_size=500)

    def actor(name: str) -> Actor:
        return by_name[name.lower()]

    states = [actor(s[0]) for s in STATES]
    organisations = [actor(o[0]) for o in ORGANISATIONS]
    people = [actor(p["name"]) for p in people_specs]
    bodies = [actor(f"Ministry of Foreign Affairs of {s[0]}") for s in STATES[:40]]

    topic_names = {t.name.lower(): t for t in Topic.objects.all()}
    topic_slugs = set(Topic.objects.values_list("slug", flat=True))
    new_topics = []
    for name, phrases in TOPICS:
        if name.lower() not in topic_names:
            slug = slugify(name)
            while slug in topic_slugs:
                slug += "-x"
            topic_slugs.add(slug)
            new_topics.append(Topic(name=name, slug=slug, keywords="\n".join(phrases)))
    Topic.objects.bulk_create(new_topics)
    by_topic = {t.name.lower(): t for t in Topic.objects.all()}
    topics = [by_topic[name.lower()] for name, _ in TOPICS]

    summits = _summits_ensure(rng, documents, organisations, states)
    # Each organisation has members of its own, 5 to 30 states (not all 60 of them).
    pairs = [
        (org, state)
        for org, spec in zip(organisations, ORGANISATIONS, strict=True)
        if spec[4]
        for state in rng.sample(states, rng.randint(5, 30))
    ]
    taken_pairs = set(Membership.objects.values_list("organisation_id", "member_id"))
    pairs = [(o, m) for o, m in pairs if (o.pk, m.pk) not in taken_pairs]
    rng.shuffle(pairs)
    everyone = states + organisations + people + bodies
    return _World(
        states=states,
        western=_Ranked([a for a in everyone if a.bloc == Bloc.WESTERN]),
        organisations=organisations,
        people=people,
        bodies=bodies,
        # People first (heads of state, then ministers: the order people_specs made them in).
        speakers=_Ranked(people + states + bodies + organisations),
        leaders=_Ranked(people),
        nations=_Ranked(states),
        topics=topics,
        summits=summits,
        capitals={actor(s[0]).pk: s[1] for s in STATES},
        country_of={a.pk: a.country for a in states + people + bodies},
        acronym={actor(o[0]).pk: o[1] for o in ORGANISATIONS},
        membership_pairs=pairs,
    )


def _summits_ensure(
    rng: random.Random, documents: int, organisations: list[Actor], states: list[Actor]
) -> list[Summit]:
    """One summit per organisation and year, as many as the corpus size calls for."""
    hosts = [o for o, spec in zip(organisations, ORGANISATIONS, strict=True) if spec[4]]
    wanted = max(2, min(documents // 40 + 2, len(hosts) * 26))
    combos = [(org, year) for year in range(2026, 2000, -1) for org in hosts]
    chosen = combos[:wanted]
    existing = {s.slug: s for s in Summit.objects.all()}
    new, slugs = [], []
    for org, year in chosen:
        acronym = next(spec[1] for spec in ORGANISATIONS if spec[0] == org.name)
        host = rng.choice(states)
        city = next(s[1] for s in STATES if s[0] == host.name)
        slug = slugify(f"{acronym} summit {year} {city}")
        slugs.append(slug)
        if slug in existing:
            continue
        start = dt.date(year, rng.randint(1, 11), rng.randint(1, 27))
        summit = Summit(
            name=f"{acronym} summit {year}, {city}",
            slug=slug,
            organisation=org,
            host_city=city,
            host_country=host.name,
            year=year,
            start_date=start,
            end_date=start + dt.timedelta(days=rng.randint(0, 2)),
        )
        existing[slug] = summit
        new.append(summit)
    Summit.objects.bulk_create(new)
    by_slug = {s.slug: s for s in Summit.objects.all()}
    return [by_slug[slug] for slug in dict.fromkeys(slugs)]


def _record_kinds(rng: random.Random, records: int, max_memberships: int) -> list[str]:
    memberships = min(round(records * SHARES["memberships"]), max_memberships)
    counts = {k: round(records * share) for k, share in SHARES.items() if k != "memberships"}
    counts["memberships"] = memberships
    counts["statements"] = records - sum(counts.values())
    kinds = [kind for kind, n in counts.items() for _ in range(n)]
    rng.shuffle(kinds)
    return kinds


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` documents, unevenly (0.5x to 1.5x the mean)."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    bounds = [0]
    acc = 0.0
    for w in weights:
        acc += w * scale
        bounds.append(round(acc))
    bounds[-1] = total
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


# --- Documents and records ----------------------------------------------------------------


@dataclass
class _Batch:
    documents: list[Document] = field(default_factory=list)
    records: dict[str, list] = field(
        default_factory=lambda: {
            "statements": [], "responses": [], "meetings": [], "events": [], "memberships": [],
        }
    )  # fmt: skip
    links: dict[object, list] = field(default_factory=dict)  # through model -> rows

    def link(self, through: type, **values: int) -> None:
        self.links.setdefault(through, []).append(through(**values))

    def save(self) -> None:
        Document.objects.bulk_create(self.documents, batch_size=200)
        models = {
            "events": Event, "statements": Statement, "responses": Response,
            "meetings": Meeting, "memberships": Membership,
        }  # fmt: skip
        passages = []
        for kind, model in models.items():
            model.objects.bulk_create(self.records[kind], batch_size=1000)
            key = model._meta.model_name
            passages += [
                Passage(
                    document_id=r.document_id, start=r.source_start, end=r.source_end,
                    primary=True, fingerprint=r.fingerprint, **{f"{key}_id": r.pk},
                )
                for r in self.records[kind]
                if r.document_id is not None
            ]  # fmt: skip
        # Each record's primary passage, as ingest writes it.
        Passage.objects.bulk_create(passages, batch_size=2000)
        for through, rows in self.links.items():
            through.objects.bulk_create(rows, batch_size=2000)


def _date_phrase(rng: random.Random, base: dt.date, *, projected: bool = False) -> tuple:
    """(phrase, first day, precision) for a date near ``base``, as precise as the text."""
    roll = rng.random()
    if projected:
        year = base.year + rng.randint(1, 5)
        if roll < 0.6:
            return f"by the end of {year}", dt.date(year, 1, 1), YEAR
        month = rng.randint(1, 12)
        return f"by {MONTHS[month - 1]} {year}", dt.date(year, month, 1), MONTH
    if roll < 0.6:
        day = base - dt.timedelta(days=rng.randint(0, 3))
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", day, DAY
    if roll < 0.85:
        year = base.year - rng.randint(0, 4)
        month = rng.randint(1, 12)
        return f"in {MONTHS[month - 1]} {year}", dt.date(year, month, 1), MONTH
    year = rng.randint(1990, base.year)
    return f"in {year}", dt.date(year, 1, 1), YEAR


def _review_state(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return ReviewState.HIDDEN
    if roll < 0.25:
        return ReviewState.VERIFIED
    return ReviewState.UNVERIFIED


def _who(actor: Actor) -> str:
    if actor.kind == Actor.Kind.PERSON and actor.title:
        return f"{actor.title} {actor.name}"
    if actor.kind == Actor.Kind.ORGANISATION:
        return f"the {actor.name}"
    return actor.name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _write_document(
    rng: random.Random,
    world: _World,
    ids: _Ids,
    batch: _Batch,
    seed: int,
    index: int,
    kinds: list[str],
    pairs: list[tuple[Actor, Actor]],
) -> None:
    summit = world.summits[index % len(world.summits)] if index % 20 != 19 else None
    anchor = summit.start_date if summit else dt.date(2026, 1, 1) - dt.timedelta(days=index % 900)
    published = anchor + dt.timedelta(days=rng.randint(-10, 20))
    doc_pk = ids.take(Document)
    lead = rng.sample(world.states[:30], 2)
    org_name = summit.name.split(" summit")[0] if summit else "Regional"
    title = f"{org_name} talks: {lead[0].name} and {lead[1].name} set out positions"
    city = summit.host_city if summit else world.capitals[lead[0].pk]
    parts = [
        title,
        "\n",
        f"{city}, {published.day} {MONTHS[published.month - 1]} {published.year} "
        f"(synthetic wire {seed}-{index}) – Leaders and officials gathered for a new round "
        "of talks.",
        "\n\n",
    ]
    pos = sum(len(p) for p in parts)
    base = {"summit": summit, "document_id": doc_pk}

    def add(sentence: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(sentence)
        pos += len(sentence)
        sep = "\n\n" if rng.random() < 0.25 else " "
        parts.append(sep)
        pos += len(sep)
        return start, start + len(sentence)

    def curated(kind: str, sentence: str, span: tuple[int, int]) -> dict:
        fingerprint = hashlib.sha256(f"{kind}\x1f{sentence}\x1f{span[0]}".encode()).hexdigest()
        return dict(
            base, source_start=span[0], source_end=span[1], fingerprint=fingerprint,
            review_state=_review_state(rng),
        )  # fmt: skip

    for number, kind in enumerate(kinds):
        if number and number % 6 == 0:
            add(rng.choice(FILLERS))
        topic_index = rng.randrange(len(world.topics))
        topic = world.topics[topic_index]
        phrase = rng.choice(TOPICS[topic_index][1])
        if kind == "statements":
            _statement(rng, world, ids, batch, add, curated, topic, phrase, published)
        elif kind == "responses":
            _response(rng, world, ids, batch, add, curated, topic, phrase, published, org_name)
        elif kind == "meetings":
            _meeting(rng, world, ids, batch, add, curated, topic, phrase, published, city)
        elif kind == "events":
            _event(rng, world, ids, batch, add, curated, phrase, published, city)
        else:
            _membership(rng, ids, batch, add, curated, pairs, world)
    text = "".join(parts).rstrip() + "\n"
    batch.documents.append(
        Document(
            pk=doc_pk,
            summit=summit,
            title=title,
            text=text,
            source_url=f"https://wire.example.org/{seed}/{index}",
            filename=f"synthetic-{seed}-{index:06d}.txt",
            published=published,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
    )


def _statement(rng, world, ids, batch, add, curated, topic, phrase, published) -> None:
    speaker = world.speakers.pick(rng)
    stance = rng.choice(list(STATEMENT_CLAUSES))
    country = world.country_of.get(speaker.pk) or speaker.name
    form = rng.random()
    quote = ""
    if form < 0.45:
        clause = rng.choice(STATEMENT_CLAUSES[stance]).format(t=phrase, country=country)
        sentence = f"{_cap(_who(speaker))} {rng.choice(REPORT_VERBS)} that {clause}."
        summary = clause
    elif form < 0.75:
        clause = rng.choice(STATEMENT_CLAUSES[stance]).format(t=phrase, country=country)
        quote = _cap(clause)
        sentence = f"“{quote},” {_who(speaker)} said."
        summary = clause
    else:
        verb = rng.choice(STATEMENT_VERBS[stance])
        sentence = f"{_cap(_who(speaker))} {verb} {phrase} during the session."
        summary = f"{verb} {phrase}"
    span = add(sentence)
    date_fields = _record_date(rng, published)
    pk = ids.take(Statement)
    batch.records["statements"].append(
        Statement(
            pk=pk, speaker=speaker, quote=quote, summary=summary, stance=stance,
            **date_fields, **curated("statement", sentence, span),
        )
    )  # fmt: skip
    batch.link(Statement.topics.through, statement_id=pk, topic_id=topic.pk)
    if rng.random() < 0.3:
        other = rng.choice(world.topics)
        if other.pk != topic.pk:
            batch.link(Statement.topics.through, statement_id=pk, topic_id=other.pk)


def _record_date(rng: random.Random, published: dt.date) -> dict:
    roll = rng.random()
    if roll < 0.85:
        day = published - dt.timedelta(days=rng.randint(0, 2))
        return {"date": day, "date_precision": DAY, "date_projected": False}
    if roll < 0.97:
        return {
            "date": published.replace(day=1), "date_precision": MONTH, "date_projected": False,
        }  # fmt: skip
    return {"date": None, "date_precision": DAY, "date_projected": False}


def _response(rng, world, ids, batch, add, curated, topic, phrase, published, org) -> None:
    responder = world.western.pick(rng) if rng.random() < 0.8 else world.speakers.pick(rng)
    stance = rng.choice(list(RESPONSE_VERBS))
    verb = rng.choice(RESPONSE_VERBS[stance])
    proposal = f"the {org} " + rng.choice(PROPOSALS).format(t=phrase)
    quote = ""
    if rng.random() < 0.3:
        quote = f"We will judge the {org} by its actions on {phrase}"
        sentence = f"{_cap(_who(responder))} {verb} {proposal}: “{quote}.”"
    else:
        sentence = f"{_cap(_who(responder))} {verb} {proposal}, {rng.choice(RESPONSE_TAILS)}."
    span = add(sentence)
    pk = ids.take(Response)
    batch.records["responses"].append(
        Response(
            pk=pk, responder=responder, responds_to=proposal[:300], stance=stance, quote=quote,
            summary=sentence[:-1], **_record_date(rng, published),
            **curated("response", sentence, span),
        )
    )  # fmt: skip
    batch.link(Response.topics.through, response_id=pk, topic_id=topic.pk)


def _meeting(rng, world, ids, batch, add, curated, topic, phrase, published, city) -> None:
    pool = world.leaders if rng.random() < 0.7 else world.nations
    who = pool.sample(rng, 3 if rng.random() < 0.2 else 2)
    date_text, date, precision = _date_phrase(rng, published)
    if precision != DAY:
        date_text, date, precision = (
            f"on {published.day} {MONTHS[published.month - 1]} {published.year}", published, DAY,
        )  # fmt: skip
    if len(who) == 2:
        sentence = (
            f"{_cap(_who(who[0]))} held talks with {_who(who[1])} in {city} {date_text}, "
            f"focusing on {phrase}."
        )
        summary = f"{who[0].name} and {who[1].name} discussed {phrase}"
    else:
        sentence = (
            f"{_cap(_who(who[0]))}, {_who(who[1])} and {_who(who[2])} met in {city} "
            f"{date_text} to discuss {phrase}."
        )
        summary = f"{who[0].name}, {who[1].name} and {who[2].name} discussed {phrase}"
    span = add(sentence)
    pk = ids.take(Meeting)
    batch.records["meetings"].append(
        Meeting(
            pk=pk, location=city, summary=summary, date=date, date_precision=precision,
            date_projected=False, **curated("meeting", sentence, span),
        )
    )  # fmt: skip
    for actor in who:
        batch.link(Meeting.participants.through, meeting_id=pk, actor_id=actor.pk)
    if rng.random() < 0.8:
        batch.link(Meeting.topics.through, meeting_id=pk, topic_id=topic.pk)


def _event(rng, world, ids, batch, add, curated, phrase, published, city) -> None:
    a, b = rng.sample(world.states, 2)
    org = rng.choice(world.organisations)
    acronym = world.acronym[org.pk]
    projected = rng.random() < 0.08
    date_text, date, precision = _date_phrase(rng, published, projected=projected)
    participants: list[Actor] = []
    if projected:
        amount = rng.randint(50, 900)
        kind = Event.Kind.ECONOMIC_FIGURE
        title = f"{a.name}–{b.name} trade target of ${amount} billion"
        sentence = f"{a.name} expects trade with {b.name} to reach ${amount} billion {date_text}."
        participants = [a, b]
    else:
        kind = rng.choice(
            [Event.Kind.SUMMIT, Event.Kind.VISIT, Event.Kind.MEETING, Event.Kind.ACCESSION,
             Event.Kind.ANNIVERSARY, Event.Kind.ECONOMIC_FIGURE, Event.Kind.AGREEMENT,
             Event.Kind.CONFLICT, Event.Kind.FOUNDING, Event.Kind.PARADE]
        )  # fmt: skip
        if kind == Event.Kind.SUMMIT:
            title = f"{acronym} plenary session"
            sentence = f"The {org.name} plenary session opened in {city} {date_text}."
            participants = [org]
        elif kind == Event.Kind.VISIT:
            person = rng.choice(world.people)
            title = f"{person.name} visits {b.name}"
            sentence = f"{_cap(_who(person))} paid a state visit to {b.name} {date_text}."
            participants = [person, b]
        elif kind == Event.Kind.MEETING:
            title = f"{a.name}–{b.name} bilateral meeting"
            sentence = f"{a.name} and {b.name} held a bilateral meeting {date_text}."
            participants = [a, b]
        elif kind == Event.Kind.ACCESSION:
            title = f"{a.name} joins the {acronym}"
            sentence = f"{a.name} joined the {org.name} {date_text}."
            participants = [a, org]
        elif kind == Event.Kind.ANNIVERSARY:
            title = f"{acronym} anniversary"
            sentence = f"The {org.name} marked its {rng.randint(5, 70)}th anniversary {date_text}."
            participants = [org]
        elif kind == Event.Kind.ECONOMIC_FIGURE:
            amount = rng.randint(5, 900)
            title = f"{a.name}–{b.name} trade reaches ${amount} billion"
            sentence = f"Trade between {a.name} and {b.name} reached ${amount} billion {date_text}."
            participants = [a, b]
        elif kind == Event.Kind.AGREEMENT:
            title = f"{a.name}–{b.name} agreement"
            sentence = f"{a.name} and {b.name} signed an agreement on {phrase} {date_text}."
            participants = [a, b]
        elif kind == Event.Kind.CONFLICT:
            title = f"Border clashes involving {a.name}"
            sentence = f"Fighting broke out along the border of {a.name} {date_text}."
            participants = [a]
        elif kind == Event.Kind.FOUNDING:
            title = f"{acronym} founded"
            sentence = f"The {org.name} was founded {date_text}."
            participants = [org]
        else:
            title = f"Military parade in {city}"
            sentence = f"A military parade was held in {city} {date_text}."
    span = add(sentence)
    pk = ids.take(Event)
    batch.records["events"].append(
        Event(
            pk=pk, title=title[:300], kind=kind, location=city, summary=sentence[:-1], date=date,
            date_precision=precision, date_projected=projected,
            **curated("event", sentence, span),
        )
    )  # fmt: skip
    for actor in participants:
        batch.link(Event.participants.through, event_id=pk, actor_id=actor.pk)


def _membership(rng, ids, batch, add, curated, pairs, world) -> None:
    org, member = pairs.pop()
    status = rng.choice(list(MEMBERSHIP_PHRASES))
    year = rng.randint(1995, 2025)
    sentence = f"{member.name} joined the {org.name} as {MEMBERSHIP_PHRASES[status]} in {year}."
    span = add(sentence)
    batch.records["memberships"].append(
        Membership(
            pk=ids.take(Membership), organisation=org, member=member, year_joined=year,
            status=status, **curated("membership", sentence, span),
        )
    )  # fmt: skip
