"""Substring search on SQLite without scanning tables: FTS5 trigram indexes.

Each record table's own text columns get an FTS5 table (``<table>_fts``) with the ``trigram``
tokenizer: external content (the text lives only in the record table), case-insensitive,
and a phrase query matches exactly the rows containing the query as a substring, like
``icontains`` does, for queries of three characters or more (shorter ones cannot be indexed:
``rows_containing`` returns None and the caller falls back to LIKE).

Triggers keep each index in step with its table on every insert, update and delete (save(),
QuerySet.update(), bulk_create and raw SQL alike). Django's SQLite schema editor rebuilds a
table for many ALTERs (create, copy, drop, rename), which drops that table's triggers, so
``ensure()`` runs after every ``migrate`` (post_migrate): it creates whatever is missing or
out of date and rebuilds the index of every table whose triggers it had to re-create.
PostgreSQL has real full-text search (coverage.search.postgresql); nothing here runs there.
"""

from __future__ import annotations

import functools
import logging
import sqlite3

from django.db import connections, transaction
from django.db.models import BooleanField, IntegerField, Model, QuerySet
from django.db.models.expressions import RawSQL

from coverage import cache
from coverage.models import CacheGeneration, Document, Event, Meeting, Response, Statement

# Model -> the fields of its own table that search matches (names on related actors are
# matched separately, by actor id).
INDEXED: dict[type[Model], tuple[str, ...]] = {
    Statement: ("quote", "summary"),
    Response: ("quote", "summary", "responds_to"),
    Meeting: ("summary", "location"),
    Event: ("title", "summary", "location"),
    Document: ("title", "text"),
}

# The trigram tokenizer indexes three-character sequences; shorter queries match nothing.
MIN_LENGTH = 3

log = logging.getLogger(__name__)


@functools.cache
def available() -> bool:
    """Whether this SQLite has FTS5 and its trigram tokenizer (3.34+); without them search
    keeps to LIKE scans."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def enabled(using: str = "default") -> bool:
    return connections[using].vendor == "sqlite" and available()


def fts_table(model: type[Model]) -> str:
    return f"{model._meta.db_table}_fts"


def phrase(q: str) -> str:
    """The query as one FTS5 string: no operator or syntax character in it means anything."""
    return '"' + q.replace('"', '""') + '"'


def searchable(model: type[Model], q: str, using: str = "default") -> bool:
    """Whether an index answers ``q`` for ``model``: SQLite with FTS5, a model with an index,
    a query long enough for trigrams and without a NUL (where SQLite would cut it)."""
    return enabled(using) and model in INDEXED and len(q) >= MIN_LENGTH and "\x00" not in q


def rows_containing(
    model: type[Model], q: str, *also: QuerySet, using: str = "default"
) -> RawSQL | None:
    """Subquery of the pks of ``model`` rows whose indexed text contains ``q`` (any case),
    and of the pks ``also`` selects (querysets of one column).

    None when there is no index to ask: not SQLite (or one without FTS5), a model without
    one, or a query too short for trigrams (or holding a NUL, where SQLite would cut it).
    """
    if not searchable(model, q, using):
        return None
    table = fts_table(model)
    sql, params = f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [phrase(q)]
    for ids in also:
        # UNION ALL: IN keeps each pk once anyway, without a sort to drop duplicates.
        more, more_params = ids.order_by().query.get_compiler(using=using).as_sql()
        sql += f" UNION ALL {more}"
        params.extend(more_params)
    return RawSQL(sql, params)


def row_contains(model: type[Model], q: str, using: str = "default") -> RawSQL | None:
    """A condition on a row of ``model``'s own table (unaliased: a top-level query) that holds
    when its indexed text contains ``q``, asked of the index for that row alone. Cheap for a
    word in a good share of the rows, which a list walked in order meets within a few rows;
    ruinous for a rare one, met after thousands of probes. None where no index answers."""
    if not searchable(model, q, using):
        return None
    table, meta = fts_table(model), model._meta
    return RawSQL(
        f'EXISTS (SELECT 1 FROM "{table}" WHERE "{table}" MATCH %s '
        f'AND rowid = "{meta.db_table}"."{meta.pk.column}")',
        [phrase(q)],
        output_field=BooleanField(),
    )


def count_containing(model: type[Model], q: str, using: str = "default") -> RawSQL | None:
    """How many rows of ``model``'s table contain ``q``, hidden ones too (for planning, not
    for showing), from the index alone; None where no index answers."""
    if not searchable(model, q, using):
        return None
    table = fts_table(model)
    return RawSQL(
        f'SELECT COUNT(*) FROM "{table}" WHERE "{table}" MATCH %s',
        [phrase(q)],
        output_field=IntegerField(),
    )


# --- Schema ------------------------------------------------------------------------------------


def _quoted(names) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _values(prefix: str, pk: str, columns: tuple[str, ...]) -> str:
    return ", ".join(f'{prefix}."{name}"' for name in (pk, *columns))


def schema(model: type[Model]) -> dict[str, tuple[str, str]]:
    """Name -> (type, CREATE statement) of the index table and the triggers that feed it."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    columns = tuple(model._meta.get_field(name).column for name in INDEXED[model])
    fts = fts_table(model)
    insert = (
        f'INSERT INTO "{fts}"(rowid, {_quoted(columns)}) VALUES ({_values("new", pk, columns)});'
    )
    delete = (
        f'INSERT INTO "{fts}"("{fts}", rowid, {_quoted(columns)}) '
        f"VALUES ('delete', {_values('old', pk, columns)});"
    )
    changed = " OR ".join(f'old."{name}" IS NOT new."{name}"' for name in (pk, *columns))
    return {
        fts: (
            "table",
            f'CREATE VIRTUAL TABLE "{fts}" USING fts5({_quoted(columns)}, '
            f"content='{table}', content_rowid='{pk}', tokenize='trigram')",
        ),
        f"{fts}_insert": (
            "trigger",
            f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        ),
        f"{fts}_delete": (
            "trigger",
            f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        ),
        # Only when indexed text changes: a review-state update leaves the index alone.
        f"{fts}_update": (
            "trigger",
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF {_quoted((pk, *columns))} '
            f'ON "{table}" WHEN {changed} BEGIN {delete} {insert} END',
        ),
    }


