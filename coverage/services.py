"""Writes: ingesting documents and curating records.

A re-ingest recognises the records it made before by a fingerprint of what they say (not where
they sit), so it never duplicates them, never overwrites one an editor changed, and never
re-creates one an editor deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from coverage import cache
from coverage.extract.types import (
    DAY,
    Extraction,
    FoundActor,
    FuzzyDate,
    Lexicon,
)
from coverage.lexicon import lexicon_load, unique_slug
from coverage.models import (
    Actor,
    ActorAlias,
    Curated,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Statement,
    Summit,
    Tombstone,
    Topic,
)
from coverage.prepare import source_extract
from coverage.sources import InputError, SourceText

RECORD_MODELS: dict[str, type] = {
    "events": Event,
    "statements": Statement,
    "meetings": Meeting,
    "responses": Response,
    "memberships": Membership,
}


@dataclass
class IngestResult:
    document: Document
    created: bool  # a new document (False: re-ingest of a known one)
    added: Counter = field(default_factory=Counter)
    kept: int = 0  # editor-touched records left as they were
    flagged: int = 0  # editor-touched records whose passage is gone
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added[k]} {k}" for k in RECORD_MODELS if self.added[k]]
        if self.added["actors"]:
            parts.append(f"{self.added['actors']} new actors")
        text = ", ".join(parts) or "no new records"
        if self.kept:
            text += f"; kept {self.kept} edited"
        if self.flagged:
            text += f"; {self.flagged} flagged for review"
        return text


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def _date_fields(date: FuzzyDate | None, fallback: dt.date | None) -> dict:
    if date is None:
        if fallback is None:
            return {"date": None, "date_precision": DAY, "date_projected": False}
        date = FuzzyDate.from_date(fallback)
    return {
        "date": date.first_day(),
        "date_precision": date.precision,
        "date_projected": date.projected,
    }


# --- actors and summits ---------------------------------------------------------------------

Row = TypeVar("Row")


def _create_or_find(create: Callable[[], Row], find: Callable[[], Row | None]) -> tuple[Row, bool]:
    """``create()`` inside a savepoint; if a concurrent ingest committed the same row first (a
    unique violation), the row it made (``find()``), else one more try. Returns (row, created).

    Two ingests naming the same new document, actor or summit at once: on PostgreSQL the second
    insert waits for the first transaction and then fails on the unique key; on SQLite the
    second transaction waits at BEGIN, and finds the row.
    """
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return create(), True
        except IntegrityError:
            found = find()
            if found is not None:
                return found, False
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _ActorRef(NamedTuple):
    """An actor row as the ingest needs it: its key, and its name as stored (fingerprints)."""

    pk: int
    name: str


def _actors_by_name(found: list[FoundActor]) -> tuple[dict[str, _ActorRef], int]:
    """Map every actor name the extraction used to an Actor row, creating discovered ones."""
    names = {a.name for a in found}
    lowered = {n.lower() for n in names}
    known: dict[str, _ActorRef] = {
        name.lower(): _ActorRef(pk, name)
        for pk, name in Actor.objects.annotate(n=Lower("name"))
        .filter(n__in=lowered)
        .values_list("pk", "name")
    }
    unknown = lowered - known.keys()
    if unknown:
        for alias, pk, name in (
            ActorAlias.objects.annotate(n=Lower("alias"))
            .filter(n__in=unknown)
            .values_list("alias", "actor_id", "actor__name")
        ):
            known.setdefault(alias.lower(), _ActorRef(pk, name))
    missing = [entry for entry in found if entry.name.lower() not in known]
    if not missing:
        # The usual case once an actor has been seen: nothing to create, no aliases to check.
        return {a.name: known[a.name.lower()] for a in found}, 0
    created = 0
    taken_aliases = {
        a.lower()
        for a in ActorAlias.objects.annotate(n=Lower("alias"))
        .filter(n__in={x.lower() for f in missing for x in f.aliases})
        .values_list("alias", flat=True)
    }
    new_aliases: list[ActorAlias] = []
    for entry in missing:
        if entry.name.lower() in known:
            continue  # the same name twice, in another case
        actor, made = _create_or_find(
            lambda entry=entry: Actor.objects.create(
                name=entry.name,
                slug=unique_slug(Actor, entry.name),
                kind=entry.kind,
                title=entry.title,
                country=entry.country,
                bloc=entry.bloc,
                discovered=True,
                review_state=ReviewState.UNVERIFIED,
            ),
            lambda entry=entry: Actor.objects.filter(name__iexact=entry.name).first(),
        )
        known[entry.name.lower()] = _ActorRef(actor.pk, actor.name)
        if not made:
            continue  # another ingest added it, and its aliases
        created += 1
        for alias in entry.aliases:
            if alias.lower() not in taken_aliases and alias.lower() != entry.name.lower():
                taken_aliases.add(alias.lower())
                new_aliases.append(ActorAlias(actor=actor, alias=alias))
    # An alias a concurrent ingest gave another new actor meanwhile is left to that actor.
    ActorAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
    return {a.name: known[a.name.lower()] for a in found}, created


def _summit_for(
    extraction: Extraction, actors: dict[str, _ActorRef], slug: str | None
) -> Summit | None:
    if slug:
        try:
            return Summit.objects.get(slug=slug)
        except Summit.DoesNotExist:
            raise InputError(f"no summit with slug {slug!r}") from None
    info = extraction.summit
    if info is None or not info.organisation:
        return None
    ref = actors.get(info.organisation)
    organisation_id = (
        ref.pk
        if ref
        else Actor.objects.filter(name=info.organisation).values_list("pk", flat=True).first()
    )
    year = info.year or (info.date.year if info.date else None)
    existing = Summit.objects.filter(organisation_id=organisation_id, year=year)
    if info.city:
        existing = existing.filter(Q(host_city__iexact=info.city) | Q(host_city=""))
    summit = existing.first()
    if summit is not None:
        return summit
    organisation = Actor.objects.get(pk=organisation_id) if organisation_id else None
    short = _short_name(organisation) if organisation else info.organisation
    name = " ".join(str(p) for p in (short, "summit", year or "") if p).strip()
    if info.city:
        name += f", {info.city}"
    date = info.date.first_day() if info.date and info.date.precision == DAY else None
    summit, _ = _create_or_find(
        lambda: Summit.objects.create(
            name=name,
            slug=unique_slug(Summit, name),
            organisation=organisation,
            host_city=info.city,
            host_country=info.country,
            year=year,
            start_date=date,
            end_date=date,
        ),
        existing.first,
    )
    return summit


def _short_name(actor: Actor) -> str:
    """The organisation's acronym if it has one ("SCO"), else its name."""
    acronyms = [a for a in actor.aliases.values_list("alias", flat=True) if a.isupper()]
    return min(acronyms, key=len) if acronyms else actor.name


