"""The whole public dataset as one JSON object (``export_coverage`` and ``/export.json``).

The shape is a contract other tools rely on: add keys if need be, never rename or drop them.
Each record kind's rows are shaped by its registry entry (coverage.records: ``Export``).
Hidden records are never exported: the rows come from the same public querysets as the pages.

At newsroom size (200,000 records, 114 MB) the object is never held in memory: each kind is
read with ``.values()`` in chunks (coverage.downloads), with one query per chunk for its
many-to-many names, one for its records' other passages and one for the texts of their
documents (the source passages), and written out row by row (:func:`json_chunks`). Queries:
one per kind plus those per chunk of rows.

Each record's ``source`` is its primary passage; ``sources`` lists every passage (the primary
first, then the other documents reporting it, in the order they were added).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils.html import escape

from coverage import records, selectors
from coverage.downloads import buffered, chunks, date_iso, names_of
from coverage.models import ActorAlias, Document, Event, Passage, ReviewState

Row = dict[str, Any]


def export_dataset() -> dict[str, list[Row]]:
    """The whole dataset as one dict of lists, in memory (tests, small databases)."""
    return {kind: list(rows) for kind, rows in dataset()}


def dataset() -> Iterator[tuple[str, Iterator[Row]]]:
    """(kind, rows) for every kind, in the object's key order; read each kind's rows before
    the next kind's.

    Documents come first and the records after them, so a record may belong to a document
    that committed after the documents were read (an ingest running meanwhile): such records
    are left out, and every exported source points into an exported document.
    """
    exported: set[int] = set()
    yield "documents", _documents(exported)
    yield "actors", _actors()
    for kind in records.KINDS:
        yield kind.name, _kind_rows(kind, exported)


def json_chunks(indent: int | None = None, counts: dict[str, int] | None = None) -> Iterator[str]:
    """The dataset as JSON text, a chunk at a time: the same text as ``json.dumps`` of
    :func:`export_dataset` with ``ensure_ascii=False`` and this ``indent``. ``counts`` (if
    given) is filled with the number of rows of each kind as they are written."""
    return buffered(_json_pieces(dataset(), indent, counts if counts is not None else {}))


def _json_pieces(
    sections: Iterable[tuple[str, Iterable[Row]]], indent: int | None, counts: dict[str, int]
) -> Iterator[str]:
    encode = DjangoJSONEncoder(ensure_ascii=False, indent=indent).encode
    # What json.dumps writes: compact, or one key (and one key of each row) a line.
    pad = "" if indent is None else " " * indent
    newline = "" if indent is None else "\n"
    row_sep = ", " if indent is None else ","
    yield "{"
    for n, (kind, rows) in enumerate(sections):
        yield (row_sep if n else "") + newline + pad + encode(kind) + ": ["
        counts[kind] = 0
        for row in rows:
            text = encode(row)
            if indent is not None:
                text = "\n" + pad * 2 + text.replace("\n", "\n" + pad * 2)
            yield (row_sep if counts[kind] else "") + text
            counts[kind] += 1
        yield (newline + pad if counts[kind] else "") + "]"
    yield newline + "}"


# --- Rows -------------------------------------------------------------------------------------


def _documents(exported: set[int]) -> Iterator[Row]:
    fields = ("id", "title", "source_url", "published", "sha256", "summit_id", "text")
    for batch in chunks(Document.objects.order_by("pk"), fields, size=200):
        for d in batch:
            exported.add(d["id"])
            yield {
                "id": d["id"],
                "title": d["title"],
                "source_url": d["source_url"],
                "published": d["published"].isoformat() if d["published"] else None,
                "sha256": d["sha256"],
                "summit": d["summit_id"],
                "text": d["text"],
            }


def _actors() -> Iterator[Row]:
    fields = ("id", "name", "slug", "kind", "title", "country", "bloc")
    for batch in chunks(selectors.public_actors().order_by("pk"), fields):
        aliases = _aliases([a["id"] for a in batch])
        for a in batch:
            yield {**a, "aliases": aliases.get(a["id"], [])}


def _aliases(ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    pairs = ActorAlias.objects.filter(actor_id__in=ids).order_by("actor_id", "alias")
    for pk, alias in pairs.values_list("actor_id", "alias"):
        names.setdefault(pk, []).append(alias)
    return names


SOURCE = ("document_id", "source_start", "source_end", "review_state")
PASSAGE_CHANGED = {"start": None, "end": None, "text": None, "passage_changed": True}


def _records(
    qs, fields: tuple[str, ...], exported: set[int]
) -> Iterator[tuple[list[Row], Any, Any]]:
    """Chunks of records of exported documents (or of none), each with a ``source(row)``
    that cuts the row's passage out of its document and a ``sources(row)`` with its other
    documents' passages after it (one query per chunk for the passages, one for the texts)."""
    key = qs.model._meta.model_name
    for batch in chunks(qs, dict.fromkeys((*fields, *SOURCE))):
        batch = [r for r in batch if r["document_id"] is None or r["document_id"] in exported]
        others: dict[int, list[tuple[int, int, int]]] = {}
        for record_id, document_id, start, end in (
            Passage.objects.filter(primary=False, **{f"{key}_id__in": [r["id"] for r in batch]})
            .exclude(start=None)
            .order_by("pk")
            .values_list(f"{key}_id", "document_id", "start", "end")
        ):
            if document_id in exported:
                others.setdefault(record_id, []).append((document_id, start, end))
        wanted = {r["document_id"] for r in batch} - {None}
        wanted |= {d for spans in others.values() for d, _, _ in spans}
        texts = dict(Document.objects.filter(pk__in=wanted).values_list("pk", "text"))

        def source(row: Row, texts: dict[int, str] = texts) -> dict[str, Any] | None:
            text = texts.get(row["document_id"])
            lost = row["review_state"] == ReviewState.NEEDS_REVIEW
            if text is not None and row["source_start"] is None and lost:
                # A newer version of the document lost this passage: say so, never old offsets.
                return {**PASSAGE_CHANGED, "document": row["document_id"]}
            if text is None or row["source_start"] is None:
                return None  # no provenance, or its document was deleted while we were reading
            return {
                "document": row["document_id"],
                "start": row["source_start"],
                "end": row["source_end"],
                "text": text[row["source_start"] : row["source_end"]],
            }

        def sources(
            row: Row, texts: dict[int, str] = texts, others: dict = others
        ) -> list[dict[str, Any]]:
            primary = source(row, texts)
            rest = [
                {"document": d, "start": start, "end": end, "text": texts[d][start:end]}
                for d, start, end in others.get(row["id"], [])
                if d in texts
            ]
            return [primary, *rest] if primary else rest

        yield batch, source, sources


