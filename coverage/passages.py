"""Reads about records' passages: which other documents report a record, and which records
are corroborated. Annotations (a correlated subquery each, along the passage's record key), so
a list of records costs no query more for them, whatever its length; how many documents report
a record is kept on it (``source_count``, see coverage.tallies)."""

from __future__ import annotations

from django.db.models import (
    Aggregate,
    CharField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from coverage.models import Passage, url_to


class _Joined(Aggregate):
    """The values joined by commas (SQLite's GROUP_CONCAT, PostgreSQL's STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS TEXT), ',')",
            **extra_context,
        )


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
    """Records with ``other_documents``: the keys of the other documents reporting each one
    (``"3,9"``; None when only its own document does)."""
    return qs.annotate(
        other_documents=Subquery(_others(qs).annotate(docs=_Joined("document_id")).values("docs"))
    )


def at_least_sources(qs: QuerySet, n: int) -> QuerySet:
    """Records reported by at least ``n`` documents (corroborated; their ``source_count``,
    along its index); ``n`` <= 1: every record with a source."""
    if n <= 1:
        return qs.exclude(document=None)
    return qs.filter(source_count__gte=n)


def other_sources(record) -> list[tuple[int, str]]:
    """(document key, link to the record's passage there) for every other document reporting
    the record (read from ``with_other_documents``'s annotation)."""
    keys = getattr(record, "other_documents", None)
    if not keys:
        return []
    found = sorted({int(k) for k in str(keys).split(",") if k.strip()})
    return [
        (pk, url_to("coverage:document_detail", pk) + f"#{record.anchor}")
        for pk in found
        if pk != record.document_id
    ]


def reported_in(qs: QuerySet, document) -> QuerySet:
    """Records with a passage in ``document``: their own (a span there) or another one
    (annotated ``here_start`` and ``here_end``: where it is; see :func:`placed_here`)."""
    key = qs.model._meta.model_name
    others = Passage.objects.filter(document=document, primary=False).exclude(start=None)
    here = others.filter(**{key: OuterRef("pk")}).order_by("pk")
    own = Q(document=document, source_start__isnull=False, source_end__isnull=False)
    return qs.filter(
        own | Q(pk__in=others.filter(**{f"{key}__isnull": False}).values(key))
    ).annotate(
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
