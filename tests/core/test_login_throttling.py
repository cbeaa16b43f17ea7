"""Login lock-outs key on the username and the client's address, read through the trusted
proxies; a login tried during a lock-out is not counted as a failure."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.1"  # the reverse proxy: every request's socket address
EDITOR, ATTACKER = "198.51.100.7", "203.0.113.5"
PASSWORD = "right-password-123"


@pytest.fixture
def chief():
    return User.objects.create_superuser("chief", password=PASSWORD)


def login(client, password: str, *, forwarded: str, remote: str = PROXY):
    return client.post(
        reverse("admin:login"),
        {"username": "chief", "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_an_attacker_locks_only_their_own_address(client, chief, settings):
    settings.COVERAGE_TRUSTED_PROXIES = 1
    for _ in range(5):
        login(client, "wrong", forwarded=ATTACKER)
    assert login(client, PASSWORD, forwarded=ATTACKER).status_code == 429
    response = login(client, PASSWORD, forwarded=EDITOR)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_addresses_the_client_writes_into_the_header_are_ignored(client, chief, settings):
    settings.COVERAGE_TRUSTED_PROXIES = 1
    for n in range(5):  # a new made-up address each time; the proxy appends the real one
        login(client, "wrong", forwarded=f"192.0.2.{n}, {ATTACKER}")
    assert login(client, PASSWORD, forwarded=f"192.0.2.99, {ATTACKER}").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_without_trusted_proxies_the_header_is_not_believed(client, chief):
    for n in range(5):
        login(client, "wrong", forwarded=f"192.0.2.{n}", remote=ATTACKER)
    assert login(client, PASSWORD, forwarded="192.0.2.99", remote=ATTACKER).status_code == 429


def test_the_right_password_during_a_lock_is_not_counted_as_a_failure(client, chief):
    for _ in range(5):
        login(client, "wrong", forwarded="", remote=ATTACKER)
    locked_at = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        assert login(client, PASSWORD, forwarded="", remote=ATTACKER).status_code == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 5 and attempt.attempt_time == locked_at
    # Once the cool-off has passed since the last counted failure, the editor gets in.
    AccessAttempt.objects.update(attempt_time=locked_at - dt.timedelta(minutes=16))
    assert login(client, PASSWORD, forwarded="", remote=ATTACKER).status_code == 302


@pytest.mark.parametrize("value", ["-1", "two"])
def test_a_bad_trusted_proxies_value_fails_loudly(value):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "1", "COVERAGE_TRUSTED_PROXIES": value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "COVERAGE_TRUSTED_PROXIES must" in result.stderr
