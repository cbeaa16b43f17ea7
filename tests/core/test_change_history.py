"""Every change leaves history: bulk actions write a history row and an admin log entry per
record, and records an ingest creates say so in their history."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from coverage.models import Actor, Event, ReviewState, Statement
from coverage.services import document_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingested(lexicon, sample_source):
    return document_ingest(source=sample_source)


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("make_verified", ReviewState.VERIFIED),
        ("make_hidden", ReviewState.HIDDEN),
        ("make_published", ReviewState.UNVERIFIED),
    ],
)
def test_a_bulk_action_writes_a_history_row_and_a_log_entry_for_each_record(
    client, editor, ingested, action, state
):
    ids = list(Statement.objects.order_by("pk").values_list("pk", flat=True)[:3])
    client.post(
        reverse("admin:coverage_statement_changelist"),
        {"action": action, "_selected_action": ids},
    )
    for statement in Statement.objects.filter(pk__in=ids):
        latest = statement.history.latest()
        assert (latest.history_type, latest.review_state, latest.edited) == ("~", state, True)
        assert latest.history_user == editor
        assert latest.history_change_reason.startswith("bulk action")
    entries = LogEntry.objects.filter(user=editor, action_flag=CHANGE)
    assert sorted(int(e.object_id) for e in entries) == ids
    assert all("Review state" in e.get_change_message() for e in entries)


def test_a_bulk_action_on_actors_is_in_their_history_too(client, editor, ingested):
    actor = Actor.objects.get(name="Vladimir Putin")
    client.post(
        reverse("admin:coverage_actor_changelist"),
        {"action": "make_hidden", "_selected_action": [actor.pk]},
    )
    latest = actor.history.latest()
    assert latest.review_state == ReviewState.HIDDEN and latest.history_user == editor
    assert LogEntry.objects.filter(object_id=str(actor.pk), user=editor).count() == 1


def test_records_an_ingest_creates_have_a_created_entry_naming_the_document(ingested):
    title = ingested.document.title
    for model in (Statement, Event):
        records = list(model.objects.all())
        assert records
        for record in records:
            first = record.history.earliest()
            assert first.history_type == "+"
            assert first.history_change_reason == f"created by ingest of {title}"[:100]


def test_the_history_page_of_a_bulk_verified_record_shows_the_change(client, editor, ingested):
    statement = Statement.objects.order_by("pk").first()
    client.post(
        reverse("admin:coverage_statement_changelist"),
        {"action": "make_verified", "_selected_action": [statement.pk]},
    )
    page = client.get(reverse("admin:coverage_statement_history", args=[statement.pk]))
    assert "bulk action: Verified" in page.content.decode()
