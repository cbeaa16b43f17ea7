import datetime as dt

import pytest
from django.db import connection

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_search_finds_statements_responses_meetings_events_actors_and_documents(client):
    modi = f.actor("Narendra Modi")
    f.statement(modi, summary="Modi on terrorism")
    f.response(summary="Reaction to terrorism remarks")
    f.meeting(summary="Talks on terrorism")
    f.event("Terrorism declaration adopted")
    f.document("A long article about terrorism.", title="Analysis")
    html = client.get("/search/", {"q": "terrorism"}).content.decode()
    for text in (
        "Modi on terrorism",
        "Reaction to terrorism remarks",
        "Talks on terrorism",
        "Terrorism declaration adopted",
        "Analysis",
    ):
        assert text in html
    assert "Narendra Modi" in client.get("/search/", {"q": "modi"}).content.decode()


def test_search_never_returns_hidden_records(client):
    f.statement(summary="Secret terrorism note", review_state=ReviewState.HIDDEN)
    f.actor("Terrorism watcher", review_state=ReviewState.HIDDEN)
    html = client.get("/search/", {"q": "terrorism"}).content.decode()
    assert "Secret terrorism note" not in html and "Terrorism watcher" not in html
    assert "Nothing found" in html


def test_search_finds_actors_by_alias(client):
    putin = f.actor("Vladimir Putin")
    putin.aliases.create(alias="President Putin")
    html = client.get("/search/", {"q": "president putin"}).content.decode()
    assert putin.get_absolute_url() in html


def test_empty_search_shows_the_form_only(client):
    html = client.get("/search/").content.decode()
    assert 'id="search-q"' in html and "result" not in html.split("<main")[1]


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@postgres_only
def test_full_text_search_stems_english_words(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    f.response(summary="Washington is sanctioning more banks.")
    f.document("Sanctioned exporters met in Tianjin.", title="Exporters")
    html = client.get("/search/", {"q": "sanction"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html
    assert "Washington is sanctioning more banks." in html
    assert "Exporters" in html


@postgres_only
def test_full_text_search_orders_by_relevance(client):
    f.statement(summary="Trade was discussed; sanctions came up once.", date=dt.date(2025, 1, 1))
    f.statement(
        summary="Sanctions, sanctions and more sanctions on the sanctions list.",
        date=dt.date(2025, 12, 1),
    )
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert html.index("more sanctions") < html.index("came up once")


@postgres_only
def test_full_text_search_understands_web_search_syntax(client):
    f.statement(summary="Sanctions on oil exports.")
    f.statement(summary="Sanctions on banks.")
    html = client.get("/search/", {"q": "sanctions -oil"}).content.decode()
    assert "Sanctions on banks." in html and "Sanctions on oil exports." not in html
    html = client.get("/search/", {"q": '"oil exports"'}).content.decode()
    assert "Sanctions on oil exports." in html and "Sanctions on banks." not in html


@postgres_only
def test_the_statement_table_text_filter_uses_the_same_search(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    html = client.get("/statements/", {"q": "sanction"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html


@pytest.mark.skipif(connection.vendor == "postgresql", reason="substring search is for SQLite")
def test_substring_search_without_postgresql(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    html = client.get("/search/", {"q": "sanct"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html


def test_search_counts_every_match_but_lists_the_first_25(client):
    speaker = f.actor("Sergey Lavrov")
    for i in range(30):
        f.statement(speaker, summary=f"Lavrov remark {i} on sanctions")
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert '<span class="count">30</span>' in html
    assert html.count('class="statement"') == 25
    assert "All 30 statements" in html
