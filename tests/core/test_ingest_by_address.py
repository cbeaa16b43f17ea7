"""Ingest by address: the command and the admin fetch a page, keep its article, title, date and
address; every failure is one clear line; the server fetches only from public addresses unless
COVERAGE_FETCH_ALLOW_PRIVATE allows more."""

import datetime as dt
import io
import ipaddress
import socket

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coverage.fetch import refused_reason, source_from_url
from coverage.models import Document, Statement
from coverage.sources import InputError
from tests.core import local_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.COVERAGE_FETCH_ALLOW_PRIVATE = True
    with local_site.serve() as served:
        yield served


def _ingest(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _error(url: str) -> str:
    with pytest.raises(InputError) as caught:
        source_from_url(url)
    return str(caught.value)


def test_the_command_ingests_an_article_from_its_address_with_title_date_and_address(site):
    output = _ingest(f"{site.url}/world/leaders-gather")
    assert f"{site.url}/world/leaders-gather: added document" in output
    document = Document.objects.get()
    assert document.title == "Leaders gather in Tianjin"
    assert document.published == dt.date(2025, 9, 1)
    assert document.source_url == f"{site.url}/world/leaders-gather"
    assert document.filename == ""
    assert "Xi Jinping welcomed" in document.text and "© Example News" not in document.text
    assert Statement.objects.filter(document=document, speaker__name="Xi Jinping").exists()


def test_the_same_address_again_is_a_reingest_of_that_document(site):
    _ingest(f"{site.url}/world/leaders-gather")
    site.change_article(local_site.ARTICLE_TEXT + " Putin said the talks were constructive.")
    # A redirect and another address of the same page lead to its canonical address.
    output = _ingest(f"{site.url}/moved", f"{site.url}/world/leaders-gather-amp")
    # The changed page replaces the document it was (same address); the other is unchanged.
    document = Document.objects.get()
    assert f"moved: replaced document {document.pk}" in output
    assert "(the same source address)" in output
    assert f"leaders-gather-amp: re-ingested document {document.pk}" in output
    assert "constructive" in document.text


def test_a_redirect_is_followed_to_the_article(site):
    assert "Xi Jinping welcomed" in source_from_url(f"{site.url}/moved").text


def test_an_unreachable_address_is_one_clear_line():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError, match=r"unreachable \(Connection refused\)"):
        source_from_url(f"http://127.0.0.1:{port}/", allow_private=True)


def test_a_page_that_is_not_html_is_refused(site):
    assert _error(f"{site.url}/paper.pdf").endswith(
        "not an HTML page (the server sent application/pdf)"
    )


def test_a_page_over_the_size_limit_is_refused(site, settings):
    settings.COVERAGE_MAX_UPLOAD_BYTES = 10_000
    assert "over the 10,000-byte limit" in _error(f"{site.url}/huge.html")


def test_a_page_without_article_text_is_refused(site):
    assert _error(f"{site.url}/menu.html").endswith("no article text found in the HTML")


def test_a_missing_page_names_the_status(site):
    assert _error(f"{site.url}/gone").endswith("the server answered 404 Not Found")


def test_too_many_redirects_are_refused(site):
    assert _error(f"{site.url}/loop").endswith("more than 3 redirects")


def test_a_redirect_to_another_scheme_is_refused(site):
    assert "only http:// and https:// addresses" in _error(f"{site.url}/to-file")


def test_a_page_that_does_not_answer_in_time_is_refused(site):
    with pytest.raises(InputError, match="no answer within 0.5 seconds"):
        source_from_url(f"{site.url}/slow.html", timeout=0.5)


def test_a_page_sent_a_little_at_a_time_must_arrive_within_the_timeout(site):
    with pytest.raises(InputError, match="page not received within 0.5 seconds"):
        source_from_url(f"{site.url}/drip.html", timeout=0.5)


def test_loopback_is_refused_unless_allowed(site, settings):
    settings.COVERAGE_FETCH_ALLOW_PRIVATE = False
    error = _error(f"{site.url}/world/leaders-gather")
    assert "refused: 127.0.0.1 is a loopback address" in error
    assert "COVERAGE_FETCH_ALLOW_PRIVATE=1" in error
    assert "refused" in _error("http://localhost:9/") and Document.objects.count() == 0


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.1.2.3", "a private"),
        ("192.168.0.10", "a private"),
        ("169.254.169.254", "a link-local"),  # cloud metadata service
        ("::1", "a loopback"),
        ("::ffff:127.0.0.1", "a loopback"),
        ("fe80::1", "a link-local"),
        ("0.0.0.0", "a reserved"),
        ("100.64.0.1", "a non-public"),  # carrier-grade NAT
        ("224.0.0.1", "a multicast"),
        ("93.184.216.34", None),
        ("2606:4700::6810:85e5", None),
    ],
)
def test_only_public_addresses_are_fetched_from(address, reason):
    assert refused_reason(ipaddress.ip_address(address)) == reason


def test_other_schemes_are_refused():
    assert "only http:// and https://" in _error("ftp://example.org/article.html")


def test_the_command_reports_a_failed_address_and_exits_non_zero(site):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files not ingested"):
        call_command(
            "ingest", f"{site.url}/paper.pdf", f"{site.url}/moved", stdout=io.StringIO(), stderr=err
        )
    assert "paper.pdf: not an HTML page" in err.getvalue()
    assert Document.objects.count() == 1


def test_the_admin_adds_a_document_from_its_address(client, editor, site):
    url = reverse("admin:coverage_document_fetch")
    response = client.post(url, {"url": f"{site.url}/moved"})
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:coverage_document_change", args=[document.pk])
    assert (document.title, document.published) == (
        "Leaders gather in Tianjin",
        dt.date(2025, 9, 1),
    )
    page = client.get(response["Location"]).content.decode()
    assert "Added “Leaders gather in Tianjin”" in page


def test_the_admin_shows_a_fetch_error_on_the_form(client, editor, site):
    response = client.post(
        reverse("admin:coverage_document_fetch"), {"url": f"{site.url}/paper.pdf"}
    )
    assert response.status_code == 200
    assert "paper.pdf: not an HTML page" in response.content.decode()
    assert Document.objects.count() == 0


def test_the_documents_list_links_to_add_from_address(client, editor):
    page = client.get(reverse("admin:coverage_document_changelist")).content.decode()
    assert reverse("admin:coverage_document_fetch") in page and "Add from address" in page
