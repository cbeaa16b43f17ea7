"""An editor corrects a statement in the admin and readers see the correction."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser import sample
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


def test_editor_corrects_a_statement_in_the_admin_and_the_public_page_shows_it(live_server, page):
    data = sample.build()
    statement = data["putin_said"]
    statement.quote = "special and privilidged"
    statement.save()
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)

    page.goto(live_server.url + "/statements/")
    assert page.get_by_text("special and privilidged").count() == 1

    log_in(page, live_server.url, "editor", PASSWORD)

    page.goto(live_server.url + f"/admin/coverage/statement/{statement.pk}/change/")
    page.fill("#id_quote", "special and privileged")
    page.select_option("#id_review_state", "verified")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/coverage/statement/")

    page.goto(live_server.url + f"/statements/?speaker={data['putin'].pk}")
    row = page.locator("table.data-table tbody tr").first
    assert "special and privileged" in row.inner_text()
    assert "privilidged" not in page.content()
    assert row.locator(".badge--verified").inner_text().lower() == "verified"
