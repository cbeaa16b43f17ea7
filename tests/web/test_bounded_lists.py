"""Lists are bounded, and no query string makes a public page fail."""

import re

import pytest
from django.urls import reverse

from coverage.models import Actor
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TABLES = ["/statements/", "/responses/", "/meetings/", "/events/"]

# Every parameter a public page reads.
PARAMETERS = [
    "q", "summit", "speaker", "responder", "bloc", "actor", "topic", "stance", "kind",
    "review_state", "date_from", "date_to", "page", "per_page", "sort", "_export",
]  # fmt: skip
VALUES = [
    "garbage",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "x" * 50_000,
    "war peace " * 5_000,
    "%" * 50_000,
    "2025-13-45",
    "9999-12-31",
    "Ærø ✓ 日本語 🇺🇦",
    "nul\x00byte",
    "' OR 1=1 --",
]


@pytest.fixture
def pages() -> list[str]:
    f.rows(3)
    doc = f.document("War and peace were discussed at length by the leaders in Tianjin.")
    f.statement(doc=doc, words="War and peace", topics=[f.topic("Security")])
    actor = Actor.objects.first()
    return [
        "/",
        "/timeline/",
        "/timeline.json",
        "/positions/",
        reverse("coverage:topic_positions", args=["security"]),
        *TABLES,
        "/actors/",
        actor.get_absolute_url(),
        "/documents/",
        reverse("coverage:document_detail", args=[doc.pk]),
        "/search/",
    ]


def test_no_parameter_value_gives_a_server_error_on_any_public_page(client, pages):
    failures = []
    for url in pages:
        for name in PARAMETERS:
            for value in VALUES:
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append((url, name, value[:20], response.status_code))
    assert failures == []


def test_per_page_is_one_of_the_offered_sizes_else_the_default(client):
    f.rows(120)
    shown = {}
    for per_page in ["25", "50", "100", "100000", "-1", "0", "7", "abc"]:
        html = client.get("/statements/", {"per_page": per_page}).content.decode()
        shown[per_page] = len(re.findall(r"Passage number \d+", html))
    assert shown == {
        "25": 25, "50": 50, "100": 100, "100000": 25, "-1": 25, "0": 25, "7": 25, "abc": 25,
    }  # fmt: skip


def test_a_page_past_the_end_or_before_the_start_shows_the_last_page(client):
    f.rows(30)
    for page in ["2", "999", "-3"]:
        response = client.get("/statements/", {"page": page})
        assert response.status_code == 200
        assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize("url", ["/search/", "/actors/", "/documents/", *TABLES, "/timeline/"])
def test_a_huge_search_is_cut_to_200_characters_with_a_notice(client, url):
    f.rows(3)
    response = client.get(url, {"q": "Passage " * 6_250})  # 50,000 characters
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only the first 200 characters of the search were used." in html
    assert "Passage " * 30 not in html  # the form shows what was searched, not all of it


def test_an_ordinary_search_shows_no_notice(client):
    f.rows(3)
    html = client.get("/statements/", {"q": "Passage"}).content.decode()
    assert "Only the first" not in html and "Passage number 1" in html
