import pytest

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_positions_table_has_topics_as_rows_and_actors_as_columns(client):
    security, trade = f.topic("Security"), f.topic("Trade")
    xi, modi = f.actor("Xi Jinping"), f.actor("Narendra Modi")
    f.statement(xi, topics=[security], stance="supports")
    f.statement(modi, topics=[trade], stance="opposes")
    html = client.get("/positions/").content.decode()
    assert '<th scope="row"><a href="/positions/security/">Security</a></th>' in html
    assert "Xi Jinping</a></th>" in html and "Narendra Modi</a></th>" in html
    assert f"/statements/?speaker={xi.pk}&amp;topic={security.pk}&amp;stance=supports" in html


def test_positions_include_western_responders_as_columns(client):
    security = f.topic("Security")
    us = f.actor("United States", bloc="western", kind="state")
    f.response(us, topics=[security], stance="rejects")
    html = client.get("/positions/").content.decode()
    assert 'United States</a> <span class="muted">(Western)</span>' in html
    assert f"/responses/?responder={us.pk}&amp;topic={security.pk}&amp;stance=rejects" in html


def test_positions_ignore_hidden_statements(client):
    security = f.topic("Security")
    f.statement(f.actor("Ghost speaker"), topics=[security], review_state=ReviewState.HIDDEN)
    html = client.get("/positions/").content.decode()
    assert "Ghost speaker" not in html


def test_topic_page_shows_each_actors_statements_beside_western_responses(client):
    security = f.topic("Security")
    doc = f.document("Xi said security is indivisible. Washington rejected that.")
    f.statement(
        f.actor("Xi Jinping"),
        doc=doc,
        words="security is indivisible",
        topics=[security],
        quote="security is indivisible",
    )
    f.response(
        f.actor("United States", bloc="western"),
        doc=doc,
        words="Washington rejected",
        topics=[security],
        stance="rejects",
    )
    f.response(f.actor("Belarus", bloc="member"), summary="Minsk agrees", topics=[security])
    html = client.get("/positions/security/").content.decode()
    assert "<h1>Security</h1>" in html
    assert "<q>security is indivisible</q>" in html
    assert "United States" in html and "Rejects" in html
    assert "Minsk agrees" not in html
    assert "/documents/" in html


def test_unknown_topic_is_a_404(client):
    assert client.get("/positions/no-such-topic/").status_code == 404