def _ours(name: str, kind: str, sql: str | None) -> bool:
    """An index table or trigger of this module's naming (possibly one no longer wanted)."""
    if kind == "trigger":
        return name.endswith(("_fts_insert", "_fts_update", "_fts_delete"))
    return kind == "table" and name.endswith("_fts") and "USING fts5(" in (sql or "")


def ensure(using: str = "default") -> list[str]:
    """Create or repair every index and trigger; returns the tables it (re)built.

    An index whose table or triggers were missing or different may have missed changes, so
    it is rebuilt from its table. Indexes and triggers no longer wanted (a table renamed or no
    longer indexed) are dropped. Costs one query when everything is in place.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    if not available():
        log.warning("SQLite without FTS5 trigram tokenizer: search scans tables (LIKE)")
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name, sql FROM sqlite_master WHERE type != 'index'")
        existing = {name: (kind, sql) for kind, name, sql in cursor.fetchall()}
    wanted = {name for model in INDEXED for name in schema(model)}
    unwanted = [n for n, (kind, sql) in existing.items() if _ours(n, kind, sql) and n not in wanted]
    stale = [
        model
        for model in INDEXED
        # (a table that does not exist: migrated back to before it did)
        if model._meta.db_table in existing
        and any(existing.get(name) != spec for name, spec in schema(model).items())
    ]
    if not stale and not unwanted:
        return []
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for name in unwanted:
            cursor.execute(f'DROP {existing[name][0].upper()} "{name}"')
        for model in stale:
            for name, (kind, sql) in schema(model).items():
                if existing.get(name) != (kind, sql):
                    if name in existing:
                        cursor.execute(f'DROP {existing[name][0].upper()} "{name}"')
                    cursor.execute(sql)
            fts = fts_table(model)
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
        # Searches cached before missed what the rebuilt indexes now find (a database migrated
        # back to before the generation's table has no cache to invalidate).
        if stale and using == "default" and CacheGeneration._meta.db_table in existing:
            cache.bump()
    return [fts_table(model) for model in stale]


def ensure_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (coverage.apps)."""
    ensure(using)
