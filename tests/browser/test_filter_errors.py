import pytest
from playwright.sync_api import expect

from tests.browser import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_bad_date_filter_is_announced_on_its_field(live_server, page, screenshots):
    sample.build()
    page.goto(live_server.url + "/statements/?date_from=2025-13-45")
    field = page.get_by_label("From date")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("Enter a valid date.")
    expect(page.get_by_role("alert")).to_contain_text("Some filters could not be applied")
    page.screenshot(path=screenshots / "filter-error.png", full_page=False)
