"""Database upkeep that is not a record write."""

from __future__ import annotations

from django.db import connection


def database_analyze() -> None:
    """Refresh the query planner's statistics after a bulk load (an ingest run, a corpus).

    Without them SQLite guesses: it grouped the positions matrix's twelve actors by scanning
    every statement of every topic (130 ms at 100,000 statements) instead of reading those
    actors' statements by index (10 ms). A full ANALYZE takes ~0.2 s at 200,000 records;
    SQLite's sampled one (``PRAGMA analysis_limit``) is faster but misjudged the date index
    and made the newest-first lists scan and sort every statement. PostgreSQL's autovacuum
    analyses on its own, but not straight after a bulk load.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
