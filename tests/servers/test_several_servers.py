"""Several app servers, one truth: two gunicorn servers on loopback sharing one PostgreSQL
database and one Redis cache. An edit made through one is what the other shows next.

Needs PostgreSQL and Redis on 127.0.0.1 (TEST_SERVERS_POSTGRES, default
postgres://postgres@127.0.0.1:5432; TEST_SERVERS_REDIS_URL, default redis://127.0.0.1:6379/7).
Skipped when they do not answer, except under CI=true, where their absence fails. The test
creates its own database (test_coverage_servers_<random>) and drops it afterwards.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("TEST_SERVERS_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("TEST_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/7")

pytestmark = pytest.mark.slow


def _answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def services():
    missing = [
        name
        for name, url, port in (("PostgreSQL", POSTGRES, 5432), ("Redis", REDIS_URL, 6379))
        if not _answers(url, port)
    ]
    if missing:
        message = f"{' and '.join(missing)} not answering on 127.0.0.1"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="module")
def shared(services, tmp_path_factory):
    """A fresh database with the sample ingested and an admin account, and the environment
    both servers run with."""
    name = f"test_coverage_servers_{secrets.token_hex(4)}"
    _psql(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{name}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SUPERUSER_PASSWORD": "servers-test-password-8d1f",
    }
    manage = [str(BIN / "python"), "manage.py"]
    try:
        for args in (
            ["migrate", "--noinput", "-v0"],
            ["seed_lexicon"],
            ["ingest", "coverage/samples/"],
            ["createsuperuser", "--noinput", "--username", "chief", "--email", "c@example.org"],
        ):
            subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)
        yield env
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def servers(shared):
    """Two gunicorn servers (two workers each) on loopback ports."""
    started = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [str(BIN / "gunicorn"), "--pythonpath", "scripts", "bench_wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
                cwd=ROOT, env=shared, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            started.append((process, port))
        for _, port in started:
            _wait_for(port)
        yield [port for _, port in started]
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=20)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _Browser(port).get("/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn on port {port} did not start")


class _Browser:
    """A client for one server that keeps its cookies (secure ones too: the server is told
    the request came over HTTPS, as a proxy in front of it would)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def _request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, str]:
        return self._request("GET", path)

    def post(self, path: str, data: dict | list) -> tuple[int, str]:
        data = [*(data.items() if isinstance(data, dict) else data)]
        data.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        return self._request("POST", path, urlencode(data))

    def log_in(self, username: str, password: str) -> None:
        self.get("/admin/login/")
        status, _ = self.post("/admin/login/", {"username": username, "password": password})
        assert status == 302, "login failed"


def _statement_ids(html: str) -> set[str]:
    return set(re.findall(r'href="[^"]*#statement-(\d+)"', unescape(html)))


def test_an_edit_through_one_server_is_what_the_other_shows_next(shared, servers):
    first, second = _Browser(servers[0]), _Browser(servers[1])
    # Both servers show the statements, the second from the page the first cached in Redis.
    status, page = first.get("/statements/?sort=-date")
    assert status == 200
    shown = _statement_ids(page)
    assert len(shown) > 5
    assert _statement_ids(second.get("/statements/?sort=-date")[1]) == shown
    assert _statement_ids(second.get("/statements/?sort=-date")[1]) == shown

    # An editor hides one through the first server (two workers: any of them may answer).
    hidden = sorted(shown)[0]
    editor = _Browser(servers[0])
    editor.log_in("chief", shared["DJANGO_SUPERUSER_PASSWORD"])
    status, _ = editor.post(
        "/admin/coverage/statement/",
        [("action", "make_hidden"), ("_selected_action", hidden), ("index", "0")],
    )
    assert status == 302

    # The next view through the second server, and through the first, no longer shows it.
    for browser in (second, first, second):
        status, page = browser.get("/statements/?sort=-date")
        assert status == 200
        assert hidden not in _statement_ids(page)
        assert _statement_ids(page) and _statement_ids(page) != shown
