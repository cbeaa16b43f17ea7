"""The whole public dataset as one JSON-ready dict (``export_coverage`` and ``/export.json``).

The shape is a contract other tools rely on: add keys if need be, never rename or drop them.
Hidden records are never exported. Queries are one per kind (plus prefetches), whatever the size.
"""

from __future__ import annotations

from typing import Any

from coverage import selectors
from coverage.models import Curated, Document


def _source(record: Curated, texts: dict[int, str]) -> dict[str, Any] | None:
    text = texts.get(record.document_id)
    if text is None or record.source_start is None:
        return None  # no provenance, or its document was deleted while we were reading
    return {
        "document": record.document_id,
        "start": record.source_start,
        "end": record.source_end,
        "text": text[record.source_start : record.source_end],
    }


def _names(related: Any) -> list[str]:
    return [obj.name for obj in related.all()]


def export_dataset() -> dict[str, list[dict[str, Any]]]:
    # The same public querysets as the pages: no hidden record, nor one of a hidden actor.
    actors = list(selectors.public_actors().prefetch_related("aliases").order_by("pk"))
    events = list(selectors.public_events().order_by("pk"))
    statements = list(selectors.public_statements().order_by("pk"))
    meetings = list(selectors.public_meetings().order_by("pk"))
    responses = list(selectors.public_responses().order_by("pk"))
    memberships = list(
        selectors.public_memberships().order_by("organisation__name", "year_joined", "member__name")
    )
    # Documents last: a document commits with its records, so every record read above finds
    # its document here even while an ingest is writing.
    documents = list(Document.objects.order_by("pk"))
    texts = {d.pk: d.text for d in documents}
    return {
        "documents": [
            {
                "id": d.pk,
                "title": d.title,
                "source_url": d.source_url,
                "published": d.published.isoformat() if d.published else None,
                "sha256": d.sha256,
                "summit": d.summit_id,
                "text": d.text,
            }
            for d in documents
        ],
        "actors": [
            {
                "id": a.pk,
                "name": a.name,
                "slug": a.slug,
                "kind": a.kind,
                "title": a.title,
                "country": a.country,
                "bloc": a.bloc,
                "aliases": [x.alias for x in a.aliases.all()],
            }
            for a in actors
        ],
        "events": [
            {
                "id": e.pk,
                "title": e.title,
                "kind": e.kind,
                "date": e.date_iso,
                "date_precision": e.date_precision,
                "projected": e.date_projected,
                "location": e.location,
                "participants": _names(e.participants),
                "summary": e.summary,
                "review_state": e.review_state,
                "source": _source(e, texts),
            }
            for e in events
        ],
        "statements": [
            {
                "id": s.pk,
                "speaker": s.speaker.name,
                "date": s.date_iso,
                "date_precision": s.date_precision,
                "topics": _names(s.topics),
                "quote": s.quote,
                "summary": s.summary,
                "stance": s.stance,
                "review_state": s.review_state,
                "source": _source(s, texts),
            }
            for s in statements
        ],
        "meetings": [
            {
                "id": m.pk,
                "participants": _names(m.participants),
                "date": m.date_iso,
                "date_precision": m.date_precision,
                "location": m.location,
                "topics": _names(m.topics),
                "summary": m.summary,
                "review_state": m.review_state,
                "source": _source(m, texts),
            }
            for m in meetings
        ],
        "responses": [
            {
                "id": r.pk,
                "responder": r.responder.name,
                "responder_bloc": r.responder.bloc,
                "responds_to": r.responds_to,
                "stance": r.stance,
                "quote": r.quote,
                "summary": r.summary,
                "date": r.date_iso,
                "topics": _names(r.topics),
                "review_state": r.review_state,
                "source": _source(r, texts),
            }
            for r in responses
        ],
        "memberships": [
            {
                "organisation": ms.organisation.name,
                "member": ms.member.name,
                "year_joined": ms.year_joined,
                "status": ms.status,
                "source": _source(ms, texts),
            }
            for ms in memberships
        ],
    }
