import csv
import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_tables2 import RequestConfig
from django_tables2.export import TableExport
from openpyxl import load_workbook

from coverage import filters, selectors, tables
from coverage.models import (
    Actor,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Stance,
    Statement,
    Summit,
    Topic,
)
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_statements_table_lists_speaker_words_stance_and_source_link(client):
    doc = f.document("Xi Jinping called for a fairer order.")
    st = f.statement(
        f.actor("Xi Jinping"),
        doc=doc,
        words="called for a fairer order",
        stance=Stance.CALLS_FOR,
        topics=[f.topic("Global governance")],
    )
    html = client.get("/statements/").content.decode()
    assert "Xi Jinping" in html
    assert "called for a fairer order" in html
    assert "Calls for" in html
    assert "Global governance" in html
    assert st.source_url() in html


def test_hidden_statement_never_appears_in_the_table_or_any_download(client):
    f.statement(summary="A visible remark")
    f.statement(summary="A hidden remark", review_state=ReviewState.HIDDEN)
    assert "A hidden remark" not in client.get("/statements/").content.decode()
    for fmt in ("csv", "json"):
        body = client.get("/statements/", {"_export": fmt}).getvalue().decode()
        assert "A visible remark" in body
        assert "A hidden remark" not in body


def test_statement_by_a_hidden_actor_is_not_shown(client):
    f.statement(f.actor("Ghost", review_state=ReviewState.HIDDEN), summary="Spooky words")
    assert "Spooky words" not in client.get("/statements/").content.decode()


def test_unverified_statement_carries_a_visible_unverified_label(client):
    f.statement(summary="Not yet checked")
    f.statement(summary="Checked", review_state=ReviewState.VERIFIED)
    html = client.get("/statements/").content.decode()
    assert html.count(">unverified<") == 1


