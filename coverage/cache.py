"""Cached aggregates for the public pages, invalidated by a "generation" token.

Every cached value's key includes the current generation. Any edit to a coverage model bumps
the generation (see ``coverage.signals``), so the next page view misses the cache and
recomputes; stale entries are never read again and simply expire.

``queryset.update()``, ``bulk_create()`` and ``bulk_update()`` send no signals: code that
edits records that way must call :func:`bump` afterwards (inside a transaction,
``transaction.on_commit(bump)`` as well). Entries also expire after ``TIMEOUT`` seconds, which
bounds how long a missed bump, or a per-process local-memory cache, can show stale data.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import QuerySet

T = TypeVar("T")

log = logging.getLogger(__name__)

PREFIX = "coverage"
GENERATION_KEY = f"{PREFIX}:generation"
TIMEOUT = 300  # seconds

_MISSING = object()


def generation() -> str:
    """The current generation token (created on first use, or after an eviction)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY) or "0"
    return token


def bump() -> None:
    """Invalidate every cached aggregate. Safe to call anywhere, any number of times.

    Never raises: an edit must not fail because the cache server is down (entries written
    before the outage still expire after ``TIMEOUT``).
    """
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        log.exception("could not invalidate the page cache")


def bump_now_and_on_commit() -> None:
    """Bump now and again once the current transaction commits.

    The second bump stops a concurrent request that read the old rows between the first
    bump and the commit from leaving its stale result in the cache.
    """
    bump()
    transaction.on_commit(bump)


def key(name: str, *parts: object) -> str:
    return ":".join([PREFIX, generation(), name, *(str(p) for p in parts)])


def cached(name: str, *parts: object, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """``compute()`` once per generation for this name and key parts.

    A cache server that is down makes pages slower, never broken: the value is computed.
    """
    try:
        k = key(name, *parts)
        value = cache.get(k, _MISSING)
    except Exception:
        log.warning("page cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(k, value, timeout)
        except Exception:
            log.warning("page cache unavailable; not storing %s", name, exc_info=True)
    return value


def query_digest(qs: QuerySet) -> str:
    """A short key naming exactly the rows ``qs`` selects: its database and compiled SQL.

    Two querysets built differently but compiling to the same SQL share cached values; any
    filter, ordering or parameter that changes the rows changes the digest.
    """
    sql, params = qs.query.sql_with_params()
    return hashlib.sha256(repr((qs.db, sql, params)).encode()).hexdigest()[:32]


def cached_for(name: str, qs: QuerySet, *, compute: Callable[[], T]) -> T:
    """``compute()`` once per generation for the rows of ``qs`` (see :func:`query_digest`)."""
    try:
        digest = query_digest(qs)
    except EmptyResultSet:  # qs.none(), e.g. an invalid filter: nothing to read or cache
        return compute()
    return cached(name, digest, compute=compute)
