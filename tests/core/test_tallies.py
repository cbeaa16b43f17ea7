"""The summary tables (coverage.tallies) always equal a recount of the records, whatever
wrote them: ingest, re-ingest, editors in the admin, bulk actions, deletes, summits moved."""

from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from coverage import tallies
from coverage.models import (
    Actor,
    Document,
    Event,
    Meeting,
    Response,
    ReviewState,
    Statement,
    Summit,
    SummitTally,
    Topic,
    TopicTally,
)
from coverage.services import (
    actors_merge,
    document_ingest,
    records_delete,
    records_set_state,
    summits_merge,
)
from coverage.sources import SourceText
from tests.core.conftest import article_source
from tests.core.test_admin import form_data

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HIDDEN = ReviewState.HIDDEN
KINDS = {"statement": Statement, "response": Response, "meeting": Meeting, "event": Event}
ACTOR = {"statement": "speaker_id", "response": "responder_id"}


def _recount() -> tuple[Counter, Counter]:
    """Every tally counted from the records in Python, the long way."""
    summits: Counter = Counter()
    topics: Counter = Counter()
    document_summit = dict(Document.objects.values_list("pk", "summit_id"))
    for kind, model in KINDS.items():
        for record in model.objects.exclude(review_state=ReviewState.HIDDEN):
            summit = record.summit_id or document_summit.get(record.document_id) or 0
            actor = getattr(record, ACTOR[kind]) if kind in ACTOR else 0
            summits[(summit, kind, actor)] += 1
            if kind in ACTOR:
                for topic in record.topics.all():
                    topics[(topic.pk, kind, actor, record.stance)] += 1
    return summits, topics


def _stored() -> tuple[Counter, Counter]:
    summits = Counter(
        {(row.summit_id, row.kind, row.actor_id): row.n for row in SummitTally.objects.exclude(n=0)}
    )
    topics = Counter(
        {
            (row.topic_id, row.kind, row.actor_id, row.stance): row.n
            for row in TopicTally.objects.exclude(n=0)
        }
    )
    return summits, topics


def _assert_in_step() -> None:
    assert _stored() == _recount()


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("chief", password="pw-not-used")
    client.force_login(user)
    return user


def test_tallies_equal_a_recount_after_ingests_edits_hides_and_deletes(
    client, editor, lexicon, sample_source, sample_text
):
    document_ingest(source=sample_source)
    document_ingest(source=article_source("brics-visit.txt"))
    for name in ("g20-new-delhi-2023.txt", "nato-vilnius-2023.txt"):
        text = (CORPUS / name).read_text(encoding="utf-8")
        document_ingest(source=SourceText(text=text, filename=name, format="text"))
    summits, topics = _stored()
    assert sum(summits.values()) > 50 and sum(topics.values()) > 10
    _assert_in_step()

    # An editor changes a statement's stance and topics in the admin.
    statement = Statement.objects.filter(topics__isnull=False).order_by("pk").first()
    other = Topic.objects.exclude(statements=statement).order_by("pk").first()
    url = reverse("admin:coverage_statement_change", args=[statement.pk])
    stance = "opposes" if statement.stance != "opposes" else "supports"
    response = client.post(url, form_data(statement, stance=stance, topics=[other.pk]))
    assert response.status_code == 302
    _assert_in_step()

    # Bulk actions: hide, then publish some again; delete others (tombstoned).
    first_five = list(Statement.objects.order_by("pk").values_list("pk", flat=True)[:5])
    records_set_state(queryset=Statement.objects.filter(pk__in=first_five), state=HIDDEN)
    records_set_state(queryset=Response.objects.all(), state=HIDDEN)
    _assert_in_step()
    records_set_state(queryset=Response.objects.all(), state=ReviewState.VERIFIED)
    two = list(Meeting.objects.order_by("pk").values_list("pk", flat=True)[:2])
    records_delete(queryset=Meeting.objects.filter(pk__in=two))
    tagged = Statement.objects.filter(topics__isnull=False).order_by("-pk").first()
    records_delete(queryset=Statement.objects.filter(pk=tagged.pk))
    _assert_in_step()

    # A changed version of a document is re-ingested: records move, go and come.
    changed = sample_text.replace("Xi Jinping", "Chinese President Xi Jinping", 1)
    cut = changed[: len(changed) * 2 // 3]
    document_ingest(source=SourceText(text=cut, filename=sample_source.filename, format="text"))
    _assert_in_step()

    # A document moved to another summit takes its records without a summit of their own.
    document = Document.objects.order_by("pk").first()
    Statement.objects.filter(document=document).update(summit=None)
    Response.objects.filter(document=document).update(summit=None)
    tallies.tallies_rebuild()  # (update() above is not a write path: set up the case)
    elsewhere = Summit.objects.create(name="Elsewhere", slug="elsewhere", year=2020)
    document.summit = elsewhere
    document.save()
    _assert_in_step()

    # A summit deleted (its records' and documents' summit set to none), a document deleted.
    elsewhere.delete()
    _assert_in_step()
    Document.objects.order_by("-pk").first().delete()
    _assert_in_step()
    # A topic deleted in the admin.
    topic = Topic.objects.filter(statements__isnull=False).order_by("pk").first()
    client.post(reverse("admin:coverage_topic_delete", args=[topic.pk]), {"post": "yes"})
    assert not Topic.objects.filter(pk=topic.pk).exists()
    _assert_in_step()


def test_ensure_restores_missing_triggers_and_recounts_what_they_missed(lexicon, sample_source):
    from django.db import connection

    document_ingest(source=sample_source)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute('DROP TRIGGER "coverage_statement_tally_update"')
        else:
            cursor.execute('DROP TRIGGER "coverage_statement_tally_update" ON coverage_statement')
    Statement.objects.update(review_state=HIDDEN)
    assert _stored() != _recount()
    assert tallies.ensure() == ["coverage_statement_tally_update"]
    _assert_in_step()
    assert tallies.ensure() == []


def test_tallies_equal_a_recount_after_editors_merge_summits_and_actors(lexicon, sample_source):
    document_ingest(source=sample_source)
    document_ingest(source=article_source("brics-visit.txt"))
    _assert_in_step()
    keep, *rest = Summit.objects.order_by("pk")
    summits_merge(keep=keep, merge=rest)
    _assert_in_step()
    speakers = Actor.objects.filter(statements__isnull=False).distinct().order_by("pk")[:2]
    keep_actor, other = list(speakers)
    actors_merge(keep=keep_actor, merge=[other])
    _assert_in_step()
    assert Statement.objects.filter(speaker=keep_actor).exists()
