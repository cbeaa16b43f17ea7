"""The export gives each record every passage reporting it (``sources``, the primary first)
and keeps ``source`` as the primary one."""

import pytest

from coverage.export import export_dataset
from coverage.models import Statement
from coverage.services import document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db


def _ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=name, format="text")).document


def test_a_record_two_documents_report_is_exported_with_both_passages(lexicon, sample_text):
    first = _ingest(sample_text, "first.txt")
    second = _ingest(sample_text + "\nA later edition.\n", "second.txt")
    statement = Statement.objects.first()

    row = next(s for s in export_dataset()["statements"] if s["id"] == statement.pk)

    assert row["source"] == row["sources"][0]
    assert row["source"]["document"] == first.pk
    assert [s["document"] for s in row["sources"]] == [first.pk, second.pk]
    other = row["sources"][1]
    assert other["text"] == second.text[other["start"] : other["end"]] == statement.source_text


def test_a_record_one_document_reports_has_one_source(lexicon, sample_text):
    _ingest(sample_text, "only.txt")

    rows = export_dataset()
    for kind in ("events", "statements", "meetings", "responses", "memberships"):
        for row in rows[kind]:
            assert row["sources"] == [row["source"]]
