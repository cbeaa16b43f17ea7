"""SQLite's search index (coverage.search.sqlite): always in step with the records, self-healing.

Each record table has a trigram FTS5 index fed by triggers; ``ensure()`` (run after every
``migrate``) recreates what a table rebuild dropped. ``_in_step`` asks FTS5 itself to compare
an index with its table.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, models, transaction
from django.test.utils import CaptureQueriesContext

from coverage import selectors, tallies
from coverage.models import Document, Event, Meeting, Response, Statement
from coverage.search import sqlite as search_index
from tests.web import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the trigram index is SQLite's"),
]


def _in_step(model) -> bool:
    """FTS5's integrity check with rank 1 also compares the index with its content table."""
    table = search_index.fts_table(model)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    except DatabaseError:
        return False
    return True


def _found(q: str) -> list[str]:
    return [s.summary for s in selectors.search(q).statements]


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall()}


def test_every_record_table_has_an_index_in_step_after_migrate():
    for model in search_index.INDEXED:
        table = search_index.fts_table(model)
        assert _in_step(model), model
        assert {f"{table}_insert", f"{table}_update", f"{table}_delete"} <= _triggers()


def test_ensure_costs_one_query_and_changes_nothing_when_all_is_in_place():
    with CaptureQueriesContext(connection) as ctx:
        assert search_index.ensure() == []
    assert len(ctx.captured_queries) == 1


def test_new_edited_and_deleted_records_show_in_search_at_once():
    st = f.statement(summary="Grain corridor remark")
    assert _found("corridor") == ["Grain corridor remark"]
    st.summary = "Fertiliser exports remark"
    st.save()
    assert _found("corridor") == [] and _found("fertiliser") == ["Fertiliser exports remark"]
    st.delete()
    assert _found("fertiliser") == []
    assert _in_step(Statement)


def test_queryset_update_and_delete_keep_the_index_in_step():
    for i in range(3):
        f.statement(summary=f"Remark {i} on tariffs")
    Statement.objects.filter(summary__endswith="1 on tariffs").update(summary="Remark on quotas")
    assert sorted(_found("tariff")) == ["Remark 0 on tariffs", "Remark 2 on tariffs"]
    assert _found("quotas") == ["Remark on quotas"]
    Statement.objects.filter(summary__contains="0 on").delete()
    assert _found("tariff") == ["Remark 2 on tariffs"]
    # A review-state update touches no indexed text: the index is left alone, still in step.
    Statement.objects.update(review_state="verified", edited=True)
    assert _in_step(Statement)


def test_bulk_created_records_of_every_kind_are_found():
    speaker, doc = f.actor("Some speaker"), f.document("Plain article text.")
    day = dt.date(2025, 9, 1)
    Statement.objects.bulk_create(
        [Statement(speaker=speaker, summary=f"Bulk quinoa remark {i}", date=day) for i in range(3)]
    )
    Response.objects.bulk_create([Response(responder=speaker, responds_to="the quinoa plan")])
    Meeting.objects.bulk_create([Meeting(summary="A meeting", location="Quinoa hall")])
    Event.objects.bulk_create([Event(title="Quinoa fair", kind=f.SESSION, date=day)])
    Document.objects.bulk_create(
        [Document(title="Crops", text="All about quinoa.", sha256="a" * 64, published=day)]
    )
    results = selectors.search("QUINOA")
    assert results.counts == {
        "statements": 3,
        "responses": 1,
        "meetings": 1,
        "events": 1,
        "actors": 0,
        "documents": 1,
    }
    assert doc not in results.documents
    for model in search_index.INDEXED:
        assert _in_step(model), model


def test_ensure_restores_dropped_triggers_and_catches_up_on_what_they_missed():
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "coverage_statement_fts_insert"')
    f.statement(summary="Missed while unindexed")
    assert _found("unindexed") == [] and not _in_step(Statement)
    assert search_index.ensure() == ["coverage_statement_fts"]
    assert _found("unindexed") == ["Missed while unindexed"] and _in_step(Statement)
    f.statement(summary="Indexed again")
    assert _found("indexed again") == ["Indexed again"]


@pytest.mark.parametrize(
    "damage",
    [
        'DROP TABLE "coverage_event_fts"',
        # An index of other columns, as an older version of the code might have left.
        'DROP TABLE "coverage_event_fts"; '
        "CREATE VIRTUAL TABLE \"coverage_event_fts\" USING fts5(title, content='coverage_event', "
        "content_rowid='id', tokenize='trigram')",
    ],
)
def test_ensure_recreates_a_missing_or_different_index(damage):
    f.event("Harbour opening", location="Piraeus")
    with connection.cursor() as cursor:
        for sql in damage.split("; "):
            cursor.execute(sql)
    assert search_index.ensure() == ["coverage_event_fts"]
    assert [e.title for e in selectors.search("piraeus").events] == ["Harbour opening"]
    assert _in_step(Event)


def test_ensure_drops_indexes_and_triggers_no_longer_wanted():
    """E.g. a renamed table: SQLite moves its triggers along, still feeding the old index."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE coverage_gone (id INTEGER PRIMARY KEY, text TEXT)")
        cursor.execute(
            "CREATE VIRTUAL TABLE coverage_gone_fts USING fts5(text, content='coverage_gone', "
            "content_rowid='id', tokenize='trigram')"
        )
        cursor.execute(
            "CREATE TRIGGER coverage_gone_fts_insert AFTER INSERT ON coverage_gone BEGIN "
            "INSERT INTO coverage_gone_fts(rowid, text) VALUES (new.id, new.text); END"
        )
    assert search_index.ensure() == []
    assert "coverage_gone_fts_insert" not in _triggers()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'coverage_gone%'")
        assert [name for (name,) in cursor.fetchall()] == ["coverage_gone"]
    assert search_index.ensure() == []


@pytest.mark.django_db(transaction=True)
def test_the_index_survives_a_migration_that_rebuilds_the_table():
    """Django's SQLite schema editor copies a table into a new one for many ALTERs, which drops
    its triggers; the next ``migrate`` puts them back and catches the index up."""
    f.statement(summary="Before the rebuild")
    quote = Statement._meta.get_field("quote")
    nullable = models.TextField(blank=True, null=True)
    nullable.set_attributes_from_name("quote")
    nullable.model = Statement
    tallies.drop_sqlite_triggers()  # as migrate does first (coverage.tallies)
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(Statement, quote, nullable)  # a table rebuild on SQLite
            editor.alter_field(Statement, nullable, quote)  # and back
        assert "coverage_statement_fts_insert" not in _triggers()
        f.statement(summary="After the rebuild")
        call_command("migrate", verbosity=0)
        assert sorted(_found("the rebuild")) == ["After the rebuild", "Before the rebuild"]
        assert _in_step(Statement)
        f.statement(summary="After the migrate")
        assert _found("after the migrate") == ["After the migrate"]
    finally:
        search_index.ensure()
        tallies.ensure()


def test_without_fts5_search_scans_with_like_and_ensure_does_nothing(monkeypatch, client):
    monkeypatch.setattr(search_index, "available", lambda: False)
    f.statement(summary="Found by a plain scan")
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "coverage_statement_fts_insert"')
    assert search_index.ensure() == []
    assert "coverage_statement_fts_insert" not in _triggers()
    with CaptureQueriesContext(connection) as ctx:
        assert "Found by a plain scan" in client.get("/search/", {"q": "PLAIN SC"}).content.decode()
    assert not any("_fts" in query["sql"] for query in ctx.captured_queries)
