"""Only GET and HEAD reach the public pages (and GET, HEAD, POST the admin): OPTIONS, TRACE
and the rest get an empty 405 that says what is allowed, never a page."""

import pytest
from django.urls import reverse

from tests.web import factories as f

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/timeline/",
    "/timeline.json",
    "/export.json",
    "/statements/",
    "/search/",
    "/healthz",
]


@pytest.mark.parametrize("method", ["options", "trace", "put", "delete", "patch"])
def test_public_pages_answer_other_methods_with_an_empty_405(client, method):
    f.rows(1)
    for url in [*PUBLIC, reverse("coverage:topic_positions", args=["security"])]:
        response = getattr(client, method)(url)
        assert response.status_code == 405, (url, method)
        assert response["Allow"] == "GET, HEAD"
        assert response.content == b""


def test_trace_on_the_admin_is_405_and_post_still_logs_in(client, django_user_model):
    django_user_model.objects.create_superuser("chief", password="right-password-123")
    url = reverse("admin:login")
    for method in ("trace", "options"):
        response = getattr(client, method)(url)
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"
        assert response.content == b""
    client.post(url, {"username": "chief", "password": "right-password-123"})
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.generic("TRACE", reverse("admin:index")).content == b""


def test_get_and_head_still_answer(client):
    assert client.get("/").status_code == 200
    assert client.head("/statements/").status_code == 200
