import pytest

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
