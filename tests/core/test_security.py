"""Production settings, login throttling, CSP and the health check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "Zq8v1-wTn4bYk2s_Lr7pXe9cGm3hJd6fUa0oIy5tRb2nKw8vQs4",
    "DJANGO_ALLOWED_HOSTS": "coverage.example.org",
}


def test_check_deploy_prints_no_warning_under_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


@pytest.mark.django_db
def test_admin_login_is_locked_after_repeated_failures(client):
    User.objects.create_superuser("chief", password="right-password-123")
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "chief", "password": "wrong"})
    locked = client.post(url, {"username": "chief", "password": "right-password-123"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_every_response_carries_a_strict_csp(client):
    policy = client.get("/healthz")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
