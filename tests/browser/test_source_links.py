import pytest

from tests.browser import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_following_a_source_link_lands_on_the_highlighted_passage(live_server, page, screenshots):
    data = sample.build()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + "/statements/")
    anchor = data["putin_said"].anchor
    page.locator(f'a[href$="#{anchor}"]').click()
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"mark#{anchor}")
    assert target.is_visible()
    assert target.evaluate("el => el.matches(':target')")
    assert target.evaluate("el => el.classList.contains('is-current')")
    box = target.bounding_box()
    assert 0 <= box["y"] < 900
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    other = page.locator("mark.passage:not(:target):not(.is-current)").first
    assert background != other.evaluate("el => getComputedStyle(el).backgroundColor")
    page.screenshot(path=str(screenshots / "document-target-desktop.png"))


def test_the_article_script_in_a_document_is_shown_as_text_not_run(live_server, page):
    data = sample.build()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server.url + data["doc"].get_absolute_url())
    assert page.get_by_text('<script>alert("not executed")</script>').count() == 1
    assert dialogs == []


def test_timeline_entry_links_to_its_passage(live_server, page):
    sample.build()
    page.goto(live_server.url + "/timeline/")
    page.locator(".timeline__event", has_text="Iran admitted").get_by_role(
        "link", name="source"
    ).click()
    page.wait_for_url("**/documents/**#event-*")
    assert page.locator("mark:target").inner_text() == "admitted Iran in July 2023"
