"""Fetching an article from its address, or a one-line reason why not.

It is the server that fetches, at an address a user typed: every connection (the first and each
redirect) goes only to public addresses unless COVERAGE_FETCH_ALLOW_PRIVATE is on, so a link
cannot make the server reach its own loopback, private network or cloud metadata service.
The address checked is the address connected to (no second DNS lookup that could differ).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import replace
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings

from coverage.sources import InputError, SourceText, from_html, max_bytes_allowed

TIMEOUT_SECONDS = 15
MAX_REDIRECTS = 3
HTML_TYPES = ("text/html", "application/xhtml+xml")
_USER_AGENT = "SummitCoverage/1.0 (+article ingest)"


class RefusedAddress(OSError):
    """The host resolves to an address the server must not fetch from."""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def source_from_url(
    url: str,
    *,
    max_bytes: int | None = None,
    timeout: float = TIMEOUT_SECONDS,
    allow_private: bool | None = None,
) -> SourceText:
    """Fetch one page and extract its article: text, title, date and canonical address.

    Raises InputError with a one-line reason (refused address, unreachable, not HTML, too big,
    too many redirects, no article text). ``allow_private`` defaults to the setting.
    """
    if allow_private is None:
        allow_private = settings.COVERAGE_FETCH_ALLOW_PRIVATE
    limit = max_bytes_allowed(max_bytes)
    address = _checked_url(url.strip(), url)
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),  # a proxy would connect where no check was made
        _NoRedirect(),
        _GuardedHTTPHandler(allow_private),
        _GuardedHTTPSHandler(allow_private),
    )
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            address, headers={"User-Agent": _USER_AGENT, "Accept": "text/html"}
        )
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if 300 <= error.code < 400 else None
            error.close()
            if not location:
                raise InputError(
                    f"{url}: the server answered {error.code} {error.reason}"
                ) from None
            address = _checked_url(urljoin(address, location), url)
            continue
        except urllib.error.URLError as error:
            raise InputError(_unreachable(url, error.reason, timeout)) from None
        except (OSError, http.client.HTTPException) as error:
            raise InputError(_unreachable(url, error, timeout)) from None
        with response:
            html = _read_html(response, url, limit, timeout)
        source = from_html(html, url, url=address)
        canonical = _canonical(source.source_url, address)
        # No file name: documents fetched from different sites may share one ("index.html").
        return replace(source, filename="", source_url=canonical, title=source.title or canonical)
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _checked_url(address: str, asked: str) -> str:
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{asked}: only http:// and https:// addresses can be fetched")
    # The fragment is the reader's, not the page's: one page, one document.
    return urlunsplit(parts._replace(fragment=""))


def _read_html(response, url: str, limit: int, timeout: float) -> str:
    content_type = response.headers.get_content_type()
    if content_type not in HTML_TYPES:
        raise InputError(f"{url}: not an HTML page (the server sent {content_type})")
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputError(f"{url}: page is {int(declared):,} bytes, over the {limit:,}-byte limit")
    # The timeout bounds each wait for bytes; a server sending a byte now and then would keep
    # the request open for ever, so the whole body must come within the timeout too.
    deadline = time.monotonic() + timeout
    data = bytearray()
    try:
        while chunk := response.read1(64 * 1024):
            data += chunk
            if len(data) > limit:
                raise InputError(f"{url}: page is over the {limit:,}-byte limit")
            if time.monotonic() > deadline:
                raise InputError(f"{url}: page not received within {timeout:g} seconds")
    except (OSError, http.client.HTTPException) as error:
        raise InputError(_unreachable(url, error, timeout)) from None
    data = bytes(data)
    charset = response.headers.get_content_charset()
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    from trafilatura.utils import decode_file

    return decode_file(data)


def _canonical(canonical: str, fetched: str) -> str:
    """The page's canonical address when it names one on the same site, else the address
    fetched. Another site's address is not trusted: a page could claim to be any document
    already ingested and replace its text."""
    if not canonical:
        return fetched
    try:
        parts = urlsplit(canonical)
    except ValueError:
        return fetched
    if parts.scheme not in ("http", "https") or site(parts.hostname) != site(
        urlsplit(fetched).hostname
    ):
        return fetched
    return urlunsplit(parts._replace(fragment=""))


def site(host: str | None) -> str:
    """A host as a reader names the site: lower case, without "www."."""
    host = (host or "").lower()
    return host.removeprefix("www.")


def _unreachable(url: str, reason: object, timeout: float) -> str:
    if isinstance(reason, RefusedAddress):
        return f"{url}: refused: {reason}"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{url}: no answer within {timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return f"{url}: unreachable (no such host)"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"{url}: unreachable ({text})"


def refused_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why the server must not connect to ``ip``, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind, test in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a reserved", ip.is_reserved or ip.is_unspecified),
        ("a private", ip.is_private),
    ):
        if test:
            return kind
    return None if ip.is_global else "a non-public"


def _guarded_connect(allow_private: bool):
    """socket.create_connection that resolves the host itself and connects only to addresses
    it allows, so the address checked is the one used."""

    def connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kw):
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not allow_private:
            for *_, sockaddr in infos:
                ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
                reason = refused_reason(ip)
                if reason:
                    raise RefusedAddress(
                        f"{host} is {reason} address ({ip}); "
                        "set COVERAGE_FETCH_ALLOW_PRIVATE=1 to allow it"
                    )
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"{host}: no address")

    return connect


class _GuardedHTTPConnection(http.client.HTTPConnection):
    allow_private = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connect(self.allow_private)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    allow_private = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connect(self.allow_private)


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.connection = type(
            "Connection", (_GuardedHTTPConnection,), {"allow_private": allow_private}
        )

    def http_open(self, req):
        return self.do_open(self.connection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.connection = type(
            "Connection", (_GuardedHTTPSConnection,), {"allow_private": allow_private}
        )

    def https_open(self, req):
        return self.do_open(self.connection, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError, to be checked and followed by source_from_url."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None
