"""Summary tables of public records, kept by database triggers: counts that do not grow with
the archive at read time.

``TopicTally`` counts public statements and responses per topic, actor and stance (the
positions matrix, topic boards, which topics have positions); ``SummitTally`` counts public
records per summit (a record's own, else its document's: ``selectors.in_summit``), kind and
actor (the dashboard's counts and most quoted speakers, an actor's counts). A record is counted
while it is not hidden; whether its *actor* is hidden, or Western, is asked at read time by
joining the small actor table, so hiding an actor changes no tally.

Why triggers: every write changes them in its own transaction, whatever wrote it — ingest's
bulk_create and bulk_update, ``QuerySet.update()`` in editor actions, admin saves, the
collector's cascades when a document or summit is deleted, raw SQL — with nothing for a new
write path to forget. One statement list per trigger serves SQLite and PostgreSQL (upserts,
``NEW``/``OLD``); PostgreSQL wraps it in a PL/pgSQL function.

Django's SQLite schema editor rebuilds a table for many ALTERs, which a trigger reading that
table from another one would break: on SQLite a ``migrate`` with something to apply drops
them first (pre_migrate), and ``ensure()`` runs after every ``migrate`` (post_migrate), like
``search.sqlite.ensure()``: it creates what is missing or different and then recounts every
tally from the records (``tallies_rebuild``), since writes made without triggers were missed.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connections, transaction

from coverage import cache
from coverage.models import PASSAGE_RECORDS, CacheGeneration, SummitTally, TopicTally

TOPIC = TopicTally._meta.db_table
SUMMIT = SummitTally._meta.db_table
PUBLIC = "review_state <> 'hidden'"

# kind -> the column naming its actor (None: counted per summit only)
ACTOR = {"statement": "speaker_id", "response": "responder_id", "meeting": None, "event": None}
WITH_TOPICS = ("statement", "response")

_TO_TOPIC = (
    f"INSERT INTO {TOPIC} (topic_id, kind, actor_id, stance, n) SELECT {{}}"
    f" ON CONFLICT (topic_id, kind, actor_id, stance) DO UPDATE SET n = {TOPIC}.n + excluded.n"
)
_TO_SUMMIT = (
    f"INSERT INTO {SUMMIT} (summit_id, kind, actor_id, n) SELECT {{}}"
    f" ON CONFLICT (summit_id, kind, actor_id) DO UPDATE SET n = {SUMMIT}.n + excluded.n"
)


def _summit_of(row: str) -> str:
    return (
        f"COALESCE({row}.summit_id, (SELECT d.summit_id FROM coverage_document d "
        f"WHERE d.id = {row}.document_id), 0)"
    )


def _record_to_summit(kind: str, row: str, sign: str) -> str:
    actor = f"{row}.{ACTOR[kind]}" if ACTOR[kind] else "0"
    # (SQLite needs a WHERE in an upsert's SELECT; here it is the condition anyway)
    return _TO_SUMMIT.format(f"{_summit_of(row)}, '{kind}', {actor}, {sign} WHERE {row}.{PUBLIC}")


def _record_to_topics(kind: str, row: str, sign: str) -> str:
    return _TO_TOPIC.format(
        f"t.topic_id, '{kind}', {row}.{ACTOR[kind]}, {row}.stance, {sign} "
        f"FROM coverage_{kind}_topics t WHERE t.{kind}_id = {row}.id AND {row}.{PUBLIC}"
    )


def _link_to_topics(kind: str, row: str, sign: str) -> str:
    return _TO_TOPIC.format(
        f"{row}.topic_id, '{kind}', r.{ACTOR[kind]}, r.stance, {sign} "
        f"FROM coverage_{kind} r WHERE r.id = {row}.{kind}_id AND r.{PUBLIC}"
    )


def _document_records_to_summit(kind: str, row: str, sign: str) -> str:
    """A document's records without a summit of their own, counted under ``row``'s summit."""
    actor = f"r.{ACTOR[kind]}" if ACTOR[kind] else "0"
    group = f"r.{ACTOR[kind]}" if ACTOR[kind] else "r.document_id"
    return _TO_SUMMIT.format(
        f"COALESCE({row}.summit_id, 0), '{kind}', {actor}, {sign} * COUNT(*) "
        f"FROM coverage_{kind} r WHERE r.document_id = NEW.id AND r.summit_id IS NULL "
        f"AND r.{PUBLIC} GROUP BY {group}"
    )


def _changed(columns: tuple[str, ...], distinct: str) -> str:
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in columns)


class Trigger(NamedTuple):
    name: str
    event: str  # INSERT, UPDATE or DELETE
    table: str
    body: list[str]  # SQL statements, with NEW and OLD
    when: tuple[str, ...] = ()  # UPDATE: only when one of these columns changes
    condition: str = ""  # and only for rows where this holds (SQL on NEW or OLD)


def _when(trigger: Trigger, distinct: str) -> str:
    changed = _changed(trigger.when, distinct) if trigger.when else ""
    if changed and trigger.condition:
        return f"({changed}) AND {trigger.condition}"
    return changed or trigger.condition


def triggers(sources: bool = True) -> list[Trigger]:
    """Every tally trigger; ``sources``: with those keeping the records' source_count (a
    database migrated back to before it has no such column)."""
    found = []
    for kind, actor in ACTOR.items():
        table = f"coverage_{kind}"
        watched = ("review_state", "summit_id", "document_id")
        insert = [_record_to_summit(kind, "NEW", "1")]
        delete = [_record_to_summit(kind, "OLD", "-1")]
        update = [_record_to_summit(kind, "OLD", "-1"), _record_to_summit(kind, "NEW", "1")]
        if kind in WITH_TOPICS:
            watched += (actor, "stance")
            # Topic links still there when the record goes (Django deletes them first)
            delete.append(_record_to_topics(kind, "OLD", "-1"))
            update += [_record_to_topics(kind, "OLD", "-1"), _record_to_topics(kind, "NEW", "1")]
            links = f"coverage_{kind}_topics"
            add, remove = _link_to_topics(kind, "NEW", "1"), _link_to_topics(kind, "OLD", "-1")
            found += [
                Trigger(f"{links}_tally_insert", "INSERT", links, [add]),
                Trigger(f"{links}_tally_delete", "DELETE", links, [remove]),
                Trigger(f"{links}_tally_update", "UPDATE", links, [remove, add]),
            ]
        found += [
            Trigger(f"{table}_tally_insert", "INSERT", table, insert),
            Trigger(f"{table}_tally_delete", "DELETE", table, delete),
            Trigger(f"{table}_tally_update", "UPDATE", table, update, watched),
        ]
    moved = [
        sql
        for kind in ACTOR
        for sql in (
            _document_records_to_summit(kind, "OLD", "-1"),
            _document_records_to_summit(kind, "NEW", "1"),
        )
    ]
    found.append(
        Trigger(
            "coverage_document_tally_update", "UPDATE", "coverage_document", moved, ("summit_id",)
        )
    )
    return found + _source_count_triggers() if sources else found


# --- Each record's source_count ----------------------------------------------------------------
#
# The documents reporting a record: its own (``document_id``, where its primary passage is) and
# those of its other passages, kept on the record so a table sorts and filters by it along an
# index. A record is inserted with its own document counted (models.SourceCount), so its
# primary passage changes nothing: on PostgreSQL a record row written twice costs its search
# vector and every index twice. A passage inserted in a document new to its record adds one: of
# several passages of one record in one document only the first (the lowest key) counts, which
# holds for SQLite's triggers (run row by row) and PostgreSQL's (run after the statement,
# seeing all its rows). A passage deleted or moved, or a record's own document changed,
# recounts that record. Each is an index range of one record's passages, never a scan.

PASSAGE = "coverage_passage"


def _source_count(kind: str) -> str:
    """The count, for the row of ``coverage_<kind>`` being updated."""
    table = f"coverage_{kind}"
    return (
        f"((SELECT COUNT(DISTINCT p.document_id) FROM {PASSAGE} p WHERE p.{kind}_id = {table}.id "
        f"AND ({table}.document_id IS NULL OR p.document_id <> {table}.document_id)) "
        f"+ CASE WHEN {table}.document_id IS NULL THEN 0 ELSE 1 END)"
    )


def _recount_sources(kind: str, record: str) -> str:
    n = _source_count(kind)
    return (
        f"UPDATE coverage_{kind} SET source_count = {n} WHERE id = {record} AND source_count <> {n}"
    )


def _passage_counted(kind: str) -> str:
    return (
        f"UPDATE coverage_{kind} SET source_count = source_count + 1 WHERE id = NEW.{kind}_id "
        "AND (document_id IS NULL OR document_id <> NEW.document_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {PASSAGE} p WHERE p.{kind}_id = NEW.{kind}_id "
        "AND p.document_id = NEW.document_id AND p.id < NEW.id)"
    )


def _passage_gone(kind: str, row: str) -> str:
    return (
        f"{_recount_sources(kind, f'{row}.{kind}_id')} AND NOT EXISTS (SELECT 1 FROM {PASSAGE} p "
        f"WHERE p.{kind}_id = {row}.{kind}_id AND p.document_id = {row}.document_id "
        f"AND p.id <> {row}.id)"
    )


def _source_count_triggers() -> list[Trigger]:
    """One insert and one delete trigger per record kind (each passage has one record key:
    the others' triggers do not run), one for passages that move, and one per record table
    for a record whose own document changes."""
    keys = tuple(f"{kind}_id" for kind in PASSAGE_RECORDS)
    found = []
    for kind in PASSAGE_RECORDS:
        found += [
            Trigger(
                f"{PASSAGE}_{kind}_tally_insert", "INSERT", PASSAGE, [_passage_counted(kind)],
                condition=f"NEW.{kind}_id IS NOT NULL",
            ),
            Trigger(
                f"{PASSAGE}_{kind}_tally_delete", "DELETE", PASSAGE, [_passage_gone(kind, "OLD")],
                condition=f"OLD.{kind}_id IS NOT NULL",
            ),
            Trigger(
                f"coverage_{kind}_sources_tally_update", "UPDATE", f"coverage_{kind}",
                [_recount_sources(kind, "NEW.id")], ("document_id",),
            ),
        ]  # fmt: skip
    update = [
        _recount_sources(kind, f"{row}.{kind}_id")
        for kind in PASSAGE_RECORDS
        for row in ("OLD", "NEW")
    ]
    return [
        *found,
        Trigger(f"{PASSAGE}_tally_update", "UPDATE", PASSAGE, update, ("document_id", *keys)),
    ]


def source_counts_rebuild(using: str = "default") -> None:
    """Recount every record's source_count (writing only those that differ)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for kind in PASSAGE_RECORDS:
            n = _source_count(kind)
            cursor.execute(
                f"UPDATE coverage_{kind} SET source_count = {n} WHERE source_count <> {n}"
            )


def _sqlite_sql(trigger: Trigger) -> str:
    when = f" WHEN {_when(trigger, 'IS NOT')}" if trigger.when or trigger.condition else ""
    body = " ".join(f"{sql};" for sql in trigger.body)
    return (
        f'CREATE TRIGGER "{trigger.name}" AFTER {trigger.event} ON "{trigger.table}"'
        f"{when} BEGIN {body} END"
    )


def _postgres_function(trigger: Trigger) -> str:
    return " BEGIN " + " ".join(f"{sql};" for sql in trigger.body) + " RETURN NULL; END "


def _postgres_sql(trigger: Trigger) -> list[str]:
    when = (
        f" WHEN ({_when(trigger, 'IS DISTINCT FROM')})" if trigger.when or trigger.condition else ""
    )
    return [
        f'CREATE OR REPLACE FUNCTION "{trigger.name}"() RETURNS trigger LANGUAGE plpgsql '
        f"AS $${_postgres_function(trigger)}$$",
        f'CREATE OR REPLACE TRIGGER "{trigger.name}" AFTER {trigger.event} ON "{trigger.table}" '
        f'FOR EACH ROW{when} EXECUTE FUNCTION "{trigger.name}"()',
    ]


# --- Recount -----------------------------------------------------------------------------------


def _recount_summit(kind: str) -> str:
    actor = f"r.{ACTOR[kind]}" if ACTOR[kind] else "0"
    group = "1, 3" if ACTOR[kind] else "1"
    return (
        f"SELECT COALESCE(r.summit_id, d.summit_id, 0), '{kind}', {actor}, COUNT(*) "
        f"FROM coverage_{kind} r LEFT JOIN coverage_document d ON d.id = r.document_id "
        f"WHERE r.{PUBLIC} GROUP BY {group}"
    )


def _recount_topic(kind: str) -> str:
    return (
        f"SELECT t.topic_id, '{kind}', r.{ACTOR[kind]}, r.stance, COUNT(*) "
        f"FROM coverage_{kind}_topics t JOIN coverage_{kind} r ON r.id = t.{kind}_id "
        f"WHERE r.{PUBLIC} GROUP BY t.topic_id, r.{ACTOR[kind]}, r.stance"
    )


def tallies_rebuild(using: str = "default") -> None:
    """Recount every tally from the records (after triggers were missing, or a bulk load
    that bypassed them)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TOPIC}")
        cursor.execute(f"DELETE FROM {SUMMIT}")
        for kind in ACTOR:
            cursor.execute(
                f"INSERT INTO {SUMMIT} (summit_id, kind, actor_id, n) {_recount_summit(kind)}"
            )
        for kind in WITH_TOPICS:
            cursor.execute(
                f"INSERT INTO {TOPIC} (topic_id, kind, actor_id, stance, n) {_recount_topic(kind)}"
            )


# --- Schema upkeep -----------------------------------------------------------------------------


def _existing(connection) -> dict[str, str]:
    """Name -> definition of the tally triggers in the database (SQLite: the CREATE
    statement; PostgreSQL: the function's body and the trigger's table, event and WHEN)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT t.tgname, p.prosrc || '|' || pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal"
            )
        return {name: sql for name, sql in cursor.fetchall() if "_tally_" in name}