def _topics_by_name(extraction: Extraction) -> dict[str, int]:
    """Topic keys for the topic names the records use (only those: a query, not the table)."""
    names = {
        n
        for record in (*extraction.statements, *extraction.meetings, *extraction.responses)
        for n in record.topics
    }
    if not names:
        return {}
    return dict(Topic.objects.filter(name__in=names).order_by().values_list("name", "pk"))


# --- records ------------------------------------------------------------------------------


# Choices' ``.values`` builds a new list on every access: read them once.
_EVENT_KINDS = frozenset(Event.Kind.values)
_RESPONSE_STANCES = frozenset(Response.Stance.values)
_MEMBERSHIP_STATUSES = frozenset(Membership.Status.values)


def _build_records(
    extraction: Extraction,
    *,
    document: Document,
    summit: Summit | None,
    actors: dict[str, _ActorRef],
    topics: dict[str, int],
) -> dict[str, list[tuple[object, dict[str, list[int]]]]]:
    """Unsaved model instances, each with the keys of its many-to-many rows, by record kind."""
    text = document.text
    fallback = document.published
    # Keys rather than instances: cheaper to build, and nothing here reads the related rows.
    base = {"summit_id": summit.pk if summit else None, "document_id": document.pk}

    def passage(start: int, end: int) -> str:
        return text[start:end]

    def topic_rows(names: tuple[str, ...]) -> list[int]:
        return [topics[n] for n in names if n in topics]

    def actor_rows(names: tuple[str, ...]) -> list[_ActorRef]:
        return [actors[n] for n in names if n in actors]

    records: dict[str, list[tuple[object, dict[str, list[int]]]]] = {k: [] for k in RECORD_MODELS}
    for e in extraction.events:
        obj = Event(
            **base,
            source_start=e.start,
            source_end=e.end,
            fingerprint=_fingerprint(
                "event", e.kind, e.date.iso() if e.date else "", passage(e.start, e.end)
            ),
            title=e.title[:300],
            kind=e.kind if e.kind in _EVENT_KINDS else Event.Kind.OTHER,
            location=e.location[:200],
            summary=e.summary,
            **_date_fields(e.date, None),
        )
        participants = [a.pk for a in actor_rows(e.participants)]
        records["events"].append((obj, {"participants": participants}))
    for s in extraction.statements:
        if s.speaker not in actors:
            continue
        obj = Statement(
            **base,
            source_start=s.start,
            source_end=s.end,
            fingerprint=_fingerprint("statement", s.speaker, s.quote, passage(s.start, s.end)),
            speaker_id=actors[s.speaker].pk,
            quote=s.quote,
            summary=s.summary,
            stance=s.stance,
            **_date_fields(s.date, fallback),
        )
        records["statements"].append((obj, {"topics": topic_rows(s.topics)}))
    for m in extraction.meetings:
        participants = actor_rows(m.participants)
        if len(participants) < 2:
            continue
        obj = Meeting(
            **base,
            source_start=m.start,
            source_end=m.end,
            fingerprint=_fingerprint(
                "meeting", *sorted(p.name for p in participants), passage(m.start, m.end)
            ),
            location=m.location[:200],
            summary=m.summary,
            **_date_fields(m.date, fallback),
        )
        records["meetings"].append(
            (
                obj,
                {"participants": [p.pk for p in participants], "topics": topic_rows(m.topics)},
            )
        )
    for r in extraction.responses:
        if r.responder not in actors:
            continue
        obj = Response(
            **base,
            source_start=r.start,
            source_end=r.end,
            fingerprint=_fingerprint("response", r.responder, passage(r.start, r.end)),
            responder_id=actors[r.responder].pk,
            responds_to=r.responds_to[:300],
            stance=r.stance if r.stance in _RESPONSE_STANCES else Response.Stance.NEUTRAL,
            quote=r.quote,
            summary=r.summary,
            **_date_fields(r.date, fallback),
        )
        records["responses"].append((obj, {"topics": topic_rows(r.topics)}))
    for ms in extraction.memberships:
        if ms.organisation not in actors or ms.member not in actors:
            continue
        obj = Membership(
            **base,
            source_start=ms.start,
            source_end=ms.end,
            fingerprint=_fingerprint("membership", ms.organisation, ms.member),
            organisation_id=actors[ms.organisation].pk,
            member_id=actors[ms.member].pk,
            year_joined=ms.year_joined,
            status=ms.status if ms.status in _MEMBERSHIP_STATUSES else "member",
        )
        records["memberships"].append((obj, {}))
    return records


