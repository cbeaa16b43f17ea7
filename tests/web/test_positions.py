import datetime as dt

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


def test_topic_page_shows_the_most_vocal_actors_with_every_stance_counted(client):
    security = f.topic("Security")
    loud = f.actor("Loud Speaker")
    for day in range(1, 6):
        f.statement(loud, topics=[security], stance="supports", summary=f"Loud words {day}",
                    date=dt.date(2025, 9, day))  # fmt: skip
    f.statement(loud, topics=[security], stance="opposes", summary="Loud doubts")
    quiet = [f.actor(f"Quiet {n:02d}") for n in range(14)]
    for actor in quiet:
        f.statement(actor, topics=[security], summary=f"{actor.name} speaks once")
    html = client.get("/positions/security/").content.decode()
    # 15 speakers, 20 statements; the busiest first, twelve shown.
    assert "20 statements by 15 actors; the 12 who spoke most, with their newest words." in html
    assert html.index("Loud Speaker") < html.index("Quiet 00")
    assert "Quiet 10 speaks once" in html and "Quiet 11 speaks once" not in html
    assert "Supports ×5" in html and "Opposes ×1" in html
    # Only the three newest of the busiest speaker's six statements, and a way to the rest.
    assert "Loud words 5" in html and "Loud words 3" in html and "Loud words 2" not in html
    assert f"?speaker={loud.pk}&amp;topic={security.pk}&amp;sort=-date" in html
    assert "All 6 statements by Loud Speaker on Security" in html
    assert f"/statements/?topic={security.pk}&amp;sort=-date" in html


def test_topic_page_shows_the_newest_western_responses_and_counts_the_rest(client):
    security = f.topic("Security")
    us = f.actor("United States", bloc="western", kind="state")
    for day in range(1, 13):
        f.response(us, topics=[security], summary=f"Reply {day:02d}", date=dt.date(2025, 9, day))
    html = client.get("/positions/security/").content.decode()
    assert "The newest 10 of 12." in html
    assert "Reply 12" in html and "Reply 03" in html and "Reply 02" not in html
    assert html.index("Reply 12") < html.index("Reply 03")
    assert "All 12 Western responses on Security" in html


def test_topic_page_shows_an_edit_at_once(client):
    security = f.topic("Security")
    statement = f.statement(f.actor("Xi Jinping"), topics=[security], summary="First words")
    assert "First words" in client.get("/positions/security/").content.decode()
    statement.summary = "Edited words"
    statement.save()
    assert "Edited words" in client.get("/positions/security/").content.decode()
