"""The admin: editors correct and upload; what they touch is flagged; users stay off limits."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coverage.models import Document, ReviewState, Statement, Tombstone
from coverage.services import document_ingest
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingested(lexicon, sample_source):
    return document_ingest(source=sample_source)


def form_data(statement: Statement, **changes) -> dict:
    data = {
        "speaker": statement.speaker_id,
        "quote": statement.quote,
        "summary": statement.summary,
        "stance": statement.stance,
        "topics": [t.pk for t in statement.topics.all()],
        "date": statement.date.isoformat() if statement.date else "",
        "date_precision": statement.date_precision,
        "event": "",
        "summit": statement.summit_id or "",
        "review_state": statement.review_state,
        "document": statement.document_id,
        "source_start": statement.source_start,
        "source_end": statement.source_end,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_editor_corrects_a_statement_and_it_is_flagged_edited(client, editor, ingested):
    statement = Statement.objects.filter(speaker__name="Xi Jinping").first()
    url = reverse("admin:coverage_statement_change", args=[statement.pk])
    response = client.post(url, form_data(statement, summary="Corrected", stance="opposes"))
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert (statement.summary, statement.stance, statement.edited) == ("Corrected", "opposes", True)
    # The change is recorded in the history with who made it.
    assert statement.history.first().history_user == editor


def test_change_page_shows_the_source_passage(client, editor, ingested):
    statement = Statement.objects.first()
    page = client.get(reverse("admin:coverage_statement_change", args=[statement.pk]))
    assert page.status_code == 200
    assert statement.source_text[:60] in page.content.decode()


def test_bulk_verify_and_hide_actions(client, editor, ingested):
    ids = list(Statement.objects.values_list("pk", flat=True)[:2])
    changelist = reverse("admin:coverage_statement_changelist")
    client.post(changelist, {"action": "make_hidden", "_selected_action": ids})
    assert set(Statement.objects.filter(pk__in=ids).values_list("review_state", flat=True)) == {
        ReviewState.HIDDEN
    }
    client.post(changelist, {"action": "make_verified", "_selected_action": ids})
    assert Statement.objects.filter(pk__in=ids, review_state=ReviewState.VERIFIED).count() == 2


def test_deleting_in_the_admin_leaves_a_tombstone(client, editor, ingested):
    statement = Statement.objects.first()
    url = reverse("admin:coverage_statement_delete", args=[statement.pk])
    client.post(url, {"post": "yes"})
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert Tombstone.objects.filter(fingerprint=statement.fingerprint).exists()


def test_upload_ingests_the_document(client, editor, lexicon, sample_text):
    upload = SimpleUploadedFile("summit.txt", sample_text.encode("utf-8"))
    response = client.post(reverse("admin:coverage_document_upload"), {"file": upload})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.text == sample_text
    assert Statement.objects.filter(document=document).count() > 5


def test_upload_of_a_bad_file_shows_the_error_and_adds_nothing(client, editor, lexicon):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    response = client.post(reverse("admin:coverage_document_upload"), {"file": upload})
    assert response.status_code == 200
    assert "photo.txt: binary file, not text" in response.content.decode()
    assert Document.objects.count() == 0


def test_editors_cannot_manage_users(client, editor):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:coverage_statement_changelist")).status_code == 200


def test_anonymous_visitors_get_no_admin_page(client, db):
    response = client.get(reverse("admin:coverage_statement_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_model_has_an_admin_list_that_loads(client, ingested):
    admin_user = User.objects.create_superuser("root", password="x-unused-x")
    client.force_login(admin_user)
    for model in (
        "statement",
        "response",
        "meeting",
        "event",
        "membership",
        "actor",
        "actoralias",
        "topic",
        "term",
        "summit",
        "document",
    ):
        page = client.get(reverse(f"admin:coverage_{model}_changelist"))
        assert page.status_code == 200, model


def test_history_lists_changes_and_reverts_them(client, editor, ingested):
    statement = Statement.objects.first()
    original = statement.summary
    url = reverse("admin:coverage_statement_change", args=[statement.pk])
    client.post(url, form_data(statement, summary="A wrong correction"))
    history = client.get(reverse("admin:coverage_statement_history", args=[statement.pk]))
    assert history.status_code == 200 and "editor" in history.content.decode()

    # Revert to the extracted version from the history page's form.
    first = statement.history.earliest()
    revert_url = reverse(
        "admin:coverage_statement_simple_history", args=[statement.pk, first.history_id]
    )
    assert client.get(revert_url).status_code == 200
    response = client.post(revert_url, form_data(first.instance, summary=original))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.summary == original


def test_the_documents_list_counts_statements_without_a_query_per_document(admin_client):
    def documents_page(more: int) -> tuple[str, int]:
        for _ in range(more):
            document = f.document()
            f.statement(doc=document)
            f.statement(doc=document)
        with CaptureQueriesContext(connection) as queries:
            page = admin_client.get(reverse("admin:coverage_document_changelist"))
        return page.content.decode(), len(queries)

    html, two_documents = documents_page(2)
    assert html.count('<td class="field-record_count">2</td>') == 2
    html, seven_documents = documents_page(5)
    assert html.count('<td class="field-record_count">2</td>') == 7
    assert seven_documents == two_documents
