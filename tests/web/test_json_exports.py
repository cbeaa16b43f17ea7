import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage import export
from coverage.models import Actor, ActorAlias, Event, Membership, ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_export_json_has_the_whole_dataset_without_hidden_records(client):
    pytest.importorskip("coverage.export")
    f.rows(2)
    f.statement(summary="Never exported", review_state=ReviewState.HIDDEN)
    response = client.get("/export.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.getvalue())
    for key in (
        "documents",
        "actors",
        "events",
        "statements",
        "meetings",
        "responses",
        "memberships",
    ):
        assert key in data
    assert len(data["statements"]) == 2
    assert "Never exported" not in response.getvalue().decode()


# --- The whole dataset, streamed --------------------------------------------------------------


def _source(record, texts):
    if record.document_id is None or record.source_start is None:
        return None
    return {
        "document": record.document_id,
        "start": record.source_start,
        "end": record.source_end,
        "text": texts[record.document_id][record.source_start : record.source_end],
    }


def _sources(record, texts):
    """Every passage, the primary (``source``) first."""
    others = [
        {"document": p.document_id, "start": p.start, "end": p.end,
         "text": texts[p.document_id][p.start : p.end]}
        for p in record.passages.filter(primary=False).exclude(start=None).order_by("pk")
    ]  # fmt: skip
    primary = _source(record, texts)
    return [primary, *others] if primary else others


def _names(related):
    return [obj.name for obj in related.all()]


def _from_the_models():
    """The dataset as the model-instance export built it before it streamed (the contract)."""
    from coverage import selectors
    from coverage.models import Document

    docs = list(Document.objects.order_by("pk"))
    texts = {d.pk: d.text for d in docs}
    actors = selectors.public_actors().prefetch_related("aliases").order_by("pk")
    return {
        "documents": [
            {"id": d.pk, "title": d.title, "source_url": d.source_url,
             "published": d.published.isoformat() if d.published else None,
             "sha256": d.sha256, "summit": d.summit_id, "text": d.text}
            for d in docs
        ],
        "actors": [
            {"id": a.pk, "name": a.name, "slug": a.slug, "kind": a.kind, "title": a.title,
             "country": a.country, "bloc": a.bloc, "aliases": [x.alias for x in a.aliases.all()]}
            for a in actors
        ],
        "events": [
            {"id": e.pk, "title": e.title, "kind": e.kind, "date": e.date_iso,
             "date_precision": e.date_precision, "projected": e.date_projected,
             "location": e.location, "participants": _names(e.participants),
             "summary": e.summary, "review_state": e.review_state, "source": _source(e, texts),
             "sources": _sources(e, texts)}
            for e in selectors.public_events().order_by("pk")
        ],
        "statements": [
            {"id": s.pk, "speaker": s.speaker.name, "date": s.date_iso,
             "date_precision": s.date_precision, "topics": _names(s.topics), "quote": s.quote,
             "summary": s.summary, "stance": s.stance, "review_state": s.review_state,
             "source": _source(s, texts),
             "sources": _sources(s, texts)}
            for s in selectors.public_statements().order_by("pk")
        ],
        "meetings": [
            {"id": m.pk, "participants": _names(m.participants), "date": m.date_iso,
             "date_precision": m.date_precision, "location": m.location,
             "topics": _names(m.topics), "summary": m.summary, "review_state": m.review_state,
             "source": _source(m, texts),
             "sources": _sources(m, texts)}
            for m in selectors.public_meetings().order_by("pk")
        ],
        "responses": [
            {"id": r.pk, "responder": r.responder.name, "responder_bloc": r.responder.bloc,
             "responds_to": r.responds_to, "stance": r.stance, "quote": r.quote,
             "summary": r.summary, "date": r.date_iso, "topics": _names(r.topics),
             "review_state": r.review_state, "source": _source(r, texts),
             "sources": _sources(r, texts)}
            for r in selectors.public_responses().order_by("pk")
        ],
        "memberships": [
            {"organisation": ms.organisation.name, "member": ms.member.name,
             "year_joined": ms.year_joined, "status": ms.status, "source": _source(ms, texts),
             "sources": _sources(ms, texts)}
            for ms in selectors.public_memberships().order_by(
                "organisation__name", "year_joined", "member__name"
            )
        ],
    }  # fmt: skip


def _varied_dataset():
    f.rows(3)
    org = Actor.objects.get(slug="sco")
    doc = f.document("Zürich — “Peace,” she said.", published=None)
    ghost = f.actor("Hidden Ghost", review_state=ReviewState.HIDDEN)
    zed = f.actor("Zed Zürcher", title="Minister", country="Switzerland", bloc="western")
    ActorAlias.objects.create(actor=zed, alias="Mr Zürcher")
    ActorAlias.objects.create(actor=zed, alias="Minister Zürcher")
    f.statement(zed, doc=doc, words="“Peace,”", quote="Peace,", topics=[f.topic("Trade"),
                f.topic("Energy")], date=None)  # fmt: skip
    f.statement(ghost, summary="By a hidden speaker")
    f.response(zed, summary="", quote="", date=dt.date(2025, 9, 1), date_precision="month")
    f.meeting([zed, ghost], doc=doc, words="Zürich", summary="", date=None)
    f.event("Founded", participants=[ghost, zed], date=dt.date(2001, 1, 1),
            date_precision="year", date_projected=True)  # fmt: skip
    f.membership(org, zed, doc=doc, words="she said", year_joined=None, status="observer")
    f.membership(org, ghost, year_joined=2001)


def test_the_streamed_export_is_the_dataset_the_models_give_with_exact_source_spans(client):
    _varied_dataset()
    response = client.get("/export.json")
    assert response.streaming
    body = response.getvalue()
    expected = _from_the_models()
    assert json.loads(body) == expected
    # The same text as json.dumps of the whole object (key order, no ASCII escapes).
    assert body.decode() == json.dumps(expected, ensure_ascii=False)
    assert "Zürich" in body.decode()
    assert "Hidden Ghost" not in body.decode() and "By a hidden speaker" not in body.decode()
    assert Membership.objects.count() == 5 and len(expected["memberships"]) == 4


def test_export_json_issues_the_same_number_of_queries_for_3_and_30_rows(client):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/export.json").getvalue()
        return len(ctx.captured_queries)

    f.rows(3)
    small = queries()
    f.rows(27)
    assert queries() == small


def test_records_of_a_document_that_arrives_during_the_export_wait_for_the_next_one():
    f.rows(2)
    sections = export.dataset()
    kind, documents = next(sections)
    assert kind == "documents" and len(list(documents)) == 1
    late = f.document("A late article, ingested while the export runs.")
    f.statement(doc=late, words="A late article", summary="Late")
    f.statement(summary="Editor-added, no document")
    data = {kind: list(rows) for kind, rows in sections}
    summaries = [s["summary"] for s in data["statements"]]
    assert "Late" not in summaries and "Editor-added, no document" in summaries


# --- TimelineJS -------------------------------------------------------------------------------


def _timeline(client, **query):
    return json.loads(client.get("/timeline.json", query).content)


def test_timeline_json_honours_the_timeline_filters(client):
    xi = f.actor("Xi Jinping")
    f.event("Parade in Beijing", kind="parade", participants=[xi], date=dt.date(2025, 9, 3))
    f.event("Plenary session", kind=f.SESSION, summary="Leaders on trade", date=dt.date(2025, 9, 1))
    f.event("Founding", kind="founding", date=dt.date(2001, 6, 15))

    def headlines(**query):
        return [e["text"]["headline"] for e in _timeline(client, **query)["events"]]

    assert headlines() == ["Founding", "Plenary session", "Parade in Beijing"]
    assert headlines(kind="parade") == ["Parade in Beijing"]
    assert headlines(actor=xi.pk) == ["Parade in Beijing"]
    assert headlines(q="trade") == ["Plenary session"]
    assert headlines(date_from="2025-01-01", date_to="2025-09-02") == ["Plenary session"]
    assert headlines(date_from="not a date") == []


def test_timeline_json_holds_the_newest_1000_events_oldest_first_and_says_so(client):
    start = dt.date(2020, 1, 1)
    Event.objects.bulk_create(
        Event(title=f"Event {i}", kind=f.SESSION, date=start + dt.timedelta(days=i))
        for i in range(1005)
    )
    data = _timeline(client)
    titles = [e["text"]["headline"] for e in data["events"]]
    assert titles == [f"Event {i}" for i in range(5, 1005)]
    assert data["title"]["text"]["text"] == "The newest 1,000 of 1,005 events."
    assert _timeline(client, date_to="2020-01-03")["title"]["text"]["text"] == "3 events."


def test_the_timeline_page_links_to_the_json_of_its_filters(client):
    f.event("Parade", kind="parade")
    html = client.get("/timeline/", {"kind": "parade", "page": 1}).content.decode()
    assert 'href="/timeline.json?kind=parade"' in html
