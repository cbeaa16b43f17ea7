"""Ingest stays cheap in queries: a fixed handful per document, not one per record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage import cache
from coverage.lexicon import lexicon_load
from coverage.models import Passage
from coverage.services import document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db


def edition(text: str, n: int) -> SourceText:
    return SourceText(text=f"{text}\nEdition {n}.\n", filename=f"edition-{n}.txt", format="text")


def ingest_queries(source: SourceText, lexicon) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        document_ingest(source=source, lexicon=lexicon)
    return [q["sql"] for q in queries.captured_queries]


def test_a_new_document_with_known_actors_takes_a_fixed_handful_of_queries(lexicon, sample_text):
    loaded = lexicon_load()
    document_ingest(source=edition(sample_text, 1), lexicon=loaded)  # creates discovered actors

    sql = ingest_queries(edition(sample_text, 2), loaded)

    # Lookups (document, actors, summit, topics, membership pairs), one insert for the document,
    # one per record table and one per link table, the page cache's generation bumped (by the
    # document's save signal and for the bulk inserts), the savepoint around them, and one
    # around the document's insert (where a concurrent ingest of the same file is caught); and
    # the history: one insert for the document's version and one per record table ("created").
    assert len(sql) <= 26, "\n".join(sql)
    # The same article again reports the first one's statements: a passage each, no new ones.
    assert (
        Passage.objects.filter(statement__isnull=False, document__filename="edition-2.txt").count()
        > 5
    )
    # Nothing to look up for a document that did not exist a moment ago.
    assert not any("tombstone" in q for q in sql)
    assert not any(q.startswith("DELETE") for q in sql)


def test_reingesting_a_document_takes_no_query_per_record(lexicon, sample_text):
    loaded = lexicon_load()
    document_ingest(source=edition(sample_text, 1), lexicon=loaded)

    sql = ingest_queries(edition(sample_text, 1), loaded)

    # Per record kind: its existing rows, an update, and the links replaced; never per record.
    # Plus the page cache's generation bumped, and one read of the document's passages of
    # other documents' records.
    assert len(sql) <= 29, "\n".join(sql)
    assert sum("tombstone" in q for q in sql) == 1


def test_a_new_document_bumps_the_page_cache_generation_once(lexicon, sample_text):
    loaded = lexicon_load()
    document_ingest(source=edition(sample_text, 1), lexicon=loaded)
    before = cache.generation()

    sql = ingest_queries(edition(sample_text, 2), loaded)

    # The document's insert bumped it (its save signal), in the transaction that also writes
    # the records and passages: a second bump for the bulk writes would change nothing.
    assert sum(q.startswith('UPDATE "coverage_cachegeneration"') for q in sql) == 1
    assert cache.generation() != before


def test_reingesting_the_same_text_still_bumps_the_page_cache_generation(lexicon, sample_text):
    loaded = lexicon_load()
    document_ingest(source=edition(sample_text, 1), lexicon=loaded)
    before = cache.generation()

    sql = ingest_queries(edition(sample_text, 1), loaded)

    # The document row is not saved again, the records are updated in bulk: no signal.
    assert sum(q.startswith('UPDATE "coverage_cachegeneration"') for q in sql) == 1
    assert cache.generation() != before


def test_matching_reads_each_kind_with_its_participants_and_the_fellow_voices_once(
    lexicon, sample_text
):
    loaded = lexicon_load()
    document_ingest(source=edition(sample_text, 1), lexicon=loaded)

    sql = ingest_queries(edition(sample_text, 2), loaded)

    # Actors: the names looked up, then those who may speak with one voice with the
    # document's speakers or responders (for statements and responses alike); meetings and
    # events come with their participants (a join), not with a second query.
    assert sum(q.startswith('SELECT "coverage_actor"') for q in sql) == 2, "\n".join(sql)
    assert not any(
        q.startswith(('SELECT "coverage_event_participants"', 'SELECT "coverage_meeting_part'))
        for q in sql
    )
    assert sum(q.startswith('SELECT "coverage_event"') for q in sql) == 1
    assert sum(q.startswith('SELECT "coverage_meeting"') for q in sql) == 1
