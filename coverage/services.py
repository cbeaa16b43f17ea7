"""Writes: ingesting documents and curating records.

A re-ingest recognises the records it made before by a fingerprint of what they say (not where
they sit), so it never duplicates them, never overwrites one an editor changed, and never
re-creates one an editor deleted.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower, Substr
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from coverage import cache
from coverage import records as registry
from coverage.anchor import Anchor, passage_find, span_overlap
from coverage.extract.types import (
    DAY,
    Extraction,
    FoundActor,
    FuzzyDate,
    Lexicon,
)
from coverage.lexicon import lexicon_load, unique_slug
from coverage.matching import Voice, Voices, matches_find
from coverage.models import (
    PASSAGE_RECORDS,
    Actor,
    ActorAlias,
    Curated,
    Document,
    Event,
    Meeting,
    Membership,
    Passage,
    Response,
    ReviewState,
    Statement,
    Summit,
    Tombstone,
    Topic,
)
from coverage.prepare import source_extract
from coverage.selectors import (
    SAME_TEXT,
    SUMMIT_DATE_SLACK,
    EarlierVersion,
    document_earlier_version,
    summit_matching,
)
from coverage.sources import InputError, SourceText

# Record kind (plural name) -> model, in the registry's order.
RECORD_MODELS: dict[str, type] = {kind.name: kind.model for kind in registry.KINDS}


@dataclass
class IngestResult:
    document: Document
    created: bool  # a new document (False: re-ingest of a known one)
    earlier: EarlierVersion | None = None  # the document it is (the same text) or replaced
    added: Counter = field(default_factory=Counter)
    joined: int = 0  # records of other documents this one reports too (a passage each)
    possible: int = 0  # new records close to another document's: possible duplicates
    kept: int = 0  # editor-touched records left as they were
    moved: int = 0  # records that followed their passage to where a changed text has it
    flagged: int = 0  # editor-touched records whose passage changed beyond recognition
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added[k]} {k}" for k in RECORD_MODELS if self.added[k]]
        if self.added["actors"]:
            parts.append(f"{self.added['actors']} new actors")
        text = ", ".join(parts) or "no new records"
        if self.joined:
            text += f"; {self.joined} already reported by other documents"
        if self.possible:
            text += f"; {self.possible} possible duplicates"
        if self.kept:
            text += f"; kept {self.kept} edited"
        if self.moved:
            text += f"; {self.moved} moved with their passage"
        if self.flagged:
            text += f"; {self.flagged} need review (passage changed)"
        return text

    def action(self) -> str:
        """What happened to the document: "added document 3", "re-ingested document 3",
        "replaced document 3 “Old title” (the same source address)"."""
        if self.earlier is None:
            return f"added document {self.document.pk}"
        if not self.earlier.replaced:
            return f"re-ingested document {self.document.pk}"
        return f"replaced {self.earlier.describe()}"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    """The summit the article is about: one that fits it (selectors.summit_matching), given
    what the article adds (a host city, dates it did not have), else a new one."""
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
    day = info.date.first_day() if info.date and info.date.precision == DAY else None

    @functools.cache
    def short() -> str:
        """The organisation's short name: read only to name a summit (two queries)."""
        if organisation_id is None:
            return info.organisation
        return _short_name(Actor.objects.get(pk=organisation_id))

    def find() -> Summit | None:
        return summit_matching(
            organisation_id=organisation_id,
            name=short() if organisation_id is None else "",
            year=year,
            city=info.city,
            day=day,
        )

    summit = find()
    if summit is not None:
        _summit_complete(summit, short, info.city, info.country, day)
        return summit
    name = _summit_name(short(), year, info.city)
    summit, _ = _create_or_find(
        lambda: Summit.objects.create(
            name=name,
            slug=unique_slug(Summit, name),
            organisation_id=organisation_id,
            host_city=info.city,
            host_country=info.country,
            year=year,
            start_date=day,
            end_date=day,
        ),
        find,
    )
    return summit


def _summit_name(short: str, year: int | None, city: str) -> str:
    """ "<Organisation> summit <year>, <host city>": those three, never a month or stray word."""
    name = " ".join(str(p) for p in (short, "summit", year or "") if p)
    return f"{name}, {city}" if city else name