def _dedupe(items: list[tuple[object, dict]]) -> list[tuple[object, dict]]:
    seen: set[str] = set()
    unique = []
    for obj, m2m in items:
        if obj.fingerprint not in seen:
            seen.add(obj.fingerprint)
            unique.append((obj, m2m))
    return unique


def _set_m2m(
    model: type,
    created: list[tuple[object, dict[str, list[int]]]],
    updated: list[tuple[object, dict[str, list[int]]]],
) -> None:
    """Fill many-to-many tables with one bulk insert per relation.

    Only records that existed before can have links to replace; new ones have none.
    """
    rows = created + updated
    for field_name in {name for _, m2m in rows for name in m2m}:
        through = getattr(model, field_name).through
        source = f"{model._meta.model_name}_id"
        target = f"{getattr(model, field_name).field.related_model._meta.model_name}_id"
        links = {(obj.pk, related) for obj, m2m in rows for related in m2m.get(field_name, [])}
        if updated:
            through.objects.filter(**{f"{source}__in": [obj.pk for obj, _ in updated]}).delete()
        through.objects.bulk_create([through(**{source: a, target: b}) for a, b in links])


_UPDATABLE = {
    "events": [
        "source_start",
        "source_end",
        "title",
        "kind",
        "location",
        "summary",
        "date",
        "date_precision",
        "date_projected",
        "summit",
        "needs_review",
    ],
    "statements": [
        "source_start",
        "source_end",
        "quote",
        "summary",
        "stance",
        "date",
        "date_precision",
        "date_projected",
        "summit",
        "needs_review",
    ],
    "meetings": [
        "source_start",
        "source_end",
        "location",
        "summary",
        "date",
        "date_precision",
        "date_projected",
        "summit",
        "needs_review",
    ],
    "responses": [
        "source_start",
        "source_end",
        "responds_to",
        "stance",
        "quote",
        "summary",
        "date",
        "date_precision",
        "date_projected",
        "summit",
        "needs_review",
    ],
    "memberships": [
        "source_start",
        "source_end",
        "year_joined",
        "status",
        "summit",
        "needs_review",
    ],
}


