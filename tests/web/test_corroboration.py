"""Corroboration as a filter: the timeline and the tables can be limited to records at least
N documents report, and the tables sort by the number of sources."""

import pytest

from coverage.models import Event, Statement
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