def _counts_sources(connection) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "coverage_statement")
    return any(c.name == "source_count" for c in columns)


def _wanted(connection, sources: bool) -> dict[str, str]:
    if connection.vendor == "sqlite":
        return {t.name: _sqlite_sql(t) for t in triggers(sources)}
    return {t.name: _postgres_function(t) for t in triggers(sources)}


def _same(vendor: str, wanted: str, existing: str | None) -> bool:
    if existing is None:
        return False
    if vendor == "sqlite":
        return existing == wanted
    return existing.partition("|")[0] == wanted


def ensure(using: str = "default") -> list[str]:
    """Create or repair every tally trigger; returns the triggers it (re)created. When any
    was missing or different, every tally is recounted. One query when all is in place."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return []
    tables = connection.introspection.table_names()
    if TOPIC not in tables or SUMMIT not in tables:  # migrated back to before the tallies
        return []
    existing = _existing(connection)
    sources = _counts_sources(connection)
    wanted = _wanted(connection, sources)
    stale = [
        t
        for t in triggers(sources)
        if not _same(connection.vendor, wanted[t.name], existing.get(t.name))
    ]
    unwanted = [name for name in existing if name not in wanted]
    if not stale and not unwanted:
        return []
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for name in unwanted:
            cursor.execute(f'DROP TRIGGER "{name}"' if connection.vendor == "sqlite" else
                           f'DROP FUNCTION "{name}"() CASCADE')  # fmt: skip
        for trigger in stale:
            if connection.vendor == "sqlite":
                cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger.name}"')
                cursor.execute(_sqlite_sql(trigger))
            else:
                for sql in _postgres_sql(trigger):
                    cursor.execute(sql)
        tallies_rebuild(using)
        if sources:
            source_counts_rebuild(using)
        if using == "default" and CacheGeneration._meta.db_table in tables:
            cache.bump()
    return [t.name for t in stale]


def drop_sqlite_triggers(using: str = "default") -> None:
    """Drop every tally trigger from a SQLite database (no-op elsewhere).

    SQLite checks every trigger's tables when a table is renamed, and Django's schema editor
    rebuilds a table by creating a copy, dropping the original and renaming the copy: a tally
    trigger on another table that reads the dropped one fails that rename ("no such table").
    So ``migrate`` runs without them, and ``ensure()`` puts them back and recounts after it.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _existing(connection):
            cursor.execute(f'DROP TRIGGER "{name}"')


def drop_before_migrate(sender, using: str = "default", plan=None, **kwargs) -> None:
    """pre_migrate receiver (coverage.apps): a migrate with migrations to apply runs without
    SQLite's tally triggers (see drop_sqlite_triggers)."""
    if plan:
        drop_sqlite_triggers(using)


def ensure_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (coverage.apps)."""
    ensure(using)
