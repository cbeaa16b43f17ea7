"""The lexicon in the database: seeding it from the bundled JSON and reading it for extraction."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models.functions import Lower
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from coverage import cache
from coverage.extract.types import ActorEntry, Lexicon, TopicEntry
from coverage.models import Actor, ActorAlias, ReviewState, Term, Topic
from coverage.sources import InputError

SEED_PATH = Path(__file__).resolve().parent / "extract" / "lexicon_seed.json"


def unique_slug(model: type, text: str, *, taken: set[str] | None = None) -> str:
    """A slug for ``text`` free in ``model``, suffixed -2, -3... if need be.

    ``taken``: every slug in use, read beforehand by a caller making many (no query per slug);
    the slug returned is added to it.
    """
    base = slugify(text)[:200] or "item"
    slug, n = base, 1
    while slug in taken if taken is not None else model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if taken is not None:
        taken.add(slug)
    return slug


@transaction.atomic
def lexicon_seed(*, path: Path = SEED_PATH) -> dict[str, int]:
    """Add the seed lexicon's actors, aliases, topics and terms that are not there yet.

    Never changes or removes what is there: editors own the lexicon once it is seeded. An actor
    or topic whose name is in its history (an editor renamed or deleted it) is not added again:
    this runs after every ``migrate``, that is on every deploy.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    added = {"actors": 0, "aliases": 0, "topics": 0, "terms": 0}

    actors = {a.name.lower(): a for a in Actor.objects.all()}
    gone_actors = {n.lower() for n in Actor.history.values_list("name", flat=True)} - set(actors)
    taken_aliases = {a.lower() for a in ActorAlias.objects.values_list("alias", flat=True)}
    taken_slugs = set(Actor.objects.values_list("slug", flat=True))
    new_actors: list[Actor] = []
    new_aliases: list[ActorAlias] = []
    for entry in data.get("actors", []):
        if entry["name"].lower() in gone_actors:
            continue
        actor = actors.get(entry["name"].lower())
        if actor is None:
            actor = Actor(
                name=entry["name"],
                slug=unique_slug(Actor, entry["name"], taken=taken_slugs),
                kind=entry["kind"],
                title=entry.get("title", ""),
                country=entry.get("country", ""),
                bloc=entry.get("bloc", ""),
                review_state=ReviewState.VERIFIED,
            )
            actors[actor.name.lower()] = actor
            new_actors.append(actor)
        for alias in entry.get("aliases", []):
            if alias.lower() not in taken_aliases and alias.lower() != actor.name.lower():
                taken_aliases.add(alias.lower())
                new_aliases.append(ActorAlias(actor=actor, alias=alias))
    # In bulk, with their history (how a later run knows what editors renamed or deleted):
    # this runs after every flush of a test database too.
    bulk_create_with_history(new_actors, Actor)
    added["actors"] = len(new_actors)
    ActorAlias.objects.bulk_create(new_aliases)
    added["aliases"] = len(new_aliases)

    topics = set(Topic.objects.annotate(n=Lower("name")).values_list("n", flat=True))
    topics |= {n.lower() for n in Topic.history.values_list("name", flat=True)}
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
    # With their history, so that a topic an editor renames or deletes is known later.
    bulk_create_with_history(new_topics, Topic)
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
    if any(added.values()):
        cache.bump()  # bulk_create sends no signals: the pages list actors and topics
    return added


def lexicon_seed_after_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate receiver (coverage.apps): a database set up with a plain ``migrate`` has
    the bundled lexicon, and one migrated again gets the entries added to it since."""
    if using != DEFAULT_DB_ALIAS or not _fully_migrated(using):
        return  # the models would not match tables migrated to an earlier state
    added = lexicon_seed()
    if kwargs.get("verbosity", 1) >= 1 and any(added.values()):
        stdout = kwargs.get("stdout") or sys.stdout
        stdout.write(
            "Lexicon: " + ", ".join(f"{n} {kind} added" for kind, n in added.items()) + "\n"
        )


def _fully_migrated(using: str) -> bool:
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


class LexiconEmpty(InputError):
    """No actor to recognise: every ingest would extract nothing."""


def lexicon_load() -> Lexicon:
    """The lexicon as the extractor wants it: plain data, read in four queries.

    Raises LexiconEmpty when there is no public actor.
    """
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
    if not actors:
        raise LexiconEmpty(
            "the lexicon is empty: run `manage.py migrate` (it loads the bundled lexicon) "
            "or `manage.py seed_lexicon`"
        )
    topics = tuple(
        TopicEntry(name=t.name, keywords=tuple(t.keyword_list())) for t in Topic.objects.all()
    )
    terms: dict[str, dict[str, str]] = {}
    for kind, text, meaning in Term.objects.values_list("kind", "text", "meaning"):
        terms.setdefault(kind, {})[text] = meaning
    return Lexicon(actors=actors, topics=topics, terms=terms)
