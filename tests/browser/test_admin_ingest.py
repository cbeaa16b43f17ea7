"""An editor adds documents in the admin: from an address, several files at once, and a zip."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from coverage.models import Document
from tests.browser.helpers import PageWatch, log_in
from tests.core import local_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NAMES = ["apec-lima-2024.txt", "asean-jakarta-2023.txt", "au-addis-ababa-2024.txt"]


@pytest.fixture
def editor_page(live_server, page):
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    log_in(page, live_server.url, "editor", PASSWORD)
    return page


def test_editor_adds_a_document_from_its_address(live_server, editor_page, settings, screenshots):
    settings.COVERAGE_FETCH_ALLOW_PRIVATE = True
    page = editor_page
    watch = PageWatch(page)
    page.goto(live_server.url + "/admin/coverage/document/")
    page.click("text=Add from address")
    page.wait_for_url("**/admin/coverage/document/fetch/")
    with local_site.serve() as site:
        page.fill("#id_url", f"{site.url}/world/leaders-gather")
        page.click("input[type=submit][value='Fetch and ingest']")
        page.wait_for_url("**/change/")
    assert "Added “Leaders gather in Tianjin”" in page.locator("ul.messagelist").inner_text()
    assert page.input_value("#id_title") == "Leaders gather in Tianjin"
    assert page.input_value("#id_published") == "01/09/2025"  # the admin shows dd/mm/yyyy
    page.screenshot(path=screenshots / "admin-fetch-added.png", full_page=True)

    page.goto(live_server.url + "/admin/coverage/document/fetch/")
    page.fill("#id_url", "http://127.0.0.1:9/nothing-here")
    page.click("input[type=submit][value='Fetch and ingest']")
    assert "unreachable" in page.locator(".errorlist").inner_text()
    assert not watch.problems, watch.problems


def test_editor_uploads_three_files_then_a_zip_and_sees_a_line_per_file(
    live_server, editor_page, tmp_path, screenshots
):
    page = editor_page
    watch = PageWatch(page)
    page.goto(live_server.url + "/admin/coverage/document/add/")
    page.wait_for_url("**/admin/coverage/document/upload/")
    page.set_input_files("#id_file", [str(CORPUS / name) for name in NAMES])
    page.click("input[type=submit][value='Upload and ingest']")
    lines = page.locator("ol.ingest-results li")
    lines.nth(2).wait_for()
    texts = lines.all_inner_texts()
    assert [t.split(":")[0] for t in texts] == NAMES
    assert all(": added " in t for t in texts)
    assert (
        "3 added, 0 re-ingested, 0 replaced, 0 refused"
        in page.locator(".ingest-summary").inner_text()
    )
    page.screenshot(path=screenshots / "admin-batch-upload.png", full_page=True)

    archive = tmp_path / "articles.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(NAMES[0], (CORPUS / NAMES[0]).read_bytes())
        zf.writestr("notes.pdf", b"%PDF-1.4")
    archive.write_bytes(buffer.getvalue())
    page.click("text=Upload more")
    page.set_input_files("#id_file", str(archive))
    page.click("input[type=submit][value='Upload and ingest']")
    page.locator(".ingest-summary").wait_for()
    texts = page.locator("ol.ingest-results li").all_inner_texts()
    assert texts[0].startswith(f"articles.zip › {NAMES[0]}: re-ingested")
    assert "notes.pdf: refused: notes.pdf: unsupported file type" in texts[1]
    page.screenshot(path=screenshots / "admin-zip-upload.png", full_page=True)
    assert Document.objects.count() == 3
    assert not watch.problems, watch.problems
