"""Middleware: a strict Content Security Policy on every response (no inline script or style
anywhere), and whole public pages cached per edit generation."""

import hashlib
import logging
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import Resolver404, resolve

from coverage import cache

log = logging.getLogger(__name__)

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class AllowedMethodsMiddleware:
    """The public pages and the health check answer GET and HEAD; the admin also POST. Any
    other method (OPTIONS, TRACE, PUT...) gets an empty 405 with ``Allow`` before a view runs:
    function views would otherwise render their page for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed = ["GET", "HEAD"] if _read_only(request) else ["GET", "HEAD", "POST"]
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return self.get_response(request)


def _read_only(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True
    return match.namespace == "coverage" or match.url_name == "healthz"


# Larger pages (whole-table downloads, the JSON dataset) are rendered every time.
PAGE_CACHE_MAX_BYTES = 1024 * 1024


class PageCacheMiddleware:
    """Serves the public pages from the cache to readers who are not logged in.

    A page is stored under the current edit generation (coverage.cache) with its path and
    query string, so the first view after any edit renders it afresh, in every process.
    Editors (anyone with a session cookie) always get a live page, and nothing that sets a
    cookie or varies by it is stored. Every request to a public page reads the generation
    once, whether or not the page itself can be cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _public(request):
            return self.get_response(request)
        with cache.request_generation():
            if not (settings.COVERAGE_PAGE_CACHE and _cacheable(request)):
                return self.get_response(request)
            key = cache.key("page", _page_digest(request))
            response = _cache_call("get", key)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
            response = self.get_response(request)
            if _storable(response):
                _cache_call("set", key, response, cache.TIMEOUT)
                response["X-Page-Cache"] = "miss"
            return response


def _public(request: HttpRequest) -> bool:
    try:
        return resolve(request.path_info).namespace == "coverage"
    except Resolver404:
        return False


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "_export" not in request.GET
    )


def _page_digest(request: HttpRequest) -> str:
    # The same filters in another order are the same page.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and len(response.content) <= PAGE_CACHE_MAX_BYTES
    )


def _cache_call(method: str, *args: object) -> HttpResponse | None:
    """A cache server that is down makes pages slower, never broken."""
    try:
        return getattr(cache.cache, method)(*args)
    except Exception:
        log.warning("page cache unavailable", exc_info=True)
        return None
