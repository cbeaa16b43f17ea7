"""Every page issues the same number of SQL queries for 3 rows as for 30, and at most 12."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage.models import Actor, Document, Summit, Topic
from tests.web import factories as f

pytestmark = pytest.mark.django_db

BUDGET = 12


def _only_the_generation_read(ctx) -> bool:
    sql = [q["sql"] for q in ctx.captured_queries]
    return len(sql) == 1 and sql[0].startswith("SELECT") and "coverage_cachegeneration" in sql[0]


LIST_URLS = [
    "/",
    "/timeline/",
    "/positions/",
    "/statements/",
    "/statements/?_export=csv",
    "/meetings/",
    "/meetings/?_export=json",
    "/responses/",
    "/responses/?_export=xlsx",
    "/events/",
    "/events/?_export=csv",
    "/actors/",
    "/actors/?all=1&page=2",
    "/actors/?q=Actor&kind=person&bloc=member",
    "/documents/",
    "/search/?q=Passage",
    "/timeline.json",
]


def _detail_urls():
    actor = Actor.objects.filter(statements__isnull=False).order_by("pk").first()
    return [
        actor.get_absolute_url(),
        Document.objects.order_by("pk").first().get_absolute_url(),
        Topic.objects.get(name="Security").get_absolute_url(),
    ]


def _count(client, urls):
    """Queries per page with a cold cache (the worst case)."""
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(ctx.captured_queries)
    return counts


def _reset():
    for model in (Document, Summit, Topic):
        model.objects.all().delete()
    for model in ("statement", "response", "meeting", "event", "membership"):
        getattr(f, model.capitalize()).objects.all().delete()
    Actor.objects.all().delete()


def test_list_pages_issue_the_same_number_of_queries_for_3_and_30_rows(client):
    f.rows(3)
    small = _count(client, LIST_URLS)
    _reset()
    f.rows(30)
    large = _count(client, LIST_URLS)
    assert small == large


def test_detail_pages_issue_the_same_number_of_queries_for_3_and_30_rows(client):
    f.rows(3)
    small = list(_count(client, _detail_urls()).values())  # actor, document, topic
    _reset()
    f.rows(30)
    large = list(_count(client, _detail_urls()).values())
    assert small == large


def test_every_page_stays_within_the_query_budget(client):
    f.rows(30)
    counts = _count(client, LIST_URLS + _detail_urls())
    over = {url: n for url, n in counts.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"


def test_a_second_view_of_any_public_page_comes_from_the_page_cache(client):
    f.rows(30)
    for url in LIST_URLS + _detail_urls():
        if "_export" in url:
            continue  # downloads are rendered every time
        cache.clear()
        client.get(url)  # fills the cache
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit", url
        # Only the edit generation is read: it is what tells a cached page is still right.
        assert _only_the_generation_read(ctx), (url, ctx.captured_queries)


def test_the_aggregates_stay_cached_while_pages_are_rendered_afresh(client, settings):
    settings.COVERAGE_PAGE_CACHE = False
    f.rows(30)
    for url in ("/", "/positions/"):
        cache.clear()
        client.get(url)  # fills the aggregate caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert _only_the_generation_read(ctx), (url, ctx.captured_queries)
