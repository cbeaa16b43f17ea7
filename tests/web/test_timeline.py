import datetime as dt
import json

import pytest

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_timeline_lists_events_in_date_order_grouped_by_year_and_month(client):
    f.event("Accession of Iran", date=dt.date(2023, 7, 4))
    f.event("SCO founded", date=dt.date(2001, 6, 15))
    f.event("Tianjin summit opens", date=dt.date(2025, 8, 31))
    html = client.get("/timeline/").content.decode()
    assert html.index("SCO founded") < html.index("Accession of Iran")
    assert html.index("Accession of Iran") < html.index("Tianjin summit opens")
    for heading in ('id="year-2001"', 'id="year-2023"', 'id="month-2025-08"'):
        assert heading in html


def test_timeline_shows_honest_dates(client):
    f.event("Founded", date=dt.date(2001, 1, 1), date_precision="year")
    f.event("Parade", date=dt.date(2025, 9, 1), date_precision="month")
    f.event("Session", date=dt.date(2025, 9, 1), date_precision="day")
    f.event("Bank set up", date=dt.date(2025, 1, 1), date_precision="year", date_projected=True)
    html = client.get("/timeline/").content.decode()
    assert ">2001</time>" in html
    assert ">September 2025</time>" in html
    assert ">1 September 2025</time>" in html
    assert ">by end of 2025 (projected)</time>" in html


def test_timeline_entries_link_to_their_source_passage(client):
    doc = f.document("The leaders opened the summit in Tianjin.")
    event = f.event("Summit opens", doc=doc, words="opened the summit")
    html = client.get("/timeline/").content.decode()
    assert f'href="{event.source_url()}"' in html


def test_timeline_filters_by_kind_actor_and_topic(client):
    putin = f.actor("Putin")
    f.event("March through Beijing", kind="parade", participants=[putin])
    plenary = f.event("Plenary in Tianjin", kind=f.SESSION)
    f.statement(summary="On security", event=plenary, topics=[f.topic("Security")])
    html = client.get("/timeline/", {"kind": "parade"}).content.decode()
    assert "March through Beijing" in html and "Plenary in Tianjin" not in html
    html = client.get("/timeline/", {"actor": putin.pk}).content.decode()
    assert "March through Beijing" in html and "Plenary in Tianjin" not in html
    topic = f.Topic.objects.get(name="Security")
    html = client.get("/timeline/", {"topic": topic.pk}).content.decode()
    assert "Plenary in Tianjin" in html and "March through Beijing" not in html


def test_an_event_with_two_statements_on_the_topic_is_listed_once(client):
    security = f.topic("Security")
    plenary = f.event("Plenary in Tianjin", kind=f.SESSION)
    f.statement(summary="First words on security", event=plenary, topics=[security])
    f.statement(summary="More words on security", event=plenary, topics=[security])
    html = client.get("/timeline/", {"topic": security.pk}).content.decode()
    assert html.count('<p class="entry__title">Plenary in Tianjin ') == 1
    assert "1 event" in html
    events = client.get("/timeline.json", {"topic": security.pk}).json()["events"]
    assert [e["text"]["headline"] for e in events] == ["Plenary in Tianjin"]


def test_timeline_has_a_server_rendered_chart_and_a_print_stylesheet(client, settings):
    f.event("One", date=dt.date(2001, 6, 15))
    f.event("Two", date=dt.date(2025, 8, 31))
    html = client.get("/timeline/").content.decode()
    assert '<svg class="density__chart"' in html
    assert "<title" in html.split("<svg")[1]
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert "@media print" in css


def test_hidden_event_never_appears_on_the_timeline_or_its_json(client):
    f.event("Public event")
    f.event("Hidden event", review_state=ReviewState.HIDDEN)
    assert b"Hidden event" not in client.get("/timeline/").content
    assert b"Hidden event" not in client.get("/timeline.json").content


def test_timeline_json_is_timelinejs_with_dates_only_as_precise_as_the_event(client):
    f.summit("SCO summit 2025, Tianjin")
    f.event("Founded", date=dt.date(2001, 1, 1), date_precision="year", kind="founding")
    f.event("Parade", date=dt.date(2025, 9, 1), date_precision="month", kind="parade")
    f.event("Opens", date=dt.date(2025, 8, 31), summary="The summit opens.")
    data = json.loads(client.get("/timeline.json").content)
    assert data["title"]["text"]["headline"] == "SCO summit 2025, Tianjin"
    starts = [e["start_date"] for e in data["events"]]
    assert starts == [
        {"year": 2001},
        {"year": 2025, "month": 8, "day": 31},
        {"year": 2025, "month": 9},
    ]
    opens = data["events"][1]
    assert opens["text"] == {"headline": "Opens", "text": "The summit opens."}
    assert opens["group"] == "Summit session"


def test_timeline_paginates_at_25_events(client):
    for i in range(30):
        f.event(f"Event number {i:02d}", date=dt.date(2025, 1, 1) + dt.timedelta(days=i))
    html = client.get("/timeline/").content.decode()
    assert "Event number 24" in html and "Event number 25" not in html
    assert "Event number 25" in client.get("/timeline/", {"page": 2}).content.decode()


def test_timeline_json_escapes_markup_because_timelinejs_renders_html(client):
    f.event('<img src=x onerror="alert(1)">', summary="Tom & Jerry <b>met</b>")
    event = json.loads(client.get("/timeline.json").content)["events"][0]
    assert event["text"]["headline"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert event["text"]["text"] == "Tom &amp; Jerry &lt;b&gt;met&lt;/b&gt;"
