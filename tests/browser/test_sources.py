"""Two outlets reporting one summit day, in Chromium: the timeline says “reported in 2
sources” and each link opens its own document at the highlighted passage; an editor merges
two statements of one quotation from the admin list."""

import pytest
from django.contrib.auth import get_user_model

from coverage.lexicon import lexicon_seed
from coverage.models import Event, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText
from tests.browser.helpers import PageWatch, log_in
from tests.two_outlets import PAPER, WIRE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


def _ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=name, format="text")).document


def test_both_links_of_a_record_reported_twice_open_the_right_highlighted_passage(
    live_server, page, screenshots
):
    lexicon_seed()
    wire, paper = _ingest(WIRE, "wire.txt"), _ingest(PAPER, "paper.txt")
    event = Event.objects.get(kind="summit")
    in_paper = event.passages.get(document=paper)
    watch = PageWatch(page)

    page.goto(live_server.url + "/timeline/")
    entry = page.locator(".timeline__event", has_text=event.title)
    assert "reported in 2 sources" in entry.inner_text()
    page.screenshot(path=str(screenshots / "timeline-reported-in-2-sources.png"), full_page=True)

    entry.get_by_role("link", name="source 2 of 2").click()
    page.wait_for_url(f"**{paper.get_absolute_url()}#{event.anchor}")
    mark = page.locator(f"mark#{event.anchor}")
    assert mark.is_visible()
    assert paper.text[in_paper.start : in_paper.end].startswith(mark.inner_text()[:20])

    page.go_back()
    page.locator(".timeline__event", has_text=event.title).get_by_role(
        "link", name="source"
    ).first.click()
    page.wait_for_url(f"**{wire.get_absolute_url()}#{event.anchor}")
    mark = page.locator(f"mark#{event.anchor}")
    assert wire.text[event.source_start : event.source_end].startswith(mark.inner_text()[:20])
    assert not watch.problems, watch.problems


def test_an_editor_merges_a_paraphrase_into_the_quotation_it_reports(
    live_server, page, screenshots
):
    lexicon_seed()
    _ingest(WIRE, "wire.txt")
    _ingest(
        PAPER.replace(
            'the bloc must build "a fairer world order free of unilateral sanctions and pressure"',
            "the bloc needed a fairer world order without sanctions and outside pressure",
        ),
        "paper.txt",
    )
    quoted, reported = Statement.objects.order_by("pk")
    assert reported.possible_duplicate_of == quoted
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    watch = PageWatch(page)
    log_in(page, live_server.url, "editor", PASSWORD)
    watch.problems.clear()  # the admin's login page asks for a /favicon.ico it has not got

    page.goto(live_server.url + "/admin/coverage/statement/?possible_duplicate=yes")
    assert page.locator("#result_list tbody tr").count() == 1
    page.goto(live_server.url + "/admin/coverage/statement/?speaker__id__exact="
              f"{quoted.speaker_id}")  # fmt: skip
    page.check("#action-toggle")
    page.select_option("select[name=action]", "merge_records")
    page.click("button[name=index]")
    page.wait_for_selector("text=Choose the statement that stays")
    page.check(f"input[name=keep][value='{quoted.pk}']")
    page.screenshot(path=str(screenshots / "admin-merge-records.png"), full_page=True)
    page.click("input[type=submit][value^='Merge into']")

    page.wait_for_selector("text=Merged 1 into")
    assert list(Statement.objects.all()) == [quoted]
    assert quoted.passages.count() == 2
    page.goto(live_server.url + f"/admin/coverage/statement/{quoted.pk}/change/")
    assert page.get_by_text("paper.txt").count() + page.get_by_text("Putin and Xi").count() > 0
    assert not watch.problems, watch.problems