def _sync_records(
    kind: str,
    new: list[tuple[object, dict]],
    *,
    document: Document,
    old_text: str,
    result: IngestResult,
    created: bool = False,
    deleted: set[str] | None = None,
) -> None:
    """Bring one kind of record for a document in line with a fresh extraction.

    ``created``: the document was just inserted, so it has no records yet to match or delete.
    ``deleted``: the fingerprints of this kind an editor deleted from the document (tombstones);
    read here when not given.
    """
    model = RECORD_MODELS[kind]
    new = _dedupe(new)
    if created:
        existing: dict[str, object] = {}
        deleted = set()
    else:
        existing = {
            r.fingerprint: r for r in model.objects.filter(document=document).order_by("pk")
        }
        if deleted is None:
            deleted = _tombstones(document).get(model._meta.model_name, set())
    to_create, to_update = [], []
    for obj, m2m in new:
        if obj.fingerprint in deleted:
            continue
        current = existing.pop(obj.fingerprint, None)
        if current is None:
            to_create.append((obj, m2m))
        elif current.edited:
            # Same passage, perhaps moved: follow it, change nothing the editor wrote.
            result.kept += 1
            current.source_start, current.source_end = obj.source_start, obj.source_end
            current.needs_review = False
            current.save(update_fields=["source_start", "source_end", "needs_review"])
        else:
            obj.pk = current.pk
            obj.review_state = current.review_state
            obj.needs_review = False
            to_update.append((obj, m2m))
    if kind == "memberships" and to_create:
        # One row per organisation and member across all documents (a unique key).
        pairs = set(
            Membership.objects.filter(
                organisation_id__in={o.organisation_id for o, _ in to_create},
                member_id__in={o.member_id for o, _ in to_create},
            )
            .order_by()
            .values_list("organisation_id", "member_id")
        )
        to_create = [(o, m) for o, m in to_create if (o.organisation_id, o.member_id) not in pairs]
    # What the extractor no longer finds: drop untouched records, keep (and check) edited ones.
    for leftover in existing.values():
        if leftover.edited:
            result.kept += 1
            _relocate(leftover, old_text, document.text)
            if leftover.needs_review:
                result.flagged += 1
            leftover.save(update_fields=["source_start", "source_end", "needs_review"])
        else:
            leftover.delete()
    if to_create:
        model.objects.bulk_create([obj for obj, _ in to_create])
    if to_update:
        model.objects.bulk_update([obj for obj, _ in to_update], _UPDATABLE[kind])
    _set_m2m(model, to_create, to_update)
    result.added[kind] += len(to_create)


