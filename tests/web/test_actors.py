import pytest

from coverage.models import ActorAlias, ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_actor_page_shows_who_they_are(client):
    putin = f.actor("Vladimir Putin", title="President", country="Russia", bloc="member")
    ActorAlias.objects.create(actor=putin, alias="President Putin")
    html = client.get(putin.get_absolute_url()).content.decode()
    assert "<h1>Vladimir Putin" in html
    for text in ("President", "Russia", "Summit member", "President Putin", "Person"):
        assert text in html


def test_actor_page_lists_statements_meetings_and_responses(client):
    putin, modi = f.actor("Vladimir Putin"), f.actor("Narendra Modi")
    f.statement(putin, summary="Putin praises the SCO")
    f.statement(putin, summary="Putin hidden remark", review_state=ReviewState.HIDDEN)
    f.meeting([putin, modi], summary="Putin and Modi ride together")
    f.response(putin, summary="Moscow welcomes the declaration")
    html = client.get(putin.get_absolute_url()).content.decode()
    assert "Putin praises the SCO" in html
    assert "Putin hidden remark" not in html
    assert "Putin and Modi ride together" in html
    assert "Moscow welcomes the declaration" in html


def test_actor_page_links_to_all_statements_when_there_are_many(client):
    putin = f.actor("Vladimir Putin")
    for i in range(30):
        f.statement(putin, summary=f"Remark {i}")
    html = client.get(putin.get_absolute_url()).content.decode()
    assert f"/statements/?speaker={putin.pk}" in html


def test_hidden_actor_has_no_page_and_is_not_listed(client):
    ghost = f.actor("Ghost", review_state=ReviewState.HIDDEN)
    assert client.get(ghost.get_absolute_url()).status_code == 404
    assert b"Ghost" not in client.get("/actors/").content


def test_actors_list_filters_by_kind(client):
    f.actor("India", kind="state")
    f.actor("Narendra Modi", kind="person")
    html = client.get("/actors/", {"kind": "state"}).content.decode()
    assert "India" in html and "Narendra Modi" not in html
