import pytest

from tests.browser import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_timeline_prints_without_navigation_or_filters(live_server, page, screenshots):
    sample.build()
    page.goto(live_server.url + "/timeline/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator("form.filters").is_visible()
    assert page.locator(".timeline__event").first.is_visible()
    page.screenshot(path=str(screenshots / "timeline-print.png"), full_page=True)
    assert page.pdf()[:4] == b"%PDF"