def test_csv_download_contains_the_filtered_rows_only(client):
    t = f.topic("Energy")
    f.statement(summary="On energy", topics=[t], stance=Stance.SUPPORTS)
    f.statement(summary="On trade", stance=Stance.OPPOSES)
    response = client.get("/statements/", {"topic": t.pk, "_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "statements.csv" in response["Content-Disposition"]
    rows = _csv(response)
    assert [r["Statement"] for r in rows] == ["On energy"]
    assert rows[0]["Date"] == "2025-09-01"
    assert rows[0]["Review"] == "unverified"


def test_csv_download_contains_every_filtered_row_not_just_the_first_page(client):
    for i in range(30):
        f.statement(summary=f"Remark {i}")
    assert len(_csv(client.get("/statements/", {"_export": "csv"}))) == 30
    html = client.get("/statements/").content.decode()
    assert "Remark 24" in html and "Remark 25" not in html
    assert "Page 1 of 2" in html


def test_json_and_xlsx_downloads_work(client):
    f.meeting(summary="Modi and Putin met")
    data = json.loads(client.get("/meetings/", {"_export": "json"}).getvalue())
    assert data[0]["Summary"] == "Modi and Putin met"
    response = client.get("/meetings/", {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert "Modi and Putin met" in [c.value for c in sheet[2]]


def test_dates_are_as_precise_as_the_source_in_tables_and_downloads(client):
    f.event("Founding", date=dt.date(2001, 1, 1), date_precision="year")
    f.event("Accession", date=dt.date(2025, 9, 1), date_precision="month")
    html = client.get("/events/").content.decode()
    assert ">2001<" in html and "September 2025" in html
    assert [r["Date"] for r in _csv(client.get("/events/", {"_export": "csv"}))] == [
        "2001",
        "2025-09",
    ]


def test_tables_sort_by_a_column(client):
    f.statement(f.actor("Zhao"), summary="Last by name")
    f.statement(f.actor("Abe"), summary="First by name")
    html = client.get("/statements/", {"sort": "speaker"}).content.decode()
    assert html.index("First by name") < html.index("Last by name")
    html = client.get("/statements/", {"sort": "-speaker"}).content.decode()
    assert html.index("Last by name") < html.index("First by name")


def test_statements_filter_by_speaker_stance_and_date_range(client):
    xi = f.actor("Xi")
    f.statement(xi, summary="Early support", stance="supports", date=dt.date(2024, 1, 1))
    f.statement(xi, summary="Late support", stance="supports", date=dt.date(2025, 9, 1))
    f.statement(summary="Someone else", stance="supports")
    html = client.get(
        "/statements/",
        {"speaker": xi.pk, "stance": "supports", "date_from": "2025-01-01"},
    ).content.decode()
    assert "Late support" in html
    assert "Early support" not in html and "Someone else" not in html


def test_responses_filter_by_western_bloc(client):
    f.response(f.actor("United States", bloc="western"), summary="Washington objects")
    f.response(f.actor("Belarus", bloc="member"), summary="Minsk welcomes")
    html = client.get("/responses/", {"bloc": "western"}).content.decode()
    assert "Washington objects" in html and "Minsk welcomes" not in html


def test_events_filter_by_kind_and_review_state(client):
    f.event("Parade in Beijing", kind="parade", review_state=ReviewState.VERIFIED)
    f.event("Plenary session", kind=f.SESSION)
    html = client.get("/events/", {"kind": "parade", "review_state": "verified"}).content
    assert b"Parade in Beijing" in html and b"Plenary session" not in html


def test_every_filter_field_has_a_label(client):
    for url in ("/statements/", "/meetings/", "/responses/", "/events/", "/timeline/"):
        response = client.get(url)
        form = response.context["filter"].form
        html = response.content.decode()
        for field in form:
            assert f'for="{field.id_for_label}"' in html, (url, field.name)


def test_hidden_meeting_response_and_event_never_appear_in_their_tables(client):
    f.meeting(summary="Secret meeting", review_state=ReviewState.HIDDEN)
    f.response(summary="Secret response", review_state=ReviewState.HIDDEN)
    f.event("Secret event", review_state=ReviewState.HIDDEN)
    for url, words in [
        ("/meetings/", "Secret meeting"),
        ("/responses/", "Secret response"),
        ("/events/", "Secret event"),
    ]:
        assert words not in client.get(url).content.decode()
        assert words not in client.get(url, {"_export": "csv"}).getvalue().decode()


def test_sorted_column_header_announces_its_sort_order(client):
    f.statement(summary="Anything")
    html = client.get("/statements/", {"sort": "-speaker"}).content.decode()
    assert 'aria-sort="descending"' in html
    assert 'aria-sort="none"' in html


def test_summit_filter_includes_records_from_the_summits_documents(client):
    s = f.summit()
    doc = f.document("Xi spoke.", summit=s)
    f.statement(doc=doc, words="Xi spoke.", summary="Untagged but from the summit's article")
    f.statement(summary="Elsewhere")
    html = client.get("/statements/", {"summit": s.pk}).content.decode()
    assert "Untagged but from the summit" in html and "Elsewhere" not in html


# --- Downloads at newsroom size -------------------------------------------------------------
# The CSV and JSON stream from .values() rows (coverage.downloads), not through django-tables2's
# export, which renders a model instance per row; they must give exactly what it gives.

TABLES = {
    "/statements/": (tables.StatementTable, filters.StatementFilter, selectors.public_statements),
    "/responses/": (tables.ResponseTable, filters.ResponseFilter, selectors.public_responses),
    "/meetings/": (tables.MeetingTable, filters.MeetingFilter, selectors.public_meetings),
    "/events/": (tables.EventTable, filters.EventFilter, selectors.public_events),
}


def _varied_records():
    """Rows that exercise every column's edge: empty fields, quotes or none, several or no
    topics, hidden participants, no document, year and month dates, undated, non-ASCII."""
    f.rows(3)
    doc = f.document("Zürich: “Peace,” she said; 2001.\nA second line.")
    ghost = f.actor("Hidden Participant", review_state=ReviewState.HIDDEN)
    energy, trade = f.topic("Energy, and oil"), f.topic("Trade")
    f.statement(f.actor("Ana Zürcher"), doc=doc, words="Zürich", quote="“Peace,”",
                topics=[energy, trade], date=None)  # fmt: skip
    f.statement(summary="", quote="A quote without a summary", date=dt.date(2001, 1, 1),
                date_precision="year")  # fmt: skip
    f.response(f.actor("Nowhere", bloc=""), summary="", quote="", responds_to="",
               date=dt.date(2025, 9, 1), date_precision="month")  # fmt: skip
    f.response(summary="Line one\nline two", responds_to="the plan", topics=[trade],
               stance="concerned")  # fmt: skip
    f.meeting([f.actor("Zed"), ghost, f.actor("Abe")], summary="", location="", date=None)
    f.meeting([ghost], summary="Only a hidden participant", location="Tianjin", topics=[energy])
    f.event("", kind="parade", location="", participants=[ghost], date=None)
    f.event("Founding", kind="founding", date=dt.date(2001, 6, 15), date_precision="year",
            date_projected=True, participants=[f.actor("Élodie")])  # fmt: skip


def _reference(url, fmt, query):
    """What django-tables2's own export of this table gives (the behaviour before streaming)."""
    table_class, filter_class, public = TABLES[url]
    request = RequestFactory().get(url, query)
    rows = filter_class(request.GET, queryset=public().order_by("date", "pk")).qs
    table = RequestConfig(request, paginate=False).configure(table_class(rows))
    return TableExport(fmt, table).export()


def test_every_table_downloads_the_same_header_rows_and_values_as_its_table_export(client):
    _varied_records()
    for url in TABLES:
        for query in ({}, {"sort": "-date"}, {"q": "Z"}):
            for fmt in ("csv", "json"):
                response = client.get(url, {**query, "_export": fmt})
                assert response.streaming, (url, fmt)
                body = response.getvalue().decode()
                assert body == _reference(url, fmt, {**query, "_export": fmt}), (url, query, fmt)


def test_topics_download_as_their_names_not_as_links(client):
    f.statement(summary="On two topics", topics=[f.topic("Energy & oil"), f.topic("Trade")])
    (row,) = _csv(client.get("/statements/", {"_export": "csv"}))
    assert row["Topics"] == "Energy & oil, Trade"


def test_the_xlsx_download_holds_the_same_rows_as_the_csv(client):
    _varied_records()
    for url in TABLES:
        rows = list(csv.reader(io.StringIO(_text(client.get(url, {"_export": "csv"})))))
        response = client.get(url, {"_export": "xlsx"})
        assert f"{url.strip('/')}.xlsx" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        assert sheet.title == url.strip("/").title()
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
        values = sheet.iter_rows(values_only=True)
        cells = [["" if v is None else str(v) for v in row] for row in values]
        assert cells == rows, url


def _text(response) -> str:
    return response.getvalue().decode()


def _download_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _reset():
    for model in (Document, Summit, Topic):
        model.objects.all().delete()
    for model in (Statement, Response, Meeting, Event, Membership):
        model.objects.all().delete()
    Actor.objects.all().delete()


def test_a_download_issues_the_same_number_of_queries_for_3_and_30_rows(client):
    urls = [f"{url}?_export={fmt}" for url in TABLES for fmt in ("csv", "json", "xlsx")]
    f.rows(3)
    small = {url: _download_queries(client, url) for url in urls}
    _reset()
    f.rows(30)
    large = {url: _download_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 8, large


def _listed_summaries(html: str) -> list[str]:
    return re.findall(r"Remark \d\d", html)


@pytest.mark.parametrize("sort", ["speaker", "-date", "-speaker"])
def test_a_topic_filter_lists_the_right_rows_in_order_for_a_common_and_a_rare_topic(client, sort):
    # A topic on a good share of the rows is matched as the list is read in order, a rare one
    # looked up and sorted (selectors.on_topic): both must list exactly the topic's rows.
    trade, energy = f.topic("Trade"), f.topic("Energy")
    names = ["Zhou", "Abe", "Modi", "Lula", "Erdogan", "Putin", "Kim", "Biden"]
    expected: dict[str, list[tuple[str, dt.date, str]]] = {"Trade": [], "Energy": []}
    for i in range(40):
        speaker = f.actor(names[i % len(names)]) if i < len(names) else None
        speaker = speaker or Actor.objects.get(name=names[i % len(names)])
        topics = [trade] if i % 10 else [energy]
        date = dt.date(2020, 1, 1) + dt.timedelta(days=37 * i)
        state = ReviewState.HIDDEN if i == 7 else ReviewState.VERIFIED
        f.statement(speaker, summary=f"Remark {i:02d}", topics=topics, date=date,
                    review_state=state)  # fmt: skip
        if state != ReviewState.HIDDEN:
            expected[topics[0].name].append((speaker.name, date, f"Remark {i:02d}"))
    for topic in (trade, energy):
        rows = expected[topic.name]
        # A speaker's statements tie: they follow in the order they were stored (by key).
        by = (lambda r: (r[0], r[2])) if sort.endswith("speaker") else (lambda r: r[1])
        rows = sorted(rows, key=by, reverse=sort.startswith("-"))
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/statements/", {"topic": topic.pk, "sort": sort})
        if connection.vendor == "sqlite":  # both plans exercised: the common topic's walked
            walked = any('"id" + 0) IN' in q["sql"] for q in queries.captured_queries)
            assert walked == (topic == trade)
        assert _listed_summaries(page.content.decode()) == [r[2] for r in rows][:25]
        download = _csv(client.get("/statements/", {"topic": topic.pk, "sort": sort,
                                                    "_export": "csv"}))  # fmt: skip
        assert [r["Statement"] for r in download] == [r[2] for r in rows]