def _kind_rows(kind: records.RecordKind, exported: set[int]) -> Iterator[Row]:
    """A record kind's public rows as its registry entry exports them (one query per
    many-to-many relation per chunk for its names)."""
    spec = kind.export
    qs = getattr(selectors, spec.selector)().order_by(*spec.order)
    dated = "date" in spec.fields
    for batch, source, sources in _records(qs, spec.fields, exported):
        ids = [r["id"] for r in batch]
        names = {name: names_of(kind.model, name, ids) for name in kind.m2m}
        for r in batch:
            if dated:
                r["date_iso"] = date_iso(r)
            own = {name: found.get(r["id"], []) for name, found in names.items()}
            yield spec.row(r, own, source(r), sources(r))


# --- TimelineJS -------------------------------------------------------------------------------

TIMELINE_JSON_EVENTS = 1000


def timeline_json(
    events: QuerySet[Event], title: str, *, limit: int = TIMELINE_JSON_EVENTS
) -> dict:
    """Knight Lab TimelineJS data; month and day only as precise as the event.

    TimelineJS cannot present tens of thousands of slides: the file holds the newest ``limit``
    dated events (oldest first, as TimelineJS reads them) and its title slide says how many of
    how many (2 queries). TimelineJS renders headlines and texts as HTML: they are escaped
    here, so an article's markup is shown as text by any page that embeds the timeline.
    """
    total, newest = selectors.newest_dated_events(events, limit)
    items = []
    for event in reversed(newest):
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
                "text": {"headline": escape(event.title), "text": escape(text)},
                "group": escape(event.get_kind_display()),
                "unique_id": event.anchor,
            }
        )
    noun = "event" if total == 1 else "events"
    if len(items) < total:
        about = f"The newest {len(items):,} of {total:,} {noun}."
    else:
        about = f"{total:,} {noun}."
    return {
        "title": {"text": {"headline": escape(title), "text": escape(about)}},
        "events": items,
    }