def _tombstones(document: Document) -> dict[str, set[str]]:
    """The fingerprints of a document's deleted records, by model name, in one query."""
    out: dict[str, set[str]] = {}
    for model_name, fingerprint in Tombstone.objects.filter(document=document).values_list(
        "model", "fingerprint"
    ):
        out.setdefault(model_name, set()).add(fingerprint)
    return out


def _relocate(record: object, old_text: str, new_text: str) -> None:
    """Point an edited record at its passage in the new text, or flag it if the passage is gone."""
    if record.source_start is None or old_text == new_text:
        return
    passage = old_text[record.source_start : record.source_end]
    where = new_text.find(passage) if passage else -1
    if where < 0:
        record.needs_review = True
        return
    record.source_start, record.source_end = where, where + len(passage)


# --- the service ----------------------------------------------------------------------------


def document_ingest(
    *,
    source: SourceText,
    summit_slug: str | None = None,
    published: dt.date | None = None,
    lexicon: Lexicon | None = None,
    extraction: Extraction | None = None,
) -> IngestResult:
    """Store one document and the records extracted from it, in one transaction.

    A document is the same document again when its text is identical, or when it comes from
    the same URL or file name (a changed version: its records are brought up to date).
    ``extraction``: ``source_extract(source, lexicon, published=published)`` made beforehand
    (a batch extracts in worker processes, see coverage.prepare); made here when not given.
    """
    published = published or source.published
    if extraction is None:
        extraction = source_extract(source, lexicon or lexicon_load(), published=published)
    if published is None and extraction.published and extraction.published.precision == DAY:
        published = extraction.published.first_day()
    with transaction.atomic():
        # Actors and summit first, so the document is written once, with its summit.
        actors, added_actors = _actors_by_name(extraction.actors)
        summit = _summit_for(extraction, actors, summit_slug)
        document, created, old_text = _document_upsert(source, extraction, published, summit)
        result = IngestResult(document=document, created=created)
        result.added["actors"] = added_actors
        topics = _topics_by_name(extraction)
        records = _build_records(
            extraction, document=document, summit=summit, actors=actors, topics=topics
        )
        # A document inserted just now has no records and no tombstones to look up.
        deleted = {} if created else _tombstones(document)
        for kind, rows in records.items():
            _sync_records(
                kind,
                rows,
                document=document,
                old_text=old_text,
                result=result,
                created=created,
                deleted=deleted.get(RECORD_MODELS[kind]._meta.model_name, set()),
            )
        # bulk_create/bulk_update send no signals: invalidate the cached page aggregates.
        cache.bump()
        if not extraction.actors:
            result.warnings.append("no recognisable actor: no records extracted")
        result.warnings.extend(extraction.warnings)
    return result


def _document_upsert(
    source: SourceText, extraction: Extraction, published: dt.date | None, summit: Summit | None
) -> tuple[Document, bool, str]:
    """The document row for this text: the same text, an earlier version of it, or a new one."""
    sha = text_sha256(source.text)
    # One query for every candidate, in the model's order, so "first" means what .first() did.
    match = Q(sha256=sha)
    if source.source_url:
        match |= Q(source_url=source.source_url)
    if source.filename:
        match |= Q(filename=source.filename)
    candidates = list(Document.objects.filter(match))
    document = next((d for d in candidates if d.sha256 == sha), None)
    if document is not None:
        if summit is not None and document.summit_id != summit.pk:
            document.summit = summit
            document.save(update_fields=["summit"])
        return document, False, document.text
    previous = None
    if source.source_url:
        previous = next((d for d in candidates if d.source_url == source.source_url), None)
    if previous is None and source.filename:
        previous = next((d for d in candidates if d.filename == source.filename), None)
    title = (source.title or extraction.title or source.filename)[:500]
    if previous is not None:
        old_text = previous.text
        previous.text, previous.sha256, previous.title = source.text, sha, title
        previous.published = published or previous.published
        if summit is not None:
            previous.summit = summit
        previous.save()
        return previous, False, old_text
    document, created = _create_or_find(
        lambda: Document.objects.create(
            title=title,
            text=source.text,
            source_url=source.source_url,
            filename=source.filename,
            published=published,
            sha256=sha,
            summit=summit,
        ),
        Document.objects.filter(sha256=sha).first,
    )
    return document, created, document.text


