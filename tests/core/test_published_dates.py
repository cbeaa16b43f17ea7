"""Publication dates outside 1900..next year are refused with a message; relative dates
("tomorrow", "next year") near the ends of the calendar never overflow."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from coverage.extract import extract_document, load_seed_lexicon
from coverage.models import Document
from coverage.services import document_ingest
from coverage.sources import SourceText

NEXT_YEAR = dt.date.today().year + 1
RELATIVE = (
    "\n\nVladimir Putin said tomorrow's talks, next week's visit and next year's summit would "
    "build on what was agreed yesterday, last month and on Monday.\n"
)


@pytest.fixture
def article(sample_text) -> str:
    return sample_text + RELATIVE


@pytest.mark.parametrize(
    "published", ["9999-12-31", "0001-01-01", "1899-12-31", f"{NEXT_YEAR + 1}-01-01"]
)
def test_the_command_refuses_a_published_date_out_of_range(lexicon, tmp_path, article, published):
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    with pytest.raises(
        CommandError,
        match=f"--published: publication date {published} is not between 1900 and {NEXT_YEAR}",
    ):
        call_command("ingest", str(tmp_path), "--published", published)
    assert not Document.objects.exists()


@pytest.mark.parametrize("published", ["1900-01-01", f"{NEXT_YEAR}-12-31"])
def test_the_command_accepts_the_ends_of_the_range(lexicon, tmp_path, article, published):
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    call_command("ingest", str(tmp_path), "--published", published)
    assert Document.objects.get().published.isoformat() == published


@pytest.mark.django_db
def test_the_admin_upload_refuses_a_published_date_out_of_range(client, lexicon, article):
    client.force_login(User.objects.create_superuser("chief", password="x-Password-123"))
    upload = SimpleUploadedFile("summit.txt", article.encode("utf-8"))
    response = client.post(
        reverse("admin:coverage_document_upload"), {"file": upload, "published": "9999-12-31"}
    )
    assert response.status_code == 200
    assert (
        f"Publication date 9999-12-31 is not between 1900 and {NEXT_YEAR}."
        in response.content.decode()
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "published", [dt.date(9999, 12, 31), dt.date(9999, 12, 27), dt.date(1, 1, 1), dt.date(1, 1, 3)]
)
def test_relative_dates_at_the_ends_of_the_calendar_never_overflow(article, published):
    extraction = extract_document(article, load_seed_lexicon(), published=published)
    assert extraction.statements
    dates = [s.date for s in extraction.statements if s.date]
    assert all(1 <= d.year <= 9999 for d in dates)


def test_relative_dates_are_still_resolved_inside_the_calendar(article):
    extraction = extract_document(article, load_seed_lexicon(), published=dt.date(2025, 9, 1))
    (said,) = [s for s in extraction.statements if "tomorrow" in article[s.start : s.end]]
    assert said.date is not None and said.date.year == 2025


@pytest.mark.django_db
def test_a_caller_passing_an_extreme_date_to_the_service_gets_no_traceback(lexicon, article):
    result = document_ingest(
        source=SourceText(text=article, filename="edge.txt", format="text"),
        published=dt.date(9999, 12, 31),
    )
    assert result.document.published == dt.date(9999, 12, 31)
