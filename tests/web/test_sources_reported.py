"""A record two documents report says so wherever its source is linked, with a link to its
passage in each; each document's page highlights it; no page reads more for it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage.models import Document, Event, Meeting, Membership, Passage, Response, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText
from tests.two_outlets import PAPER, WIRE
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _both_outlets():
    wire, paper = (
        document_ingest(source=SourceText(text=text, filename=name, format="text")).document
        for text, name in ((WIRE, "wire.txt"), (PAPER, "paper.txt"))
    )
    return wire, paper


def test_the_timeline_and_tables_say_reported_in_2_sources_and_link_each_passage(client):
    wire, paper = _both_outlets()
    statement = Statement.objects.get(speaker__name="Vladimir Putin")
    event = Event.objects.get(kind="summit")

    timeline = client.get("/timeline/").content.decode()
    table = client.get("/statements/").content.decode()

    assert "reported in 2 sources" in timeline
    assert f'href="{paper.get_absolute_url()}#{event.anchor}"' in timeline
    assert f'href="{wire.get_absolute_url()}#{event.anchor}"' in timeline
    assert "reported in 2 sources" in table
    assert f'href="{paper.get_absolute_url()}#{statement.anchor}"' in table


def test_each_other_source_is_named_by_its_site_or_file_name(client):
    document_ingest(
        source=SourceText(
            text=WIRE, filename="wire.txt", format="text", source_url="https://www.wire.example/a"
        )
    )
    document_ingest(
        source=SourceText(
            text=PAPER, filename="paper.txt", format="text", source_url="https://paper.example/b"
        )
    )
    radio = WIRE + "\nUpdated.\n"
    document_ingest(source=SourceText(text=radio, filename="radio.txt", format="text"))

    page = client.get("/statements/?q=Putin").content.decode()

    sources = page.split('class="sources"', 1)[1].split("</span>", 1)[0]
    assert "reported in 3 sources: " in sources
    assert ">paper.example</a>, <a" in sources and ">radio.txt</a>" in sources
    assert 'aria-label="source 2 of 3: paper.example"' in sources
    assert "wire.example" not in sources  # the record's own document is its "source" link


def test_the_second_documents_page_highlights_the_passage_of_the_record_it_reports(client):
    _, paper = _both_outlets()
    statement = Statement.objects.get(speaker__name="Vladimir Putin")
    passage = statement.passages.get(document=paper)

    page = client.get(paper.get_absolute_url()).content.decode()

    mark = page.index(f'id="{statement.anchor}"')
    assert page[mark:].split(">", 1)[1].startswith(paper.text[passage.start : passage.start + 20])


def test_a_record_only_one_document_reports_says_nothing_more(client):
    document_ingest(source=SourceText(text=WIRE, filename="wire.txt", format="text"))

    assert "reported in" not in client.get("/timeline/").content.decode()


def _reported_twice(n: int) -> None:
    """``n`` rows of every kind, each reported by a second document too."""
    f.rows(n)
    other = f.document("Another outlet's words.")
    for model in (Event, Statement, Meeting, Response, Membership):
        key = model._meta.model_name
        Passage.objects.bulk_create(
            Passage(document=other, start=0, end=7, **{key: record})
            for record in model.objects.all()
        )


def _queries(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    return counts


URLS = ["/", "/timeline/", "/statements/", "/meetings/", "/responses/", "/events/", "/search/?q=Passage"]  # fmt: skip  # noqa: E501


def test_pages_read_as_many_queries_for_30_records_reported_twice_as_for_3(client):
    _reported_twice(3)
    small = _queries(client, [*URLS, Document.objects.order_by("pk").first().get_absolute_url()])
    for model in (Document, Event, Statement, Meeting, Response, Membership):
        model.objects.all().delete()
    _reported_twice(30)
    large = _queries(client, [*URLS, Document.objects.order_by("pk").first().get_absolute_url()])

    assert list(small.values()) == list(large.values())
    assert "reported in 2 sources" in client.get("/timeline/").content.decode()
