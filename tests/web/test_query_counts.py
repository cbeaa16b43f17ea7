"""Every page issues the same number of SQL queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage.models import Actor, Document, Summit, Topic
from tests.web import factories as f

pytestmark = pytest.mark.django_db

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
    counts = {}
    for url in urls:
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


def test_pages_stay_under_a_query_budget(client, django_assert_max_num_queries):
    f.rows(30)
    for url in LIST_URLS + _detail_urls():
        with django_assert_max_num_queries(20):
            client.get(url)
