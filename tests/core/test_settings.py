"""Settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_with_debug_off_fails_loudly():
    result = check(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_bad_debug_value_fails_loudly(value):
    result = check(DJANGO_DEBUG=value)
    assert result.returncode != 0 and "DJANGO_DEBUG must be 1 or 0" in result.stderr


def test_weak_secret_key_is_refused():
    result = check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0 and "too weak" in result.stderr


def test_debug_mode_starts_without_a_key():
    assert check(DJANGO_DEBUG="1").returncode == 0


def test_allowed_hosts_always_include_localhost(settings):
    assert {"localhost", "127.0.0.1"} <= set(settings.ALLOWED_HOSTS)
