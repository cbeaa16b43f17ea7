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

SQLite's planner choices live here too: how to list the first few of many matching rows
(fetch them all and sort, walk the list's index keeping the matches, or walk it asking the
text index about each row), weighed from counts. ``planned()`` is the one check that turns
all of it on, by the queryset's database: PostgreSQL has real full-text search and its own
planner (coverage.search.postgresql); nothing here runs there, not even the counts.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable

from django.db import connections, transaction
from django.db.models import BooleanField, F, IntegerField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from coverage import cache, records
from coverage.models import CacheGeneration, Document

# Model -> the fields of its own table that search matches: each record kind's search fields
# (coverage.records), and the documents'. Names on related actors are matched separately, by
# actor id.
INDEXED: dict[type[Model], tuple[str, ...]] = {
    **{kind.model: kind.search_fields for kind in records.KINDS if kind.search_fields},
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


def planned(using: str = "default") -> bool:
    """Whether this module's indexes and choices apply to the database ``using``: SQLite.
    The one place that asks; no other database pays for the counts they weigh."""
    return connections[using].vendor == "sqlite"


def enabled(using: str = "default") -> bool:
    return planned(using) and available()


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


# --- Listing the first matches ------------------------------------------------------------------

# How search lists the first matches of a kind (see matching() and plans()).
FETCH, WALK, PROBE = "fetch", "walk", "probe"
# Asking the text index about one row costs about what keeping 800 of its matches in a list
# does (an index probe against a comparison of keys).
PROBE_COST = 800


def walking_in(qs: QuerySet, keys: QuerySet | RawSQL) -> QuerySet:
    """The rows of ``qs`` whose key is among ``keys``, compared as ``pk + 0``: a value the
    planner cannot look rows up by, so SQLite reads ``qs`` in its order (along its index) and
    keeps the rows in the list, the walk worth_walking weighs."""
    return qs.alias(walk_key=F("pk") + 0).filter(walk_key__in=keys)


def worth_walking(matches: int, rows: int, limit: int) -> bool:
    """Whether to read a list along its ordering's index and keep the matching rows until it
    has ``limit`` of them (about rows / matches * limit rows read, if matches are spread out)
    rather than fetch every match and sort them (``matches`` rows read)."""
    return matches * matches > rows * limit


def among(
    qs: QuerySet, keys: QuerySet, *, share: Callable[[], tuple[int, int]], limit: int
) -> QuerySet:
    """The rows of ``qs`` whose key is among ``keys``. On SQLite, when ``share()`` (how many
    keys, of about how many rows: asked only there) makes it worth it, walked in the list's
    order; otherwise looked up by key and sorted."""
    if planned(qs.db) and worth_walking(*share(), limit):
        return walking_in(qs, keys)
    return qs.filter(pk__in=keys)


def search_plan(matches: int, indexed: int | None, rows: int, limit: int) -> str:
    """The cheapest way to list the first ``limit`` of ``matches`` public rows, of ``indexed``
    rows the text index matches (None: no index), in a table of about ``rows``. Probing
    asks about rows / indexed * limit rows one by one, where walking first lists every match:
    probing wins for a word in a large share of the rows, and loses badly for a rare one."""
    if indexed is not None and indexed * indexed > PROBE_COST * limit * rows:
        return PROBE
    return WALK if worth_walking(matches, rows, limit) else FETCH


def plan_figures(qs: QuerySet, q: str) -> tuple[list[str], list]:
    """SQL of the two figures search_plan weighs for ``qs``'s kind, for a query that reads
    them with its counts: about how many rows the table holds (its highest key: no count of
    rows) and how many rows the index matches (the index alone), else NULL; on another
    database "0" and NULL (no plan is made there)."""
    if not planned(qs.db):
        return ["0", "NULL"], []
    meta = qs.model._meta
    parts = [f'(SELECT COALESCE(MAX("{meta.pk.column}"), 0) FROM "{meta.db_table}")']
    indexed = count_containing(qs.model, q, using=qs.db)
    if indexed is None:
        return [*parts, "NULL"], []
    return [*parts, f"({indexed.sql})"], list(indexed.params)


def plans(tallies: dict, limit: int, *, using: str) -> dict[str, str] | None:
    """Each kind's plan (search_plan) from its tally (matches, indexed, rows), or None when
    every kind's is FETCH or the database is not SQLite (the lists stay as they are)."""
    if not planned(using):
        return None
    chosen = {name: search_plan(t.matches, t.indexed, t.rows, limit) for name, t in tallies.items()}
    return None if set(chosen.values()) == {FETCH} else chosen


def matching(
    qs: QuerySet, q: str, *, also: QuerySet | None = None, by_name: Q | None = None, plan: str
) -> QuerySet | None:
    """Rows whose indexed text contains ``q``, or that ``by_name`` selects, or whose key is
    one of ``also``; None where no index answers (the caller scans with LIKE).

    ``plan``, when a page shows the first few of the rows: FETCH every match by its key, then
    sort them; WALK the list's order index and keep the rows among the matches (listed first);
    PROBE: walk it and ask the index about each row.
    """
    probe = row_contains(qs.model, q, using=qs.db) if plan == PROBE else None
    if probe is not None:
        condition = Q(probe)
        if by_name is not None:
            condition |= by_name
        if also is not None:
            condition |= Q(pk__in=also)
        return qs.filter(condition)
    ids = [] if also is None else [also]
    if by_name is not None:
        ids.append(qs.model.objects.filter(by_name).values("pk"))
    rows = rows_containing(qs.model, q, *ids, using=qs.db)
    if rows is None:
        return None
    # One IN list: an OR of INs has SQLite read the index twice.
    return walking_in(qs, rows) if plan == WALK else qs.filter(pk__in=rows)


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
    if not planned(using):
        return []
    connection = connections[using]
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
