"""Database upkeep that is not a record write."""

from __future__ import annotations

from django.db import connection


def database_analyze() -> None:
    """Refresh the query planner's statistics after a bulk load (an ingest run, a corpus).

    Without them SQLite guesses: it grouped the positions matrix's twelve actors by scanning
    every statement of every topic instead of reading those actors' statements by index. A
    full ANALYZE is cheap beside a bulk load; SQLite's sampled one (``PRAGMA analysis_limit``)
    is faster but misjudged the date index and made the newest-first lists scan and sort every
    statement. PostgreSQL's autovacuum analyses on its own, but not straight after a bulk
    load.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
