import datetime as dt

import pytest

from coverage.models import Actor, ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    sco = f.actor("Shanghai Cooperation Organisation", kind=Actor.Kind.ORGANISATION)
    return f.summit("SCO summit 2025, Tianjin", organisation=sco)


def test_dashboard_shows_the_most_recent_summit_with_place_and_dates(client, summit):
    f.summit(
        "SCO summit 2024, Astana",
        year=2024,
        start_date=dt.date(2024, 7, 3),
        end_date=dt.date(2024, 7, 4),
        host_city="Astana",
        host_country="Kazakhstan",
    )
    html = client.get("/").content.decode()
    assert "<h1>SCO summit 2025, Tianjin</h1>" in html
    assert "Tianjin, China" in html
    assert "31 August 2025" in html and "1 September 2025" in html


def test_dashboard_switches_summit_by_slug(client, summit):
    f.summit(
        "SCO summit 2024, Astana",
        year=2024,
        start_date=dt.date(2024, 7, 3),
        end_date=dt.date(2024, 7, 4),
    )
    html = client.get("/", {"summit": "sco-summit-2024-astana"}).content.decode()
    assert "<h1>SCO summit 2024, Astana</h1>" in html
    assert '<label for="summit-switch">' in html


def test_dashboard_lists_member_states_from_memberships(client, summit):
    f.membership(summit.organisation, f.actor("India", kind="state"), year_joined=2017)
    f.membership(
        summit.organisation, f.actor("Atlantis", kind="state"), review_state=ReviewState.HIDDEN
    )
    html = client.get("/").content.decode()
    assert "India" in html and "since 2017" in html
    assert "Atlantis" not in html


def test_dashboard_shows_counts_events_positions_western_responses_and_meetings(client, summit):
    xi, modi, putin = f.actor("Xi Jinping"), f.actor("Narendra Modi"), f.actor("Vladimir Putin")
    f.event("Summit opens", summit=summit)
    f.statement(xi, summary="Xi calls for a new order", summit=summit)
    f.statement(xi, summary="Xi backs the bank", summit=summit)
    f.response(
        f.actor("United States", bloc="western"), summary="Washington is wary", summit=summit
    )
    f.response(f.actor("Belarus", bloc="member"), summary="Minsk is glad", summit=summit)
    f.meeting([modi, putin], summary="Modi and Putin talk", summit=summit)
    f.meeting([modi, putin, xi], summary="Three-way talks", summit=summit)
    html = client.get("/").content.decode()
    assert "<strong>2</strong> statements" in html
    assert "<strong>1</strong> event" in html
    assert "Summit opens" in html
    assert "Xi calls for a new order" in html
    assert "Washington is wary" in html and "Minsk is glad" not in html
    assert "Modi and Putin talk" in html and "Three-way talks" not in html


def test_dashboard_hides_hidden_records(client, summit):
    f.statement(summary="Hidden words", summit=summit, review_state=ReviewState.HIDDEN)
    f.event("Hidden event", summit=summit, review_state=ReviewState.HIDDEN)
    html = client.get("/").content.decode()
    assert "Hidden words" not in html and "Hidden event" not in html
    assert "<strong>0</strong> statements" in html


def test_dashboard_without_any_summit_explains_itself(client):
    assert b"No summit has been recorded yet" in client.get("/").content


def test_headline_positions_rank_speakers_by_statements_and_show_their_two_newest(client, summit):
    xi, modi = f.actor("Xi Jinping"), f.actor("Narendra Modi")
    f.statement(modi, summary="Modi once", summit=summit, date=dt.date(2025, 9, 3))
    for day, words in ((1, "Xi oldest"), (2, "Xi middle"), (3, "Xi newest")):
        f.statement(xi, summary=words, summit=summit, date=dt.date(2025, 9, day))
    f.statement(xi, summary="Xi undated", summit=summit, date=None)
    html = client.get("/").content.decode()
    panel = html.split('id="h-positions"')[1].split("</section>")[0]
    assert panel.index("Xi Jinping") < panel.index("Narendra Modi")
    assert "Xi newest" in panel and "Xi middle" in panel and "Modi once" in panel
    assert "Xi oldest" not in panel and "Xi undated" not in panel
    assert panel.index("Xi newest") < panel.index("Xi middle")
