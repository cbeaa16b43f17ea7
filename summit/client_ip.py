"""The address a login comes from, for django-axes' lock-outs (AXES_CLIENT_IP_CALLABLE).

Behind COVERAGE_TRUSTED_PROXIES reverse proxies, each appending the address it was reached
from to X-Forwarded-For, the client is the last-but-(N-1) entry: entries further left were
written by the client itself and can be anything. With no trusted proxy the socket address is
the client, and X-Forwarded-For is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.COVERAGE_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote  # not through every trusted proxy: trust nothing the request says
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote
