"""Plain functions that build ORM rows for the page tests.

Curated records are cut from a document: ``passage(doc, "words")`` returns the span of the
words in the document text, so ``document.text[start:end]`` is always the passage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from django.utils.text import slugify

from coverage.models import (
    Actor,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    Statement,
    Summit,
    Topic,
)

_seq = itertools.count(1)

# The "Summit session" event kind, whatever its stored value is called.
SESSION = next(value for value, label in Event.Kind.choices if label == "Summit session")


def summit(name: str = "SCO summit 2025, Tianjin", **kw) -> Summit:
    kw.setdefault("slug", slugify(name))
    kw.setdefault("host_city", "Tianjin")
    kw.setdefault("host_country", "China")
    kw.setdefault("year", 2025)
    kw.setdefault("start_date", dt.date(2025, 8, 31))
    kw.setdefault("end_date", dt.date(2025, 9, 1))
    return Summit.objects.create(name=name, **kw)


def document(text: str = "", *, title: str | None = None, **kw) -> Document:
    n = next(_seq)
    text = text or f"Article {n}. Leaders met in Tianjin and spoke about security."
    return Document.objects.create(
        title=title or f"Article {n}",
        text=text,
        sha256=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
        published=kw.pop("published", dt.date(2025, 9, 1)),
        **kw,
    )


def actor(name: str | None = None, **kw) -> Actor:
    """A new actor, or the lexicon's (migrate loads it) of that name, set as asked."""
    name = name or f"Actor {next(_seq)}"
    kw.setdefault("kind", Actor.Kind.PERSON)
    kw.setdefault("slug", slugify(name))
    return Actor.objects.update_or_create(name=name, defaults=kw)[0]


def topic(name: str | None = None) -> Topic:
    name = name or f"Topic {next(_seq)}"
    return Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def passage(doc: Document | None, words: str | None) -> dict:
    """Provenance fields for the first occurrence of ``words`` in the document."""
    if doc is None or not words:
        return {"document": doc}
    start = doc.text.index(words)
    return {"document": doc, "source_start": start, "source_end": start + len(words)}


def statement(speaker: Actor | None = None, *, doc=None, words=None, topics=(), **kw):
    speaker = speaker or actor()
    kw.setdefault("summary", words or f"Statement {next(_seq)}")
    kw.setdefault("date", dt.date(2025, 9, 1))
    obj = Statement.objects.create(speaker=speaker, **passage(doc, words), **kw)
    obj.topics.set(topics)
    return obj


def response(responder: Actor | None = None, *, doc=None, words=None, topics=(), **kw):
    responder = responder or actor(bloc="western", kind=Actor.Kind.STATE)
    kw.setdefault("summary", words or f"Response {next(_seq)}")
    kw.setdefault("date", dt.date(2025, 9, 2))
    obj = Response.objects.create(responder=responder, **passage(doc, words), **kw)
    obj.topics.set(topics)
    return obj


def meeting(participants=(), *, doc=None, words=None, topics=(), **kw):
    kw.setdefault("summary", words or f"Meeting {next(_seq)}")
    kw.setdefault("date", dt.date(2025, 8, 31))
    obj = Meeting.objects.create(**passage(doc, words), **kw)
    obj.participants.set(participants or [actor(), actor()])
    obj.topics.set(topics)
    return obj


def event(title: str | None = None, *, doc=None, words=None, participants=(), **kw):
    kw.setdefault("kind", SESSION)
    kw.setdefault("date", dt.date(2025, 9, 1))
    obj = Event.objects.create(title=title or f"Event {next(_seq)}", **passage(doc, words), **kw)
    obj.participants.set(participants)
    return obj


def membership(organisation: Actor, member: Actor, *, doc=None, words=None, **kw):
    return Membership.objects.create(
        organisation=organisation, member=member, **passage(doc, words), **kw
    )


def rows(n: int) -> None:
    """``n`` of every kind of record, all on one summit, topic and document."""
    s = Summit.objects.first() or summit()
    org = Actor.objects.filter(slug="sco").first() or actor("SCO", kind=Actor.Kind.ORGANISATION)
    s.organisation = org
    s.save()
    words = [f"Passage number {i} says something." for i in range(n)]
    doc = document(" ".join(words), summit=s)
    t = topic("Security")
    west = actor(f"Western state {next(_seq)}", bloc="western", kind=Actor.Kind.STATE)
    for i in range(n):
        a = actor()
        b = actor()
        st = statement(a, doc=doc, words=words[i], topics=[t], summit=s)
        response(west, doc=doc, words=words[i], topics=[t], summit=s, responds_to_statement=st)
        meeting([a, b], doc=doc, words=words[i], topics=[t], summit=s)
        event(
            doc=doc,
            words=words[i],
            participants=[a],
            summit=s,
            date=dt.date(2000 + i % 25, 1 + i % 12, 1),
        )
        membership(org, a, doc=doc, words=words[i], year_joined=2001 + i)
