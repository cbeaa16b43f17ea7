"""Every record's ``source_count`` (the documents reporting it, kept on the record by the
database) equals a recount of its own document and its passages', whatever wrote them:
ingests of several outlets and of changed versions, merges, splits, record and document
deletes, stale saves, reverts."""

import pytest

from coverage import tallies
from coverage.models import Event, Meeting, Membership, Passage, Response, Statement
from coverage.services import (
    document_delete,
    document_ingest,
    passage_split,
    records_delete,
    records_merge,
)
from coverage.sources import SourceText
from tests.two_outlets import PAPER, WIRE

pytestmark = pytest.mark.django_db

KINDS = (Event, Statement, Meeting, Response, Membership)
# The paper paraphrases the quote: a second statement, a possible duplicate of the first.
PARAPHRASE = PAPER.replace(
    'the bloc must build "a fairer world order free of unilateral sanctions and pressure"',
    "the bloc needed a fairer world order without sanctions and outside pressure",
)


def ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=name, format="text")).document


def _out_of_step() -> dict[tuple[str, int], tuple[int, int]]:
    """(kind, key) -> (stored, recounted) for every record whose count is wrong: its own
    document and its passages' documents, counted the long way."""
    wrong = {}
    for model in KINDS:
        key = model._meta.model_name
        documents: dict[int, set[int]] = {}
        for record_id, document_id in Passage.objects.filter(
            **{f"{key}__isnull": False}
        ).values_list(key, "document_id"):
            documents.setdefault(record_id, set()).add(document_id)
        for pk, own, stored in model.objects.values_list("pk", "document_id", "source_count"):
            counted = len(documents.get(pk, set()) | ({own} if own else set()))
            if stored != counted:
                wrong[(key, pk)] = (stored, counted)
    return wrong


@pytest.fixture
def outlets(lexicon, sample_text):
    """The sample twice (two editions), and two outlets' reports of one summit day."""
    ingest(sample_text, "sample.txt")
    ingest(sample_text + "\nA second edition.\n", "sample-2.txt")
    ingest(WIRE, "wire.txt")
    ingest(PAPER, "paper.txt")


def test_ingests_of_several_outlets_count_each_document_once(outlets):
    assert not _out_of_step()
    putin = Statement.objects.get(document__filename="wire.txt")
    assert putin.source_count == 2
    assert Statement.objects.filter(source_count=2).count() > 5  # the sample's, reported twice
    assert not Statement.objects.filter(source_count=0).exists()


def test_a_changed_version_and_a_second_ingest_keep_the_counts(outlets, sample_text):
    ingest(PAPER.replace("with leaders from across Eurasia", "with many leaders"), "paper.txt")
    ingest(sample_text + "\nA second edition.\n", "sample-2.txt")  # the same text again
    assert not _out_of_step()


def test_merges_and_splits_keep_the_counts(lexicon, editor):
    ingest(WIRE, "wire.txt")
    ingest(PARAPHRASE, "paper.txt")
    quoted, reported = Statement.objects.order_by("pk")
    assert (quoted.source_count, reported.source_count) == (1, 1)

    kept = records_merge(keep=quoted, merge=[reported], user=editor)
    kept.refresh_from_db()
    assert kept.source_count == 2
    assert not _out_of_step()

    fresh = passage_split(passage=kept.passages.get(primary=False), user=editor)
    assert not _out_of_step()
    assert Statement.objects.get(pk=fresh.pk).source_count == 1
    assert Statement.objects.get(pk=kept.pk).source_count == 1


def test_deleting_documents_and_records_keeps_the_counts(outlets, editor):
    wire = Statement.objects.get(document__filename="wire.txt")
    document_delete(document=wire.document, user=editor)
    assert not _out_of_step()
    assert Statement.objects.get(pk=wire.pk).source_count == 1  # the paper's passage is left

    records_delete(queryset=Event.objects.filter(kind="summit"))
    assert not _out_of_step()


def test_a_save_of_an_instance_read_before_a_new_source_keeps_the_new_count(lexicon, editor):
    ingest(WIRE, "wire.txt")
    stale = Statement.objects.get()
    ingest(PAPER, "paper.txt")  # the same quotation: a second source

    stale.summary = "An editor's words."
    stale.save()

    stale.refresh_from_db()
    assert stale.source_count == 2 and stale.summary == "An editor's words."
    stale.history.earliest().instance.save()  # a revert from the history
    assert Statement.objects.get(pk=stale.pk).source_count == 2
    assert not _out_of_step()


def test_two_passages_of_one_record_in_one_document_count_once(lexicon):
    ingest(WIRE, "wire.txt")
    paper = ingest(PARAPHRASE, "paper.txt")
    quoted = Statement.objects.get(document__filename="wire.txt")

    # One statement, two inserts in one document (one statement, then deleted in one).
    Passage.objects.bulk_create(
        [
            Passage(document=paper, start=0, end=10, statement=quoted),
            Passage(document=paper, start=20, end=30, statement=quoted),
        ]
    )
    assert Statement.objects.get(pk=quoted.pk).source_count == 2
    Passage.objects.filter(document=paper, statement=quoted).delete()
    assert Statement.objects.get(pk=quoted.pk).source_count == 1
    assert not _out_of_step()


def test_a_rebuild_recounts_what_was_written_behind_the_triggers_back(outlets):
    Statement.objects.update(source_count=7)
    assert _out_of_step()

    tallies.source_counts_rebuild()

    assert not _out_of_step()