def _summit_complete(
    summit: Summit, short: Callable[[], str], city: str, country: str, day: dt.date | None
) -> None:
    """Fill in what a later article knows and the summit did not: its host city (and the
    name made from it, unless an editor renamed it), its country, its dates (a range that
    stays within a summit's length)."""
    changed = []
    if city and not summit.host_city:
        if summit.name == _summit_name(short(), summit.year, ""):
            summit.name = _summit_name(short(), summit.year, city)
            changed.append("name")
        summit.host_city = city
        changed.append("host_city")
    if country and not summit.host_country:
        summit.host_country = country
        changed.append("host_country")
    if day:
        start = min(filter(None, (summit.start_date, day)))
        end = max(filter(None, (summit.end_date, summit.start_date, day)))
        if (start, end) != (summit.start_date, summit.end_date) and (
            end - start
        ).days <= SUMMIT_DATE_SLACK:
            summit.start_date, summit.end_date = start, end
            changed += ["start_date", "end_date"]
    if changed:
        try:
            with transaction.atomic():
                summit.save(update_fields=changed)
        except IntegrityError:
            # a concurrent ingest gave the same organisation and year this city meanwhile:
            # the two summits are for an editor to merge
            summit.refresh_from_db()


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
            fingerprint=registry.fingerprint(
                "events",
                kind=e.kind,
                date=e.date.iso() if e.date else "",
                passage=passage(e.start, e.end),
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
            fingerprint=registry.fingerprint(
                "statements", speaker=s.speaker, quote=s.quote, passage=passage(s.start, s.end)
            ),
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
            fingerprint=registry.fingerprint(
                "meetings",
                participants=[p.name for p in participants],
                passage=passage(m.start, m.end),
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
            fingerprint=registry.fingerprint(
                "responses", responder=r.responder, passage=passage(r.start, r.end)
            ),
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
            fingerprint=registry.fingerprint(
                "memberships", organisation=ms.organisation, member=ms.member
            ),
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


def _sync_records(
    kind: str,
    new: list[tuple[object, dict]],
    *,
    document: Document,
    old_text: str,
    result: IngestResult,
    created: bool = False,
    tombstones: list[Tombstone] | None = None,
    secondary: list[Passage] | None = None,
    passages: list[Passage] | None = None,
    voices: Voices | None = None,
) -> None:
    """Bring one kind of record for a document in line with a fresh extraction.

    A fresh record is an existing one again when it has its fingerprint or, if the text
    changed, when it sits where the existing record's passage was found again
    (coverage.anchor); it is a deleted one when it has a tombstone's fingerprint or sits
    where the tombstone's passage was found again. ``created``: the document was just
    inserted, so it has no records yet to match or delete. ``tombstones``: this kind's
    tombstones in the document; read here when not given.

    Passages: a fresh record is a passage of another document's record when the document
    reported it before (``secondary``: this kind's non-primary passages in the document,
    known by fingerprint) or when it reports what that record says (coverage.matching); a
    record this document no longer reports keeps its other documents' passages (the earliest
    becomes its primary). New passages join ``passages``, inserted by the caller at once.
    ``voices``: the document's speakers and responders, for matching.
    """
    model = RECORD_MODELS[kind]
    key = model._meta.model_name
    passages = [] if passages is None else passages
    new = _dedupe(new)
    if created:
        existing: dict[str, object] = {}
        tombstones = []
    else:
        existing = {
            r.fingerprint: r for r in model.objects.filter(document=document).order_by("pk")
        }
        if tombstones is None:
            tombstones = list(
                Tombstone.objects.filter(document=document, model=model._meta.model_name)
            )
    deleted = {t.fingerprint for t in tombstones}
    pairs: list[tuple[object, object, dict]] = []  # (existing record, fresh one, its m2m)
    unmatched: list[tuple[object, dict]] = []
    for obj, m2m in new:
        if obj.fingerprint in deleted:
            continue
        current = existing.pop(obj.fingerprint, None)
        if current is None:
            unmatched.append((obj, m2m))
        else:
            pairs.append((current, obj, m2m))
    changed = old_text != document.text
    anchors: dict[int, Anchor | None] = {}
    if changed:
        anchors = {r.pk: _reanchor(r, old_text, document.text) for r in existing.values()}
        unmatched = _without_deleted(kind, unmatched, tombstones, document)
        unmatched = _pair_moved(kind, unmatched, existing, anchors, pairs)
    to_create = _secondary_pair(unmatched, secondary or [], result)
    to_update, moved = [], []
    for current, obj, m2m in pairs:
        if current.edited:
            # The editor's words stay; only where they stand in the text follows the passage.
            result.kept += 1
            if (current.source_start, current.source_end, current.fingerprint) != (
                obj.source_start,
                obj.source_end,
                obj.fingerprint,
            ):
                current.source_start, current.source_end = obj.source_start, obj.source_end
                current.fingerprint, current.stale_passage = obj.fingerprint, ""
                moved.append(current)
        else:
            obj.pk = current.pk
            obj.review_state = current.review_state
            # Not written (bulk_update names its fields) but copied into the history row.
            obj.created_at, obj.updated_at = current.created_at, current.updated_at
            to_update.append((obj, m2m))
    if kind == "memberships" and to_create:
        # One row per organisation and member across all documents (a unique key): a
        # document naming a known one reports it too.
        pairs_known = {
            (o, m): (pk, doc)
            for pk, doc, o, m in Membership.objects.filter(
                organisation_id__in={o.organisation_id for o, _ in to_create},
                member_id__in={o.member_id for o, _ in to_create},
            )
            .order_by()
            .values_list("pk", "document_id", "organisation_id", "member_id")
        }
        known = [
            (item, pairs_known.get((item[0].organisation_id, item[0].member_id)))
            for item in to_create
        ]
        # A pair this document has already (on a record of its own): nothing new.
        known = [(item, k) for item, k in known if k is None or k[1] != document.pk]
        joined = {n: k[0] for n, (_, k) in enumerate(known) if k is not None}
        to_create = _join(key, [item for item, _ in known], joined, {}, passages, result)
    elif to_create:
        found = matches_find(
            kind, to_create, summit_id=document.summit_id, document_id=document.pk, voices=voices
        )
        joined = {n: m.record.pk for n, m in found.items() if m.sure}
        unsure = {n: m.record.pk for n, m in found.items() if not m.sure}
        to_create = _join(key, to_create, joined, unsure, passages, result)
    # What the extractor no longer finds: drop untouched records (those other documents
    # report too keep their passages there), keep (and re-anchor) edited ones.
    untouched = [r.pk for r in existing.values() if not r.edited]
    if untouched:
        alone = _passages_promote(model, untouched, document.pk)
        for leftover in existing.values():
            if leftover.pk in alone:
                leftover.delete()
    flagged = []
    for leftover in existing.values():
        if not leftover.edited:
            continue
        result.kept += 1
        if not changed or (leftover.source_start is None and not leftover.stale_passage):
            continue  # same text, or a record an editor added without a passage
        anchor = anchors.get(leftover.pk)
        if anchor is not None:
            leftover.source_start, leftover.source_end = anchor.start, anchor.end
            leftover.stale_passage = ""
            moved.append(leftover)
        elif leftover.source_start is not None:
            # Gone beyond recognition: never shown as verified on words it no longer has.
            leftover.stale_passage = old_text[leftover.source_start : leftover.source_end]
            leftover.source_start = leftover.source_end = None
            leftover.review_state = ReviewState.NEEDS_REVIEW
            flagged.append(leftover)
    reason = f"by ingest of {document.title}"[:100]
    if moved or flagged:
        model.objects.bulk_update(
            [*moved, *flagged],
            ["source_start", "source_end", "fingerprint", "stale_passage", "review_state"],
        )
        _history_copy(
            model, [r.pk for r in (*moved, *flagged)], "~", f"passage moved or changed, {reason}"
        )
        passages_primary_sync(model=model, pks=[r.pk for r in (*moved, *flagged)])
    result.moved += len(moved)
    result.flagged += len(flagged)
    if to_create:
        created_objs = model.objects.bulk_create([obj for obj, _ in to_create])
        _history_copy(model, [obj.pk for obj in created_objs], "+", f"created {reason}")
        passages.extend(_primary_passage(key, obj) for obj in created_objs)
    if to_update:
        updated_objs = [obj for obj, _ in to_update]
        model.objects.bulk_update(updated_objs, registry.BY_NAME[kind].updatable)
        if changed:  # the same text extracted again is nothing an editor needs a history row for
            _history_copy(model, [obj.pk for obj in updated_objs], "~", f"updated {reason}")
            passages_primary_sync(model=model, pks=[obj.pk for obj in updated_objs])
    _set_m2m(model, to_create, to_update)
    result.added[kind] += len(to_create)


# --- passages ----------------------------------------------------------------------------


def _primary_passage(key: str, record: Curated) -> Passage:
    """The passage a record keeps on itself, as a Passage row (``key``: its model name)."""
    return Passage(
        document_id=record.document_id,
        start=record.source_start,
        end=record.source_end,
        primary=True,
        fingerprint=record.fingerprint,
        **{f"{key}_id": record.pk},
    )


def _secondary_pair(
    fresh: list[tuple[object, dict]], secondary: list[Passage], result: IngestResult
) -> list[tuple[object, dict]]:
    """Fresh records this document reported before as another record's passage (the same
    fingerprint: the passage stays with the record it belongs to, even one an editor merged it
    into); their passages follow them in the text. Passages no fresh record has any more are
    deleted. Returns the fresh records left over."""
    if not secondary:
        return fresh
    by_fingerprint = {p.fingerprint: p for p in secondary if p.fingerprint}
    left, kept, moved = [], set(), []
    for obj, m2m in fresh:
        passage = by_fingerprint.get(obj.fingerprint)
        if passage is None or passage.pk in kept:
            left.append((obj, m2m))
            continue
        kept.add(passage.pk)
        result.joined += 1
        if (passage.start, passage.end) != (obj.source_start, obj.source_end):
            passage.start, passage.end = obj.source_start, obj.source_end
            moved.append(passage)
    Passage.objects.filter(pk__in=[p.pk for p in secondary if p.pk not in kept]).delete()
    Passage.objects.bulk_update(moved, ["start", "end"])
    return left


def _join(
    key: str,
    fresh: list[tuple[object, dict]],
    joined: dict[int, int],
    unsure: dict[int, int],
    passages: list[Passage],
    result: IngestResult,
) -> list[tuple[object, dict]]:
    """Fresh records (by position) that report an existing record (``joined``: its key)
    become its passages; those close to one (``unsure``) are kept, marked as its possible
    duplicates. Returns the records to create."""
    left, seen = [], set()
    for n, (obj, m2m) in enumerate(fresh):
        if n in joined:
            span = (joined[n], obj.source_start, obj.source_end)
            if span not in seen:  # one passage reporting one record once
                seen.add(span)
                passages.append(
                    Passage(
                        document_id=obj.document_id,
                        start=obj.source_start,
                        end=obj.source_end,
                        fingerprint=obj.fingerprint,
                        **{f"{key}_id": joined[n]},
                    )
                )
                result.joined += 1
            continue
        if n in unsure:
            obj.possible_duplicate_of_id = unsure[n]
            result.possible += 1
        left.append((obj, m2m))
    return left


def passages_primary_sync(*, model: type, pks: list[int]) -> None:
    """Make these records' primary passages what the records themselves say (document and
    span, which every page reads): updated in place, made where missing, dropped where the
    record has no document any more. A few statements per 500 records."""
    key = model._meta.model_name
    for at in range(0, len(pks), 500):
        batch = pks[at : at + 500]
        primaries = Passage.objects.filter(primary=True, **{f"{key}_id__in": batch})
        primaries.filter(**{f"{key}__document": None}).delete()
        own = model.objects.filter(pk=OuterRef(f"{key}_id"))
        primaries.update(
            document_id=Subquery(own.values("document_id")[:1]),
            start=Subquery(own.values("source_start")[:1]),
            end=Subquery(own.values("source_end")[:1]),
            fingerprint=Subquery(own.values("fingerprint")[:1]),
        )
        missing = (
            model.objects.filter(pk__in=batch)
            .exclude(document=None)
            .exclude(pk__in=primaries.values(f"{key}_id"))
            .only("pk", "document_id", "source_start", "source_end", "fingerprint")
        )
        Passage.objects.bulk_create([_primary_passage(key, r) for r in missing])


def _passages_promote(model: type, pks: list[int], document_id: int) -> set[int]:
    """Records losing their passages in a document (deleted, or no longer reporting them):
    those with a passage elsewhere take the earliest as their primary (a history row each);
    returns the keys of the others, left without a passage."""
    key = model._meta.model_name
    others: dict[int, Passage] = {}
    for passage in (
        Passage.objects.filter(**{f"{key}_id__in": pks})
        .exclude(document_id=document_id)
        .exclude(start=None)
        .order_by("pk")
    ):
        others.setdefault(getattr(passage, f"{key}_id"), passage)
    if not others:
        return set(pks)
    Passage.objects.filter(document_id=document_id, **{f"{key}_id__in": list(others)}).delete()
    Passage.objects.filter(pk__in=[p.pk for p in others.values()]).update(primary=True)
    for pk, passage in others.items():
        model.objects.filter(pk=pk).update(
            document_id=passage.document_id,
            source_start=passage.start,
            source_end=passage.end,
            fingerprint=passage.fingerprint,
            stale_passage="",
        )
    _history_copy(model, list(others), "~", "primary passage now in another document")
    return set(pks) - set(others)


def _passages_move(model: type, pks: list[int], keep_pk: int) -> int:
    """Every passage of these records becomes one of ``keep_pk``'s (never its primary; one
    it has already, the same span in the same document, is not repeated)."""
    key = model._meta.model_name
    have = set(
        Passage.objects.filter(**{f"{key}_id": keep_pk}).values_list("document_id", "start", "end")
    )
    moving = list(Passage.objects.filter(**{f"{key}_id__in": pks}))
    fresh = []
    for passage in moving:
        if (passage.document_id, passage.start, passage.end) not in have:
            have.add((passage.document_id, passage.start, passage.end))
            fresh.append(passage)
    Passage.objects.filter(pk__in=[p.pk for p in moving if p not in fresh]).delete()
    Passage.objects.filter(pk__in=[p.pk for p in fresh]).update(
        primary=False, **{f"{key}_id": keep_pk}
    )
    return len(fresh)


@transaction.atomic
def document_delete(*, document: Document, user: AbstractBaseUser | None = None) -> None:
    """Delete a document and its passages. A record it reported keeps its other documents'
    passages (the earliest becomes primary); one left without any goes too, unless an editor
    made or changed it (edited, verified or hidden): that one stays, without a source."""
    touched = Q(edited=True) | Q(review_state__in=[ReviewState.VERIFIED, ReviewState.HIDDEN])
    for model in RECORD_MODELS.values():
        pks = list(model.objects.filter(document=document).values_list("pk", flat=True))
        alone = _passages_promote(model, pks, document.pk) if pks else set()
        for record in model.objects.filter(touched, pk__in=alone):
            record.stale_passage = record.source_text or record.stale_passage
            record.document, record.source_start, record.source_end = None, None, None
            record.fingerprint = ""
            record._change_reason = f"its document “{document.title}” was deleted"[:100]
            record._history_user = user
            record.save()
    Passage.objects.filter(document=document).delete()
    document.delete()


@functools.cache
def _historical(model: type) -> type:
    """The model's history table (``model.history`` builds a new manager class: ~0.5 ms)."""
    return model.history.model


def _history_copy(
    model: type, pks: list[int], history_type: str, reason: str, user_id: int | None = None
) -> None:
    """History rows ("+" created, "~" changed) for records just written, copied from their
    rows by the database: what simple-history's ``bulk_history_create`` writes, without
    building and preparing every row in Python (that made a new document's writes ~40% slower).
    """
    history = _historical(model)
    q = connection.ops.quote_name
    columns = ", ".join(q(f.column) for f in history.tracked_fields)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for at in range(0, len(pks), 500):
            batch = pks[at : at + 500]
            cursor.execute(
                f"INSERT INTO {q(history._meta.db_table)} ({columns}, history_date, "
                "history_change_reason, history_type, history_user_id) "
                f"SELECT {columns}, %s, %s, %s, %s FROM {q(model._meta.db_table)} "
                f"WHERE {q(model._meta.pk.column)} IN ({', '.join(['%s'] * len(batch))})",
                [now, reason[:100], history_type, user_id, *batch],
            )


# Of a fresh record's span and where an earlier record's passage was found again, the share of
# characters in common from which they are one record (a reworded passage: ~0.9 and more).
SAME_SPAN = 0.8


def _identity(kind: str, record: object, participants: Iterable[int] = ()) -> str:
    """Who or what a record is about: of two records on one passage (two speakers), tells
    which one a reworded passage's record is."""
    if kind == "statements":
        return str(record.speaker_id)
    if kind == "responses":
        return str(record.responder_id)
    if kind == "events":
        return record.kind
    if kind == "meetings":
        return ",".join(str(pk) for pk in sorted(set(participants)))[:200]
    return f"{record.organisation_id},{record.member_id}"


def _participants(kind: str, pks: Iterable[int]) -> dict[int, list[int]]:
    """A meeting's participants by meeting key (the other kinds' identity is a column)."""
    if kind != "meetings":
        return {}
    out: dict[int, list[int]] = {}
    through = Meeting.participants.through.objects.filter(meeting_id__in=list(pks))
    for meeting_id, actor_id in through.values_list("meeting_id", "actor_id"):
        out.setdefault(meeting_id, []).append(actor_id)
    return out


def _reanchor(record: object, old_text: str, new_text: str) -> Anchor | None:
    """Where a record's passage (or, if it was lost before, its stale passage) is now."""
    if record.source_start is None:
        return passage_find(record.stale_passage, new_text)
    passage = old_text[record.source_start : record.source_end]
    return passage_find(passage, new_text, near=record.source_start)


def _without_deleted(
    kind: str, fresh: list[tuple[object, dict]], tombstones: list[Tombstone], document: Document
) -> list[tuple[object, dict]]:
    """Fresh records minus those where a deleted record's reworded passage is now; their new
    fingerprints and passages join the tombstones, so the next version finds them too."""
    text = document.text
    found = [
        (anchor, t.identity)
        for t in tombstones
        if t.passage and (anchor := passage_find(t.passage, text)) is not None
    ]
    if not found or not fresh:
        return fresh
    kept, buried = [], []
    for obj, m2m in fresh:
        identity = _identity(kind, obj, m2m.get("participants", ()))
        span = (obj.source_start, obj.source_end)
        if any(
            span_overlap(span, (a.start, a.end)) >= SAME_SPAN and who in ("", identity)
            for a, who in found
        ):
            buried.append(
                Tombstone(
                    document=document,
                    model=RECORD_MODELS[kind]._meta.model_name,
                    fingerprint=obj.fingerprint,
                    passage=text[obj.source_start : obj.source_end],
                    identity=identity,
                )
            )
        else:
            kept.append((obj, m2m))
    Tombstone.objects.bulk_create(buried, ignore_conflicts=True)
    return kept


def _pair_moved(
    kind: str,
    fresh: list[tuple[object, dict]],
    existing: dict[str, object],
    anchors: dict[int, Anchor | None],
    pairs: list[tuple[object, object, dict]],
) -> list[tuple[object, dict]]:
    """Pair fresh records with the existing records whose passage was found again where they
    sit (the same who first, then the most overlap); return the fresh records left over.
    Paired existing records leave ``existing`` and join ``pairs``."""
    placed = [r for r in existing.values() if anchors.get(r.pk) is not None]
    if not placed or not fresh:
        return fresh
    people = _participants(kind, [r.pk for r in placed])
    who = {r.pk: _identity(kind, r, people.get(r.pk, ())) for r in placed}
    candidates = []
    for n, (obj, m2m) in enumerate(fresh):
        identity = _identity(kind, obj, m2m.get("participants", ()))
        for record in placed:
            anchor = anchors[record.pk]
            overlap = span_overlap((obj.source_start, obj.source_end), (anchor.start, anchor.end))
            if overlap >= SAME_SPAN:
                candidates.append((who[record.pk] == identity, overlap, -n, record))
    taken_fresh: set[int] = set()
    for _, _, minus_n, record in sorted(candidates, key=lambda c: c[:3], reverse=True):
        if -minus_n in taken_fresh or record.fingerprint not in existing:
            continue
        taken_fresh.add(-minus_n)
        del existing[record.fingerprint]
        obj, m2m = fresh[-minus_n]
        pairs.append((record, obj, m2m))
    return [item for n, item in enumerate(fresh) if n not in taken_fresh]


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
        document, earlier, old_text = _document_upsert(source, extraction, published, summit)
        result = IngestResult(document=document, created=earlier is None, earlier=earlier)
        created = earlier is None
        result.added["actors"] = added_actors
        topics = _topics_by_name(extraction)
        records = _build_records(
            extraction, document=document, summit=summit, actors=actors, topics=topics
        )
        # A document inserted just now has no records and no tombstones to look up.
        tombstones: dict[str, list[Tombstone]] = {}
        secondary: dict[str, list[Passage]] = {}
        if not created:
            for tombstone in Tombstone.objects.filter(document=document):
                tombstones.setdefault(tombstone.model, []).append(tombstone)
            for passage in Passage.objects.filter(document=document, primary=False):
                name = next(n for n in PASSAGE_RECORDS if getattr(passage, f"{n}_id"))
                secondary.setdefault(name, []).append(passage)
        passages: list[Passage] = []
        voices = Voices(
            {
                actors[a.name].pk: Voice(actors[a.name].name, a.kind, a.title, a.country)
                for a in extraction.actors
                if a.name in actors
            }
        )
        for kind, rows in records.items():
            name = RECORD_MODELS[kind]._meta.model_name
            _sync_records(
                kind,
                rows,
                document=document,
                old_text=old_text,
                result=result,
                created=created,
                tombstones=tombstones.get(name, []),
                secondary=secondary.get(name, []),
                passages=passages,
                voices=voices,
            )
        Passage.objects.bulk_create(passages)
        # bulk_create/bulk_update send no signals: invalidate the cached page aggregates. A
        # document inserted or replaced just now did (its save signal, in this transaction:
        # other processes see the new generation with everything written here, at commit).
        if not (created or earlier.replaced):
            cache.bump()
        if not extraction.actors:
            result.warnings.append("no recognisable actor: no records extracted")
        result.warnings.extend(extraction.warnings)
    return result


def _document_upsert(
    source: SourceText, extraction: Extraction, published: dt.date | None, summit: Summit | None
) -> tuple[Document, EarlierVersion | None, str]:
    """The document row for this text: the same text, an earlier version it replaces (see
    selectors.document_earlier_version), or a new one; with the text it had before."""
    earlier = document_earlier_version(source)
    title = (source.title or extraction.title or source.filename)[:500]
    if earlier is None:
        sha = text_sha256(source.text)
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
        if created:
            return document, None, source.text
        # A concurrent ingest of the same text committed it first: this is a re-ingest.
        earlier = EarlierVersion(document, SAME_TEXT)
    # Changed on a copy: ``earlier`` still names the document as it was (for the messages).
    document = copy.copy(earlier.document)
    old_text = document.text
    if not earlier.replaced:
        if summit is not None and document.summit_id != summit.pk:
            document.summit = summit
            document.save(update_fields=["summit"])
        return document, earlier, old_text
    document.text, document.sha256, document.title = source.text, text_sha256(source.text), title
    document.published = published or document.published
    document.filename = source.filename or document.filename
    document.source_url = source.source_url or document.source_url
    if summit is not None:
        document.summit = summit
    document._change_reason = f"replaced by a new version ({earlier.why})"[:100]
    document.save()
    return document, earlier, old_text


# --- curation ------------------------------------------------------------------------------


@transaction.atomic
def records_set_state(
    *, queryset: QuerySet, state: str, user: AbstractBaseUser | None = None
) -> int:
    """Verify, hide or publish records in bulk; marks them as touched by an editor.

    Each record gets a history row (who, when, which state) and, when a user acts, an entry
    in the admin's log, as if it had been changed on its own page.
    """
    records = list(queryset)
    fields = ["review_state", "edited"]
    if any(f.name == "updated_at" for f in queryset.model._meta.fields):  # not on actors
        fields.append("updated_at")
    now = timezone.now()
    for record in records:
        record.review_state, record.edited = state, True
        if "updated_at" in fields:
            record.updated_at = now
    label = dict(ReviewState.choices).get(state, state)
    bulk_update_with_history(
        records,
        queryset.model,
        fields,
        default_user=user,
        default_change_reason=f"bulk action: {label}",
    )
    if user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=records,
            action_flag=CHANGE,
            change_message=[{"changed": {"fields": ["Review state"]}}],
        )
    cache.bump()  # bulk updates send no signals
    return len(records)


@transaction.atomic
def records_delete(*, queryset: QuerySet) -> int:
    """Delete records and remember the extracted ones, so a re-ingest does not bring them back
    (nor a reworded version of their passage: the tombstone keeps the passage and who it was
    about)."""
    model = queryset.model
    kind = next(k for k, m in RECORD_MODELS.items() if m is model)
    length = F("source_end") - F("source_start")
    extracted = list(
        queryset.exclude(fingerprint="")
        .exclude(document=None)
        .annotate(passage=Substr("document__text", F("source_start") + 1, length))
    )
    people = _participants(kind, [r.pk for r in extracted])
    Tombstone.objects.bulk_create(
        [
            Tombstone(
                document_id=r.document_id,
                model=model._meta.model_name,
                fingerprint=r.fingerprint,
                passage=r.passage or r.stale_passage,
                identity=_identity(kind, r, people.get(r.pk, ())),
            )
            for r in extracted
        ],
        ignore_conflicts=True,
    )
    # The other documents reporting them: their passages stay deleted there too.
    key = model._meta.model_name
    records = {r.pk: r for r in extracted}
    secondary = (
        Passage.objects.filter(primary=False, **{f"{key}_id__in": list(records)})
        .exclude(fingerprint="")
        .exclude(start=None)
        .annotate(text_=Substr("document__text", F("start") + 1, F("end") - F("start")))
    )
    Tombstone.objects.bulk_create(
        [
            Tombstone(
                document_id=p.document_id,
                model=key,
                fingerprint=p.fingerprint,
                passage=p.text_,
                identity=_identity(kind, records[pk], people.get(pk, ())),
            )
            for p in secondary
            if (pk := getattr(p, f"{key}_id")) in records
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


# --- merging summits and actors ------------------------------------------------------------


def _log(user: AbstractBaseUser | None, obj: object, flag: int, message: str) -> None:
    """An entry in the admin's log, as if the editor had changed ``obj`` on its page."""
    if user is None:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def summits_merge(
    *, keep: Summit, merge: list[Summit], user: AbstractBaseUser | None = None
) -> Summit:
    """Merge summits into ``keep``: their documents and records move to it (a history row
    each), it takes what it lacked from them (host city and country, year, organisation, the
    span of their dates), and they are deleted."""
    merge = [s for s in merge if s.pk != keep.pk]
    if not merge:
        return keep
    pks = [s.pk for s in merge]
    reason = f"summit merged into {keep.name}"
    user_id = user.pk if user is not None else None
    for model in (Document, *RECORD_MODELS.values()):
        moved = list(model.objects.filter(summit_id__in=pks).values_list("pk", flat=True))
        model.objects.filter(pk__in=moved).update(summit=keep)
        _history_copy(model, moved, "~", reason, user_id)
    for other in merge:
        keep.host_city = keep.host_city or other.host_city
        keep.host_country = keep.host_country or other.host_country
        keep.year = keep.year or other.year
        keep.organisation_id = keep.organisation_id or other.organisation_id
        starts = [d for d in (keep.start_date, other.start_date) if d]
        ends = [d for d in (keep.end_date, keep.start_date, other.end_date, other.start_date) if d]
        keep.start_date = min(starts) if starts else None
        keep.end_date = max(ends) if ends and keep.start_date else None
        _log(user, other, DELETION, f"Merged into summit {keep.pk} “{keep.name}”.")
    names = ", ".join(f"“{s.name}”" for s in merge)
    # Deleted first: ``keep`` may take one of their cities (one summit per city and year).
    Summit.objects.filter(pk__in=pks).delete()
    keep.save()
    _log(user, keep, CHANGE, f"Merged {names} into this summit.")
    cache.bump()  # update() sends no signals
    return keep


def _refingerprint(model: type, pks: list[int], old: dict[int, str], new_name: str) -> None:
    """Fingerprints name the speaker or responder as extracted: rewritten with the surviving
    actor's name, so a re-ingest (which now extracts that name) finds these records again.
    Only where the old fingerprint is exactly what the ingest made (not an editor's record)."""
    kind = registry.BY_MODEL[model]
    (named,) = kind.actors  # the one actor whose name is in the fingerprint
    length = F("source_end") - F("source_start")
    rows = (
        model.objects.filter(pk__in=pks)
        .exclude(fingerprint="")
        .exclude(source_start=None)
        .annotate(passage=Substr("document__text", F("source_start") + 1, length))
    )
    changed = []
    for record in rows:
        said = {"quote": record.quote, "passage": record.passage}
        for old_name in old.values():
            if registry.fingerprint(kind.name, **said, **{named: old_name}) == record.fingerprint:
                record.fingerprint = registry.fingerprint(kind.name, **said, **{named: new_name})
                changed.append(record)
                break
    taken = set(
        model.objects.filter(
            document_id__in={r.document_id for r in changed},
            fingerprint__in={r.fingerprint for r in changed},
        ).values_list("document_id", "fingerprint")
    )
    free = []
    for record in changed:  # two records of one passage, one per name: the first keeps it
        if (record.document_id, record.fingerprint) not in taken:
            taken.add((record.document_id, record.fingerprint))
            free.append(record)
    model.objects.bulk_update(free, ["fingerprint"])


_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _tombstone_refingerprint(tombstone: Tombstone, old_names: Iterable[str], new_name: str) -> str:
    """A deleted statement's or response's fingerprint with the surviving actor's name, so
    the re-ingest that now extracts that name still finds it deleted. The statement's quote
    is not kept: each quotation in its passage (or none) is tried, and only an exact match
    of the old fingerprint is rewritten."""
    if tombstone.model not in ("statement", "response"):
        return tombstone.fingerprint
    kind = registry.BY_KEY[tombstone.model]
    (named,) = kind.actors  # the one actor whose name is in the fingerprint
    quotes = ["", *_QUOTED.findall(tombstone.passage)] if "quote" in kind.identity else [""]

    def fingerprints(name: str) -> list[str]:
        return [
            registry.fingerprint(kind.name, passage=tombstone.passage, quote=quote, **{named: name})
            for quote in quotes
        ]

    for old_name in old_names:
        old = fingerprints(old_name)
        if tombstone.fingerprint in old:
            return fingerprints(new_name)[old.index(tombstone.fingerprint)]
    return tombstone.fingerprint


def _identity_rewrite(identity: str, model: str, pks: set[str], keep: str) -> str:
    """A tombstone's identity (an actor key, or keys joined by commas) naming the survivor."""
    parts = [keep if p in pks else p for p in identity.split(",")]
    if model == "meeting":
        parts = sorted(set(parts), key=lambda p: int(p) if p.isdigit() else 0)
    return ",".join(parts)


@transaction.atomic
def actors_merge(*, keep: Actor, merge: list[Actor], user: AbstractBaseUser | None = None) -> Actor:
    """Merge actors into ``keep``: every record naming them (speaker, responder, participant,
    membership, summit organisation) names ``keep`` instead (a history row each), their
    aliases and names become ``keep``'s aliases (so later ingests find ``keep``), fields it
    lacked come from them, and they are deleted.

    A membership that, merged, repeats one ``keep`` already has (or would make ``keep`` a
    member of itself) is deleted: the same fact, recorded once.
    """
    merge = [a for a in merge if a.pk != keep.pk]
    if not merge:
        return keep
    pks = [a.pk for a in merge]
    names = {a.pk: a.name for a in merge}
    reason = f"actor merged into {keep.name}"
    user_id = user.pk if user is not None else None
    for model, field_name in ((Statement, "speaker"), (Response, "responder")):
        moved = list(
            model.objects.filter(**{f"{field_name}_id__in": pks}).values_list("pk", flat=True)
        )
        model.objects.filter(pk__in=moved).update(**{field_name: keep})
        _refingerprint(model, moved, names, keep.name)
        passages_primary_sync(model=model, pks=moved)
        _history_copy(model, moved, "~", reason, user_id)
    for model in (Event, Meeting):
        through = model.participants.through
        column = f"{model._meta.model_name}_id"
        records = set(through.objects.filter(actor_id__in=pks).values_list(column, flat=True))
        with_keep = set(
            through.objects.filter(actor_id=keep.pk, **{f"{column}__in": records}).values_list(
                column, flat=True
            )
        )
        through.objects.filter(actor_id__in=pks).delete()
        through.objects.bulk_create(
            [through(**{column: pk, "actor_id": keep.pk}) for pk in records - with_keep]
        )
        _history_copy(model, sorted(records), "~", reason, user_id)
    moved_memberships = []
    for membership in Membership.objects.filter(Q(organisation_id__in=pks) | Q(member_id__in=pks)):
        if membership.organisation_id in pks:
            membership.organisation_id = keep.pk
        if membership.member_id in pks:
            membership.member_id = keep.pk
        repeated = Membership.objects.filter(
            organisation_id=membership.organisation_id, member_id=membership.member_id
        ).exclude(pk=membership.pk)
        twin = repeated.first()
        if twin is not None:  # its passages report the membership that stays
            _passages_move(Membership, [membership.pk], twin.pk)
        if membership.organisation_id == membership.member_id or twin is not None:
            membership._change_reason = f"{reason}: the same membership as another"[:100]
            membership.delete()
        else:
            Membership.objects.filter(pk=membership.pk).update(
                organisation_id=membership.organisation_id, member_id=membership.member_id
            )
            moved_memberships.append(membership.pk)
    _history_copy(Membership, moved_memberships, "~", reason, user_id)
    for summit in Summit.objects.filter(organisation_id__in=pks):
        twin = (
            Summit.objects.filter(
                organisation=keep, year=summit.year, host_city__iexact=summit.host_city
            )
            .exclude(host_city="")
            .first()
        )
        if twin is not None:  # the same summit under each name: one summit
            summits_merge(keep=twin, merge=[summit], user=user)
        else:
            Summit.objects.filter(pk=summit.pk).update(organisation=keep)
    key, old_keys = str(keep.pk), {str(pk) for pk in pks}
    # identities naming a merged actor: the key itself, or among the keys of a meeting or
    # membership (``contains`` narrows; the rewrite below reads keys exactly)
    named = Q(model__in=["statement", "response"], identity__in=old_keys)
    for old_key in old_keys:
        named |= Q(model__in=["meeting", "membership"], identity__contains=old_key)
    for tombstone in Tombstone.objects.filter(named):
        identity = _identity_rewrite(tombstone.identity, tombstone.model, old_keys, key)
        if identity == tombstone.identity:
            continue
        fingerprint = _tombstone_refingerprint(tombstone, names.values(), keep.name)
        if Tombstone.objects.filter(
            document_id=tombstone.document_id, model=tombstone.model, fingerprint=fingerprint
        ).exclude(pk=tombstone.pk):
            fingerprint = tombstone.fingerprint
        Tombstone.objects.filter(pk=tombstone.pk).update(identity=identity, fingerprint=fingerprint)
    ActorAlias.objects.filter(actor_id__in=pks).update(actor=keep)
    ActorAlias.objects.filter(actor=keep, alias__iexact=keep.name).delete()
    known = {a.lower() for a in keep.aliases.values_list("alias", flat=True)}
    for other in merge:
        keep.title = keep.title or other.title
        keep.country = keep.country or other.country
        keep.bloc = keep.bloc or other.bloc
        keep.description = keep.description or other.description
        other._change_reason = reason[:100]
        other._history_user = user
        _log(user, other, DELETION, f"Merged into actor {keep.pk} “{keep.name}”.")
        other.delete()
    ActorAlias.objects.bulk_create(
        [
            ActorAlias(actor=keep, alias=other.name)
            for other in merge
            if other.name.lower() not in known and other.name.lower() != keep.name.lower()
        ]
    )
    keep.edited = True
    keep._change_reason = f"merged {', '.join(names.values())}"[:100]
    keep._history_user = user
    keep.save()
    _log(user, keep, CHANGE, f"Merged {', '.join(names.values())} into this actor.")
    cache.bump()  # update() and bulk writes send no signals
    return keep


# --- merging and splitting records ---------------------------------------------------------


def _m2m_names(model: type) -> list[str]:
    return [f.name for f in model._meta.many_to_many]


@transaction.atomic
def records_merge(
    *, keep: Curated, merge: list[Curated], user: AbstractBaseUser | None = None
) -> Curated:
    """Merge records of one kind into ``keep``: it takes every passage of theirs (their
    primaries become its other passages), their people and topics, the statements and
    responses pointing at them, and is marked edited; they are deleted (a history row each).
    A later re-ingest of their documents finds their passages on ``keep`` (by fingerprint)
    and never brings them back."""
    model = type(keep)
    merge = [r for r in merge if r.pk != keep.pk]
    if any(type(r) is not model for r in merge):
        raise ValueError("only records of one kind merge")
    if not merge:
        return keep
    pks = [r.pk for r in merge]
    _passages_move(model, pks, keep.pk)
    if model is Statement:
        Response.objects.filter(responds_to_statement_id__in=pks).update(responds_to_statement=keep)
    if model is Event:
        Statement.objects.filter(event_id__in=pks).update(event=keep)
    # Close to a merged record is close to the one that stays; and not to itself.
    model.objects.filter(possible_duplicate_of_id__in=pks).exclude(pk=keep.pk).update(
        possible_duplicate_of=keep
    )
    model.objects.filter(pk=keep.pk, possible_duplicate_of_id__in=pks).update(
        possible_duplicate_of=None
    )
    keep.refresh_from_db()
    keep.skip_history_when_saving = True
    try:
        for name in _m2m_names(model):
            related = getattr(keep, name)
            related.add(*{o for r in merge for o in getattr(r, name).all()})
    finally:
        del keep.skip_history_when_saving
    for other in merge:
        other._change_reason = f"merged into {model._meta.model_name} {keep.pk}"
        other._history_user = user
        _log(user, other, DELETION, f"Merged into {model._meta.verbose_name} {keep.pk}.")
        other.delete()
    keep.edited = True
    keep._change_reason = f"merged {len(merge)} records into this one"
    keep._history_user = user
    keep.save()
    _log(user, keep, CHANGE, f"Merged {', '.join(str(pk) for pk in pks)} into this record.")
    return keep


@transaction.atomic
def passage_split(*, passage: Passage, user: AbstractBaseUser | None = None) -> Curated:
    """A passage that does not report its record after all becomes a record of its own: a
    copy of the record (fields, people, topics) on that passage, marked edited and to be
    reviewed. A later re-ingest of its document finds it by its fingerprint and never
    merges it back."""
    if passage.primary:
        raise ValueError("the primary passage is the record itself: split another one")
    record = passage.record
    model = type(record)
    if model is Membership:
        raise ValueError("a membership is one per organisation and member: nothing to split")
    related = {name: list(getattr(record, name).all()) for name in _m2m_names(model)}
    span = (passage.document_id, passage.start, passage.end, passage.fingerprint)
    passage.delete()
    fresh = model.objects.get(pk=record.pk)
    fresh.pk = fresh.id = None
    fresh._state.adding = True
    fresh.document_id, fresh.source_start, fresh.source_end, fresh.fingerprint = span
    fresh.edited, fresh.stale_passage, fresh.possible_duplicate_of = True, "", None
    fresh.review_state = ReviewState.UNVERIFIED
    fresh._change_reason = f"split off {model._meta.model_name} {record.pk}"
    fresh._history_user = user
    fresh.save()
    for name, objs in related.items():
        getattr(fresh, name).set(objs)
    _log(user, fresh, CHANGE, f"Split off {model._meta.verbose_name} {record.pk}.")
    return fresh
