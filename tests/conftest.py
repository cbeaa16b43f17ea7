"""Fixtures every test suite shares (core, web, browser)."""

import pytest


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run with DEBUG off, like production, but render templates without running
    collectstatic (the manifest storage needs it) and serve plain HTTP."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the local-memory cache outlives a test)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
