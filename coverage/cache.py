"""Cached pages and aggregates for the public pages, invalidated by a "generation".

Every cached value's key includes the current generation, a number kept in the database
(:class:`coverage.models.CacheGeneration`). Any edit to a coverage model changes it (see
``coverage.signals``), in the edit's own transaction, so every process sees the new generation
exactly when it sees the edit, whichever cache backend holds the values (local memory per
process, or Redis shared by all): the next page view misses and recomputes; stale entries are
never read again and simply expire.

``queryset.update()``, ``bulk_create()`` and ``bulk_update()`` send no signals: code that
edits records that way must call :func:`bump` (in the same transaction). A request reads the
generation once (:func:`request_generation`); entries also expire after ``TIMEOUT`` seconds.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import F, QuerySet

from coverage.models import CacheGeneration

T = TypeVar("T")

log = logging.getLogger(__name__)

PREFIX = "coverage"
TIMEOUT = 300  # seconds

_MISSING = object()
_request_token: ContextVar[str | None] = ContextVar("coverage_cache_generation", default=None)


def _read() -> str:
    value = CacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    if value is None:  # a new (or flushed) database: start from a random number, never reused
        value = CacheGeneration.objects.get_or_create(
            pk=1, defaults={"value": secrets.randbits(62)}
        )[0].value
    return str(value)


def generation() -> str:
    """The current generation: the request's, read once, or else the database's."""
    return _request_token.get() or _read()


@contextmanager
def request_generation() -> Iterator[None]:
    """Read the generation once for everything cached that one request touches."""
    token = _request_token.set(_read())
    try:
        yield
    finally:
        _request_token.reset(token)


def bump() -> None:
    """Invalidate every cached page and aggregate, in every process.

    One row's UPDATE, in the caller's transaction: a reader that sees the new generation also
    sees the edit, so nothing stale is ever stored under it; a rolled-back edit keeps the old.
    """
    _request_token.set(None)
    if not CacheGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        CacheGeneration.objects.get_or_create(pk=1, defaults={"value": secrets.randbits(62)})


def key(name: str, *parts: object) -> str:
    return ":".join([PREFIX, generation(), name, *(str(p) for p in parts)])


def cached(name: str, *parts: object, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """``compute()`` once per generation for this name and key parts.

    A cache server that is down makes pages slower, never broken: the value is computed.
    """
    k = key(name, *parts)
    try:
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
