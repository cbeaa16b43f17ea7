"""Bulk loads leave the query planner the statistics it needs to pick indexes at size."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db
SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's statistics")

SAMPLES = Path(__file__).resolve().parents[2] / "coverage" / "samples"


def _analysed_tables() -> set[str]:
    # ANALYZE leaves no row for an empty table: what is listed was analysed with data in it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:  # created by the first ANALYZE
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@SQLITE
def test_the_ingest_command_refreshes_the_planner_statistics():
    call_command("seed_lexicon", stdout=io.StringIO())
    assert "coverage_statement" not in _analysed_tables()
    call_command("ingest", str(SAMPLES), stdout=io.StringIO())
    assert {"coverage_statement", "coverage_statement_topics", "coverage_actor"} <= (
        _analysed_tables()
    )


@SQLITE
def test_generating_a_corpus_refreshes_the_planner_statistics():
    call_command("generate_corpus", "--documents", "3", "--records", "60", stdout=io.StringIO())
    assert {"coverage_event", "coverage_meeting_participants"} <= _analysed_tables()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's statistics")
def test_on_postgresql_the_ingest_analyses_the_tables_it_changed_and_no_others():
    """A full ANALYZE samples every table, the history's included: at a million records it
    grows with the archive, while a few documents change no table's statistics."""
    call_command("seed_lexicon", stdout=io.StringIO())
    call_command("ingest", str(SAMPLES), stdout=io.StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL "
            "AND schemaname = current_schema()"
        )
        analysed = {row[0] for row in cursor.fetchall()}
    assert {"coverage_statement", "coverage_statement_topics", "coverage_passage"} <= analysed
    assert "coverage_tombstone" not in analysed  # nothing written there