# --- curation ------------------------------------------------------------------------------


@transaction.atomic
def records_set_state(*, queryset: QuerySet, state: str) -> int:
    """Verify, hide or publish records in bulk; marks them as touched by an editor."""
    count = queryset.update(review_state=state, edited=True)
    cache.bump()  # update() sends no signals
    return count


@transaction.atomic
def records_delete(*, queryset: QuerySet) -> int:
    """Delete records and remember the extracted ones, so a re-ingest does not bring them back."""
    model_name = queryset.model._meta.model_name
    Tombstone.objects.bulk_create(
        [
            Tombstone(document_id=doc_id, model=model_name, fingerprint=fp)
            for doc_id, fp in queryset.exclude(fingerprint="")
            .exclude(document=None)
            .values_list("document_id", "fingerprint")
        ],
        ignore_conflicts=True,
    )
    count, _ = queryset.delete()
    return count


# --- the review queue ------------------------------------------------------------------------

REVIEW_REASONS = {
    ReviewState.VERIFIED: "Verified in the review queue",
    ReviewState.HIDDEN: "Hidden in the review queue",
    ReviewState.UNVERIFIED: "Published in the review queue",
}


def _save_reviewed(record: Curated, reason: str) -> None:
    """Save one record as an editor's: flagged edited (re-ingest leaves it alone), its passage
    checked, one history row with the reason; save()'s signal bumps the edit generation."""
    record.edited = True
    record.needs_review = False
    record._change_reason = reason
    record.save()


@transaction.atomic
def record_review(*, record: Curated, state: str) -> Curated:
    """Verify, hide or publish one record, as an editor who has read its passage."""
    record.review_state = state
    _save_reviewed(record, REVIEW_REASONS[state])
    return record


@transaction.atomic
def actor_get_or_create(*, name: str) -> Actor:
    """The actor called ``name`` (or known by it as an alias), or a new one an editor named.

    A new actor is a person unless the editor changes it; it is the editor's, so verified.
    """
    name = " ".join(name.split())
    found = Actor.objects.filter(name__iexact=name).first()
    if found is None:
        alias = ActorAlias.objects.select_related("actor").filter(alias__iexact=name).first()
        found = alias.actor if alias else None
    if found is not None:
        return found
    return Actor.objects.create(
        name=name,
        slug=unique_slug(Actor, name),
        kind=Actor.Kind.PERSON,
        review_state=ReviewState.VERIFIED,
        edited=True,
    )


@transaction.atomic
def record_correct(
    *, record: Curated, fields: dict[str, object], m2m: dict[str, list[object]]
) -> Curated:
    """Correct one record's fields and relations and verify it, as one history row.

    ``fields``: model field name → value. ``m2m``: relation name → the related objects. In
    both, an actor may be given by name (a str): the actor or alias of that name, or else a
    new actor (see :func:`actor_get_or_create`).
    """

    def value_for(name: str, value: object) -> object:
        names_actor = record._meta.get_field(name).related_model is Actor
        return actor_get_or_create(name=value) if names_actor and isinstance(value, str) else value

    for name, value in fields.items():
        setattr(record, name, value_for(name, value))
    # The relations first, without history rows of their own: the save below writes one row
    # holding the fields and relations together.
    record.skip_history_when_saving = True
    try:
        for name, values in m2m.items():
            getattr(record, name).set([value_for(name, v) for v in values])
    finally:
        del record.skip_history_when_saving
    record.review_state = ReviewState.VERIFIED
    record.full_clean()
    _save_reviewed(record, "Corrected in the review queue")
    return record
