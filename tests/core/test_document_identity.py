"""A document is known by its text and address, not its file name: an upload replaces an
earlier document only when it is a version of it, and the admin asks first."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from coverage.models import Document, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText
from tests.core.conftest import article_source

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:coverage_document_upload")


def as_file(text: str, name: str, url: str = "") -> SourceText:
    return SourceText(text=text, filename=name, format="text", source_url=url)


def a_new_version(text: str) -> str:
    return text.replace("Tianjin, China", "Updated 2 September 2025\nTianjin, China", 1)


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", password="pw-not-used"))
    return client


def test_an_unrelated_article_under_a_taken_file_name_is_a_new_document(lexicon, sample_text):
    first = document_ingest(source=as_file(sample_text, "article.txt")).document
    records = Statement.objects.filter(document=first).count()
    other = article_source("brics-visit.txt").text

    result = document_ingest(source=as_file(other, "article.txt"))

    assert result.created and result.document.pk != first.pk
    first.refresh_from_db()
    assert first.text == sample_text and first.title.startswith("SCO Summit")
    assert Statement.objects.filter(document=first).count() == records


def test_a_new_version_under_the_same_file_name_replaces_its_document(lexicon, sample_text):
    first = document_ingest(source=as_file(sample_text, "article.txt")).document
    result = document_ingest(source=as_file(a_new_version(sample_text), "article.txt"))
    assert result.document.pk == first.pk and Document.objects.count() == 1
    assert result.action().startswith(f"replaced document {first.pk} “SCO Summit")
    assert "the same file name and 9" in result.action()  # 9x% of its sentences


def test_the_same_source_address_replaces_the_document_whatever_its_text(lexicon, sample_text):
    url = "https://news.example/sco"
    first = document_ingest(source=as_file(sample_text, "a.txt", url)).document
    other = article_source("brics-visit.txt").text
    result = document_ingest(source=as_file(other, "b.txt", url))
    assert result.document.pk == first.pk and Document.objects.count() == 1
    assert "the same source address" in result.action()


def test_the_ingest_command_says_which_document_it_replaced(lexicon, sample_text, tmp_path):
    path = tmp_path / "sco.txt"
    path.write_text(sample_text, encoding="utf-8")
    call_command("ingest", str(path))
    document = Document.objects.get()
    path.write_text(a_new_version(sample_text), encoding="utf-8")

    out = io.StringIO()
    call_command("ingest", str(path), stdout=out)

    assert out.getvalue().startswith(
        f"sco.txt: replaced document {document.pk} “{document.title}” (the same file name and"
    )


def test_the_admin_asks_before_an_upload_replaces_a_document(admin_client, lexicon, sample_text):
    document = document_ingest(source=as_file(sample_text, "sco.txt")).document
    upload = SimpleUploadedFile("sco.txt", a_new_version(sample_text).encode())

    page = admin_client.post(UPLOAD, {"file": upload})

    assert page.status_code == 200
    html = page.content.decode()
    assert "This will replace" in html and escape(document.title) in html
    document.refresh_from_db()
    assert document.text == sample_text  # nothing replaced yet
    token = page.context["token"]
    done = admin_client.post(UPLOAD, {"confirm": "Replace it", "token": token})
    assert done.status_code == 302
    document.refresh_from_db()
    assert document.text == a_new_version(sample_text) and Document.objects.count() == 1


def test_a_confirmation_without_its_waiting_upload_changes_nothing(
    admin_client, lexicon, sample_text
):
    document = document_ingest(source=as_file(sample_text, "sco.txt")).document
    admin_client.post(UPLOAD, {"file": SimpleUploadedFile("sco.txt", b"x" * 10)})  # refused
    done = admin_client.post(UPLOAD, {"confirm": "Replace it", "token": "forged"}, follow=True)
    assert "no longer waiting" in done.content.decode()
    document.refresh_from_db()
    assert document.text == sample_text


def test_an_unrelated_upload_under_a_taken_file_name_is_added_without_asking(
    admin_client, lexicon, sample_text
):
    document_ingest(source=as_file(sample_text, "article.txt"))
    other = article_source("brics-visit.txt").text.encode()
    done = admin_client.post(UPLOAD, {"file": SimpleUploadedFile("article.txt", other)})
    assert done.status_code == 302
    assert Document.objects.count() == 2
    assert Document.objects.filter(text=sample_text).exists()
