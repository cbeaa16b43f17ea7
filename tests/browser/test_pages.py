"""Every public page, desktop and phone: no console errors, no CSP violations, no serious axe
violations, and a screenshot of each in artifacts/screenshots/."""

import pytest

from tests.browser import sample
from tests.browser.helpers import (
    PageWatch,
    csp_violations,
    listen_for_csp,
    serious_axe_violations,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _pages(data):
    return {
        "dashboard": "/",
        "timeline": "/timeline/",
        "positions": "/positions/",
        "topic": data["security"].get_absolute_url(),
        "statements": "/statements/",
        "meetings": "/meetings/",
        "responses": "/responses/",
        "events": "/events/",
        "actors": "/actors/",
        "actor": data["putin"].get_absolute_url(),
        "documents": "/documents/",
        "document": data["doc"].get_absolute_url(),
        "search": "/search/?q=Putin",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_is_clean_accessible_and_screenshotted(
    live_server, browser, viewport, screenshots
):
    data = sample.build()
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    watch = PageWatch(page)
    listen_for_csp(page)
    failures = []
    for name, path in _pages(data).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.screenshot(path=str(screenshots / f"{name}-{viewport}.png"), full_page=True)
        failures += [f"{path}: {v}" for v in serious_axe_violations(page)]
        failures += [f"{path}: CSP {v}" for v in csp_violations(page)]
        failures += [f"{path}: {p}" for p in watch.problems]
        watch.problems.clear()
        if viewport == "phone":
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 1:
                failures.append(f"{path}: page scrolls sideways by {overflow}px at 390px")
    context.close()
    assert not failures, "\n".join(failures)


def test_hidden_and_unverified_records_show_correctly_in_the_browser(live_server, page):
    sample.build()
    page.goto(live_server.url + "/statements/")
    assert page.get_by_text("A remark an editor hid.").count() == 0
    assert page.locator(".badge--unverified").first.inner_text().lower() == "unverified"


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(live_server, page):
    sample.build()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_pages_work_with_javascript_off(live_server, browser):
    data = sample.build()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/statements/")
    page.select_option("#id_speaker", label="Vladimir Putin")
    page.click("text=Apply filters")
    assert "speaker=" in page.url
    assert page.locator("tbody tr").count() == 1
    assert "special and privileged" in page.locator("tbody").inner_text()
    page.goto(live_server.url + data["putin_said"].source_url())
    assert page.locator(f"#{data['putin_said'].anchor}").is_visible()
    context.close()
