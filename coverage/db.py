"""Database upkeep that is not a record write."""

from __future__ import annotations

from django.db import connection

# On PostgreSQL a table is analysed again once this share of its rows (and at least MIN_ROWS)
# changed since its statistics were made: autovacuum's own threshold
# (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold), applied at once; a table
# never analysed, at its first change.
SHARE = 0.1
MIN_ROWS = 50


def database_analyze() -> None:
    """Refresh the query planner's statistics after a bulk load (an ingest run, a corpus).

    Without them SQLite guesses: it grouped the positions matrix's twelve actors by scanning
    every statement of every topic instead of reading those actors' statements by index. A
    full ANALYZE is cheap beside a bulk load; SQLite's sampled one (``PRAGMA analysis_limit``)
    is faster but misjudged the date index and made the newest-first lists scan and sort every
    statement. PostgreSQL's autovacuum analyses on its own, but not straight after a bulk
    load: here only the tables never analysed or changed by a tenth since are (all of them
    after a load into a new database; none after a few documents into a large one, where a
    full ANALYZE samples every table, history included, and grows with the archive).
    """
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        # This session's counts reach pg_stat_user_tables at most once a second: now.
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
            "AND n_mod_since_analyze > 0 AND (n_mod_since_analyze >= %s + %s * n_live_tup "
            "OR COALESCE(last_analyze, last_autoanalyze) IS NULL) ORDER BY relname",
            [MIN_ROWS, SHARE],
        )
        tables = [connection.ops.quote_name(name) for (name,) in cursor.fetchall()]
        if tables:
            cursor.execute(f"ANALYZE {', '.join(tables)}")
