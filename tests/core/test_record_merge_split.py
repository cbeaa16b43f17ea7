"""Editors stay in charge: records of one kind merge into one (every passage kept), a passage
splits off into a record of its own, and a re-ingest undoes neither."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coverage.models import Passage, Statement
from coverage.services import document_ingest, passage_split, records_merge
from coverage.sources import SourceText
from tests.two_outlets import PAPER, WIRE

pytestmark = pytest.mark.django_db

# The paper paraphrases the quote: two statements, the second a possible duplicate.
PARAPHRASE = PAPER.replace(
    'the bloc must build "a fairer world order free of unilateral sanctions and pressure"',
    "the bloc needed a fairer world order without sanctions and outside pressure",
)


def ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=name, format="text")).document


def _passages(record) -> list[tuple[str, bool]]:
    return [(p.document.filename, p.primary) for p in record.passages.select_related("document")]


def test_merging_two_statements_keeps_both_passages_and_the_history(lexicon, editor):
    ingest(WIRE, "wire.txt")
    ingest(PARAPHRASE, "paper.txt")
    quoted, reported = Statement.objects.order_by("pk")
    gone = reported.pk

    kept = records_merge(keep=quoted, merge=[reported], user=editor)

    assert list(Statement.objects.all()) == [kept]
    assert _passages(kept) == [("wire.txt", True), ("paper.txt", False)]
    assert kept.edited
    assert kept.history.first().history_change_reason.startswith("merged 1")
    assert Statement.history.filter(id=gone, history_type="-").exists()


def test_a_reingest_never_undoes_a_merge(lexicon, editor):
    ingest(WIRE, "wire.txt")
    ingest(PARAPHRASE, "paper.txt")
    quoted, reported = Statement.objects.order_by("pk")
    records_merge(keep=quoted, merge=[reported], user=editor)

    ingest(PARAPHRASE + "\nA correction was appended.\n", "paper.txt")

    assert Statement.objects.count() == 1
    assert _passages(Statement.objects.get()) == [("wire.txt", True), ("paper.txt", False)]


def test_splitting_a_passage_off_makes_a_record_a_reingest_keeps_apart(lexicon, editor):
    ingest(WIRE, "wire.txt")
    ingest(PAPER, "paper.txt")
    statement = Statement.objects.get()
    passage = statement.passages.get(primary=False)

    fresh = passage_split(passage=passage, user=editor)

    assert (fresh.speaker, fresh.quote) == (statement.speaker, statement.quote)
    assert _passages(fresh) == [("paper.txt", True)]
    assert _passages(statement) == [("wire.txt", True)]
    assert fresh.edited and fresh.review_state == "unverified"
    ingest(PAPER, "paper.txt")
    assert Statement.objects.count() == 2
    assert _passages(Statement.objects.get(pk=fresh.pk)) == [("paper.txt", True)]


def test_the_primary_passage_does_not_split_off(lexicon):
    ingest(WIRE, "wire.txt")
    statement = Statement.objects.get()

    with pytest.raises(ValueError):
        passage_split(passage=statement.passages.get(primary=True))


def test_editors_merge_records_from_the_admin_list(client, editor, lexicon):
    ingest(WIRE, "wire.txt")
    ingest(PARAPHRASE, "paper.txt")
    quoted, reported = Statement.objects.order_by("pk")
    url = reverse("admin:coverage_statement_changelist")
    action = {"action": "merge_records", "_selected_action": [quoted.pk, reported.pk]}

    page = client.post(url, action)
    assert page.status_code == 200 and b"1 passages" in page.content
    assert Statement.objects.count() == 2  # nothing merged before confirming

    done = client.post(url, {**action, "post": "yes", "keep": quoted.pk}, follow=True)
    assert b"Merged 1 into" in done.content
    assert Passage.objects.filter(statement=quoted).count() == 2


def test_editors_split_a_passage_off_from_the_records_page(client, editor, lexicon):
    ingest(WIRE, "wire.txt")
    ingest(PAPER, "paper.txt")
    statement = Statement.objects.get()
    other = statement.passages.get(primary=False)
    change = reverse("admin:coverage_statement_change", args=[statement.pk])
    assert "Split off into its own record" in client.get(change).content.decode()

    done = client.post(
        reverse("admin:coverage_statement_split", args=[statement.pk]),
        {"passage": other.pk},
        follow=True,
    )

    assert "Split off into" in done.content.decode()
    assert Statement.objects.count() == 2
    assert Statement.objects.exclude(pk=statement.pk).get().document.filename == "paper.txt"
