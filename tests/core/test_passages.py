"""Every record's passages are Passage rows: the primary one mirrors the record's own
document and span, through ingest, re-ingest, corrections, deletions and merges."""

import pytest
from django.db import IntegrityError, transaction

from coverage.models import Event, Meeting, Membership, Passage, Response, Statement
from coverage.services import document_delete, document_ingest, records_delete
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db

RECORDS = (Event, Statement, Meeting, Response, Membership)


def _source(text: str, name: str = "report.txt") -> SourceText:
    return SourceText(text=text, filename=name, format="text")


def _primaries_match_records() -> None:
    for model in RECORDS:
        for record in model.objects.exclude(document=None):
            primary = record.passages.get(primary=True)
            assert (primary.document_id, primary.start, primary.end) == (
                record.document_id,
                record.source_start,
                record.source_end,
            )
            assert primary.fingerprint == record.fingerprint


def test_every_ingested_record_has_one_primary_passage_on_its_own_span(lexicon, sample_source):
    document_ingest(source=sample_source)

    assert Statement.objects.count() > 5
    _primaries_match_records()
    assert Passage.objects.filter(primary=False).count() == 0


def test_a_changed_version_of_the_document_moves_the_primary_passages_with_the_records(
    lexicon, sample_text
):
    document_ingest(source=_source(sample_text))
    document_ingest(source=_source("An editor's note on top.\n\n" + sample_text))

    assert Statement.objects.filter(document__filename="report.txt").count() > 5
    _primaries_match_records()


def test_deleting_records_deletes_their_passages(lexicon, sample_source):
    document_ingest(source=sample_source)
    statement = Statement.objects.first()

    records_delete(queryset=Statement.objects.filter(pk=statement.pk))

    assert not Passage.objects.filter(statement_id=statement.pk).exists()


def test_an_editor_moving_a_records_span_moves_its_primary_passage(lexicon, sample_source):
    document_ingest(source=sample_source)
    statement = Statement.objects.first()

    statement.source_start += 1
    statement.edited = True
    statement.save()

    primary = statement.passages.get(primary=True)
    assert (primary.start, primary.end) == (statement.source_start, statement.source_end)


def test_a_passage_belongs_to_exactly_one_record(lexicon, sample_source):
    document_ingest(source=sample_source)
    statement, event = Statement.objects.first(), Event.objects.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(document=statement.document, start=1, end=5, statement=statement,
                               event=event)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(document=statement.document, start=1, end=5)


def test_a_record_has_at_most_one_primary_passage(lexicon, sample_source):
    document_ingest(source=sample_source)
    statement = Statement.objects.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(
            document=statement.document, start=1, end=5, statement=statement, primary=True
        )


def test_deleting_a_document_deletes_its_records_but_keeps_those_an_editor_touched(
    lexicon, sample_source
):
    document = document_ingest(source=sample_source).document
    verified = Statement.objects.first()
    verified.review_state, verified.edited = "verified", True
    verified.save()
    passage_text = verified.source_text

    document_delete(document=document)

    assert list(Statement.objects.all()) == [verified]
    verified.refresh_from_db()
    assert verified.document is None and verified.source_start is None
    assert verified.stale_passage == passage_text
    assert not Passage.objects.exists()
