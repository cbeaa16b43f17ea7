"""Corroboration as a filter: the timeline, the tables and the positions can be limited to
records at least N documents report, and the tables sort by the number of sources."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage.models import Actor, Event, Statement
from coverage.selectors import positions_matrix, topics_with_positions
from coverage.services import document_ingest
from coverage.sources import SourceText
from tests.two_outlets import PAPER, WIRE

pytestmark = pytest.mark.django_db

# A third outlet's report of something only it carries.
ALONE = """Modi urges connectivity at SCO
Published 1 September 2025

The Shanghai Cooperation Organisation summit opened in Tianjin on 1 September 2025.
Indian Prime Minister Narendra Modi called for closer cooperation on trade and connectivity.
"""


@pytest.fixture
def three_outlets(db):
    for text, name in ((WIRE, "wire.txt"), (PAPER, "paper.txt"), (ALONE, "alone.txt")):
        document_ingest(source=SourceText(text=text, filename=name, format="text"))


def test_the_statements_table_keeps_only_what_two_outlets_report(client, three_outlets):
    everything = client.get("/statements/").content.decode()
    corroborated = client.get("/statements/?min_sources=2").content.decode()

    assert "closer cooperation on trade" in everything
    assert "closer cooperation on trade" not in corroborated
    assert "fairer world order" in corroborated
    assert 'name="min_sources"' in corroborated


def test_the_timeline_keeps_only_events_three_outlets_report(client, three_outlets):
    summit = Event.objects.get(kind="summit")
    assert summit.passages.count() == 3

    page = client.get("/timeline/?min_sources=3").content.decode()

    assert summit.title in page and "reported in 3 sources" in page
    assert summit.title not in client.get("/timeline/?min_sources=4").content.decode()


def test_the_tables_sort_by_the_number_of_sources(client, three_outlets):
    reported_twice = Statement.objects.get(speaker__name="Vladimir Putin")
    alone = Statement.objects.get(speaker__name="Narendra Modi")

    page = client.get("/statements/?sort=-sources").content.decode()

    assert page.index(reported_twice.quote[:30]) < page.index(alone.summary[:30])
    page = client.get("/statements/?sort=sources").content.decode()
    assert page.index(alone.summary[:30]) < page.index(reported_twice.quote[:30])


def test_a_min_sources_that_is_no_number_matches_nothing_rather_than_failing(client, three_outlets):
    assert client.get("/statements/?min_sources=lots").status_code == 200


def test_the_positions_keep_only_statements_two_outlets_report(client, three_outlets):
    everything = client.get("/positions/").content.decode()
    corroborated = client.get("/positions/?min_sources=2").content.decode()

    assert "Trade and investment" in everything and "Narendra Modi" in everything
    assert "Trade and investment" not in corroborated and "Narendra Modi" not in corroborated
    assert "World order and multipolarity" in corroborated and "Vladimir Putin" in corroborated
    # A stance links to the statements behind it, limited the same way.
    assert "min_sources=2" in corroborated.split("Vladimir Putin", 1)[1]
    assert 'name="min_sources" id="id_min_sources"' in corroborated and 'value="2"' in corroborated
    assert (
        "No positions reported by at least 3 sources"
        in client.get("/positions/?min_sources=3").content.decode()
    )


def test_the_positions_count_each_corroborated_statement_once_per_stance(client, three_outlets):
    topics = list(topics_with_positions(2))
    actors, rows = positions_matrix(topics, min_sources=2)

    assert [a.name for a in actors] == ["Vladimir Putin"]
    assert sorted(t.name for t in topics) == ["Sanctions", "World order and multipolarity"]
    assert all(cell.stances == [("neutral", "Neutral", 1)] for _, cells in rows for cell in cells)
    # Hidden, or said by a hidden actor, it is counted nowhere.
    Actor.objects.filter(name="Vladimir Putin").update(review_state="hidden")
    assert not topics_with_positions(2).exists()
    Actor.objects.filter(name="Vladimir Putin").update(review_state="unverified")
    Statement.objects.filter(speaker__name="Vladimir Putin").update(review_state="hidden")
    assert not topics_with_positions(2).exists()


def test_a_min_sources_on_the_positions_that_is_no_number_shows_everything(client, three_outlets):
    page = client.get("/positions/?min_sources=lots")
    assert page.status_code == 200 and "Narendra Modi" in page.content.decode()


def test_the_tables_sort_by_the_kept_source_count_without_counting_passages(client, three_outlets):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/statements/?sort=-sources&min_sources=2").content.decode()

    assert "fairer world order" in page
    listed = [q["sql"] for q in queries.captured_queries if 'FROM "coverage_statement"' in q["sql"]]
    assert any('"source_count" DESC' in q for q in listed)
    assert not any("COUNT(DISTINCT" in q for q in listed)
