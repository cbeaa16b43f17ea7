"""Whole public pages are cached for readers who are not logged in, until the next edit."""

import pytest
from django.contrib.auth.models import User

from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    return f.statement(f.actor("Xi Jinping"), summary="Security is indivisible.")


def test_a_readers_second_view_is_served_from_the_cache(client, statement):
    assert client.get("/statements/")["X-Page-Cache"] == "miss"
    second = client.get("/statements/")
    assert second["X-Page-Cache"] == "hit"
    assert "Security is indivisible." in second.content.decode()
    # Served pages keep the headers the outer middleware adds.
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_an_edit_shows_at_once_on_a_cached_page(client, statement):
    client.get("/statements/")
    statement.summary = "Edited words"
    statement.save()
    page = client.get("/statements/")
    assert page["X-Page-Cache"] == "miss"
    assert "Edited words" in page.content.decode()


def test_the_same_filters_in_another_order_are_one_cached_page(client, statement):
    xi = statement.speaker
    client.get(f"/statements/?speaker={xi.pk}&stance=neutral")
    assert client.get(f"/statements/?stance=neutral&speaker={xi.pk}")["X-Page-Cache"] == "hit"
    assert client.get(f"/statements/?stance=supports&speaker={xi.pk}")["X-Page-Cache"] == "miss"


def test_logged_in_editors_always_get_a_live_page(client, statement):
    client.force_login(User.objects.create_user("editor", password="x" * 20))
    client.get("/statements/")
    page = client.get("/statements/")
    assert "X-Page-Cache" not in page
    assert "Security is indivisible." in page.content.decode()


def test_downloads_admin_pages_and_errors_are_never_cached(client, statement):
    for url in ("/statements/?_export=csv", "/admin/login/", "/actors/no-such-actor/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_the_page_cache_can_be_turned_off(client, settings, statement):
    settings.COVERAGE_PAGE_CACHE = False
    client.get("/statements/")
    assert "X-Page-Cache" not in client.get("/statements/")
