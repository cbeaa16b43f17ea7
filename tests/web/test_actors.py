import datetime as dt

import pytest

from coverage.models import ActorAlias, ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_actor_page_shows_who_they_are(client):
    putin = f.actor("Vladimir Putin", title="President", country="Russia", bloc="member")
    ActorAlias.objects.get_or_create(actor=putin, alias="President Putin")  # (in the lexicon)
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
    f.statement(ghost, summary="Words of a hidden actor")
    assert client.get(ghost.get_absolute_url()).status_code == 404
    assert b"Ghost" not in client.get("/actors/").content
    # (the search box shows the query: the card's link is what must not be there)
    assert b"Ghost</a>" not in client.get("/actors/", {"all": "1", "q": "Ghost"}).content


def test_actors_list_filters_by_kind(client):
    f.statement(f.actor("India", kind="state"))
    f.statement(f.actor("Narendra Modi", kind="person"))
    html = client.get("/actors/", {"kind": "state"}).content.decode()
    assert "India" in html and "Narendra Modi" not in html


def test_actor_page_counts_every_record_and_lists_the_first_25(client):
    putin, modi = f.actor("Vladimir Putin"), f.actor("Narendra Modi")
    for i in range(30):
        f.statement(putin, summary=f"Remark {i}")
    f.statement(putin, summary="Hidden remark", review_state=ReviewState.HIDDEN)
    for i in range(27):
        f.meeting([putin, modi], summary=f"Talk {i}")
    f.response(putin, summary="Only response")
    html = client.get(putin.get_absolute_url()).content.decode()
    assert 'Statements <span class="count">30</span>' in html
    assert 'Meetings <span class="count">27</span>' in html
    assert 'Responses <span class="count">1</span>' in html
    assert "All 30 statements" in html and "All 27 meetings" in html
    # The newest 25 (the same day: the last added first).
    assert "Remark 29" in html and "Remark 5<" in html and "Remark 4<" not in html


def test_actor_page_lists_memberships_both_ways(client):
    sco = f.actor("SCO", kind="organisation")
    india = f.actor("India", kind="state")
    f.membership(sco, india, year_joined=2017)
    assert "since 2017" in client.get(india.get_absolute_url()).content.decode()
    assert india.get_absolute_url() in client.get(sco.get_absolute_url()).content.decode()


def test_actor_page_lists_the_newest_meetings_however_many_the_actor_has(client):
    # Xi is in 28 of 30 meetings (read by date, keeping his: see selectors.actor_record),
    # Lula in 2 (his fetched and sorted); both lists come out newest first.
    xi, lula, modi = f.actor("Xi Jinping"), f.actor("Lula da Silva"), f.actor("Narendra Modi")
    start = dt.date(2025, 1, 1)
    for i in range(28):
        f.meeting([xi, modi], summary=f"Xi talk {i}", date=start + dt.timedelta(days=60 - i))
    for i in range(2):
        f.meeting([lula, modi], summary=f"Lula talk {i}", date=start + dt.timedelta(days=i))
    html = client.get(xi.get_absolute_url()).content.decode()
    assert 'Meetings <span class="count">28</span>' in html
    shown = [f"Xi talk {i}" for i in range(25)]  # the 25 newest, newest first
    positions = [html.index(f"{talk}<") for talk in shown]
    assert positions == sorted(positions) and "Xi talk 25<" not in html
    html = client.get(lula.get_absolute_url()).content.decode()
    assert 'Meetings <span class="count">2</span>' in html
    assert html.index("Lula talk 1<") < html.index("Lula talk 0<")


def test_actor_page_counts_follow_edits(client):
    putin = f.actor("Vladimir Putin")
    f.statement(putin, summary="First remark")
    assert (
        'Statements <span class="count">1</span>'
        in client.get(putin.get_absolute_url()).content.decode()
    )
    f.statement(putin, summary="Second remark")
    html = client.get(putin.get_absolute_url()).content.decode()
    assert 'Statements <span class="count">2</span>' in html
