"""Test-wide environment: tests run with debug off, like production, and a throwaway key."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-5f0c2b7e9d1a4c3b8e6f0a2d4c6e8b1a")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
