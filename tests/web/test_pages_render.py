import pytest
from django.urls import reverse

from tests.web import factories as f

pytestmark = pytest.mark.django_db

PAGES = [
    "coverage:dashboard",
    "coverage:timeline",
    "coverage:positions",
    "coverage:statement_list",
    "coverage:meeting_list",
    "coverage:response_list",
    "coverage:event_list",
    "coverage:actor_list",
    "coverage:document_list",
    "coverage:search",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_with_an_empty_database(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_with_data(client, name):
    f.rows(3)
    response = client.get(reverse(name), {"q": "Passage"} if name == "coverage:search" else {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<main" in html and "<nav" in html and "<footer" in html
    assert 'href="#main"' in html


def test_detail_pages_render(client):
    f.rows(3)
    from coverage.models import Actor, Document, Topic

    for url in [
        Actor.objects.first().get_absolute_url(),
        Document.objects.first().get_absolute_url(),
        Topic.objects.first().get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_no_page_uses_inline_style_or_script(client):
    f.rows(3)
    from coverage.models import Actor, Document, Topic

    urls = [reverse(n) for n in PAGES] + [
        Actor.objects.first().get_absolute_url(),
        Document.objects.first().get_absolute_url(),
        Topic.objects.first().get_absolute_url(),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), url
