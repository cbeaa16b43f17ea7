"""Atom feeds of new public records, overall and per summit, actor and topic: valid (feedparser
finds no fault), newest first, each entry linking to its record's passage, linked from the
pages they follow."""

import feedparser
import pytest

from coverage.models import Actor, ReviewState, Topic
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    summit = f.summit()
    other = f.summit("G20 summit 2025, Johannesburg", host_city="Johannesburg")
    xi, putin = f.actor("Xi Jinping"), f.actor("Vladimir Putin")
    security = f.topic("Security")
    doc = f.document(
        "Xi said security matters. Putin said trade matters. The leaders met in Tianjin.",
        summit=summit,
    )
    said = f.statement(xi, doc=doc, words="Xi said security matters.", topics=[security])
    trade = f.statement(putin, doc=doc, words="Putin said trade matters.", summit=other)
    met = f.meeting([xi, putin], doc=doc, words="The leaders met in Tianjin.", summit=summit)
    f.statement(xi, summary="A hidden remark", review_state=ReviewState.HIDDEN)
    return {
        "summit": summit,
        "other": other,
        "xi": xi,
        "putin": putin,
        "topic": security,
        "doc": doc,
        "said": said,
        "trade": trade,
        "met": met,
    }


def _feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_feed_of_new_records_is_valid_atom_newest_first(client, data):
    parsed = _feed(client, "/feed/")
    titles = [e.title for e in parsed.entries]
    assert titles[0].startswith("Meeting: ")  # added last
    assert "Xi Jinping: Xi said security matters." in titles
    assert all("hidden" not in t.lower() for t in titles)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)


def test_each_entry_links_to_its_records_passage(client, data):
    parsed = _feed(client, "/feed/")
    links = {e.title: e.link for e in parsed.entries}
    said = data["said"]
    assert links["Xi Jinping: Xi said security matters."] == (
        f"http://testserver/documents/{data['doc'].pk}/#statement-{said.pk}"
    )
    page = client.get(f"/documents/{data['doc'].pk}/").content.decode()
    assert f'id="statement-{said.pk}"' in page


def test_an_actors_feed_has_the_records_naming_them(client, data):
    parsed = _feed(client, f"/feed/actor/{data['putin'].slug}/")
    assert parsed.feed.title == "Summit Coverage: Vladimir Putin"
    titles = [e.title for e in parsed.entries]
    assert "Vladimir Putin: Putin said trade matters." in titles
    assert any(t.startswith("Meeting: ") for t in titles)
    assert not any(t.startswith("Xi Jinping:") for t in titles)


def test_a_topics_feed_has_the_records_on_it(client, data):
    parsed = _feed(client, f"/feed/topic/{data['topic'].slug}/")
    assert [e.title for e in parsed.entries] == ["Xi Jinping: Xi said security matters."]
    assert parsed.entries[0].tags[0].term == "Security"


def test_a_summits_feed_has_its_records(client, data):
    titles = [e.title for e in _feed(client, f"/feed/summit/{data['summit'].slug}/").entries]
    assert "Xi Jinping: Xi said security matters." in titles  # through its document
    assert "Vladimir Putin: Putin said trade matters." not in titles  # tagged with another


def test_an_empty_feed_is_valid_and_unknown_ones_are_not_found(client, db):
    Topic.objects.get_or_create(name="Empty topic", defaults={"slug": "empty-topic"})
    assert _feed(client, "/feed/topic/empty-topic/").entries == []
    assert client.get("/feed/actor/nobody-at-all/").status_code == 404
    assert client.get("/feed/summit/no-such-summit/").status_code == 404


def test_pages_link_their_feed_in_the_head_and_with_a_follow_link(client, data):
    pages = {
        "/": "/feed/summit/" + data["summit"].slug + "/",
        data["xi"].get_absolute_url(): f"/feed/actor/{data['xi'].slug}/",
        data["topic"].get_absolute_url(): f"/feed/topic/{data['topic'].slug}/",
        "/statements/": "/feed/",
    }
    for page, feed in pages.items():
        html = client.get(
            page + ("?summit=" + data["summit"].slug if page == "/" else "")
        ).content.decode()
        head = html.split("</head>")[0]
        assert '<link rel="alternate" type="application/atom+xml"' in head
        assert f'href="{feed}"' in head, page
        body = html.split("<body>")[1]
        assert f'href="{feed}">Follow' in body or f'class="follow" href="{feed}"' in body, page


def test_feeds_take_the_same_number_of_queries_for_few_and_many_records(client, data):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/feed/actor/{data['xi'].slug}/")
        return len(ctx.captured_queries)

    few = count()
    for i in range(40):
        f.statement(data["xi"], summary=f"Remark {i}", topics=[data["topic"]])
        f.meeting([data["xi"], Actor.objects.get(pk=data["putin"].pk)], summary=f"Talk {i}")
    assert count() == few <= 12
