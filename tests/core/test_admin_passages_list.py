"""A record's admin page lists every document reporting it, the primary first."""

import pytest
from django.urls import reverse

from coverage.models import Passage, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db


def test_a_records_page_lists_its_passages_in_every_document(client, editor, lexicon, sample_text):
    document_ingest(source=SourceText(text=sample_text, filename="a.txt", format="text"))
    statement = Statement.objects.first()
    other = document_ingest(
        source=SourceText(text=sample_text + "\nA later edition.\n", filename="b.txt",
                          format="text")
    ).document  # fmt: skip

    page = client.get(reverse("admin:coverage_statement_change", args=[statement.pk]))

    body = page.content.decode()
    secondary = Passage.objects.get(statement=statement, document=other)
    assert "Reported in" in body
    primary = statement.passages.get(primary=True)
    # the primary first
    assert body.index(primary.url()) < body.index(secondary.url())
