"""Reads about records' passages: which other documents report a record, and which records
are corroborated. Annotations (a correlated subquery each, along the passage's record key), so
a list of records costs no query more for them, whatever its length; how many documents report
a record is kept on it (``source_count``, see coverage.tallies)."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from django.db.models import (
    Aggregate,
    CharField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat

from coverage.fetch import site
from coverage.models import Passage, url_to

# Control characters no address or file name holds: between one document's key and its
# address or file name, and between documents.
_FIELD, _ROW = "\x1f", "\x1e"


class _Joined(Aggregate):
    """The values joined by ``_ROW`` (SQLite's GROUP_CONCAT, PostgreSQL's STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = f"%(function)s(%(expressions)s, '{_ROW}')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def _others(qs: QuerySet) -> QuerySet:
    """The record's passages but the primary, one group per record."""
    key = qs.model._meta.model_name
    return (
        Passage.objects.filter(**{key: OuterRef("pk")}, primary=False)
        .exclude(start=None)
        .order_by()
        .values(key)
    )


def with_other_documents(qs: QuerySet) -> QuerySet:
    """Records with ``other_documents``: the other documents reporting each one, each its key
    and its address or file name (read by :func:`other_sources`; None when only its own
    document does)."""
    document = Concat(
        Cast("document_id", CharField()),
        Value(_FIELD),
        "document__source_url",
        Value(_FIELD),
        "document__filename",
        output_field=CharField(),
    )
    return qs.annotate(
        other_documents=Subquery(_others(qs).annotate(docs=_Joined(document)).values("docs"))
    )


def at_least_sources(qs: QuerySet, n: int) -> QuerySet:
    """Records reported by at least ``n`` documents (corroborated; their ``source_count``,
    along its index); ``n`` <= 1: every record with a source."""
    if n <= 1:
        return qs.exclude(document=None)
    return qs.filter(source_count__gte=n)


class OtherSource(NamedTuple):
    document_id: int
    url: str  # the record's passage in that document
    outlet: str  # what a reader knows the source by: the site's name, else the file's


def outlet(source_url: str, filename: str) -> str:
    """A document's source as a reader names it: the site of its address ("reuters.com"), else
    its file name, else nothing."""
    return site(urlsplit(source_url).hostname) or filename


def other_sources(record) -> list[OtherSource]:
    """Every other document reporting the record, in the order they were added (read from
    ``with_other_documents``'s annotation)."""
    joined = getattr(record, "other_documents", None)
    if not joined:
        return []
    found = {}
    for row in str(joined).split(_ROW):
        key, source_url, filename = row.split(_FIELD)
        found[int(key)] = outlet(source_url, filename)
    return [
        OtherSource(pk, url_to("coverage:document_detail", pk) + f"#{record.anchor}", name)
        for pk, name in sorted(found.items())
        if pk != record.document_id
    ]


def reported_in(qs: QuerySet, document) -> QuerySet:
    """Records with a passage in ``document``: their own (a span there) or another one
    (annotated ``here_start`` and ``here_end``: where it is; see :func:`placed_here`).

    Read from the document's passages alone, the primary ones included (they mirror each
    record's own span: ``services.passages_primary_sync``): one semi-join along the passages'
    document index. Asked as "the record's own document, or a key among the passages", the
    OR made PostgreSQL scan a million-record table (250 ms a page)."""
    key = qs.model._meta.model_name
    spans = Passage.objects.filter(document=document).exclude(start=None).exclude(end=None)
    here = spans.filter(primary=False, **{key: OuterRef("pk")}).order_by("pk")
    return qs.filter(pk__in=spans.filter(**{f"{key}__isnull": False}).values(key)).annotate(
        here_start=Subquery(here.values("start")[:1]),
        here_end=Subquery(here.values("end")[:1]),
    )


def placed_here(records: list, document) -> list:
    """``reported_in``'s records of other documents given their span in ``document`` (on
    these instances only: what the document's page highlights)."""
    for record in records:
        if record.document_id != document.pk and record.here_start is not None:
            record.source_start, record.source_end = record.here_start, record.here_end
    return records
