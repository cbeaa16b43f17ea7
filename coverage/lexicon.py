"""The lexicon in the database: seeding it from the bundled JSON and reading it for extraction."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.text import slugify

from coverage.extract.types import ActorEntry, Lexicon, TopicEntry
from coverage.models import Actor, ActorAlias, ReviewState, Term, Topic

SEED_PATH = Path(__file__).resolve().parent / "extract" / "lexicon_seed.json"


def unique_slug(model: type, text: str, *, taken: set[str] | None = None) -> str:
    """A slug for ``text`` free in ``model`` and ``taken``, suffixed -2, -3... if need be."""
    base = slugify(text)[:200] or "item"
    slug, n = base, 1
    while (taken is not None and slug in taken) or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if taken is not None:
        taken.add(slug)
    return slug


@transaction.atomic
def lexicon_seed(*, path: Path = SEED_PATH) -> dict[str, int]:
    """Add the seed lexicon's actors, aliases, topics and terms that are not there yet.

    Never changes or removes what is there: editors own the lexicon once it is seeded.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    added = {"actors": 0, "aliases": 0, "topics": 0, "terms": 0}

    actors = {a.name.lower(): a for a in Actor.objects.all()}
    taken_aliases = {a.lower() for a in ActorAlias.objects.values_list("alias", flat=True)}
    taken_slugs = set(Actor.objects.values_list("slug", flat=True))
    new_aliases: list[ActorAlias] = []
    for entry in data.get("actors", []):
        actor = actors.get(entry["name"].lower())
        if actor is None:
            actor = Actor.objects.create(
                name=entry["name"],
                slug=unique_slug(Actor, entry["name"], taken=taken_slugs),
                kind=entry["kind"],
                title=entry.get("title", ""),
                country=entry.get("country", ""),
                bloc=entry.get("bloc", ""),
                review_state=ReviewState.VERIFIED,
            )
            actors[actor.name.lower()] = actor
            added["actors"] += 1
        for alias in entry.get("aliases", []):
            if alias.lower() not in taken_aliases and alias.lower() != actor.name.lower():
                taken_aliases.add(alias.lower())
                new_aliases.append(ActorAlias(actor=actor, alias=alias))
    ActorAlias.objects.bulk_create(new_aliases)
    added["aliases"] = len(new_aliases)

    topics = set(Topic.objects.annotate(n=Lower("name")).values_list("n", flat=True))
    taken_topic_slugs = set(Topic.objects.values_list("slug", flat=True))
    new_topics = [
        Topic(
            name=t["name"],
            slug=unique_slug(Topic, t["name"], taken=taken_topic_slugs),
            keywords="\n".join(t.get("keywords", [])),
        )
        for t in data.get("topics", [])
        if t["name"].lower() not in topics
    ]
    Topic.objects.bulk_create(new_topics)
    added["topics"] = len(new_topics)

    terms = {(k, t.lower()) for k, t in Term.objects.values_list("kind", "text")}
    new_terms = [
        Term(kind=kind, text=text, meaning=meaning or "")
        for kind, entries in data.get("terms", {}).items()
        for text, meaning in entries.items()
        if (kind, text.lower()) not in terms
    ]
    # Two seed entries differing only by case would break the unique key; keep the first.
    seen: set[tuple[str, str]] = set()
    unique_terms = []
    for term in new_terms:
        key = (term.kind, term.text.lower())
        if key not in seen:
            seen.add(key)
            unique_terms.append(term)
    Term.objects.bulk_create(unique_terms)
    added["terms"] = len(unique_terms)
    return added


def lexicon_load() -> Lexicon:
    """The lexicon as the extractor wants it: plain data, read in four queries."""
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in ActorAlias.objects.values_list("actor_id", "alias"):
        aliases.setdefault(actor_id, []).append(alias)
    actors = tuple(
        ActorEntry(
            name=a.name,
            kind=a.kind,
            aliases=tuple(aliases.get(a.pk, ())),
            title=a.title,
            country=a.country,
            bloc=a.bloc,
        )
        for a in Actor.objects.public().order_by("pk")
    )
    topics = tuple(
        TopicEntry(name=t.name, keywords=tuple(t.keyword_list())) for t in Topic.objects.all()
    )
    terms: dict[str, dict[str, str]] = {}
    for kind, text, meaning in Term.objects.values_list("kind", "text", "meaning"):
        terms.setdefault(kind, {})[text] = meaning
    return Lexicon(actors=actors, topics=topics, terms=terms)
