"""Re-ingesting a changed version of a document: every record follows its passage or is
flagged as needing review, publicly too; nothing is duplicated; deleted records stay deleted."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from coverage.anchor import passage_find
from coverage.models import Document, ReviewState, Statement
from coverage.services import document_ingest, records_delete, records_set_state
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db

# The case: 25 characters inserted near the top, one verb changed in a passage.
DATELINE = "Tianjin, China"
UPDATED = "Updated 2 September 2025\n"
assert len(UPDATED) == 25


def statement_saying(words: str) -> Statement:
    return Statement.objects.get(summary__icontains=words)


def reingest(text: str, like: SourceText) -> None:
    document_ingest(source=SourceText(text=text, filename=like.filename, format="text"))


def exported(client) -> dict:
    return json.loads(client.get("/export.json").getvalue())


def exported_statement(client, pk: int) -> dict | None:
    return next((s for s in exported(client)["statements"] if s["id"] == pk), None)


def test_passage_find_follows_moved_and_reworded_passages_and_refuses_rewritten_ones():
    passage = "He emphasized the need for talks on trade, energy and the security of shipping."
    text = f"Leaders met in the capital. {passage} Then they left for the airport."
    moved = "A new first line.\n" + text
    assert moved[slice(*passage_find(passage, moved)[:2])] == passage
    reworded = moved.replace("emphasized", "stressed")
    anchor = passage_find(passage, reworded)
    assert reworded[anchor.start : anchor.end] == passage.replace("emphasized", "stressed")
    assert 90 <= anchor.score < 100
    assert passage_find(passage, moved.replace(passage, "It rained all afternoon.")) is None


def test_a_verified_statement_follows_its_reworded_passage_and_a_deleted_one_stays_deleted(
    client, lexicon, sample_source
):
    document_ingest(source=sample_source)
    verified = statement_saying("root causes")
    verified.summary = "Putin: address the root causes (editor's wording)"
    verified.edited = True
    verified.save()
    records_set_state(queryset=Statement.objects.filter(pk=verified.pk), state="verified")
    deleted = statement_saying("solidarity and mutual respect")
    records_delete(queryset=Statement.objects.filter(pk=deleted.pk))
    count = Statement.objects.count()

    text = (
        sample_source.text.replace(DATELINE, UPDATED + DATELINE, 1)
        .replace("He emphasized the necessity", "He stressed the necessity")
        .replace("He stressed the importance", "He underlined the importance")
    )
    reingest(text, sample_source)

    row = exported_statement(client, verified.pk)
    assert row["review_state"] == "verified"
    assert row["summary"] == "Putin: address the root causes (editor's wording)"
    assert row["source"]["text"].startswith("He stressed the necessity of addressing")
    assert row["source"]["text"].endswith("at the expense of others.")
    assert text[row["source"]["start"] : row["source"]["end"]] == row["source"]["text"]
    # No duplicate of the moved statement, and the deleted one did not come back.
    assert Statement.objects.count() == count
    assert Statement.objects.filter(summary__icontains="root causes").count() == 1
    assert not Statement.objects.filter(summary__icontains="solidarity").exists()


def test_a_passage_changed_beyond_recognition_shows_as_needs_review_not_verified(
    client, lexicon, sample_source
):
    document_ingest(source=sample_source)
    verified = statement_saying("root causes")
    records_set_state(queryset=Statement.objects.filter(pk=verified.pk), state="verified")
    passage = verified.source_text

    text = sample_source.text.replace(
        passage, "Reporters were kept outside the hall for most of the afternoon."
    )
    reingest(text, sample_source)

    verified.refresh_from_db()
    assert verified.review_state == ReviewState.NEEDS_REVIEW
    assert verified.stale_passage == passage
    row = exported_statement(client, verified.pk)
    assert row["review_state"] == "needs_review"
    assert row["source"] == {
        "document": verified.document_id,
        "start": None,
        "end": None,
        "text": None,
        "passage_changed": True,
    }
    page = client.get(reverse("coverage:statement_list")).content.decode()
    assert "needs review" in page and "passage changed" in page
    assert "badge--verified" not in page
    # The editor sees the old words.
    admin = User.objects.create_superuser("boss", password="pw-not-used")
    client.force_login(admin)
    change = client.get(reverse("admin:coverage_statement_change", args=[verified.pk]))
    assert "Passage changed" in change.content.decode()
    assert "root causes" in change.content.decode()


def test_the_editor_re_anchors_a_needs_review_record_and_verifies_it_again(
    client, lexicon, sample_source
):
    document_ingest(source=sample_source)
    record = statement_saying("root causes")
    records_set_state(queryset=Statement.objects.filter(pk=record.pk), state="verified")
    rewritten = "He called for addressing the conflict's root causes and a new balance of security."
    text = sample_source.text.replace(record.source_text, rewritten)
    reingest(text, sample_source)
    client.force_login(User.objects.create_superuser("boss", password="pw-not-used"))
    record.refresh_from_db()
    start = text.index(rewritten)

    form = {
        "speaker": record.speaker_id,
        "summary": record.summary,
        "stance": record.stance,
        "date_precision": record.date_precision,
        "review_state": "verified",
        "document": record.document_id,
        "source_start": start,
        "source_end": start + len(rewritten),
    }
    url = reverse("admin:coverage_statement_change", args=[record.pk])
    assert client.post(url, form).status_code == 302

    record.refresh_from_db()
    assert (record.review_state, record.stale_passage) == ("verified", "")
    client.logout()
    assert exported_statement(client, record.pk)["source"]["text"] == rewritten


def test_an_untouched_record_follows_its_reworded_passage_without_a_duplicate(
    lexicon, sample_source
):
    document_ingest(source=sample_source)
    record = statement_saying("solidarity and mutual respect")
    count = Statement.objects.count()

    text = sample_source.text.replace(DATELINE, UPDATED + DATELINE, 1).replace(
        "He stressed the importance", "He underlined the importance"
    )
    reingest(text, sample_source)

    assert Statement.objects.count() == count
    record = Statement.objects.get(pk=record.pk)  # the same row, not a new one
    assert record.source_text.startswith("He underlined the importance of solidarity")


def test_a_deleted_record_stays_deleted_through_two_rewordings(lexicon, sample_source):
    document_ingest(source=sample_source)
    records_delete(queryset=Statement.objects.filter(summary__icontains="solidarity"))
    first = sample_source.text.replace("He stressed the importance", "He underlined the importance")
    reingest(first, sample_source)
    second = first.replace("and mutual respect", "and respect")
    reingest(second, sample_source)
    assert not Statement.objects.filter(summary__icontains="solidarity").exists()


def test_the_document_keeps_every_version_of_its_text_in_its_history(
    client, lexicon, sample_source
):
    document_ingest(source=sample_source)
    text = sample_source.text.replace(DATELINE, UPDATED + DATELINE, 1)
    reingest(text, sample_source)

    document = Document.objects.get()
    versions = [h.text for h in document.history.order_by("history_date")]
    assert versions == [sample_source.text, text]
    client.force_login(User.objects.create_superuser("boss", password="pw-not-used"))
    page = client.get(reverse("admin:coverage_document_history", args=[document.pk]))
    assert page.status_code == 200
    first = document.history.earliest()
    version = reverse("admin:coverage_document_simple_history", args=[document.pk, first.pk])
    assert version in page.content.decode()
    # The first version as the editor saw it: its text, without the later line.
    shown = client.get(version).content.decode()
    assert "Tianjin, China" in shown and UPDATED.strip() not in shown
