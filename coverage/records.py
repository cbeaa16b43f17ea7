"""The record kinds, each spelled out once: what every outlet needs to know about a kind.

Services (ingest, re-ingest, merges), the cache signals, the search indexes (SQLite's trigram
tables, PostgreSQL's stored vectors), the JSON export, the table downloads and the review
queue read this registry instead of keeping lists of their own, so a kind cannot be wired
into one outlet and forgotten in another (a missed signal leaves pages stale; a missed search
index makes search scan, silently). ``tests/core/test_record_registry.py`` walks it and proves
every kind reaches every outlet.

Adding a record kind means: its model (a ``Curated`` subclass, and its foreign key on
``Passage``), a migration, one ``RecordKind`` entry below, a table (coverage.tables) and a
template for its list. Derived here, not written down: its many-to-many relations and their
through models (from ``_meta``), its passage key and tombstone name (its model name). For the
ingest to make such records, the extractor's output for it is turned into rows in
``services._build_records`` (and coverage.matching may give it rules for merging across
documents): that is extraction, not wiring.

Only models are imported here: every other module may import this one.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.encoding import force_str

from coverage.models import (
    PASSAGE_RECORDS,
    Actor,
    Curated,
    Event,
    Meeting,
    Membership,
    Passage,
    Response,
    Statement,
)

Row = dict[str, Any]
Cell = Callable[[Row], Any]


@dataclass(frozen=True, eq=False)
class Export:
    """A kind's part of the JSON export (coverage.export), a contract other tools read: keys
    may be added, never renamed or dropped.

    ``fields``: what each row reads (``.values()``); ``row(values, names, source, sources)``:
    the exported object, given the row's many-to-many names ({relation: [name, ...]}) and its
    primary passage and every passage; ``selector``: the coverage.selectors function listing
    the public records; ``order``: their order in the file.
    """

    fields: tuple[str, ...]
    row: Callable[[Row, dict[str, list[str]], Any, list], Row]
    selector: str
    order: tuple[str, ...] = ("pk",)


@dataclass(frozen=True, eq=False)
class Download:
    """How a kind's table download (coverage.downloads) reads its columns from a ``.values()``
    row: ``fields`` beyond those every record table shares, and a cell per column of its own
    (the shared ones, date, review state and source, are the downloads module's). Many-to-many
    columns get the row's names as a list under the relation's name."""

    fields: tuple[str, ...]
    cells: dict[str, Cell]
    names: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class RecordKind:
    """One kind of record.

    ``name``: its plural key (ingest counts, export keys, search results, download names).
    ``identity``: the parts of its fingerprint after the model name, what recognises it on a
    re-ingest of its document (a list part, such as participants, counts as its sorted names).
    ``updatable``: what a re-ingest rewrites on a record no editor touched.
    ``correctable``: what an editor may correct in the review queue, in the form's order.
    ``actors``: the actor fields the record is about (the review queue's actor filter).
    ``search_fields``: its own text columns search matches (their order is that of the
    indexes); ``search_named``: the actor field (one actor, or many) whose names find it too.
    ``list_url``: its table's page (None: shown only on its actors' pages).
    """

    name: str
    model: type[Curated]
    identity: tuple[str, ...]
    updatable: tuple[str, ...]
    correctable: tuple[str, ...]
    actors: tuple[str, ...]
    export: Export
    search_fields: tuple[str, ...] = ()
    search_named: str = ""
    list_url: str | None = None
    download: Download | None = None

    @property
    def key(self) -> str:
        """Its model name: its foreign key on Passage, its name on a Tombstone, its anchor."""
        return self.model._meta.model_name

    @property
    def m2m(self) -> tuple[str, ...]:
        """Its many-to-many relations, from the model."""
        return tuple(f.name for f in self.model._meta.many_to_many)

    @property
    def through(self) -> tuple[type[Model], ...]:
        """The through models of its many-to-many relations, from the model."""
        return tuple(f.remote_field.through for f in self.model._meta.many_to_many)


# Fields every re-ingest rewrites, whatever the kind: where the record stands, and its summit.
_PLACE = ("source_start", "source_end", "summit", "fingerprint", "stale_passage")
_DATE = ("date", "date_precision", "date_projected")


def _display(model: type[Model], name: str) -> Cell:
    """``get_<name>_display()`` of a ``.values()`` row's raw value (labels read once)."""

    @functools.cache
    def labels() -> dict:
        return dict(model._meta.get_field(name).flatchoices)

    def cell(value: Any) -> Any:
        return force_str(labels().get(value, value), strings_only=True)

    return cell


def _joined(name: str, separator: str, *, empty: Any) -> Cell:
    return lambda row: separator.join(row[name]) if row[name] else empty


def _or_none(name: str) -> Cell:
    return lambda row: row[name] if row[name] not in (None, "") else None


_topics = _joined("topics", ", ", empty=None)  # ManyToManyColumn: None without any
_participants = _joined("participants", "; ", empty="")
_statement_stance = _display(Statement, "stance")
_response_stance = _display(Response, "stance")
_bloc = _display(Actor, "bloc")
_event_kind = _display(Event, "kind")


def _event_row(e: Row, names: dict, source: Any, sources: list) -> Row:
    return {
        "id": e["id"],
        "title": e["title"],
        "kind": e["kind"],
        "date": e["date_iso"],
        "date_precision": e["date_precision"],
        "projected": e["date_projected"],
        "location": e["location"],
        "participants": names["participants"],
        "summary": e["summary"],
        "review_state": e["review_state"],
        "source": source,
        "sources": sources,
    }


def _statement_row(s: Row, names: dict, source: Any, sources: list) -> Row:
    return {
        "id": s["id"],
        "speaker": s["speaker__name"],
        "date": s["date_iso"],
        "date_precision": s["date_precision"],
        "topics": names["topics"],
        "quote": s["quote"],
        "summary": s["summary"],
        "stance": s["stance"],
        "review_state": s["review_state"],
        "source": source,
        "sources": sources,
    }


def _meeting_row(m: Row, names: dict, source: Any, sources: list) -> Row:
    return {
        "id": m["id"],
        "participants": names["participants"],
        "date": m["date_iso"],
        "date_precision": m["date_precision"],
        "location": m["location"],
        "topics": names["topics"],
        "summary": m["summary"],
        "review_state": m["review_state"],
        "source": source,
        "sources": sources,
    }


def _response_row(r: Row, names: dict, source: Any, sources: list) -> Row:
    return {
        "id": r["id"],
        "responder": r["responder__name"],
        "responder_bloc": r["responder__bloc"],
        "responds_to": r["responds_to"],
        "stance": r["stance"],
        "quote": r["quote"],
        "summary": r["summary"],
        "date": r["date_iso"],
        "topics": names["topics"],
        "review_state": r["review_state"],
        "source": source,
        "sources": sources,
    }


def _membership_row(ms: Row, names: dict, source: Any, sources: list) -> Row:
    return {
        "organisation": ms["organisation__name"],
        "member": ms["member__name"],
        "year_joined": ms["year_joined"],
        "status": ms["status"],
        "source": source,
        "sources": sources,
    }


_DATED = ("date", "date_precision")

# In the order of the export's keys and of the ingest's summary.
KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        name="events",
        model=Event,
        identity=("kind", "date", "passage"),
        updatable=("title", "kind", "location", "summary", *_DATE, *_PLACE),
        correctable=("title", "kind", *_DATE, "location", "summary", "participants"),
        actors=("participants",),
        search_fields=("title", "summary", "location"),
        list_url="coverage:event_list",
        export=Export(
            fields=(
                "id",
                "title",
                "kind",
                *_DATED,
                "date_projected",
                "location",
                "summary",
                "review_state",
            ),  # fmt: skip
            row=_event_row,
            selector="public_events",
        ),
        download=Download(
            fields=("title", "kind", "location"),
            names=("participants",),
            cells={
                "title": _or_none("title"),
                "kind": lambda row: _event_kind(row["kind"]),
                "location": _or_none("location"),
                "participants": _participants,
            },
        ),
    ),
    RecordKind(
        name="statements",
        model=Statement,
        identity=("speaker", "quote", "passage"),
        updatable=("quote", "summary", "stance", *_DATE, *_PLACE),
        correctable=("stance", "summary", "quote", *_DATE, "topics", "speaker"),
        actors=("speaker",),
        search_fields=("quote", "summary"),
        search_named="speaker",
        list_url="coverage:statement_list",
        export=Export(
            fields=("id", "speaker__name", *_DATED, "quote", "summary", "stance", "review_state"),
            row=_statement_row,
            selector="public_statements",
        ),
        download=Download(
            fields=("speaker__name", "quote", "summary", "stance"),
            names=("topics",),
            cells={
                "speaker": lambda row: row["speaker__name"],
                # The column reads the summary: no summary, no value (even with a quote).
                "words": lambda row: (row["quote"] or row["summary"]) if row["summary"] else None,
                "stance": lambda row: _statement_stance(row["stance"]),
                "topics": _topics,
            },
        ),
    ),
    RecordKind(
        name="meetings",
        model=Meeting,
        identity=("participants", "passage"),
        updatable=("location", "summary", *_DATE, *_PLACE),
        correctable=("summary", "location", *_DATE, "topics", "participants"),
        actors=("participants",),
        search_fields=("summary", "location"),
        search_named="participants",
        list_url="coverage:meeting_list",
        export=Export(
            fields=("id", *_DATED, "location", "summary", "review_state"),
            row=_meeting_row,
            selector="public_meetings",
        ),
        download=Download(
            fields=("location", "summary"),
            names=("participants", "topics"),
            cells={
                "participants": _participants,
                "location": _or_none("location"),
                "summary": _or_none("summary"),
                "topics": _topics,
            },
        ),
    ),
    RecordKind(
        name="responses",
        model=Response,
        identity=("responder", "passage"),
        updatable=("responds_to", "stance", "quote", "summary", *_DATE, *_PLACE),
        correctable=(
            "stance",
            "summary",
            "responds_to",
            "quote",
            *_DATE,
            "topics",
            "responder",
        ),  # fmt: skip
        actors=("responder",),
        search_fields=("quote", "summary", "responds_to"),
        search_named="responder",
        list_url="coverage:response_list",
        export=Export(
            fields=(
                "id",
                "responder__name",
                "responder__bloc",
                "responds_to",
                "stance",
                "quote",
                "summary",
                *_DATED,
                "review_state",
            ),  # fmt: skip
            row=_response_row,
            selector="public_responses",
        ),
        download=Download(
            fields=(
                "responder__name",
                "responder__bloc",
                "responds_to",
                "quote",
                "summary",
                "stance",
            ),
            names=("topics",),
            cells={
                "responder": lambda row: row["responder__name"],
                "bloc": lambda row: _bloc(row["responder__bloc"]),
                "responds_to": _or_none("responds_to"),
                "words": lambda row: row["quote"] or row["summary"],
                "stance": lambda row: _response_stance(row["stance"]),
                "topics": _topics,
            },
        ),
    ),
    RecordKind(
        name="memberships",
        model=Membership,
        identity=("organisation", "member"),
        updatable=("year_joined", "status", *_PLACE),
        correctable=("status", "year_joined", "organisation", "member"),
        actors=("organisation", "member"),
        export=Export(
            fields=("id", "organisation__name", "member__name", "year_joined", "status"),
            row=_membership_row,
            selector="public_memberships",
            order=("organisation__name", "year_joined", "member__name"),
        ),
    ),
)

BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
BY_MODEL: dict[type[Model], RecordKind] = {kind.model: kind for kind in KINDS}
BY_KEY: dict[str, RecordKind] = {kind.key: kind for kind in KINDS}

# Every kind has its key on Passage (models.PASSAGE_RECORDS, the passage's one-record check).
assert set(BY_KEY) == set(PASSAGE_RECORDS), "a record kind without its Passage key"
assert all(Passage._meta.get_field(key).related_model is kind.model for key, kind in BY_KEY.items())


def fingerprint(name: str, /, **values: Any) -> str:
    """What recognises a record of the kind ``name`` when its document is ingested again: a
    hash of its model name and ``values`` of its identity parts (a list part as its sorted
    names; values of other fields are ignored)."""
    kind = BY_NAME[name]
    parts: list[object] = [kind.key]
    for part in kind.identity:
        value = values[part]
        if isinstance(value, list | tuple | set):
            parts.extend(sorted(value))
        else:
            parts.append(value)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
